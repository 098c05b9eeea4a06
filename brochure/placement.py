"""Which words of the content each panel prints: the expectation page checks compare against."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .content import Content
from .layout import Layout
from .schema.base import Field, ListOf, Section, join
from .schema.content import CONTENT
from .schema.fields import Email, Phone, Url
from .templating import tel_uri, url_label
from .typography import link_targets, plain_text

_ASSET = re.compile(r"\.(svg|png|jpe?g|webp|gif|tiff?)$", re.IGNORECASE)
_URL = re.compile(r"^https?://", re.IGNORECASE)


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
            texts.extend(_printed(value, section, langs, content.languages))
        result[panel.id] = texts
    return result


def _printed(value: Any, path: str, langs: list[str], languages: list[str]) -> Iterator[PrintedText]:
    if isinstance(value, dict):
        if value and set(value) <= set(languages):
            for lang in langs:
                if lang in value:
                    yield PrintedText(f"{path}.{lang}", lang, plain_text(str(value[lang])))
            return
        for key, item in value.items():
            yield from _printed(item, f"{path}.{key}", langs, languages)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _printed(item, f"{path}[{index}]", langs, languages)
    elif isinstance(value, str):
        if _ASSET.search(value):
            return
        yield PrintedText(path, None, url_label(value) if _URL.match(value) else plain_text(value))


def normalize(text: str) -> str:
    """Text compared as a reader reads it: hyphenation undone, all spacing one space."""
    text = text.replace("\u00ad", "")  # soft hyphens: invisible unless a line breaks there
    text = re.sub(r"\x02\s*", "-", text)  # pdfium's mark for a hard hyphen that ends a line
    text = re.sub(r"\u2010\s*[\r\n]+\s*", "", text)  # a hyphen that hyphenation inserted
    text = re.sub(r"[\s\u00a0\u202f\u2009]+", " ", text)
    return text.strip()


def content_links(content: Content) -> dict[str, str]:
    """Every address the content gives, as the link a screen edition carries: URI → field.

    Read through the schema, which knows a web address, an e-mail address and a phone
    number when it sees one; Markdown links inside texts count too.
    """
    links: dict[str, str] = {}
    _collect_links(CONTENT, content.data, "", links)
    return links


def _collect_links(field: Field, value: Any, path: str, links: dict[str, str]) -> None:
    if isinstance(field, Section) and isinstance(value, dict):
        for name, declared in field.declared.items():
            if name in value:
                _collect_links(declared, value[name], join(path, name), links)
    elif isinstance(field, ListOf) and isinstance(value, list):
        for index, item in enumerate(value):
            _collect_links(field.item, item, f"{path}[{index}]", links)
    elif isinstance(field, Url):
        links.setdefault(value, path)
    elif isinstance(field, Email):
        links.setdefault(f"mailto:{value}", path)
    elif isinstance(field, Phone):
        links.setdefault(tel_uri(value), path)
    elif isinstance(value, str):
        for target in link_targets(value):
            links.setdefault(target, path)
    elif isinstance(value, dict):  # a translated text
        for lang, text in value.items():
            for target in link_targets(str(text)):
                links.setdefault(target, f"{path}.{lang}")
