"""Projects brochure did not write (a colleague's folder, a partner's zip): what one brings ends
in exit 2 (bad input) or 1 (checks failed) and one clear line naming the file, never in an
internal error, and never in tofu printed with exit 0."""

from __future__ import annotations

import hashlib
import io
import marshal
import random
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, run_forked
from fontTools.ttLib import TTFont
from PIL import Image
from projects import with_theme_fonts
from pypdf import PdfReader

from brochure import ExitStatus, load_content
from brochure.commands.cli import main
from brochure.content.events import event_content
from brochure.files.resources import ASSETS_DIR, BASE_TEMPLATES, LAYOUTS_DIR

INTER = ASSETS_DIR / "fonts" / "Inter-Bold.otf"
FIGURE = "fr: habitants"  # content.yaml:75, the label of the fourth key figure, under the cities
FIGURE_FIELD = "figures.items[3].label.fr"
CONTACT = "Institutionen der Großregion."  # content.yaml:89, the end of the contact text in German


def build(project: Path, capsys, *args: str) -> tuple[int, str]:
    """Build `project`'s content in-process: the exit status and what was printed to stderr."""
    capsys.readouterr()
    status = main(["build", str(project / "content.yaml"), "-o", str(project / "out"), "-q", *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err, err
    return status, err


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def project_layout(project: Path) -> Path:
    """A project layout of its own: the built-in trifold-roll and the shared templates, copied."""
    folder = project / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    shutil.copytree(BASE_TEMPLATES, folder, dirs_exist_ok=True)
    return folder


@pytest.fixture
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the project."""
    return tmp_path_factory.mktemp("elsewhere")


def _png() -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (4, 4)).save(data, "PNG")
    return data.getvalue()


def _without_cmap() -> bytes:
    font = TTFont(INTER)
    del font["cmap"]
    data = io.BytesIO()
    font.save(data)
    return data.getvalue()


# A font file of the project's layout: its bytes, and why it is refused.
BAD_FONTS = {
    "empty.otf": (lambda: b"", "the file is empty"),
    "truncated.otf": (
        lambda: INTER.read_bytes()[:1000],
        "the file is cut short: its 'name' table needs 2,026 bytes, it has 1,000",
    ),
    "random.ttf": (
        lambda: random.Random(7).randbytes(4096),
        "it is not a TrueType, OpenType, WOFF or WOFF2 font",
    ),
    "picture.ttf": (_png, "it is a PNG image"),
    "bad.woff2": (
        lambda: b"wOF2" + random.Random(7).randbytes(200),
        "reported 'length' doesn't match the actual file size",
    ),
    "header.otf": (
        lambda: b"OTTO" + bytes(8),
        "it has no 'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'glyf' or 'CFF ' tables",
    ),
    "no-cmap.otf": (_without_cmap, "it has no 'cmap' table"),
}


@pytest.mark.parametrize("name", BAD_FONTS)
def test_a_font_file_brochure_cannot_use_is_named_with_why(project: Path, capsys, name: str):
    make, reason = BAD_FONTS[name]
    folder = project_layout(project)
    (project / "assets" / "fonts").mkdir()
    (project / "assets" / "fonts" / name).write_bytes(make())
    with_theme_fonts(folder)
    replace(folder / "layout.yaml", "fonts/Inter-Bold.otf", f"fonts/{name}")
    assert build(project, capsys, "--only", "print") == (
        ExitStatus.INVALID_INPUT,
        f"{folder / 'layout.yaml'}:63:57: theme.fonts[3].file: {project / 'assets' / 'fonts' / name}: "
        f"not a font brochure can use: {reason}\n",
    )


def test_a_truncated_output_profile_is_named(project: Path, capsys):
    folder = project / "layouts" / "trifold-roll"
    folder.mkdir(parents=True)
    shutil.copy(LAYOUTS_DIR / "trifold-roll" / "layout.yaml", folder)
    profile = project / "assets" / "profiles" / "FOGRA39.icc"
    profile.write_bytes(profile.read_bytes()[:60_000])
    assert build(project, capsys, "--only", "print") == (
        ExitStatus.INVALID_INPUT,
        f"{profile}: not an ICC profile brochure can use: cut short, 60,000 of its 120,404 bytes\n",
    )


# Symbolic links in a project that lead out of it.


def link_message(link: Path, target: Path) -> str:
    return (
        f"{link}: leads out of the project folder (a symbolic link to {target}); "
        "a project is its folder: copy what it needs into it\n"
    )


def test_a_layout_folder_linked_from_elsewhere_is_refused(project: Path, elsewhere: Path, capsys):
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", elsewhere / "trifold-roll")
    link = project / "layouts" / "trifold-roll"
    link.parent.mkdir()
    link.symlink_to(elsewhere / "trifold-roll")
    assert build(project, capsys, "--only", "print") == (
        ExitStatus.INVALID_INPUT,
        link_message(link, elsewhere / "trifold-roll"),
    )


def test_a_template_linked_from_elsewhere_is_refused(project: Path, elsewhere: Path, capsys):
    folder = project_layout(project)
    (elsewhere / "secret.txt").write_text("not for a leaflet", encoding="utf-8")
    link = folder / "blocks" / "links.html.j2"
    link.unlink()
    link.symlink_to(elsewhere / "secret.txt")
    assert build(project, capsys, "--only", "print") == (
        ExitStatus.INVALID_INPUT,
        link_message(link, elsewhere / "secret.txt"),
    )


def test_an_event_file_linked_from_elsewhere_is_refused(project: Path, elsewhere: Path, capsys):
    shutil.copy(ROOT / "events" / "rencontre-2027.yaml", elsewhere / "rencontre-2027.yaml")
    link = project / "events" / "rencontre-2027.yaml"
    link.parent.mkdir()
    link.symlink_to(elsewhere / "rencontre-2027.yaml")
    assert build(project, capsys, "--only", "print", "--event", str(link)) == (
        ExitStatus.INVALID_INPUT,
        link_message(link, elsewhere / "rencontre-2027.yaml"),
    )


def test_a_content_file_linked_from_elsewhere_is_refused(project: Path, elsewhere: Path, capsys):
    (project / "content.yaml").rename(elsewhere / "content.yaml")
    (project / "content.yaml").symlink_to(elsewhere / "content.yaml")
    assert build(project, capsys, "--only", "print") == (
        ExitStatus.INVALID_INPUT,
        link_message(project / "content.yaml", elsewhere / "content.yaml"),
    )


def test_an_assets_folder_linked_from_elsewhere_gives_the_layout_nothing(project: Path, elsewhere: Path, capsys):
    folder = project_layout(project)
    (elsewhere / "fonts").mkdir()
    shutil.copy(INTER, elsewhere / "fonts" / "House-Bold.otf")
    shutil.move(project / "assets", elsewhere / "assets")
    shutil.move(elsewhere / "fonts", elsewhere / "assets" / "fonts")
    (project / "assets").symlink_to(elsewhere / "assets")
    with_theme_fonts(folder)
    replace(folder / "layout.yaml", "fonts/Inter-Bold.otf", "fonts/House-Bold.otf")
    out = "leads outside the project folder (a symbolic link)"
    assert build(project, capsys, "--only", "print") == (
        ExitStatus.INVALID_INPUT,
        f"{folder / 'layout.yaml'}:56:12: press.profile: 'profiles/FOGRA39.icc' {out}\n"
        f"{folder / 'layout.yaml'}:63:57: theme.fonts[3].file: 'fonts/House-Bold.otf' {out}\n",
    )


# Text as editors and hostile hands write it.


def test_content_as_editors_and_hostile_hands_write_it_builds_and_is_found_as_printed(project: Path, capsys):
    # One build for what must print as written, each found in the PDF by the checks: the whole content in
    # decomposed Unicode, an author that looks like an XMP document ID, straight quotes and raw markup in a text.
    content = project / "content.yaml"
    author = "xmp.did:12345678-1234-1234-1234-123456789abc"
    replace(content, "author: QuattroPole e.V.", f"author: {author}")
    replace(content, CONTACT, 'Institutionen "der" <img src="file:///etc/passwd"> Großregion.')
    content.write_text(unicodedata.normalize("NFD", content.read_text(encoding="utf-8")), encoding="utf-8")
    assert build(project, capsys, "--only", "print") == (ExitStatus.OK, "")
    pdf = PdfReader(project / "out" / "quattropole-print.pdf")
    xmp = pdf.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert f"<rdf:li>{author}</rdf:li>".encode() in xmp
    assert xmp.count(b"<xmpMM:DocumentID>xmp.did:") == 1


def test_an_event_file_in_decomposed_unicode_is_read_as_composed(project: Path):
    event = project / "events" / "rencontre-2027.yaml"
    event.parent.mkdir()
    text = (ROOT / "events" / "rencontre-2027.yaml").read_text(encoding="utf-8")
    event.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    programme = event_content(load_content(project / "content.yaml"), event).data["sections"]["about"]["blocks"][2]
    assert programme["items"][1]["text"]["fr"] == "Les quatre villes présentent leurs projets numériques"


@pytest.mark.parametrize(
    ("char", "what"),
    [
        ("\ufdd0", "U+FDD0 (a noncharacter, for programs' own use)"),
        ("\ue001", "U+E001 (a private-use character, which means nothing outside one font)"),
        ("\u0378", f"U+0378 (not a character of Unicode {unicodedata.unidata_version})"),
    ],
    ids=["noncharacter", "private-use", "unassigned"],
)
def test_a_code_point_that_is_no_character_is_refused(project: Path, capsys, char: str, what: str):
    replace(project / "content.yaml", FIGURE, f"{FIGURE} {char}")
    assert build(project, capsys, "--only", "print") == (
        ExitStatus.INVALID_INPUT,
        f"{project / 'content.yaml'}:76:44: sections.cities.blocks[3].{FIGURE_FIELD}: "
        f"contains a character that cannot be printed: {what}\n",
    )


def poison(entry: Path, code: int) -> None:
    """Make a kept value of code points claim `code` too, whatever else it holds, and write it as the
    cache writes a copy (the SHA-256 of the value, then the value): only the font's digest can tell."""
    value = marshal.loads(entry.read_bytes()[32:])
    points = value if isinstance(value, list) else next(item for item in value if isinstance(item, list))
    points.append(code)
    payload = marshal.dumps(value)
    entry.write_bytes(hashlib.sha256(payload).digest() + payload)


def test_a_poisoned_code_point_cache_cannot_hide_a_missing_glyph(project: Path, capsys, monkeypatch):
    monkeypatch.setenv("BROCHURE_CACHE", str(project / "cache"))
    shutil.copytree(ASSETS_DIR / "fonts", project / "assets" / "fonts")  # fonts of their own, read anew
    replace(project / "content.yaml", FIGURE, f"{FIGURE} \U0001f642")
    # Another process reads the fonts and keeps their code points.
    run_forked(["build", "content.yaml", "-o", "out", "-q", "--only", "print"], timeout=300, cwd=project)
    entries = sorted((project / "cache" / "code-points").iterdir())
    assert len(entries) == 6
    for entry in entries:
        poison(entry, 0x1F642)
    status, err = build(project, capsys, "--only", "print")
    assert status == ExitStatus.CHECK_FAILED
    finding = f"sections.cities.blocks[3].{FIGURE_FIELD}: "
    finding += "no font of the layout has '🙂' (U+1F642 SLIGHTLY SMILING FACE)"
    finding += " [glyphs, error]"
    assert f"  flap: {finding}" in err.splitlines()
