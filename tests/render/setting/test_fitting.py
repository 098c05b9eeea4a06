"""Fitting: a panel that overflows is set a little tighter within its layout's range, or rejected
with the field that ends it and about how many characters to cut."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from projects import block, edit_content, override_layout

import brochure.render.pdf
from brochure import CheckFailed, ExitStatus, load_layout
from brochure.commands.build import build
from brochure.commands.cli import main
from brochure.editions import BuildSettings
from brochure.preflight import Severity
from brochure.render.setting.fitting import Fit, Fitted, _Search, fit_panels, fitting_ranges, settings
from brochure.sheet.layout import FittingRange

KULTUR = ("fields_of_action", 4, 1)  # the German text of this item is as long as its French twin
LAST = ("fields_of_action", 6, 2)  # the item that ends both fields-of-action panels


def lengthen_german(where: tuple[str, int, int], words: str):
    section, index, item = where

    def change(data) -> None:
        text = block(data, section, index)["items"][item]["text"]
        text["de"] = f"{text['de']} {words}"

    return change


# Two lines more on the German side: its column runs one line (3.6 mm) past the foot of its box.
ONE_LINE_OVER = lengthen_german(
    KULTUR, "sowie durch gemeinsame Festivals, Ausstellungen und den Austausch von Künstlerinnen und Künstlern"
)
FIVE_LINES_OVER = lengthen_german(
    LAST,
    "und regionale Wertschöpfungsketten in der Großregion, damit Bürgerinnen und Bürger davon profitieren, "
    "sowie gemeinsame Beschaffung, Schulungen für Verwaltungen und ein jährliches Forum der vier Städte, "
    "auf dem Betriebe, Vereine und Hochschulen ihre Erfahrungen austauschen und gemeinsame Projekte der "
    "Bürgerbeteiligung planen",
)


def overflow_errors(report):
    return [f for f in report.findings if f.check == "overflow" and f.severity is Severity.ERROR]


# -- the settings a range allows, and how a fitted panel is set and said --------------------------


def test_a_range_is_tried_smallest_change_first():
    assert settings(FittingRange(leading=95, tracking=-1)) == [
        Fit(99),
        Fit(98),
        Fit(97),
        Fit(96),
        Fit(95),
        Fit(95, -0.5),
        Fit(95, -1),
    ]
    assert settings(FittingRange(leading=97.5)) == [Fit(99), Fit(98), Fit(97.5)]
    assert settings(FittingRange(tracking=-0.5)) == [Fit(100, -0.5)]
    assert settings(FittingRange()) == []


def test_a_fitted_panel_is_one_rule_and_one_note():
    fitted = Fitted((("inside-right", Fit(95, -0.5)), ("back", Fit(97))))
    assert fitted.css == (
        "#panel-inside-right .panel__flow { --leading: 0.9500; letter-spacing: -0.0050em; }\n"
        "#panel-back .panel__flow { --leading: 0.9700; }"
    )
    assert fitted.notes() == (
        "inside-right: fitted with leading 95 %, tracking −0.5 %",
        "back: fitted with leading 97 %",
    )


def test_the_built_in_layouts_give_every_panel_a_range():
    for name in ("trifold-roll", "trifold-z", "bifold-a4"):
        layout = load_layout(name)
        assert fitting_ranges(layout) == {panel.id: FittingRange(95, -1) for panel in layout.panels}


def test_a_panel_may_have_a_range_of_its_own(project: Path):
    override_layout(
        project,
        yaml_from="margins: {left: 7.5, right: 7.5}}",
        yaml_to="margins: {left: 7.5, right: 7.5}, fitting: {leading: 98 %}}",
    )
    layout = load_layout("trifold-roll", project)
    assert layout.panel("inside-right").fitting == FittingRange(98, 0)
    assert layout.panel("inside-middle").fitting == FittingRange(95, -1)


# -- builds ------------------------------------------------------------------------------------------


def test_the_quattropole_leaflet_fits_as_set(golden):
    assert [result.notes for result in golden.result.editions] == [(), (), (), ()]


def test_one_line_too_many_builds_fitted_and_says_so(project: Path, capsys, monkeypatch):
    edit_content(project, ONE_LINE_OVER)
    fittings = []

    def counted(*args):
        fittings.append(args)
        return fit_panels(*args)

    monkeypatch.setattr(brochure.render.pdf, "fit_panels", counted)
    status = main(["build", str(project / "content.yaml"), "-o", str(project / "out"), "--only", "print,email"])
    out, err = capsys.readouterr()
    assert status == ExitStatus.OK, err
    # The facing columns keep one setting; the German one is the column that overflowed.
    notes = "note: inside-middle: fitted with leading 96 %\nnote: inside-right: fitted with leading 96 %\n"
    assert out.endswith("; checks: 0 errors, 2 warnings\n" + notes)
    assert "text overflows" not in err
    assert len(fittings) == 1  # the e-mail edition reuses the print's decision
    # The same content gives the same bytes, fitting included.
    again = build(project / "content.yaml", project / "again", ["print"])
    assert again.print_pdf.read_bytes() == (project / "out" / "quattropole-print.pdf").read_bytes()
    assert again.edition("print").notes == tuple(notes.replace("note: ", "").splitlines())


def test_facing_columns_are_fitted_until_they_can_be_set_level(project: Path):
    # One line more in German: the column still fits, but not once set level with its French twin.
    edit_content(project, lengthen_german(KULTUR, "sowie durch gemeinsame Festivals und Ausstellungen"))
    result = build(project / "content.yaml", project / "out", ["print"])
    assert result.edition("print").notes == (
        "inside-middle: fitted with leading 96 %",
        "inside-right: fitted with leading 96 %",
    )
    assert result.report.findings == ()  # level: no `facing` warning


def test_without_a_fitting_range_one_line_too_many_is_an_error(project: Path):
    override_layout(project, yaml_from="fitting: {leading: 95%, tracking: -1%}\n", yaml_to="")
    edit_content(project, ONE_LINE_OVER)
    with pytest.raises(CheckFailed) as caught:
        build(project / "content.yaml", project / "out", ["print"])
    (finding,) = overflow_errors(caught.value.report)
    assert finding.panel == "inside-right"
    assert finding.message.startswith("text overflows by 3.6 mm (1 line); ")
    assert caught.value.results[0].notes == ()


def test_five_lines_too_many_fail_naming_the_field_and_what_to_cut(project: Path):
    edit_content(project, FIVE_LINES_OVER)
    with pytest.raises(CheckFailed) as caught:
        build(project / "content.yaml", project / "out", ["print"])
    (finding,) = overflow_errors(caught.value.report)
    assert (finding.page, finding.panel) == (2, "inside-right")
    assert finding.message == (
        "text overflows by 20.4 mm (5 lines); content.yaml:259:15: "
        "sections.fields_of_action[6].items.items[2].text.de: cut about 270 of its 413 characters at its 82 mm measure"
    )
    line = (project / "content.yaml").read_text(encoding="utf-8").splitlines()[258]
    assert line[14:].startswith("de: Erstes grenzüberschreitendes") or line[14:].startswith("Erstes")
    assert caught.value.results[0].notes == ()  # past the range: left as set
    # The advice holds: that many characters fewer in that field, and the panel fits.
    cut = int(finding.message.split("cut about ")[1].split(" ")[0])

    def shorten(data) -> None:
        text = block(data, *LAST[:2])["items"][LAST[2]]["text"]
        text["de"] = text["de"][:-cut].rstrip()

    edit_content(project, shorten)
    assert overflow_errors(build(project / "content.yaml", project / "out", ["print"]).report) == []


def test_a_block_pushed_past_the_foot_is_named_with_how_to_make_room(project: Path):
    # An event's programme too long for its panel, which ends with the registration address and QR code:
    # no one text of it is long enough to make room, and fewer items do.
    text = {
        "fr": "Visite guidée des ateliers municipaux et rencontre avec les équipes de la ville",
        "de": "Führung durch die städtischen Werkstätten und Begegnung mit den Teams der Stadt",
    }
    about = [
        {"heading": {"text": {"fr": "Rencontre QuattroPole 2027", "de": "QuattroPole-Treffen 2027"}}},
        {"event": {"date": dt.date(2027, 3, 13), "start": "14:00", "venue": {"name": "Maison de la Grande Région"}}},
        {"programme": {"items": [{"time": f"1{n}:00", "text": text} for n in range(6)]}},
        {
            "action": {
                "url": "https://www.quattropole.org/rencontre-2027",
                "label": {"fr": "Inscription", "de": "Anmeldung"},
            }
        },
    ]
    event = {"title": about[0]["heading"]["text"], "sections": {"about": about}}
    path = project / "events" / "long-day.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(event, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CheckFailed) as caught:
        build(project / "content.yaml", project / "out", ["print"], BuildSettings(event=path))
    (finding,) = overflow_errors(caught.value.report)
    assert finding.panel == "inside-left"
    assert finding.message == (
        "content overflows by 16.5 mm; long-day.yaml:31:5: sections.about[3] (an action with its QR code) is past "
        "the foot of the panel: 1 item fewer in the programme sections.about[2] (it has 6), or move a block or a "
        "section to another panel"
    )
    assert path.read_text(encoding="utf-8").splitlines()[30][4:].startswith("action:")
    fewer = int(finding.message.split("panel: ")[1].split(" ")[0])
    event["sections"]["about"][2]["programme"]["items"][-fewer:] = []
    path.write_text(yaml.safe_dump(event, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(project / "content.yaml", project / "out", ["print"], BuildSettings(event=path))
    assert overflow_errors(result.report) == []


@pytest.mark.parametrize(("end", "searched"), [(720.0, True), (760.0, True), (2000.0, False)])
def test_an_overflow_no_setting_could_absorb_is_not_searched(end: float, searched: bool):
    # A panel 100 px from its top to its foot at 700 px, its text ending at `end`: 5 % of line height and 5 times
    # 1 % of an em could absorb at most a tenth of its content's height; a text pasted many times over is past that.
    tops = {"panel-back": 0.0, "end-back": end, "foot-back": 700.0}
    search = _Search(("back",), settings(FittingRange(leading=95, tracking=-1)), tops)
    assert (search.next() is not None) is searched
