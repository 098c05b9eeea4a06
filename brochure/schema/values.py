"""The kinds of value a checked content holds, as types: later stages ask a value what it is.

Each is a subclass of the plain type YAML reads (dict or str), so templates, equality with
`yaml.safe_load` and JSON see no difference; only code that needs the kind checks for it.
"""

from __future__ import annotations


class TranslatedText(dict):
    """One text in every language of the content: {language code: text}."""


class ImagePath(str):
    """The path of an image file inside the project folder, relative to it; checked to exist and decode."""

    __slots__ = ()


class WebAddress(str):
    """An http:// or https:// address with a host name; printed without its scheme."""

    __slots__ = ()


class EmailAddress(str):
    """An e-mail address: printed as it is, linked as mailto:."""

    __slots__ = ()


class PhoneNumber(str):
    """A phone number as printed; linked as tel:."""

    __slots__ = ()


class FirstLanguageText(str):
    """A text in no one language that the leaflet sets with the typography (quotes, spacing) of
    the content's first language, as the credits are."""

    __slots__ = ()


class Setting(str):
    """A word that sets how a block looks (a style, a colour's name, an icon): printed nowhere."""

    __slots__ = ()


class TextAlternative(TranslatedText):
    """What an image shows, in every language: read aloud by screen readers, never printed."""


class Block(dict):
    """One block of a section: its fields, and its type as `kind` (heading, text, photo…)."""

    def __init__(self, kind: str, fields: dict) -> None:
        super().__init__(fields)
        self.kind = kind
