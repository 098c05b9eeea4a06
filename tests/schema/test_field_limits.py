"""The schema's rules at their edges, each on a copy of a real file with one value changed: dates,
times, lengths, list sizes and the characters a field takes, with the message's
`FILE:LINE:COL: path: message` shape (line and column of the changed value)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from brochure import InputError, load_content
from brochure.content.events import event_content
from brochure.schema.base import MAX_ITEMS
from brochure.schema.blocks import MAX_BLOCKS, MAX_PROGRAMME_ITEMS
from brochure.schema.fields import MAX_TEXT_CHARS, MAX_WORD_CHARS

EVENT = ROOT / "events" / "rencontre-2027.yaml"
CONTACT_TEXT = (  # sections.contact[1].text.text, lines 81-89
    "        text:\n"
    "          fr: >-\n"
    "            Depuis 2015, le Secrétariat général de l'association QuattroPole créée en\n"
    "            2014 siège à la Maison de la Grande Région à Esch-sur-Alzette, aux côtés de\n"
    "            nombreuses institutions transfrontalières de la Grande Région.\n"
    "          de: >-\n"
    "            Seit 2015 befindet sich die Geschäftsstelle des 2014 gegründeten Vereins\n"
    "            QuattroPole e.V. im Haus der Großregion in Esch-sur-Alzette, neben anderen\n"
    "            grenzüberschreitenden Institutionen der Großregion.\n"
)
EVENT_BLOCK = "sections.about.blocks[1].event"  # where the example event's `event` block is


def test_the_limits():
    assert (MAX_TEXT_CHARS, MAX_WORD_CHARS, MAX_ITEMS, MAX_PROGRAMME_ITEMS, MAX_BLOCKS) == (20_000, 100, 100, 12, 40)


def changed(source: Path, target: Path, old: str, new: str) -> tuple[Path, str]:
    """`source` copied to `target` with `old` replaced by `new` once; and where `new`'s first line
    starts, as `LINE:COL`."""
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    start = text.index(old)
    target.write_text(text.replace(old, new), encoding="utf-8")
    line = text.count("\n", 0, start) + 1
    column = start - text.rfind("\n", 0, start)
    return target, f"{line}:{column}"


def problems(load) -> list[str]:
    with pytest.raises(InputError) as info:
        load()
    return str(info.value).splitlines()


@pytest.fixture
def content_copy(project: Path, monkeypatch) -> Path:
    monkeypatch.chdir(project)
    return Path("content.yaml")


def content_with(path: Path, old: str, new: str) -> tuple[Path, str]:
    return changed(path, path, old, new)


# -- dates: YYYY-MM-DD, a day of the calendar ---------------------------------------------------


@pytest.mark.parametrize("value", ["2028-02-29", "2027-02-28", "2027-12-31", '"2028-02-29"'])
def test_a_calendar_date_is_valid(content_copy: Path, value: str):
    content_with(content_copy, "date: 2026-11-01", f"date: {value}")
    assert str(load_content(content_copy).data["document"]["date"]) == value.strip('"')


@pytest.mark.parametrize("value", ["2027-02-29", "2027-13-01", "2027-04-31", "2027-00-10", "2027-1-01", '"27-01-01"'])
def test_a_date_not_on_the_calendar_is_refused(content_copy: Path, value: str):
    _, where = content_with(content_copy, "date: 2026-11-01", f"date: {value}")
    line, column = where.split(":")
    assert problems(lambda: load_content(content_copy)) == [
        f"content.yaml:{line}:{int(column) + 6}: document.date: not a date: '{value.strip(chr(34))}' "
        "(write it as YYYY-MM-DD)"
    ]


# -- event times: HH:MM, 00:00 to 23:59; the end after the start -------------------------------------


@pytest.fixture
def event_file(tmp_path: Path) -> Path:
    return tmp_path / "rencontre-2027.yaml"


@pytest.fixture(scope="module")
def base():
    return load_content(ROOT / "content.yaml")


def event_block(base, path: Path) -> dict:
    """The `event` block of the event file at `path`, checked over the base content."""
    return event_content(base, path).data["sections"]["about"]["blocks"][1]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ('"23:59"', "23:59"),
        ('"00:00"', "00:00"),
        ('"9:05"', "09:05"),
        ("9:05", "09:05"),
        ('"09.05"', "09:05"),
        ('"9h05"', "09:05"),
    ],
)
def test_a_time_of_day_is_valid(event_file: Path, base, written: str, read: str):
    changed(EVENT, event_file, 'start: "14:00"', f"start: {written}")
    changed(event_file, event_file, 'end: "18:30"', 'end: "23:59"' if read != "23:59" else "end:")
    assert event_block(base, event_file)["start"] == read


@pytest.mark.parametrize("written", ['"24:00"', '"23:60"', '"9:5"', '"123:00"', '"-1:00"', '"12:00 pm"', "1110"])
def test_a_time_off_the_clock_is_refused(event_file: Path, base, written: str):
    _, where = changed(EVENT, event_file, 'start: "14:00"', f"start: {written}")
    found = problems(lambda: event_content(base, event_file))
    line, column = where.split(":")
    assert found[0].startswith(f"{event_file}:{line}:{int(column) + 7}: {EVENT_BLOCK}.start: not a time of day: ")
    assert found[0].endswith(" (write it as HH:MM, e.g. 18:30)")


@pytest.mark.parametrize(("end", "refused"), [('"14:00"', True), ('"13:59"', True), ('"14:01"', False)])
def test_the_end_must_be_after_the_start(event_file: Path, base, end: str, refused: bool):
    changed(EVENT, event_file, 'end: "18:30"', f"end: {end}")
    if refused:
        assert problems(lambda: event_content(base, event_file)) == [
            f"{event_file}:24:11: {EVENT_BLOCK}: ends at {end.strip(chr(34))}, not after it starts, 14:00"
        ]
    else:
        assert event_block(base, event_file)["end"] == "14:01"


# -- how much: a text, a word, a list ------------------------------------------------------------------


def contact_text_of(length: int) -> str:
    """A text of `length` characters, in words of 9 letters."""
    words = ("abcdefghi " * (length // 10 + 1))[: length - 1] + "z"
    return f"        text: '{words}'\n"


def contact_text(path: Path) -> str:
    return load_content(path).data["sections"]["contact"]["blocks"][1]["text"]


@pytest.mark.parametrize(("length", "ok"), [(MAX_TEXT_CHARS, True), (MAX_TEXT_CHARS + 1, False)])
def test_a_text_of_at_most_20000_characters(content_copy: Path, length: int, ok: bool):
    _, where = content_with(content_copy, CONTACT_TEXT, contact_text_of(length))
    if ok:
        assert len(contact_text(content_copy)) == MAX_TEXT_CHARS
    else:
        assert problems(lambda: load_content(content_copy)) == [
            f"content.yaml:{where.split(':')[0]}:15: sections.contact[1].text.text: "
            "too long: 20,001 characters (at most 20,000)"
        ]


@pytest.mark.parametrize(("length", "ok"), [(MAX_WORD_CHARS, True), (MAX_WORD_CHARS + 1, False)])
def test_a_word_of_at_most_100_characters(content_copy: Path, length: int, ok: bool):
    word = "w" * length
    _, where = content_with(content_copy, CONTACT_TEXT, f"        text: Contact {word} end\n")
    if ok:
        assert word in contact_text(content_copy)
    else:
        assert problems(lambda: load_content(content_copy)) == [
            f"content.yaml:{where.split(':')[0]}:15: sections.contact[1].text.text: "
            f"has a word of 101 characters (at most 100): '{'w' * 40}…'"
        ]


def keywords(count: int) -> str:
    return "  keywords:\n" + "".join(f"    - k{index}\n" for index in range(count))


@pytest.mark.parametrize(("count", "ok"), [(MAX_ITEMS, True), (MAX_ITEMS + 1, False)])
def test_a_list_of_at_most_100_items(content_copy: Path, count: int, ok: bool):
    old = "  author: QuattroPole e.V.\n"
    _, where = content_with(content_copy, old, old + keywords(count))
    if ok:
        assert len(load_content(content_copy).data["document"]["keywords"]) == MAX_ITEMS
    else:
        line = int(where.split(":")[0]) + 2
        assert problems(lambda: load_content(content_copy)) == [
            f"content.yaml:{line}:5: document.keywords: too many items: 101 (at most 100)"
        ]


PROGRAMME_ITEM = (
    '            - time: "17:30"\n              text:\n'
    "                fr: Conclusions et verre de l'amitié\n                de: Ergebnisse und Umtrunk\n"
)


@pytest.mark.parametrize(("count", "ok"), [(MAX_PROGRAMME_ITEMS, True), (MAX_PROGRAMME_ITEMS + 1, False)])
def test_a_programme_of_at_most_12_items(event_file: Path, base, count: int, ok: bool):
    changed(EVENT, event_file, PROGRAMME_ITEM, PROGRAMME_ITEM * (count - 3))
    if ok:
        programme = event_content(base, event_file).data["sections"]["about"]["blocks"][2]
        assert len(programme["items"]) == MAX_PROGRAMME_ITEMS
    else:
        assert problems(lambda: event_content(base, event_file)) == [
            f"{event_file}:34:13: sections.about.blocks[2].programme.items: too many items: 13 (at most 12)"
        ]


@pytest.mark.parametrize(("count", "ok"), [(MAX_BLOCKS, True), (MAX_BLOCKS + 1, False)])
def test_a_section_of_at_most_40_blocks(content_copy: Path, count: int, ok: bool):
    _, where = content_with(content_copy, "    - divider\n", "    - divider\n" * (count - 6))  # contact has 7
    if ok:
        assert len(load_content(content_copy).data["sections"]["contact"]["blocks"]) == MAX_BLOCKS
    else:
        assert problems(lambda: load_content(content_copy)) == [
            "content.yaml:80:5: sections.contact: too many items: 41 (at most 40)"
        ]


# -- the characters a field takes ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["quattropole-2027_b", "0pole", "q" * 64])
def test_a_name_of_lower_case_letters_digits_hyphens_and_underscores(content_copy: Path, name: str):
    content_with(content_copy, "name: quattropole ", f"name: {name} ")
    assert load_content(content_copy).data["name"] == name


@pytest.mark.parametrize(
    "name", ["Quattropole", "quattro pole", "quattropolé", "-quattropole", "quattro.pole", "q" * 65]
)
def test_a_name_with_other_characters_is_refused(content_copy: Path, name: str):
    content_with(content_copy, "name: quattropole ", f"name: '{name}' ")
    shown = repr(name) if len(name) <= 40 else repr(name[:40] + "…")
    assert problems(lambda: load_content(content_copy)) == [
        f"content.yaml:9:7: name: not a file name (lower-case letters, digits, '-' and '_', at most 64): {shown}"
    ]


@pytest.mark.parametrize("phone", ["+352 247 80112", "(0)6.12/34-56", "123456", "+33 (0) 3 87 55-55.55"])
def test_a_phone_number_of_digits_spaces_and_punctuation(content_copy: Path, phone: str):
    content_with(content_copy, "phone: +352 247 80112", f"phone: '{phone}'")
    assert load_content(content_copy).data["sections"]["contact"]["blocks"][4]["phone"] == phone


@pytest.mark.parametrize("phone", ["12345", "+352 247 80112 ext", "352+247 80112", "+352#247 80112", "+352_247_80112"])
def test_a_phone_number_with_other_characters_or_too_few_digits_is_refused(content_copy: Path, phone: str):
    _, where = content_with(content_copy, "phone: +352 247 80112", f"phone: '{phone}'")
    line, column = where.split(":")
    assert problems(lambda: load_content(content_copy)) == [
        f"content.yaml:{line}:{int(column) + 7}: sections.contact[4].contact.phone: "
        f"not a phone number (digits, spaces and + ( ) . / -): {phone!r}"
    ]


def with_theme(path: Path, colour: str) -> tuple[Path, str]:
    return content_with(path, "  date: 2026-11-01", f"  date: 2026-11-01\ntheme:\n  palette:\n    navy: {colour}\n")


@pytest.mark.parametrize(
    ("colour", "read"),
    [
        ("[0, 0, 0, 100]", (0.0, 0.0, 0.0, 100.0)),
        ("[12.5, 0, 100, 0]", (12.5, 0.0, 100.0, 0.0)),
        ("[96, 66, 0, 58]", (96.0, 66.0, 0.0, 58.0)),
    ],
)
def test_a_colour_is_four_percentages_of_cmyk(content_copy: Path, colour: str, read: tuple):
    with_theme(content_copy, colour)
    assert load_content(content_copy).data["theme"]["palette"]["navy"] == read


@pytest.mark.parametrize(
    "colour", ["[0, 0, 100]", "[0, 0, 0, 0, 0]", "[0, 0, 0, 101]", "[-1, 0, 0, 0]", "[0, 0, true, 0]", '"#17325c"']
)
def test_another_colour_is_refused(content_copy: Path, colour: str):
    with_theme(content_copy, colour)
    found = problems(lambda: load_content(content_copy))
    assert len(found) == 1
    assert found[0].startswith("content.yaml:21:11: ")
    assert found[0].split(": ", 1)[1] == (
        f"theme.palette.navy: not a CMYK colour: {yaml.safe_load(colour)!r} "
        "(write it as [c, m, y, k] in %, each 0 to 100)"
    )
