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
            body = content.data["sections"][section]
            for path, value in leaves(body["blocks"], body["blocks_path"]):
                texts.extend(_printed(value, path, langs, content.languages[0]))
        result[panel.id] = texts
    return result


def leaves(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every value of a checked content that prints or links, with the path of its field: a text,
    a translated text, an address; not what is read aloud (an image's alt) or sets a block's look."""
    if isinstance(value, (TextAlternative, Setting, ImagePath)):
        return
    if isinstance(value, Block):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{value.kind}.{key}")
    elif isinstance(value, dict) and not isinstance(value, TranslatedText):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, f"{path}[{index}]")
    elif isinstance(value, (str, TranslatedText)):
        yield path, value


def _printed(value: Any, path: str, langs: list[str], first: str) -> Iterator[PrintedText]:
    """The text of one leaf that a panel printing `langs` shows (`first`: the content's first language)."""
    if isinstance(value, TranslatedText):
        for lang in langs:
            if lang in value:
                yield PrintedText(f"{path}.{lang}", lang, printed_text(str(value[lang]), lang))
    elif isinstance(value, WebAddress):
        yield PrintedText(path, None, url_label(value))
    else:
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
    for body in content.data.get("sections", {}).values():
        for path, value in leaves(body["blocks"], body["blocks_path"]):
            if isinstance(value, (WebAddress, EmailAddress, PhoneNumber)):
                links.setdefault(_ADDRESS_LINK[type(value)](value), path)
                continue
            texts = value.items() if isinstance(value, TranslatedText) else [("", value)]
            for lang, text in texts:
                for target in link_targets(str(text)):
                    links.setdefault(target, f"{path}.{lang}" if lang else path)
    return links


# What link each kind of address in the content becomes.
_ADDRESS_LINK = {WebAddress: str, EmailAddress: lambda value: f"mailto:{value}", PhoneNumber: tel_uri}
