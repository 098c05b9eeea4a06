"""The block vocabulary: every kind of block a section of content.yaml is made of, and its fields.

Read top to bottom, this is the reference of the blocks. A section is a list of blocks; each
block is a mapping of one key, its type, to its fields (`- heading: {text: …}`), or the bare
type name when it needs no field (`- spacer`). A text field takes either one text, printed
as it is in every language (a name, an address line), or a mapping with one text per
language of the content. Every block has a template, `blocks/<type>.html.j2`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

import yaml

from brochure.files.icons import icon_names, unknown_icon
from brochure.schema.base import INVALID, MAP_TAG, OMITTED, Context, Field, ListOf, Section, closest, expected, short
from brochure.schema.fields import Asset, Choice, Date, Email, Phone, Text, Translated, Url
from brochure.schema.jsonparts import described, one_key_schema, string_schema
from brochure.schema.values import Block, FirstLanguageText, Setting, TextAlternative

MAX_BLOCKS = 40  # in one section: more than any panel holds
MAX_PROGRAMME_ITEMS = 12
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
_FOCUS = re.compile(r"^(\d{1,3}(?:\.\d+)?)\s*%\s+(\d{1,3}(?:\.\d+)?)\s*%$")
_RATIO = re.compile(r"^(\d{1,2}(?:\.\d+)?)\s*:\s*(\d{1,2}(?:\.\d+)?)$")
_ICON = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Words(Field):
    """A printed text: one text for every language (set with the first language's typography),
    or a mapping with one text per language of the content."""

    def __init__(self, *, required: bool = True, alternative: bool = False) -> None:
        super().__init__(required=required)
        self.alternative = alternative  # a text alternative of an image: read aloud, never printed
        self.translated = Translated()
        self.neutral = Text()

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(node, yaml.MappingNode) and node.tag == MAP_TAG:
            result = self.translated.check(node, value, path, ctx)
            return TextAlternative(result) if self.alternative and result is not INVALID else result
        result = self.neutral.check(node, value, path, ctx)
        if result is INVALID:
            return INVALID
        return (
            TextAlternative({lang: result for lang in ctx.languages or ()})
            if self.alternative
            else (FirstLanguageText(result))
        )

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [self.neutral.json_schema(), self.translated.json_schema()]}


class Option(Choice):
    """One of a few words that sets how a block looks.

    A wrong word is said with the word most likely meant; a right one is typed as a setting,
    which prints nowhere."""

    def __init__(self, *choices: str | int, required: bool = False) -> None:
        super().__init__(*choices, required=required)

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, bool) or value not in self.choices:
            close = closest(value, [str(choice) for choice in self.choices])
            hint = f"; did you mean {close!r}?" if close else ""
            ctx.report(node, path, f"expected one of {', '.join(map(str, self.choices))}, got {short(value)}{hint}")
            return INVALID
        return value if isinstance(value, int) else Setting(value)


class YesNo(Field):
    """true or false."""

    def __init__(self, *, required: bool = False) -> None:
        super().__init__(required=required)

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not isinstance(value, bool):
            ctx.report(node, path, expected("true or false", value, node))
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class PaletteColour(Field):
    """The name of a colour of the theme's palette, e.g. teal."""

    def __init__(self, *, required: bool = False) -> None:
        super().__init__(required=required)

    def validate(self, node: yaml.Node, path: str, ctx: Context) -> Any:
        if ctx.value(node) is None:
            # `colour: #17325c` is a key with a comment: YAML reads no value, which would silently mean the default.
            example = next(iter(ctx.palette or ()), "navy")
            message = f"empty; a # starts a comment in YAML: name a colour of the palette, e.g. {example}"
            ctx.report(node, path, message)
            return INVALID
        return super().validate(node, path, ctx)

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        names = list(ctx.palette or ())
        if not isinstance(value, str) or (names and value not in names):
            close = closest(value, names)
            hint = f"did you mean {close!r}?" if close else f"the palette has {', '.join(names)}"
            ctx.report(node, path, f"no palette colour {short(value)}; {hint}")
            return INVALID
        return Setting(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string"}  # the palette is the layout's and the theme's: known only to the check


class Time(Field):
    """A time of day, HH:MM (24 h), printed as written."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        # YAML 1.1 reads an unquoted 18:30 as the number 1110 (base 60): the node keeps what was typed.
        text = node.value if isinstance(node, yaml.ScalarNode) and isinstance(value, (str, int)) else value
        match = _TIME.match(text.strip()) if isinstance(text, str) else None
        if not match:
            ctx.report(node, path, f"not a time of day: {short(value)} (write it as HH:MM, e.g. 18:30)")
            return INVALID
        return f"{int(match[1]):02d}:{match[2]}"

    def json_schema(self) -> dict[str, Any]:
        # Editors read YAML 1.2, where an unquoted 18:30 is a text, as the check reads what was typed.
        return string_schema(_stripped(_TIME), "not a time of day (write it as HH:MM, e.g. 18:30)")


class Focus(Field):
    """The point of a photo its frame keeps in view, as `x% y%` from its top left (default `50% 50%`)."""

    def __init__(self) -> None:
        super().__init__(required=False)

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        match = _FOCUS.match(value.strip()) if isinstance(value, str) else None
        if not match or max(float(match[1]), float(match[2])) > 100:
            ctx.report(node, path, f"not a focal point: {short(value)} (write it as x% y%, e.g. 50% 30%)")
            return INVALID
        return (float(match[1]) / 100, float(match[2]) / 100)

    def json_schema(self) -> dict[str, Any]:
        return string_schema(_stripped(_FOCUS), "not a focal point (write it as x% y%, e.g. 50% 30%)")


class Ratio(Field):
    """A frame's width to its height, as `3:2` (landscape), `1:1` or `4:5` (portrait)."""

    def __init__(self) -> None:
        super().__init__(required=False)

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        text = node.value if isinstance(node, yaml.ScalarNode) else value  # YAML 1.1 reads 3:2 as 182
        match = _RATIO.match(text.strip()) if isinstance(text, str) else None
        ratio = float(match[1]) / float(match[2]) if match and float(match[2]) else 0.0
        if not 0.2 <= ratio <= 5:
            ctx.report(node, path, f"not a frame ratio: {short(value)} (write it as width:height, e.g. 3:2)")
            return INVALID
        return ratio

    def json_schema(self) -> dict[str, Any]:
        return string_schema(_stripped(_RATIO), "not a frame ratio (write it as width:height, e.g. 3:2)")


class Icon(Field):
    """The name of an icon of the set brochure ships (Lucide), e.g. calendar or map-pin."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (isinstance(value, str) and _ICON.match(value) and value in icon_names()):
            ctx.report(node, path, unknown_icon(value))
            return INVALID
        return Setting(value)

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(icon_names())}  # an editor offers every name


class Millimetres(Field):
    """A length in mm, from `low` to `high`."""

    def __init__(self, low: float, high: float) -> None:
        super().__init__(required=False)
        self.low, self.high = low, high

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not self.low <= value <= self.high:
            ctx.report(node, path, f"expected a length from {self.low:g} to {self.high:g} mm, got {short(value)}")
            return INVALID
        return float(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number", "minimum": self.low, "maximum": self.high}


class Fields(Section):
    """A mapping of fields whose checked value has every field, None where it is left out, so
    that a template asks `item.text` of every item."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        result = super().check(node, value, path, ctx)
        return result if result is INVALID else {name: result.get(name) for name in self.declared}


# The blocks. A block's class docstring says what it is; each field's, what it holds.


class BlockType(Fields):
    """A kind of block: its fields are its class attributes; `kind` is how content.yaml calls it."""

    kind: ClassVar[str] = ""
    example: ClassVar[str] = ""  # as written in content.yaml, for the reference

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        result = super().check(node, value, path, ctx)  # every field, None where left out
        return result if result is INVALID else Block(self.kind, result)


class Heading(BlockType):
    """A title: level 1 is the cover's (the largest), 2 a panel's title band, 3 a group's heading."""

    kind = "heading"
    example = "- heading: {text: {fr: Programme, de: Programm}, kicker: '2027'}"
    text = Words()
    kicker = Words(required=False)
    """A short line set small above the title."""
    subtitle = Words(required=False)
    """A line set under the title."""
    level = Option(1, 2, 3)
    """1, 2 (default) or 3."""
    colour = PaletteColour()
    """The palette colour of the title (default: the theme's for its level)."""
    logo = Asset(required=False)
    """Level 1: a logo set over the title, as one lockup; decoration, since the title says the name."""


class Paragraph(BlockType):
    """Running text in the Markdown subset: **bold**, *italic*, [links](https://…) and line breaks."""

    kind = "text"
    example = "- text: {text: {fr: Entrée libre., de: Eintritt frei.}, style: lead}"
    text = Words()
    style = Option("normal", "lead", "small")
    """normal (default), lead (larger, an introduction) or small (fine print, a photo's author)."""


class Bullets(BlockType):
    """A list of short texts."""

    kind = "list"
    example = "- list: {items: [{fr: Ateliers, de: Workshops}, {fr: Concerts, de: Konzerte}]}"
    items = ListOf(Words())
    style = Option("bullets", "numbers", "plain")
    """bullets (default), numbers or plain."""


class Figure(Fields):
    """One key figure: a big numeral and what it counts."""

    value = Text()
    """The number as printed, e.g. 500 000 or 4."""
    label = Words()


class Figures(BlockType):
    """Key figures: big numerals, each with a label."""

    kind = "figures"
    example = "- figures: {items: [{value: '4', label: {fr: villes, de: Städte}}]}"
    items = ListOf(Figure(), max_items=6)


class Photo(BlockType):
    """A photograph, cropped to its frame around its focal point, with its credit."""

    kind = "photo"
    example = "- photo: {file: assets/photos/hall.jpg, alt: {fr: La grande salle, de: Der große Saal}, ratio: '3:2'}"
    file = Asset()
    alt = Words(required=False, alternative=True)
    """What it shows, for screen readers; or `decorative: true`."""
    decorative = YesNo()
    """true when it shows nothing a reader needs."""
    credit = Words(required=False)
    """Who took it, printed small under it."""
    focus = Focus()
    """The point kept in view when the photo is cropped to its frame, as x% y% (default 50% 50%)."""
    ratio = Ratio()
    """The frame's width to its height, e.g. 3:2 (default: the photo's own); a bleeding photo's frame
    is the panel's width, from the top trim down as far as the ratio makes it (default: about half
    the panel)."""
    bleed = YesNo()
    """true: the photo runs off the panel's top and sides, to the trim and past it."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        return _described(super().check(node, value, path, ctx), node, path, ctx)


class Logo(BlockType):
    """A logo, set at a given height."""

    kind = "logo"
    example = "- logo: {file: assets/logo.svg, alt: Stadtbibliothek}"
    file = Asset()
    alt = Words(alternative=True)
    """Whose logo it is, for screen readers."""
    height = Millimetres(5, 60)
    """In mm (default 14)."""


class Picture(BlockType):
    """A drawing — a map, a plan, a diagram, artwork — with a text alternative."""

    kind = "picture"
    example = "- picture: {file: assets/map.svg, alt: {fr: Plan d'accès, de: Anfahrtsplan}}"
    file = Asset()
    alt = Words(required=False, alternative=True)
    """What it shows, in words, for screen readers; or `decorative: true`."""
    decorative = YesNo()
    caption = Words(required=False)
    """A line printed under it."""
    bleed = YesNo()
    """true: the picture runs off the panel's top and sides, to the trim and past it."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        return _described(super().check(node, value, path, ctx), node, path, ctx)


def _described(result: Any, node: yaml.Node, path: str, ctx: Context) -> Any:
    """An image block with a text alternative or marked decorative, not both, not neither."""
    if isinstance(result, dict):
        if result.get("decorative") and result.get("alt") is not None:
            ctx.report(node, path, "has both alt and decorative: true; keep one")
            return INVALID
        if not result.get("decorative") and result.get("alt") is None:
            ctx.report(node, path, "needs alt (what it shows, for screen readers) or decorative: true")
            return INVALID
    return result


class Contact(BlockType):
    """A contact card: a name, a postal address, a phone number, an e-mail and a web address, each linked."""

    kind = "contact"
    example = "- contact: {name: Stadtbibliothek, phone: +49 651 000, email: info@example.org}"
    name = Words(required=False)
    address = ListOf(Text(), max_items=6, required=False)
    """The lines of the postal address, printed as they are."""
    phone = Phone(required=False)
    email = Email(required=False)
    web = Url(required=False)

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        result = super().check(node, value, path, ctx)
        if isinstance(result, dict) and not any(value is not None for value in result.values()):
            ctx.report(node, path, "needs at least one of name, address, phone, email, web")
            return INVALID
        return result


class Link(Fields):
    """One entry of a link list."""

    name = Words(required=False)
    """What it is, e.g. a member's name."""
    url = Url()
    text = Words(required=False)
    """A line about it."""


class Links(BlockType):
    """A list of members, partners or addresses, each with its web address."""

    kind = "links"
    example = "- links: {items: [{name: VILLE DE METZ, url: https://www.metz.fr}]}"
    items = ListOf(Link())


class Venue(Fields):
    """Where an event takes place."""

    name = Text()
    address = ListOf(Text(), max_items=4, required=False)


class Event(BlockType):
    """When and where: a date spelled out in each language, the times and the venue."""

    kind = "event"
    example = "- event: {date: 2027-03-13, start: '14:00', end: '18:00', venue: {name: Hôtel de Ville}}"
    date = Date()
    start = Time(required=False)
    end = Time(required=False)
    venue = Venue(required=False)

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        result = super().check(node, value, path, ctx)
        start, end = (result.get("start"), result.get("end")) if isinstance(result, dict) else (None, None)
        if isinstance(start, str) and isinstance(end, str) and end <= start:
            ctx.report(node, path, f"ends at {end}, not after it starts, {start}")
            return INVALID
        return result


class ProgrammeItem(Fields):
    """One point of a programme."""

    time = Time()
    text = Words()


class Programme(BlockType):
    """A programme: times and what happens."""

    kind = "programme"
    example = "- programme: {items: [{time: '14:00', text: {fr: Accueil, de: Empfang}}]}"
    items = ListOf(ProgrammeItem(), max_items=MAX_PROGRAMME_ITEMS)


class Action(BlockType):
    """A call to action: a web address, printed, linked, and drawn as a QR code, with its label."""

    kind = "action"
    example = "- action: {url: https://example.org/tickets, label: {fr: Réservez, de: Jetzt buchen}}"
    url = Url()
    label = Words()
    """What to do, e.g. Register now."""
    text = Words(required=False)
    qr = YesNo()
    """false: no QR code (default true)."""


class Quote(BlockType):
    """A quotation, set in the quotation marks of each language."""

    kind = "quote"
    example = "- quote: {text: {fr: Un lieu vivant., de: Ein lebendiger Ort.}, author: Marie Curie}"
    text = Words()
    author = Words(required=False)
    role = Words(required=False)
    """Who the author is, e.g. Director."""


class Item(Fields):
    """One item: an icon, a title and a text."""

    icon = Icon(required=False)
    title = Words(required=False)
    text = Words(required=False)


class Items(BlockType):
    """Items with an icon (Lucide), a title and a text: services, fields of action, what to bring."""

    kind = "items"
    example = "- items: {items: [{icon: clock, title: {fr: Horaires, de: Zeiten}, text: {fr: 9–18 h, de: 9–18 Uhr}}]}"
    items = ListOf(Item())
    colour = PaletteColour()
    """The palette colour of the icons (default: the theme's `icon` colour)."""


class Spacer(BlockType):
    """Pushes the blocks after it to the foot of the panel. Several spacers share the room left. In a
    section stacked by language, each language's part has its spacers, and the gap before the next
    language stretches with them: the last language ends at the panel's foot."""

    kind = "spacer"
    example = "- spacer"


class Divider(BlockType):
    """A thin rule between blocks. In print, one that falls within 3 mm of a rule of the panel beside it
    across a fold is set on that rule."""

    kind = "divider"
    example = "- divider"


# Every block type by the name content.yaml calls it, in the order the reference lists them.
BLOCK_TYPES: Mapping[str, type[BlockType]] = MappingProxyType(
    {
        block.kind: block
        for block in (
            Heading,
            Paragraph,
            Bullets,
            Figures,
            Photo,
            Logo,
            Picture,
            Contact,
            Links,
            Event,
            Programme,
            Action,
            Quote,
            Items,
            Spacer,
            Divider,
        )
    }
)


class AnyBlock(Field):
    """One block: `{type: fields}`, or the bare type of a block that needs no field."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        names = list(BLOCK_TYPES)
        if isinstance(value, str):
            block = BLOCK_TYPES.get(value)
            if block is None:
                return _unknown_block(node, value, path, ctx)
            required = [key for key, declared in block.declared.items() if declared.required]
            if required:
                ctx.report(node, path, f"{value} needs {', '.join(required)}: write `- {value}: {{{required[0]}: …}}`")
                return INVALID
            return Block(value, dict.fromkeys(block.declared))
        if not (isinstance(node, yaml.MappingNode) and isinstance(value, dict) and len(node.value) == 1):
            ctx.report(node, path, f"expected a block, one of {', '.join(names)}, e.g. `- text: {{text: …}}`")
            return INVALID
        key_item, fields = node.value[0]
        kind = ctx.value(key_item)
        block = BLOCK_TYPES.get(kind) if isinstance(kind, str) else None
        if block is None:
            return _unknown_block(key_item, kind, path, ctx)
        if ctx.value(fields) is None and not any(declared.required for declared in block.declared.values()):
            return Block(kind, dict.fromkeys(block.declared))
        return block().validate(fields, f"{path}.{kind}", ctx)

    def json_schema(self) -> dict[str, Any]:
        options = {kind: _block_schema(block) for kind, block in BLOCK_TYPES.items()}
        bare = [kind for kind, block in BLOCK_TYPES.items() if not _needs_fields(block)]
        return one_key_schema(options, bare)


def _needs_fields(block: type[BlockType]) -> bool:
    return any(declared.required for declared in block.declared.values())


def _block_schema(block: type[BlockType]) -> dict[str, Any]:
    """A block type's fields, as JSON Schema; `- spacer:` with nothing after it is a block that needs none."""
    schema = described(block())
    return schema if _needs_fields(block) else {**schema, "type": ["object", "null"]}


def _stripped(pattern: re.Pattern[str]) -> str:
    """The JSON Schema pattern of an anchored `pattern` that the check matches once the spaces around are stripped."""
    return rf"^\s*(?:{pattern.pattern[1:-1]})\s*$"


def _unknown_block(node: yaml.Node, kind: Any, path: str, ctx: Context) -> Any:
    close = closest(kind, list(BLOCK_TYPES))
    hint = f"did you mean {close!r}?" if close else f"the blocks are {', '.join(BLOCK_TYPES)}"
    ctx.report(node, path, f"no block type {short(kind)}; {hint}")
    return INVALID


class Blocks(ListOf):
    """A list of blocks."""

    def __init__(self) -> None:
        super().__init__(AnyBlock(), max_items=MAX_BLOCKS)


__all__ = ["BLOCK_TYPES", "OMITTED", "AnyBlock", "BlockType", "Blocks", "Words"]
