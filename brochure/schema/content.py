"""The schema of content.yaml: every section and key, what each holds, and what is required.

Read top to bottom, this is the reference of the content file. The sections declared
`placed=True` are printed by the panels of a layout, each by exactly one (or by one per
language). A translated text is a mapping with exactly the content's `languages` as keys;
texts accept the inline Markdown subset of `brochure.typography`.
"""

from __future__ import annotations

from brochure.schema.base import ListOf, Section
from brochure.schema.fields import (
    Asset,
    Colour,
    Date,
    Email,
    FileSize,
    FileStem,
    FirstLanguage,
    HyphenatedWord,
    Languages,
    LayoutName,
    Phone,
    Text,
    Translated,
    Url,
)


class Document(Section):
    """What the PDF's metadata says about the leaflet."""

    title = Translated()
    """The document title, in every language."""
    author = Text()
    """The author or publisher."""
    date = Date(required=False)
    """Stamped into the PDF; without it, SOURCE_DATE_EPOCH is used."""
    keywords = ListOf(Text(), required=False)
    """The PDF's keywords, for search; by default the name and the languages."""


class Cover(Section):
    """The front panel."""

    wordmark = Text()
    """The network's name as set on the cover, e.g. QUATTROPOLE."""
    cities = Text()
    """The line of city names under it."""
    artwork = Asset()
    """The cover image."""
    tagline = Translated()
    website = Url()


class Member(Section):
    """One city of the network."""

    name = Text()
    """The name as printed, e.g. VILLE DE METZ."""
    website = Url()


class Cities(Section):
    """The member cities and their map."""

    title = Translated()
    map = Asset()
    members = ListOf(Member())


class Contact(Section):
    """Who to write to, with the logo."""

    title = Translated()
    text = Translated()
    logo = Asset()
    address = ListOf(Text())
    """The lines of the postal address, printed as they are."""
    phone = Phone()
    email = Email()
    website = Url()


class About(Section):
    """What the network is: key figures, a text and its goals."""

    title = Translated()
    figures = ListOf(Translated())
    text = Translated()
    goals = ListOf(Translated())


class ActionField(Section):
    """One field of action."""

    title = Translated()
    text = Translated()


class ActionGroup(Section):
    """A group of fields of action under one heading."""

    title = Translated()
    fields = ListOf(ActionField())


class FieldsOfAction(Section):
    """The fields of action, printed once per language."""

    title = Translated()
    groups = ListOf(ActionGroup())


class ColorScheme(Section):
    """The leaflet's two main colours; the layout's own are used for any left out."""

    primary = Colour(required=False)
    """Titles in the first language, bands and the cover (default: the layout palette's navy)."""
    accent = Colour(required=False)
    """Titles in the second language (default: the layout palette's teal)."""


class EmailEdition(Section):
    """The e-mail edition: one page per panel, in reading order, to attach to a mailing."""

    max_size = FileSize(minimum=50_000, required=False)
    """The most the PDF may weigh (default 1 MB); mail services refuse or strip larger attachments."""


class Typography(Section):
    """How words are set: names kept whole, and hyphenation exceptions per language."""

    names = ListOf(Text(), required=False)
    """Proper names never hyphenated nor split across lines, as typed in the texts (any case), e.g.
    Grande Région; the cover's wordmark, its cities and the document's author are names already."""
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
    """The languages of every translated text, in printing order; all those the layout prints."""
    document = Document()
    cover = Cover(placed=True)
    cities = Cities(placed=True)
    contact = Contact(placed=True)
    credits = FirstLanguage(placed=True)
    """The photo credits, one text, set in the first language."""
    about = About(placed=True)
    fields_of_action = FieldsOfAction(placed=True)
    color_scheme = ColorScheme(required=False)
    email_edition = EmailEdition(required=False)
    typography = Typography(required=False)


CONTENT = ContentSchema()
PLACED_SECTIONS = tuple(name for name, declared in ContentSchema.declared.items() if declared.placed)
