"""What a save of `brochure edit` does to content.yaml, and where an uploaded image goes.

A save names each field it changes, with the value the page showed when it was opened (`base`).
A field whose value on disk is no longer that base was changed meanwhile, by another tab or by hand:
the save is refused and names those fields, and writes nothing. Fields the save does not touch are left
as they are on disk, so two tabs that edit different fields both keep their work (merged field by field).
The changes are written by `content.write.write_changes` into a hidden copy beside content.yaml, which is
loaded and checked as a build does; only a valid copy replaces content.yaml (atomically), so the file and
the watch never see a broken content. An invalid save is the first line of its error, naming its field.

An upload is checked with the checks and the words of a build (`schema.fields.image_problem`) before a
byte is written, then written into the project's `assets/` under a tidy name of its own.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brochure.commands.editform import shown
from brochure.content.load import load_content
from brochure.content.write import Change, write_changes
from brochure.errors import InputError
from brochure.files.imagefiles import IMAGE_TYPES, MAX_IMAGE_BYTES
from brochure.files.yamlfile import read_yaml
from brochure.preflight.located import field_node
from brochure.schema.fields import image_problem

MAX_UPLOAD_BYTES = max(MAX_IMAGE_BYTES.values())  # the largest image a build takes
MAX_FIELDS = 500  # in one save: more than a leaflet has
MAX_PATH_CHARS = 300
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_WHERE = re.compile(r"^[^\n]*?:\d+:\d+: (?P<field>[^\s:]+): ")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Refused(ValueError):
    """A save or an upload that is not taken, and why, in one line."""


@dataclass(frozen=True)
class Edit:
    """One field as the page sends it: its path, its new value, the value the page showed, and its kind."""

    path: str
    value: Any
    base: Any
    kind: str = "words"


@dataclass(frozen=True)
class Saved:
    """What became of a save: written, or refused for fields changed meanwhile, or for an invalid content."""

    conflicts: tuple[str, ...] = ()
    error: str | None = None  # the first line of the content's error, `content.yaml:LINE:COL: field: message`
    field: str | None = None  # the field that line names

    @property
    def ok(self) -> bool:
        return not self.conflicts and self.error is None


def edits_of(posted: Any) -> tuple[list[Edit], list[tuple[str, Any]]]:
    """The edits and the items to append (list path, item) a save posted as JSON; Refused if it is not one."""
    if not isinstance(posted, dict):
        raise Refused("expected a JSON object")
    fields, added = posted.get("fields", []), posted.get("added", [])
    if not isinstance(fields, list) or not isinstance(added, list) or len(fields) + len(added) > MAX_FIELDS:
        raise Refused(f"expected at most {MAX_FIELDS} fields and added items")
    edits = [
        Edit(_path(item.get("path")), _value(item.get("value")), item.get("base"), str(item.get("kind", "words")))
        for item in fields
        if isinstance(item, dict)
    ]
    appended = [(_path(item.get("list")), _value(item.get("value"))) for item in added if isinstance(item, dict)]
    return edits, appended


def _path(path: Any) -> str:
    if not isinstance(path, str) or not path or len(path) > MAX_PATH_CHARS:
        raise Refused("a field without a path")
    return path


def _value(value: Any, depth: int = 0) -> Any:
    """A value as the content holds it: texts, and mappings and lists of them, not deeper than a block's."""
    if value is None or isinstance(value, str):
        return value
    if depth < 4 and isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {key: _value(item, depth + 1) for key, item in value.items()}
    if depth < 4 and isinstance(value, list):
        return [_value(item, depth + 1) for item in value]
    raise Refused("expected texts")


class Saver:
    """The saves of one content file, one at a time."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self._lock = threading.Lock()

    def save(self, edits: Sequence[Edit], added: Sequence[tuple[str, Any]]) -> Saved:
        with self._lock:
            root, _ = read_yaml(self.content, "content")
            changed = tuple(edit.path for edit in edits if shown(field_node(root, edit.path)) != edit.base)
            if changed:
                return Saved(conflicts=changed)
            changes = [change for edit in edits for change in _changes(edit)]
            for path, item in added:
                if _tidy(item) is not None:  # to a list the file has, else the list of that one item
                    exists = field_node(root, path) is not None
                    changes.append(Change(path, _tidy(item), "append") if exists else Change(path, [_tidy(item)]))
            if changes:
                return self._write(changes)
            return Saved()

    def _write(self, changes: list[Change]) -> Saved:
        """Write `changes` into a copy, check it as a build loads it, and put it in place only if it is valid."""
        copy = self.content.with_name(f".{self.content.name}.saving")  # hidden: the watch skips it
        try:
            copy.write_bytes(self.content.read_bytes())
            write_changes(copy, changes)
            load_content(copy)
        except InputError as exc:
            copy.unlink(missing_ok=True)
            first = str(exc).splitlines()[0].replace(str(copy), self.content.name)
            match = _WHERE.match(first)
            return Saved(error=first, field=match["field"] if match else None)
        os.replace(copy, self.content)
        return Saved()


def _changes(edit: Edit) -> list[Change]:
    """The changes to the file one edited field makes: a translated text changes only the languages edited, so
    that only their lines change."""
    value, base = edit.value, edit.base
    if isinstance(value, dict) and isinstance(base, dict):
        return [Change(f"{edit.path}.{lang}", text) for lang, text in value.items() if text != base.get(lang)]
    if value in (None, "") and base in (None, ""):
        return []
    if value in (None, ""):
        return [Change(edit.path, None, "remove")]
    if edit.kind == "date" and isinstance(value, str) and _DATE.match(value):
        try:
            return [Change(edit.path, dt.date.fromisoformat(value))]  # a date, as YAML writes one: unquoted
        except ValueError:
            pass  # an impossible date: the check says so
    return [Change(edit.path, _tidy(value))]


def _tidy(value: Any) -> Any:
    """An added item without its empty fields; None if nothing is left."""
    if isinstance(value, Mapping):
        kept = {key: _tidy(item) for key, item in value.items()}
        kept = {key: item for key, item in kept.items() if item is not None}
        return kept or None
    if isinstance(value, list):
        kept = [item for item in map(_tidy, value) if item is not None]
        return kept or None
    return value if value not in (None, "") else None


def store_upload(project: Path, name: str, data: bytes) -> str:
    """Write an uploaded image into the project's assets/ and return its path relative to the project; Refused
    with a build's words if it is not an image brochure prints. The same file uploaded twice is stored once."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise Refused(f"{name}: too large (at most {MAX_UPLOAD_BYTES // 1_000_000} MB)")
    stem, suffix = os.path.splitext(os.path.basename(name.replace("\\", "/")))
    stem = _UNSAFE.sub("-", stem).strip(".-")[:60] or "image"
    tidy = f"{stem}{suffix.lower()}"
    if suffix.lower() not in IMAGE_TYPES:
        raise Refused(f"{tidy!r} is not an image brochure takes (svg, png, jpg, jpeg)")
    problem = image_problem(tidy, data)
    if problem is not None:
        raise Refused(problem)
    assets = project / "assets"
    if assets.is_symlink() and not assets.resolve().is_relative_to(project.resolve()):
        raise Refused("assets/ leads out of the project folder (a symbolic link): nothing is written there")
    assets.mkdir(exist_ok=True)
    if not assets.is_dir():
        raise Refused("assets is not a folder: nothing is written there")
    target, number = assets / tidy, 1
    while target.exists() or target.is_symlink():
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            return target.relative_to(project).as_posix()
        number += 1
        target = assets / f"{stem}-{number}{suffix.lower()}"
    part = assets / f".{target.name}.part"  # hidden, and an editor's leftover to the watch: never built
    part.write_bytes(data)
    os.replace(part, target)
    return target.relative_to(project).as_posix()
