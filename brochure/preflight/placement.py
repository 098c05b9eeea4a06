"""Which words of the content each panel prints: the expectation page checks compare against."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from brochure.content.events import EVENT_SECTION
from brochure.content.load import Content
from brochure.schema.base import Field, ListOf, Section, join
from brochure.schema.content import CONTENT
from brochure.schema.event import EVENT
from brochure.schema.fields import Email, Phone, Url
from brochure.schema.values import FirstLanguageText, ImagePath, TranslatedText, WebAddress
from brochure.sheet.layout import Layout
from brochure.text.links import tel_uri, url_label
from brochure.text.typography import link_targets, printed_text


@dataclass(frozen=True)
class PrintedText:
    """One content value as it appears on paper."""

    field: str  # e.g. "about.goals[1].de"
    lang: str | None
    text: str


def panel_texts(content: Content, layout: Layout) -> dict[str, list[PrintedText]]:
    """For every panel, the content texts it must show."""
    result: dict[str, list[PrintedText]] = {}
    for panel in layout.panels:
        langs = [panel.lang] if panel.lang else content.languages
        texts: list[PrintedText] = []
        for section in panel.sections:
            value = content.data.get(section)
            texts.extend(_printed(value, section, langs, content.languages[0]))
        result[panel.id] = texts
    return result


def _printed(value: Any, path: str, langs: list[str], first: str) -> Iterator[PrintedText]:
    """The texts of a checked content value that a panel printing `langs` shows (`first`: the content's first)."""
    if isinstance(value, TranslatedText):
        for lang in langs:
            if lang in value:
                yield PrintedText(f"{path}.{lang}", lang, printed_text(str(value[lang]), lang))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _printed(item, f"{path}.{key}", langs, first)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _printed(item, f"{path}[{index}]", langs, first)
    elif isinstance(value, WebAddress):
        yield PrintedText(path, None, url_label(value))
    elif isinstance(value, str) and not isinstance(value, ImagePath):  # an image prints no text
        # Set with no language's typography (its quotes), but for a text set in the first language's.
        typography = first if isinstance(value, FirstLanguageText) else None
        yield PrintedText(path, None, printed_text(value, typography))


def normalize(text: str) -> str:
    """Text compared as a reader reads it: hyphenation undone, all spacing one space."""
    text = text.replace("\u00ad", "")  # soft hyphens: invisible unless a line breaks there
    text = re.sub(r"\x02\s*", "-", text)  # pdfium's mark for a hard hyphen that ends a line
    text = re.sub(r"\u2010\s*[\r\n]+\s*", "", text)  # a hyphen that hyphenation inserted
    text = re.sub(r"[\s\u00a0\u202f\u2009]+", " ", text)
    return text.strip()


def text_key(text: str) -> str:
    """Text as compared: normalised, then without any spacing, since a line may break
    after a slash or a dash where the content has no space."""
    return "".join(normalize(text).split())


def content_links(content: Content) -> dict[str, str]:
    """Every address the content gives, as the link a screen edition carries: URI → field.

    Read through the schema, which knows a web address, an e-mail address and a phone
    number when it sees one; Markdown links inside texts count too.
    """
    links: dict[str, str] = {}
    _collect_links(CONTENT, content.data, "", links)
    if EVENT_SECTION in content.data:  # an event leaflet's: its registration link above all
        _collect_links(EVENT, content.data[EVENT_SECTION], EVENT_SECTION, links)
    return links


def _collect_links(field: Field, value: Any, path: str, links: dict[str, str]) -> None:
    if isinstance(field, Section) and isinstance(value, dict):
        for name, declared in field.declared.items():
            if name in value:
                _collect_links(declared, value[name], join(path, name), links)
    elif isinstance(field, ListOf) and isinstance(value, list):
        for index, item in enumerate(value):
            _collect_links(field.item, item, f"{path}[{index}]", links)
    elif isinstance(field, (Url, Email, Phone)):
        links.setdefault(_ADDRESS_LINK[type(field)](value), path)
    else:
        texts = value.items() if isinstance(value, dict) else [("", value)]  # a translated text, or one text
        for lang, text in texts:
            for target in link_targets(str(text)):
                links.setdefault(target, f"{path}.{lang}" if lang else path)


# What link each kind of address in the content becomes.
_ADDRESS_LINK = {Url: str, Email: lambda value: f"mailto:{value}", Phone: tel_uri}
