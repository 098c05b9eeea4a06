"""Where a finding is in the content: the field its message names, else its panel's section, and the line."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT

from brochure.content import load_content
from brochure.preflight import Finding, Severity
from brochure.preflight.located import content_root, locate

LINES = (ROOT / "content.yaml").read_text(encoding="utf-8").splitlines()


def line_of(text: str, after: int = 0) -> int:
    """The 1-based line of the content that holds `text`, the first after line `after`."""
    return next(number for number, line in enumerate(LINES, start=1) if number > after and text in line)


def test_a_field_the_message_names_is_found_whichever_way_its_section_is_written():
    root = content_root(ROOT / "content.yaml")
    # `about` holds its blocks under `blocks:`; a check names the block as `sections.about[0]`.
    finding = Finding("overflow", Severity.ERROR, "sections.about[0].heading.text.de is missing from the PDF: 'Was'")
    location = locate(finding, root)
    assert (location.field, location.line, location.named) == (
        "sections.about[0].heading.text.de",
        line_of("de: Was ist QuattroPole?"),
        True,
    )
    assert location.where(ROOT / "content.yaml") == f"content.yaml:{location.line}:{location.column}"


def test_a_finding_that_names_no_field_is_at_the_section_its_panel_prints():
    root, layout = content_root(ROOT / "content.yaml"), load_content(ROOT / "content.yaml").layout
    finding = Finding("safe-zone", Severity.ERROR, "265 glyphs within 4 mm of the bottom trim", 2, "inside-middle")
    location = locate(finding, root, layout)
    assert (location.field, location.named) == ("sections.fields_of_action", False)
    assert location.line == line_of("fields_of_action:", after=line_of("sections:")) + 1  # its value, on the next line
    # Words with dots that no field has (a file name, a web address) are not taken for one.
    named = Finding("links", Severity.ERROR, "out/print.pdf: the link to www.example.org fails", 2, "inside-middle")
    assert locate(named, root, layout).field == "sections.fields_of_action"


def test_nothing_is_located_without_a_content_or_a_panel(tmp_path: Path):
    broken = tmp_path / "content.yaml"
    broken.write_text("title: [oops\n", encoding="utf-8")
    finding = Finding("overflow", Severity.ERROR, "sections.about[0].heading.text.de is missing", 1, "cover")
    assert content_root(broken) is None and locate(finding, None) is None
    root = content_root(ROOT / "content.yaml")
    assert locate(Finding("metadata", Severity.ERROR, "the PDF has no title"), root, None) is None
    assert locate(Finding("panel-order", Severity.ERROR, "missing", None, "no-such-panel"), root, None) is None
