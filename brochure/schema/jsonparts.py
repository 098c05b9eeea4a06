"""The pieces of JSON Schema (draft 2020-12) the fields of a schema describe themselves with.

Each `Field.json_schema` is made of these: a text that matches a pattern, a mapping of free
keys, a one-key mapping (a block), and the description an editor shows for a key, taken from
the docstring under the attribute that declares it. The patterns are ECMAScript regular
expressions, as JSON Schema has them and editors run them; those brochure writes are read
alike by Python's `re`.
"""

from __future__ import annotations

import ast
import functools
import inspect
import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a field is only asked for its schema: this module is below the machinery of fields
    from brochure.schema.base import Field


def described(field: Field, doc: str | None = None) -> dict[str, Any]:
    """The JSON Schema of `field` with a description an editor shows: `doc` (the docstring under the
    attribute that declares it), else the schema's own, else the first sentence of its class's docstring."""
    schema = field.json_schema()
    description = doc or schema.get("description") or summary(type(field).__doc__)
    return {**schema, "description": description} if description else schema


def string_schema(pattern: str, message: str, max_length: int | None = None, **more: Any) -> dict[str, Any]:
    """The JSON Schema of a text matching `pattern` (an ECMAScript regular expression, which Python
    reads alike), with `message` as the editor's words when it does not."""
    schema = {"type": "string", "pattern": pattern, "patternErrorMessage": message, **more}
    return schema if max_length is None else {**schema, "maxLength": max_length}


def mapping_schema(keys: dict[str, Any], values: dict[str, Any], **more: Any) -> dict[str, Any]:
    """The JSON Schema of a mapping of free keys, each key following `keys` and each value `values`."""
    return {"type": "object", "propertyNames": keys, "additionalProperties": values, **more}


def one_key_schema(options: dict[str, dict[str, Any]], bare: tuple[str, ...] | list[str] = ()) -> dict[str, Any]:
    """The JSON Schema of a one-key mapping `{name: value}`, each name's value following its schema in
    `options`, or of one of the `bare` names written alone: editors complete the names and flag a
    misspelt one, where a schema of free keys would accept it."""
    mapping = {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "properties": options,
        "additionalProperties": False,
    }
    if not bare:
        return mapping
    return {"anyOf": [{"type": "string", "enum": list(bare)}, mapping]}


def attribute_docs(cls: type) -> dict[str, str]:
    """The docstring under each attribute `cls` and its bases declare (the string that follows the
    assignment), by name, on one line; Python keeps no such docstring, so it is read from the source."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        docs.update(_module_docs(klass.__module__).get(klass.__qualname__, {}))
    return docs


@functools.cache
def _module_docs(module: str) -> dict[str, dict[str, str]]:
    """The attribute docstrings of every class of `module`, by the class's qualified name; the module is
    parsed once (inspect.getsource parses it anew for each class)."""
    try:
        tree = ast.parse(inspect.getsource(sys.modules[module]))
    except (KeyError, OSError, TypeError):  # no source: a built-in module, or one made at run time
        return {}
    found: dict[str, dict[str, str]] = {}
    _collect_docs(tree.body, "", found)
    return found


def _collect_docs(body: list[ast.stmt], prefix: str, found: dict[str, dict[str, str]]) -> None:
    for statement in body:
        if isinstance(statement, ast.ClassDef):
            qualname = prefix + statement.name
            found[qualname] = _docs_of(statement.body)
            _collect_docs(statement.body, qualname + ".", found)
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _collect_docs(statement.body, f"{prefix}{statement.name}.<locals>.", found)


def _docs_of(body: list[ast.stmt]) -> dict[str, str]:
    docs: dict[str, str] = {}
    for statement, following in zip(body, body[1:], strict=False):
        doc = _string(following)
        targets = statement.targets if isinstance(statement, ast.Assign) else [getattr(statement, "target", None)]
        for target in targets if doc else ():
            if isinstance(target, ast.Name):
                docs[target.id] = " ".join(doc.split())
    return docs


def _string(statement: ast.stmt) -> str | None:
    """The string a statement is made of, as a docstring is; None for any other statement."""
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
        return statement.value.value if isinstance(statement.value.value, str) else None
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def summary(doc: str | None) -> str | None:
    """The first sentence of a docstring, on one line."""
    if not doc:
        return None
    return _SENTENCE_END.split(" ".join(doc.split()), maxsplit=1)[0]
