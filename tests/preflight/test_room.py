"""The room a field has, measured in a print PDF: a text lengthened to a little less than its room still
fits its panel, a little more overflows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.commands.build import build
from brochure.content.load import load_content
from brochure.errors import CheckFailed
from brochure.preflight.registry import CheckContext
from brochure.preflight.room import rooms, rooms_of
from tests.projects import block, edit_content

FIELD = "sections.about.blocks[1].text.text.fr"  # the lead of inside-left, with room under it
WORDS = "Les quatre villes coopèrent pour la culture, la mobilité et le développement urbain durable. "


def test_every_printed_field_has_its_room(golden) -> None:
    found = rooms(CheckContext(layout=golden.layout, facts=golden.facts, content=golden.content))
    about = found[FIELD]
    assert about.panel == "inside-left" and about.lang == "fr"
    assert not [room.field for room in found.values() if room.overflows]  # the leaflet fits
    assert about.free_mm > 20 and about.fits > about.length + 150  # the panel has room at its foot
    # The facing panels are levelled and full: little more than their last line's rest.
    middle = found["sections.fields_of_action[2].items.items[1].text.fr"]
    assert middle.free_mm < 2 and middle.fits - middle.length < 60


@pytest.mark.parametrize("lines", [-2, 2])
def test_a_text_as_long_as_its_room_says_fits_and_a_longer_one_overflows(golden, project: Path, lines: int) -> None:
    room = rooms_of(golden.result.print_pdf, golden.content)[FIELD]
    per_line = round(room.measure_mm / 1.4)  # characters of a line of this text, at about 1.4 mm each
    length = room.fits + lines * per_line
    edit_content(project, lambda data: block(data, "about", 1)["text"].update(fr=(WORDS * 40)[:length].strip()))
    if lines > 0:
        with pytest.raises(CheckFailed, match=r"inside-left: text overflows by"):
            build(project / "content.yaml", project / "out", only=["print"])
        return
    result = build(project / "content.yaml", project / "out", only=["print"])
    assert result.editions[0].report.ok
    # and the room measured in the new PDF has shrunk by what was added
    again = rooms_of(result.print_pdf, load_content(project / "content.yaml"))[FIELD]
    assert again.length == len((WORDS * 40)[:length].strip()) and 0 <= again.fits - again.length < 3 * per_line
