"""The reference of the block vocabulary, in Markdown, written from the schema itself.

The README's block reference is this text (a test holds them equal), so that the reference
cannot drift from what the schema checks: each block's docstring, its fields with theirs,
and an example that the schema takes.
"""

from __future__ import annotations

import ast
import inspect
import textwrap

from brochure.schema.base import Field, ListOf, Section
from brochure.schema.blocks import BLOCK_TYPES, Words
from brochure.schema.fields import Asset, Date, Email, Phone, Text, Translated, Url


def attribute_docs(cls: type) -> dict[str, str]:
    """The docstring under each class attribute of `cls` (and of its bases), by attribute name."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass is object or not klass.__module__.startswith("brochure."):
            continue
        tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        body = tree.body[0].body
        for statement, following in zip(body, body[1:], strict=False):
            if (
                isinstance(statement, ast.Assign)
                and isinstance(statement.targets[0], ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                docs[statement.targets[0].id] = " ".join(following.value.value.split())
    return docs


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
