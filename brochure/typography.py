"""Text to HTML: the inline Markdown subset of content fields and per-language typography.

`markdown_problem` is what the schema asks of every text: links only to the schemes a
leaflet mailed to the public may carry, and no deeper nesting than WeasyPrint, which lays
out nested elements recursively, can take.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markupsafe import Markup

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, the French "espace fine insécable"
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
MAX_NESTING = 10  # emphasis and links inside each other; 4,000 levels crash WeasyPrint's layout


def allowed_link(url: str) -> bool:
    """Whether a link may point to `url`: http://, https://, mailto: or tel:, in any case, spaces trimmed."""
    return url.strip().lower().startswith(LINK_SCHEMES)


def _markdown(validate_link: Callable[[str], bool]) -> MarkdownIt:
    # Everything off but emphasis, links, escapes and line breaks;
    # raw HTML is not recognised, so `<b>` or `<script>` stay literal text.
    markdown = MarkdownIt("zero", {"breaks": True, "html": False}).enable(["emphasis", "link", "newline", "escape"])
    markdown.validateLink = validate_link
    return markdown


_MARKDOWN = _markdown(allowed_link)  # a link to anything else stays literal text, should one ever get here
_ANY_LINK = _markdown(lambda url: True)  # to find every link, and say what is wrong with it

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


def markdown_problem(text: str) -> str | None:
    """What the schema must refuse in a text's Markdown, in words; None if nothing."""
    for token in _ANY_LINK.parseInline(text.strip())[0].children or ():
        if token.level >= MAX_NESTING:
            return f"emphasis and links are nested more than {MAX_NESTING} levels deep"
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if not allowed_link(href):
                shown = href if len(href) <= 60 else href[:60] + "…"
                return f"a link to {shown!r}; links may only go to http://, https://, mailto: or tel:"
    return None


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
