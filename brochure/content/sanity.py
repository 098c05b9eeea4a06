"""Content sanity: texts that build but that no one meant to print, said as warnings naming the field.

- a placeholder (`TODO`, `lorem ipsum`, `XXX`, `TBD`, `FIXME`, or only `...`), in any text;
- a translation that is another language's text copied: the same words, or nearly, in two
  languages of one field;
- a translation in the wrong language: German words in the French field;
- a text that YAML cut at a `#` (`brochure.content.comments`).

The last two judge prose only: a name, an address, a web address, a phone number or a one-word
title may well be the same in every language, and a language cannot be told from a few words.
Languages are told apart by py3langid (langid.py's maintained fork, a naive Bayes model of 140
languages): it answers the same for the same text, is small (a 4.5 MB model, loaded once, a
fraction of a millisecond a text) and gives a probability, so that only a confident answer warns.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator

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
# How sure py3langid must be. Among the content's languages it is nearly certain of a sentence's;
# against all of them, a text in a language close to the field's (Luxembourgish in a German field)
# shares the probability, so "clearly not" asks that the field's own language be all but ruled out.
SURE_AMONG_OURS = 0.99
SURE_OF_OTHER = 0.95
FIELD_LANGUAGE_AT_MOST = 0.001


def sanity_warnings(ctx: Context, languages: list[str]) -> list[Problem]:
    """The warnings of what the texts the schema recorded in `ctx` say, in file order."""
    placeholders = list(_placeholders(ctx))
    unwritten = {(problem.line, problem.column) for problem in placeholders}  # one cause, one warning
    found = [*placeholders, *_translations(ctx, languages, unwritten), *dropped_comments(ctx)]
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


def _translations(ctx: Context, languages: list[str], unwritten: set[tuple[int, int]]) -> Iterator[Problem]:
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
            reads_as = _reads_as(text, lang, languages)
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
    """Which of `languages` `text` is most likely in; None if py3langid knows none of them."""
    probabilities = _probabilities(text)
    known = [lang for lang in languages if lang in probabilities]
    return max(known, key=lambda lang: probabilities[lang]) if known else None


def _reads_as(text: str, lang: str, languages: list[str]) -> str | None:
    """The language `text` clearly is in, if not `lang`, as a reader would name it; None if it may be `lang`."""
    probabilities = _probabilities(text)
    if lang not in probabilities:
        return None  # a language the model does not know: nothing can be said
    ours = {code: probabilities[code] for code in languages if code in probabilities}
    best = max(ours, key=ours.__getitem__)
    if best != lang and ours[best] / sum(ours.values()) >= SURE_AMONG_OURS:
        return _name(best)
    top = max(probabilities, key=probabilities.__getitem__)
    if top != lang and probabilities[top] >= SURE_OF_OTHER and probabilities[lang] <= FIELD_LANGUAGE_AT_MOST:
        return _name(top)
    return None


def _name(lang: str) -> str:
    return f"{_NAMES[lang]} ({lang})" if lang in _NAMES else f"'{lang}'"


# The languages a leaflet is most often in, by their own names' English forms; others are said by code.
_NAMES = {
    "de": "German", "en": "English", "es": "Spanish", "fr": "French", "it": "Italian", "lb": "Luxembourgish",
    "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "da": "Danish", "sv": "Swedish", "cs": "Czech",
}  # fmt: skip


def _probabilities(text: str) -> dict[str, float]:
    """The probability of each language py3langid knows that `text` is in."""
    return dict(_ranking(text))


@functools.lru_cache(maxsize=1024)
def _ranking(text: str) -> tuple[tuple[str, float], ...]:
    # A millisecond a text: `watch` and a batch of events judge the same texts at every build.
    return tuple(_identifier().rank(text))


@functools.cache
def _identifier():
    # Loaded on the first prose text (0.6 s), once a process: the model is read-only.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
