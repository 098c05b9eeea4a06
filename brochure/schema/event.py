"""The schema of an event file (`events/<slug>.yaml`): the sections an event leaflet prints over the base content.

Read top to bottom, this is the reference of an event file. Its texts take the base
content's `languages`; its `sections` replace the base content's sections of the same
name, or add sections that its `panels` place (the block `event` says when and where,
`programme` what happens, `action` where to register, with a QR code).
"""

from __future__ import annotations

from brochure.schema.base import Section
from brochure.schema.content import EveryLanguage, Panels, Sections


class EventSchema(Section):
    """An event file: one event's leaflet, printed over the base content."""

    title = EveryLanguage()
    """The event's title: the PDF's title."""
    panels = Panels(required=False)
    """Where the sections the event adds go, by panel id (as in content.yaml)."""
    sections = Sections()
    """Sections by name: one the base content has is replaced; a new one is added."""


EVENT = EventSchema()
