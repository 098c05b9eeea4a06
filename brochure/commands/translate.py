"""`brochure translate export|import`: a translator's round trip through an XLIFF 1.2 file.

The export gives a translator every translated text of the content with where it is printed and about
how many characters its space holds, measured in the last print PDF (built first where there is none or
the content is newer). The import judges the whole file before it writes a thing; then it writes the
targets into the content file in place (comments kept), loads the content again (the old bytes go back
if it no longer loads), builds, and names each overflow by the unit whose text is on that panel.

With an event file, the texts are the event's (its title and its sections), written into that file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brochure.commands.build import BuildResult, build
from brochure.content.events import EVENTS_FOLDER, event_content, event_slug
from brochure.content.load import Content, load_content
from brochure.content.write import Change, current_value, write_changes
from brochure.content.xliff import Translation, Unit, problems, read_xliff, xliff_bytes
from brochure.editions import BuildSettings
from brochure.errors import CheckFailed, InputError
from brochure.files.output import write_atomic
from brochure.preflight.placement import leaves
from brochure.preflight.registry import Finding
from brochure.preflight.room import Room, rooms_of
from brochure.render.warm.session import Session
from brochure.schema.values import Block, TextAlternative, TranslatedText
from brochure.sheet.layout import Layout


@dataclass(frozen=True)
class Project:
    """What is translated: the content (an event printed over it), and the file whose texts these are."""

    content: Content
    file: Path  # content.yaml, or the event's file
    event: Path | None

    @property
    def stem(self) -> str:
        """What the outputs' names start with, as a build names them."""
        return f"{self.content.name}-{event_slug(self.event)}" if self.event else self.content.name


@dataclass(frozen=True)
class Text:
    """One translated text of the file: its unit id, its value in every language and where it is."""

    id: str
    value: TranslatedText
    section: str | None  # None for the title
    where: str  # its block and field, in words


@dataclass(frozen=True)
class Imported:
    """What an import did: the fields it changed, and the build after it (`failed`: its checks failed)."""

    changed: tuple[str, ...]
    result: BuildResult | None
    failed: CheckFailed | None
    overflows: tuple[str, ...]  # one line each, with the unit's id


def load_project(content_path: Path, event: Path | None = None, *, keep: bool = True) -> Project:
    """The content at `content_path` loaded, with the event file `event` over it if one is given."""
    content = load_content(content_path, disk_cache=keep)
    if event is None:
        return Project(content, content.path, None)
    return Project(event_content(content, event), event.resolve(), event)


def texts(project: Project) -> list[Text]:
    """Every translated text of the project's file that prints, names the leaflet or says what an image shows,
    in the file's order, the title first; not those written once for every language: nothing to translate."""
    title = Text(
        "title" if project.event else "document.title",
        project.content.data["document"]["title"],
        None,
        "the document's title, which PDF readers show; not printed",
    )
    found = [title] if _per_language(project, title) else []
    for name, body in project.content.data["sections"].items():
        if Path(body.get("source", project.content.path)).resolve() != project.file:
            continue  # a section of the base content that an event leaves as it is
        for index, block in enumerate(body["blocks"]):
            prefix = f"{body['blocks_path']}[{index}]"
            kind = getattr(block, "kind", "")
            for path, leaf in (*leaves(block, prefix), *_alternatives(block, prefix)):
                if isinstance(leaf, TranslatedText):
                    field = path.removeprefix(f"{prefix}.{kind}.")
                    found.append(Text(path, leaf, name, f"block {index + 1} ({kind}), field {field}"))
    return [text for text in found if not isinstance(text.value, TextAlternative) or _per_language(project, text)]


def _alternatives(value: Any, path: str) -> Iterator[tuple[str, TextAlternative]]:
    """The text alternatives of a block's images, which `leaves` leaves out: read aloud, never printed."""
    if isinstance(value, TextAlternative):
        yield path, value
    elif isinstance(value, dict):
        step = f"{path}.{value.kind}" if isinstance(value, Block) else path
        for key, item in value.items():
            yield from _alternatives(item, f"{step}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _alternatives(item, f"{path}[{index}]")


def _per_language(project: Project, text: Text) -> bool:
    """Whether the file gives the text per language: one text for every language has nothing to translate.
    Texts that differ between languages are given per language; only the others are looked up in the file."""
    if len({str(value) for value in text.value.values()}) > 1:
        return True
    return isinstance(current_value(project.file, text.id), dict)


def export(
    project: Project, outdir: Path, target: str, source: str | None, out: Path | None, session: Session
) -> tuple[Path, int]:
    """Write the XLIFF file of the project's texts from `source` (default: the first language) into
    `target`; the file written and its number of units."""
    source = source or project.content.languages[0]
    _known_language(project.content, "--to", target)
    _known_language(project.content, "--from", source)
    if source == target:
        raise InputError(f"--from and --to: both are {source!r}; translate from one language into another")
    rooms = rooms_of(_print_pdf(project, outdir, session), project.content)
    units = [
        Unit(
            text.id,
            str(text.value[source]),
            str(text.value[target]),
            _note(text, project.content.layout, target, rooms.get(f"{text.id}.{target}")),
            rooms[f"{text.id}.{target}"].fits if f"{text.id}.{target}" in rooms else None,
        )
        for text in texts(project)
    ]
    out = out or outdir / f"{project.stem}-{target}.xlf"
    write_atomic(out, xliff_bytes(units, source, target, _original(project)))
    return out, len(units)


def import_file(xlf: Path, project: Project, outdir: Path, session: Session) -> Imported:
    """Judge the XLIFF file against the project, write its targets, load the content again and build;
    InputError naming every problem, with nothing written, where the file cannot be taken as it is."""
    translation = read_xliff(xlf)
    if translation.original != _original(project):
        if translation.original.startswith(f"{EVENTS_FOLDER}/"):
            hint = f"import it with --event {translation.original}"
        else:
            hint = "import it without --event" if project.event else "import it into the content it was made from"
        raise InputError(
            f"{xlf}:{translation.line}: original: the file translates {translation.original!r}, "
            f"not {_original(project)!r}: {hint}"
        )
    found = texts(project)
    languages = project.content.languages
    source = translation.source_lang
    expected = {text.id: str(text.value[source]) for text in found} if source in languages else {}
    lines = problems(translation, expected, languages)
    if lines:
        raise InputError("\n".join(lines))
    target = translation.target_lang
    now = {text.id: str(text.value[target]) for text in found}
    changes = [
        Change(f"{unit.id}.{target}", unit.target)
        for unit in translation.units
        if unit.target.strip() and unit.target != now[unit.id]
    ]
    if changes:
        _write(project, changes)
    result, failed = _build(project, outdir, session)
    editions = failed.results if failed is not None else result.editions
    changed = {change.field.removesuffix(f".{target}") for change in changes}
    overflows = tuple(_overflow_lines(translation, project, found, changed, editions))
    return Imported(tuple(change.field for change in changes), result, failed, overflows)


def _write(project: Project, changes: Sequence[Change]) -> None:
    """The changes written into the project's file; its old bytes put back where the content no longer loads."""
    old = project.file.read_bytes()
    write_changes(project.file, changes)
    try:
        load_project(project.content.path, project.event)
    except BaseException:
        write_atomic(project.file, old)
        raise


def _build(project: Project, outdir: Path, session: Session) -> tuple[BuildResult | None, CheckFailed | None]:
    try:
        return build(project.content.path, outdir, None, BuildSettings(event=project.event), session), None
    except CheckFailed as failed:
        return None, failed


def _original(project: Project) -> str:
    """The file an XLIFF file translates, as it names it: relative to the project folder (an event file
    kept elsewhere by its name)."""
    if project.file.is_relative_to(project.content.project_dir):
        return project.file.relative_to(project.content.project_dir).as_posix()
    return project.file.name


def _print_pdf(project: Project, outdir: Path, session: Session) -> Path:
    """The last print PDF, built first where there is none or the content (or the event) changed since;
    where it overflows, the render its checks rejected: what fits there is what a translator needs most."""
    pdf = outdir / f"{project.stem}-print.pdf"
    sources = (project.content.path, *((project.file,) if project.event else ()))
    if pdf.is_file() and pdf.stat().st_mtime >= max(path.stat().st_mtime for path in sources):
        return pdf
    try:
        return build(project.content.path, outdir, ["print"], BuildSettings(event=project.event), session).print_pdf
    except CheckFailed as failed:
        rejected = failed.rejected_render("print")
        if rejected is None:
            raise
        return rejected


def _note(text: Text, layout: Layout, lang: str, room: Room | None) -> str:
    """Where a text is printed, and how much room it has there."""
    if text.section is None:
        return text.where
    if isinstance(text.value, TextAlternative):
        return f"section {text.section}, {text.where}: what the image shows, read aloud by screen readers; not printed"
    panel = room.panel if room else _panel(layout, text.section, lang)
    note = f"printed on panel {panel}: section {text.section}, {text.where}"
    if room is None:
        return note
    if room.overflows:
        fit = f"about {room.fits} characters fit, it has {room.length}"
        return f"{note}; the panel overflows by {-room.free_mm:.1f} mm: {fit}"
    return (
        f"{note}; room for about {room.fits} characters (it has {room.length}), {room.free_mm:.1f} mm free on the panel"
    )


def _panel(layout: Layout, section: str, lang: str) -> str | None:
    """The panel that prints `section` in `lang`."""
    return next((p.id for p in layout.panels if section in p.sections and p.lang in (None, lang)), None)


def _overflow_lines(
    translation: Translation, project: Project, found: list[Text], changed: set[str], editions: Sequence
) -> Iterator[str]:
    """Each overflow the build found, once for each unit it concerns: the units the import changed on its
    panel and the unit its advice names; where there are none, every unit of the language on that panel."""
    target, lines = translation.target_lang, {unit.id: unit.line for unit in translation.units}
    for result in editions:
        for finding in result.report.findings if result.report is not None else ():
            if finding.check != "overflow":
                continue
            on_panel = [
                text
                for text in found
                if text.section
                and not isinstance(text.value, TextAlternative)  # never printed: no overflow of its own
                and _panel(project.content.layout, text.section, target) == finding.panel
            ]
            concerned = [
                text for text in on_panel if text.id in changed or _names(finding, f"{text.id}.{target}")
            ] or on_panel
            said = f"{result.edition} edition: panel {finding.panel}: {finding.message}"
            for text in concerned:
                yield f"{translation.path}:{lines.get(text.id, translation.line)}: unit {text.id}: {said}"
            if not concerned:
                yield f"{translation.path}:{translation.line}: {said}"


def _names(finding: Finding, field: str) -> bool:
    return re.search(re.escape(field) + r"(?![\w.\[])", finding.message) is not None


def _known_language(content: Content, option: str, lang: str) -> None:
    if lang not in content.languages:
        raise InputError(
            f"{option}: no language {lang!r} in {content.path.name}; its languages are {', '.join(content.languages)}"
        )
