"""Hyphenation by language: the dictionaries loaded for a build, and WeasyPrint breaking the words
of each language the element's `lang` names; a language with no patterns is left whole, without
an error."""

from __future__ import annotations

import pyphen
import pytest
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import LineBox, TextBox

from brochure.render.boxes import page_boxes, walk
from brochure.render.warm import hyphenation
from brochure.text.typography import hyphenation_language, inline_markdown

HYPHEN = "\u2010"  # WeasyPrint's hyphenate-character
# One long word each: in a 22 mm column it must break, and only a dictionary breaks it.
WORDS = {
    "en": "internationalisation",
    "it": "internazionalizzazione",
    "es": "internacionalización",
    "nl": "ontwikkelingssamenwerking",
    "pl": "międzynarodowej",
    "de": "Zusammenarbeit",
    "lb": "Zesummenaarbechtsvertrag",
}


def printed_lines(word: str, lang: str) -> list[str]:
    """The lines `word` is set on, as the leaflet's stylesheet sets body text (`hyphens: auto`)."""
    html = (
        "<style>@page { size: 40mm 80mm; margin: 5mm } p { width: 22mm; font: 11pt serif; hyphens: auto }</style>"
        f'<p lang="{lang}">{inline_markdown(word, lang)}</p>'
    )
    page = HTML(string=html).render().pages[0]
    lines = [box for box, _ in walk(page_boxes(page)) if isinstance(box, LineBox)]
    return ["".join(text.text for text, _ in walk(line) if isinstance(text, TextBox)) for line in lines]


@pytest.mark.parametrize("lang", [lang for lang in WORDS if lang != "lb"])
def test_a_language_pyphen_knows_is_hyphenated(lang: str):
    hyphenation.warm([lang])
    lines = printed_lines(WORDS[lang], lang)
    assert len(lines) > 1 and lines[0].endswith(HYPHEN), lines
    assert "".join(line.removesuffix(HYPHEN) for line in lines) == WORDS[lang]


def test_a_language_without_patterns_is_left_whole():
    assert hyphenation_language("lb") is None
    cached = dict(pyphen.hdcache)
    hyphenation.warm(["lb"])  # nothing to load, and no error
    assert pyphen.hdcache == cached
    assert printed_lines(WORDS["lb"], "lb") == [WORDS["lb"]]  # overflows its column, as the checks will say
