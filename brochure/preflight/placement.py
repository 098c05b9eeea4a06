"""Which words of the content each panel prints: the expectation page checks compare against."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from brochure.content.load import Content
from brochure.schema.values import (
    Block,
    EmailAddress,
    FirstLanguageText,
    ImagePath,
    PhoneNumber,
    Setting,
    TextAlternative,
    TranslatedText,
    WebAddress,
)
from brochure.sheet.layout import Layout
from brochure.text.links import tel_uri, url_label
from brochure.text.typography import link_targets, printed_text


@dataclass(frozen=True)
class PrintedText:
    """One content value as it appears on paper."""

    field: str  # e.g. "sections.about[3].list.items[1].de"
    lang: str | None
    text: str


def panel_texts(content: Content, layout: Layout) -> dict[str, list[PrintedText]]:
    """For every panel, the content texts it must show."""
    result: dict[str, list[PrintedText]] = {}
    for panel in layout.panels:
        langs = [panel.lang] if panel.lang else content.languages
        texts: list[PrintedText] = []
        for section in panel.sections:
            blocks = content.data["sections"][section]["blocks"]
            texts.extend(_printed(blocks, f"sections.{section}", langs, content.languages[0]))
        result[panel.id] = texts
    return result


def _printed(value: Any, path: str, langs: list[str], first: str) -> Iterator[PrintedText]:
    """The texts of a checked content value that a panel printing `langs` shows (`first`: the content's first)."""
    if isinstance(value, (TextAlternative, Setting, ImagePath)):
        return  # read aloud, or how a block looks: no text on paper
    if isinstance(value, TranslatedText):
        for lang in langs:
            if lang in value:
                yield PrintedText(f"{path}.{lang}", lang, printed_text(str(value[lang]), lang))
    elif isinstance(value, dict):
        prefix = f"{path}.{value.kind}" if isinstance(value, Block) else path
        for key, item in value.items():
            yield from _printed(item, f"{prefix}.{key}", langs, first)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _printed(item, f"{path}[{index}]", langs, first)
    elif isinstance(value, WebAddress):
        yield PrintedText(path, None, url_label(value))
    elif isinstance(value, str):
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

    The schema has typed each web address, e-mail address and phone number it checked;
    Markdown links inside texts count too.
    """
    links: dict[str, str] = {}
    for name, section in content.data.get("sections", {}).items():
        # Named as `panel_texts` names a field: by the section's name and the block's index in it.
        _collect_links(section["blocks"], f"sections.{name}", links)
    return links


def _collect_links(value: Any, path: str, links: dict[str, str]) -> None:
    if isinstance(value, (TextAlternative, Setting, ImagePath)):
        return
    if isinstance(value, (WebAddress, EmailAddress, PhoneNumber)):
        links.setdefault(_ADDRESS_LINK[type(value)](value), path)
    elif isinstance(value, TranslatedText):
        for lang, text in value.items():
            for target in link_targets(str(text)):
                links.setdefault(target, f"{path}.{lang}")
    elif isinstance(value, dict):
        prefix = f"{path}.{value.kind}" if isinstance(value, Block) else path
        for key, item in value.items():
            _collect_links(item, f"{prefix}.{key}", links)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect_links(item, f"{path}[{index}]", links)
    elif isinstance(value, str):
        for target in link_targets(value):
            links.setdefault(target, path)


# What link each kind of address in the content becomes.
_ADDRESS_LINK = {WebAddress: str, EmailAddress: lambda value: f"mailto:{value}", PhoneNumber: tel_uri}
