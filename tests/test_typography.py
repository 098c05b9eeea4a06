"""Inline Markdown and per-language typography."""

from __future__ import annotations

from brochure.typography import NBSP, NNBSP, inline_markdown, plain_text


def test_markdown_subset():
    assert inline_markdown("**bold** and *italic*") == "<strong>bold</strong> and <em>italic</em>"
    assert inline_markdown("[site](https://example.org)") == '<a href="https://example.org">site</a>'
    assert inline_markdown("one\ntwo") == "one<br>\ntwo"


def test_raw_html_and_templates_stay_literal():
    assert inline_markdown("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert inline_markdown("<b>x</b> {{ y }}") == "&lt;b&gt;x&lt;/b&gt; {{ y }}"


def test_only_web_mail_and_phone_links():
    assert "<a" not in inline_markdown("[x](javascript:alert(1))")
    assert "<a" not in inline_markdown("[x](file:///etc/passwd)")
    assert 'href="mailto:a@b.org"' in inline_markdown("[x](mailto:a@b.org)")


def test_french_no_break_spaces():
    assert inline_markdown("Quoi ? Oui ! Non ; ceci : « cela »", "fr") == (
        f"Quoi{NNBSP}? Oui{NNBSP}! Non{NNBSP}; ceci{NBSP}: «{NBSP}cela{NBSP}»"
    )
    assert inline_markdown("500 000 habitants", "fr") == f"500{NNBSP}000 habitants"


def test_german_is_left_alone():
    assert inline_markdown("Was ist das ?", "de") == "Was ist das ?"


def test_urls_keep_their_colon():
    assert 'href="http://www.vdl.lu"' in inline_markdown("[www.vdl.lu](http://www.vdl.lu)", "fr")


def test_plain_text_drops_markup():
    assert plain_text("**4 villes** - [site](https://x.org)\nfin") == "4 villes - site\nfin"


def test_printed_urls_keep_query_and_fragment():
    from brochure.templating import url_label

    assert url_label("https://metz.fr/index.php?lang=de#top") == "metz.fr/index.php?lang=de#top"
    assert url_label("http://www.vdl.lu/") == "www.vdl.lu"
