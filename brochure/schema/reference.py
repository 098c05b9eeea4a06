"""The reference of the block vocabulary, in Markdown, written from the schema itself.

The README's block reference is this text (a test holds them equal), so that the reference
cannot drift from what the schema checks: each block's docstring, its fields with theirs,
and an example that the schema takes.
"""

from __future__ import annotations

from brochure.schema.base import Field, ListOf, Section
from brochure.schema.blocks import BLOCK_TYPES, Words
from brochure.schema.fields import Asset, Date, Email, Phone, Text, Translated, Url
from brochure.schema.jsonparts import attribute_docs


def kind_of(field: Field) -> str:
    """What a field takes, in a few words."""
    if isinstance(field, Words):
        return "text or {lang: text}"
    if isinstance(field, ListOf):
        inner = kind_of(field.item)
        return f"list of {inner}"
    if isinstance(field, Section):
        return "mapping: " + ", ".join(field.declared)
    names = {Translated: "{lang: text}", Text: "text", Url: "web address", Email: "e-mail address"}
    names |= {Phone: "phone number", Asset: "image file", Date: "YYYY-MM-DD"}
    for klass, words in names.items():
        if isinstance(field, klass):
            return words
    doc = (type(field).__doc__ or "").strip().split("\n")[0].rstrip(".")
    return doc[0].lower() + doc[1:] if doc else type(field).__name__


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
