"""The reference of the content, event and layout files, in Markdown, written from the schema itself.

docs/content.md and docs/layouts.md hold this text between marks (a test holds them equal, and
`python -m brochure.schema.reference` writes it there), so that the reference cannot drift from
what the schema checks: each key and block with the docstring under its declaration, what it
takes, and for a block an example that the schema takes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from brochure.schema.base import Field, ListOf, Section
from brochure.schema.blocks import BLOCK_TYPES, Words
from brochure.schema.content import EveryLanguage
from brochure.schema.fields import Asset, Date, Email, Phone, Text, Translated, Url
from brochure.schema.jsonparts import attribute_docs, summary


def kind_of(field: Field, nested: bool = False) -> str:
    """What a field takes, in a few words; `nested`: a mapping is named as having a table of its own."""
    if isinstance(field, (Words, EveryLanguage)):
        return "text or {lang: text}"
    if isinstance(field, Translated) and type(field.text) is not Text:
        return f"{{lang: {kind_of(field.text, nested)}}}"
    if isinstance(field, ListOf):
        return f"list of {kind_of(field.item, nested)}"
    if isinstance(field, Section):
        return "mapping (its keys below)" if nested else "mapping: " + ", ".join(field.declared)
    measured = _measured(field)
    if measured:
        return measured
    names = {Translated: "{lang: text}", Text: "text", Url: "web address", Email: "e-mail address"}
    names |= {Phone: "phone number", Asset: "image file", Date: "YYYY-MM-DD"}
    for klass, words in names.items():
        if isinstance(field, klass):
            return words
    doc = (summary(type(field).__doc__) or "").rstrip(".")
    return doc[0].lower() + doc[1:] if doc else type(field).__name__


def _measured(field: Field) -> str | None:
    """What a field of choices, a number in a unit, a count or a length takes, from its own bounds: its
    class's docstring names them by their attribute names only."""
    parts = vars(field)
    if "choices" in parts:
        return "one of " + ", ".join(f"`{choice}`" for choice in parts["choices"])
    if {"unit", "low", "high"} <= parts.keys():
        return f"a number of {parts['unit']}, {parts['low']:g} to {parts['high']:g}"
    if {"low", "high", "example"} <= parts.keys():
        return f"a percentage, e.g. `{parts['example']}`"
    if {"low", "high"} <= parts.keys():
        return f"a length in mm, {parts['low']:g} to {parts['high']:g}"
    if {"minimum", "maximum"} <= parts.keys():
        return f"a whole number, {parts['minimum']} to {parts['maximum']}"
    if "positive" in parts:
        return "a length in mm"
    return None


def block_reference() -> str:
    """The Markdown reference of every block type, in the order the schema declares them."""
    parts = []
    for name, block in BLOCK_TYPES.items():
        docs = attribute_docs(block)
        lines = [f"#### `{name}`", "", " ".join((block.__doc__ or "").split()), ""]
        if block.declared:
            lines += ["| field | takes | |", "|---|---|---|"]
            for key, field in block.declared.items():
                required = "**required**" if field.required else "optional"
                described = docs.get(key, "")
                lines.append(f"| `{key}` | {kind_of(field)} ({required}) | {described} |")
            lines.append("")
        lines += ["```yaml", block.example, "```", ""]
        parts.append("\n".join(lines))
    return "\n".join(parts).rstrip() + "\n"


def key_reference(schema: Section, name: str, extra: dict[str, Section] | None = None, skip: tuple = ()) -> str:
    """The Markdown tables of every key of a file's schema: the file's own keys under `name`, then each
    mapping it holds under its path (`document`, `theme.scale`) but those in `skip` (told elsewhere),
    then the `extra` mappings by the path given (a mapping a field reads its own way)."""
    tables = list(_tables(schema, name, "", skip))
    for path, section in (extra or {}).items():
        tables += _tables(section, path, f"{path}.", skip)
    return "\n".join(tables).rstrip() + "\n"


def _tables(section: Section, title: str, prefix: str, skip: tuple) -> Iterator[str]:
    docs = attribute_docs(type(section))
    lines = [f"#### `{title}`", "", " ".join((type(section).__doc__ or "").split()), ""]
    lines += ["| key | takes | |", "|---|---|---|"]
    nested: list[tuple[str, Section]] = []
    for key, field in section.declared.items():
        inner = field.item if isinstance(field, ListOf) else field
        path = prefix + (f"{key}[]" if inner is not field else key)
        expand = isinstance(inner, Section) and path not in skip
        if expand:
            nested.append((path, inner))
        described = docs.get(key) or (summary(type(inner).__doc__) if isinstance(inner, Section) else "")
        kind = kind_of(field, nested=expand)
        required = "**required**" if field.required else "optional"
        lines.append(f"| `{key}` | {kind} ({required}) | {described if described != kind else ''} |")
    yield "\n".join(lines) + "\n"
    for path, inner in nested:
        yield from _tables(inner, path, f"{path}.", skip)


def references() -> dict[str, str]:
    """Each generated reference by the name of the marks that hold it in the docs."""
    from brochure.schema.content import CONTENT, PanelSections, SectionSettings
    from brochure.schema.event import EVENT
    from brochure.schema.layout import LAYOUT

    extra = {"sections.NAME": SectionSettings(), "panels.PANEL": PanelSections()}
    return {
        "blocks": block_reference(),
        "content-keys": key_reference(CONTENT, "content.yaml", extra),
        "event-keys": key_reference(EVENT, "events/SLUG.yaml"),
        "layout-keys": key_reference(LAYOUT, "layout.yaml", skip=("theme",)),
    }


def filled(text: str, generated: dict[str, str]) -> str:
    """`text` with what lies between each `<!-- NAME -->` and `<!-- /NAME -->` mark replaced by `generated[NAME]`."""
    for mark, body in generated.items():
        pattern = re.compile(rf"(<!-- {mark} -->\n).*?(<!-- /{mark} -->)", re.S)
        text = pattern.sub(lambda found, body=body: found[1] + body + found[2], text)
    return text


if __name__ == "__main__":  # python -m brochure.schema.reference docs/content.md docs/layouts.md
    for name in sys.argv[1:]:
        doc = Path(name)
        doc.write_text(filled(doc.read_text(encoding="utf-8"), references()), encoding="utf-8")
