"""The schema of an event file (`events/<slug>.yaml`): what an event leaflet adds to the base content.

Read top to bottom, this is the reference of an event file. Its translated texts take the
base content's `languages`; the event is printed on the panel the layout names as its
`event_panel`, with a QR code of the registration link.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from brochure.schema.base import INVALID, Context, Field, ListOf, Section, short, string_schema
from brochure.schema.fields import Date, Text, Translated, Url

MAX_PROGRAMME_ITEMS = 8  # a short programme: more does not fit one panel beside the QR code
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")


class Time(Field):
    """A time of day, HH:MM (24 h), printed as written."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        # YAML 1.1 reads an unquoted 18:30 as the number 1110 (base 60): the node keeps what was typed.
        text = node.value if isinstance(node, yaml.ScalarNode) and isinstance(value, (str, int)) else value
        if not isinstance(text, str) or not _TIME.match(text.strip()):
            ctx.report(node, path, f"not a time of day: {short(value)} (write it as HH:MM, e.g. 18:30)")
            return INVALID
        hours, minutes = _TIME.match(text.strip()).groups()
        return f"{int(hours):02d}:{minutes}"

    def json_schema(self) -> dict[str, Any]:
        # Editors read YAML 1.2, where an unquoted 18:30 is a text, as the check reads what was typed.
        pattern = rf"^\s*{_TIME.pattern[1:-1]}\s*$"  # the check strips the spaces around
        return string_schema(pattern, "not a time of day (write it as HH:MM, e.g. 18:30)")


class Venue(Section):
    """Where the event takes place."""

    name = Text()
    """The venue's name as printed."""
    address = ListOf(Text(), max_items=4)
    """The lines of its postal address."""


class ProgrammeItem(Section):
    """One point of the programme."""

    time = Time()
    text = Translated()


class EventSchema(Section):
    """An event file: one event's leaflet, printed over the base content."""

    title = Translated()
    """The event's title; it also becomes the PDF's title."""
    date = Date()
    """The day, YYYY-MM-DD."""
    start = Time()
    """When it begins, HH:MM."""
    end = Time(required=False)
    """When it ends, HH:MM."""
    venue = Venue()
    programme = ListOf(ProgrammeItem(), max_items=MAX_PROGRAMME_ITEMS)
    """A short programme, in order."""
    registration = Url()
    """Where to register: printed, linked, and drawn as a QR code."""


EVENT = EventSchema()
