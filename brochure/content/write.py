"""Writing fields into a content file in place: its comments, key order, quoting and layout kept.

The form of `brochure edit` and `brochure translate import` change a few texts of a file a person
wrote. The file is read and written again through a ruamel.yaml round trip, which keeps what
PyYAML would lose (comments, quoting, flow mappings); the indentation is the one that writes the
unchanged file back byte for byte, so that only the lines of the changed fields change.

A field is named as the checks name it: `sections.about.blocks[2].text.text.de`, or with a
section's blocks written straight under its name, `sections.about[2].text.text.de`. The caller
validates the result (`content.load`) and keeps the old bytes to put back if it fails.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from brochure.errors import InputError
from brochure.files.yamlfile import MAX_FILE_BYTES

# The indentations tried, most usual first (mapping, sequence, offset): the one `brochure new` writes,
# then the others editors write.
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0))
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_SECTION_BLOCK = re.compile(r"^(sections\.[^.\[]+)\[")
OPS = ("set", "append", "remove")
_RESOLVER = yaml.resolver.Resolver()


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # the value of a field the file does not hold


@dataclass(frozen=True)
class Change:
    """One edit of a content file: set a field, append to the list at a field, or remove a field."""

    field: str
    value: Any = None
    op: str = "set"


def current_value(path: Path, field: str) -> Any:
    """The plain value of `field` in the file at `path` (mappings and lists as dict and list); MISSING
    where the file does not hold it."""
    _, document = _load(path)
    found = _find(document, field)
    return MISSING if found is None else _plain(found[0][found[1]])


def write_changes(path: Path, changes: Sequence[Change]) -> None:
    """Apply every change to the file at `path`, all or none, and replace it atomically; InputError
    (`FILE: FIELD: no such field`) for a field it does not hold."""
    writer, document = _load(path)
    for change in changes:
        _apply(path, document, change)
    out = io.StringIO()
    writer.dump(document, out)
    data = out.getvalue().encode("utf-8")
    if data == path.read_bytes():
        return
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _load(path: Path) -> tuple[YAML, Any]:
    """The round-trip reader that writes this file back unchanged, and the file's document."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the content file ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError(f"{path}: the content file is larger than {MAX_FILE_BYTES // 1000} kB")
    text = raw.decode("utf-8", errors="replace")
    best: tuple[int, YAML, Any] | None = None
    for indent in _INDENTS:
        writer = YAML()
        writer.preserve_quotes = True
        writer.width = 4096  # never fold a long line the person wrote on one
        writer.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
        try:
            document = writer.load(text)
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
            raise InputError(f"{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
        out = io.StringIO()
        writer.dump(document, out)
        differs = sum(a != b for a, b in zip(out.getvalue().splitlines(), text.splitlines(), strict=False))
        if out.getvalue() == text:
            return writer, document
        if best is None or differs < best[0]:
            best = (differs, writer, document)
    return best[1], best[2]


def _find(document: Any, field: str) -> tuple[Any, Any] | None:
    """The container holding `field` and its key or index, whichever way its section is written."""
    for candidate in (field, _SECTION_BLOCK.sub(r"\1.blocks[", field, count=1)):
        found = _walk(document, candidate, create=False)
        if found is not None:
            return found
    return None


def _walk(document: Any, field: str, *, create: bool) -> tuple[Any, Any] | None:
    """The parent of the last step of `field` and that step; with `create`, the last key of a mapping
    that exists may be missing."""
    steps = [key if key else int(index) for key, index in _STEP.findall(field)]
    if not steps:
        return None
    node = document
    for step in steps[:-1]:
        if not _has(node, step):
            return None
        node = node[step]
    last = steps[-1]
    if _has(node, last) or (create and isinstance(node, CommentedMap) and isinstance(last, str)):
        return node, last
    return None


def _has(node: Any, step: str | int) -> bool:
    if isinstance(node, CommentedMap):
        return isinstance(step, str) and step in node
    if isinstance(node, CommentedSeq):
        return isinstance(step, int) and step < len(node)
    return False


def _apply(path: Path, document: Any, change: Change) -> None:
    if change.op not in OPS:
        raise ValueError(f"unknown change {change.op!r}")
    found = _find(document, change.field)
    if found is None and change.op == "set":
        for candidate in (change.field, _SECTION_BLOCK.sub(r"\1.blocks[", change.field, count=1)):
            found = _walk(document, candidate, create=True)
            if found is not None:
                break
    if found is None:
        raise InputError(f"{path.name}: {change.field}: no such field")
    parent, key = found
    if change.op == "set":
        parent[key] = _styled(parent[key] if _has(parent, key) else None, change.value)
    elif change.op == "append":
        if not isinstance(parent[key], CommentedSeq):
            raise InputError(f"{path.name}: {change.field}: not a list")
        parent[key].append(_styled(None, change.value))
    else:
        del parent[key]


def _styled(old: Any, value: Any) -> Any:
    """The new value written as the old one was: a quoted text stays quoted with the same quotes; a text
    that the content's reader would take for something else (`18:00`, `yes`, `1e3`) is quoted."""
    if isinstance(value, str) and isinstance(old, str) and type(old).__module__.startswith("ruamel"):
        return type(old)(value)  # the old value's scalar class carries its quoting style
    if isinstance(value, str):
        # The content is read as YAML 1.1 (PyYAML), where `18:00` is a number of minutes and `no` false.
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
        return value if tag == "tag:yaml.org,2002:str" else SingleQuotedScalarString(value)
    if isinstance(value, dict):
        return {key: _styled(None, item) for key, item in value.items()}
    if isinstance(value, list):
        return [_styled(None, item) for item in value]
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, CommentedMap):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, CommentedSeq):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value
