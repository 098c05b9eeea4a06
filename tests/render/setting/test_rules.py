"""Rules across a fold: the back's divider sits on the flap's hairline it almost met, read back by poppler."""

from __future__ import annotations

import subprocess
from pathlib import Path

import weasyprint
from conftest import needs_tool
from PIL import Image

from brochure.render.setting.rules import SNAP_MM, _move, _Rule, divider_moves
from brochure.units import MM_PER_CSS_PX

DPI = 300
PX_PER_MM = 1 / MM_PER_CSS_PX


def rule_rows(png: Path, left_mm: float, right_mm: float) -> list[float]:
    """The rows, in mm from the image's top, where at least 80 % of the span from `left_mm` to `right_mm` is dark."""
    image = Image.open(png).convert("L")
    pixels, scale = image.load(), DPI / 25.4
    span = range(round(left_mm * scale), round(right_mm * scale), 3)
    return [y / scale for y in range(image.height) if sum(1 for x in span if pixels[x, y] < 225) >= 0.8 * len(span)]


@needs_tool("pdftoppm")
def test_the_backs_divider_lies_on_a_hairline_of_the_flap(golden, tmp_path: Path):
    # The flap's city links open on hairlines; the back's divider under its text fell 1.3 mm under one of them.
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-png", "-singlefile",
                    str(golden.result.print_pdf), str(tmp_path / "outside")], check=True)  # fmt: skip
    bleed = 3  # the page's bleed, left of the flap
    flap = rule_rows(tmp_path / "outside.png", bleed + 12, bleed + 50)
    back = rule_rows(tmp_path / "outside.png", bleed + 112, bleed + 150)
    assert len(flap) > 8 and back, (flap, back)
    assert all(any(abs(row - other) <= 0.1 for other in flap) for row in back), (flap, back)


def page(back_rule_mm: float, flap_rule_mm: float, css: str = "") -> str:
    """Two panels side by side: a flap with a hairline, a back with a divider block 6 mm under its text."""
    return f"""
    <style>@page {{ size: 200mm 100mm; margin: 0 }} body {{ margin: 0 }}
      section {{ position: absolute; top: 0; width: 100mm; height: 100mm }}
      hr {{ border: 0; border-top: 0.3mm solid black; margin: 0 }}
      .block--divider {{ margin-top: 6mm }} {css}</style>
    <section id="panel-flap" style="left: 0"><div style="height: {flap_rule_mm}mm"></div><hr></section>
    <section id="panel-back" style="left: 100mm"><div style="height: {back_rule_mm - 6}mm">text</div>
      <div class="block block--divider" id="block-back-s1b3"><hr class="divider"></div></section>
    """


def laid_out(back_rule_mm: float, flap_rule_mm: float, css: str = ""):
    return weasyprint.HTML(string=page(back_rule_mm, flap_rule_mm, css)).render()


def test_a_divider_near_a_rule_beside_it_moves_onto_it_by_its_margin():
    ((panel, css),) = divider_moves(laid_out(back_rule_mm=41.3, flap_rule_mm=40))
    assert panel == "back" and css.startswith("#block-back-s1b3 { margin-top: ")
    margin_px = float(css.split("margin-top: ")[1].removesuffix("px; }"))
    assert abs(margin_px * MM_PER_CSS_PX - (6 - 1.3)) < 0.01
    # laid out with it, it lies on the flap's rule: nothing more to move
    assert divider_moves(laid_out(back_rule_mm=41.3, flap_rule_mm=40, css=css)) == []


def test_rules_far_apart_or_on_panels_not_side_by_side_stay():
    assert divider_moves(laid_out(back_rule_mm=40 + SNAP_MM + 0.5, flap_rule_mm=40)) == []
    assert divider_moves(laid_out(back_rule_mm=40, flap_rule_mm=40)) == []


def test_a_divider_moves_up_by_at_most_half_its_margin():
    rule = _Rule("back", top=100.0, block="block-back-s1b3", margin=10.0)
    assert _move(rule, [96.0]) == -4.0
    assert _move(rule, [94.0]) is None  # 6 px up would leave less than half the margin
    assert _move(rule, [104.0, 97.0]) == -3.0  # the nearest
    assert _move(rule, [100.0 + SNAP_MM * PX_PER_MM + 1]) is None
