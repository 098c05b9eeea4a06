"""Text to HTML: the inline Markdown subset of content fields and per-language typography.

`typeset` applies the typography of a language to text as typed: typographic apostrophes,
the language's own quotation marks for typed "…", an en dash for a spaced hyphen-minus, digit
groups kept on one line, and for French its no-break spaces. A language-neutral text (a name, an
address, printed alike for every language) keeps the quotation marks it was typed with. `WordRules`
are a content's word rules: the proper names printed whole (never hyphenated, never split
across lines) and the per-language hyphenation exceptions; `inline_markdown` marks those
words up for the stylesheet, and binds the last two words of every line of text so that
no line of a paragraph holds one word alone.

A word longer than a line of a column holds (`LONG_WORD_CHARS`) is given the dictionary's
breaks as soft hyphens, and the stylesheet breaks it only there. Left to WeasyPrint 70, such a
word makes it read all the rest of the paragraph again on every line it breaks, and each of
its lines is a ladder word the build tries to keep whole, laying the leaflet out again, in
vain: a paragraph of 99-letter words took minutes. The breaks are the ones WeasyPrint would
have tried, within the layout's limits (`WordRules.edges`); they only skip the
`hyphenate-limit-zone`, which WeasyPrint applies to its own breaks alone.

`markdown_problem` is what the schema asks of every text: links only to the schemes a
leaflet mailed to the public may carry, and no deeper nesting than WeasyPrint, which lays
out nested elements recursively, can take.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyphen
from markupsafe import Markup

if TYPE_CHECKING:  # markdown_it is imported on the first text parsed (see `_markdown`)
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, the French "espace fine insécable"
SHY = "\u00ad"  # soft hyphen: where a word may break
BIND_MAX_CHARS = 12  # a last word this short is bound to the word before it
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
MAX_NESTING = 10  # emphasis and links inside each other; 4,000 levels crash WeasyPrint's layout
# Longer words get their breaks as soft hyphens. Real German compounds run to about this length
# ("Rindfleischetikettierungsüberwachungsaufgabengebiete"), and one still fits a line of an 82 mm
# column, where the build may keep it whole to break up a ladder; a longer one never fits a line.
LONG_WORD_CHARS = 52
_LONG_WORD = re.compile(rf"[^\W\d_]{{{LONG_WORD_CHARS + 1},}}")  # a run of letters, wherever it stands


def allowed_link(url: str) -> bool:
    """Whether a link may point to `url`: http://, https://, mailto: or tel:, in any case, spaces trimmed."""
    return url.strip().lower().startswith(LINK_SCHEMES)


@functools.cache
def _markdown(*, any_link: bool = False) -> MarkdownIt:
    """The parser of the Markdown subset, made when the first text is parsed: importing markdown_it
    would add a third to the time loading the schema takes, and `brochure new`, `schema` or
    `layouts` load the schema but parse no text.

    By default a link to anything `allowed_link` refuses stays literal text, should one ever get
    here; with `any_link`, every link is parsed, to say what is wrong with it."""
    from markdown_it import MarkdownIt

    # Everything off but emphasis, links, escapes and line breaks;
    # raw HTML is not recognised, so `<b>` or `<script>` stay literal text.
    markdown = MarkdownIt("zero", {"breaks": True, "html": False}).enable(["emphasis", "link", "newline", "escape"])
    markdown.validateLink = (lambda url: True) if any_link else allowed_link
    return markdown


_FRENCH_RULES = (
    (re.compile(r"[ \u00a0\u202f]+([?!;])"), NNBSP + r"\1"),
    (re.compile(r"[ \u00a0\u202f]+:"), NBSP + ":"),
    (re.compile(r"«[ \u00a0\u202f]*"), "«" + NBSP),
    (re.compile(r"[ \u00a0\u202f]*»"), NBSP + "»"),
)
# "500 000": a number does not break across lines, in any language.
_DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}\b)")

# The quotation marks a language opens and closes a quotation with, where its usage is settled;
# any other language gets “…”. A language-neutral text keeps the quotes it was typed with: no
# language's marks suit a name printed alike in all of them.
QUOTES = {
    "fr": ("«", "»"),  # with no-break spaces inside: see `french_spacing`
    "it": ("«", "»"),
    "es": ("«", "»"),
    "ca": ("«", "»"),
    "ru": ("«", "»"),
    "uk": ("«", "»"),
    "el": ("«", "»"),
    "nb": ("«", "»"),
    "no": ("«", "»"),
    "de": ("„", "“"),
    "lb": ("„", "“"),
    "cs": ("„", "“"),
    "sk": ("„", "“"),
    "bg": ("„", "“"),
    "lt": ("„", "“"),
    "et": ("„", "“"),
    "pl": ("„", "”"),
    "hu": ("„", "”"),
    "ro": ("„", "”"),
    "sv": ("”", "”"),
    "fi": ("”", "”"),
    "en": ("“", "”"),
    "nl": ("“", "”"),
}
DEFAULT_QUOTES = ("“", "”")
_OPENING_QUOTE = re.compile(r'"(?=[\w‘’\'(«„“])', re.UNICODE)
_SPACED_HYPHEN = re.compile(r"[ \u00a0\u202f]+-(?=[ \u00a0\u202f]|$)", re.M)


def quotes(lang: str | None) -> tuple[str, str] | None:
    """The opening and closing quotation marks of `lang`; None for a language-neutral text."""
    return QUOTES.get(lang, DEFAULT_QUOTES) if lang else None


def french_spacing(text: str) -> str:
    """No-break spaces before ? ! : ; and inside « »: thin ones before ? ! ; (the "espace fine"),
    a word space before : and inside the quotes, as French typesetting sets them."""
    for pattern, replacement in _FRENCH_RULES:
        text = pattern.sub(replacement, text)
    return text


_LANGUAGE_RULES: dict[str, Callable[[str], str]] = {"fr": french_spacing}


def typeset(text: str, lang: str | None) -> str:
    """Plain text with the typography of `lang` applied: typographic apostrophes, the language's
    quotation marks for typed "…" (none for a language-neutral text, `lang` None), an en dash
    (after a no-break space) for a hyphen-minus with a space on either side, a thin no-break space
    between digit groups, and the language's own spacing. A hyphen inside a word
    ("Esch-sur-Alzette") stays."""
    text = text.replace("'", "’")
    marks = quotes(lang)
    if marks:
        text = _OPENING_QUOTE.sub(marks[0], text).replace('"', marks[1])
    text = _SPACED_HYPHEN.sub(NBSP + "–", text)
    text = _DIGIT_GROUP.sub(NNBSP, text)
    rule = _LANGUAGE_RULES.get(lang or "")
    return rule(text) if rule else text


def bind_last_words(text: str) -> str:
    """`text` with its last two words joined by a no-break space when the last one is short: then
    no paragraph, bullet or line ends on a line that holds one short word alone."""
    head, space, last = text.rstrip().rpartition(" ")
    if not space or not head.strip() or len(last.split(NBSP)[-1]) > BIND_MAX_CHARS:
        return text
    return head + NBSP + text[len(head) + 1 :]


@dataclass(frozen=True)
class WordRules:
    """A content's word rules: `names` printed whole, and `breaks`, per language, the only places
    each listed word may be hyphenated (an empty tuple: never); `edges`, the fewest letters a
    dictionary break leaves before and after it (the layout's `hyphenation` before and after)."""

    names: tuple[str, ...] = ()
    breaks: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    edges: tuple[int, int] = (5, 4)

    @classmethod
    def of(
        cls, names: Iterable[str], exceptions: Mapping[str, Iterable[str]], edges: tuple[int, int] = (5, 4)
    ) -> WordRules:
        """Rules from names as printed and, per language, words written with their allowed breaks
        as hyphens ("Zusammen-arbeit"); a word without a hyphen is never broken."""
        breaks = {
            lang: {word.replace("-", "").lower(): tuple(word.split("-")) for word in words}
            for lang, words in exceptions.items()
        }
        unique = {name.strip(): None for name in names if name.strip()}
        return cls(tuple(sorted(unique, key=lambda name: (-len(name), name))), breaks, edges)

    def pattern(self, lang: str | None) -> re.Pattern[str] | None:
        """What to mark up in a text of `lang`: the names, then the language's exception words."""
        return _word_pattern(self.names, tuple(self.breaks.get(lang or "", {})), lang)

    def hyphenated(self, word: str, lang: str | None) -> str:
        """`word` as printed with soft hyphens at its allowed breaks only."""
        parts = self.breaks.get(lang or "", {}).get(word.lower(), ())
        out, index = [], 0
        for part in parts[:-1]:
            out.append(word[index : index + len(part)])
            index += len(part)
        return SHY.join([*out, word[index:]])

    def long_words(self, lang: str | None) -> Callable[[str], str] | None:
        """What gives every long word of a text of `lang` its dictionary breaks as soft hyphens;
        None where no dictionary knows the language (nothing hyphenates it then). The dictionary
        is only loaded for a text that has a long word."""
        found = hyphenation_language(lang) if lang else None
        if found is None:
            return None

        def soften(match: re.Match[str]) -> str:
            return _dictionary(found, *self.edges).inserted(match.group(), hyphen=SHY)

        return lambda text: _LONG_WORD.sub(soften, text)


NO_WORD_RULES = WordRules()


def hyphenation_language(lang: str) -> str | None:
    """The dictionary pyphen hyphenates `lang` with ("en" → "en", "de" → "de"), as WeasyPrint finds it
    from an element's `lang`; None for a language it has no patterns for ("lb"), whose words
    WeasyPrint then never breaks."""
    return pyphen.language_fallback(lang)


@functools.lru_cache(maxsize=16)
def _dictionary(lang: str, before: int, after: int) -> pyphen.Pyphen:
    """The dictionary WeasyPrint hyphenates `lang` with, breaking no nearer to a word's ends."""
    return pyphen.Pyphen(lang=lang, left=before, right=after)


@functools.lru_cache(maxsize=64)  # asked for every text a leaflet prints, with the same rules
def _word_pattern(names: tuple[str, ...], words: tuple[str, ...], lang: str | None) -> re.Pattern[str] | None:
    """Names as a text of `lang` prints them (its quotes: 'Café "Le Lux"'), then exception words."""
    spelled = [r"[ \u00a0]+".join(re.escape(typeset(part, lang)) for part in name.split()) for name in names]
    escaped = [re.escape(word) for word in words]
    if not spelled and not escaped:
        return None
    alternatives = "|".join(spelled)
    if escaped:
        alternatives += ("|" if spelled else "") + "(?P<word>" + "|".join(escaped) + ")"
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


# The characters the Markdown subset gives a meaning to, and those its parser rewrites (line
# breaks, NUL): a text with none of them is its own plain text, with nothing the schema could
# refuse, and is not parsed. So `brochure layouts`, whose texts are names, imports no parser.
_MARKDOWN_SYNTAX = re.compile(r"[*_\[\\\r\n\0]")


def markdown_problem(text: str) -> str | None:
    """What the schema must refuse in a text's Markdown, in words; None if nothing."""
    if not _MARKDOWN_SYNTAX.search(text):
        return None
    for token in _markdown(any_link=True).parseInline(text.strip())[0].children or ():
        if token.level >= MAX_NESTING:
            return f"emphasis and links are nested more than {MAX_NESTING} levels deep"
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if not allowed_link(href):
                shown = href if len(href) <= 60 else href[:60] + "…"
                return f"a link to {shown!r}; links may only go to http://, https://, mailto: or tel:"
    return None


def inline_markdown(text: str, lang: str | None = None, words: WordRules = NO_WORD_RULES) -> Markup:
    """Render one content field as safe inline HTML, typeset for `lang`; the names and exception
    words of `words` are wrapped in `<span class="name">` and `<span class="word">`, and so is each
    long word, with its dictionary breaks as soft hyphens."""
    markdown = _markdown()
    tokens = markdown.parseInline(text.strip())
    children = tokens[0].children or []
    pattern = words.pattern(lang)
    soften = words.long_words(lang)
    result: list[Token] = []
    for index, token in enumerate(children):
        if token.type != "text":
            result.append(token)
            continue
        content = typeset(token.content, lang)
        if pattern:  # a name is one word to the binding below
            content = pattern.sub(lambda match: match.group().replace(" ", NBSP), content)
        if _ends_line(children, index):
            content = bind_last_words(content)
        marked = pattern or (soften and _LONG_WORD.search(content))
        result.extend(_marked_up(content, pattern, soften, words, lang) if marked else [_text(content)])
    tokens[0].children = result
    return Markup(markdown.renderer.render(tokens, markdown.options, {}))


def _ends_line(children: list[Token], index: int) -> bool:
    """Whether text token `index` is the last text of its line (closing emphasis may follow)."""
    for token in children[index + 1 :]:
        if token.type in ("softbreak", "hardbreak"):
            return True
        if token.type == "text":
            return False
    return True


def _text(content: str) -> Token:
    from markdown_it.token import Token  # loaded by then: the tokens come from parsing

    token = Token("text", "", 0)
    token.content = content
    return token


def _html(content: str) -> Token:
    from markdown_it.token import Token

    token = Token("html_inline", "", 0)
    token.content = content  # rendered as it is: only the fixed tags below ever go here
    return token


def _marked_up(
    content: str,
    pattern: re.Pattern[str] | None,
    soften: Callable[[str], str] | None,
    words: WordRules,
    lang: str | None,
) -> list[Token]:
    """Text tokens of `content`, with each name and exception word in its own span, and each long
    word too where `soften` gives it its breaks.

    A span takes in what is glued to its word (punctuation, a word bound by a no-break space):
    WeasyPrint breaks a line badly where no break is allowed between two inline boxes."""
    soften = soften or _as_it_is
    tokens, start = [], 0
    for match in _words_to_mark(content, pattern, soften is not _as_it_is):
        if match.start() < start:  # taken in by the span before
            continue
        left = _GLUED_BEFORE.search(content, start, match.start())
        right = _GLUED_AFTER.match(content, match.end())
        begin, end = (left.start() if left else match.start()), right.end()
        tokens.append(_text(content[start:begin]))
        if match.re is _LONG_WORD:
            tokens += [_html('<span class="word">'), _text(soften(content[begin:end])), _html("</span>")]
        elif "word" in match.re.groupindex and match.group("word"):
            word = words.hyphenated(content[match.start() : match.end()], lang)
            inner = soften(content[begin : match.start()]) + word + soften(content[match.end() : end])
            tokens += [_html('<span class="word">'), _text(inner), _html("</span>")]
        else:
            tokens += [_html('<span class="name">'), _text(content[begin:end]), _html("</span>")]
        start = end
    tokens.append(_text(content[start:]))
    return [token for token in tokens if token.type != "text" or token.content]


def _as_it_is(text: str) -> str:
    return text


def _words_to_mark(content: str, pattern: re.Pattern[str] | None, long_words: bool) -> list[re.Match[str]]:
    """The names and exception words of `pattern` in `content`, and its long words: in order, a
    name or exception word before a long word at the same place."""
    found = [*(pattern.finditer(content) if pattern else ()), *(_LONG_WORD.finditer(content) if long_words else ())]
    return sorted(found, key=lambda match: (match.start(), match.re is _LONG_WORD))


_GLUED_BEFORE = re.compile(r"[^ \n]+$")
_GLUED_AFTER = re.compile(r"[^ \n]*")


def plain_text(text: str) -> str:
    """The words of a field as typed: Markdown syntax removed."""
    if not _MARKDOWN_SYNTAX.search(text):
        return text.strip()
    tokens = _markdown().parseInline(text.strip())
    parts = []
    for token in tokens[0].children or ():
        if token.type == "text":
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def spelled_out(text: str, lang: str | None) -> str:
    """The words of a field for a reader of plain text: typeset for `lang`, Markdown syntax removed,
    each link's address written after its label, in angle brackets, as mail programs do."""
    if not _MARKDOWN_SYNTAX.search(text):
        return printed_text(text, lang)
    parts, target = [], None
    for token in _markdown().parseInline(text.strip())[0].children or ():
        if token.type == "text":
            parts.append(typeset(token.content, lang))
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif token.type == "link_open":
            target = token.attrGet("href")
        elif token.type == "link_close" and target:
            parts.append(f" <{target}>")
    return "".join(parts)


def printed_text(text: str, lang: str | None) -> str:
    """The words of a field as the leaflet prints them: Markdown syntax removed, typeset for `lang`."""
    return "\n".join(typeset(line, lang) for line in plain_text(text).split("\n"))


def link_targets(text: str) -> list[str]:
    """The addresses of the Markdown links in a field, as they are written into the PDF."""
    tokens = _markdown().parseInline(text.strip())
    return [token.attrGet("href") for token in tokens[0].children or () if token.type == "link_open"]
