"""Small text against its background in the e-mail edition: WCAG AA's 4.5:1, the screen colours that meet
it, and the `contrast` check on the golden e-mail PDF and on a copy of it drawn in the press's teal."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ContentStream, FloatObject

from brochure.preflight import Severity, check_pdf
from brochure.preflight.contrast import _background, small_texts
from brochure.sheet.colour import (
    DEFAULT_PROFILE,
    contrast_ratio,
    load_profile,
    palette_css,
    readable_on_screen,
)
from brochure.sheet.imposition import IMPOSITIONS
from brochure.sheet.theme import load_theme

STONE = (0xF2, 0xF1, 0xEC)


@pytest.fixture(scope="module")
def email(golden) -> Path:
    return golden.result.edition("email").written[0].path


def contrast_findings(golden, pdf: Path) -> list:
    imposition = IMPOSITIONS["reading-order"](golden.layout)
    report = check_pdf(pdf, golden.layout, golden.content, edition="email", imposition=imposition)
    return [f for f in report.findings if f.check == "contrast"]


def rgb(value: str) -> tuple[int, int, int]:
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def test_contrast_ratio_is_wcags():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast_ratio((0x16, 0x8B, 0x8D), (255, 255, 255)) == pytest.approx(4.11, abs=0.01)  # the press's teal


def test_the_screen_twins_of_the_dark_text_colours_read_at_4_5_on_white_and_stone():
    theme = load_theme()
    twins = palette_css(theme.palette, load_profile(DEFAULT_PROFILE), cmyk=False)
    screen = readable_on_screen(twins)
    for name in ("teal", "raspberry", "rust", "navy", "ink", "slate", "muted"):
        assert min(contrast_ratio(rgb(screen[name]), surface) for surface in ((255, 255, 255), STONE)) >= 4.5, name
    assert contrast_ratio(rgb(twins["teal"]), STONE) < 4.5  # as the press prints it
    assert screen["teal"] != twins["teal"] and screen["navy"] == twins["navy"]  # darkened only where it must be
    # Colours for text on a dark panel, and the surfaces, are left as they are.
    assert {name: screen[name] for name in ("gold", "mist", "paper", "stone")} == {
        name: twins[name] for name in ("gold", "mist", "paper", "stone")
    }


def test_the_golden_email_has_no_small_text_under_4_5(golden, email: Path):
    assert contrast_findings(golden, email) == []


def test_contrast_catches_small_text_in_the_press_teal(golden, email: Path, tmp_path: Path):
    """The German labels of the key figures on the flap, page 5 (7.4 pt, on stone), drawn in the teal the press
    prints: 3.6:1."""
    writer = PdfWriter(clone_from=email)
    page = writer.pages[4]
    stream = ContentStream(page.get_contents(), writer)
    for index, (operands, operator) in enumerate(stream.operations):
        if operator == b"rg" and [round(float(v) * 255) for v in operands] == [0x13, 0x79, 0x7B]:  # the screen teal
            stream.operations[index] = ([FloatObject(v / 255) for v in (0x16, 0x8B, 0x8D)], b"rg")
    page.replace_contents(stream)
    writer.write(tmp_path / "x.pdf")

    (finding,) = contrast_findings(golden, tmp_path / "x.pdf")
    assert (finding.severity, finding.page) == (Severity.WARNING, 5)
    assert finding.message == (
        "4 runs of 7.4 pt text in #168b8d on #f1f0ec: a contrast of 3.6:1, under the 4.5:1 that WCAG AA asks of "
        "text under 18 pt: 'Einwohner', 'Sprachen', 'Länder', …"
    )


def test_a_light_text_colour_is_lightened_for_the_dark_panels_of_the_palette():
    """The city-service example's cover: its gold subtitle (3.5:1 on its forest green) made to read."""
    theme = load_theme()
    twins = palette_css(theme.palette, load_profile(DEFAULT_PROFILE), cmyk=False) | {"forest": "#30643d"}
    screen = readable_on_screen(twins, {"gold"})
    assert contrast_ratio(rgb(twins["gold"]), rgb(twins["forest"])) < 4.5
    assert contrast_ratio(rgb(screen["gold"]), rgb(twins["forest"])) >= 4.5
    assert screen["forest"] == twins["forest"] and screen["orange"] == twins["orange"]  # a surface, a fill
    assert readable_on_screen(twins)["gold"] == twins["gold"]  # no subtitle in gold: left as it is


def test_text_in_a_picture_is_left_to_its_alt_text(golden, email: Path):
    """The map's labels, the country letters at 1.3:1 among them, are drawn in its /Figure: not judged."""
    page = pdfium.PdfDocument(str(email))[4]
    said = {" ".join(text.text.split()) for text in small_texts(page)}
    # The map draws its labels a glyph at a time: none of them is judged, the list's texts are.
    assert {"STADT TRIER", "www.metz.fr"} <= said and all(len(text) > 2 for text in said)


def test_a_texts_background_is_the_colour_most_of_its_ring_has_the_first_met_of_colours_as_many():
    # A 10 × 10 pt page drawn at 2 px a pt; the text's box (3, 3)–(7, 7) pt has its 2 px ring in x and y 4–15.
    red, blue, white = (200, 0, 0), (0, 0, 200), (255, 255, 255)
    picture = Image.new("RGB", (20, 20), white)
    picture.paste(red, (0, 0, 10, 20))
    picture.paste(blue, (10, 0, 20, 20))
    box = (3.0, 3.0, 7.0, 7.0)
    assert _background(picture, box, 10.0) == red  # as many of each: red is met first, down the ring's first column
    picture.paste(red, (10, 0, 20, 20))
    picture.paste(blue, (0, 0, 10, 20))
    assert _background(picture, box, 10.0) == blue
    picture.putpixel((15, 15), white)  # one pixel of the ring fewer in red
    assert _background(picture, box, 10.0) == blue
    picture.putpixel((4, 4), white)
    picture.putpixel((5, 4), white)  # and two fewer in blue
    assert _background(picture, box, 10.0) == red
    picture.paste(white, (6, 6, 14, 14))  # what is inside the ring (the text) does not count
    assert _background(picture, box, 10.0) == red
    assert _background(picture, (3.0, 20.0, 7.0, 24.0), 10.0) is None  # a box above the page
