"""The schema of a theme: the leaflet's colours, what each does, its fonts, type sizes and spacing.

brochure's own theme (layouts/_base/theme.yaml) gives every key; a layout's `theme:` and a
content's `theme:` give any of them again, in the same shape, to change them. Read top to
bottom, this is the reference of each key. A colour a role names must be in the palette as
it stands where the role is given (the theme's, a layout's additions, a content's).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from brochure.files.fontfiles import InvalidFont, code_points
from brochure.files.layouts import NAME, NAME_RULE
from brochure.files.paths import OutsideProject, project_file
from brochure.files.resources import ASSETS_DIR
from brochure.schema.base import INVALID, Context, Field, ListOf, Section, expected, join, key_node, short
from brochure.schema.blocks import PaletteColour
from brochure.schema.fields import Choice
from brochure.schema.jsonparts import described, mapping_schema


class Measure(Field):
    """A number in `unit`, from `low` to `high`."""

    def __init__(self, unit: str, low: float, high: float) -> None:
        super().__init__(required=False)
        self.unit = unit
        self.low = low
        self.high = high

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ctx.report(node, path, expected(f"a number of {self.unit}", value, node))
            return INVALID
        if not self.low <= value <= self.high:
            ctx.report(node, path, f"{value:g} {self.unit} is out of range ({self.low:g} to {self.high:g} {self.unit})")
            return INVALID
        return float(value)


def _points() -> Measure:
    return Measure("pt", 1, 200)


def _millimetres() -> Measure:
    return Measure("mm", 0, 300)


class Cmyk(Field):
    """A colour as [c, m, y, k], each in % from 0 to 100."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (
            isinstance(value, list)
            and len(value) == 4
            and all(isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 100 for v in value)
        ):
            ctx.report(node, path, f"not a CMYK colour: {short(value)} (write it as [c, m, y, k] in %, each 0 to 100)")
            return INVALID
        return tuple(float(v) for v in value)

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "items": {"type": "number", "minimum": 0, "maximum": 100},
            "minItems": 4,
            "maxItems": 4,
        }


# The stylesheet's own custom properties (leaflet.css.j2): a colour of these names would be lost among them.
_STYLESHEET_NAMES = ("accent", "accent-text", "second", "second-text", "leading")
_STYLESHEET_PREFIXES = ("size-", "space-", "colour-", "text-")


class Palette(Field):
    """The leaflet's colours by name, each in CMYK; a name already in the palette gets the new colour.
    The names become known to the roles and blocks checked after it."""

    colour = Cmyk()

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (isinstance(node, yaml.MappingNode) and isinstance(value, dict)):
            ctx.report(node, path, expected("a mapping of colour names to [c, m, y, k]", value, node))
            return INVALID
        result = {}
        for key_item, value_item in node.value:
            name = ctx.value(key_item)
            if not (isinstance(name, str) and NAME.match(name)):
                ctx.report(key_item, join(path, name), f"not a colour name ({NAME_RULE})")
                continue
            if name in _STYLESHEET_NAMES or name.startswith(_STYLESHEET_PREFIXES):
                ctx.report(
                    key_item, join(path, name), "the stylesheet uses this name itself; call the colour otherwise"
                )
                continue
            result[name] = self.colour.validate(value_item, join(path, name), ctx)
        if ctx.palette is not None:  # None: the layout, and so the palette, is unknown
            ctx.palette = (*ctx.palette, *(name for name in result if name not in ctx.palette))
        return result

    def json_schema(self) -> dict[str, Any]:
        return mapping_schema({"pattern": NAME.pattern}, described(self.colour))


class TextBuilds(Field):
    """For a palette colour of more than two process inks, the colour text and rules of that name are
    printed in: small type and hairlines in three or four inks blur as soon as the plates are out of
    register, so the print edition sets them in this build, close in look, of at most two inks (the
    `fine-print` and `tints` checks)."""

    colour = Cmyk()

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (isinstance(node, yaml.MappingNode) and isinstance(value, dict)):
            ctx.report(node, path, expected("a mapping of palette colours to [c, m, y, k]", value, node))
            return INVALID
        result = {}
        for key_item, value_item in node.value:
            name = PaletteColour().validate(key_item, join(path, str(ctx.value(key_item))), ctx)
            build = self.colour.validate(value_item, join(path, str(ctx.value(key_item))), ctx)
            if name is not INVALID and build is not INVALID:
                result[str(name)] = build
        return result

    def json_schema(self) -> dict[str, Any]:
        return mapping_schema({"pattern": NAME.pattern}, described(self.colour))


class Roles(Section):
    """What each colour does, by palette name."""

    text = PaletteColour()
    """Running text, and all type below 7 pt (keep it one ink: 100 % K)."""
    second_text = PaletteColour()
    """Text in the second and later languages."""
    accent_1 = PaletteColour()
    """The first language's panel titles, bullets and figures."""
    accent_2 = PaletteColour()
    """The second language's."""
    accent_3 = PaletteColour()
    """The third language's."""
    accent_4 = PaletteColour()
    """The fourth language's."""
    label = PaletteColour()
    """Names and labels: a contact's name, link names, times, item titles."""
    subtitle = PaletteColour()
    """The line under the cover title."""
    group = PaletteColour()
    """Group headings (a heading of level 3)."""
    icon = PaletteColour()
    """The icons of an items block that gives no colour of its own."""
    rule = PaletteColour()
    """Hairlines between blocks and between sections."""
    muted = PaletteColour()
    """A web address under a name."""
    stripes = ListOf(PaletteColour(), min_items=4, max_items=4, required=False)
    """The four colours of the rule under each panel title, left to right; they also mark the items of a link list."""


class Scale(Section):
    """Type sizes, in pt."""

    body = _points()
    """Running text."""
    small = _points()
    """A text of style small: fine print, photo acknowledgements."""
    lead = _points()
    """A text of style lead: the opening words."""
    claim = _points()
    """A text of style lead on the cover: the claim under the title."""
    heading_1 = _points()
    """The cover title (a heading of level 1)."""
    heading_2 = _points()
    """A panel title (level 2)."""
    heading_3 = _points()
    """A group heading (level 3)."""
    kicker = _points()
    """The line over the cover title."""
    subtitle = _points()
    """The line under the cover title."""
    figure = _points()
    """A figure's number."""
    caption = _points()
    """A figure's label, a picture's caption."""
    credit = _points()
    """A photo's credit."""
    label = _points()
    """A name in a link list."""
    web = _points()
    """A web address set on its own: a contact's, a link without a name, an action's."""
    item_title = _points()
    """The title of an item."""
    date = _points()
    """When an event takes place."""
    quote = _points()
    """A quote."""
    action = _points()
    """The label of a call to action."""


class Spacing(Section):
    """Distances, in mm."""

    block = _millimetres()
    """Between two blocks."""
    translation = _millimetres()
    """Between a text or list and its translation."""
    rule_above = _millimetres()
    """Above a rule between parts: a divider, the rule between language stacks."""
    rule_below = _millimetres()
    """Below such a rule."""
    rule_weight = _millimetres()
    """The thickness of a hairline rule."""
    title_band = _millimetres()
    """The height of the panel title band: titles sit on its foot, so that they line up across the sheet."""
    after_title = _millimetres()
    """Below the title band."""
    before_lead = _millimetres()
    """Above a lead text."""
    after_group = _millimetres()
    """Below a group heading."""


class FontFamily(Field):
    """A font family's name, as the stylesheet quotes it: letters, digits, spaces, - and _."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (isinstance(value, str) and _FAMILY.match(value)):
            ctx.report(node, path, f"not a font family name (letters, digits, spaces, '-' and '_'): {short(value)}")
            return INVALID
        return value


_FAMILY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$")


class FontPath(Field):
    """A font file, relative to the assets folder."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (isinstance(value, str) and value.strip()):
            ctx.report(node, path, expected("a file path", value, node))
            return INVALID
        return value


class Font(Section):
    """A font file and the CSS descriptors it is used under."""

    family = FontFamily()
    weight = Choice(100, 200, 300, 400, 500, 600, 700, 800, 900, required=False)
    """Default 400."""
    style = Choice("normal", "italic", required=False)
    """Default normal."""
    file = FontPath()
    """Relative to the assets folder: the project's assets/ first, then brochure's own. A TrueType,
    OpenType, WOFF or WOFF2 font with a Unicode character map."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        result = super().check(node, value, path, ctx)
        if result is not INVALID and isinstance(result.get("file"), str):
            found = asset_file(result["file"], ctx.project_dir, "font")
            if not isinstance(found, Path):
                ctx.report(key_node(node, "file"), join(path, "file"), found)
                return result
            result["path"] = found
            try:  # read now: a theme may bring a font of its own, and the glyphs check needs its code points
                result["code_points"] = code_points(found, keep=ctx.disk_cache)
            except InvalidFont as exc:
                ctx.report(key_node(node, "file"), join(path, "file"), f"{found}: not a font brochure can use: {exc}")
        return result


def asset_file(file: str, project_dir: Path | None, kind: str) -> Path | str:
    """The font or profile file `file` names in the assets folders (the project's first), or what is wrong with it."""
    roots = [project_dir / "assets", ASSETS_DIR] if project_dir else [ASSETS_DIR]
    for root in roots:
        try:
            path = project_file(root, file)
        except OutsideProject as exc:
            return f"{short(file)} {str(exc).replace('project folder', 'assets folder')}"
        if path.is_file():
            if root != ASSETS_DIR and not path.is_relative_to(project_dir.resolve()):  # assets/ itself links out
                return f"{short(file)} leads outside the project folder (a symbolic link)"
            return path
    return f"{kind} file not found: {short(file)} (looked in {' and '.join(str(root) for root in roots)})"


class ThemeSchema(Section):
    """The leaflet's look: colours, fonts, type sizes and spacing. Each key given here replaces the
    theme's (brochure's layouts/_base/theme.yaml, then the layout's `theme:`), the rest stay."""

    palette = Palette(required=False)
    """Colours by name, each [c, m, y, k] in %; a name the palette has gets the new colour, a new name is added."""
    text_builds = TextBuilds(required=False)
    """The build of text and rules in a palette colour, [c, m, y, k] in %, two inks at most: `navy: [100, 88, 0, 0]`."""
    roles = Roles(required=False)
    """What each colour does, by palette name, e.g. `accent_1: navy`."""
    fonts = ListOf(Font(), required=False)
    """Every font the leaflet may use, in place of the theme's; the first one's family sets the text."""
    scale = Scale(required=False)
    """Type sizes in pt, e.g. `body: 9`."""
    spacing = Spacing(required=False)
    """Distances in mm, e.g. `block: 4`."""


THEME = ThemeSchema()


def validate_theme(
    root: yaml.Node, values: dict[yaml.Node, Any], project_dir: Path | None, *, disk_cache: bool = True
) -> tuple[dict, Context]:
    """brochure's own theme, checked: it must give every key (a layout and a content give only what they change)."""
    ctx = Context(values=values, project_dir=project_dir, palette=(), disk_cache=disk_cache)
    data = THEME.validate(root, "", ctx)
    for name, declared in THEME.declared.items():
        node = key_node(root, name)
        if node is None:
            ctx.report(root, name, "missing required key")
        elif isinstance(declared, Section) and isinstance(data.get(name), dict):
            for key in declared.declared:
                if key not in data[name]:
                    ctx.report(node, join(name, key), "missing required key")
    return data, ctx
