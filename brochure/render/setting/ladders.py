"""Holding hyphenated lines in a row to the layout's `hyphenation.max_lines` while setting.

WeasyPrint 70 has no `hyphenate-limit-lines`. So once a leaflet is laid out, its line boxes
are read paragraph by paragraph; where more lines in a row end in a hyphen than the layout
allows (a "ladder"), the word broken on the first line past the limit is kept whole, as the
content's hyphenation exceptions would keep it, and the leaflet is laid out again. A word that
kept whole would stick out of its column is given back, and another word of the ladder is
kept instead. The `hyphenation` check still reads the written PDF and warns about any ladder
left (one of typed hyphens, or one no single word can break).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from weasyprint.formatting_structure.boxes import LineBox, TextBox

from brochure.content.load import Content
from brochure.render.boxes import children, page_boxes

TYPED_HYPHENS = ("-", "\u00ad")  # a hyphen in the text breaks a line as well, but no word rule removes it
MAX_ROUNDS = 6  # layouts after the first: a ladder that keeps coming back is left to the check's warning
OVERFULL_PX = 0.5  # how far a line's text may run past its column before it sticks out


@dataclass(frozen=True)
class Ladder:
    """A run of more hyphenated lines in a row than allowed: where, and the words broken on its
    lines that a word rule can keep whole, the best candidate first."""

    panel: str | None
    lang: str
    lines: int
    candidates: tuple[str, ...]


@dataclass(frozen=True)
class KeptWhole:
    """The words kept whole to hold ladders to the limit, for another edition of the same panels."""

    words: tuple[tuple[str, str, str, int], ...] = ()  # (panel, lang, word, hyphenated lines it broke up)

    def notes(self) -> tuple[str, ...]:
        """One line per word: `inside-right: kept "Zusammenarbeit" whole (3 hyphenated lines in a row)`."""
        return tuple(
            f'{panel}: kept "{word}" whole ({lines} hyphenated lines in a row)' for panel, _, word, lines in self.words
        )

    def applied(self, content: Content) -> Content:
        """`content` with these words added, unbroken, to its hyphenation exceptions."""
        if not self.words:
            return content
        typography = dict(content.data.get("typography") or {})
        exceptions = {lang: list(words) for lang, words in (typography.get("hyphenation") or {}).items()}
        for _, lang, word, _ in self.words:
            exceptions.setdefault(lang, []).append(word)  # a later entry of a word wins over its allowed breaks
        typography["hyphenation"] = exceptions
        return dataclasses.replace(content, data={**content.data, "typography": typography})


def hold_ladders(
    content: Content, limit: int, lay_out: Callable[[Content], object], kept: KeptWhole | None = None
) -> tuple[object, KeptWhole]:
    """Lay out `content` with `lay_out` (which returns a rendering with a WeasyPrint `document`);
    while a ladder passes `limit`, keep one more of its words whole and lay out again. With
    `kept`, another edition's words, used as they are."""
    if kept is not None:
        return lay_out(kept.applied(content)), kept
    kept, refused = KeptWhole(), set()
    rendering = lay_out(content)
    for _ in range(MAX_ROUNDS):
        new = _next_words(ladders(rendering.document, limit), kept, refused)
        if not new:
            break
        trial = KeptWhole(kept.words + new)
        attempt = lay_out(trial.applied(content))
        sticking_out = overfull_words(attempt.document, {word for _, _, word, _ in new})
        if sticking_out:
            refused |= sticking_out
            continue
        kept, rendering = trial, attempt
    return rendering, kept


def _next_words(found: list[Ladder], kept: KeptWhole, refused: set[str]) -> tuple[tuple[str, str, str, int], ...]:
    """For each ladder, the first of its candidates not kept or refused yet."""
    taken = {word.lower() for _, _, word, _ in kept.words} | {word.lower() for word in refused}
    new = []
    for ladder in found:
        word = next((w for w in ladder.candidates if w.lower() not in taken), None)
        if word is not None:
            taken.add(word.lower())
            new.append((ladder.panel or "", ladder.lang, word, ladder.lines))
    return tuple(new)


def ladders(document, limit: int) -> list[Ladder]:
    """Every ladder of `document`'s paragraphs longer than `limit` lines."""
    found = []
    for page in document.pages:
        for panel, lines in _paragraphs(page_boxes(page)):
            found.extend(_ladders_of(panel, lines, limit))
    return found


def overfull_words(document, words: set[str]) -> set[str]:
    """Those of `words` that stand on a line whose text runs past its column."""
    wanted = {word.lower() for word in words}
    found = set()
    for page in document.pages:
        for _, lines in _paragraphs(page_boxes(page)):
            for line, parent in lines:
                right = parent.content_box_x() + parent.width + OVERFULL_PX
                texts = _text_boxes(line)
                if any(box.position_x + box.width > right for box in texts):
                    found |= {w for w in re.findall(r"\w+", "".join(b.text for b in texts)) if w.lower() in wanted}
    return found


def _paragraphs(box, panel: str | None = None) -> Iterator[tuple[str | None, list[tuple[LineBox, object]]]]:
    """Each block's line boxes (with the block), and the panel it lies in (an element `panel-<id>`)."""
    element = getattr(box, "element", None)
    ident = element.get("id", "") if element is not None else ""
    panel = ident.removeprefix("panel-") if ident.startswith("panel-") else panel
    below = children(box)
    lines = [(child, box) for child in below if isinstance(child, LineBox)]
    if lines:
        yield panel, lines
    for child in below:
        yield from _paragraphs(child, panel)


def _ladders_of(panel: str | None, lines: list[tuple[LineBox, object]], limit: int) -> Iterator[Ladder]:
    texts = [_line_text(line) for line, _ in lines]
    run: list[int] = []
    for index in [*range(len(texts)), None]:
        if index is not None and _ends_in_hyphen(texts[index]):
            run.append(index)
            continue
        if len(run) > limit:
            # The first line past the limit first, then those after it, then those before.
            order = run[limit:] + run[:limit][::-1]
            words = [_broken_word(texts, i) for i in order]
            candidates = tuple(dict.fromkeys(word for word, _ in filter(None, words)))
            lang = next((word[1] for word in words if word), "")
            if candidates:
                yield Ladder(panel, lang, len(run), candidates)
        run = []


def _line_text(line: LineBox) -> tuple[str, str, str]:
    """A line's text, the hyphenate-character of its last text, and that text's language."""
    boxes = _text_boxes(line)
    if not boxes:
        return "", "", ""
    last = boxes[-1].style
    return "".join(box.text for box in boxes), last["hyphenate_character"], last["lang"] or ""


def _text_boxes(line: LineBox) -> list[TextBox]:
    return [box for box in line.descendants() if isinstance(box, TextBox)]


def _ends_in_hyphen(line: tuple[str, str, str]) -> bool:
    text, hyphen, _ = line
    text = text.rstrip()
    return len(text) > 1 and (text.endswith(hyphen) or text.endswith(TYPED_HYPHENS))


def _broken_word(texts: list[tuple[str, str, str]], index: int) -> tuple[str, str] | None:
    """The word WeasyPrint broke at the end of line `index` (not one broken at a typed hyphen), with its language."""
    text, hyphen, lang = texts[index]
    text = text.rstrip()
    if not text.endswith(hyphen) or index + 1 >= len(texts):
        return None
    head = re.search(r"\w+$", text[: -len(hyphen)])
    tail = re.match(r"\w+", texts[index + 1][0].lstrip())
    if head is None or tail is None:
        return None
    return head[0] + tail[0], lang
