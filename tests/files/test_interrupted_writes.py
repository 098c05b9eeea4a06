"""Every way brochure writes a file, interrupted: by a full disk while the bytes go out, or by a
rename that fails. Each leaves the previous file whole and no staged file behind.

The writers: `write_staged` and `publish` (the PDF editions: staged, checked, then published
or set aside as rejected), `write_atomic` (both in one, for the cache and compiled templates),
`write_folder` (previews and proof pages, each file atomically).
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


def test_a_folder_interrupted_keeps_every_file_whole_and_the_old_ones_it_did_not_reach(tmp_path: Path, monkeypatch):
    # Previews and proof pages: each file is replaced whole or not at all, and the files of the
    # last build are removed only once the new ones are all written.
    folder = tmp_path / "leaflet-previews"
    folder.mkdir()
    old = {"page-1.png": b"old 1", "page-2.png": b"old 2", "page-3.png": b"old 3"}
    for name, data in old.items():
        (folder / name).write_bytes(data)
    real_replace = os.replace
    replaced = []

    def replace_once(source, target):
        if replaced:
            full_disk()
        replaced.append(target)
        real_replace(source, target)

    monkeypatch.setattr(output_module.os, "replace", replace_once)
    with pytest.raises(InputError):
        write_folder(folder, {"page-1.png": b"new 1", "page-2.png": b"new 2"})
    assert listing(folder) == ["page-1.png", "page-2.png", "page-3.png"]  # page-3 kept: not all were written
    assert (folder / "page-1.png").read_bytes() == b"new 1"
    assert (folder / "page-2.png").read_bytes() == b"old 2"
    assert (folder / "page-3.png").read_bytes() == b"old 3"


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
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, bytes]:
    """The QuattroPole print edition built once, in a folder of its own: content, output folder, PDF."""
    from brochure.commands.build import build

    root = Path(__file__).resolve().parent.parent.parent
    outdir = tmp_path_factory.mktemp("printed")
    pdf = build(root / "content.yaml", outdir, ["print"]).print_pdf
    return root / "content.yaml", outdir, pdf.read_bytes()


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
