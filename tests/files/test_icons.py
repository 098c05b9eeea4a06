"""Brochure's icons: each shipped file as Lucide ships it and safe to draw, found by name, and
printed in the colour asked for, not in the black WeasyPrint gives `currentColor`."""

from __future__ import annotations

import base64
import io
import re

import pytest
import weasyprint
from pypdf import PdfReader

from brochure.errors import InputError
from brochure.files.icons import FORMER_NAMES, ICONS_DIR, UnknownIcon, icon_file, icon_names, icon_svg
from brochure.files.svgfiles import check_svg

LUCIDE_VERSION = "1.87.0"
NAVY = "device-cmyk(0.96 0.66 0 0.58)"


def test_the_names_are_the_svg_files_sorted():
    names = icon_names()
    assert isinstance(names, tuple)
    assert names == tuple(sorted(path.stem for path in ICONS_DIR.glob("*.svg")))
    assert 60 <= len(names) <= 90
    assert {"calendar", "clock", "map-pin", "phone", "mail", "globe", "ticket", "users", "info"} <= set(names)


@pytest.mark.parametrize("name", icon_names())
def test_each_icon_is_lucides_own_file_under_its_current_name(name):
    text = icon_file(name).read_text(encoding="utf-8")
    # The licence line and the class of the name the icon is drawn for: an alias copy would name its alias.
    assert text.startswith(f"<!-- @license lucide-static v{LUCIDE_VERSION} - ISC -->\n")
    assert f'class="lucide lucide-{name}"' in text
    assert 'stroke="currentColor"' in text


@pytest.mark.parametrize("name", icon_names())
def test_each_icon_passes_brochures_svg_reader(name):
    check_svg(icon_file(name).read_bytes())
    check_svg(icon_svg(name, NAVY).encode("utf-8"))


def test_the_licence_and_its_provenance_are_beside_the_icons():
    licence = (ICONS_DIR / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("ISC License\n")
    assert "Cole Bemis" in licence  # the MIT notice of the icons taken over from Feather
    readme = (ICONS_DIR / "README.md").read_text(encoding="utf-8")
    assert f"`lucide-static`, version {LUCIDE_VERSION}" in readme
    assert "ISC" in readme
    listed = set(re.findall(r"`([a-z0-9-]+)`", readme.split("## The icons", 1)[1]))
    assert set(icon_names()) <= listed


def test_a_known_name_gives_its_file():
    path = icon_file("map-pin")
    assert path == ICONS_DIR / "map-pin.svg"
    assert path.is_file()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("calender", "unknown icon 'calender'; did you mean 'calendar'?"),
        ("music", "unknown icon 'music': Lucide now calls it 'eighth-notes'"),
        ("musik", "unknown icon 'musik'; did you mean 'eighth-notes'?"),  # close to a former name: the new one
        ("xyzzy", "unknown icon 'xyzzy'; brochure's 81 Lucide icons are listed in assets/icons/README.md"),
        ("../icons/LICENSE", "unknown icon '../icons/LICENSE'; brochure's 81 Lucide icons are listed in"),
        ("README", "unknown icon 'README'; brochure's 81"),
        (["calendar"], "unknown icon ['calendar']: an icon is named by a text"),
    ],
)
def test_an_unknown_name_is_a_user_error_naming_the_icon_meant(name, message):
    with pytest.raises(UnknownIcon) as raised:
        icon_file(name)
    assert str(raised.value).startswith(message)
    assert isinstance(raised.value, InputError)


def test_each_former_name_leads_to_an_icon_brochure_has():
    names = set(icon_names())
    for former, current in FORMER_NAMES.items():
        assert former not in names
        assert current in names


def test_icon_svg_draws_every_current_colour_in_the_colour_given():
    original = icon_file("palette").read_text(encoding="utf-8")
    assert original.count("currentColor") > 1  # its stroke and the fill of its dots
    svg = icon_svg("palette", "#1a2b3c")
    assert "currentColor" not in svg
    assert svg.count("#1a2b3c") == original.count("currentColor")
    assert svg.replace("#1a2b3c", "currentColor") == original


@pytest.mark.parametrize("colour", ['red" onload="x', "red><script", "a&b", "", " red"])
def test_icon_svg_refuses_what_is_no_colour(colour):
    with pytest.raises(ValueError, match="not a CSS colour"):
        icon_svg("calendar", colour)


def _stroke_colours(svg: str) -> list[str]:
    """The stroke colours WeasyPrint writes for `svg` drawn in an <img>, each as `space: values`."""
    url = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    html = f'<style>@page {{ size: 30mm; margin: 0 }} body {{ color: #00ff00 }}</style><img src="{url}">'
    reader = PdfReader(io.BytesIO(weasyprint.HTML(string=html).write_pdf()))
    assert len(reader.pages) == 1
    streams = [reader.pages[0].get_contents().get_data()]
    streams += [form.get_object().get_data() for form in reader.pages[0]["/Resources"].get("/XObject", {}).values()]
    content = b"\n".join(streams).decode("latin-1")
    found = re.findall(r"(?:/Device(\w+) CS\n)?([\d.]+(?: [\d.]+)*) (SCN|RG|K|G)\n", content)
    return [f"{space or _STROKE_SPACES[operator]}: {values}" for space, values, operator in found]


_STROKE_SPACES = {"RG": "RGB", "K": "CMYK", "G": "Gray"}  # a stroke colour set with its space in one operator


@pytest.mark.parametrize(
    ("colour", "drawn"),
    [(NAVY, "CMYK: 0.96 0.66 0 0.58"), ("#ff0000", "RGB: 1 0 0")],  # the print edition's, the e-mail edition's
)
def test_an_icon_prints_in_the_colour_given(colour, drawn):
    assert _stroke_colours(icon_svg("calendar", colour)) == [drawn] * 4  # its four lines and shapes


def test_an_icon_as_shipped_prints_black_whatever_the_css_colour():
    # Why icon_svg exists: WeasyPrint does not carry the page's colour into the SVG of an <img>.
    colours = _stroke_colours(icon_file("calendar").read_text(encoding="utf-8"))
    assert colours == ["RGB: 0 0 0"] * 4
