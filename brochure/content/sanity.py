"""Content sanity: texts that build but that no one meant to print, said as warnings naming the field.

- a placeholder (`TODO`, `lorem ipsum`, `XXX`, `TBD`, `FIXME`, or only `...`), in any text;
- a translation that is another language's text copied: the same words, or nearly, in two
  languages of one field;
- a translation in the wrong language: German words in the French field;
- a text that YAML cut at a `#` (`brochure.content.comments`).

The last two judge prose only: a name, an address, a web address, a phone number or a one-word
title may well be the same in every language, and a language cannot be told from a few words.
Languages are told apart by CLD2 (Chrome's Compact Language Detector, through pycld2): its tables are
compiled in, so it costs nothing to load (a statistical model such as py3langid's takes most of a
second, at every cold build), a text takes microseconds, it answers the same for the same text, and it
says whether it is sure and how much of the text is in each language, so that only a sure answer warns.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator

import pycld2
import yaml

from brochure.content.comments import dropped_comments
from brochure.schema.base import Context, Problem
from brochure.text.typography import plain_text

# An ellipsis is a placeholder only as the whole text: German sets one after a space for words left out.
_PLACEHOLDER = re.compile(r"(?<!\w)(?:todo|tbd|fixme|x{3,}|lorem ipsum)(?!\w)|^\s*(?:\.\.\.|…)\s*$", re.IGNORECASE)
# Prose: enough words, written in lower case, to tell a language by. Names and addresses are
# mostly capitalised words and digits ("12 rue de la Paix, 57000 Metz" has 3 such words).
_LOWER_WORD = re.compile(r"(?<![\w@/.])[^\W\d_A-Z][^\W\d_]+(?![\w@/])")
PROSE_WORDS = 4
PROSE_LETTERS = 25
SAME_TEXT = 0.9  # share of the characters two translations have in common: one is the other copied
# How much of a text CLD2 must give one language (percent of its bytes) to call the text that language.
SURE_SHARE = 90


def sanity_warnings(ctx: Context) -> list[Problem]:
    """The warnings of what the texts the schema recorded in `ctx` say, in file order."""
    placeholders = list(_placeholders(ctx))
    unwritten = {(problem.line, problem.column) for problem in placeholders}  # one cause, one warning
    found = [*placeholders, *_translations(ctx, unwritten), *dropped_comments(ctx)]
    return sorted(found, key=lambda problem: (problem.line, problem.column))


def _place(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _warning(node: yaml.Node, path: str, message: str) -> Problem:
    return Problem(*_place(node), path, message)


def _placeholders(ctx: Context) -> Iterator[Problem]:
    for path, node, text in ctx.texts:
        match = _PLACEHOLDER.search(plain_text(text))
        if match:
            yield _warning(node, path, f"holds the placeholder {match.group()!r}: the text is not written yet")


def _prose(text: str) -> str | None:
    """`text` as a language identifier reads it, if it is prose enough to tell its language; else None."""
    words = plain_text(text)
    lower = _LOWER_WORD.findall(words)
    if len(lower) < PROSE_WORDS or sum(len(word) for word in lower) < PROSE_LETTERS:
        return None
    return " ".join(words.split())


def _translations(ctx: Context, unwritten: set[tuple[int, int]]) -> Iterator[Problem]:
    for path, nodes in ctx.translations:
        texts = {
            lang: _prose(ctx.value(node))
            for lang, node in nodes.items()
            if isinstance(ctx.value(node), str) and _place(node) not in unwritten
        }
        copied = set()
        for lang, other in _copies(texts):
            copied.add(lang)
            yield _warning(nodes[lang], f"{path}.{lang}", f"the same text as {other}: is it translated?")
        for lang, text in texts.items():
            if text is None or lang in copied:
                continue
            reads_as = _reads_as(text, lang)
            if reads_as:
                yield _warning(nodes[lang], f"{path}.{lang}", f"reads as {reads_as}, not {_name(lang)}")


def _copies(texts: dict[str, str | None]) -> Iterator[tuple[str, str]]:
    """(language, language it is a copy of): of two texts alike, the one not in its field's language,
    or else the later one, is the copy."""
    prose = [(lang, text) for lang, text in texts.items() if text]
    for index, (lang, text) in enumerate(prose):
        for other, other_text in prose[:index]:
            matcher = difflib.SequenceMatcher(None, text.casefold(), other_text.casefold())
            # quick_ratio, an upper bound of ratio at a small part of its cost, rules out most translations
            if matcher.quick_ratio() >= SAME_TEXT and matcher.ratio() >= SAME_TEXT:
                copy, original = (other, lang) if _best_of(text, (lang, other)) == lang else (lang, other)
                yield copy, original
                break


def _best_of(text: str, languages: tuple[str, ...]) -> str | None:
    """Which of `languages` `text` is most in, by CLD2's share of its bytes; None if it found none of them."""
    shares = dict(_detected(text)[1])
    found = [lang for lang in languages if shares.get(lang)]
    return max(found, key=shares.__getitem__) if found else None


def _reads_as(text: str, lang: str) -> str | None:
    """The language `text` clearly is in, if not `lang`, as a reader would name it; None if it may be `lang`.

    Clearly: CLD2 calls its answer reliable, gives that language nearly all of the text, and finds none
    of the field's own; a field in a language CLD2 does not know is never judged."""
    reliable, shares = _detected(text)
    if not reliable or not shares or lang not in _LANGUAGE_NAMES:
        return None
    top, share = shares[0]
    if top == lang or share < SURE_SHARE or lang in dict(shares):
        return None
    return _name(top) if top in _LANGUAGE_NAMES else None


@functools.lru_cache(maxsize=1024)
def _detected(text: str) -> tuple[bool, tuple[tuple[str, int], ...]]:
    """Whether CLD2 is sure of `text`'s languages, and each language it found with its share of the text
    (percent of its bytes), largest first. `watch` and a batch of events judge the same texts every build."""
    try:
        reliable, _, details = pycld2.detect(text, bestEffort=True)
    except pycld2.error:  # bytes CLD2 will not read (it refuses some control characters): nothing is said
        return False, ()
    return reliable, tuple((code, share) for _, code, share, _ in details if code != "un" and share)


def _name(lang: str) -> str:
    return f"{_LANGUAGE_NAMES[lang]} ({lang})"


# The languages CLD2 knows, each with its English name ("GERMAN" in CLD2's table).
_LANGUAGE_NAMES = {code: name.capitalize() for name, code in pycld2.LANGUAGES}
