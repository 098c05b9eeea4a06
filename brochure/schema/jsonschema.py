"""The JSON Schema (draft 2020-12) of content.yaml and of an event file, for editors.

An editor given the schema (VS Code's YAML extension reads it from a first line
`# yaml-language-server: $schema=content.schema.json`) completes keys, shows each key's
docstring, and flags a misspelt key or a value of the wrong kind as it is typed. The schema is
made from the schema classes themselves (each field's `json_schema`), so it says what they
say; it is a help, not the judge: what an editor can check is looser than what `validate`
does (the content's own languages, files on disk, the layout), and brochure has the last word.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from brochure.schema.base import Section
from brochure.schema.content import CONTENT
from brochure.schema.event import EVENT
from brochure.schema.jsonparts import summary
from brochure.version import __version__

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# No web address is brochure's: the .invalid domain never resolves, so the ids name no one else's page.
BASE_ID = "https://brochure.invalid/"


@dataclass(frozen=True)
class SchemaFile:
    """One file's schema: what it is called, the root of the schema classes that check it, and the
    command that prints it."""

    name: str  # also the file `brochure new` writes it as
    title: str
    root: Section
    command: str


SCHEMAS = {
    "content": SchemaFile("content.schema.json", "brochure content file (content.yaml)", CONTENT, "brochure schema"),
    "event": SchemaFile(
        "event.schema.json", "brochure event file (events/<slug>.yaml)", EVENT, "brochure schema --event"
    ),
}


def json_schema(kind: str = "content") -> dict[str, Any]:
    """The JSON Schema of a content file (`kind` "content") or of an event file ("event")."""
    schema_file = SCHEMAS[kind]
    return {
        "$schema": DRAFT,
        "$id": BASE_ID + schema_file.name,
        "$comment": f"Made by brochure {__version__}; `{schema_file.command} > {schema_file.name}` makes it anew.",
        "title": schema_file.title,
        "description": summary(type(schema_file.root).__doc__),
        **schema_file.root.json_schema(),
    }


def schema_text(kind: str = "content") -> str:
    """The JSON Schema of `kind` as a file holds it: sorted keys, indented, the same bytes every time."""
    return json.dumps(json_schema(kind), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
