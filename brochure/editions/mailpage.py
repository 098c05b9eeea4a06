"""The mailing's two bodies, written from one `Letter`: an HTML page through MJML, and its plain text.

The page is MJML (compiled by `mjml-python`, a binding of the Rust port MRML): MJML writes the
nested tables, the inline styles and the media queries that mail programs need for a page that
reads on a phone and on a desktop, which no one should write by hand. The look is the theme's:
the cover on a band of the first accent colour, the palette's stripes under it, headings in each
language's accent colour, links as buttons. Every text is the content's, typeset as the leaflet
typesets it (`inline_markdown`); the plain text spells each link out.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import escape

from brochure.editions.letter import Address, Letter, Line
from brochure.sheet.colour import (
    LIGHT_SURFACE,
    TEXT_CONTRAST,
    WHITE,
    contrast_ratio,
    layout_colours,
    relative_luminance,
)
from brochure.sheet.layout import Layout
from brochure.text.typography import inline_markdown, spelled_out

PAGE_WIDTH = 600  # CSS px: what every mail program shows whole
COVER_WIDTH = 300  # CSS px: the cover panel, about half a page, and its whole height on a phone's screen
FALLBACK_FONTS = "Helvetica, Arial, sans-serif"  # a mail program shows the theme's font only where it is installed
TEXT_WIDTH = 72  # characters per line of the plain text
BACKDROP = "#f4f4f2"  # behind the page, where the palette has no light colour of its own

# How each kind of line is set: the element and its style; `{accent}` is its language's colour.
_SET = {
    "kicker": ("p", "margin:0 0 4px;font-size:13px;letter-spacing:1px;text-transform:uppercase;color:{muted}"),
    "title": ("h1", "margin:0 0 6px;font-size:30px;line-height:1.15;font-weight:800;color:{accent}"),
    "subtitle": ("p", "margin:0 0 16px;font-size:13px;font-weight:600;letter-spacing:1px;color:{muted}"),
    "heading": ("h2", "margin:24px 0 8px;font-size:22px;line-height:1.25;font-weight:700;color:{accent}"),
    "group": ("h3", "margin:12px 0 4px;font-size:13px;font-weight:700;letter-spacing:1px;color:{group}"),
    "lead": ("p", "margin:0 0 12px;font-size:19px;line-height:1.45;color:{text}"),
    "text": ("p", "margin:0 0 12px;font-size:16px;line-height:1.55;color:{text}"),
    "when": ("p", "margin:8px 0 2px;font-size:18px;line-height:1.4;font-weight:700;color:{accent}"),
    "where": ("p", "margin:0 0 12px;font-size:16px;line-height:1.5;color:{text}"),
}


@dataclass(frozen=True)
class Look:
    """The theme's colours as a mail shows them (sRGB, text colours made readable) and its font."""

    band: str  # behind the cover: the first accent colour
    on_band: str  # text on the band and on buttons
    text: str
    muted: str
    group: str
    rule: str
    accents: tuple[str, ...]  # each language's headings, in the content's order
    stripes: tuple[str, ...]
    backdrop: str
    font: str


def look_of(layout: Layout) -> Look:
    """The look of a mailing of the leaflet laid out by `layout`: its theme's, in sRGB."""
    colours, roles = layout_colours(layout, cmyk=False), layout.theme.roles

    def text(role: str) -> str:
        return colours[f"text-{roles[role]}"]

    band = colours[roles["accent_1"]]
    on_band = "#ffffff" if contrast_ratio(_rgb(band), WHITE) >= TEXT_CONTRAST else text("text")
    light = [value for name, value in colours.items() if not name.startswith("text-") and _light(value)]
    return Look(
        band=band,
        on_band=on_band,
        text=text("text"),
        muted=text("muted"),
        group=text("group"),
        rule=colours[roles["rule"]],
        accents=tuple(text(f"accent_{n}") for n in range(1, 5)),
        stripes=tuple(colours[name] for name in roles["stripes"]),
        backdrop=min(light, key=lambda value: relative_luminance(_rgb(value)), default=BACKDROP),
        font=f"{layout.fonts[0].family}, {FALLBACK_FONTS}" if layout.fonts else FALLBACK_FONTS,
    )


def html_page(letter: Letter, look: Look, cover: str) -> str:
    """The mailing as one HTML page, its cover image at the address `cover` (a file, or `cid:` in a message)."""
    from mjml import mjml2html  # noqa: PLC0415 - loaded by the mailing only, not by every command

    return mjml2html(mjml_source(letter, look, cover), disable_comments=True)


def mjml_source(letter: Letter, look: Look, cover: str) -> str:
    """The MJML document of the mailing."""
    first = letter.languages[0]
    preview = next((line.text for line in letter.parts[first] if line.kind in ("lead", "text")), letter.subject)
    head = (
        f"<mj-head><mj-title>{escape(letter.subject)}</mj-title>"
        f"<mj-preview>{escape(spelled_out(preview, first))}</mj-preview>"
        f'<mj-attributes><mj-all font-family="{escape(look.font)}"/>'
        f'<mj-text color="{look.text}" font-size="16px" line-height="1.5" padding="0 28px"/>'
        f'<mj-button background-color="{look.band}" color="{look.on_band}" font-size="15px" font-weight="600"'
        ' border-radius="6px" inner-padding="12px 18px" padding="6px 28px" width="100%"/>'
        "</mj-attributes></mj-head>"
    )
    body = "".join(
        (
            f'<mj-section background-color="{look.band}" padding="28px 0">'
            f'<mj-column><mj-image src="{escape(cover)}" alt="{escape(letter.subject)}" width="{COVER_WIDTH}px"'
            ' padding="0"/></mj-column></mj-section>',
            _stripes(look),
            _pdf_section(letter, look),
            *(_language(letter, lang, index, look) for index, lang in enumerate(letter.languages)),
            _links(letter.addresses, look),
            _footer(letter, look),
        )
    )
    return (
        f'<mjml lang="{escape(first)}">{head}<mj-body background-color="{look.backdrop}" width="{PAGE_WIDTH}px">'
        f"{body}</mj-body></mjml>"
    )


def _stripes(look: Look) -> str:
    columns = "".join(
        f'<mj-column background-color="{colour}"><mj-spacer height="6px"/></mj-column>' for colour in look.stripes
    )
    return f'<mj-section padding="0"><mj-group>{columns}</mj-group></mj-section>'


def _pdf_section(letter: Letter, look: Look) -> str:
    """The PDF's link as a button, or the note that it is attached."""
    notes = " · ".join(dict.fromkeys(letter.pdf_note.values()))
    if letter.pdf_url:
        inner = f'<mj-button href="{escape(letter.pdf_url)}">{escape(notes)}</mj-button>'
    else:
        inner = f'<mj-text align="center" font-size="14px" color="{look.muted}">{escape(notes)}</mj-text>'
    return f'<mj-section background-color="#ffffff" padding="20px 0 0"><mj-column>{inner}</mj-column></mj-section>'


def _language(letter: Letter, lang: str, index: int, look: Look) -> str:
    """The key text in one language, its actions as buttons."""
    colours = {
        "accent": look.accents[min(index, len(look.accents) - 1)],
        "muted": look.muted,
        "group": look.group,
        "text": look.text,
    }
    lines = letter.parts[lang]
    words = "".join(_set(line, lang, colours) for line in lines if line.kind != "action")
    buttons = "".join(
        f'<mj-button href="{escape(line.url or "")}">{inline_markdown(line.text, lang)}</mj-button>'
        for line in lines
        if line.kind == "action"
    )
    rule = f'<mj-divider border-width="1px" border-color="{look.rule}" padding="12px 28px 0"/>' if index else ""
    return (
        f'<mj-section background-color="#ffffff" padding="8px 0 12px"><mj-column>{rule}'
        f'<mj-text><div lang="{escape(lang)}">{words}</div></mj-text>{buttons}</mj-column></mj-section>'
    )


def _set(line: Line, lang: str, colours: Mapping[str, str]) -> str:
    element, style = _SET[line.kind]
    return f'<{element} style="{style.format(**colours)}">{inline_markdown(line.text, lang)}</{element}>'


def _links(addresses: tuple[Address, ...], look: Look) -> str:
    """The web addresses as buttons, two a row where the screen is wide enough."""
    web = [item for item in addresses if item.uri.startswith(("http://", "https://"))]
    rows = [web[start : start + 2] for start in range(0, len(web), 2)]
    return (
        "".join(
            '<mj-section background-color="#ffffff" padding="0">'
            + "".join(
                f'<mj-column><mj-button href="{escape(item.uri)}">{escape(item.label)}</mj-button></mj-column>'
                for item in row
            )
            + "</mj-section>"
            for row in rows
        )
        + '<mj-section background-color="#ffffff" padding="0 0 20px"><mj-column/></mj-section>'
    )


def _footer(letter: Letter, look: Look) -> str:
    """Who sends it, and how to reach them: the e-mail addresses and phone numbers, linked."""
    reach = [item for item in letter.addresses if not item.uri.startswith(("http://", "https://"))]
    style = f"color:{look.accents[0]};font-weight:600;white-space:nowrap"  # a phone number kept on one line
    links = " · ".join(f'<a href="{escape(item.uri)}" style="{style}">{escape(item.label)}</a>' for item in reach)
    sender = "<br>".join(escape(line) for line in letter.sender)
    return (
        '<mj-section padding="20px 0 28px"><mj-column>'
        f'<mj-text align="center" font-size="13px" color="{look.muted}">{sender}'
        f"{'<br><br>' + links if links else ''}</mj-text></mj-column></mj-section>"
    )


def plain_text(letter: Letter) -> str:
    """The mailing as plain text: the same words, each link written out."""
    text = "\n".join(_plain_lines(letter)).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)  # one empty line between paragraphs, however they end


def _plain_lines(letter: Letter) -> Iterator[str]:
    yield from _wrapped(letter.subject)
    yield "=" * min(TEXT_WIDTH, len(letter.subject))
    yield ""
    for note in dict.fromkeys(letter.pdf_note.values()):
        yield from _wrapped(f"{note} <{letter.pdf_url}>" if letter.pdf_url else note)
    for lang in letter.languages:
        yield ""
        yield "-" * TEXT_WIDTH
        previous = None
        for line in letter.parts[lang]:
            text = spelled_out(line.text, lang)
            if line.kind == "action":
                text = f"{text} <{line.url}>"
            if line.kind in ("kicker", "heading", "group") or (line.kind == "title" and previous != "kicker"):
                yield ""  # a heading opens a paragraph; empty lines in a row are made one
            previous = line.kind
            yield from _wrapped(text.upper() if line.kind == "heading" else text)
            if line.kind in ("lead", "text", "where", "action"):
                yield ""
    yield "-" * TEXT_WIDTH
    for item in letter.addresses:
        shown = item.uri if item.uri.startswith(("http://", "https://")) else item.label
        yield shown if item.label in (shown, item.uri.split("://", 1)[-1].rstrip("/")) else f"{item.label}: {shown}"
    yield ""
    yield from letter.sender


def _wrapped(text: str) -> Iterator[str]:
    for paragraph in text.split("\n"):
        yield from textwrap.wrap(paragraph, TEXT_WIDTH, break_long_words=False, break_on_hyphens=False) or [""]


def _rgb(value: str) -> tuple[int, int, int]:
    return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))


def _light(value: str) -> bool:
    """A palette colour light enough to be the backdrop, and not white (the page's own)."""
    return value.startswith("#") and len(value) == 7 and LIGHT_SURFACE <= relative_luminance(_rgb(value)) < 0.99
