"""What an overflow says: the image, the block or the word that overflows, and what would make it fit; one
error for one cause. Text to cut, and a block pushed past the foot, are tested with fitting
(tests/render/setting/test_fitting.py), where each advice is followed and the panel then fits."""

from __future__ import annotations

from pathlib import Path

import pytest
from projects import edit

from brochure import CheckFailed, ExitStatus
from brochure.commands.build import build
from brochure.commands.cli import main
from brochure.preflight import Severity

# One process builds the project the tests share.
pytestmark = pytest.mark.xdist_group("overflow-advice")

MAP = (
    "a picture overflows by 69.1 mm; content.yaml:138:7: sections.directions[1] (assets/map-access.svg) runs past "
    "the foot of the panel: a drawing less tall (it is set as wide as the column), or move the block to another panel"
)
NAME = (
    "text runs 79.3 mm past the right edge of the panel's content box; content.yaml:50:17: "
    "sections.cover.blocks[1].heading.text: 'MUSEUM LINDWERDER AN DER SAAR' cannot break: it is one of "
    "typography.names, which never break: a shorter name, or take it out of the names"
)


@pytest.fixture(scope="module")
def two_causes(tmp_path_factory: pytest.TempPathFactory) -> CheckFailed:
    """The museum example with two mistakes, built once: its map moved below a photo on the back, where it
    runs past the foot, and a cover title that is a name too wide for the cover, which never breaks."""
    project = tmp_path_factory.mktemp("advice") / "museum"
    assert main(["new", str(project), "--example", "museum"]) == ExitStatus.OK
    content = project / "content.yaml"
    for _ in ("de", "en"):
        edit(content, "sections: [welcome, studio, visit]", "sections: [welcome, visit]")
    edit(content, "back: [directions, voices, contact]", "back: [voices, studio, directions, contact]")
    edit(content, "          text: Museum Lindwerder\n", "          text: MUSEUM LINDWERDER AN DER SAAR\n")
    edit(content, "  names:\n", "  names:\n    - MUSEUM LINDWERDER AN DER SAAR\n")
    with pytest.raises(CheckFailed) as caught:
        build(content, project / "out", ["print", "email"])
    return caught.value


def errors(failed: CheckFailed, edition: str) -> dict[str, str]:
    (result,) = [result for result in failed.results if result.edition == edition]
    found = [item for item in result.report.findings if item.severity is Severity.ERROR]
    return {f"{item.panel} [{item.check}]": item.message for item in found}


@pytest.mark.parametrize("edition", ["print", "email"])
def test_each_cause_is_one_error_naming_what_overflows_and_what_would_fit(two_causes, edition):
    # Not the text that ends the panel (a phone number, to cut by 1365 characters): the map under the photo.
    # Not 3 errors for the name (the text past the edge, the title missing, glyphs past the trim) and a
    # fourth in the e-mail edition (its first page's first text not there): one, naming the name.
    assert errors(two_causes, edition) == {"back [overflow]": MAP, "cover [overflow]": NAME}


def test_the_advice_points_where_the_content_says_it(two_causes):
    lines = (Path(two_causes.results[0].rejected).parent.parent / "content.yaml").read_text().splitlines()
    assert lines[137][6:].startswith("picture:")
    assert lines[49][16:] == "MUSEUM LINDWERDER AN DER SAAR"
