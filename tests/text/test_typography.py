"""Inline Markdown and per-language typography."""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from brochure.text import typography
from brochure.text.typography import (
    NBSP,
    NNBSP,
    SHY,
    WordRules,
    bind_last_words,
    inline_markdown,
    markdown_problem,
    plain_text,
    printed_text,
    typeset,
)


def test_markdown_subset():
    assert inline_markdown("**bold** and *italic*") == "<strong>bold</strong> and <em>italic</em>"
    assert inline_markdown("[site](https://example.org)") == '<a href="https://example.org">site</a>'
    assert inline_markdown("one\ntwo") == "one<br>\ntwo"


SYNTAX = "*_[\\\r\n\0"  # what the Markdown subset reads, or its parser rewrites
LOOKS_LIKE_SYNTAX = "ab ]()<>`!~#&;:/.-+=|{}\t\u00a0\u2028é"  # what other Markdowns read


@given(
    text=st.one_of(
        st.text(st.characters(blacklist_characters=SYNTAX), max_size=40),
        st.text(LOOKS_LIKE_SYNTAX, max_size=40),
        st.text(LOOKS_LIKE_SYNTAX + SYNTAX, max_size=40),
    )
)
@example("*a*")
@example("_a_")
@example("[a](http://b)")
@example("\\#")
@example("a\rb")
@example("a  \nb")
@example("a\0b")
def test_a_text_not_parsed_reads_as_parsed(text: str):
    # A text without the subset's syntax is not parsed: it must read as if it were.
    read = plain_text(text), markdown_problem(text)
    with mock.patch.object(typography, "_MARKDOWN_SYNTAX", re.compile("")):  # parse every text
        assert read == (plain_text(text), markdown_problem(text))


def test_raw_html_and_templates_stay_literal():
    assert inline_markdown("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert inline_markdown("<b>x</b> {{ y }}") == f"&lt;b&gt;x&lt;/b&gt; {{{{ y{NBSP}}}}}"


def test_only_web_mail_and_phone_links():
    assert "<a" not in inline_markdown("[x](javascript:alert(1))")
    assert "<a" not in inline_markdown("[x](file:///etc/passwd)")
    assert 'href="mailto:a@b.org"' in inline_markdown("[x](mailto:a@b.org)")


def test_french_no_break_spaces():
    assert typeset("Quoi ? Oui ! Non ; ceci : « cela »", "fr") == (
        f"Quoi{NNBSP}? Oui{NNBSP}! Non{NNBSP}; ceci{NBSP}: «{NBSP}cela{NBSP}»"
    )
    assert inline_markdown("500 000 habitants", "fr") == f"500{NNBSP}000{NBSP}habitants"


@pytest.mark.parametrize("lang", ["de", "en", "it", "es", "nl", "lb", "pl", "pt", None])
def test_french_spacing_only_in_french(lang):
    assert typeset("Was ist das ? Ja ! Nein ; dies : « das »", lang) == "Was ist das ? Ja ! Nein ; dies : « das »"
    assert inline_markdown("Was ? Ja", lang) == f"Was ?{NBSP}Ja"  # only the last two words bound


@pytest.mark.parametrize(
    ("lang", "quoted"),
    [
        ("fr", f"«{NBSP}la ville{NBSP}»"),
        ("de", "„la ville“"),
        ("lb", "„la ville“"),
        ("en", "“la ville”"),
        ("nl", "“la ville”"),
        ("it", "«la ville»"),
        ("es", "«la ville»"),
        ("pl", "„la ville”"),
        ("pt", "“la ville”"),  # no settled rule here: the common “…”
        (None, '"la ville"'),  # a language-neutral text: no language's quotes
    ],
)
def test_typed_quotes_become_the_languages_own(lang, quoted):
    assert typeset('l\'Europe et "la ville"', lang) == f"l’Europe et {quoted}"
    assert printed_text('l\'Europe et **"la ville"**', lang) == f"l’Europe et {quoted}"  # what the checks expect


def test_digit_groups_stay_together_in_every_language():
    for lang in ("fr", "de", "en", None):
        assert typeset("500 000 Einwohner, 2 Städte", lang) == f"500{NNBSP}000 Einwohner, 2 Städte"


def test_a_name_with_quotes_is_found_as_each_language_prints_it():
    words = WordRules.of(['Café "Le Lux"'], {})
    found = {
        "fr": f"Café{NBSP}«{NBSP}Le{NBSP}Lux{NBSP}»",
        "de": f"Café{NBSP}„Le{NBSP}Lux“",
        None: f"Café{NBSP}&quot;Le{NBSP}Lux&quot;",
    }
    for lang, name in found.items():
        html = inline_markdown('Café "Le Lux" am Markt und weiter weg', lang, words)
        assert f'<span class="name">{name}</span> am' in html


def test_hyphens_in_compounds_and_lists_stay():
    assert typeset("LUXEMBOURG-METZ-TRIER, Esch-sur-Alzette, Fair-Trade", "de") == (
        "LUXEMBOURG-METZ-TRIER, Esch-sur-Alzette, Fair-Trade"
    )


def test_no_short_word_alone_on_the_last_line():
    assert bind_last_words("sur l’échiquier européen.") == f"sur l’échiquier{NBSP}européen."
    assert bind_last_words("Unterstützung der Energiemanagementsysteme") == "Unterstützung der Energiemanagementsysteme"
    assert bind_last_words("Contact") == "Contact"
    # every line of a text with line breaks, and the last text before closing emphasis
    assert inline_markdown("un deux\ntrois *quatre cinq*") == f"un{NBSP}deux<br>\ntrois <em>quatre{NBSP}cinq</em>"


def test_names_stay_whole_and_on_one_line():
    words = WordRules.of(["Grande Région", "QuattroPole e.V."], {})
    html = inline_markdown("avec QuattroPole e.V. au sein de la Grande Région.", "fr", words)
    assert f'<span class="name">QuattroPole{NBSP}e.V.</span>' in html
    # the name is one word to the binding of the last two, and its span takes in what is glued to it
    assert f'<span class="name">la{NBSP}Grande{NBSP}Région.</span>' in html
    assert "grande région" not in inline_markdown("grande région", "fr")  # only where the content names it


def test_hyphenation_exceptions_break_only_where_listed():
    words = WordRules.of([], {"de": ["Zusammen-arbeit", "Luxemburg"], "fr": []})
    html = inline_markdown("Die Zusammenarbeit mit Luxemburg und Trier", "de", words)
    assert f'<span class="word">Zusammen{SHY}arbeit</span>' in html
    assert '<span class="word">Luxemburg</span>' in html
    assert "span" not in inline_markdown("Die Zusammenarbeit", "fr", words)  # German words, German texts


def test_urls_keep_their_colon():
    assert 'href="http://www.vdl.lu"' in inline_markdown("[www.vdl.lu](http://www.vdl.lu)", "fr")


def test_plain_text_drops_markup():
    assert plain_text("**4 villes** - [site](https://x.org)\nfin") == "4 villes - site\nfin"


def test_printed_urls_keep_query_and_fragment():
    from brochure.text.links import url_label

    assert url_label("https://metz.fr/index.php?lang=de#top") == "metz.fr/index.php?lang=de#top"
    assert url_label("http://www.vdl.lu/") == "www.vdl.lu"
