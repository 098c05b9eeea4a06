"""Every fold is layout data: each built-in layout builds the QuattroPole content and is checked."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from brochure import CheckFailed, ExitStatus
from brochure.commands.build import build
from brochure.commands.cli import main
from brochure.files.resources import LAYOUTS_DIR
from brochure.preflight import Severity
from brochure.preflight.pdffacts import read_pdf

PT = 72 / 25.4


# Where each layout prints the QuattroPole sections: the fields of action face each other in French and
# German where two inside panels stand side by side; the A5 fold prints both languages on one page.
PANELS = {
    "trifold-z": {
        "cover": ["cover"],
        "inside-left": {"sections": ["fields_of_action"], "lang": "fr"},
        "inside-middle": {"sections": ["fields_of_action"], "lang": "de"},
        "outside-left": ["about"],
        "outside-middle": ["cities"],
        "back": ["contact"],
    },
    "bifold-a4": {
        "cover": ["cover"],
        "inside-left": ["about"],
        "inside-right": ["fields_of_action"],
        "back": ["cities", "contact"],
    },
}


def with_layout(project: Path, name: str) -> Path:
    path = project / "content.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["layout"] = name
    data["panels"] = PANELS[name]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_layouts_lists_every_layout_with_its_sheet_and_panels(capsys, tmp_path: Path):
    assert main(["layouts", "--project", str(tmp_path)]) == ExitStatus.OK
    assert capsys.readouterr().out.splitlines() == [
        "bifold-a4: 297 × 210 mm, bleed 3 mm, 4 panels; "
        "side 1: back 148.5, cover 148.5 | side 2: inside-left 148.5 (inside), inside-right 148.5 (inside)",
        "trifold-roll: 297 × 210 mm, bleed 3 mm, 6 panels; "
        "side 1: flap 97, back 100, cover 100 | "
        "side 2: inside-left 100 (inside), inside-middle 100 (inside), inside-right 97 (inside)",
        "trifold-z: 297 × 210 mm, bleed 3 mm, 6 panels; "
        "side 1: outside-left 99 (inside), outside-middle 99 (inside), cover 99 | "
        "side 2: inside-left 99 (inside), inside-middle 99 (inside), back 99",
    ]


def test_the_layouts_differ_only_in_their_layout_yaml():
    for name in ("trifold-roll", "trifold-z", "bifold-a4"):
        assert sorted(p.name for p in (LAYOUTS_DIR / name).iterdir()) == ["layout.yaml"]


def test_the_z_fold_builds_the_leaflet_on_three_equal_panels(project: Path):
    result = build(with_layout(project, "trifold-z"), project / "out", ["print", "email"])
    assert all(edition.report.findings == () for edition in result.editions)
    facts = read_pdf(result.print_pdf)
    assert [facts.destinations[f"panel-{p}"][:2] for p in ("outside-left", "outside-middle", "cover")] == [
        (1, pytest.approx(0, abs=0.1)),
        (1, pytest.approx(99, abs=0.1)),
        (1, pytest.approx(198, abs=0.1)),
    ]
    email = read_pdf(result.edition("email").written[0].path)
    assert {round(page.boxes["trim"][2], 1) for page in email.pages} == {99.0}


def test_the_a5_fold_reports_honestly_what_does_not_fit(project: Path):
    with pytest.raises(CheckFailed) as caught:
        build(with_layout(project, "bifold-a4"), project / "out", ["print"])
    errors = [f for f in caught.value.report.findings if f.severity is Severity.ERROR]
    # The back page holds the cities and the contact; the inside right page the fields of action in both
    # languages: more than an A5 page holds, so text runs off the foot and graphics end close to it: one
    # error a page, the overflow, which says what runs past the foot. The cover's artwork bleeds, on any fold.
    assert {(f.check, f.panel): f.message for f in errors} == {
        ("overflow", "back"): "content overflows by 184.0 mm; content.yaml:77:7: sections.cities.blocks[3] (a figures "
        "block of 4 items) is past the foot of the panel: move a block or a section to another panel",
        ("overflow", "inside-right"): "content overflows by 91.5 mm; content.yaml:222:5: sections.fields_of_action[6] "
        "(an items block of 3 items) is past the foot of the panel: move a block or a section to another panel",
    }
    assert caught.value.report.pages == 2
    assert not (project / "out" / "quattropole-print.pdf").exists()


def test_marks_on_the_command_line_lie_outside_the_bleed(project: Path, capsys):
    outdir = project / "out"
    args = ["build", str(project / "content.yaml"), "-o", str(outdir), "--only", "print", "--marks", "crop,fold"]
    assert main(args) == ExitStatus.OK
    page = PdfReader(outdir / "quattropole-print.pdf").pages[0]
    bleed, media = page.bleedbox, page.mediabox
    assert float(page.trimbox.left) == 0 and float(bleed.left) == pytest.approx(-3 * PT, abs=0.01)
    assert float(media.left) < float(bleed.left) and float(media.right) > float(bleed.right)


def test_an_unknown_mark_is_one_line_exit_2(project: Path, capsys):
    assert main(["build", str(project / "content.yaml"), "--marks", "crop,bleed"]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == "--marks: unknown mark 'bleed'; choose from crop, fold or none\n"
