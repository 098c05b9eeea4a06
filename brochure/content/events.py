"""Event leaflets: an event file (`events/<slug>.yaml`) read, checked and merged over the base content.

The event's sections replace the base content's sections of the same name or join them
(placed by the event's `panels`), and its title becomes the document's title; everything
else is the base leaflet's. Its outputs are named `<name>-<slug>-…`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from brochure.content.load import Content
from brochure.content.sanity import sanity_warnings
from brochure.errors import InputError
from brochure.files.layouts import NAME, NAME_RULE
from brochure.files.paths import refuse_links_out
from brochure.files.yamlfile import read_yaml
from brochure.schema.base import Context, key_node
from brochure.schema.event import EVENT
from brochure.schema.placing import check_placement

EVENTS_FOLDER = "events"  # beside the content file: where --all-events looks

# Month names of the languages a date is spelled out in; any other prints as YYYY-MM-DD.
_MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "en": "January February March April May June July August September October November December",
}
_WEEKDAYS = {
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
}


def event_slug(path: Path) -> str:
    """The slug an event file gives its outputs: its file name without `.yaml`, checked as a name."""
    slug = path.stem
    if not NAME.match(slug):
        raise InputError(f"{path}: the file name {slug!r} becomes part of the output's name ({NAME_RULE})")
    return slug


def event_files(content_path: Path) -> list[Path]:
    """Every event file in the `events/` folder beside a content file, in name order."""
    folder = content_path.parent / EVENTS_FOLDER
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder; put one YAML file per event in it")
    events = sorted(path for path in folder.iterdir() if path.suffix in (".yaml", ".yml") and path.is_file())
    _check_distinct_slugs(events)
    return events


def _check_distinct_slugs(events: list[Path]) -> None:
    """InputError for two files whose outputs would overwrite each other (`a.yaml` and `a.yml`), before
    anything is built: which one's leaflet is left would depend on which build ends last. Names that
    differ only in case count as one: many file systems do not tell them apart."""
    seen: dict[str, Path] = {}
    for path in events:
        first = seen.setdefault(path.stem.casefold(), path)
        if first is not path:
            raise InputError(
                f"{first} and {path}: both would write the outputs of event {path.stem!r}; rename or remove one"
            )


def event_content(content: Content, path: Path) -> Content:
    """The base content with the event of the file at `path` over it: its sections replace or join the
    base's, its title becomes the document's; every problem in one InputError."""
    event_slug(path)
    refuse_links_out(path, content.project_dir)
    root, values = read_yaml(path, "event", nfc=True)
    base = content.data
    ctx = Context(
        values=values,
        project_dir=content.project_dir,
        languages=tuple(content.languages),
        layout=content.layout,
        palette=tuple(content.layout.palette),
    )
    event = EVENT.validate(root, "", ctx)
    placed = None
    if not ctx.problems:
        # Each of the event's sections knows its file, for messages that point into it.
        sections = {**base["sections"], **{name: {**body, "source": path} for name, body in event["sections"].items()}}
        overrides = {**base["panels"], **event.get("panels", {})}
        placed = check_placement(ctx, sections, key_node(root, "sections"), overrides, root)
    ctx.raise_problems(str(path))
    ctx.warnings += sanity_warnings(ctx)
    data = {**base, "sections": sections, "panels": placed}
    data["document"] = {**base["document"], "title": event["title"]}
    warnings = (*content.warnings, *ctx.warning_lines(str(path)))
    return dataclasses.replace(content, data=data, layout=content.layout.placed(placed), warnings=warnings)


def spelled_date(date: dt.date, lang: str) -> str:
    """A date as a reader of `lang` writes it in full, e.g. samedi 13 mars 2027, Samstag, 13. März 2027."""
    if lang not in _MONTHS:
        return date.isoformat()
    weekday, month = _WEEKDAYS[lang].split()[date.weekday()], _MONTHS[lang].split()[date.month - 1]
    if lang == "de":
        return f"{weekday}, {date.day}. {month} {date.year}"
    if lang == "en":
        return f"{weekday} {date.day} {month} {date.year}"
    return f"{weekday} {'1er' if date.day == 1 else date.day} {month} {date.year}"
