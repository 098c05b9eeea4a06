"""Every way brochure writes a file, interrupted: by a full disk while the bytes go out, or by a
rename that fails. Each leaves the previous file whole and no staged file behind.

The writers: `write_staged` and `publish` (the PDF editions: staged, checked, then published
or set aside as rejected), `write_atomic` (both in one, for the cache and compiled templates),
`write_folder` (previews and proof pages, the folder as one set).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from brochure.errors import InputError
from brochure.files import cache
from brochure.files import output as output_module
from brochure.files.output import publish, write_atomic, write_folder, write_staged

OLD, NEW = b"%PDF- the last good one", b"%PDF- the new one, never whole"


def full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.fixture
def disk_fills_up(monkeypatch):
    """The disk fills up at the given step of writing a staged file: its write, flush or fsync."""
    real_fdopen = os.fdopen

    def at(step: str) -> None:
        def fdopen(fd, *args, **kwargs):
            handle = real_fdopen(fd, *args, **kwargs)
            if step == "fsync":
                monkeypatch.setattr(output_module.os, "fsync", full_disk)
            else:
                setattr(handle, step, full_disk)
            return handle

        monkeypatch.setattr(output_module.os, "fdopen", fdopen)

    return at


@pytest.mark.parametrize("step", ["write", "flush", "fsync"])
def test_a_full_disk_while_writing_leaves_the_old_file(tmp_path: Path, disk_fills_up, step: str):
    target = tmp_path / "leaflet-print.pdf"
    target.write_bytes(OLD)
    disk_fills_up(step)
    with pytest.raises(InputError) as info:
        write_atomic(target, NEW)
    assert str(info.value) == f"cannot write to {tmp_path}: No space left on device"
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["leaflet-print.pdf"]


def test_a_folder_that_takes_no_file_leaves_the_old_one(tmp_path: Path, monkeypatch):
    target = tmp_path / "leaflet-print.pdf"
    target.write_bytes(OLD)
    monkeypatch.setattr(output_module.tempfile, "mkstemp", full_disk)
    with pytest.raises(InputError, match="^cannot write to .*: No space left on device$"):
        write_staged(target, NEW)
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["leaflet-print.pdf"]


def test_a_rename_that_fails_leaves_the_old_file_and_removes_the_staged_one(tmp_path: Path, monkeypatch):
    target = tmp_path / "leaflet-print.pdf"
    target.write_bytes(OLD)
    staged = write_staged(target, NEW)
    monkeypatch.setattr(output_module.os, "replace", lambda *args: full_disk())
    with pytest.raises(InputError) as info:
        publish(staged, target)
    assert str(info.value) == f"cannot write {target}: No space left on device"
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["leaflet-print.pdf"]


def test_an_interrupt_while_writing_leaves_the_old_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "leaflet-print.pdf"
    target.write_bytes(OLD)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(output_module.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, NEW)
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["leaflet-print.pdf"]


def old_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "leaflet-previews"
    folder.mkdir()
    for name, data in {"page-1.png": b"old 1", "page-2.png": b"old 2", "page-3.png": b"old 3"}.items():
        (folder / name).write_bytes(data)
    return folder


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


OLD_SET = {"page-1.png": b"old 1", "page-2.png": b"old 2", "page-3.png": b"old 3"}


def test_a_folder_interrupted_while_its_files_are_written_keeps_the_whole_old_set(tmp_path: Path, monkeypatch):
    # Previews and proof pages are one set: a disk that fills up after the first new file leaves
    # every old file as it was, not a mix of two builds, and nothing staged behind.
    folder = old_folder(tmp_path)
    real_replace = os.replace
    replaced = []

    def replace_once(source, target):
        if replaced:
            full_disk()
        replaced.append(target)
        real_replace(source, target)

    monkeypatch.setattr(output_module.os, "replace", replace_once)
    with pytest.raises(InputError, match="No space left on device$"):
        write_folder(folder, {"page-1.png": b"new 1", "page-2.png": b"new 2"})
    assert contents(folder) == OLD_SET
    assert listing(tmp_path) == ["leaflet-previews"]


def test_a_folder_whose_swap_fails_keeps_the_whole_old_set(tmp_path: Path, monkeypatch):
    folder = old_folder(tmp_path)
    real_rename = os.rename

    def staged_cannot_move(source, target):
        if Path(source).name.endswith(".staging"):
            full_disk()
        real_rename(source, target)

    monkeypatch.setattr(output_module.os, "rename", staged_cannot_move)
    with pytest.raises(InputError, match=f"^cannot write {folder}: No space left on device$"):
        write_folder(folder, {"page-1.png": b"new 1", "page-2.png": b"new 2"})
    assert contents(folder) == OLD_SET
    assert listing(tmp_path) == ["leaflet-previews"]


def test_a_folder_written_whole_is_the_new_set_only(tmp_path: Path):
    folder = old_folder(tmp_path)
    (folder / "notes.txt").write_bytes(b"not the build's")
    written = write_folder(folder, {"page-1.png": b"new 1", "page-2.png": b"new 2"})
    assert written == [folder / "page-1.png", folder / "page-2.png"]
    assert contents(folder) == {"notes.txt": b"not the build's", "page-1.png": b"new 1", "page-2.png": b"new 2"}
    assert listing(tmp_path) == ["leaflet-previews"]


def test_a_folder_left_staged_by_a_killed_build_is_cleared_by_the_next(tmp_path: Path):
    folder = old_folder(tmp_path)
    (tmp_path / ".leaflet-previews.staging").mkdir()
    (tmp_path / ".leaflet-previews.staging" / "page-1.png").write_bytes(b"half")
    write_folder(folder, {"page-1.png": b"new 1"})
    assert contents(folder) == {"page-1.png": b"new 1"}
    assert listing(tmp_path) == ["leaflet-previews"]


def test_a_cache_that_cannot_be_written_still_gives_the_value(tmp_path: Path, monkeypatch, disk_fills_up):
    monkeypatch.setenv("BROCHURE_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "font.otf"
    source.write_bytes(b"a font")
    made = []

    def make(path: Path) -> list[int]:
        made.append(path)
        return [65, 66]

    disk_fills_up("write")
    assert cache.made_from("code-points", source, make, "1", lambda value: isinstance(value, list)) == [65, 66]
    assert listing(tmp_path / "cache" / "code-points") == []  # nothing kept, nothing half-written
    monkeypatch.undo()
    monkeypatch.setenv("BROCHURE_CACHE", str(tmp_path / "cache"))
    assert cache.made_from("code-points", source, make, "1", lambda value: isinstance(value, list)) == [65, 66]
    assert len(made) == 2  # the failed copy was not taken for a kept one
    (kept,) = (tmp_path / "cache" / "code-points").iterdir()
    assert kept.suffix == ".marshal"


# -- a PDF edition, interrupted between its render and its file ----------------------------------------


@pytest.fixture(scope="module")
def printed(golden, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, bytes]:
    """The QuattroPole print edition as a build left it, in a folder of its own: content, output folder, PDF."""
    outdir = golden.copy_outputs(tmp_path_factory.mktemp("printed"), ["print"])
    return golden.content.path, outdir, (outdir / "quattropole-print.pdf").read_bytes()


def test_a_print_edition_whose_rename_fails_leaves_the_last_good_pdf(printed, monkeypatch):
    from brochure.commands.build import build

    content, outdir, good = printed
    before = listing(outdir)
    monkeypatch.setattr(output_module.os, "replace", lambda *args: full_disk())
    with pytest.raises(InputError, match="^cannot write .*quattropole-print.pdf: No space left on device$"):
        build(content, outdir, ["print"])
    assert (outdir / "quattropole-print.pdf").read_bytes() == good
    assert listing(outdir) == before


def test_a_print_edition_whose_check_breaks_leaves_the_last_good_pdf(printed, monkeypatch):
    from brochure.commands.build import build
    from brochure.editions import pdf_edition

    content, outdir, good = printed
    before = listing(outdir)

    def broken_check(*args, **kwargs):
        raise RuntimeError("a bug in a check")

    monkeypatch.setattr(pdf_edition, "check_pdf", broken_check)
    with pytest.raises(RuntimeError, match="^a bug in a check$"):
        build(content, outdir, ["print"])
    assert (outdir / "quattropole-print.pdf").read_bytes() == good
    assert listing(outdir) == before
