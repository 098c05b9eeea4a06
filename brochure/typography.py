"""Text to HTML: the inline Markdown subset of content fields and per-language typography."""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markupsafe import Markup

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, the French "espace fine insécable"
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")

# Markdown with everything off but emphasis, links, escapes and line breaks;
# raw HTML is not recognised, so `<b>` or `<script>` stay literal text.
_MARKDOWN = MarkdownIt("zero", {"breaks": True, "html": False}).enable(["emphasis", "link", "newline", "escape"])
_MARKDOWN.validateLink = lambda url: url.strip().lower().startswith(LINK_SCHEMES)

_FRENCH_RULES = (
    (re.compile(r"[ \u00a0\u202f]+([?!;])"), NNBSP + r"\1"),
    (re.compile(r"[ \u00a0\u202f]+:"), NBSP + ":"),
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NBSP + "»"),
    (re.compile(r"(?<=\d) (?=\d{3}\b)"), NNBSP),
)


def french_spacing(text: str) -> str:
    """No-break spaces before ? ! : ; inside « » and between digit groups."""
    for pattern, replacement in _FRENCH_RULES:
        text = pattern.sub(replacement, text)
    return text


_LANGUAGE_RULES: dict[str, Callable[[str], str]] = {"fr": french_spacing}


def typeset(text: str, lang: str | None) -> str:
    """Plain text with the typography rules of `lang` applied."""
    rule = _LANGUAGE_RULES.get(lang or "")
    return rule(text) if rule else text


def inline_markdown(text: str, lang: str | None = None) -> Markup:
    """Render one content field as safe inline HTML."""
    tokens = _MARKDOWN.parseInline(text.strip())
    for token in tokens[0].children or ():
        if token.type == "text":
            token.content = typeset(token.content, lang)
    return Markup(_MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {}))


def plain_text(text: str) -> str:
    """The words of a field as a reader sees them: Markdown syntax removed."""
    tokens = _MARKDOWN.parseInline(text.strip())
    parts = []
    for token in tokens[0].children or ():
        if token.type == "text":
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def link_targets(text: str) -> list[str]:
    """The addresses of the Markdown links in a field, as they are written into the PDF."""
    tokens = _MARKDOWN.parseInline(text.strip())
    return [token.attrGet("href") for token in tokens[0].children or () if token.type == "link_open"]
