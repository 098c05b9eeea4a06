"""The form of `brochure edit`, made from the content schema: the document, then each section, its blocks and
their fields, every language of a text side by side.

The form walks the schema classes (`schema.content`, `schema.blocks`) over the content file's nodes, so a new
block type or field appears in it without a line here. It shows what a person edits: texts, times, dates,
addresses, links and images. How a block looks (level, style, colours, focus, ratio, icons) stays in
content.yaml. Each field carries its path as the checks name it (`sections.about.blocks[2].text.text.de`) and
the value it showed (`data-base`), so that a save sends what changed and what it started from. A value is shown
as it was typed (`node.value`): `18:30` stays `18:30`, which YAML 1.1 would read as a number.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Sequence
from html import escape
from pathlib import Path
from typing import Any

import yaml

from brochure.files.imagefiles import IMAGE_TYPES
from brochure.schema.base import Field, ListOf, Section
from brochure.schema.blocks import BLOCK_TYPES, Time, Words
from brochure.schema.content import Document
from brochure.schema.fields import Asset, Date, Email, Phone, Text, Translated, Url

_LINES = (Text, Url, Email, Phone, Date, Time)  # one line each
MAX_IMAGES = 200  # listed to choose from: more than any leaflet's folder holds
_SHORT_FORM = re.compile(r"^(sections\.[^.\[]+)\.blocks\[")


def short_form(path: str) -> str:
    """A field's path with a section's blocks written the short way, `sections.about[2]`: the one form the form
    and the findings are matched in, whichever way the section is written."""
    return _SHORT_FORM.sub(r"\1[", path, count=1)


def shown(node: yaml.Node | None) -> Any:
    """A field's value as the form shows it and a save compares it: a scalar as typed, a mapping of them, None."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag.endswith(":null") else node.value
    if isinstance(node, yaml.MappingNode):
        return {str(key.value): shown(value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}
    if isinstance(node, yaml.SequenceNode):
        return [shown(item) for item in node.value]
    return None


def project_images(project: Path, outdir: Path) -> list[str]:
    """The image files of the project to choose from, as paths relative to it, sorted; not the outputs, nothing
    hidden, nothing reached through a link."""
    found = []
    outdir = outdir.resolve()
    # out/ is left out even when this run writes elsewhere: it holds the previews of earlier builds.
    for folder, subfolders, files in os.walk(project):  # os.walk does not go down a link
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith(".") and Path(folder, name).resolve() != outdir and name != "out"
        )
        for name in sorted(files):
            path = Path(folder, name)
            if path.suffix.lower() in IMAGE_TYPES and not name.startswith(".") and not path.is_symlink():
                found.append(path.relative_to(project).as_posix())
        if len(found) >= MAX_IMAGES:
            break
    return sorted(found[:MAX_IMAGES])


class _Walk:
    """One rendering of the form: the content's languages, the images to choose from, the words of the page."""

    def __init__(self, languages: Sequence[str], images: Sequence[str], words: dict[str, str]) -> None:
        self.languages = tuple(languages)
        self.images = tuple(images)
        self.words = words

    def field(self, declared: Field, name: str, path: str, node: yaml.Node | None) -> Iterator[str]:
        """The HTML of one field; nothing for a setting of how it looks."""
        if isinstance(declared, (Words, Translated)) and not isinstance(declared, ListOf):
            yield self.text(name, path, node, translated_only=isinstance(declared, Translated))
        elif isinstance(declared, Asset):
            yield self.image(name, path, node)
        elif isinstance(declared, _LINES):
            yield self.line(name, path, node, "date" if isinstance(declared, Date) else "line")
        elif isinstance(declared, ListOf):
            yield from self.items(declared, name, path, node)
        elif isinstance(declared, Section):
            yield from self.group(declared, name, path, node)

    def _frame(self, kind: str, name: str, path: str, base: Any, body: str) -> str:
        return (
            f'<div class="field {kind}" data-kind="{kind}" data-path="{escape(path)}" '
            f'data-norm="{escape(short_form(path))}" data-base="{escape(json.dumps(base, ensure_ascii=False))}">'
            f'<span class="name">{escape(self.label(name))}</span>{body}'
            '<ul class="findings"></ul><p class="error" role="alert" hidden></p></div>'
        )

    def label(self, name: str) -> str:
        return self.words.get(f"field.{name}", name.replace("_", " "))

    def text(self, name: str, path: str, node: yaml.Node | None, translated_only: bool = False) -> str:
        """A printed text: a box per language side by side; one text for every language, with a way to
        translate it (the boxes per language, each starting from that text)."""
        base = shown(node)
        common = base if isinstance(base, str) else None
        per_language = base if isinstance(base, dict) else {}
        boxes = "".join(
            f'<label class="lang"><span class="code">{escape(lang.upper())}</span>'
            f'<textarea data-lang="{escape(lang)}" rows="{_rows(per_language.get(lang) or common)}" '
            f'lang="{escape(lang)}">{escape(str(per_language.get(lang) or common or ""))}</textarea>'
            f'<span class="room" data-room="{escape(short_form(f"{path}.{lang}"))}"></span></label>'
            for lang in self.languages
        )
        if common is None or translated_only:
            return self._frame("words", name, path, base, f'<div class="langs">{boxes}</div>')
        every = self.words["every-language"]
        one = (
            f'<label class="lang all"><span class="code">{escape(every)}</span>'
            f'<textarea data-lang="" rows="{_rows(common)}">{escape(common)}</textarea>'
            f'<span class="room" data-room="{escape(short_form(path))}"></span></label>'
        )
        button = f'<button type="button" class="translate">{escape(self.words["translate"])}</button>'
        body = f'<div class="langs one">{one}{button}</div><div class="langs" hidden>{boxes}</div>'
        return self._frame("words", name, path, base, body)

    def line(self, name: str, path: str, node: yaml.Node | None, kind: str) -> str:
        base = shown(node)
        value = "" if base is None else str(base)
        kind_attr = ' type="date"' if kind == "date" else ""
        body = f'<input{kind_attr} value="{escape(value)}">'
        return self._frame(kind, name, path, base, body)

    def image(self, name: str, path: str, node: yaml.Node | None) -> str:
        base = shown(node)
        choices = list(self.images)
        if isinstance(base, str) and base not in choices:
            choices.insert(0, base)
        options = "".join(
            f'<option value="{escape(image)}"{" selected" if image == base else ""}>{escape(image)}</option>'
            for image in choices
        )
        if base is None:  # an optional image the content does not give (a heading's logo): none chosen
            options = f'<option value="" selected>{escape(self.words["no-image"])}</option>' + options
        source = f' src="/image/{escape(base)}"' if isinstance(base, str) else ""
        body = (
            f'<div class="picture"><img class="thumb" alt=""{source}>'
            f"<select>{options}</select>"
            f'<label class="upload">{escape(self.words["upload"])}'
            '<input type="file" accept=".svg,.png,.jpg,.jpeg,image/svg+xml,image/png,image/jpeg"></label></div>'
        )
        return self._frame("image", name, path, base, body)

    def items(self, declared: ListOf, name: str, path: str, node: yaml.Node | None) -> Iterator[str]:
        """A list: each item, then a blank item to add, kept in a template until asked for."""
        rows = node.value if isinstance(node, yaml.SequenceNode) else []
        inner = "".join(
            f'<li class="item">{"".join(self.field(declared.item, "", f"{path}[{index}]", child))}</li>'
            for index, child in enumerate(rows)
        )
        blank = "".join(self.field(declared.item, "", "", None))
        yield (
            f'<fieldset class="list" data-list="{escape(path)}"><legend>{escape(self.label(name))}</legend>'
            f"<ol>{inner}</ol><template>{blank}</template>"
            f'<button type="button" class="add">{escape(self.words["add"])}</button></fieldset>'
        )

    def group(self, declared: Section, name: str, path: str, node: yaml.Node | None) -> Iterator[str]:
        children = _children(node)
        parts = [
            part
            for key, field in declared.declared.items()
            for part in self.field(field, key, f"{path}.{key}" if path else key, children.get(key))
        ]
        if name:
            yield f'<fieldset class="group"><legend>{escape(self.label(name))}</legend>{"".join(parts)}</fieldset>'
        else:
            yield from parts

    def block_fields(self, declared: Section, path: str, node: yaml.Node | None) -> str:
        """A block's fields: those it has, then those left out, folded away until asked for."""
        children = _children(node)
        held, empty = [], []
        for key, field in declared.declared.items():
            parts = "".join(self.field(field, key, f"{path}.{key}", children.get(key)))
            (held if key in children else empty).append(parts)
        more = "".join(empty)
        if more:
            more = f'<details class="more"><summary>{escape(self.words["more"])}</summary>{more}</details>'
        return "".join(held) + more


def _rows(text: object) -> int:
    """A text box's lines: enough for the text it starts with, at about 45 characters a line."""
    text = str(text or "")
    return max(1, min(8, sum(len(line) // 45 + 1 for line in text.splitlines() or [""])))


def _children(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def form(root: yaml.Node | None, images: Sequence[str], words: dict[str, str]) -> str:
    """The form of the content whose root node is `root`: the document, then each section and its blocks."""
    top = _children(root)
    languages = [str(shown(item)) for item in getattr(top.get("languages"), "value", [])]
    walk = _Walk(languages, images, words)
    parts = [
        f'<section class="section" data-section="document"><h2>{escape(words["document"])}</h2>',
        *walk.group(Document(), "", "document", top.get("document")),
        "</section>",
    ]
    for key, body in _children(top.get("sections")).items():
        blocks_path = f"sections.{key}"
        blocks = body
        if isinstance(body, yaml.MappingNode):
            blocks, blocks_path = _children(body).get("blocks"), f"sections.{key}.blocks"
        parts.append(
            f'<section class="section" data-section="{escape(key)}" data-norm="sections.{escape(key)}">'
            f'<h2>{escape(key.replace("_", " "))}</h2><ul class="findings"></ul>'
        )
        for index, block in enumerate(blocks.value if isinstance(blocks, yaml.SequenceNode) else []):
            parts.append(_block(walk, block, f"{blocks_path}[{index}]"))
        parts.append("</section>")
    return "\n".join(parts)


def _block(walk: _Walk, node: yaml.Node, path: str) -> str:
    """One block: its type as a title, then its fields; a block with nothing to edit (a spacer) is left out."""
    if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
        key, fields = node.value[0]
        kind = str(key.value)
    else:
        kind, fields = str(getattr(node, "value", "")), None
    block = BLOCK_TYPES.get(kind)
    if block is None:
        return ""
    inner = walk.block_fields(block(), f"{path}.{kind}", fields)
    if "data-path" not in inner:
        return ""
    title = walk.words.get(f"block.{kind}", kind)
    return (
        f'<div class="block" data-block="{escape(path)}" data-norm="{escape(short_form(path))}">'
        f'<h3>{escape(title)}</h3><ul class="findings"></ul>{inner}</div>'
    )
