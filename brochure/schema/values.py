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


class FirstLanguageText(str):
    """A text in no one language that the leaflet sets with the typography (quotes, spacing) of
    the content's first language, as the credits are."""

    __slots__ = ()
