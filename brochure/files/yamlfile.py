"""Reading a YAML file for a schema: bounded in size and depth, safe_load semantics, every node's mark.

`read_yaml` gives the document's root node and the value `yaml.safe_load` constructs for
every node, so that a schema can name the line and column of each problem it finds. A
file that cannot be read or parsed is one InputError naming FILE:LINE:COL. With `nfc`, every
text is read in Unicode's composed form (NFC): an editor may save "é" as "e" and a combining
accent (NFD, as macOS does), which the checks would otherwise not find in the PDF.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from brochure.errors import InputError
from brochure.files.paths import file_kind, read_input

# The QuattroPole content is 8 kB, and the schema's text limits fit in well under this;
# PyYAML's pure-Python parser (needed for the nesting bound) reads about 100 kB a second.
MAX_FILE_BYTES = 256_000
MAX_DEPTH = 32  # nesting levels; the content needs 6


def read_yaml(path: Path, kind: str, *, nfc: bool = False) -> tuple[yaml.MappingNode, dict[yaml.Node, Any]]:
    """The root mapping of the YAML file at `path` and the value of every node; `kind` names the file.
    With `nfc`, every text (keys too) in Unicode's composed form."""
    root, values = _parse(_read(path, kind), path, nfc)
    if not isinstance(root, yaml.MappingNode) or not isinstance(values.get(root), dict):
        line, column = (root.start_mark.line + 1, root.start_mark.column + 1) if root is not None else (1, 1)
        raise InputError(f"{path}:{line}:{column}: the {kind} must be a mapping of sections")
    return root, values


def _read(path: Path, kind: str) -> str:
    # At most one byte past the limit is read, and a named pipe or a device not at all.
    raw = read_input(path, MAX_FILE_BYTES, kind)
    other = file_kind(raw)
    if other is not None:  # a build's output given in place of its content
        raise InputError(f"{path}: {other}, not a {kind} file (YAML); give the path of a {kind} file")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        raise InputError(
            f"{path}:{line}:{column}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None


class _TooDeep(yaml.composer.ComposerError):
    pass


class _Loader(yaml.SafeLoader):
    """SafeLoader that bounds nesting, keeps each node's value, and marks every value error."""

    def __init__(self, stream: str, nfc: bool) -> None:
        super().__init__(stream)
        self.nfc = nfc
        self.depth = 0
        self.values: dict[yaml.Node, Any] = {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        # PyYAML composes recursively: without a bound, 10,000 '[' end in a RecursionError.
        if self.depth >= MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise _TooDeep(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            value = super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, IndexError) as exc:
            # e.g. `!!int x`, or an integer of more digits than Python converts
            message = f"cannot read this value: {exc}"
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from None
        if self.nfc and isinstance(value, str):
            value = unicodedata.normalize("NFC", value)
        self.values[node] = value
        return value

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        # An impossible date such as 2026-13-01 stays a text, for the schema to report
        # where it matters, instead of stopping the whole file.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _parse(text: str, path: Path, nfc: bool) -> tuple[yaml.Node | None, dict[yaml.Node, Any]]:
    """The document's root node and the safe_load value of every node in it."""
    loader = None
    try:
        loader = _Loader(text, nfc)  # checks that every character may be in YAML
        root = loader.get_single_node()
        if root is not None:
            loader.construct_document(root)
        return root, loader.values
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = str(exc.problem or "")
        if exc.context and not exc.context.startswith("while "):  # "expected a single document…"
            problem = f"{exc.context}, {problem}"
        problem = " ".join(problem.split())[:200]
        mark, problem = _in_plain_words(exc, text) or (mark, problem)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        if isinstance(exc, _TooDeep):
            raise InputError(f"{where}: {problem}") from None
        kind = "YAML error" if isinstance(exc, yaml.constructor.ConstructorError) else "YAML syntax error"
        raise InputError(f"{where}: {kind}: {problem}") from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise InputError(f"{path}:{line}:{column}: YAML syntax error: character U+{code:04X} is not allowed") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: YAML syntax error: {' '.join(str(exc).split())[:200]}") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply") from None
    finally:
        if loader is not None:
            loader.dispose()


def _in_plain_words(exc: yaml.MarkedYAMLError, text: str) -> tuple[yaml.Mark, str] | None:
    """The common YAML mistakes said so that a person editing the content can fix them, and where."""
    problem, mark = str(exc.problem or ""), exc.problem_mark
    if problem == "found unexpected end of stream" and exc.context == "while scanning a quoted scalar":
        return exc.context_mark, "the quote opened here is never closed"  # not the end of the file
    if mark is None:
        return None
    before = text[mark.index - mark.column : mark.index]  # the line up to the problem
    if "'\\t'" in problem:
        if before.strip():
            return mark, "a tab character; use spaces, or put the text in quotes"
        return mark, "a tab character; indent with spaces"
    if problem == "mapping values are not allowed here":
        if ": " in before or before.lstrip().startswith("- "):
            return mark, "a ':' inside a text; put the text in quotes"
        # The line continues the text above: a key indented too deep, or a text with ': ' in it.
        return mark, "a ':' on a line that continues a text; indent a key like the keys above, or quote the text"
    if problem.startswith("expected <block end>, but found"):
        quote = text[mark.index - 1 : mark.index]
        if quote == "'":
            return mark, "more text after a closing quote; inside '…' write an apostrophe as '', or quote with \"…\""
        if quote == '"':
            return mark, 'more text after a closing quote; inside "…" write a quote as \\", or quote with \'…\''
        return mark, "the indentation does not match the lines above"
    return None


_PATH_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def node_at(root: yaml.Node, path: str) -> yaml.Node | None:
    """The node of a field as the schema names it (`sections.about.blocks[2].text.text.de`); None if there is none."""
    node: yaml.Node | None = root
    for key, index in _PATH_STEP.findall(path):
        if isinstance(node, yaml.SequenceNode) and index:
            node = node.value[int(index)] if int(index) < len(node.value) else None
        elif isinstance(node, yaml.MappingNode) and key:
            node = next((value for item, value in node.value if getattr(item, "value", None) == key), None)
        else:
            return None
    return node
