"""Every kind of content mistake, with its exact message: file, line, column, field and what is wrong.

Each case edits a copy of the real content.yaml, so the line numbers are those of that file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, hang_guard

from brochure import ExitStatus, InputError, load_content
from brochure.commands.cli import main

DE_ENERGIE = (  # sections.fields_of_action[6].items.items[0].text.de, lines 215-218
    "              de: >-\n"
    "                Vernetzung der zuständigen Dienststellen und Stadtwerke im Bereich der\n"
    "                Elektromobilität und verstärkter Austausch zu den verschiedenen\n"
    "                Energiemanagementsystemen der städtischen Gebäude\n"
)
KONTAKT = "          de: Kontakt\n"  # sections.contact[0].heading.text.de, line 79
WORDMARK = "          text: QUATTROPOLE\n"  # sections.cover.blocks[1].heading.text, line 39
PHONE = "        phone: +352 247 80112"  # sections.contact[4].contact.phone, line 97
MISSING_DE = "content.yaml:82:11: sections.contact[0].heading.text: missing translation 'de'"
UNPLACED = ("\n  about:\n", "\n  notes:\n    - divider\n\n  about:\n")  # a section at line 101
PANELS = "(the panels are flap, back, cover, inside-left, inside-middle, inside-right)"


@pytest.fixture
def content(project: Path, monkeypatch) -> Path:
    """content.yaml of a project copy, named as a user in that folder would name it."""
    monkeypatch.chdir(project)
    return Path("content.yaml")


def edit(path: Path, *replacements: tuple[str, str]) -> Path:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        load_content(path)
    return str(info.value).splitlines()


# sections.cities.blocks[1].picture.alt, lines 64-66: the map's alt text in both languages, one line each.
MAP_ALT = (
    "          alt:\n"
    + (ROOT / "content.yaml").read_text(encoding="utf-8").split("          alt:\n")[1].split("      - links:")[0]
)
# The content's hyphenation exceptions, from their key to the end of the file.
HYPHENATION = "  hyphenation:\n" + (ROOT / "content.yaml").read_text(encoding="utf-8").split("  hyphenation:\n")[1]

CASES = {
    # -- translations
    "missing translation": (
        (KONTAKT, ""),
        [MISSING_DE],
    ),
    "missing translation, deep": (
        (DE_ENERGIE, ""),
        ["content.yaml:226:15: sections.fields_of_action[6].items.items[0].text: missing translation 'de'"],
    ),
    "unknown language": (
        (KONTAKT, KONTAKT + "          en: Contact\n"),
        [
            "content.yaml:84:11: sections.contact[0].heading.text.en: unknown language 'en'; "
            "the content's languages are fr, de"
        ],
    ),
    "one text where a translation is needed": (
        (HYPHENATION, "  hyphenation: Transport-infra-struktur\n"),
        [
            "content.yaml:270:16: typography.hyphenation: "
            "expected a text in each language (fr:, de:), got one text for all"
        ],
    ),
    # -- keys
    "unknown key with a suggestion": (
        ("typography:\n", "typograhy:\n"),
        ["content.yaml:260:1: typograhy: unknown key; did you mean 'typography'?"],
    ),
    "misspelt field of a block": (
        ("          subtitle: LUXEMBOURG", "          subtitel: LUXEMBOURG"),
        ["content.yaml:41:11: sections.cover.blocks[1].heading.subtitel: unknown key; did you mean 'subtitle'?"],
    ),
    "misspelt required field of a block": (
        (WORDMARK, "          txt: QUATTROPOLE\n"),
        [
            "content.yaml:38:11: sections.cover.blocks[1].heading.text: missing required key",
            "content.yaml:40:11: sections.cover.blocks[1].heading.txt: unknown key; did you mean 'text'?",
        ],
    ),
    "unknown field without a suggestion": (
        (WORDMARK, WORDMARK + "          banner: x\n"),
        [
            "content.yaml:41:11: sections.cover.blocks[1].heading.banner: unknown key; "
            "the keys here are text, kicker, subtitle, level, colour, logo"
        ],
    ),
    "duplicate key": (
        (WORDMARK, WORDMARK + "          text: QP\n"),
        ["content.yaml:41:11: sections.cover.blocks[1].heading.text: duplicate key (first at line 40)"],
    ),
    "missing key": (
        ("  author: QuattroPole e.V.\n", ""),
        ["content.yaml:14:3: document.author: missing required key"],
    ),
    # -- blocks
    "unknown block type with a suggestion": (
        ("      - heading:\n          level: 1", "      - headline:\n          level: 1"),
        ["content.yaml:37:9: sections.cover.blocks[1]: no block type 'headline'; did you mean 'heading'?"],
    ),
    "unknown block type without a suggestion": (
        ("      - heading:\n          level: 1", "      - banner:\n          level: 1"),
        [
            "content.yaml:37:9: sections.cover.blocks[1]: no block type 'banner'; the blocks are heading, text, "
            "list, figures, photo, logo, picture, contact, links, event, programme, action, quote, items, "
            "spacer, divider"
        ],
    ),
    "bare name of a block with a required field": (
        ("    - divider\n", "    - heading\n"),
        ["content.yaml:95:7: sections.contact[2]: heading needs text: write `- heading: {text: …}`"],
    ),
    "bare name of no block": (
        ("    - divider\n", "    - rule\n"),
        [
            "content.yaml:95:7: sections.contact[2]: no block type 'rule'; the blocks are heading, text, list, "
            "figures, photo, logo, picture, contact, links, event, programme, action, quote, items, spacer, divider"
        ],
    ),
    "two types in one block": (
        ("    - divider\n", "    - {divider: , spacer: }\n"),
        [
            "content.yaml:95:7: sections.contact[2]: expected a block, one of heading, text, list, figures, photo, "
            "logo, picture, contact, links, event, programme, action, quote, items, spacer, divider, "
            "e.g. `- text: {text: …}`"
        ],
    ),
    "picture with neither alt nor decorative": (
        (
            MAP_ALT + "      - links:",
            "      - links:",
        ),
        [
            "content.yaml:61:11: sections.cities.blocks[1].picture: "
            "needs alt (what it shows, for screen readers) or decorative: true"
        ],
    ),
    "picture with both alt and decorative": (
        ("decorative: true, bleed: true}", "decorative: true, bleed: true, alt: Artwork}"),
        ["content.yaml:36:18: sections.cover.blocks[0].picture: has both alt and decorative: true; keep one"],
    ),
    "logo without alt": (
        (", alt: QuattroPole e.V., height: 15}", ", height: 15}"),
        ["content.yaml:96:13: sections.contact[3].logo.alt: missing required key"],
    ),
    "option misspelt": (
        ("    stack: by-language\n", "    stack: by-languge\n"),
        [
            "content.yaml:114:12: sections.about.stack: expected one of by-block, by-language, "
            "got 'by-languge'; did you mean 'by-language'?"
        ],
    ),
    "heading level out of range": (
        ("          level: 1\n", "          level: 4\n"),
        ["content.yaml:38:18: sections.cover.blocks[1].heading.level: expected one of 1, 2, 3, got 4"],
    ),
    "unknown icon": (
        ("          - icon: map\n", "          - icon: briefcas\n"),
        [
            "content.yaml:190:19: sections.fields_of_action[4].items.items[0].icon: "
            "unknown icon 'briefcas'; did you mean 'briefcase'?"
        ],
    ),
    # -- types and empty texts
    "list for a text": (
        (WORDMARK, "          text: [QUATTRO, POLE]\n"),
        ["content.yaml:40:17: sections.cover.blocks[1].heading.text: expected a text, got a list"],
    ),
    "number for a text": (
        (PHONE, "        phone: +35224780112"),
        [
            "content.yaml:102:16: sections.contact[4].contact.phone: expected a text, got a number; "
            "put it in quotes to have it read as text"
        ],
    ),
    "text for a section": (
        (
            "document:\n  title:\n    fr: QuattroPole – Un réseau de villes transfrontalier\n",
            "document: QuattroPole\ndocument_:\n  title:\n    fr: QuattroPole – Un réseau de villes transfrontalier\n",
        ),
        [
            "content.yaml:13:11: document: expected a mapping (title, author, date, keywords), got a text",
            "content.yaml:14:1: document_: unknown key; did you mean 'document'?",
        ],
    ),
    "text for a list": (
        (
            "        address:\n          - QuattroPole e.V. - MAISON DE LA GRANDE RÉGION\n"
            "          - 11, Boulevard J.-F. Kennedy\n          - L-4170 Esch-sur-Alzette\n",
            "        address: 11, Boulevard J.-F. Kennedy, L-4170 Esch-sur-Alzette\n",
        ),
        ["content.yaml:98:18: sections.contact[4].contact.address: expected a list, got a text"],
    ),
    "text for a list of blocks": (
        ("  contact:\n    - heading:\n", "  contact: Kontakt\n  contact_:\n    - heading:\n"),
        [
            "content.yaml:79:12: sections.contact: "
            "expected a mapping (blocks, stack, background, colour, second_colour), got a text"
        ],
    ),
    "empty text": (
        (WORDMARK, "          text: '  '\n"),
        ["content.yaml:40:17: sections.cover.blocks[1].heading.text: must not be empty"],
    ),
    "no value": (
        (WORDMARK, "          text:\n"),
        ["content.yaml:40:16: sections.cover.blocks[1].heading.text: must not be empty"],
    ),
    "empty translation": (
        (KONTAKT, "          de: ''\n"),
        ["content.yaml:83:15: sections.contact[0].heading.text.de: must not be empty"],
    ),
    "empty list": (
        (
            "          items:\n            - fr: Approfondir",
            "          items: []\n          _items:\n            - fr: Approfondir",
        ),
        [
            "content.yaml:135:18: sections.about.blocks[3].list.items: must not be empty",
            "content.yaml:136:11: sections.about.blocks[3].list._items: unknown key; did you mean 'items'?",
        ],
    ),
    "unprintable character": (
        (WORDMARK, '          text: "QUATTRO\\x07POLE"\n'),
        [
            "content.yaml:40:17: sections.cover.blocks[1].heading.text: "
            "contains a character that cannot be printed: U+0007"
        ],
    ),
    # -- formats
    "web address without scheme": (
        ("            - url: http://www.quattropole.org\n", "            - url: www.quattropole.org\n"),
        [
            "content.yaml:51:20: sections.cover.blocks[5].links.items[0].url: not a web address "
            "(http:// or https:// and a host, e.g. https://www.example.org): 'www.quattropole.org'"
        ],
    ),
    "web address of another scheme": (
        ("url: http://www.metz.fr}", "url: 'javascript:alert(1)'}"),
        [
            "content.yaml:68:42: sections.cities.blocks[2].links.items[1].url: not a web address "
            "(http:// or https:// and a host, e.g. https://www.example.org): 'javascript:alert(1)'"
        ],
    ),
    "web address without a host name": (
        ("            - url: http://www.quattropole.org\n", "            - url: https://quattropole/\n"),
        [
            "content.yaml:51:20: sections.cover.blocks[5].links.items[0].url: not a web address "
            "(http:// or https:// and a host, e.g. https://www.example.org): 'https://quattropole/'"
        ],
    ),
    "e-mail address without a host name": (
        ("  email: info-quattropole@granderegion.net", "  email: info-quattropole@granderegion"),
        [
            "content.yaml:103:16: sections.contact[4].contact.email: "
            "not an e-mail address: 'info-quattropole@granderegion'"
        ],
    ),
    "e-mail address": (
        ("  email: info-quattropole@granderegion.net", "  email: info-quattropole@"),
        ["content.yaml:103:16: sections.contact[4].contact.email: not an e-mail address: 'info-quattropole@'"],
    ),
    "phone number": (
        (PHONE, "        phone: ask the office"),
        [
            "content.yaml:102:16: sections.contact[4].contact.phone: "
            "not a phone number (digits, spaces and + ( ) . / -): 'ask the office'"
        ],
    ),
    "contact card of no field": (
        (
            "    - contact:\n        address:\n          - QuattroPole e.V. - MAISON DE LA GRANDE RÉGION\n"
            "          - 11, Boulevard J.-F. Kennedy\n          - L-4170 Esch-sur-Alzette\n"
            "        phone: +352 247 80112\n        email: info-quattropole@granderegion.net\n"
            "        web: http://www.quattropole.org\n",
            "    - contact: {}\n",
        ),
        ["content.yaml:97:16: sections.contact[4].contact: needs at least one of name, address, phone, email, web"],
    ),
    "impossible date": (
        ("  date: 2026-11-01", "  date: 2026-13-01"),
        ["content.yaml:18:9: document.date: not a date: '2026-13-01' (write it as YYYY-MM-DD)"],
    ),
    "date as words": (
        ("  date: 2026-11-01", "  date: 1 November 2026"),
        ["content.yaml:18:9: document.date: not a date: '1 November 2026' (write it as YYYY-MM-DD)"],
    ),
    # -- colours: names of the palette, defined in CMYK
    "colour not in the palette": (
        ("        level: 3\n        colour: ocean\n", "        level: 3\n        colour: tael\n"),
        [
            "content.yaml:150:17: sections.fields_of_action[1].heading.colour: "
            "no palette colour 'tael'; did you mean 'teal'?"
        ],
    ),
    "colour read as a comment": (
        ("        level: 3\n        colour: ocean\n", "        level: 3\n        colour: #17325c\n"),
        [
            "content.yaml:150:16: sections.fields_of_action[1].heading.colour: "
            "empty; a # starts a comment in YAML: name a colour of the palette, e.g. navy"
        ],
    ),
    "colour that would reach the stylesheet": (
        ("    background: navy\n", "    background: 'red; } body { display: none'\n"),
        [
            "content.yaml:32:17: sections.cover.background: no palette colour 'red; } body { display: none'; "
            "the palette has navy, teal, orange, raspberry, gold, paper, stone, ink, muted, mist, rule, slate, rust, "
            "ocean, plum, forest"
        ],
    ),
    "theme colour that is no CMYK": (
        ("languages: [fr, de]\n", "languages: [fr, de]\ntheme:\n  palette:\n    navy: '#17325c'\n"),
        [
            "content.yaml:14:11: theme.palette.navy: not a CMYK colour: '#17325c' "
            "(write it as [c, m, y, k] in %, each 0 to 100)"
        ],
    ),
    "theme colour name that would reach the stylesheet": (
        ("languages: [fr, de]\n", "languages: [fr, de]\ntheme:\n  palette:\n    'a;}': [0, 0, 0, 100]\n"),
        [
            "content.yaml:14:5: theme.palette.'a;}': not a colour name "
            "(lower-case letters, digits, '-' and '_', at most 64)"
        ],
    ),
    # -- settings
    "name that is no file name": (
        ("name: quattropole", "name: ../quattropole"),
        [
            "content.yaml:9:7: name: not a file name (lower-case letters, digits, '-' and '_', at most 64): "
            "'../quattropole'"
        ],
    ),
    "unknown layout": (
        ("layout: trifold-roll", "layout: z-fold"),
        ["content.yaml:10:9: layout: no layout 'z-fold'; the layouts are bifold-a4, trifold-roll, trifold-z"],
    ),
    "language listed twice": (
        ("languages: [fr, de]", "languages: [fr, de, fr]"),
        ["content.yaml:11:21: languages[2]: 'fr' is listed twice"],
    ),
    "more than four languages": (
        ("languages: [fr, de]", "languages: [fr, de, en, it, es]"),
        ["content.yaml:11:12: languages: too many languages: 5 (at most 4)"],
    ),
    "language code": (
        ("languages: [fr, de]", "languages: [fr, de, Deutsch]"),
        ["content.yaml:11:21: languages[2]: not a language code (two or three lower-case letters, e.g. fr): 'Deutsch'"],
    ),
    # -- which panel prints which section
    "section placed by no panel": (
        UNPLACED,
        [f"content.yaml:112:3: sections.notes: no panel prints this section; name it in `panels` {PANELS}"],
    ),
    "panel naming a missing section": (
        ("  flap: [cities]\n", "  flap: [citys]\n"),
        [
            "content.yaml:23:9: panels.flap: panel 'flap' places section 'citys', which `sections` lacks; "
            "did you mean 'cities'?",
            f"content.yaml:53:3: sections.cities: no panel prints this section; name it in `panels` {PANELS}",
        ],
    ),
    "misspelt section": (
        ("\n  cities:\n", "\n  cites:\n"),
        [
            "content.yaml:23:9: panels.flap: panel 'flap' places section 'cities', which `sections` lacks; "
            "did you mean 'cites'?",
            f"content.yaml:53:3: sections.cites: no panel prints this section; name it in `panels` {PANELS}",
        ],
    ),
    "two panels printing one section": (
        ("  back: [contact]\n", "  back: [contact, cities]\n"),
        ["content.yaml:24:9: panels.back: section 'cities' is printed by panel 'flap' already"],
    ),
    "unknown panel": (
        ("  flap: [cities]\n", "  flop: [cities]\n"),
        ["content.yaml:23:3: panels.flop: no panel 'flop' in layout 'trifold-roll'; did you mean 'flap'?"],
    ),
    "panel's sections given as one name": (
        ("  flap: [cities]\n", "  flap: {sections: cities}\n"),
        ["content.yaml:23:20: panels.flap.sections: expected a list, got a text"],
    ),
    "panel printing nothing": (
        ("  flap: [cities]\n", "  flap: []\n"),
        ["content.yaml:23:9: panels.flap.sections: must not be empty"],
    ),
    "panel of a language the content lacks": (
        ("lang: de}", "lang: en}"),
        [
            "content.yaml:27:18: panels.inside-middle: section 'fields_of_action' is printed one language a panel, "
            "but by no panel in 'de'",
            "content.yaml:28:17: panels.inside-right: panel 'inside-right' prints 'en', "
            "which is not one of the content's languages",
        ],
    ),
    "facing pair printing one language twice": (
        ("lang: de}", "lang: fr}"),
        [  # 'de' left out follows from the same mistake: said once
            "content.yaml:28:17: panels.inside-right: section 'fields_of_action' is printed by panel "
            "'inside-middle' already",
        ],
    ),
    "panel language that is no code": (
        ("lang: fr}", "lang: French}"),
        [
            "content.yaml:27:55: panels.inside-middle.lang: not a language code "
            "(two or three lower-case letters, e.g. fr): 'French'"
        ],
    ),
    # -- YAML itself
    "YAML syntax": (
        ("  subtitle: LUXEMBOURG-METZ-SAARBRÜCKEN-TRIER", "  subtitle: [LUXEMBOURG, METZ"),
        ["content.yaml:43:7: YAML syntax error: expected ',' or ']', but got '-'"],
    ),
    "YAML indentation": (
        ("  author: QuattroPole e.V.", "   author: QuattroPole e.V."),
        ["content.yaml:17:4: YAML syntax error: the indentation does not match the lines above"],
    ),
    "YAML indentation, a key too deep": (
        (
            "          logo: assets/logo-quattropole.svg\n          text:",
            "          logo: assets/logo-quattropole.svg\n            text:",
        ),
        [
            "content.yaml:40:17: YAML syntax error: a ':' on a line that continues a text; "
            "indent a key like the keys above, or quote the text"
        ],
    ),
    "YAML tab": (
        ("  author: QuattroPole e.V.", "\tauthor: QuattroPole e.V."),
        ["content.yaml:17:1: YAML syntax error: a tab character; indent with spaces"],
    ),
    "YAML tab inside a text": (
        (WORDMARK, "          text: QUATTRO\tPOLE\n"),
        ["content.yaml:40:24: YAML syntax error: a tab character; use spaces, or put the text in quotes"],
    ),
    "YAML colon inside a text": (
        ("          fr: Contact\n", "          fr: Contact: Luxembourg\n"),
        ["content.yaml:82:22: YAML syntax error: a ':' inside a text; put the text in quotes"],
    ),
    "YAML quote never closed": (
        (WORDMARK, '          text: "QUATTROPOLE\n'),
        ["content.yaml:40:17: YAML syntax error: the quote opened here is never closed"],
    ),
    "YAML apostrophe inside a quoted text": (
        ("          fr: Contact\n", "          fr: 'l'adresse'\n"),
        [
            "content.yaml:82:18: YAML syntax error: more text after a closing quote; "
            "inside '…' write an apostrophe as '', or quote with \"…\""
        ],
    ),
    "YAML value that cannot be read": (
        (WORDMARK, "          text: !!int QUATTROPOLE\n"),
        [
            "content.yaml:40:17: YAML error: cannot read this value: "
            "invalid literal for int() with base 10: 'QUATTROPOLE'"
        ],
    ),
    "hyphenation exception that is no word": (
        ("      - Zusammen-arbeit\n", "      - Zusammen arbeit\n"),
        [
            "content.yaml:277:9: typography.hyphenation.de[0]: "
            "not a word with its breaks as hyphens, like 'Zusammen-arbeit': 'Zusammen arbeit'"
        ],
    ),
    "hyphenation exceptions in a language the content lacks": (
        ("    fr:\n      - trans-fronta-lier\n", "    en:\n      - trans-fronta-lier\n"),
        [
            "content.yaml:271:5: typography.hyphenation.en: unknown language 'en'; the content's languages are fr, de",
            "content.yaml:271:5: typography.hyphenation: missing translation 'fr'",
        ],
    ),
    "YAML tag": (
        (WORDMARK, "          text: !!python/object/apply:os.system [ls]\n"),
        [
            "content.yaml:40:17: YAML error: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object/apply:os.system'"
        ],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_exact_message(content: Path, case: str):
    replacement, expected = CASES[case]
    assert problems(edit(content, replacement)) == expected


def test_every_problem_is_reported_in_one_run_in_file_order(content: Path):
    edit(
        content,
        (PHONE, "        phone: ask the office"),
        (KONTAKT, ""),
        (WORDMARK, "          txt: QUATTROPOLE\n"),
        (DE_ENERGIE, ""),
        UNPLACED,
    )
    assert problems(content) == [
        "content.yaml:38:11: sections.cover.blocks[1].heading.text: missing required key",
        "content.yaml:40:11: sections.cover.blocks[1].heading.txt: unknown key; did you mean 'text'?",
        "content.yaml:82:11: sections.contact[0].heading.text: missing translation 'de'",
        "content.yaml:101:16: sections.contact[4].contact.phone: "
        "not a phone number (digits, spaces and + ( ) . / -): 'ask the office'",
        f"content.yaml:111:3: sections.notes: no panel prints this section; name it in `panels` {PANELS}",
        "content.yaml:228:15: sections.fields_of_action[6].items.items[0].text: missing translation 'de'",
    ]


def test_the_content_must_be_a_mapping(content: Path):
    content.write_text("- cover\n- cities\n", encoding="utf-8")
    assert problems(content) == ["content.yaml:1:1: the content must be a mapping of sections"]


def test_character_yaml_does_not_allow(content: Path):
    content.write_text("name: quattro\x00pole\n", encoding="utf-8")
    assert problems(content) == ["content.yaml:1:14: YAML syntax error: character U+0000 is not allowed"]


def test_file_that_is_not_utf8(content: Path):
    content.write_bytes("name: x\ncredits: café\n".encode("latin-1"))
    assert problems(content) == ["content.yaml:2:13: not UTF-8 text (byte 0xe9); save the file as UTF-8"]


# -- bounded work: each ends in a clear message within seconds -----------------


def test_a_200000_character_field(content: Path):
    edit(content, (WORDMARK, "          text: " + "Wort " * 39_999 + "Wort\n"))
    with hang_guard(60):
        assert problems(content) == [
            "content.yaml:40:17: sections.cover.blocks[1].heading.text: too long: 199,999 characters (at most 20,000)"
        ]


def test_a_field_of_5000_characters_is_the_overflow_checks_business(content: Path):
    words = ("Wort " * 1000).strip()
    edit(content, (KONTAKT, f"          de: {words}\n"))
    assert load_content(content).data["sections"]["contact"]["blocks"][0]["text"]["de"] == words


def test_a_5_megabyte_file(content: Path):
    content.write_text("name: quattropole\ncredits: " + "x" * 5_000_000 + "\n", encoding="utf-8")
    with hang_guard(60):
        assert problems(content) == ["content.yaml: too large: 5 MB (a content file is at most 256 kB)"]


def test_deep_nesting(content: Path):
    content.write_text("name: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    with hang_guard(60):
        assert problems(content) == ["content.yaml:1:38: nested more than 32 levels deep"]


def test_a_word_longer_than_any_line(content: Path):
    edit(content, (KONTAKT, "          de: " + "Kontaktadresse" * 10 + "\n"))
    assert problems(content) == [
        "content.yaml:83:15: sections.contact[0].heading.text.de: has a word of 140 characters (at most 100): "
        "'KontaktadresseKontaktadresseKontaktadres…'"
    ]


def test_too_much_text_in_all(content: Path):
    paragraph = ("Lorem ipsum dolor sit amet. " * 700).strip()  # 19,599 characters
    edit(
        content,
        ("            Depuis 2015", f"            {paragraph} Depuis 2015"),
        ("            Seit 2015", f"            {paragraph} Seit 2015"),
        ("              Situés en plein", f"              {paragraph} Situés en plein"),
    )
    (line,) = problems(content)
    assert line.startswith(
        "content.yaml:123:17: sections.about.blocks[1].text.text.fr: too much text: the texts up to here add up to "
    )
    assert line.endswith(" characters (at most 50,000)")


def test_too_many_lines_in_all(content: Path):
    edit(content, (KONTAKT, '          de: "' + "Zeile\\n" * 2_000 + 'Ende"\n'))
    (line,) = problems(content)
    assert line.startswith(
        "content.yaml:83:15: sections.contact[0].heading.text.de: too many lines: the texts up to here make 2,"
    )
    assert line.endswith(" lines (at most 2,000)")


def test_too_many_items(content: Path):
    members = "".join(f"            - {{name: CITY {n}, url: http://www.city{n}.org}}\n" for n in range(101))
    old = "            - {name: VILLE DE LUXEMBOURG,"
    edit(content, (old, f"{members}{old}"))
    assert problems(content) == [
        "content.yaml:67:13: sections.cities.blocks[2].links.items: too many items: 105 (at most 100)"
    ]


def test_a_flood_of_problems_is_cut_short(content: Path):
    content.write_text("".join(f"key{n}: x\n" for n in range(300)), encoding="utf-8")
    lines = problems(content)
    assert len(lines) == 51
    assert lines[-1] == "… and 254 more problems"


# -- the command line ------------------------------------------------------------


def test_cli_prints_every_problem_on_stderr_and_exits_2(content: Path, capsys):
    edit(content, (KONTAKT, ""), (PHONE, "        phone: ask the office"))
    status = main(["build", "content.yaml"])
    captured = capsys.readouterr()
    assert status == ExitStatus.INVALID_INPUT
    assert captured.out == ""
    assert captured.err == (
        "content.yaml:82:11: sections.contact[0].heading.text: missing translation 'de'\n"
        "content.yaml:101:16: sections.contact[4].contact.phone: "
        "not a phone number (digits, spaces and + ( ) . / -): 'ask the office'\n"
    )
    assert not Path("out").exists()


def test_cli_prints_one_problem_as_one_line(content: Path, capsys):
    edit(content, (KONTAKT, ""))
    assert main(["build", "content.yaml"]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"{MISSING_DE}\n"


def test_traceback_flag_shows_the_traceback(content: Path):
    edit(content, (KONTAKT, ""))
    with pytest.raises(InputError, match="missing translation 'de'"):
        main(["--traceback", "build", "content.yaml"])


def test_check_command_validates_its_content_too(content: Path, golden, capsys):
    edit(content, (KONTAKT, ""))
    status = main(["check", str(golden.result.print_pdf), "--content", "content.yaml"])
    assert status == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"{MISSING_DE}\n"


@pytest.mark.parametrize(
    ("written", "size"),
    [("500 KiB", 512_000), ("1 mb", 1_000_000), ("1.5 MB", 1_500_000), ("300000", 300_000), ("300000 B", 300_000)],
)
def test_the_email_size_budget_is_written_as_any_option_takes_it(content: Path, written: str, size: int):
    with content.open("a", encoding="utf-8") as file:
        file.write(f"\nemail_edition:\n  max_size: {written}\n")
    assert load_content(content).data["email_edition"]["max_size"] == size


def test_an_email_size_budget_that_is_no_size_names_the_forms(content: Path):
    lines = len(content.read_text(encoding="utf-8").splitlines())
    with content.open("a", encoding="utf-8") as file:
        file.write("\nemail_edition:\n  max_size: 1 megabyte\n")
    assert problems(content) == [
        f"content.yaml:{lines + 3}:13: email_edition.max_size: not a file size: '1 megabyte' (write it in bytes,"
        " or B, kB, MB, GB, KiB, MiB or GiB in any case: e.g. 300000, 800 kB, 1.5 MB, 1 MiB)"
    ]
