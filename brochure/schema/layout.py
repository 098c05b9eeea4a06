"""The schema of layout.yaml: the sheet, its panels, and the rules that tie them together.

Read top to bottom, this is the reference of a layout file. Besides each value's own
rule, a layout is refused when its panel ids repeat, its panels do not fill the sheet,
a margin lies inside the safe margin, `reading_order` does not name every panel once, or
a section is placed by two panels of the same language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from brochure.files.layouts import NAME, NAME_RULE
from brochure.schema.base import INVALID, Context, Field, ListOf, Section, expected, join, key_node, short
from brochure.schema.fields import Checked, Choice, LanguageCode, Text
from brochure.schema.jsonparts import string_schema
from brochure.schema.theme import ThemeSchema, asset_file

TOLERANCE_MM = 0.01  # how far the panels' widths may add up away from the sheet's
MAX_LENGTH_MM = 2000.0  # larger than any sheet a press takes


@dataclass(frozen=True)
class Placement:
    """A section named in a panel's `sections`, where it is named."""

    section: str
    panel: str
    lang: str | None
    node: yaml.Node
    path: str


@dataclass
class LayoutContext(Context):
    """What a layout's validation collects on its way: the values later rules compare against."""

    sheet_width: float | None = None
    safe_margin: float | None = None
    panel_ids: dict[str, yaml.Node] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)  # panel id → role
    placements: list[Placement] = field(default_factory=list)
    pages_valid: bool = False  # the panels are known and sound; reading_order is judged against them


class Length(Field):
    """A length in mm: a number, at least `minimum`."""

    def __init__(self, *, minimum: float = 0.0, positive: bool = False, required: bool = True) -> None:
        super().__init__(required=required)
        self.minimum = minimum
        self.positive = positive

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ctx.report(node, path, expected("a length in mm", value, node))
            return INVALID
        if self.positive and value <= 0:
            ctx.report(node, path, f"must be more than 0 mm, not {value:g}")
            return INVALID
        if not self.minimum <= value <= MAX_LENGTH_MM:
            ctx.report(node, path, f"{value:g} mm is out of range ({self.minimum:g} to {MAX_LENGTH_MM:g} mm)")
            return INVALID
        return float(value)

    def json_schema(self) -> dict[str, Any]:
        low = {"exclusiveMinimum": 0} if self.positive and self.minimum <= 0 else {"minimum": self.minimum}
        return {"type": "number", **low, "maximum": MAX_LENGTH_MM}


class Name(Checked):
    """An id that names a page or panel (a panel's id also names its HTML elements)."""

    rule = f"not an id ({NAME_RULE})"
    pattern = NAME.pattern

    def valid(self, value: str) -> bool:
        return bool(NAME.match(value))


class PanelId(Name):
    """A panel's id, unique in the layout."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: LayoutContext) -> Any:
        value = super().check(node, value, path, ctx)
        if value is INVALID:
            return INVALID
        if value in ctx.panel_ids:
            ctx.report(
                node, path, f"duplicate panel id {value!r} (first at line {ctx.panel_ids[value].start_mark.line + 1})"
            )
            return INVALID
        ctx.panel_ids[value] = node
        return value


class SectionName(Name):
    """The name of a content section a panel prints; the content names its sections."""

    rule = f"not a section name ({NAME_RULE})"


class Count(Field):
    """A whole number from `minimum` to `maximum`."""

    def __init__(self, minimum: int, maximum: int, *, required: bool = False) -> None:
        super().__init__(required=required)
        self.minimum = minimum
        self.maximum = maximum

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not self.minimum <= value <= self.maximum:
            ctx.report(node, path, f"expected a whole number from {self.minimum} to {self.maximum}, got {short(value)}")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


class Hyphenation(Section):
    """Where a word may be hyphenated, in characters (the stylesheet's `hyphenate-limit-chars`)."""

    min_word = Count(2, 40)
    """Shorter words are never hyphenated (default 9)."""
    before = Count(1, 20)
    """At least this many characters before the break (default 5)."""
    after = Count(1, 20)
    """At least this many characters after the break (default 4)."""
    zone = Length(required=False)
    """A line is hyphenated only when breaking it before the word would leave more than this
    much room at its end, in mm (`hyphenate-limit-zone`; default 0: whenever it helps)."""
    max_lines = Count(1, 20)
    """At most this many hyphenated lines in a row (default 2). The build keeps a word of a
    longer run whole (WeasyPrint has no `hyphenate-limit-lines`); the `hyphenation` check
    warns about any run it could not break up."""


class Percentage(Field):
    """A share in %, written with its sign, e.g. `95%` or `-1 %`, from `low` to `high`."""

    def __init__(self, low: float, high: float, example: str) -> None:
        super().__init__(required=False)
        self.low = low
        self.high = high
        self.example = example

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        match = _PERCENTAGE.match(value) if isinstance(value, str) else None
        if match is None:
            ctx.report(node, path, f"not a percentage: {short(value)} (write it as e.g. {self.example})")
            return INVALID
        number = float(match[1].replace("\u2212", "-"))
        if not self.low <= number <= self.high:
            ctx.report(node, path, f"{number:g} % is out of range ({self.low:g} % to {self.high:g} %)")
            return INVALID
        return number

    def json_schema(self) -> dict[str, Any]:
        return string_schema(_PERCENTAGE.pattern, f"not a percentage (write it as e.g. {self.example})")


_PERCENTAGE = re.compile(r"^\s*([-\u2212]?\d+(?:\.\d+)?)\s*%\s*$")


class Fitting(Section):
    """How far the build may set a panel's text tighter when it overflows, smallest change first."""

    leading = Percentage(80, 100, "95%")
    """The line height, down to this share of its set value (default 100%: never less)."""
    tracking = Percentage(-5, 0, "-1%")
    """The letter-spacing, down to this share of an em (default 0%: never tighter)."""


class Sheet(Section):
    """The trim size of the flat sheet."""

    width = Length(positive=True)
    height = Length(positive=True)

    def check(self, node: yaml.Node, value: Any, path: str, ctx: LayoutContext) -> Any:
        result = super().check(node, value, path, ctx)
        if result is not INVALID and isinstance(result.get("width"), float):
            ctx.sheet_width = result["width"]
        return result


class SafeMargin(Length):
    """The distance text keeps from the trim and the folds; the margins compare against it."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: LayoutContext) -> Any:
        result = super().check(node, value, path, ctx)
        if result is not INVALID:
            ctx.safe_margin = result
        return result


class Margins(Section):
    """The content box of every panel, from the panel's edges; each at least the safe margin."""

    top = Length()
    right = Length()
    bottom = Length()
    left = Length()

    def check(self, node: yaml.Node, value: Any, path: str, ctx: LayoutContext) -> Any:
        result = super().check(node, value, path, ctx)
        if result is INVALID or ctx.safe_margin is None:
            return result
        for side, length in result.items():
            if isinstance(length, float) and length < ctx.safe_margin:
                message = f"{length:g} mm is inside the safe margin of {ctx.safe_margin:g} mm"
                ctx.report(key_node(node, side), join(path, side), message)
        return result


class PanelMargins(Margins):
    """A panel's own left and right margins, in place of the layout's; each at least the safe margin.
    Facing panels of different widths are given one measure this way."""

    left = Length(required=False)
    right = Length(required=False)


ROLES = ("cover", "back", "inside", "flap")


class Panel(Section):
    """One panel: its id, its role in the folded leaflet, its width, the sections it prints and,
    if it prints one, its language."""

    id = PanelId()
    role = Choice(*ROLES)
    """What the panel is once folded: the cover (what a reader sees first), the back (seen when the
    leaflet is turned over), a flap (folded in, seen on opening) or an inside panel."""
    width = Length(positive=True)
    sections = ListOf(SectionName(), required=False)
    """The section names it prints by default (a content's `panels` may name others); default: its id."""
    lang = LanguageCode(required=False)
    """Print only this language of the content; without it, a panel prints every language."""
    fitting = Fitting(required=False)
    """This panel's fitting range, in place of the layout's `fitting`."""
    margins = PanelMargins(required=False)
    """This panel's left and right margins, in place of the layout's (its top and bottom are the layout's)."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: LayoutContext) -> Any:
        result = super().check(node, value, path, ctx)
        if result is INVALID or not isinstance(result.get("id"), str):
            return result
        if isinstance(result.get("role"), str):
            ctx.roles[result["id"]] = result["role"]
        if "sections" not in result:
            result["sections"] = [result["id"]]
            return result
        if not isinstance(result["sections"], list):
            return result
        items = key_node(node, "sections").value
        for index, (section, item) in enumerate(zip(result["sections"], items, strict=True)):
            if section is not INVALID:
                where = f"{join(path, 'sections')}[{index}]"
                ctx.placements.append(Placement(section, result["id"], result.get("lang"), item, where))
        return result


class Page(Section):
    """One side of the sheet; its panels left to right as seen when that side faces you."""

    id = Name()
    panels = ListOf(Panel())

    def check(self, node: yaml.Node, value: Any, path: str, ctx: LayoutContext) -> Any:
        result = super().check(node, value, path, ctx)
        if result is INVALID or not isinstance(result.get("panels"), list) or ctx.sheet_width is None:
            return result
        widths = [panel.get("width") for panel in result["panels"] if isinstance(panel, dict)]
        if len(widths) == len(result["panels"]) and all(isinstance(width, float) for width in widths):
            total = sum(widths)
            if abs(total - ctx.sheet_width) > TOLERANCE_MM:
                message = f"the widths add up to {total:g} mm, not the sheet's {ctx.sheet_width:g} mm"
                ctx.report(key_node(node, "panels"), join(path, "panels"), message)
        return result


DEFAULT_INK_LIMIT = 300.0  # total area coverage in %, where the press names none: what coated paper takes


class InkLimit(Field):
    """The total area coverage a press allows, in %."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 400:
            ctx.report(node, path, f"not an ink limit: {short(value)} (a number above 0 and at most 400 %)")
            return INVALID
        return float(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number", "exclusiveMinimum": 0, "maximum": 400}


DEFAULT_SMALL_TEXT = 9.0  # pt: a print shop's house rule for text in at most two inks
DEFAULT_REVERSED_TEXT = 10.0  # pt: and for text knocked out of a ground of several inks


class SmallText(Field):
    """A type size in pt, from 6 to 24."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 6 <= value <= 24:
            ctx.report(node, path, f"not a type size: {short(value)} (a number of pt from 6 to 24)")
            return INVALID
        return float(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number", "minimum": 6, "maximum": 24}


class Press(Section):
    """The print edition's printing condition."""

    condition = Text()
    """The ICC registry name of the condition, e.g. FOGRA39."""
    profile = Text()
    """The CMYK output profile, relative to the assets folder (the project's first)."""
    ink_limit = InkLimit(required=False)
    """Default 300 %; 280 % for uncoated paper."""
    small_text = SmallText(required=False)
    """Text below this size in pt prints in at most two process inks or one spot colour; default 9."""
    reversed_text = SmallText(required=False)
    """Text below this size in pt is not knocked out of a background of two inks or more; default 10.
    The stylesheet sets every text of a panel with a background colour at least this size."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        result = super().check(node, value, path, ctx)
        if result is INVALID or not isinstance(result.get("profile"), str):
            return result
        found = asset_file(result["profile"], ctx.project_dir, "profile")
        if not isinstance(found, Path):
            ctx.report(key_node(node, "profile"), join(path, "profile"), found)
            return INVALID
        file = result.pop("profile")
        return {
            **result,
            "profile": found,
            "file": file,
            "ink_limit": result.get("ink_limit", DEFAULT_INK_LIMIT),
            "small_text": result.get("small_text", DEFAULT_SMALL_TEXT),
            "reversed_text": result.get("reversed_text", DEFAULT_REVERSED_TEXT),
        }


class ReadingOrder(ListOf):
    """How a reader meets the panels of the folded leaflet: every panel id, once each."""

    def __init__(self) -> None:
        super().__init__(Name())

    def check(self, node: yaml.Node, value: Any, path: str, ctx: LayoutContext) -> Any:
        result = super().check(node, value, path, ctx)
        if result is INVALID or not ctx.pages_valid:
            return result
        seen: set[str] = set()
        reported = len(ctx.problems)
        for index, (panel_id, item) in enumerate(zip(result, node.value, strict=True)):
            if panel_id is INVALID:
                continue
            if panel_id not in ctx.panel_ids:
                ctx.report(item, f"{path}[{index}]", f"no panel {panel_id!r}")
            elif panel_id in seen:
                ctx.report(item, f"{path}[{index}]", f"panel {panel_id!r} is named twice")
            seen.add(panel_id)
        left_out = [panel_id for panel_id in ctx.panel_ids if panel_id not in seen]
        if left_out and len(ctx.problems) == reported and INVALID not in result:
            ctx.report(node, path, f"must name every panel once; left out: {', '.join(left_out)}")
        elif len(ctx.problems) == reported and INVALID not in result:
            _reading_follows_roles(ctx, node, path, result)
        return result


def _reading_follows_roles(ctx: LayoutContext, node: yaml.Node, path: str, order: list[str]) -> None:
    """A reader meets the cover first and the back last: the e-mail edition's pages follow this order."""
    covers = [panel_id for panel_id, role in ctx.roles.items() if role == "cover"]
    backs = [panel_id for panel_id, role in ctx.roles.items() if role == "back"]
    if len(covers) != 1:
        ctx.report(node, path, f"the layout needs one panel of role cover, not {len(covers)}")
    elif order[0] != covers[0]:
        ctx.report(node, path, f"must start with the cover, {covers[0]!r}: a reader meets it first")
    if len(backs) > 1:
        ctx.report(node, path, f"the layout has {len(backs)} panels of role back; the folded leaflet has one")
    elif backs and order[-1] != backs[0]:
        ctx.report(node, path, f"must end with the back, {backs[0]!r}: a reader meets it last")


class ClassName(Checked):
    """A CSS class name, as the templates give their elements."""

    rule = "not a CSS class name (a letter, _ or - first, then letters, digits, _ or -)"
    pattern = r"^-?[_a-zA-Z][_a-zA-Z0-9-]*$"

    def valid(self, value: str) -> bool:
        return bool(_CLASS_NAME.match(value))


_CLASS_NAME = re.compile(ClassName.pattern)


class Pages(ListOf):
    """The sides of the sheet; the sections they place are judged once they are valid otherwise."""

    def __init__(self) -> None:
        super().__init__(Page())

    def check(self, node: yaml.Node, value: Any, path: str, ctx: LayoutContext) -> Any:
        reported = len(ctx.problems)
        result = super().check(node, value, path, ctx)
        if len(ctx.problems) == reported:
            ctx.pages_valid = True
            _placement_problems(ctx, node)
        return result


class LayoutSchema(Section):
    """A layout file: one fold's geometry, in mm, and what it changes of the theme."""

    name = Name()
    """The layout's name: its folder's name."""
    sheet = Sheet()
    bleed = Length()
    """Printed past the trim on every side."""
    safe_margin = SafeMargin()
    """No text this close to the trim or a fold."""
    margins = Margins()
    pages = Pages()
    """The sides of the sheet, each one PDF page."""
    reading_order = ReadingOrder()
    """Every panel once, in the order a reader meets them: the cover first, the back last."""
    theme = ThemeSchema(required=False)
    """What the layout changes of brochure's theme (layouts/_base/theme.yaml): colours, fonts, type
    sizes, spacing; a content's `theme:` may change them again."""
    press = Press(required=False)
    """The print edition's printing condition; without it, no print edition can be made."""
    hyphenation = Hyphenation(required=False)
    """Hyphenation limits; without it, 9 characters a word, 5 before the break and 4 after."""
    bleeds = ListOf(ClassName(), min_items=0, required=False)
    """The CSS classes of the elements drawn into the bleed on purpose; without it, graphics
    near the trim are judged by where they end alone."""
    fitting = Fitting(required=False)
    """The fitting range of every panel that gives none of its own; without it, text that
    overflows is an error at once."""


def _placement_problems(ctx: LayoutContext, pages: yaml.Node) -> None:
    """Every section a panel names printed by that panel only, or by one panel per language."""
    by_section: dict[str, list[Placement]] = {}
    for placement in ctx.placements:
        by_section.setdefault(placement.section, []).append(placement)
    for section, placements in by_section.items():
        first = placements[0]
        by_lang = {first.lang: first}
        for placement in placements[1:]:
            clash = by_lang.get(placement.lang) or (first if None in (first.lang, placement.lang) else None)
            if clash is not None:
                also = f" in {clash.lang!r}" if clash.lang and clash.lang == placement.lang else ""
                message = f"section {section!r} is placed{also} by panel {clash.panel!r} already"
                ctx.report(placement.node, placement.path, message)
            by_lang.setdefault(placement.lang, placement)


LAYOUT = LayoutSchema()


def validate_layout(
    root: yaml.Node,
    values: dict[yaml.Node, Any],
    folder: Path,
    project_dir: Path | None,
    *,
    palette: tuple[str, ...] = (),
    disk_cache: bool = True,
) -> tuple[dict, Context]:
    """The checked layout of the document `root` in `folder`, and the context holding the problems found;
    `palette`, the names of the theme's colours, which its `theme:` may name."""
    ctx = LayoutContext(values=values, project_dir=project_dir, palette=palette, disk_cache=disk_cache)
    data = LAYOUT.validate(root, "", ctx)
    if isinstance(data.get("name"), str) and data["name"] != folder.name:
        ctx.report(key_node(root, "name"), "name", f"{data['name']!r} is not the name of its folder, {folder.name!r}")
    return data, ctx
