"""`brochure watch`, driven in-process: an edit rebuilds, a broken edit keeps the last good outputs, a fix recovers."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from conftest import ROOT
from openday import FAX, FAX_ERROR, PHONE, with_open_day
from projects import block, edit, edit_content

from brochure.commands.watch import Watcher, file_changes, watch
from brochure.errors import ExitStatus


def test_an_edit_rebuilds_a_broken_edit_keeps_the_outputs_and_a_fix_recovers(project: Path):
    content, out = project / "content.yaml", project / "out"
    watcher = Watcher(content, out, ["print", "previews"])
    first = watcher.rebuild()
    assert first.ok
    assert set(first.changed_panels) == {"cover", "inside-left", "inside-middle", "inside-right", "flap", "back"}
    good = (out / "quattropole-print.pdf").read_bytes()

    edit(content, "au cœur de l'Europe", "au cœur même de l'Europe")
    second = watcher.rebuild()
    assert second.ok and second.changed_panels == ("cover",)
    edited = (out / "quattropole-print.pdf").read_bytes()
    assert edited != good

    edit(content, PHONE, PHONE + FAX)
    broken = watcher.rebuild()
    assert broken.status == ExitStatus.INVALID_INPUT
    assert broken.error == f"{content}:{FAX_ERROR}"
    assert (out / "quattropole-print.pdf").read_bytes() == edited

    edit(content, FAX, "")
    fixed = watcher.rebuild()
    assert fixed.ok and fixed.changed_panels == ()  # the same leaflet as before the broken save
    assert (out / "quattropole-print.pdf").read_bytes() == edited


def test_the_loop_rebuilds_only_for_files_that_can_change_the_leaflet(project: Path):
    with_open_day(project)
    watcher = Watcher(project / "content.yaml", project / "out", ["print"])
    changes = [
        {("modified", str(project / "out" / "quattropole-print.pdf"))},  # an output: ignored
        {("modified", str(project / "content.yaml~"))},  # an editor's backup: ignored
        {("modified", str(project / ".git" / "index"))},  # hidden: ignored
        {("modified", str(project.parent / "elsewhere.yaml"))},  # outside the project: ignored
        {("modified", str(project / "assets" / "logo-quattropole.svg"))},
        {("modified", str(project / "events" / "open-day.yaml"))},
    ]
    rebuilds = list(watch(watcher, changes))
    assert len(rebuilds) == 3  # the first build, then the asset and the event
    assert all(rebuild.ok for rebuild in rebuilds)


def test_a_save_made_during_the_first_build_is_built_too(project: Path):
    watcher = Watcher(project / "content.yaml", project / "out", ["print"])
    rebuild = watcher.rebuild
    builds = []

    def saved_meanwhile(drawn=None):  # the user saves while the first build runs, before anything is watched
        if not builds:
            edit(project / "content.yaml", "im Herzen Europas", "im Herzen von Europa")
        builds.append(rebuild(drawn))
        return builds[-1]

    watcher.rebuild = saved_meanwhile
    assert len(list(watch(watcher, []))) == 2 and all(item.ok for item in builds)
    assert len(list(watch(watcher, []))) == 1 and len(builds) == 3  # nothing saved during this one: built once


def test_a_real_save_is_seen_by_watchfiles(project: Path):
    watcher = Watcher(project / "content.yaml", project / "out", ["print"])
    stop = threading.Event()
    seen: list[set] = []

    def save_then_wait() -> None:
        for batch in file_changes(watcher, stop_event=stop):
            seen.append(batch)
            stop.set()

    thread = threading.Thread(target=save_then_wait, daemon=True)
    thread.start()
    for _ in range(60):  # watchfiles starts watching in its own time: save until it sees a save
        if seen:
            break
        edit(project / "content.yaml", "name: quattropole", "name: quattropole")
        (project / "content.yaml").touch()
        thread.join(timeout=1)
    stop.set()
    thread.join(timeout=10)  # an anti-hang guard, not a timing
    assert seen and any(path.endswith("content.yaml") for batch in seen for _, path in batch)


# A warm process lays out only the pages an edit touches


def laid_out_panels(monkeypatch) -> list[tuple[str, tuple[str, ...]]]:
    """What each WeasyPrint layout from now on held: its edition and its panels, in order."""
    import re

    from brochure.render import pdf
    from brochure.render.warm import kept

    layouts: list[tuple[str, tuple[str, ...]]] = []
    html_of = kept.html_of

    def recorded(text: str, *args):
        edition = re.search(r'<meta name="BrochureEdition" content="(\w+)">', text)
        layouts.append(
            (
                edition[1] if edition else "?",
                tuple(re.findall(r'<section class="panel[^"]*" id="panel-([\w-]+)"', text)),
            )
        )
        return html_of(text, *args)

    monkeypatch.setattr(kept, "html_of", recorded)
    monkeypatch.setattr(pdf, "html_of", recorded)  # the whole leaflet, where it is laid out whole
    return layouts


EDITIONS = ["print", "email", "previews"]


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*.*"))}


COVER_EDIT = ("im Herzen Europas", "im Herzen von Europa")


@pytest.fixture(scope="module")
def cover_edited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The outputs of a fresh build (a cold session) of the project with its cover edited (`COVER_EDIT`): what a
    warm rebuild after that edit must write. Its tests share an xdist group: one process builds it."""
    from brochure.commands.build import build
    from brochure.render.warm.session import Session

    project = tmp_path_factory.mktemp("cover-edited")
    shutil.copy(ROOT / "content.yaml", project / "content.yaml")
    shutil.copytree(ROOT / "assets", project / "assets", ignore=shutil.ignore_patterns("fonts"))
    edit(project / "content.yaml", *COVER_EDIT)
    build(project / "content.yaml", project / "fresh", EDITIONS, session=Session())
    return outputs(project / "fresh")


@pytest.mark.xdist_group("cover-edited")
def test_an_edit_lays_out_only_its_panel_in_every_edition_and_gives_the_bytes_of_a_fresh_build(
    project: Path, monkeypatch, cover_edited: dict[str, bytes]
):
    from brochure.commands.build import build
    from brochure.preflight.pdffacts import read_pdf
    from brochure.render.warm.session import Session

    layouts = laid_out_panels(monkeypatch)
    content = project / "content.yaml"
    session = Session()
    build(content, project / "first", EDITIONS, session=session)
    panels = ("flap", "back", "cover", "inside-left", "inside-middle", "inside-right")
    assert {(edition, held) for edition, held in layouts if len(held) == 1} == {
        (edition, (panel,)) for edition in ("print", "email") for panel in panels
    }  # each panel laid out on its own, in both editions
    edit(content, *COVER_EDIT)
    layouts.clear()
    warm = build(content, project / "warm", EDITIONS, session=session)
    assert layouts == [("print", ("cover",)), ("email", ("cover",))]  # the other panels, and the levelling, kept
    assert "HerzenvonEuropa" in "".join(glyph.char for glyph in read_pdf(warm.print_pdf).pages[0].glyphs)
    assert outputs(project / "warm") == cover_edited
    assert outputs(project / "warm") != outputs(project / "first")


def test_a_facing_edit_measures_the_facing_pages_and_lays_out_only_the_panels_it_changed(project: Path, monkeypatch):
    from brochure.commands.build import build
    from brochure.render.warm import kept
    from brochure.render.warm.session import Session

    layouts = laid_out_panels(monkeypatch)
    levellings: list[str] = []  # the levelling each measuring layout gave, in order
    level = kept.levelling_css
    monkeypatch.setattr(kept, "levelling_css", lambda tops: levellings.append(level(tops)) or levellings[-1])
    content = project / "content.yaml"
    session = Session()
    first = build(content, project / "first", EDITIONS, session=session)
    assert len(levellings) == 1

    def shorter(data):  # a French text a line shorter than the German one it faces
        block(data, "fields_of_action", 4)["items"][0]["text"]["fr"] = "Offre touristique commune"

    edit_content(project, shorter)
    layouts.clear()
    warm = build(content, project / "warm", EDITIONS, session=session)
    layouts = list(layouts)
    assert len(levellings) == 2 and levellings[1] != levellings[0]  # the levelling changed...
    measured = [held for edition, held in layouts if len(held) > 1]
    assert measured == [("inside-left", "inside-middle", "inside-right")]  # ...measured once, on the facing side
    print_panels = {held for edition, held in layouts if edition == "print" and len(held) == 1}
    email_panels = {held for edition, held in layouts if edition == "email"}
    # Only the columns whose text or levelling changed are laid out again, in both editions alike.
    assert print_panels == email_panels and print_panels <= {("inside-middle",), ("inside-right",)}
    assert ("inside-middle",) in print_panels  # the French column, edited
    first_pages, warm_pages = (read_pages(result.print_pdf) for result in (first, warm))
    assert warm_pages[0] == first_pages[0] and warm_pages[1] != first_pages[1]
    build(content, project / "fresh", EDITIONS, session=Session())
    assert outputs(project / "warm") == outputs(project / "fresh")


def read_pages(pdf: Path) -> list[str]:
    from brochure.preflight.pdffacts import read_pdf

    return ["".join(glyph.char for glyph in page.glyphs) for page in read_pdf(pdf).pages]


def test_a_template_that_shows_every_page_at_once_is_laid_out_whole(project: Path):
    import shutil

    from brochure.commands.build import build
    from brochure.files.resources import BASE_TEMPLATES, LAYOUTS_DIR
    from brochure.preflight.pdffacts import read_pdf

    folder = project / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    shutil.copytree(BASE_TEMPLATES, folder, dirs_exist_ok=True)
    edit(folder / "leaflet.html.j2", "{% if shown is none or loop.index0 in shown %}", "{% if true %}")
    result = build(project / "content.yaml", project / "out", ["print"])
    assert result.report.findings == ()
    assert len(read_pdf(result.print_pdf).pages) == 2


def test_panels_a_project_stylesheet_leaves_in_the_flow_are_laid_out_whole(project: Path, monkeypatch):
    import contextlib

    from brochure.commands.build import build
    from brochure.errors import CheckFailed
    from brochure.files.resources import BASE_TEMPLATES

    layouts = laid_out_panels(monkeypatch)
    (project / "templates").mkdir()
    css = (BASE_TEMPLATES / "leaflet.css.j2").read_text(encoding="utf-8")
    (project / "templates" / "leaflet.css.j2").write_text(css + "\n.panel { position: static; }\n", "utf-8")
    with contextlib.suppress(CheckFailed):  # the checks say what such a leaflet gets wrong
        build(project / "content.yaml", project / "out", ["print"])
    # Each panel alone lands where the first one is: put together they would overlap, so the
    # leaflet is laid out whole, as the stylesheet sets it.
    assert ("print", ("flap", "back", "cover", "inside-left", "inside-middle", "inside-right")) in layouts


def test_a_file_an_svg_draws_is_drawn_anew_once_it_changes(project: Path):
    from PIL import Image

    from brochure.commands.build import build
    from brochure.render.warm.session import Session

    svg = project / "assets" / "map-quattropole.svg"
    edit(svg, "</svg>", '<image href="inner.png" width="5" height="5"/></svg>')  # fetched while drawn
    inner = project / "assets" / "inner.png"
    Image.new("L", (300, 300), 60).save(inner)
    session = Session()
    first = build(project / "content.yaml", project / "first", ["print"], session=session).print_pdf.read_bytes()
    # Another picture of the same name, size and time: only its content tells it apart.
    state = inner.stat()
    Image.new("L", (300, 300), 200).save(inner)
    assert inner.stat().st_size == state.st_size
    os.utime(inner, ns=(state.st_atime_ns, state.st_mtime_ns))
    warm = build(project / "content.yaml", project / "warm", ["print"], session=session).print_pdf.read_bytes()
    fresh = build(project / "content.yaml", project / "fresh", ["print"], session=Session()).print_pdf.read_bytes()
    assert warm != first and warm == fresh


@pytest.mark.xdist_group("cover-edited")
def test_watch_makes_the_email_edition_in_a_second_process_with_the_bytes_of_a_fresh_build(
    project: Path, monkeypatch, cover_edited: dict[str, bytes]
):
    from brochure.editions.email import EmailEdition
    from brochure.editions.helper import Helper
    from brochure.render.warm.session import Session

    made_here = []
    make = EmailEdition.make
    monkeypatch.setattr(EmailEdition, "make", lambda self, job: made_here.append(job.outdir.name) or make(self, job))
    content = project / "content.yaml"
    session = Session()
    session.helper = Helper()  # as `brochure watch` starts it
    try:
        watcher = Watcher(content, project / "watched", EDITIONS, session=session)
        assert watcher.rebuild().ok
        edit(content, *COVER_EDIT)
        assert watcher.rebuild().changed_panels == ("cover",)
        assert made_here == []  # both times by the helper: this process only checked and drew the print edition
        assert outputs(project / "watched") == cover_edited
        # A helper that is gone: the watch makes the edition itself.
        session.helper.close()
        edit(content, *reversed(COVER_EDIT))
        assert watcher.rebuild().ok and made_here == ["watched"]
    finally:
        session.helper.close()
