"""What a mailing says: the key text of the leaflet in each of its languages, and the addresses it gives.

A mailing is read in a preview pane, where a reader decides whether to open the leaflet; it carries
what they decide by, taken from the block vocabulary (`brochure.schema.blocks`) in the leaflet's
reading order, each section once: every heading (a cover title with its kicker and subtitle), the
opening words of each section (its `lead` texts, else its first text), when and where an event is,
and each call to action. The rest is in the PDF. The addresses are every one the content gives
(`content_links`), each with the label the leaflet prints for it. Both the HTML page and the plain
text are written from one `Letter`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from brochure.content.events import spelled_date
from brochure.content.load import Content
from brochure.preflight.placement import content_links
from brochure.schema.values import Block, EmailAddress, PhoneNumber, TranslatedText, WebAddress
from brochure.sheet.layout import Layout
from brochure.text.links import tel_uri, url_label

# The few words a mailing adds to the content's, by language; a language not listed takes English's.
PHRASES: Mapping[str, Mapping[str, str]] = {
    "en": {"attached": "The leaflet is attached as a PDF.", "download": "The leaflet (PDF)"},
    "fr": {"attached": "Le dépliant est joint en PDF.", "download": "Le dépliant (PDF)"},
    "de": {"attached": "Das Faltblatt liegt als PDF bei.", "download": "Das Faltblatt (PDF)"},
    "lb": {"attached": "De Flyer ass als PDF bäigeluecht.", "download": "De Flyer (PDF)"},
    "nl": {"attached": "De folder is als pdf bijgevoegd.", "download": "De folder (pdf)"},
    "it": {"attached": "Il pieghevole è allegato in PDF.", "download": "Il pieghevole (PDF)"},
    "es": {"attached": "El folleto va adjunto en PDF.", "download": "El folleto (PDF)"},
}


@dataclass(frozen=True)
class Line:
    """One line of the key text: `kind` says how it is set (kicker, title, subtitle, heading, group,
    lead, text, when, where, action); `text` is the content's, in its Markdown subset; an action has its `url`."""

    kind: str
    text: str
    url: str | None = None


@dataclass(frozen=True)
class Address:
    """A link the mailing gives: its URI (http(s)://, mailto:, tel:) and its label as the leaflet prints it."""

    uri: str
    label: str


@dataclass(frozen=True)
class Letter:
    """The mailing's words: its subject, the key text by language, the addresses and the sender's lines;
    `pdf_url`, where the PDF is online, else None (it is attached)."""

    subject: str
    languages: tuple[str, ...]
    parts: Mapping[str, tuple[Line, ...]]
    addresses: tuple[Address, ...]
    sender: tuple[str, ...]
    pdf_url: str | None = None

    def phrase(self, key: str, lang: str) -> str:
        return PHRASES.get(lang, PHRASES["en"])[key]

    @property
    def pdf_note(self) -> dict[str, str]:
        """What the mailing says of the PDF, by language: attached, or a link's label."""
        key = "download" if self.pdf_url else "attached"
        return {lang: self.phrase(key, lang) for lang in self.languages}


def letter_of(content: Content, layout: Layout) -> Letter:
    """The words of the mailing of `content`, laid out by `layout` (its reading order)."""
    languages = tuple(content.languages)
    data = content.data
    sections = [data["sections"][name]["blocks"] for name in reading_sections(layout)]
    blocks = [block for body in sections for block in body]
    parts = {lang: tuple(line for body in sections for line in _key_lines(body, lang)) for lang in languages}
    actions = {line.url for lines in parts.values() for line in lines if line.kind == "action"}
    labels = dict(_labelled(blocks, languages))
    uris = {**labels, **content_links(content)}  # those of link lists and contact cards first, in reading order
    addresses = tuple(Address(uri, labels.get(uri) or _label(uri)) for uri in uris if uri not in actions)
    document = data["document"]
    contact = next((block for block in blocks if isinstance(block, Block) and block.kind == "contact"), None)
    sender = (str(document["author"]), *(str(line) for line in (contact or {}).get("address") or ()))
    mailing = data.get("mailing") or {}
    return Letter(_distinct(document["title"], languages), languages, parts, addresses, sender, mailing.get("pdf_url"))


def reading_sections(layout: Layout) -> list[str]:
    """The names of the sections the layout prints, in the order a reader meets them, each once."""
    panels = {panel.id: panel for panel in layout.panels}
    names = [name for panel_id in layout.reading_order for name in panels[panel_id].sections]
    return list(dict.fromkeys(names))


def _key_lines(blocks: list[Any], lang: str) -> Iterator[Line]:
    """The key text of one section in `lang`: its headings, its leads (else its first text of the normal
    style: fine print is not key), its events and its actions."""
    has_lead = any(_is(block, "text") and block.get("style") == "lead" for block in blocks)
    opened = False
    for block in blocks:
        if _is(block, "heading"):
            level = block.get("level") or 2
            if level == 1:
                yield from _line("kicker", block.get("kicker"), lang)
                yield from _line("title", block["text"], lang)
                yield from _line("subtitle", block.get("subtitle"), lang)
            else:
                yield from _line("heading" if level == 2 else "group", block["text"], lang)
        elif _is(block, "text") and (block.get("style") == "lead" or not (has_lead or opened or block.get("style"))):
            opened = True
            yield from _line("lead" if has_lead else "text", block["text"], lang)
        elif _is(block, "action"):
            yield Line("action", _in(block["label"], lang), str(block["url"]))
        elif _is(block, "event"):
            yield from _event(block, lang)


def _event(block: Block, lang: str) -> Iterator[Line]:
    """When and where, as the leaflet says it: the date spelled out in `lang`, the times, the venue."""
    start, end, venue = block.get("start"), block.get("end"), block.get("venue")
    times = f", {start}" + (f" – {end}" if end else "") if start else ""
    yield Line("when", spelled_date(block["date"], lang) + times)
    if venue:
        yield Line("where", ", ".join(str(line) for line in (venue["name"], *(venue.get("address") or ()))))


def _line(kind: str, value: Any, lang: str) -> Iterator[Line]:
    """A line of a field given in `lang`; none for a field left out."""
    if value is not None and _in(value, lang):
        yield Line(kind, _in(value, lang))


def _is(block: Any, kind: str) -> bool:
    return isinstance(block, Block) and block.kind == kind


def _in(value: Any, lang: str) -> str:
    """A field's text in `lang`: a translated text's, or the one text of every language."""
    return str(value.get(lang, "")) if isinstance(value, TranslatedText) else str(value)


def _distinct(value: Any, languages: tuple[str, ...]) -> str:
    """A field's texts in every language, each once, joined by a slash: `Stadt Trier`, `Metz / Metz-Ville`."""
    return " / ".join(dict.fromkeys(_in(value, lang) for lang in languages if _in(value, lang)))


def _labelled(blocks: list[Any], languages: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """Each address of a link list or a contact card, as linked, with the label the leaflet prints; the
    addresses of links inside texts are labelled as printed, by `_label`."""
    for block in blocks:
        if _is(block, "links"):
            for item in block["items"]:
                name = _distinct(item["name"], languages) if item.get("name") is not None else ""
                yield str(item["url"]), name or url_label(item["url"])
        elif _is(block, "contact"):
            for value in (block.get("web"), block.get("email"), block.get("phone")):
                if value is not None:
                    yield _uri(value), url_label(value) if isinstance(value, WebAddress) else str(value)


def _uri(value: str) -> str:
    """The link of an address the schema typed: mailto: an e-mail address, tel: a phone number."""
    if isinstance(value, EmailAddress):
        return f"mailto:{value}"
    return tel_uri(value) if isinstance(value, PhoneNumber) else str(value)


def _label(uri: str) -> str:
    """An address as printed: a web address without its scheme, an e-mail address, a phone number."""
    if uri.startswith("mailto:"):
        return uri.removeprefix("mailto:")
    if uri.startswith("tel:"):
        return uri.removeprefix("tel:")
    return url_label(uri)
