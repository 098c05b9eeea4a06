"""Every kind of content mistake, with its exact message: file, line, column, field and what is wrong.

Each case edits a copy of the real content.yaml, so the line numbers are those of that file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import hang_guard

from brochure import ExitStatus, InputError, load_content
from brochure.commands.cli import main

DE_ENERGIE = (
    "            de: >-\n"
    "              Vernetzung der zuständigen Dienststellen und Stadtwerke im Bereich der\n"
    "              Elektromobilität und verstärkter Austausch zu den verschiedenen\n"
    "              Energiemanagementsystemen der städtischen Gebäude\n"
)


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


CASES = {
    # -- translations
    "missing translation": (
        ("    de: Kontakt\n", ""),
        ["content.yaml:49:5: contact.title: missing translation 'de'"],
    ),
    "missing translation, deep": (
        (DE_ENERGIE, ""),
        ["content.yaml:165:13: fields_of_action.groups[2].fields[0].text: missing translation 'de'"],
    ),
    "unknown language": (
        ("    de: Kontakt\n", "    de: Kontakt\n    en: Contact\n"),
        ["content.yaml:51:5: contact.title.en: unknown language 'en'; the content's languages are fr, de"],
    ),
    "one text where a translation is needed": (
        ("  title:\n    fr: Contact\n    de: Kontakt\n", "  title: Contact\n"),
        ["content.yaml:48:10: contact.title: expected a text in each language (fr:, de:), got one text for all"],
    ),
    # -- keys
    "unknown key with a suggestion": (
        ("languages: [fr, de]\n", "languages: [fr, de]\ncolour_shceme:\n  primary: '#17325c'\n"),
        ["content.yaml:11:1: colour_shceme: unknown key; did you mean 'color_scheme'?"],
    ),
    "misspelt section": (
        ("\ncities:\n", "\ncites:\n"),
        [
            "content.yaml:8:1: cities: missing required key",
            "content.yaml:32:1: cites: unknown key; did you mean 'cities'?",
        ],
    ),
    "misspelt nested key": (
        ("  wordmark: QUATTROPOLE", "  wordmak: QUATTROPOLE"),
        [
            "content.yaml:20:3: cover.wordmak: unknown key; did you mean 'wordmark'?",
            "content.yaml:20:3: cover.wordmark: missing required key",
        ],
    ),
    "unknown key without a suggestion": (
        ("  wordmark: QUATTROPOLE", "  wordmark: QUATTROPOLE\n  slogan: x"),
        ["content.yaml:21:3: cover.slogan: unknown key; the keys here are wordmark, cities, artwork, tagline, website"],
    ),
    "duplicate key": (
        ("  wordmark: QUATTROPOLE", "  wordmark: QUATTROPOLE\n  wordmark: QP"),
        ["content.yaml:21:3: cover.wordmark: duplicate key (first at line 20)"],
    ),
    "missing key": (
        ("  author: QuattroPole e.V.\n", ""),
        ["content.yaml:13:3: document.author: missing required key"],
    ),
    # -- types and empty texts
    "list for a text": (
        ("  wordmark: QUATTROPOLE", "  wordmark: [QUATTRO, POLE]"),
        ["content.yaml:20:13: cover.wordmark: expected a text, got a list"],
    ),
    "number for a text": (
        ("  phone: +352 247 80112", "  phone: +35224780112"),
        ["content.yaml:65:10: contact.phone: expected a text, got a number; put it in quotes to have it read as text"],
    ),
    "text for a section": (
        (
            "document:\n  title:\n    fr: QuattroPole – Un réseau de villes transfrontalier\n",
            "document: QuattroPole\ndocument_:\n  title:\n    fr: QuattroPole – Un réseau de villes transfrontalier\n",
        ),
        [
            "content.yaml:12:11: document: expected a mapping (title, author, date, keywords), got a text",
            "content.yaml:13:1: document_: unknown key; did you mean 'document'?",
        ],
    ),
    "text for a list": (
        (
            "  address:\n    - QuattroPole e.V. - MAISON DE LA GRANDE RÉGION\n"
            "    - 11, Boulevard J.-F. Kennedy\n    - L-4170 Esch-sur-Alzette\n",
            "  address: 11, Boulevard J.-F. Kennedy, L-4170 Esch-sur-Alzette\n",
        ),
        ["content.yaml:61:12: contact.address: expected a list, got a text"],
    ),
    "empty text": (
        ("  wordmark: QUATTROPOLE", "  wordmark: '  '"),
        ["content.yaml:20:13: cover.wordmark: must not be empty"],
    ),
    "no value": (
        ("  wordmark: QUATTROPOLE", "  wordmark:"),
        ["content.yaml:20:12: cover.wordmark: must not be empty"],
    ),
    "empty translation": (
        ("    de: Kontakt\n", "    de: ''\n"),
        ["content.yaml:50:9: contact.title.de: must not be empty"],
    ),
    "empty list": (
        ("  goals:\n    - fr: Approfondir", "  goals: []\n  _goals:\n    - fr: Approfondir"),
        [
            "content.yaml:94:10: about.goals: must not be empty",
            "content.yaml:95:3: about._goals: unknown key; did you mean 'goals'?",
        ],
    ),
    "unprintable character": (
        ("  wordmark: QUATTROPOLE", '  wordmark: "QUATTRO\\x07POLE"'),
        ["content.yaml:20:13: cover.wordmark: contains a character that cannot be printed: U+0007"],
    ),
    # -- formats
    "web address without scheme": (
        ("  website: http://www.quattropole.org\n\ncities", "  website: www.quattropole.org\n\ncities"),
        [
            "content.yaml:30:12: cover.website: not a web address (http:// or https:// and a host, "
            "e.g. https://www.example.org): 'www.quattropole.org'"
        ],
    ),
    "web address of another scheme": (
        ("      website: http://www.metz.fr", "      website: javascript:alert(1)"),
        [
            "content.yaml:41:16: cities.members[1].website: not a web address (http:// or https:// and a host, "
            "e.g. https://www.example.org): 'javascript:alert(1)'"
        ],
    ),
    "web address without a host name": (
        ("  website: http://www.quattropole.org\n\ncities", "  website: https://quattropole/\n\ncities"),
        [
            "content.yaml:30:12: cover.website: not a web address (http:// or https:// and a host, "
            "e.g. https://www.example.org): 'https://quattropole/'"
        ],
    ),
    "e-mail address without a host name": (
        ("  email: info-quattropole@granderegion.net", "  email: info-quattropole@granderegion"),
        ["content.yaml:66:10: contact.email: not an e-mail address: 'info-quattropole@granderegion'"],
    ),
    "e-mail address": (
        ("  email: info-quattropole@granderegion.net", "  email: info-quattropole@"),
        ["content.yaml:66:10: contact.email: not an e-mail address: 'info-quattropole@'"],
    ),
    "phone number": (
        ("  phone: +352 247 80112", "  phone: ask the office"),
        ["content.yaml:65:10: contact.phone: not a phone number (digits, spaces and + ( ) . / -): 'ask the office'"],
    ),
    "impossible date": (
        ("  date: 2026-11-01", "  date: 2026-13-01"),
        ["content.yaml:17:9: document.date: not a date: '2026-13-01' (write it as YYYY-MM-DD)"],
    ),
    "date as words": (
        ("  date: 2026-11-01", "  date: 1 November 2026"),
        ["content.yaml:17:9: document.date: not a date: '1 November 2026' (write it as YYYY-MM-DD)"],
    ),
    "colour": (
        ("languages: [fr, de]\n", "languages: [fr, de]\ncolor_scheme:\n  primary: navy\n"),
        ['content.yaml:12:12: color_scheme.primary: not a colour: \'navy\' (write it as "#rrggbb", e.g. "#17325c")'],
    ),
    "colour read as a comment": (
        ("languages: [fr, de]\n", "languages: [fr, de]\ncolor_scheme:\n  primary: #17325c\n"),
        [
            "content.yaml:12:11: color_scheme.primary: empty; a # starts a comment in YAML, "
            'so put the colour in quotes: "#17325c"'
        ],
    ),
    "colour that would reach the stylesheet": (
        ("languages: [fr, de]\n", "languages: [fr, de]\ncolor_scheme:\n  accent: 'red; } body { display: none'\n"),
        [
            "content.yaml:12:11: color_scheme.accent: not a colour: 'red; } body { display: none' "
            '(write it as "#rrggbb", e.g. "#17325c")'
        ],
    ),
    # -- settings
    "name that is no file name": (
        ("name: quattropole", "name: ../quattropole"),
        [
            "content.yaml:8:7: name: not a file name (lower-case letters, digits, '-' and '_', at most 64): "
            "'../quattropole'"
        ],
    ),
    "unknown layout": (
        ("layout: trifold-roll", "layout: z-fold"),
        ["content.yaml:9:9: layout: no layout 'z-fold'; the layouts are bifold-a4, trifold-roll, trifold-z"],
    ),
    "a language the layout prints is missing": (
        ("languages: [fr, de]", "languages: [fr]"),
        ["content.yaml:10:12: languages: the layout 'trifold-roll' prints a panel in 'de': add 'de'"],
    ),
    "language listed twice": (
        ("languages: [fr, de]", "languages: [fr, de, fr]"),
        ["content.yaml:10:21: languages[2]: 'fr' is listed twice"],
    ),
    "more than four languages": (
        ("languages: [fr, de]", "languages: [fr, de, en, it, es]"),
        ["content.yaml:10:12: languages: too many languages: 5 (at most 4)"],
    ),
    "language code": (
        ("languages: [fr, de]", "languages: [fr, de, Deutsch]"),
        ["content.yaml:10:21: languages[2]: not a language code (two or three lower-case letters, e.g. fr): 'Deutsch'"],
    ),
    # -- YAML itself
    "YAML syntax": (
        ("  cities: LUXEMBOURG-METZ-SAARBRÜCKEN-TRIER", "  cities: [LUXEMBOURG, METZ"),
        ["content.yaml:22:10: YAML syntax error: expected ',' or ']', but got ':'"],
    ),
    "YAML indentation": (
        ("  author: QuattroPole e.V.", "   author: QuattroPole e.V."),
        ["content.yaml:16:4: YAML syntax error: the indentation does not match the lines above"],
    ),
    "YAML indentation, a key too deep": (
        ("  wordmark: QUATTROPOLE\n  cities:", "  wordmark: QUATTROPOLE\n    cities:"),
        [
            "content.yaml:21:11: YAML syntax error: a ':' on a line that continues a text; "
            "indent a key like the keys above, or quote the text"
        ],
    ),
    "YAML tab": (
        ("  author: QuattroPole e.V.", "\tauthor: QuattroPole e.V."),
        ["content.yaml:16:1: YAML syntax error: a tab character; indent with spaces"],
    ),
    "YAML tab inside a text": (
        ("  wordmark: QUATTROPOLE", "  wordmark: QUATTRO\tPOLE"),
        ["content.yaml:20:20: YAML syntax error: a tab character; use spaces, or put the text in quotes"],
    ),
    "YAML colon inside a text": (
        ("    fr: Contact\n", "    fr: Contact: Luxembourg\n"),
        ["content.yaml:49:16: YAML syntax error: a ':' inside a text; put the text in quotes"],
    ),
    "YAML quote never closed": (
        ("  wordmark: QUATTROPOLE", '  wordmark: "QUATTROPOLE'),
        ["content.yaml:20:13: YAML syntax error: the quote opened here is never closed"],
    ),
    "YAML apostrophe inside a quoted text": (
        ("    fr: Contact\n", "    fr: 'l'adresse'\n"),
        [
            "content.yaml:49:12: YAML syntax error: more text after a closing quote; "
            "inside '…' write an apostrophe as '', or quote with \"…\""
        ],
    ),
    "YAML value that cannot be read": (
        ("  wordmark: QUATTROPOLE", "  wordmark: !!int QUATTROPOLE"),
        [
            "content.yaml:20:13: YAML error: cannot read this value: "
            "invalid literal for int() with base 10: 'QUATTROPOLE'"
        ],
    ),
    "hyphenation exception that is no word": (
        ("      - Zusammen-arbeit\n", "      - Zusammen arbeit\n"),
        [
            "content.yaml:214:9: typography.hyphenation.de[0]: "
            "not a word with its breaks as hyphens, like 'Zusammen-arbeit': 'Zusammen arbeit'"
        ],
    ),
    "hyphenation exceptions in a language the content lacks": (
        ("    fr:\n      - trans-fronta-lier\n", "    en:\n      - trans-fronta-lier\n"),
        [
            "content.yaml:208:5: typography.hyphenation.en: unknown language 'en'; the content's languages are fr, de",
            "content.yaml:208:5: typography.hyphenation: missing translation 'fr'",
        ],
    ),
    "YAML tag": (
        ("  wordmark: QUATTROPOLE", "  wordmark: !!python/object/apply:os.system [ls]"),
        [
            "content.yaml:20:13: YAML error: could not determine a constructor for the tag "
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
        ("  phone: +352 247 80112", "  phone: ask the office"),
        ("    de: Kontakt\n", ""),
        ("  wordmark: QUATTROPOLE", "  wordmak: QUATTROPOLE"),
        (DE_ENERGIE, ""),
    )
    assert problems(content) == [
        "content.yaml:20:3: cover.wordmak: unknown key; did you mean 'wordmark'?",
        "content.yaml:20:3: cover.wordmark: missing required key",
        "content.yaml:49:5: contact.title: missing translation 'de'",
        "content.yaml:64:10: contact.phone: not a phone number (digits, spaces and + ( ) . / -): 'ask the office'",
        "content.yaml:164:13: fields_of_action.groups[2].fields[0].text: missing translation 'de'",
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
    edit(content, ("  wordmark: QUATTROPOLE", "  wordmark: " + "Wort " * 39_999 + "Wort"))
    with hang_guard(60):
        assert problems(content) == [
            "content.yaml:20:13: cover.wordmark: too long: 199,999 characters (at most 20,000)"
        ]


def test_a_field_of_5000_characters_is_the_overflow_checks_business(content: Path):
    words = ("Wort " * 1000).strip()
    edit(content, ("    de: Kontakt\n", f"    de: {words}\n"))
    assert load_content(content).data["contact"]["title"]["de"] == words


def test_a_5_megabyte_file(content: Path):
    content.write_text("name: quattropole\ncredits: " + "x" * 5_000_000 + "\n", encoding="utf-8")
    with hang_guard(60):
        assert problems(content) == ["content.yaml: too large: 5 MB (a content file is at most 256 kB)"]


def test_deep_nesting(content: Path):
    content.write_text("name: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    with hang_guard(60):
        assert problems(content) == ["content.yaml:1:38: nested more than 32 levels deep"]


def test_a_word_longer_than_any_line(content: Path):
    edit(content, ("    de: Kontakt\n", "    de: " + "Kontaktadresse" * 10 + "\n"))
    assert problems(content) == [
        "content.yaml:50:9: contact.title.de: has a word of 140 characters (at most 100): "
        "'KontaktadresseKontaktadresseKontaktadres…'"
    ]


def test_too_much_text_in_all(content: Path):
    paragraph = ("Lorem ipsum dolor sit amet. " * 700).strip()  # 19,599 characters
    edit(
        content,
        ("      Depuis 2015", f"      {paragraph}\n      Depuis 2015"),
        ("      Seit 2015", f"      {paragraph}\n      Seit 2015"),
        ("      Situés en plein", f"      {paragraph}\n      Situés en plein"),
    )
    (line,) = problems(content)
    assert line.startswith("content.yaml:86:9: about.text.fr: too much text: the texts up to here add up to ")
    assert line.endswith(" characters (at most 50,000)")


def test_too_many_lines_in_all(content: Path):
    edit(content, ("    de: Kontakt\n", '    de: "' + "Zeile\\n" * 2_000 + 'Ende"\n'))
    (line,) = problems(content)
    assert line.startswith("content.yaml:50:9: contact.title.de: too many lines: the texts up to here make 2,")
    assert line.endswith(" lines (at most 2,000)")


def test_too_many_items(content: Path):
    members = "".join(f"    - name: CITY {n}\n      website: http://www.city{n}.org\n" for n in range(101))
    edit(content, ("  members:\n", f"  members:\n{members}"))
    assert problems(content) == ["content.yaml:38:5: cities.members: too many items: 105 (at most 100)"]


def test_a_flood_of_problems_is_cut_short(content: Path):
    content.write_text("".join(f"key{n}: x\n" for n in range(300)), encoding="utf-8")
    lines = problems(content)
    assert len(lines) == 51
    assert lines[-1] == "… and 259 more problems"


# -- the command line ------------------------------------------------------------


def test_cli_prints_every_problem_on_stderr_and_exits_2(content: Path, capsys):
    edit(content, ("    de: Kontakt\n", ""), ("  phone: +352 247 80112", "  phone: ask the office"))
    status = main(["build", "content.yaml"])
    captured = capsys.readouterr()
    assert status == ExitStatus.INVALID_INPUT
    assert captured.out == ""
    assert captured.err == (
        "content.yaml:49:5: contact.title: missing translation 'de'\n"
        "content.yaml:64:10: contact.phone: not a phone number (digits, spaces and + ( ) . / -): 'ask the office'\n"
    )
    assert not Path("out").exists()


def test_cli_prints_one_problem_as_one_line(content: Path, capsys):
    edit(content, ("    de: Kontakt\n", ""))
    assert main(["build", "content.yaml"]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == "content.yaml:49:5: contact.title: missing translation 'de'\n"


def test_traceback_flag_shows_the_traceback(content: Path):
    edit(content, ("    de: Kontakt\n", ""))
    with pytest.raises(InputError, match="missing translation 'de'"):
        main(["--traceback", "build", "content.yaml"])


def test_check_command_validates_its_content_too(content: Path, golden, capsys):
    edit(content, ("    de: Kontakt\n", ""))
    status = main(["check", str(golden.result.print_pdf), "--content", "content.yaml"])
    assert status == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == "content.yaml:49:5: contact.title: missing translation 'de'\n"
