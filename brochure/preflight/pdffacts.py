"""Reading a PDF back, once per check run: boxes, metadata, fonts, images and positioned text, in mm,
and the one pypdf reader and pdfium document of the file that every check reads.

`check` and `proof` read PDFs brochure did not write, so the reading is bounded: the file's
size and kind before a byte is read, the number of pages, the size of a page, and the bytes
its streams decode to, before pdfium (which would inflate a compressed stream whole) sees
them. A file beyond a bound, or one pypdf or pdfium cannot read, is an InputError naming it.
"""

from __future__ import annotations

import ctypes
import io
import math
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader
from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.generic import ArrayObject, IndirectObject, NullObject, StreamObject

from brochure.errors import InputError
from brochure.files.imagefiles import MAX_PIXELS
from brochure.files.paths import file_kind, read_input
from brochure.preflight.streams import ContentStreams
from brochure.units import MM_PER_PT, format_size, ppi_of

MAX_PDF_BYTES = 200_000_000  # a print PDF with its photos weighs a few MB
MAX_PAGES = 100  # a leaflet has two sheet sides, its e-mail edition a page a panel
MAX_PAGE_PT = 14_400  # the largest page PDF allows (ISO 32000-1, annex C): 5.08 m
MAX_STREAM_BYTES = 75_000_000  # one stream decoded; pypdf stops inflating there too (ZLIB_MAX_OUTPUT_LENGTH)
MAX_DECODED_BYTES = 4 * MAX_STREAM_BYTES  # all of a PDF's streams but images, decoded
LIBRARY_ERRORS = (PyPdfError, pdfium.PdfiumError)  # what pypdf and pdfium raise for a file they refuse
# What reading a file raises that pypdf and pdfium cannot make sense of: whatever a damaged or
# crafted file makes them trip on, not only their own errors.
_UNREADABLE = (
    *LIBRARY_ERRORS,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    ArithmeticError,
    NotImplementedError,
    RecursionError,
    AssertionError,  # pypdf checks some of what it reads with `assert` (an object stream's /Type)
    zlib.error,
)


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
    reader: PdfReader | None = field(default=None, repr=False)  # the file's structure, for the press checks
    document: pdfium.PdfDocument | None = field(default=None, repr=False)  # the file as drawn
    streams: ContentStreams | None = field(default=None, repr=False)  # its content streams, each parsed once
    _texts: list[pdfium.PdfTextPage] = field(default_factory=list, repr=False)

    def text_in(self, page: int, x0: float, x1: float, y0: float = -50.0, y1: float = 500.0) -> str:
        """The text drawn inside a rectangle of page `page` (1-based), in mm from the trim's top-left."""
        facts = self.pages[page - 1]
        left, _, _, top = facts.trim_pt
        return self._texts[page - 1].get_text_bounded(
            left=left + x0 / MM_PER_PT,
            bottom=top - y1 / MM_PER_PT,
            right=left + x1 / MM_PER_PT,
            top=top - y0 / MM_PER_PT,
        )


class Unreadable(Exception):
    """Why a PDF is beyond what brochure reads; read_pdf makes it an InputError naming the file."""


def read_pdf(path: Path) -> PdfFacts:
    """Read the facts of a PDF file, within the bounds above; InputError for one brochure cannot read."""
    data = read_input(path, MAX_PDF_BYTES, "PDF", "a PDF to check")
    if b"%PDF-" not in data[:1024]:  # where readers look for the header (ISO 32000-2, 7.5.2)
        kind = file_kind(data)
        raise InputError(
            f"{path}: not a PDF brochure can read: it is {kind}"
            if kind
            else f"{path}: not a PDF brochure can read: it has no PDF header (%PDF-)"
        )
    try:
        return _read(path, data)
    except Unreadable as exc:
        raise InputError(f"{path}: not a PDF brochure can read: {exc}") from None
    except _UNREADABLE as exc:
        raise InputError(f"{path}: not a PDF brochure can read: {said(exc)}") from None


def said(exc: BaseException) -> str:
    """What a library's error says, on one line of at most 200 characters."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _read(path: Path, data: bytes) -> PdfFacts:
    reader = PdfReader(io.BytesIO(data))
    count = len(reader.pages)  # a file that is no PDF fails here
    if count == 0:
        raise Unreadable("it has no pages")
    if count > MAX_PAGES:
        raise Unreadable(f"it has {count} pages; brochure reads at most {MAX_PAGES}")
    pages = [_page_facts(number, page) for number, page in enumerate(reader.pages, start=1)]
    _decode_streams(reader)
    metadata = {str(key).lstrip("/"): str(value) for key, value in (reader.metadata or {}).items()}
    lang = reader.trailer["/Root"].get("/Lang")
    facts = PdfFacts(
        path=path,
        metadata=metadata,
        lang=str(lang) if lang else None,
        pages=pages,
        destinations=_destinations(reader, pages),
        reader=reader,
        streams=ContentStreams(reader),
    )
    # pypdf gives the structure; pdfium draws the text, so it knows where each
    # glyph lands, including text inside form XObjects such as SVG images.
    facts.document = pdfium.PdfDocument(data)
    if len(facts.document) != count:
        raise Unreadable(f"its page tree holds {count} pages read one way and {len(facts.document)} another")
    for page_facts, page in zip(pages, facts.document, strict=True):
        textpage = page.get_textpage()
        facts._texts.append(textpage)
        page_facts.glyphs = list(_glyphs(textpage, page_facts.trim_pt))
        page_facts.images = list(_images(page, page_facts.trim_pt[0]))
    return facts


def _decode_streams(reader: PdfReader) -> None:
    """Decode every stream of the file but images (pdfium decodes an image to its declared size, held to
    MAX_PIXELS here), within MAX_STREAM_BYTES each and MAX_DECODED_BYTES together: a small file may
    inflate to gigabytes, and pdfium would inflate it whole. pypdf keeps what it decoded for the checks."""
    total = 0
    for generation, numbers in list(reader.xref.items()):
        for number in list(numbers):
            stream = IndirectObject(number, generation, reader).get_object()
            if not isinstance(stream, StreamObject):
                continue
            if stream.get("/Subtype") == "/Image":
                width, height = (int(stream[key]) if key in stream else 0 for key in ("/Width", "/Height"))
                if width * height > MAX_PIXELS:
                    shown = f"{MAX_PIXELS // 1_000_000} Mpx"
                    raise Unreadable(f"an image of {width} × {height} pixels; brochure draws at most {shown}")
                continue
            try:
                size = len(stream.get_data())
            except LimitReachedError:  # pypdf stops inflating at its own limit, MAX_STREAM_BYTES
                size = MAX_STREAM_BYTES + 1
            if size > MAX_STREAM_BYTES:
                raise Unreadable(f"stream {number} decodes to more than {format_size(MAX_STREAM_BYTES)}")
            total += size
            if total > MAX_DECODED_BYTES:
                raise Unreadable(f"its streams decode to more than {format_size(MAX_DECODED_BYTES)} together")


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
                drawn=(math.hypot(a, b) * MM_PER_PT, math.hypot(c, d) * MM_PER_PT),
                x=((left + right) / 2 - trim_left) * MM_PER_PT,
            )


def _destinations(reader: PdfReader, pages: list[PageFacts]) -> dict[str, tuple[int, float, float]]:
    """Named destinations: WeasyPrint writes one for every element with an id."""
    result = {}
    for name, destination in reader.named_destinations.items():
        index = reader.get_destination_page_number(destination)
        left, top = destination.get("/Left"), destination.get("/Top")
        if index < 0 or left is None or top is None:
            continue
        trim_left, _, _, trim_top = pages[index].trim_pt
        result[str(name)] = (index + 1, (float(left) - trim_left) * MM_PER_PT, (trim_top - float(top)) * MM_PER_PT)
    return result


def _glyphs(textpage: pdfium.PdfTextPage, trim: tuple[float, float, float, float]):
    left, _, _, top = trim
    # pdfium is asked five things about each glyph, thousands of times a page: through the raw handle
    # and values made once here, not pypdfium2's helpers, which make their own on every call.
    handle = textpage.raw
    unicode_of, size_of = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetFontSize
    box = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top: pdfium's order
    box_refs = [ctypes.byref(value) for value in box]
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    name = ctypes.create_string_buffer(256)
    flags_ref = ctypes.byref(ctypes.c_int())
    fonts: dict[bytes, str] = {}  # pdfium's name of a glyph's font → its name without the subset tag
    high = None  # pdfium reports a character beyond U+FFFF as two surrogate halves
    for index in range(pdfium_c.FPDFText_CountChars(handle)):
        code = unicode_of(handle, index)
        if 0xD800 <= code < 0xDC00:
            high = code
            continue
        if 0xDC00 <= code < 0xE000 and high is not None:
            code, high = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00), None
        char = "-" if code == 2 else chr(code)  # 2: pdfium's mark for a hyphen that ends a line
        if char.isspace() or char in "\x00\ufffe\ufffd":
            continue
        if not pdfium_c.FPDFText_GetCharBox(handle, index, *box_refs):
            raise pdfium.PdfiumError("Failed to get charbox.")
        x0, x1, y0, y1 = (value.value for value in box)
        scale = 1.0
        if pdfium_c.FPDFText_GetMatrix(handle, index, matrix_ref):
            scale = math.hypot(matrix.a, matrix.b) or 1.0
        length = pdfium_c.FPDFText_GetFontInfo(handle, index, name, len(name), flags_ref)
        raw = name.raw[: length - 1] if 0 < length <= len(name) else b""
        font = fonts.get(raw)
        if font is None:
            font = fonts[raw] = without_subset_tag(raw.decode("utf-8", "replace"))
        yield Glyph(
            char=char,
            x0=(x0 - left) * MM_PER_PT,
            y0=(top - y1) * MM_PER_PT,
            x1=(x1 - left) * MM_PER_PT,
            y1=(top - y0) * MM_PER_PT,
            size=size_of(handle, index) * scale,
            font=font,
        )


def _page_facts(number: int, page) -> PageFacts:
    media, bleed, trim = (_box(page, number, name) for name in ("/MediaBox", "/BleedBox", "/TrimBox"))
    left, _, _, top = trim
    boxes = {
        name: ((x0 - left) * MM_PER_PT, (top - y1) * MM_PER_PT, (x1 - left) * MM_PER_PT, (top - y0) * MM_PER_PT)
        for name, (x0, y0, x1, y1) in (("media", media), ("bleed", bleed), ("trim", trim))
    }
    facts = PageFacts(number=number, boxes=boxes, trim_pt=trim, rotation=int(page.get("/Rotate", 0) or 0) % 360)
    _walk_resources(page.get("/Resources"), facts, set())
    return facts


# The boxes a missing box falls back on, in order, as PDF defines them (a TrimBox is the CropBox,
# and that the MediaBox).
_FALLBACKS = {"/MediaBox": (), "/BleedBox": ("/CropBox", "/MediaBox"), "/TrimBox": ("/CropBox", "/MediaBox")}


def _box(page, number: int, name: str) -> tuple[float, float, float, float]:
    """A page box in points as (x0, y0, x1, y1), as pypdf's `page.trimbox` reads it but without its
    writing the box it fell back on into the page, where the `pdfx` check would take it for the file's."""
    for key in (name, *_FALLBACKS[name]):
        value = page.get(key)
        value = value.get_object() if value is not None else None
        if value is not None and not isinstance(value, NullObject):
            break
    else:
        raise Unreadable(f"page {number} has no MediaBox")
    values = [item.get_object() for item in value[:4]] if isinstance(value, ArrayObject) else []
    if len(values) != 4 or not all(isinstance(item, int | float) and math.isfinite(item) for item in values):
        raise Unreadable(f"the {key.lstrip('/')} of page {number} is not four numbers")
    x0, y0, x1, y1 = (float(item) for item in values)
    if max(abs(x1 - x0), abs(y1 - y0)) > MAX_PAGE_PT:
        size = f"{abs(x1 - x0) * MM_PER_PT:.0f} × {abs(y1 - y0) * MM_PER_PT:.0f} mm"
        raise Unreadable(f"the {key.lstrip('/')} of page {number} is {size}; a PDF page is at most {MAX_PAGE_PT} pt")
    return x0, y0, x1, y1


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
