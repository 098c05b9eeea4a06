"""The schema of content.yaml: the document, the theme, where sections go, and the sections themselves.

Read top to bottom, this is the reference of the content file. `sections` holds the
leaflet's text as sections the content names itself, each a list of blocks
(`brochure.schema.blocks`). The layout places section names on its panels; `panels` may
place them otherwise. Every section must be printed by exactly one panel, or by one panel
per language where panels face each other in different languages.
"""

from __future__ import annotations

from typing import Any

import yaml

from brochure.files.layouts import DEFAULT_LAYOUT, NAME, NAME_RULE
from brochure.schema.base import (
    INVALID,
    MAP_TAG,
    Context,
    Field,
    ListOf,
    Section,
    closest,
    expected,
    join,
    key_node,
    short,
)
from brochure.schema.blocks import Blocks, Option, PaletteColour
from brochure.schema.fields import (
    Date,
    FileSize,
    FileStem,
    HyphenatedWord,
    LanguageCode,
    Languages,
    LayoutName,
    Text,
    Translated,
    Url,
)
from brochure.schema.jsonparts import described, mapping_schema, string_schema
from brochure.schema.placing import check_placement
from brochure.schema.theme import ThemeSchema
from brochure.schema.values import TranslatedText


class EveryLanguage(Translated):
    """A text in every language: a mapping with one text per language, or one text for all of them."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(node, yaml.MappingNode):
            return super().check(node, value, path, ctx)
        text = self.text.validate(node, path, ctx)
        return INVALID if text is INVALID else TranslatedText(dict.fromkeys(ctx.languages or (), text))

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [self.text.json_schema(), super().json_schema()]}


class Document(Section):
    """What the PDF's metadata says about the leaflet."""

    title = EveryLanguage()
    """The document title: one text, or one per language."""
    author = Text()
    """The author or publisher."""
    date = Date(required=False)
    """Stamped into the PDF; without it, SOURCE_DATE_EPOCH is used."""
    keywords = ListOf(Text(), required=False)
    """The PDF's keywords, for search; by default the name and the languages."""


class SectionName(Field):
    """The name of a section: a word of letters, digits, - and _."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (isinstance(value, str) and NAME.match(value)):
            ctx.report(node, path, f"not a section name ({NAME_RULE}): {short(value)}")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return string_schema(NAME.pattern, f"not a section name ({NAME_RULE})")


class SectionBody(Field):
    """A section: a list of blocks, or a mapping of its blocks and how it is set."""

    blocks = Blocks()

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(node, yaml.SequenceNode):
            blocks = self.blocks.validate(node, path, ctx)
            return INVALID if blocks is INVALID else {**_SETTINGS, "blocks": blocks, "blocks_path": path}
        result = SectionSettings().validate(node, path, ctx)
        return result if result is INVALID else {**_SETTINGS, **result, "blocks_path": join(path, "blocks")}

    def json_schema(self) -> dict[str, Any]:
        stacked = {**SectionSettings().json_schema(), "description": "The section's blocks, and how it is set."}
        return {"anyOf": [described(self.blocks), stacked]}


class SectionSettings(Section):
    """A section written as a mapping: its blocks, and how the panel that prints it sets them."""

    blocks = Blocks()
    stack = Option("by-block", "by-language")
    """In a panel of several languages: by-block (default) sets each block in every language in turn;
    by-language sets the section's leading headings once, then the rest once per language."""
    background = PaletteColour()
    """The palette colour of the panel that prints the section, to the trim (default: paper)."""
    colour = PaletteColour()
    """The palette colour of its text, e.g. paper on a dark background (default: the theme's)."""
    second_colour = PaletteColour()
    """The palette colour of the text in the second and later languages (default: the theme's)."""


# How a section is set where the content says nothing. A checked section also holds its
# `blocks_path`, where its blocks are in the file (`sections.about.blocks`), for messages.
_SETTINGS = {"stack": "by-block", "background": None, "colour": None, "second_colour": None}


class Sections(Field):
    """The leaflet's sections, by the names the content gives them, in any order."""

    body = SectionBody()
    name = SectionName()

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (isinstance(node, yaml.MappingNode) and node.tag == MAP_TAG and isinstance(value, dict)) or not value:
            ctx.report(node, path, expected("a mapping of section names to lists of blocks", value, node))
            return INVALID
        result: dict[str, Any] = {}
        for key_item, value_item in node.value:
            name = self.name.validate(key_item, join(path, ctx.value(key_item)), ctx)
            if name is INVALID:
                continue
            if name in result:
                ctx.report(key_item, join(path, name), "the section is named twice")
                continue
            result[name] = self.body.validate(value_item, join(path, name), ctx)
        return result

    def json_schema(self) -> dict[str, Any]:
        return mapping_schema(self.name.json_schema(), described(self.body), minProperties=1)


class PanelSections(Section):
    """What one panel prints: its sections and, when it prints only one language, that language."""

    sections = ListOf(SectionName())
    lang = LanguageCode(required=False)
    """Print only this language (facing translations); without it, every language."""


class Panels(Field):
    """Which sections each panel prints, by panel id, in place of the layout's: a list of section
    names, or `{sections: […], lang: de}` for a panel that prints one language."""

    entry = PanelSections()
    names = ListOf(SectionName())

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (isinstance(node, yaml.MappingNode) and node.tag == MAP_TAG and isinstance(value, dict)):
            ctx.report(node, path, expected("a mapping of panel ids to section names", value, node))
            return INVALID
        known = [panel.id for panel in ctx.layout.panels] if ctx.layout is not None else None
        result: dict[str, Any] = {}
        for key_item, value_item in node.value:
            panel_id = ctx.value(key_item)
            key_path = join(path, panel_id)
            if known is not None and panel_id not in known:
                close = closest(panel_id, known)
                hint = f"did you mean {close!r}?" if close else f"the layout's panels are {', '.join(known)}"
                ctx.report(key_item, key_path, f"no panel {short(panel_id)} in layout {ctx.layout.name!r}; {hint}")
                result[short(panel_id)] = INVALID
                continue
            if isinstance(value_item, yaml.SequenceNode):
                sections = self.names.validate(value_item, join(key_path, "sections"), ctx)
                entry = INVALID if sections is INVALID else {"sections": sections}
            else:
                entry = self.entry.validate(value_item, key_path, ctx)
            # A panel entry with a problem places nothing: the placement is judged once every entry is sound,
            # so that a misspelt panel or language is one error, not one more for each section it leaves out.
            sections = entry.get("sections", INVALID) if entry is not INVALID else INVALID
            sound = sections is not INVALID and INVALID not in (entry.get("lang"), *sections)
            result[panel_id] = {**entry, "node": value_item, "path": key_path} if sound else INVALID
        return result

    def json_schema(self) -> dict[str, Any]:
        # The panel ids are the layout's, which an editor does not read.
        return {"type": "object", "additionalProperties": {"anyOf": [described(self.names), described(self.entry)]}}


class EmailEdition(Section):
    """The e-mail edition: one page per panel, in reading order, to attach to a mailing."""

    max_size = FileSize(minimum=50_000, required=False)
    """The most the PDF may weigh (default 1 MB); mail services refuse or strip larger attachments."""


class Mailing(Section):
    """The mailing: an HTML e-mail of the leaflet, its plain text and a draft to send (`<name>-mailing.eml`)."""

    pdf_url = Url(required=False)
    """Where the e-mail PDF is put online: the mailing links to it instead of attaching it, for newsletter
    tools that host files rather than send them."""


class Typography(Section):
    """How words are set: names kept whole, and hyphenation exceptions per language."""

    names = ListOf(Text(), required=False)
    """Proper names never hyphenated nor split across lines, as typed in the texts (any case), e.g.
    Grande Région; the titles set once for every language and the document's author are names already."""
    hyphenation = Translated(ListOf(HyphenatedWord()), required=False)
    """Per language, words with the only places they may break as hyphens ("Zusammen-arbeit");
    a word written without a hyphen is never broken."""


class ContentSchema(Section):
    """A content file: one leaflet's text, images and settings."""

    name = FileStem()
    """The output's file name: <name>-print.pdf."""
    layout = LayoutName(required=False)
    """The fold layout (default trifold-roll)."""
    languages = Languages()
    """The languages of every translated text, in printing order: one to four."""
    document = Document()
    theme = ThemeSchema(required=False)
    """What the project changes of its layout's theme: colours (`palette`), what each does (`roles`),
    `fonts` (files in its assets/), type sizes (`scale`, pt) and `spacing` (mm)."""
    panels = Panels(required=False)
    sections = Sections()
    email_edition = EmailEdition(required=False)
    mailing = Mailing(required=False)
    typography = Typography(required=False)

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(node, yaml.MappingNode) and key_node(node, "layout") is None:
            LayoutName.load(DEFAULT_LAYOUT, ctx)  # the panels and palette the rest is judged by
        result = super().check(node, value, path, ctx)
        if not (isinstance(result, dict) and ctx.layout is not None):
            return result
        panels = result.get("panels", {})  # INVALID when wrong: said already, and nothing to place by
        if isinstance(result.get("sections"), dict) and isinstance(panels, dict):
            placed = check_placement(ctx, result["sections"], key_node(node, "sections"), panels, node)
            if placed is not None:
                result["panels"] = placed
        return result


CONTENT = ContentSchema()
