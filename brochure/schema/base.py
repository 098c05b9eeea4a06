"""The machinery of a declarative schema: fields, sections, lists, and the problems they find.

A schema walks the YAML node tree, so that every problem carries the line and column of
the node it is about, and reads each node's value as `yaml.safe_load` constructed it.
Each field also says what it accepts as JSON Schema (`json_schema`, of the pieces in
`schema.jsonparts`), for editors: the schema `schema.jsonschema` writes is made from the same
classes, never kept by hand.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from brochure.errors import InputError, capped_lines
from brochure.schema.jsonparts import attribute_docs, described

MAX_PROBLEMS = 50  # described; beyond that they are only counted
MAX_ITEMS = 100  # in any list: far more than a leaflet holds, few enough to render quickly

SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


INVALID = _Marker("INVALID")  # a value that failed; a problem has been reported
OMITTED = _Marker("OMITTED")  # an optional value left out


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a line and column (1-based)."""

    line: int
    column: int
    path: str
    message: str

    def format(self, source: str) -> str:
        where = f"{source}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


@dataclass
class Context:
    """What a validation run knows and collects."""

    values: dict[yaml.Node, Any]  # the safe_load value of every node
    project_dir: Path | None  # None for a built-in layout
    load_layout: Callable[[str], Any] | None = None  # how the content's `layout` is loaded
    layout: Any = None  # the content's Layout once `layout` is checked; None if it is not valid
    languages: tuple[str, ...] | None = None  # known once `languages` is valid
    palette: tuple[str, ...] | None = None  # the theme's colour names, known once the layout and theme are
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # what builds, but not as the user may expect
    # Every valid text (path, node, text) and every translated text (path, its node per language), for
    # the checks of what a text says (`brochure.content.sanity`), which need the whole content first.
    texts: list[tuple[str, yaml.Node, str]] = field(default_factory=list)
    translations: list[tuple[str, dict[str, yaml.Node]]] = field(default_factory=list)
    undescribed: int = 0  # problems beyond MAX_PROBLEMS
    total_chars: int = 0  # of all texts so far
    total_lines: int = 0
    disk_cache: bool = True  # whether brochure's cache may keep what is read (not with --no-cache)

    def value(self, node: yaml.Node) -> Any:
        return self.values.get(node)

    def report(self, node: yaml.Node, path: str, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.undescribed += 1
            return
        mark = node.start_mark
        self.problems.append(Problem(mark.line + 1, mark.column + 1, path, message))

    def warn(self, node: yaml.Node, path: str, message: str) -> None:
        """Note something that does not stop a build but that the user should know of."""
        mark = node.start_mark
        self.warnings.append(Problem(mark.line + 1, mark.column + 1, path, message))

    def warning_lines(self, source: str) -> tuple[str, ...]:
        """The warnings, one `FILE:LINE:COL: path: message` line each, in file order."""
        return tuple(warning.format(source) for warning in sorted(self.warnings, key=lambda w: (w.line, w.column)))

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS

    def raise_problems(self, source: str) -> None:
        """Raise one InputError with every problem found, in file order, if there is any."""
        if self.problems:
            self.problems.sort(key=lambda problem: (problem.line, problem.column))
            lines = [problem.format(source) for problem in self.problems]
            raise InputError(capped_lines(lines, "problems", MAX_PROBLEMS, hidden=self.undescribed))


class Field:
    """One value of the content: how it is checked and what it becomes."""

    def __init__(self, *, required: bool = True, placed: bool = False) -> None:
        self.required = required
        self.placed = placed  # a section of the content that a layout's panel prints

    def validate(self, node: yaml.Node, path: str, ctx: Context) -> Any:
        """The checked value of `node`; INVALID after reporting a problem, OMITTED if left empty."""
        value = ctx.value(node)
        if value is None and not self.required:
            return OMITTED
        return self.check(node, value, path, ctx)

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """What an editor may know of the values this field accepts, as JSON Schema (draft 2020-12):
        never less than `check` accepts, so that an editor flags no value brochure takes; {} is anything."""
        return {}


class Section(Field):
    """A mapping with a fixed set of keys, each declared as a class attribute holding a Field."""

    declared: ClassVar[dict[str, Field]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.declared = {name: value for name, value in vars(cls).items() if isinstance(value, Field)}

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (isinstance(node, yaml.MappingNode) and node.tag == MAP_TAG and isinstance(value, dict)):
            ctx.report(node, path, expected(f"a mapping ({', '.join(self.declared)})", value, node))
            return INVALID
        present: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = ctx.value(key_node)
            key_path = join(path, key)
            if not isinstance(key, str) or key not in self.declared:
                ctx.report(key_node, key_path, unknown_key(key, list(self.declared), ctx))
            elif key in present:
                ctx.report(key_node, key_path, f"duplicate key (first at line {present[key].start_mark.line + 1})")
            else:
                present[key] = value_node
        result: dict[str, Any] = {}
        for name, declared in self.declared.items():
            if name in present:
                checked = declared.validate(present[name], join(path, name), ctx)
                if checked is not OMITTED:
                    result[name] = checked
            elif declared.required:
                ctx.report(node, join(path, name), "missing required key")
        return result

    def json_schema(self) -> dict[str, Any]:
        docs = attribute_docs(type(self))
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {name: described(declared, docs.get(name)) for name, declared in self.declared.items()},
            "additionalProperties": False,  # a misspelt key is flagged where it is typed
        }
        required = [name for name, declared in self.declared.items() if declared.required]
        if required:
            schema["required"] = required
        return schema


class ListOf(Field):
    """A list whose items all follow one field."""

    def __init__(self, item: Field, *, min_items: int = 1, max_items: int = MAX_ITEMS, required: bool = True) -> None:
        super().__init__(required=required)
        self.item = item
        self.min_items = min_items
        self.max_items = max_items

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (isinstance(node, yaml.SequenceNode) and node.tag == SEQ_TAG and isinstance(value, list)):
            ctx.report(node, path, expected("a list", value, node))
            return INVALID
        if len(node.value) < self.min_items:
            ctx.report(node, path, "must not be empty" if self.min_items == 1 else f"needs {self.min_items} items")
            return INVALID
        if len(node.value) > self.max_items:
            ctx.report(node, path, f"too many items: {len(node.value):,} (at most {self.max_items:,})")
            return INVALID
        return [self.item.validate(child, f"{path}[{index}]", ctx) for index, child in enumerate(node.value)]

    def json_schema(self) -> dict[str, Any]:
        items = described(self.item)
        schema = {"type": "array", "items": items, "minItems": self.min_items, "maxItems": self.max_items}
        return (
            {**schema, "description": f"A list; each item: {items['description']}"}
            if "description" in items
            else schema
        )


def key_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node of `key` in a mapping node (the first, if the key is repeated)."""
    entry = _entry(node, key)
    return entry[1] if entry else None


def key_item(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The node of `key` itself in a mapping node, where a problem with the key is reported."""
    entry = _entry(node, key)
    return entry[0] if entry else None


def _entry(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_scalar, value_node in node.value:
            if isinstance(key_scalar, yaml.ScalarNode) and key_scalar.value == key:
                return key_scalar, value_node
    return None


def join(path: str, key: Any) -> str:
    """The path of `key` inside `path`: `document.title`, or a quoted key if it is not a plain word."""
    label = key if isinstance(key, str) and _PLAIN_KEY.match(key) else short(key)
    return f"{path}.{label}" if path else label


def short(value: Any, limit: int = 40) -> str:
    """A value as quoted in a message: one line, escaped, cut to `limit` characters."""
    if isinstance(value, str) and len(value) > limit:
        value = value[:limit] + "…"
    text = repr(value)
    return text if len(text) <= limit + 10 else text[:limit] + "…"


def unknown_key(key: Any, known: list[str], ctx: Context) -> str:
    """'unknown key', with the closest known key as a suggestion (not worked out once reporting is full)."""
    close = None if ctx.full else closest(key, known)
    return f"unknown key; did you mean {close!r}?" if close else f"unknown key; the keys here are {', '.join(known)}"


def closest(value: Any, known: list[str] | tuple[str, ...]) -> str | None:
    """The known word `value` most likely misspells, if any."""
    if not isinstance(value, str):
        return None
    close = difflib.get_close_matches(value[:100], known, n=1, cutoff=0.6)
    return close[0] if close else None


def expected(what: str, value: Any, node: yaml.Node | None = None) -> str:
    """'expected a text, got a list', with a hint where YAML read a text as something else."""
    message = f"expected {what}, got {kind(value, node)}"
    if what == "a text" and isinstance(value, (bool, int, float, dt.date)):
        message += "; put it in quotes to have it read as text"
    return message


# In order: bool before int (a bool is an int), datetime before date (a datetime is a date).
_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (type(None), "nothing"),
    (bool, "a yes/no value"),
    ((int, float), "a number"),
    (dt.datetime, "a date and time"),
    (dt.date, "a date"),
    (str, "a text"),
    (list, "a list"),
    (dict, "a mapping"),
    (bytes, "binary data"),
)
_TAGGED = ("tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs", "tag:yaml.org,2002:set")


def kind(value: Any, node: yaml.Node | None = None) -> str:
    """A value's type in the words of someone editing YAML."""
    if node is not None and node.tag in _TAGGED:
        return f"a value tagged !!{node.tag.rsplit(':', 1)[1]}"
    return next((words for types, words in _KINDS if isinstance(value, types)), f"a {type(value).__name__}")
