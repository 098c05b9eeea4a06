"""brochure's cache: hyphenation dictionaries and fonts' code points kept for the next process,
giving exactly what parsing anew gives; compiled templates kept in a session only; a broken or
unwritable cache only costs time."""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path

import jinja2
import pyphen
import pytest
from conftest import ROOT

from brochure.commands.build import document_date
from brochure.content.load import Content, load_content
from brochure.html import templating
from brochure.render.warm import hyphenation

WORDS = ("Grenzüberschreitende", "Zusammenarbeit", "Städtenetzwerk", "Kulturhauptstadt", "Veranstaltungen")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    """An empty cache, and no German dictionary loaded in this process."""
    monkeypatch.setenv("BROCHURE_CACHE", str(tmp_path / "cache"))
    monkeypatch.delitem(pyphen.hdcache, german(), raising=False)
    return tmp_path / "cache"


def german() -> Path:
    return Path(pyphen.LANGUAGES[pyphen.language_fallback("de")])


def parsed_anew() -> pyphen.HyphDict:
    return pyphen.HyphDict(german())


def loaded(monkeypatch) -> pyphen.HyphDict:
    """The German dictionary as a new process gets it."""
    monkeypatch.delitem(pyphen.hdcache, german(), raising=False)
    hyphenation.warm(["de"])
    return pyphen.hdcache[german()]


def never_parsed(monkeypatch) -> None:
    def parse(self, path):
        raise AssertionError(f"{path} parsed, not loaded from its copy")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", parse)


def test_a_kept_dictionary_hyphenates_as_the_parsed_one(cache: Path, monkeypatch):
    first = loaded(monkeypatch)
    (copy,) = (cache / "hyphenation").iterdir()
    assert copy.name.startswith(german().stem)
    expected = parsed_anew()
    never_parsed(monkeypatch)
    kept = loaded(monkeypatch)
    assert kept is not first and kept.patterns == expected.patterns and kept.maxlen == expected.maxlen
    hyphenator = pyphen.Pyphen(lang="de")
    assert hyphenator.hd is kept  # what WeasyPrint hyphenates with
    for word in WORDS:
        assert kept.positions(word) == expected.positions(word), word
    assert [hyphenator.inserted(word) for word in WORDS][0] == "Grenz-über-schrei-ten-de"


def digested(payload: bytes) -> bytes:
    """A copy as brochure's cache writes one: the SHA-256 of the value, then the value."""
    return hashlib.sha256(payload).digest() + payload


def test_a_broken_copy_is_parsed_anew_and_replaced(cache: Path, monkeypatch):
    loaded(monkeypatch)
    (copy,) = (cache / "hyphenation").iterdir()
    expected = parsed_anew().patterns  # once: a parse takes half a second
    # Each way a copy can be broken once: one that fails its digest (empty, cut short, or any other bytes
    # alike), then whole copies, with their digest, that hold no patterns (each parse costs half a second).
    for broken in (
        b"",
        copy.read_bytes()[:1000],
        digested(marshal.dumps(["not", "patterns"])),  # whole, with its digest, but not patterns
        digested(marshal.dumps({"ab": 1})),
        digested(marshal.dumps({"ab": (1, 2)})),
    ):
        copy.write_bytes(broken)
        assert loaded(monkeypatch).patterns == expected
        assert len(copy.read_bytes()) > 1000  # written whole again
    never_parsed(monkeypatch)
    loaded(monkeypatch)


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("BROCHURE_CACHE", str(blocked))
    assert loaded(monkeypatch).patterns == parsed_anew().patterns
    content = load_content(ROOT / "content.yaml")
    templates = templating.CompiledTemplates()
    assert "<html" in templating.render_html(content, content.layout, document_date(content), templates=templates)
    assert len(templates) >= 5  # kept in the process all the same


def html_of(content: Content, templates: templating.CompiledTemplates | None) -> str:
    return templating.render_html(content, content.layout, document_date(content), cmyk=True, templates=templates)


def test_compiled_templates_are_kept_in_the_session_and_never_on_disk(cache: Path, monkeypatch):
    content = load_content(ROOT / "content.yaml")
    templates = templating.CompiledTemplates()
    compiled = html_of(content, templates)
    assert len(templates) >= 5  # the leaflet and the templates it includes
    assert html_of(content, None) == compiled  # no compiled templates at all: the same HTML
    kept = {path.parent.name for path in cache.rglob("*") if path.is_file()}
    assert kept == {"code-points"}  # compiled code is code: none is kept where another could write it

    monkeypatch.setattr(jinja2.Environment, "compile", lambda *args, **kw: pytest.fail("compiled again"))
    assert html_of(content, templates) == compiled  # the next build of the session


def test_a_fonts_code_points_are_kept_as_read(cache: Path, monkeypatch):
    from brochure.files import fontfiles

    font = ROOT / "assets" / "fonts" / "Inter-Regular.otf"
    reading = fontfiles._read_code_points
    read = frozenset(reading(font.read_bytes()))
    assert fontfiles.code_points(font) == read and ord("ß") in read and ord("€") in read
    (copy,) = (cache / "code-points").iterdir()
    monkeypatch.setattr(fontfiles, "_read_code_points", lambda data: pytest.fail("read again"))
    assert fontfiles.code_points(font) == read  # a new process: the code points kept
    copy.write_bytes(marshal.dumps([65, "B"]))
    monkeypatch.setattr(fontfiles, "_read_code_points", reading)
    assert fontfiles.code_points(font) == read  # not the code points kept: read again


def test_without_a_home_folder_nothing_is_kept(tmp_path: Path, monkeypatch):
    import os

    from brochure.files import cache

    for name in ("BROCHURE_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # no HOME, no password entry
    assert cache.folder("hyphenation") is None
    source = tmp_path / "source.txt"
    source.write_text("made from")
    made = []
    for _ in range(2):
        assert cache.made_from("kind", source, lambda path: made.append(1) or [1], "1", bool) == [1]
    assert len(made) == 2  # made each time, kept nowhere
    assert sorted(path.name for path in tmp_path.iterdir()) == ["source.txt"]


def test_a_source_swapped_for_another_of_the_same_size_and_time_is_made_anew(cache: Path):
    import os

    from brochure.files import cache as kept

    source = cache.parent / "patterns.dic"
    source.write_text("abc")
    state = source.stat()
    assert kept.made_from("kind", source, lambda path: [path.read_text()], "1", bool) == ["abc"]
    source.write_text("abd")  # the same size, and the time it had
    os.utime(source, ns=(state.st_atime_ns, state.st_mtime_ns))
    assert kept.made_from("kind", source, lambda path: [path.read_text()], "1", bool) == ["abd"]


def test_no_cache_builds_the_same_bytes_and_writes_nothing_in_the_cache(cache: Path, tmp_path: Path, golden):
    from brochure.commands.cli import main

    out = tmp_path / "out"
    # The print edition: what it lays out is what the cache serves (hyphenation dictionaries, code points).
    assert main(["build", str(ROOT / "content.yaml"), "-o", str(out), "-q", "--no-cache", "--only", "print"]) == 0
    assert not cache.exists()  # $BROCHURE_CACHE: nothing read, nothing written
    built = {result.edition: result for result in golden.result.editions}
    for path in sorted(out.rglob("*")):
        if path.is_file():
            (twin,) = [w.path for r in built.values() for w in r.written if w.path.name == path.name]
            assert path.read_bytes() == twin.read_bytes(), path.name


def test_a_session_that_keeps_nothing_keeps_nothing(cache: Path, tmp_path: Path):
    from brochure.commands.build import build
    from brochure.render.warm.session import Session

    session = Session(keep=False)
    build(ROOT / "content.yaml", tmp_path / "out", ["print"], session=session)
    kept = (session.layouts_kept(), session.measurements_kept(), session.images_converted())
    assert kept + (session.templates_compiled(), session.stylesheets_kept()) == (0, 0, 0, 0, 0)
    assert not cache.exists()
    warm = Session()
    build(ROOT / "content.yaml", tmp_path / "warm", ["print"], session=warm)
    # each of the six panels laid out on its own, with one stylesheet, and the back again with its divider set
    # on the flap's hairline (a rebuild that leaves the back as it is finds both)
    assert warm.layouts_kept() == 7 and warm.measurements_kept() == 1 and warm.templates_compiled() >= 5
    assert warm.stylesheets_kept() == 1
    assert (tmp_path / "warm" / "quattropole-print.pdf").read_bytes() == (
        tmp_path / "out" / "quattropole-print.pdf"
    ).read_bytes()


def test_what_a_session_keeps_goes_least_recently_used_first():
    from brochure.files.cache import Kept

    kept: Kept[str, int] = Kept(2)
    kept.put("cover", 1)
    kept.put("inside", 2)
    assert kept.get("cover") == 1  # used again: kept over the one not used since
    kept.put("back", 3)
    assert (kept.get("inside"), kept.get("cover"), kept.get("back")) == (None, 1, 3)
    nothing: Kept[str, int] = Kept(0)
    nothing.put("cover", 1)
    assert nothing.get("cover") is None and len(nothing) == 0


def test_the_cache_lives_in_the_platforms_cache_folder_unless_brochure_cache_says(tmp_path: Path, monkeypatch):
    import platformdirs

    from brochure.files import cache

    monkeypatch.delenv("BROCHURE_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.root() == Path(platformdirs.user_cache_dir("brochure", appauthor=False))
    mac = "/Users/ana/Library/Caches/brochure"  # what platformdirs says on macOS; it was ~/.cache/brochure there
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda name, appauthor: mac if name == "brochure" else None)
    assert cache.root() == Path(mac)
    monkeypatch.setenv("BROCHURE_CACHE", str(tmp_path / "mine"))
    assert cache.root() == tmp_path / "mine"


def _fill(kept: Path, sizes: dict[str, int]) -> None:
    """Copies of `sizes` bytes in two kinds' folders, last used one minute apart, in the order given."""
    for minute, (name, size) in enumerate(sizes.items()):
        path = kept / ("hyphenation" if minute % 2 else "code-points") / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(bytes(size))
        os.utime(path, (1_700_000_000 + 60 * minute,) * 2)


def _left(kept: Path) -> list[str]:
    return sorted(path.name for path in kept.rglob("*") if path.is_file())


def test_the_cache_is_pruned_to_its_cap_least_recently_used_first(tmp_path: Path):
    """It was never pruned: 14 MB after a day of tests."""
    from brochure.files import cache

    kept = tmp_path / "cache"
    _fill(kept, {"a": 400, "b": 300, "c": 200, "d": 100, "e": 100})
    cache.prune(kept, most=450)
    assert _left(kept) == ["c", "d", "e"]  # the oldest went first, until the rest fit
    cache.prune(kept, most=450)
    assert _left(kept) == ["c", "d", "e"]  # under the cap: nothing more


def test_a_copy_read_is_used_now_and_outlives_newer_ones(tmp_path: Path):
    from brochure.files import cache

    kept = tmp_path / "cache"
    payload = marshal.dumps([1, 2, 3])
    _fill(kept, {"old.marshal": 0, "new": 300})
    old = next(kept.rglob("old.marshal"))
    old.write_bytes(hashlib.sha256(payload).digest() + payload)
    os.utime(old, (1_600_000_000,) * 2)  # the oldest of all
    assert cache.read_copy(old) == payload  # read: touched, as a hit
    cache.prune(kept, most=200)
    assert _left(kept) == ["old.marshal"]


def test_writing_a_copy_prunes_the_cache(tmp_path: Path, monkeypatch):
    from brochure.files import cache

    monkeypatch.setenv("BROCHURE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MAX_CACHE_BYTES", 2_500)
    sources = []
    for number in range(5):
        source = tmp_path / f"source-{number}.txt"
        source.write_text(str(number))
        sources.append(source)
        cache.made_from("kind", source, lambda path: list(range(200)), "1", bool)  # about 1 kB a copy
    copies = list((tmp_path / "cache" / "kind").iterdir())
    assert 0 < sum(path.stat().st_size for path in copies) <= 2_500
    assert any(path.name.startswith("source-4-") for path in copies)  # the last written stays


def test_pruning_never_follows_a_link_out_of_the_cache(tmp_path: Path):
    from brochure.files import cache

    kept, elsewhere = tmp_path / "cache", tmp_path / "mine"
    elsewhere.mkdir()
    (elsewhere / "precious").write_bytes(bytes(1000))
    kept.mkdir()
    (kept / "kind").symlink_to(elsewhere)
    _fill(kept, {"a": 500})
    (kept / "code-points" / "link").symlink_to(elsewhere / "precious")
    cache.prune(kept, most=0)
    assert (elsewhere / "precious").stat().st_size == 1000
    assert not (kept / "code-points" / "a").exists()
