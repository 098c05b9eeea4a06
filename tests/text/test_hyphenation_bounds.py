"""Long words: a paragraph of them is laid out in bounded time, and normal words hyphenate as before.

A paragraph of 99-letter words took minutes: WeasyPrint 70 reads the rest of the paragraph
again for each line it breaks in such a word, and the build lays the leaflet out again for
each one it tries to keep whole. A word of more than `LONG_WORD_CHARS` letters now gets its
dictionary breaks as soft hyphens.
"""

from __future__ import annotations

from pathlib import Path

import pyphen
from conftest import hang_guard
from projects import block, edit_content

from brochure import ExitStatus
from brochure.commands.cli import main
from brochure.text.typography import SHY, WordRules, inline_markdown

GUARD = 60  # seconds: a hang guard; the paragraph below takes about ten
# A German compound of 99 letters: 200 of them fill a text field to its limit (20,000 characters).
COMPOUND = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsdirektorenstellvertrete"
# As long as a word may be and be left alone, like "Rindfleischetikettierungsüberwachungsaufgabengebiete".
LONGEST = COMPOUND[:52]


def dictionary_breaks(word: str, before: int = 5, after: int = 4) -> str:
    """`word` with soft hyphens wherever the German dictionary allows a break within the limits."""
    dic = pyphen.Pyphen(lang="de_DE", left=before, right=after)
    return dic.inserted(word, hyphen=SHY)


def test_a_paragraph_of_long_hyphenatable_words_ends_cleanly(project: Path, capsys):
    assert len(COMPOUND) == 99
    words = " ".join(COMPOUND[i % 20 :] + COMPOUND[: i % 20] for i in range(200))
    edit_content(project, lambda data: block(data, "about", "text")["text"].update(de=words))
    with hang_guard(GUARD):
        status = main(["build", str(project / "content.yaml"), "-o", str(project / "out"), "--only", "print", "-q"])
    err = capsys.readouterr().err
    assert status in (ExitStatus.OK, ExitStatus.CHECK_FAILED), err  # laid out: the schema lets it through
    assert "Traceback" not in err


def test_a_word_of_52_letters_is_left_to_the_stylesheet():
    assert len(LONGEST) == 52
    assert inline_markdown(f"Die {LONGEST} tagt", "de", WordRules()) == f"Die {LONGEST}\u00a0tagt"  # as before
    assert SHY in inline_markdown(f"Die {COMPOUND[:53]} tagt", "de", WordRules())  # one more letter


def test_a_longer_word_gets_the_dictionarys_breaks_within_the_layouts_limits():
    html = inline_markdown(f"Die {COMPOUND}, dann", "de", WordRules())
    # the span takes in what is glued to the word, as an exception word's does
    assert html == f'Die <span class="word">{dictionary_breaks(COMPOUND)},\u00a0dann</span>'
    # the layout's limits: "Donau-dampf" and "stell-ver-trete" break no nearer to the ends than 8 and 7
    edges = WordRules.of([], {}, edges=(8, 7))
    html = inline_markdown(COMPOUND, "de", edges)
    assert html == f'<span class="word">{dictionary_breaks(COMPOUND, 8, 7)}</span>'
    assert html.startswith(f'<span class="word">Donaudampf{SHY}') and html.endswith(f"stell{SHY}vertrete</span>")


def test_a_long_word_in_a_language_without_a_dictionary_is_left_alone():
    assert inline_markdown(COMPOUND, "xx", WordRules()) == COMPOUND


def test_a_long_word_glued_to_an_exception_gets_its_breaks_too():
    words = WordRules.of([], {"de": ["Luxemburg"]})
    html = inline_markdown(f"Luxemburg-{COMPOUND}", "de", words)
    assert html == f'<span class="word">Luxemburg-{dictionary_breaks(COMPOUND)}</span>'
