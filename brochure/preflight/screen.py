"""Checks of the screen editions: the size budget, images no finer than a screen needs, the reading
order, a structure tree that tags every page's text (and says what `spoken` holds against the content: each
text's language, links in words, alt texts), and links that point where the content says."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from brochure.preflight.placement import content_links, text_key
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.preflight.spoken import figure_findings, language_findings, link_findings, whole_word_findings
from brochure.preflight.streams import TEXT_SHOWING, ContentStreams
from brochure.units import format_size, format_size_over

SCREEN = ("email",)
MAX_SCREEN_PPI = 200  # a screen edition downsamples to 150 ppi; more only weighs


@check("file-size", editions=SCREEN)
def file_size(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.max_bytes is None:
        return
    size = ctx.facts.path.stat().st_size
    if size > ctx.max_bytes:
        yield Finding(
            "file-size",
            Severity.ERROR,
            f"the file is {format_size_over(size, ctx.max_bytes)}; the {ctx.edition} edition's budget is "
            f"{format_size(ctx.max_bytes)} "
            "(mail services refuse or strip larger attachments)",
        )


@check("screen-images", editions=SCREEN)
def screen_images(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.facts.pages:
        for image in page.images:
            if round(image.ppi) > MAX_SCREEN_PPI:
                yield Finding(
                    "screen-images",
                    Severity.ERROR,
                    f"{image.name}: {image.pixels[0]} × {image.pixels[1]} px drawn at {image.drawn[0]:.1f} × "
                    f"{image.drawn[1]:.1f} mm is {image.ppi:.0f} ppi; a screen needs at most {MAX_SCREEN_PPI}",
                    page.number,
                    ctx.panel_id_at(page.number, image.x),
                )


@check("reading-order", needs_content=True, editions=SCREEN)
def reading_order(ctx: CheckContext) -> Iterator[Finding]:
    """Each page shows the panel the layout's reading order puts there, known by its first text."""
    expected_texts = ctx.panel_texts()
    first = {
        panel_id: next((text_key(item.text) for item in texts if text_key(item.text)), "")
        for panel_id, texts in expected_texts.items()
    }
    for number, surface in enumerate(ctx.surfaces, start=1):
        if number > len(ctx.facts.pages):
            break
        shown = text_key(ctx.facts.text_in(number, 0, surface.width))
        panel = surface.placed[0].panel
        if first[panel.id] and first[panel.id] not in shown:
            found = [other for other, text in first.items() if text and other != panel.id and text in shown]
            instead = f"it shows {', '.join(found)}" if found else "its first text is not there"
            yield Finding(
                "reading-order",
                Severity.ERROR,
                f"page {number} should be {panel.id} (reading order: {', '.join(ctx.layout.reading_order)}); {instead}",
                number,
                panel.id,
            )


@check("tags", editions=SCREEN)
def tags(ctx: CheckContext) -> Iterator[Finding]:
    reader = ctx.facts.reader
    root = reader.trailer["/Root"]
    if "/StructTreeRoot" not in root:
        yield Finding("tags", Severity.ERROR, "the PDF has no structure tree: screen readers cannot read it (untagged)")
        return
    mark_info = root.get("/MarkInfo")
    if not (mark_info and mark_info.get_object().get("/Marked")):
        yield Finding("tags", Severity.ERROR, "the PDF does not say it is tagged (/MarkInfo /Marked)")
    for number, page in enumerate(reader.pages, start=1):
        untagged = _untagged_text(ctx.facts.streams, number - 1)
        if untagged:
            yield Finding(
                "tags",
                Severity.ERROR,
                f"{untagged} piece{'s' if untagged != 1 else ''} of text outside the structure tree",
                number,
            )
        elif "/StructParents" not in page:
            yield Finding("tags", Severity.ERROR, "the page is not linked to the structure tree", number)
    yield from link_findings(ctx)
    if ctx.content is not None:  # what a reader says is held against what the content says
        yield from language_findings(ctx)
        yield from figure_findings(ctx)
        yield from whole_word_findings(ctx)


def _untagged_text(streams: ContentStreams, index: int) -> int:
    """How many text-showing operators of the page at `index` lie outside any marked content with an MCID
    or marked as an artifact."""
    contents = streams.page(index)
    if contents is None:
        return 0
    page = streams.reader.pages[index]
    properties = (page.get("/Resources") or {}).get("/Properties") or {}
    # For each open marked-content sequence: does it tag its content, or mark it as an artifact (decoration,
    # which a reader skips on purpose)?
    stack: list[bool] = []
    untagged = 0
    for operands, operator in streams.operations(contents):
        if operator == b"BDC":
            stack.append(operands[0] == "/Artifact" or _has_mcid(operands[1], properties))
        elif operator == b"BMC":
            stack.append(operands[0] == "/Artifact")
        elif operator == b"EMC":
            if stack:
                stack.pop()
        elif operator in TEXT_SHOWING and not any(stack):
            untagged += 1
    return untagged


def _has_mcid(props, resources) -> bool:
    props = props.get_object() if hasattr(props, "get_object") else props
    if not isinstance(props, DictionaryObject):  # a name of the page's /Properties
        props = (resources.get(props) if hasattr(resources, "get") else None) or {}
        props = props.get_object() if hasattr(props, "get_object") else props
    return "/MCID" in props


@dataclass(frozen=True)
class _Link:
    page: int
    uri: str


def _links(reader: PdfReader) -> list[_Link]:
    links = []
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") != "/Link":
                continue
            action = (annotation.get("/A") or {}).get_object() if annotation.get("/A") else {}
            uri = action.get("/URI") if action.get("/S") == "/URI" else None
            links.append(_Link(number, str(uri) if uri is not None else ""))
    return links


@check("links", editions=SCREEN)
def links(ctx: CheckContext) -> Iterator[Finding]:
    found = _links(ctx.facts.reader)
    expected = content_links(ctx.content) if ctx.content is not None else None
    for link in found:
        problem = broken_link(link.uri)
        if problem is None and expected is not None and link.uri not in expected:
            problem = "is not an address of the content"
        if problem:
            yield Finding("links", Severity.ERROR, f"the link to {link.uri!r} {problem}", link.page)
    if expected is None:
        return
    present = {link.uri for link in found}
    for uri, field in expected.items():
        if uri not in present:
            yield Finding("links", Severity.ERROR, f"{field}: no clickable link to {uri!r}")


def broken_link(uri: str) -> str | None:
    """Why a link cannot work, or None."""
    parts = urlsplit(uri)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return None if parts.hostname else "has no host"
    if scheme == "mailto":
        return None if "@" in parts.path else "has no e-mail address"
    if scheme == "tel":
        return None if sum(ch.isdigit() for ch in parts.path) >= 6 else "has no phone number"
    return "has no web, e-mail or phone address" if uri else "has no address"
