"""`brochure watch`, driven in-process: an edit rebuilds, a broken edit keeps the last good outputs, a fix recovers."""

from __future__ import annotations

import threading
from pathlib import Path

from brochure.errors import ExitStatus
from brochure.watch import Watcher, file_changes, watch

KEYS = "title, text, logo, address, phone, email, website"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_rebuilds_a_broken_edit_keeps_the_outputs_and_a_fix_recovers(new_project: Path):
    content, out = new_project / "content.yaml", new_project / "out"
    watcher = Watcher(content, out, ["print", "previews"])
    first = watcher.rebuild()
    assert first.ok
    assert set(first.changed_panels) == {"cover", "inside-left", "inside-middle", "inside-right", "flap", "back"}
    good = (out / "my-leaflet-print.pdf").read_bytes()

    edit(content, "Trois villes, une vallée,", "Trois villes et une vallée,")
    second = watcher.rebuild()
    assert second.ok and second.changed_panels == ("cover",)
    edited = (out / "my-leaflet-print.pdf").read_bytes()
    assert edited != good

    edit(content, "    de: Kontakt\n", "    de: Kontakt\n  fax: 12\n")
    broken = watcher.rebuild()
    assert broken.status == ExitStatus.INVALID_INPUT
    assert broken.error == f"{content}:52:3: contact.fax: unknown key; the keys here are {KEYS}"
    assert (out / "my-leaflet-print.pdf").read_bytes() == edited

    edit(content, "  fax: 12\n", "")
    fixed = watcher.rebuild()
    assert fixed.ok and fixed.changed_panels == ()  # the same leaflet as before the broken save
    assert (out / "my-leaflet-print.pdf").read_bytes() == edited


def test_the_loop_rebuilds_only_for_files_that_can_change_the_leaflet(new_project: Path):
    watcher = Watcher(new_project / "content.yaml", new_project / "out", ["print"])
    changes = [
        {("modified", str(new_project / "out" / "my-leaflet-print.pdf"))},  # an output: ignored
        {("modified", str(new_project / "content.yaml~"))},  # an editor's backup: ignored
        {("modified", str(new_project / ".git" / "index"))},  # hidden: ignored
        {("modified", str(new_project.parent / "elsewhere.yaml"))},  # outside the project: ignored
        {("modified", str(new_project / "assets" / "logo.svg"))},
        {("modified", str(new_project / "events" / "open-day.yaml"))},
    ]
    rebuilds = list(watch(watcher, changes))
    assert len(rebuilds) == 3  # the first build, then the asset and the event
    assert all(rebuild.ok for rebuild in rebuilds)


def test_a_real_save_is_seen_by_watchfiles(new_project: Path):
    watcher = Watcher(new_project / "content.yaml", new_project / "out", ["print"])
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
        edit(new_project / "content.yaml", "name: my-leaflet", "name: my-leaflet")
        (new_project / "content.yaml").touch()
        thread.join(timeout=1)
    stop.set()
    thread.join(timeout=10)  # an anti-hang guard, not a timing
    assert seen and any(path.endswith("content.yaml") for batch in seen for _, path in batch)
