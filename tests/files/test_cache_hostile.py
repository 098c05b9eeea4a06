"""brochure's cache as another may have left it: what is in it is data read within bounds, never
code run; a copy that is no file brochure wrote whole is made anew, and a cache folder another
may write in is not used (one line says so)."""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import pickle
import resource
import subprocess
import sys
from pathlib import Path

import jinja2
import jinja2.bccache
import pytest
from conftest import ROOT

from brochure.commands.build import document_date
from brochure.content.load import load_content
from brochure.files import cache
from brochure.files.resources import BASE_TEMPLATES, LAYOUTS_DIR
from brochure.html import templating
from brochure.version import __version__

HANG_GUARD_SECONDS = 60  # a read that does not end fails the test instead of hanging it
MEMORY_GUARD_BYTES = 1 << 30  # a read of gigabytes fails the test instead of the machine


@pytest.fixture
def kept(tmp_path: Path, monkeypatch) -> Path:
    """An empty cache folder of brochure's."""
    monkeypatch.setenv("BROCHURE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_compiled_template_in_the_cache_is_not_run(kept: Path):
    """What Jinja2's bytecode cache would load: its header, the template's checksum, and marshalled
    code, here code that leaves a marker; brochure once kept compiled templates just so."""
    marker = kept.parent / "MARKER"
    code = marshal.dumps(compile(f"open({str(marker)!r}, 'w').close()", "<template>", "exec"))
    options = {"autoescape": True, "undefined": jinja2.StrictUndefined, "trim_blocks": True, "lstrip_blocks": True}
    compiled_by = hashlib.sha256(repr((jinja2.__version__, __version__, options)).encode()).hexdigest()[:16]
    (kept / "templates" / compiled_by).mkdir(parents=True)
    for folder in (LAYOUTS_DIR / "trifold-roll", BASE_TEMPLATES):
        for path in folder.rglob("*.j2"):
            name = path.relative_to(folder).as_posix()
            key = jinja2.bccache.BytecodeCache().get_cache_key(name, str(path))  # as FileSystemLoader names it
            checksum = jinja2.bccache.BytecodeCache().get_source_checksum(path.read_text(encoding="utf-8"))
            entry = jinja2.bccache.bc_magic + pickle.dumps(checksum, 2) + code  # as Bucket.write_bytecode writes
            (kept / "templates" / compiled_by / f"{key}.jinja").write_bytes(entry)
    content = load_content(ROOT / "content.yaml")
    templates = templating.CompiledTemplates()
    assert "<html" in templating.render_html(content, content.layout, document_date(content), templates=templates)
    assert not marker.exists()


READER = """
import sys
from pathlib import Path
from brochure.files import cache
made = []
make = lambda path: made.append(1) or [1, 2, 3]
value = cache.made_from("kind", Path(sys.argv[1]), make, "1", lambda value: value == [1, 2, 3])
print(value, len(made))
"""


def read_in_a_process(source: Path, kept: Path) -> subprocess.CompletedProcess:
    """`made_from` in a process of its own, within the hang guard and the memory guard."""

    def guarded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_GUARD_BYTES, MEMORY_GUARD_BYTES))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "BROCHURE_CACHE": str(kept)}
    return subprocess.run(
        [sys.executable, "-c", READER, str(source)],
        env=env,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        preexec_fn=guarded,
        check=False,
    )


def the_copy(source: Path, kept: Path) -> Path:
    """The copy `made_from` keeps of `source`: made once."""
    assert read_in_a_process(source, kept).stdout == "[1, 2, 3] 1\n"
    (copy,) = (kept / "kind").iterdir()
    return copy


def zero_link(copy: Path) -> None:
    copy.symlink_to("/dev/zero")


def sparse(copy: Path) -> None:
    with copy.open("wb") as file:
        file.truncate(2_000_000_000)


def fifo(copy: Path) -> None:
    os.mkfifo(copy)


@pytest.mark.parametrize(
    ("swap", "why"),
    [
        (zero_link, "cannot be read (Too many levels of symbolic links)"),
        (sparse, "is larger than 64 MB"),
        (fifo, "is not a regular file"),
    ],
    ids=["dev-zero-link", "sparse-2-GB", "fifo"],
)
def test_a_copy_that_is_no_file_brochure_wrote_is_ignored_and_made_anew(kept: Path, swap, why: str):
    source = kept.parent / "source.txt"
    source.write_text("made from", encoding="utf-8")
    copy = the_copy(source, kept)
    copy.unlink()
    swap(copy)
    result = read_in_a_process(source, kept)
    assert (result.returncode, result.stdout) == (0, "[1, 2, 3] 1\n"), result.stderr  # made anew, not read
    assert result.stderr == f"cache copy {copy} {why}; made anew\n"
    assert cache.read_copy(copy) == marshal.dumps([1, 2, 3])  # written whole again, as a file
    assert read_in_a_process(source, kept).stdout == "[1, 2, 3] 0\n"


NOT_WHOLE = "is no copy brochure wrote whole"
NOT_RIGHT = "does not hold what it should"


@pytest.mark.parametrize(
    ("damaged", "why"),
    [
        (lambda data: data[:-1] + bytes([data[-1] ^ 1]), NOT_WHOLE),  # one bit changed
        (lambda data: data[:40], NOT_WHOLE),  # cut short
        (lambda data: hashlib.sha256(b"\x00garbage").digest() + b"\x00garbage", NOT_RIGHT),  # whole, but no value
        (lambda data: hashlib.sha256(marshal.dumps([4])).digest() + marshal.dumps([4]), NOT_RIGHT),  # not the value
    ],
    ids=["bit", "cut-short", "not-marshal", "not-valid"],
)
def test_a_damaged_copy_is_made_anew_with_a_notice(kept: Path, caplog, damaged, why: str):
    source = kept.parent / "source.txt"
    source.write_text("made from", encoding="utf-8")
    made = []

    def make(path: Path) -> list[int]:
        made.append(path)
        return [1, 2, 3]

    assert cache.made_from("kind", source, make, "1", lambda v: v == [1, 2, 3]) == [1, 2, 3]
    (copy,) = (kept / "kind").iterdir()
    copy.write_bytes(damaged(copy.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="brochure.cache"):
        assert cache.made_from("kind", source, make, "1", lambda v: v == [1, 2, 3]) == [1, 2, 3]
    assert len(made) == 2
    (notice,) = caplog.messages
    assert notice == f"cache copy {copy} {why}; made anew"


def others_may_write(folder: Path) -> str:
    folder.chmod(0o777)
    return "is writable by others"


def another_owns(folder: Path) -> str:
    if os.geteuid() != 0:
        pytest.skip("only root can give a folder to another user")
    os.chown(folder, 12345, -1)
    return "belongs to another user"


@pytest.mark.parametrize("share", [others_may_write, another_owns], ids=["mode-0777", "another-uid"])
def test_a_cache_folder_others_can_write_in_is_not_used(kept: Path, share):
    kept.mkdir()
    why = share(kept)
    command = [sys.executable, "-m", "brochure", "build", str(ROOT / "content.yaml"), "-o", str(kept.parent / "out")]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BROCHURE_CACHE": str(kept)}
    result = subprocess.run(
        [*command, "--only", "print"], env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert (result.returncode, result.stderr) == (0, f"brochure: WARNING: cache folder {kept} {why}; not used\n")
    assert list(kept.iterdir()) == []  # nothing read from it, nothing written in it


def test_a_cache_folder_is_made_private(kept: Path):
    source = kept.parent / "source.txt"
    source.write_text("made from", encoding="utf-8")
    cache.made_from("kind", source, lambda path: [1], "1", bool)
    assert (kept.stat().st_mode & 0o777, (kept / "kind").stat().st_mode & 0o777) == (0o700, 0o700)
