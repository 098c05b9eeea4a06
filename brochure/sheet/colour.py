"""Colour for print and screen: the CMYK output profile, the layout's palette in CMYK and
its sRGB twin, and images (raster and SVG) converted to CMYK through the profile.

CMYK values are in % (0–100), as printers and the theme write them. Conversions use
the ICC relative colorimetric intent, so that paper white stays paper white; raster images
add black point compensation (see `ColourProfile.image_to_cmyk`).
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from PIL import Image, ImageCms, ImageOps
from tinycss2.color5 import parse_color

from brochure.errors import InputError
from brochure.files.paths import read_file
from brochure.files.resources import ASSETS_DIR
from brochure.sheet.layout import Layout
from brochure.sheet.softmask import with_alpha
from brochure.sheet.theme import Cmyk

DEFAULT_PROFILE = ASSETS_DIR / "profiles" / "FOGRA39.icc"
_INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC
_IMAGE_FLAGS = ImageCms.Flags.BLACKPOINTCOMPENSATION  # for photos: why in ColourProfile.image_to_cmyk
# SVG presentation attributes and properties that take a colour.
_COLOUR_PROPERTIES = "fill|stroke|stop-color|flood-color|lighting-color|color"
_ATTRIBUTE = re.compile(rf"""(?<![\w:-])({_COLOUR_PROPERTIES})(\s*=\s*)(["'])(.*?)\3""", re.S)
_DECLARATION = re.compile(rf"(?<![\w-])({_COLOUR_PROPERTIES})(\s*:\s*)([^;}}\"'<>]+)")
_STYLE_ATTRIBUTE = re.compile(r"""(?<![\w:-])(style\s*=\s*)(["'])(.*?)\2""", re.S)
_STYLE_ELEMENT = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.S)
_SVG_ROOT = re.compile(r"<svg\b([^>]*)>")
# A print shop's rules for a tint, a light colour screened on every plate it uses: at most two process
# inks (three or four small dots drift in hue over a run, and fringe a hairline out of register), each
# at least the smallest dot a plate holds.
TINT_INKS = 2
MIN_DOT = 3.0  # %
LIGHT_MAX = 40.0  # %: a colour with no ink above this is a tint
INKED = 0.5  # %: less is no ink (a value written as 0.001)
SAME_INK = 5.0  # %: a palette colour's sRGB twin converted back differs from it by this much at most (navy: 4)
TEXT_CONTRAST = 4.5  # WCAG 2 AA (1.4.3): text under 18 pt
LIGHT_SURFACE = 0.75  # a palette colour this light (relative luminance) is a surface for dark text: paper, stone
DARK_SURFACE = 0.11  # one this dark is a surface for light text: navy, ink, a forest green
DARK_TEXT = 3.0  # a colour that reads on white at least as large text does is meant for dark text
LIGHT_TEXT_ROLES = ("subtitle",)  # the theme's roles that set text on a dark panel: the line under the cover title
WHITE, BLACK = (255, 255, 255), (0, 0, 0)
Lab = tuple[float, float, float]  # CIELAB (D50): L* 0–100, a* and b*


class ColourProfile:
    """A CMYK output profile (ICC), with the transforms between it and sRGB."""

    def __init__(self, path: Path, data: bytes | None = None) -> None:
        self.path = path
        self._built: dict[float, dict[Cmyk, Lab]] = {}  # see `_builds`
        self._rules: dict[Cmyk, Cmyk] = {}  # see `_nearest_rule`
        data = _read_profile(path) if data is None else data
        try:
            # From memory: a profile opened from its file reads its tags later through a file
            # descriptor that processes forked from this one share, offset included.
            self.icc = ImageCms.ImageCmsProfile(io.BytesIO(data))
        except (OSError, ImageCms.PyCMSError) as exc:
            raise InputError(f"{path}: not an ICC profile: {exc}") from None
        space, device = self.icc.profile.xcolor_space.strip(), self.icc.profile.device_class
        if space != "CMYK" or device != "prtr":
            raise InputError(f"{path}: not a CMYK output profile (it is a {space} profile of class {device!r})")
        declared = int.from_bytes(data[:4], "big")  # the header's first field: the profile's size
        if len(data) < declared:
            raise InputError(
                f"{path}: not an ICC profile brochure can use: cut short, {len(data):,} of its {declared:,} bytes"
            )
        srgb = ImageCms.createProfile("sRGB")
        try:  # Little CMS reads the tags only now: a profile cut short inside them fails here
            self._to_srgb = ImageCms.buildTransform(self.icc, srgb, "CMYK", "RGB", _INTENT)
            self._from_srgb = ImageCms.buildTransform(srgb, self.icc, "RGB", "CMYK", _INTENT)
        except ImageCms.PyCMSError as exc:
            raise InputError(f"{path}: not an ICC profile brochure can use: {exc}") from None

    @property
    def name(self) -> str:
        """What WeasyPrint writes as the output condition: the profile's model, else its description."""
        return self.icc.profile.model or self.icc.profile.profile_description

    @property
    def description(self) -> str:
        return self.icc.profile.profile_description or self.name

    def to_srgb(self, cmyk: Cmyk) -> str:
        """The sRGB twin of a CMYK colour, as `#rrggbb`."""
        pixel = Image.new("CMYK", (1, 1), tuple(round(v * 2.55) for v in cmyk))
        return "#{:02x}{:02x}{:02x}".format(*ImageCms.applyTransform(pixel, self._to_srgb).getpixel((0, 0)))

    def from_srgb(self, rgb: tuple[int, int, int]) -> Cmyk:
        """The CMYK colour (whole %) that reproduces an sRGB colour; grey and black on K alone."""
        if rgb[0] == rgb[1] == rgb[2]:
            # A neutral the profile would build from four inks prints as K only: sharp, no rich black.
            return (0.0, 0.0, 0.0, float(round(100 - rgb[0] / 2.55)))
        pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), self._from_srgb).getpixel((0, 0))
        return tuple(float(round(v / 2.55)) for v in pixel)

    def tint_of(self, cmyk: Cmyk) -> Cmyk:
        """A tint built as a print shop wants it (`well_built`): the colour itself if it is, else the
        build of at most two inks, each at least the smallest dot, nearest to it in CIELAB. Any other
        colour as it is."""
        if not is_tint(cmyk) or well_built(cmyk):
            return cmyk
        return self._nearest(cmyk, self._builds(LIGHT_MAX))

    def rule_of(self, cmyk: Cmyk, builds: Mapping[Cmyk, Cmyk] | None = None) -> Cmyk:
        """The colour a rule (a stroke) of `cmyk` prints in: at most two inks (`well_built`), since a
        hairline in three or four fringes as soon as the plates are out of register. A colour of the
        palette takes its build in `builds` (the theme's, by the palette colour), any other colour the
        build of at most two inks nearest to it in CIELAB; a well-built colour stays as it is."""
        palette = next((colour for colour in builds or () if _same_colour(colour, cmyk)), None)
        if palette is not None:
            return builds[palette]
        if well_built(cmyk):
            return cmyk
        if is_tint(cmyk):
            return self.tint_of(cmyk)
        return self._nearest_rule(cmyk)

    def _nearest(self, cmyk: Cmyk, builds: Mapping[Cmyk, Lab]) -> Cmyk:
        target = self._lab([cmyk])[0]
        return min(builds, key=lambda build: sum((x - y) ** 2 for x, y in zip(builds[build], target, strict=True)))

    def _nearest_rule(self, cmyk: Cmyk) -> Cmyk:
        """The build of at most two inks nearest to `cmyk` in CIEDE2000, as the theme's builds were chosen
        (the plain CIELAB distance takes navy to a slate): the nearest on a 5 % grid, then the nearest
        of the whole-% builds around the five best of those, far quicker than weighing all 58,000."""
        builds = self._builds(100.0)
        target = self._lab([cmyk])[0] if cmyk not in self._rules else None

        def distance(build: Cmyk) -> float:
            return ciede2000(target, builds[build])

        if cmyk not in self._rules:
            coarse = sorted((build for build in builds if all(value % 5 == 0 for value in build)), key=distance)[:5]
            around = (itertools.product(*(range(int(v) - 4, int(v) + 5) if v else (0,) for v in b)) for b in coarse)
            near = {tuple(float(v) for v in moved) for moved in itertools.chain(*around)} & builds.keys()
            self._rules[cmyk] = min(sorted(near), key=distance)
        return self._rules[cmyk]

    def _builds(self, most: float) -> dict[Cmyk, Lab]:
        """Every well-built colour of whole %, one ink or two, none above `most` %, with its CIELAB colour;
        made once for each limit (the tints', the rules')."""
        if most in self._built:
            return self._built[most]
        levels = range(round(MIN_DOT), round(most) + 1)
        builds: set[Cmyk] = set()
        for first, second in itertools.combinations(range(4), 2):
            for a, b in itertools.product((0, *levels), repeat=2):
                build = [0.0] * 4
                build[first], build[second] = float(a), float(b)
                if a or b:
                    builds.add(tuple(build))
        ordered = sorted(builds)
        self._built[most] = dict(zip(ordered, self._lab(ordered), strict=True))
        return self._built[most]

    def _lab(self, colours: list[Cmyk]) -> list[Lab]:
        """CIELAB (D50) of CMYK colours in %, through the profile."""
        if not hasattr(self, "_to_lab"):
            lab = ImageCms.createProfile("LAB", 5000)
            self._to_lab = ImageCms.buildTransform(self.icc, lab, "CMYK", "LAB", _INTENT)
        data = bytes(round(v * 2.55) for colour in colours for v in colour)
        lab = ImageCms.applyTransform(Image.frombytes("CMYK", (len(colours), 1), data), self._to_lab).tobytes()
        # Pillow's LAB: L over 0–255, a and b as signed bytes.
        signed = [value - 256 if value > 127 else value for value in lab]
        return [(lab[i] * 100 / 255, signed[i + 1], signed[i + 2]) for i in range(0, len(lab), 3)]

    def image_to_cmyk(self, data: bytes) -> bytes:
        """A raster image (PNG, JPEG) as print draws it: in CMYK through the profile, as a JPEG, its
        transparency carried along for the PDF's soft mask (see `softmask`); CMYK and grey as they are.

        A CMYK image can only reach the PDF as a JPEG; it is written at quality 95 without chroma
        subsampling. The intent is relative colorimetric with black point compensation: relative,
        so that a colour the printing condition can reproduce (a brand colour in a photo) keeps
        its value and paper white stays paper white; black point compensation, so that the
        shadows of a photo keep their detail (without it, sRGB's darkest tenth all lands on the
        profile's black: greys 0, 10 and 20 print alike). Perceptual would depend on how each
        profile's maker built its perceptual table; FOGRA39's, made by colprof without a source
        gamut, is its colorimetric one, so perceptual would still clip the shadows. Flat colours
        (`from_srgb`) keep plain relative colorimetric: a colour a designer picked is matched exactly.
        """
        image = Image.open(io.BytesIO(data))
        if image.mode in ("CMYK", "L", "LA") and "transparency" not in image.info:
            return data  # WeasyPrint draws them in DeviceCMYK and DeviceGray (an LA's alpha as its soft mask)
        source = image.info.get("icc_profile")
        # The EXIF data that says which way up the photo stands is not written again: the pixels turn.
        image = ImageOps.exif_transpose(image)
        transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        if image.mode in ("1", "L"):  # grey stays K only; WeasyPrint would draw a bilevel image in RGB
            return _png(image.convert("LA" if transparent else "L"))
        alpha = image.convert("RGBA").getchannel("A") if transparent else None
        rgb = image.convert("RGBA" if transparent else "RGB").convert("RGB")
        if source:  # an image in Adobe RGB or another space: from that space, not sRGB
            profile = ImageCms.ImageCmsProfile(io.BytesIO(source))
            cmyk = ImageCms.profileToProfile(rgb, profile, self.icc, _INTENT, "CMYK", flags=_IMAGE_FLAGS)
        else:
            cmyk = ImageCms.applyTransform(rgb, self._image_from_srgb)
        out = io.BytesIO()
        cmyk.save(out, format="JPEG", quality=95, subsampling=0, dpi=image.info.get("dpi", (300, 300)))
        if alpha is None or alpha.getextrema()[0] == 255:  # opaque all over: no mask to draw
            return out.getvalue()
        return with_alpha(out.getvalue(), alpha.tobytes())

    @functools.cached_property
    def _image_from_srgb(self) -> ImageCms.ImageCmsTransform:
        """sRGB to CMYK for raster images, built the first time one is converted."""
        srgb = ImageCms.createProfile("sRGB")
        return ImageCms.buildTransform(srgb, self.icc, "RGB", "CMYK", _INTENT, flags=_IMAGE_FLAGS)

    def svg_to_cmyk(self, data: bytes, builds: Mapping[Cmyk, Cmyk] | None = None) -> bytes:
        """An SVG with every sRGB colour written as `device-cmyk()`, which WeasyPrint draws as DeviceCMYK;
        a light colour as a tint of at most two inks (`tint_of`), a stroke as a rule (`rule_of`, with
        the palette's `builds`).

        Colours in attributes, `style` and `<style>` are converted; the root gets black
        in K as its default fill, since SVG's default is sRGB black.
        """
        text = data.decode("utf-8")

        def convert(value: str) -> str:
            return _cmyk_value(value, lambda rgb: self.tint_of(self.from_srgb(rgb)))

        def stroke(value: str) -> str:
            return _cmyk_value(value, lambda rgb: self.rule_of(self.from_srgb(rgb), builds))

        def converted(name: str, value: str) -> str:
            return stroke(value) if name == "stroke" else convert(value)

        text = _ATTRIBUTE.sub(lambda m: f"{m[1]}{m[2]}{m[3]}{converted(m[1], m[4])}{m[3]}", text)

        def declarations(css: str) -> str:
            return _DECLARATION.sub(lambda m: f"{m[1]}{m[2]}{converted(m[1], m[3])}", css)

        # Declarations only where CSS is: a text that reads "fill: red" stays as it is.
        text = _STYLE_ATTRIBUTE.sub(lambda m: f"{m[1]}{m[2]}{declarations(m[3])}{m[2]}", text)
        text = _STYLE_ELEMENT.sub(lambda m: f"{m[1]}{declarations(m[2])}{m[3]}", text)
        return _SVG_ROOT.sub(_default_black, text, count=1).encode("utf-8")


def is_tint(cmyk: Cmyk) -> bool:
    """Whether a colour is a tint: some ink, none of it above `LIGHT_MAX`."""
    return any(value >= INKED for value in cmyk) and max(cmyk) <= LIGHT_MAX


def well_built(cmyk: Cmyk) -> bool:
    """Whether a colour has at most `TINT_INKS` inks, none of them below the smallest dot."""
    inked = [value for value in cmyk if value >= INKED]
    return len(inked) <= TINT_INKS and not any(0 < value < MIN_DOT for value in cmyk)


def load_profile(path: Path) -> ColourProfile:
    """The profile at `path`, as its bytes are now: one swapped while `watch` runs is read anew."""
    return _profile(path, _read_profile(path))


@functools.lru_cache(maxsize=8)
def _profile(path: Path, data: bytes) -> ColourProfile:
    """The profile `data` read from `path`, made once: a pure function of both, so nothing kept goes stale."""
    return ColourProfile(path, data)


def _read_profile(path: Path) -> bytes:
    try:
        return read_file(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the profile: {exc.strerror or exc}") from None


def css_cmyk(cmyk: Cmyk, alpha: float = 1.0) -> str:
    """A CMYK colour in % as CSS `device-cmyk()`."""
    channels = " ".join(f"{v / 100:.4g}" for v in cmyk)
    return f"device-cmyk({channels})" if alpha == 1 else f"device-cmyk({channels} / {alpha:.4g})"


def layout_profile(layout: Layout) -> ColourProfile:
    """The layout's output profile, else brochure's FOGRA39 default."""
    return load_profile(layout.press.profile if layout.press else DEFAULT_PROFILE)


def layout_colours(layout: Layout, *, cmyk: bool) -> dict[str, str]:
    """The CSS value of each colour of the layout's theme (with the content's over it, once loaded), as
    `text-<name>` the colour text of that name is set in, and as `rule-<name>` the colour of a rule (a line,
    an icon's strokes). For print: CMYK, text in its text build where the theme gives one, a rule in at most
    two inks (`ColourProfile.rule_of`). For a screen: the sRGB twins, and text in them darkened (or lightened) just
    enough to be read (`readable_on_screen`); a screen has no plates to keep in register."""
    profile = layout_profile(layout)
    colours = palette_css(layout.palette, profile, cmyk=cmyk)
    if cmyk:
        builds = layout.theme.text_builds
        texts = {f"text-{name}": css_cmyk(builds[name]) if name in builds else value for name, value in colours.items()}
        by_colour = rule_builds(layout)
        rules = {f"rule-{name}": css_cmyk(profile.rule_of(value, by_colour)) for name, value in layout.palette.items()}
        return {**colours, **texts, **rules}
    light = {layout.theme.roles[role] for role in LIGHT_TEXT_ROLES if role in layout.theme.roles}
    readable = readable_on_screen(colours, light)
    rules = {f"rule-{name}": value for name, value in colours.items()}
    return {**colours, **{f"text-{name}": value for name, value in readable.items()}, **rules}


def rule_builds(layout: Layout) -> dict[Cmyk, Cmyk]:
    """The theme's two-ink builds (`text_builds`, the build of text and of rules in a palette colour) by the
    palette colour each stands for: what a rule in that colour prints in, in the leaflet and in its artwork."""
    builds = layout.theme.text_builds
    return {tuple(cmyk): tuple(builds[name]) for name, cmyk in layout.palette.items() if name in builds}


def palette_css(palette: Mapping[str, Cmyk], profile: ColourProfile, *, cmyk: bool) -> dict[str, str]:
    """Each palette colour as CSS: `device-cmyk()` for print, its sRGB twin for screen."""
    return {name: css_cmyk(value) if cmyk else profile.to_srgb(value) for name, value in palette.items()}


def readable_on_screen(colours: Mapping[str, str], light_text: Iterable[str] = ()) -> dict[str, str]:
    """The palette's sRGB twins, each text colour moved, where it must be, to read at WCAG AA's 4.5:1 on
    the palette's surfaces: a colour meant for dark text darkened for its light surfaces (white, and each
    colour as light as `LIGHT_SURFACE`: paper, stone), and each colour named in `light_text` (set on a
    dark panel) lightened for its dark ones (each colour as dark as `DARK_SURFACE`: navy, a forest green).

    Only the screen editions take these: a colour that reads on paper (teal at 4.1:1 on white) is the
    press's to print, and a screen's pixels are held to a stricter rule. A colour is meant for dark text
    where it reads on white as large text does (3:1: teal, rust; not orange or gold, which are fills or
    light text). Each is moved towards black or white, its hue kept, just as far as it must be; its fills
    (a stripe, an icon) move with it, so that the edition keeps one colour per name."""
    rgbs = {name: rgb for name, value in colours.items() if (rgb := _rgb(value))}
    light = [WHITE] + [rgb for rgb in rgbs.values() if relative_luminance(rgb) >= LIGHT_SURFACE]
    dark = [rgb for rgb in rgbs.values() if relative_luminance(rgb) <= DARK_SURFACE]
    readable = dict(colours)
    for name, rgb in rgbs.items():
        if name in light_text:
            readable[name] = _hex(_readable(rgb, dark, WHITE))
        elif relative_luminance(rgb) < LIGHT_SURFACE and contrast_ratio(rgb, WHITE) >= DARK_TEXT:
            readable[name] = _hex(_readable(rgb, light, BLACK))
    return readable


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def contrast_ratio(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """WCAG 2's contrast ratio of two sRGB colours: 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def relative_luminance(colour: tuple[int, int, int]) -> float:
    """WCAG 2's relative luminance of an sRGB colour: 0 (black) to 1 (white)."""

    def linear(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(v) for v in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _readable(colour: tuple[int, int, int], surfaces: list[tuple[int, int, int]], towards: tuple[int, int, int]):
    """`colour`, or the nearest of its mixes with `towards` (black or white) that reads at `TEXT_CONTRAST`
    on every surface (all 255 steps failing, `towards` itself)."""
    for step in range(256):
        mix = tuple(round(v + (end - v) * step / 255) for v, end in zip(colour, towards, strict=True))
        if all(contrast_ratio(mix, surface) >= TEXT_CONTRAST for surface in surfaces):
            return mix
    return towards


def _rgb(value: str) -> tuple[int, int, int] | None:
    """An `#rrggbb` colour as its three channels; None for anything else (a `device-cmyk()`)."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value or ""):
        return None
    return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))


def _cmyk_value(value: str, to_cmyk: Callable[[tuple[int, int, int]], Cmyk]) -> str:
    """A CSS colour value with an sRGB colour written in CMYK; anything else (none, url(), device-cmyk) as it is."""
    colour = parse_color(value.strip())
    if colour is None or not hasattr(colour, "space") or colour.space != "srgb":
        return value
    red, green, blue = (round(max(0.0, min(1.0, v)) * 255) for v in colour.coordinates)
    return css_cmyk(to_cmyk((red, green, blue)), colour.alpha)


def _default_black(match: re.Match) -> str:
    """The root `<svg>` tag with K-only black as its default fill and colour, unless it sets them."""
    attributes = match[1]
    for name in ("fill", "color"):
        if not re.search(rf"(?<![\w:-]){name}\s*=", attributes):
            attributes = f' {name}="device-cmyk(0 0 0 1)"' + attributes
    return f"<svg{attributes}>"


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _same_colour(first: Cmyk, second: Cmyk) -> bool:
    """Whether two CMYK colours are one, but for what a round trip through sRGB changes (a few points)."""
    return all(abs(x - y) <= SAME_INK for x, y in zip(first, second, strict=True))


def ciede2000(first: Lab, second: Lab) -> float:
    """The CIEDE2000 colour difference of two CIELAB colours (Sharma, Wu and Dalal's formulation)."""
    (l1, a1, b1), (l2, a2, b2) = first, second
    mean_chroma = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_chroma**7 / (mean_chroma**7 + 25**7)))
    a1, a2 = a1 * (1 + g), a2 * (1 + g)
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1, h2 = math.degrees(math.atan2(b1, a1)) % 360, math.degrees(math.atan2(b2, a2)) % 360
    turn = h2 - h1 - 360 if h2 - h1 > 180 else h2 - h1 + 360 if h2 - h1 < -180 else h2 - h1
    delta_hue = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(turn / 2))
    lightness, chroma = (l1 + l2) / 2, (c1 + c2) / 2
    hue = (h1 + h2) / 2 + (180 if abs(h1 - h2) > 180 else 0)
    t = (
        1
        - 0.17 * math.cos(math.radians(hue - 30))
        + 0.24 * math.cos(math.radians(2 * hue))
        + 0.32 * math.cos(math.radians(3 * hue + 6))
        - 0.20 * math.cos(math.radians(4 * hue - 63))
    )
    s_l = 1 + 0.015 * (lightness - 50) ** 2 / math.sqrt(20 + (lightness - 50) ** 2)
    s_c, s_h = 1 + 0.045 * chroma, 1 + 0.015 * chroma * t
    turning = 60 * math.exp(-(((hue - 275) / 25) ** 2))  # degrees: the blue region's hue rotation
    rotation = -2 * math.sqrt(chroma**7 / (chroma**7 + 25**7)) * math.sin(math.radians(turning))
    dl, dc, dh = (l2 - l1) / s_l, (c2 - c1) / s_c, delta_hue / s_h
    return math.sqrt(dl**2 + dc**2 + dh**2 + rotation * dc * dh)
