"""The theme: a leaflet's colours and what each does, its fonts, type sizes and spacing.

brochure's own theme (layouts/_base/theme.yaml, checked by `brochure.schema.theme`) gives
every value; a layout's `theme:` changes some when the layout is loaded, a content's
`theme:` some more when the content is (`Layout.themed`). Every later stage reads the
result from `Layout.theme`: the stylesheet as CSS custom properties (`custom_properties`),
the checks its fonts and colours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brochure.files.resources import BASE_TEMPLATES
from brochure.files.yamlfile import read_yaml
from brochure.schema.theme import validate_theme

THEME_FILE = BASE_TEMPLATES / "theme.yaml"

Cmyk = tuple[float, float, float, float]  # in %, each 0 to 100


@dataclass(frozen=True)
class FontFace:
    """A font file the theme declares, with the CSS descriptors it is used under."""

    family: str
    weight: int
    style: str
    path: Path
    file: str  # as the theme gives it, relative to the assets folder
    # What it has a glyph for, read when the theme was loaded (see brochure.files.fontfiles).
    code_points: frozenset[int] = field(default=frozenset(), compare=False, repr=False)


@dataclass(frozen=True)
class Theme:
    """The leaflet's look. Each mapping is by the names of the theme file: `roles` gives a palette
    name (a tuple of them for `stripes`), `scale` a size in pt, `spacing` a distance in mm."""

    palette: Mapping[str, Cmyk]
    fonts: tuple[FontFace, ...]
    roles: Mapping[str, str | tuple[str, ...]]
    scale: Mapping[str, float]
    spacing: Mapping[str, float]
    # Text's own build of a palette colour of more than two inks, by the colour's name (see the schema).
    text_builds: Mapping[str, Cmyk] = field(default_factory=dict)

    def over(self, data: Mapping[str, Any] | None) -> Theme:
        """This theme with a checked `theme:` over it: each colour, role, size and distance it gives
        replaces this one's; its fonts, if it gives any, replace all of this one's."""
        if not data:
            return self
        return Theme(
            palette={**self.palette, **{name: tuple(cmyk) for name, cmyk in data.get("palette", {}).items()}},
            fonts=_faces(data["fonts"]) if "fonts" in data else self.fonts,
            roles={**self.roles, **{role: _role(value) for role, value in data.get("roles", {}).items()}},
            scale={**self.scale, **data.get("scale", {})},
            spacing={**self.spacing, **data.get("spacing", {})},
            text_builds=_text_builds(self.text_builds, data),
        )


def load_theme(project_dir: Path | None = None, *, disk_cache: bool = True) -> Theme:
    """brochure's own theme, its fonts looked up in the project's assets/ first; InputError naming
    the theme file's lines if it is broken."""
    root, values = read_yaml(THEME_FILE, "theme")
    data, ctx = validate_theme(root, values, project_dir, disk_cache=disk_cache)
    ctx.raise_problems(str(THEME_FILE))
    empty = Theme(palette={}, fonts=(), roles={}, scale={}, spacing={})
    return empty.over(data)


def custom_properties(theme: Theme, colours: Mapping[str, str]) -> dict[str, str]:
    """The theme as the stylesheet's custom properties, by name without the leading `--`: each
    palette colour by its name (its CSS value in `colours`, the colour text is set in as
    `text-<name>`, a rule as `rule-<name>`), each role's colour as `colour-<role>` (`colour-stripe-1`
    … for the stripes), the colour of its text as `text-colour-<role>` and of its rules as
    `rule-colour-<role>`, each size as `size-<name>` in pt, each
    distance as `space-<name>` in mm."""
    properties = dict(colours)
    for role, value in theme.roles.items():
        if isinstance(value, tuple):
            singular = role.removesuffix("s")
            properties.update({_css(f"colour-{singular}-{n}"): colours[name] for n, name in enumerate(value, 1)})
        else:
            properties[_css(f"colour-{role}")] = colours[value]
            properties[_css(f"text-colour-{role}")] = colours.get(f"text-{value}", colours[value])
            properties[_css(f"rule-colour-{role}")] = colours.get(f"rule-{value}", colours[value])
    properties.update({_css(f"size-{name}"): f"{size:g}pt" for name, size in theme.scale.items()})
    properties.update({_css(f"space-{name}"): f"{length:g}mm" for name, length in theme.spacing.items()})
    return properties


def _text_builds(builds: Mapping[str, Cmyk], data: Mapping[str, Any]) -> dict[str, Cmyk]:
    """The text builds with `data` over them: a palette colour `data` changes loses the build of the
    colour it was, unless `data` gives a new one (text in the new colour is then its own build)."""
    kept = {name: cmyk for name, cmyk in builds.items() if name not in data.get("palette", {})}
    return {**kept, **{name: tuple(cmyk) for name, cmyk in data.get("text_builds", {}).items()}}


def _css(name: str) -> str:
    return name.replace("_", "-")


def _role(value: str | list[str]) -> str | tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else value


def _faces(fonts: list[dict[str, Any]]) -> tuple[FontFace, ...]:
    return tuple(
        FontFace(
            font["family"],
            font.get("weight", 400),
            font.get("style", "normal"),
            font["path"],
            font["file"],
            font["code_points"],
        )
        for font in fonts
    )
