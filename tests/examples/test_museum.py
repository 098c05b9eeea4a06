"""The museum example: an A5 bifold in German and English that builds every edition without a finding,
prints the credit of each photo, and frames its bleeding cover photo by the photo's ratio."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from brochure.commands.build import BuildResult
from brochure.content.load import load_content
from brochure.files.svgfiles import check_svg
from brochure.preflight.pdffacts import PdfFacts, read_pdf

MUSEUM = Path(__file__).resolve().parents[2] / "brochure" / "examples" / "museum"
A5_WIDTH = 148.5


pytestmark = pytest.mark.xdist_group("examples")  # with test_examples, which builds it too


@pytest.fixture(scope="module")
def built(example_build) -> BuildResult:
    return example_build("museum").result


@pytest.fixture(scope="module")
def printed(built: BuildResult) -> PdfFacts:
    return read_pdf(built.print_pdf)


def words(facts: PdfFacts, page: int, x0: float) -> str:
    """The text of the panel whose left edge is at `x0` on `page`, its spaces plain ones."""
    return " ".join(facts.text_in(page, x0, x0 + A5_WIDTH).replace("\xa0", " ").split())


def test_the_museum_loads_without_a_warning_on_the_a5_bifold(caplog):
    with caplog.at_level(logging.WARNING):
        content = load_content(MUSEUM / "content.yaml")
    assert not content.warnings and caplog.records == []
    assert content.layout.name == "bifold-a4"
    assert content.languages == ["de", "en"]


def test_every_edition_of_the_museum_builds_without_an_error_or_a_warning(built: BuildResult):
    assert [result.edition for result in built.editions] == ["print", "email", "previews", "mailing"]
    for result in built.editions:
        checked = result.edition != "previews"  # the previews show the checked print PDF: nothing of their own
        assert (result.report is not None and result.report.findings == ()) == checked, result.edition
        assert result.written


def test_the_inside_spread_faces_its_translations(printed: PdfFacts):
    left, right = words(printed, 2, 0), words(printed, 2, A5_WIDTH)
    assert "Willkommen im Museum" in left and "Welcome" not in left
    assert "Welcome to the museum" in right and "Willkommen" not in right


def test_each_photo_prints_its_author_and_licence(printed: PdfFacts):
    cover = words(printed, 1, A5_WIDTH)
    assert "Sander Klootwijk" in cover and "CC BY-SA 4.0" in cover
    for x0 in (0, A5_WIDTH):  # the studio photo, in each language
        inside = words(printed, 2, x0)
        assert "Freespace" in inside and "CC BY 4.0" in inside


def test_the_bleeding_cover_photo_is_framed_by_its_ratio_and_prints_at_300_ppi(printed: PdfFacts):
    (photo,) = [image for image in printed.pages[0].images if image.x > A5_WIDTH]
    # ratio 5:3 of the panel's trimmed width, plus the bleed above it: the photo, cropped to its
    # frame's width, is drawn as tall as the frame (it would be 113 mm tall without the ratio).
    assert photo.drawn[1] == pytest.approx(A5_WIDTH * 3 / 5 + 3, abs=0.05)
    assert photo.ppi >= 300


def test_the_drawings_are_svgs_brochure_reads():
    for name in ("map-access.svg", "logo-museum.svg"):
        check_svg((MUSEUM / "assets" / name).read_bytes())
