"""CSS counters as a leaflet uses them, bounded: what a project's stylesheet may make a counter print.

WeasyPrint prints a counter in a `symbolic` or `additive` @counter-style as its symbol
repeated once per unit of the value, and pads it to any width asked: `counter-reset: c
100000000` in such a style is a string of a hundred million characters per element, which
takes gigabytes and then hours to lay out. A leaflet counts a few items; a counter beyond
±MAX_VALUE, or one that prints more than MAX_CHARS characters, is a mistake in the stylesheet.
"""

from __future__ import annotations

from weasyprint.css.counters import CounterStyle

from brochure.errors import InputError

MAX_VALUE = 10_000
MAX_CHARS = 200


class BoundedCounters(CounterStyle):
    """WeasyPrint's counter styles, refusing a counter value or a printed counter out of bounds.
    One per layout: the document's @counter-style rules are added to it."""

    def render_value(self, counter_value, counter_name=None, counter=None, previous_types=None):
        if abs(counter_value) > MAX_VALUE:
            raise InputError(
                f"the stylesheet prints a counter of {counter_value}: a counter beyond ±{MAX_VALUE:,} is refused "
                "(see the layout's leaflet.css.j2)"
            )
        text = super().render_value(counter_value, counter_name, counter, previous_types)
        if len(text) > MAX_CHARS:
            raise InputError(
                f"the stylesheet prints a counter of {len(text):,} characters: one over {MAX_CHARS} is refused "
                "(see the layout's leaflet.css.j2)"
            )
        return text
