"""Every colour space a PDF can paint with, fed to the `colour` check through a PDF written by hand:
those that are RGB, or fall back to it, are errors; the rest are accepted.

`space_kind` names the space, `colour_uses` finds it wherever the page draws it (content,
an image, a shading, a pattern), and `colour` reports the RGB ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import pdf_findings, sheet_pdf
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from brochure.preflight import Severity

RGB_IN_DRAWING = [(Severity.ERROR, 1, None, "RGB colour in the page's drawing (1×): convert it to CMYK")]


def name(value: str) -> NameObject:
    return NameObject(value)


def numbers(*values: float) -> ArrayObject:
    return ArrayObject(FloatObject(v) for v in values)


def icc(writer: PdfWriter, components: int) -> ArrayObject:
    profile = DecodedStreamObject()
    profile.set_data(b"an ICC profile's bytes are not read by the check")
    profile[name("/N")] = NumberObject(components)
    return ArrayObject([name("/ICCBased"), writer._add_object(profile)])


def tint_function(outputs: int) -> DictionaryObject:
    """A type 2 function from one tint to `outputs` components."""
    return DictionaryObject(
        {
            name("/FunctionType"): NumberObject(2),
            name("/Domain"): numbers(0, 1),
            name("/C0"): numbers(*[0] * outputs),
            name("/C1"): numbers(*[1] * outputs),
            name("/N"): NumberObject(1),
        }
    )


def separation(alternate: str, outputs: int) -> ArrayObject:
    return ArrayObject([name("/Separation"), name("/Gold"), name(alternate), tint_function(outputs)])


def device_n(alternate: str, outputs: int) -> ArrayObject:
    return ArrayObject([name("/DeviceN"), ArrayObject([name("/Gold")]), name(alternate), tint_function(outputs)])


def indexed(base, entries: bytes) -> ArrayObject:
    return ArrayObject([name("/Indexed"), base, NumberObject(0), TextStringObject(entries.decode("latin-1"))])


# name → (how to make the colour space, its number of components, whether it is RGB)
SPACES = {
    "DeviceGray": (lambda w: name("/DeviceGray"), 1, False),
    "DeviceRGB": (lambda w: name("/DeviceRGB"), 3, True),
    "DeviceCMYK": (lambda w: name("/DeviceCMYK"), 4, False),
    "ICCBased gray": (lambda w: icc(w, 1), 1, False),
    "ICCBased RGB": (lambda w: icc(w, 3), 3, True),
    "ICCBased CMYK": (lambda w: icc(w, 4), 4, False),
    "CalGray": (
        lambda w: ArrayObject([name("/CalGray"), DictionaryObject({name("/WhitePoint"): numbers(0.9505, 1, 1.089)})]),
        1,
        False,
    ),
    "CalRGB": (
        lambda w: ArrayObject([name("/CalRGB"), DictionaryObject({name("/WhitePoint"): numbers(0.9505, 1, 1.089)})]),
        3,
        True,
    ),
    "Lab": (
        lambda w: ArrayObject([name("/Lab"), DictionaryObject({name("/WhitePoint"): numbers(0.9505, 1, 1.089)})]),
        3,
        False,
    ),
    "Separation over CMYK": (lambda w: separation("/DeviceCMYK", 4), 1, False),
    "Separation over RGB": (lambda w: separation("/DeviceRGB", 3), 1, True),
    "DeviceN over CMYK": (lambda w: device_n("/DeviceCMYK", 4), 1, False),
    "DeviceN over RGB": (lambda w: device_n("/DeviceRGB", 3), 1, True),
    "Indexed over RGB": (lambda w: indexed(name("/DeviceRGB"), b"\x10\x20\x30"), 1, True),
    "Indexed over CMYK": (lambda w: indexed(name("/DeviceCMYK"), b"\x10\x20\x30\x40"), 1, False),
    "Indexed over ICCBased RGB": (lambda w: indexed(icc(w, 3), b"\x10\x20\x30"), 1, True),
}


def painted_with(tmp_path: Path, space: str, where: str = "content") -> list:
    """The colour check's findings for a page that fills a square in `space`: set as the fill
    colour space of the page's drawing, or as the colour space of an image it draws."""
    writer = PdfWriter()
    make, components, _ = SPACES[space]
    if where == "content":
        operands = " ".join(["0.5"] * components) if not space.startswith("Indexed") else "0"
        drawing = f"/CS0 cs {operands} sc 20 20 50 50 re f".encode()
        return pdf_findings(
            "colour",
            sheet_pdf(
                tmp_path / "page.pdf",
                drawing,
                {"/ColorSpace": DictionaryObject({name("/CS0"): make(writer)})},
                writer=writer,
            ),
        )
    picture = DecodedStreamObject()
    picture.set_data(bytes(components))
    picture.update(
        {
            name("/Type"): name("/XObject"),
            name("/Subtype"): name("/Image"),
            name("/Width"): NumberObject(1),
            name("/Height"): NumberObject(1),
            name("/BitsPerComponent"): NumberObject(8),
            name("/ColorSpace"): make(writer),
        }
    )
    resources = {"/XObject": DictionaryObject({name("/Im0"): writer._add_object(picture)})}
    drawing = b"q 50 0 0 50 20 20 cm /Im0 Do Q"
    return pdf_findings("colour", sheet_pdf(tmp_path / "page.pdf", drawing, resources, writer=writer))


@pytest.mark.parametrize("space", SPACES)
def test_a_colour_space_set_for_the_drawing(tmp_path: Path, space: str):
    rgb = SPACES[space][2]
    assert painted_with(tmp_path, space) == (RGB_IN_DRAWING if rgb else [])


@pytest.mark.parametrize("space", SPACES)
def test_the_colour_space_of_an_image(tmp_path: Path, space: str):
    rgb = SPACES[space][2]
    expected = [(Severity.ERROR, 1, None, "RGB colour in an image (1×): convert it to CMYK")]
    assert painted_with(tmp_path, space, "image") == (expected if rgb else [])


@pytest.mark.parametrize(
    ("drawing", "rgb"),
    [
        (b"0.1 0.2 0.3 rg 20 20 50 50 re f", True),
        (b"0.1 0.2 0.3 RG 20 20 50 50 re S", True),
        (b"/DeviceRGB CS 0.1 0.2 0.3 SC 20 20 50 50 re S", True),
        (b"0.1 0.2 0.3 0.4 k 20 20 50 50 re f", False),
        (b"0.5 g 20 20 50 50 re f", False),
        (b"0.5 G 20 20 50 50 re S", False),
    ],
)
def test_the_colour_operators(tmp_path: Path, drawing: bytes, rgb: bool):
    assert pdf_findings("colour", sheet_pdf(tmp_path / "page.pdf", drawing)) == (RGB_IN_DRAWING if rgb else [])


def tiling_pattern(writer: PdfWriter, drawing: bytes, paint_type: int = 1) -> DictionaryObject:
    pattern = DecodedStreamObject()
    pattern.set_data(drawing)
    pattern.update(
        {
            name("/Type"): name("/Pattern"),
            name("/PatternType"): NumberObject(1),
            name("/PaintType"): NumberObject(paint_type),
            name("/TilingType"): NumberObject(1),
            name("/BBox"): numbers(0, 0, 10, 10),
            name("/XStep"): NumberObject(10),
            name("/YStep"): NumberObject(10),
            name("/Resources"): DictionaryObject(),
        }
    )
    return writer._add_object(pattern)


def shading_pattern(writer: PdfWriter, space: str, outputs: int) -> DictionaryObject:
    shading = DictionaryObject(
        {
            name("/ShadingType"): NumberObject(2),
            name("/ColorSpace"): name(space),
            name("/Coords"): numbers(0, 0, 100, 0),
            name("/Function"): tint_function(outputs),
        }
    )
    pattern = DictionaryObject(
        {name("/Type"): name("/Pattern"), name("/PatternType"): NumberObject(2), name("/Shading"): shading}
    )
    return writer._add_object(pattern)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("tiling in CMYK", []),
        ("tiling in RGB", RGB_IN_DRAWING),
        ("shading in CMYK", []),
        ("shading in RGB", [(Severity.ERROR, 1, None, "RGB colour in a gradient (1×): convert it to CMYK")]),
    ],
)
def test_a_pattern_is_judged_by_what_it_paints(tmp_path: Path, pattern: str, expected: list):
    writer = PdfWriter()
    made = {
        "tiling in CMYK": lambda: tiling_pattern(writer, b"0 0 0 1 k 0 0 5 5 re f"),
        "tiling in RGB": lambda: tiling_pattern(writer, b"1 0 0 rg 0 0 5 5 re f"),
        "shading in CMYK": lambda: shading_pattern(writer, "/DeviceCMYK", 4),
        "shading in RGB": lambda: shading_pattern(writer, "/DeviceRGB", 3),
    }[pattern]()
    resources = {"/Pattern": DictionaryObject({name("/P0"): made})}
    drawing = b"/Pattern cs /P0 scn 20 20 50 50 re f"
    assert pdf_findings("colour", sheet_pdf(tmp_path / "page.pdf", drawing, resources, writer=writer)) == expected


@pytest.mark.parametrize(("under", "rgb"), [("/DeviceRGB", True), ("/DeviceCMYK", False)])
def test_an_uncoloured_pattern_takes_the_colour_space_under_it(tmp_path: Path, under: str, rgb: bool):
    writer = PdfWriter()
    resources = {
        "/ColorSpace": DictionaryObject({name("/CS0"): ArrayObject([name("/Pattern"), name(under)])}),
        "/Pattern": DictionaryObject({name("/P0"): tiling_pattern(writer, b"0 0 5 5 re f", paint_type=2)}),
    }
    operands = "1 0 0" if rgb else "0 0 0 1"
    drawing = f"/CS0 cs {operands} /P0 scn 20 20 50 50 re f".encode()
    found = pdf_findings("colour", sheet_pdf(tmp_path / "page.pdf", drawing, resources, writer=writer))
    assert found == (RGB_IN_DRAWING if rgb else [])
