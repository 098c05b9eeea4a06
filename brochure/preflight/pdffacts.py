"""Reading a written PDF back: boxes, metadata, fonts, images and positioned text, in mm."""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import IndirectObject

from brochure.errors import InputError
from brochure.units import MM_PER_PT as PT_TO_MM  # the reading functions' name for it
from brochure.units import ppi_of


@dataclass(frozen=True)
class Glyph:
    """One drawn character: its box in mm from the trim's top-left corner, its size in pt."""

    char: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: str = ""  # BaseFont without the subset prefix

    @property
    def cx(self) -> float:
        """The horizontal centre, which decides the panel a glyph belongs to."""
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class FontFact:
    """A font a page uses."""

    name: str  # BaseFont without the subset prefix
    subtype: str  # Type0, Type1, TrueType, Type3
    embedded: bool


@dataclass(frozen=True)
class ImageFact:
    """A raster image as placed: pixel size and drawn size in mm."""

    name: str
    pixels: tuple[int, int]
    drawn: tuple[float, float]
    x: float  # horizontal centre in mm from the trim's left edge

    @property
    def ppi(self) -> float:
        """Effective resolution: the lower of the two axes."""
        return min(
            ppi_of(self.pixels[0], self.drawn[0]) if self.drawn[0] else math.inf,
            ppi_of(self.pixels[1], self.drawn[1]) if self.drawn[1] else math.inf,
        )


@dataclass
class PageFacts:
    """What one page of the PDF holds."""

    number: int  # 1-based
    boxes: dict[str, tuple[float, float, float, float]]  # name → (x0, y0, x1, y1) in mm, y down
    trim_pt: tuple[float, float, float, float]  # the TrimBox in PDF points
    rotation: int = 0  # the page's /Rotate, in degrees
    glyphs: list[Glyph] = field(default_factory=list)
    fonts: list[FontFact] = field(default_factory=list)
    images: list[ImageFact] = field(default_factory=list)


@dataclass
class PdfFacts:
    """Everything the page checks read from a PDF file."""

    path: Path
    metadata: dict[str, str]
    lang: str | None
    pages: list[PageFacts]
    destinations: dict[str, tuple[int, float, float]]  # name → (page, x, y) in mm, page 1-based
    _texts: list[pdfium.PdfTextPage] = field(default_factory=list, repr=False)

    def text_in(self, page: int, x0: float, x1: float, y0: float = -50.0, y1: float = 500.0) -> str:
        """The text drawn inside a rectangle of page `page` (1-based), in mm from the trim's top-left."""
        facts = self.pages[page - 1]
        left, _, _, top = facts.trim_pt
        return self._texts[page - 1].get_text_bounded(
            left=left + x0 / PT_TO_MM, bottom=top - y1 / PT_TO_MM, right=left + x1 / PT_TO_MM, top=top - y0 / PT_TO_MM
        )


def read_pdf(path: Path) -> PdfFacts:
    """Read the facts of a PDF file."""
    try:
        reader = PdfReader(path)
        count = len(reader.pages)  # a file that is no PDF fails here
    except (PdfReadError, OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable PDF: {exc}") from None
    if count == 0:
        raise InputError(f"{path}: the PDF has no pages")
    metadata = {str(key).lstrip("/"): str(value) for key, value in (reader.metadata or {}).items()}
    lang = reader.trailer["/Root"].get("/Lang")
    pages = [_page_facts(number, page) for number, page in enumerate(reader.pages, start=1)]
    facts = PdfFacts(
        path=path,
        metadata=metadata,
        lang=str(lang) if lang else None,
        pages=pages,
        destinations=_destinations(reader, pages),
    )
    # pypdf gives the structure; pdfium draws the text, so it knows where each
    # glyph lands, including text inside form XObjects such as SVG images.
    document = pdfium.PdfDocument(path)
    for page_facts, page in zip(pages, document, strict=True):
        textpage = page.get_textpage()
        facts._texts.append(textpage)
        page_facts.glyphs = list(_glyphs(textpage, page_facts.trim_pt))
        page_facts.images = list(_images(page, page_facts.trim_pt[0]))
    return facts


def _images(page: pdfium.PdfPage, trim_left: float):
    """Raster images with their drawn size, through any nesting of form XObjects."""
    matrices: list[tuple[float, ...]] = []
    count = 0
    for obj in page.get_objects(max_depth=16):
        del matrices[obj.level :]
        if obj.type not in (pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_IMAGE):
            continue  # text, paths and shadings (some of which have no matrix to read)
        a, b, c, d, _, _ = obj.get_matrix().get()
        for pa, pb, pc, pd, _, _ in reversed(matrices):
            a, b, c, d = a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            matrices.append(obj.get_matrix().get())
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            left, _, right, _ = obj.get_bounds()
            count += 1
            yield ImageFact(
                name=f"image {count}",
                pixels=tuple(obj.get_px_size()),
                drawn=(math.hypot(a, b) * PT_TO_MM, math.hypot(c, d) * PT_TO_MM),
                x=((left + right) / 2 - trim_left) * PT_TO_MM,
            )


def _glyph_font(textpage: pdfium.PdfTextPage, index: int, buffer, flags) -> str:
    length = pdfium_c.FPDFText_GetFontInfo(textpage, index, buffer, len(buffer), ctypes.byref(flags))
    raw = buffer.raw[: max(length - 1, 0)].decode("utf-8", "replace") if 0 < length <= len(buffer) else ""
    return without_subset_tag(raw)


def _destinations(reader: PdfReader, pages: list[PageFacts]) -> dict[str, tuple[int, float, float]]:
    """Named destinations: WeasyPrint writes one for every element with an id."""
    result = {}
    for name, destination in reader.named_destinations.items():
        index = reader.get_destination_page_number(destination)
        left, top = destination.get("/Left"), destination.get("/Top")
        if index < 0 or left is None or top is None:
            continue
        trim_left, _, _, trim_top = pages[index].trim_pt
        result[str(name)] = (index + 1, (float(left) - trim_left) * PT_TO_MM, (trim_top - float(top)) * PT_TO_MM)
    return result


def _glyphs(textpage: pdfium.PdfTextPage, trim: tuple[float, float, float, float]):
    left, _, _, top = trim
    matrix = pdfium_c.FS_MATRIX()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    high = None  # pdfium reports a character beyond U+FFFF as two surrogate halves
    for index in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if 0xD800 <= code < 0xDC00:
            high = code
            continue
        if 0xDC00 <= code < 0xE000 and high is not None:
            code, high = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00), None
        char = "-" if code == 2 else chr(code)  # 2: pdfium's mark for a hyphen that ends a line
        if char.isspace() or char in "\x00\ufffe\ufffd":
            continue
        x0, y0, x1, y1 = textpage.get_charbox(index)
        scale = 1.0
        if pdfium_c.FPDFText_GetMatrix(textpage, index, matrix):
            scale = math.hypot(matrix.a, matrix.b) or 1.0
        yield Glyph(
            char=char,
            x0=(x0 - left) * PT_TO_MM,
            y0=(top - y1) * PT_TO_MM,
            x1=(x1 - left) * PT_TO_MM,
            y1=(top - y0) * PT_TO_MM,
            size=pdfium_c.FPDFText_GetFontSize(textpage, index) * scale,
            font=_glyph_font(textpage, index, name, flags),
        )


def _page_facts(number: int, page) -> PageFacts:
    trim = page.trimbox
    left, top = float(trim.left), float(trim.top)
    boxes = {
        name: (
            (float(box.left) - left) * PT_TO_MM,
            (top - float(box.top)) * PT_TO_MM,
            (float(box.right) - left) * PT_TO_MM,
            (top - float(box.bottom)) * PT_TO_MM,
        )
        for name, box in (("media", page.mediabox), ("bleed", page.bleedbox), ("trim", trim))
    }
    facts = PageFacts(
        number=number,
        boxes=boxes,
        trim_pt=(left, float(trim.bottom), float(trim.right), top),
        rotation=int(page.get("/Rotate", 0) or 0) % 360,
    )
    _walk_resources(page.get("/Resources"), facts, set())
    return facts


def _font_name(font_dict) -> str:
    return without_subset_tag(str(font_dict.get("/BaseFont", "?")).lstrip("/"))


def without_subset_tag(name: str) -> str:
    """A font name without the six-letter tag of a subset: ABCDEF+Inter-Bold is Inter-Bold."""
    return name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name


def _walk_resources(resources, facts: PageFacts, seen: set) -> None:
    """Collect fonts and images of a resource dictionary and of its form XObjects."""
    if resources is None:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        key = font.idnum if isinstance(font, IndirectObject) else id(font)
        if key in seen:
            continue
        seen.add(key)
        font_dict = font.get_object()
        facts.fonts.append(
            FontFact(
                name=_font_name(font_dict),
                subtype=str(font_dict.get("/Subtype", "?")).lstrip("/"),
                embedded=_embedded(font_dict),
            )
        )
    for ref in (resources.get("/XObject") or {}).values():
        key = ("xobject", ref.idnum) if isinstance(ref, IndirectObject) else id(ref)
        if key in seen:
            continue
        seen.add(key)
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form":
            _walk_resources(xobject.get("/Resources"), facts, seen)


def _embedded(font_dict) -> bool:
    if font_dict.get("/Subtype") == "/Type3":
        return True  # glyphs are drawn by the PDF itself
    descriptors = [font_dict.get("/FontDescriptor")]
    for descendant in font_dict.get("/DescendantFonts") or []:
        descriptors.append(descendant.get_object().get("/FontDescriptor"))
    return any(
        key in descriptor.get_object()
        for descriptor in descriptors
        if descriptor is not None
        for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )
