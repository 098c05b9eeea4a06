"""Where a finding is in the content file: the field it names, else the section its panel prints, and its line.

A check names a content field in its message where it knows one (`sections.about[2].text.de is
missing from the PDF`, `content.yaml:41:11: sections.about[5].text.fr ends the panel`); a
finding that only knows its panel is located at the first section the layout places there. A
field is found in the file as the schema names it, or with a section's blocks written under
`blocks` (`sections.about.blocks[2]`): the same field, in the longer of the two ways to write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from brochure.errors import InputError
from brochure.files.yamlfile import node_at, read_yaml
from brochure.preflight.registry import Finding
from brochure.sheet.layout import Layout

# A section's block as a field names it, `sections.about[2]`; written as a mapping, `sections.about.blocks[2]`.
_SECTION_BLOCK = re.compile(r"^(sections\.[^.\[]+)\[")
# What may be a field's path in a message: words joined by dots or followed by an index, `a.b[2].c`.
_FIELD_LIKE = re.compile(r"[A-Za-z_][\w-]*(?:\[\d+\])*(?:(?:\.[A-Za-z_][\w-]*)(?:\[\d+\])*|\[\d+\])+")


@dataclass(frozen=True)
class Location:
    """A place in the content file: the field (or section) and its 1-based line and column."""

    field: str
    line: int
    column: int
    named: bool = True  # False where the finding named no field: the section its panel prints

    def where(self, path: Path) -> str:
        """`content.yaml:LINE:COL`, by the file's name."""
        return f"{path.name}:{self.line}:{self.column}"


def content_root(path: Path) -> yaml.Node | None:
    """The root node of the content file at `path`; None where it cannot be read as YAML."""
    try:
        root, _ = read_yaml(path, "content")
    except InputError:
        return None
    return root


def field_node(root: yaml.Node, field: str) -> yaml.Node | None:
    """The node of a content field as a check names it, whichever way its section is written; None if none."""
    return node_at(root, field) or node_at(root, _SECTION_BLOCK.sub(r"\1.blocks[", field, count=1))


def field_location(root: yaml.Node, field: str) -> Location | None:
    """Where the content field `field` is in the file whose root is `root`; None if it does not hold it."""
    node = field_node(root, field)
    return _at(field, node) if node is not None else None


def locate(finding: Finding, root: yaml.Node | None, layout: Layout | None = None) -> Location | None:
    """Where in the content `finding` is: the first field its message names that the file holds, else the
    first section the layout prints on its panel; None where neither is known."""
    if root is None:
        return None
    for candidate in _FIELD_LIKE.findall(finding.message):
        found = field_location(root, candidate)
        if found is not None:
            return found
    if finding.panel is None or layout is None:
        return None
    try:
        sections = layout.panel(finding.panel).sections
    except KeyError:  # a panel the layout does not have: the finding says so itself
        return None
    for section in sections:
        node = node_at(root, f"sections.{section}")
        if node is not None:
            return _at(f"sections.{section}", node, named=False)
    return None


def _at(field: str, node: yaml.Node, named: bool = True) -> Location:
    return Location(field, node.start_mark.line + 1, node.start_mark.column + 1, named)
