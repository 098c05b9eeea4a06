"""No warm state in module globals: what a process keeps between builds lives on the render session."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "brochure"
MUTABLE_CALLS = {
    "dict",
    "list",
    "set",
    "defaultdict",
    "OrderedDict",
    "WeakKeyDictionary",
    "WeakValueDictionary",
    "Kept",
}
# What may read a module's container without changing it.
READERS = {"join", "translate", "get", "len", "sorted", "list", "tuple", "frozenset", "any", "all", "iter", "enumerate"}
READERS |= {"zip", "map", "filter", "isinstance", "min", "max", "sum", "set", "dict", "str", "repr", "format", "items"}
MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault", "pop", "popitem", "clear", "remove", "discard"}
# Memos of pure functions: each answer depends only on the arguments, so nothing kept can go stale.
PURE_MEMOS = {
    ("brochure/html/qrcodes.py", "qr_svg"),  # a QR code's SVG, of its data and colour
    ("brochure/text/typography.py", "_word_pattern"),  # a regular expression, of the words it matches
    ("brochure/text/typography.py", "_dictionary"),  # pyphen's dictionary of a language, as installed
    ("brochure/text/typography.py", "_markdown"),  # the Markdown parser of one fixed configuration, made once
    ("brochure/sheet/colour.py", "_profile"),  # a colour profile, of its bytes
    ("brochure/schema/jsonparts.py", "_module_docs"),  # the attribute docstrings in one of brochure's modules
    ("brochure/content/sanity.py", "_detected"),  # CLD2's reading of a text, of the text alone
}


def mutable_globals(tree: ast.Module) -> set[str]:
    """The names a module binds at its top level to a container that can change."""
    names = set()
    for node in tree.body:
        targets, value = [], None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        literal = isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp))
        call = (
            isinstance(value, ast.Call) and getattr(value.func, "id", getattr(value.func, "attr", "")) in MUTABLE_CALLS
        )
        if literal or call:
            names |= {target.id for target in targets if isinstance(target, ast.Name)}
    return names


def mutated(tree: ast.Module, names: set[str]) -> set[str]:
    """Which of `names` the module changes: item assignment or deletion, or a mutating method call."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                if isinstance(target, ast.Subscript) and getattr(target.value, "id", None) in names:
                    found.add(target.value.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
            if getattr(node.func.value, "id", None) in names:
                found.add(node.func.value.id)
        elif isinstance(node, ast.Global):
            found |= set(node.names)
        if isinstance(node, ast.Call):  # handed to a function that may keep things in it
            callee = getattr(node.func, "id", getattr(node.func, "attr", ""))
            arguments = [*node.args, *(keyword.value for keyword in node.keywords if keyword.arg)]  # not **spread
            passed = {argument.id for argument in arguments if isinstance(argument, ast.Name)}
            if callee not in READERS:
                found |= passed & names
    return found


def memos(tree: ast.Module) -> set[str]:
    """The module-level functions whose answers are kept by functools (lru_cache, cache)."""
    found = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                text = ast.unparse(decorator.func if isinstance(decorator, ast.Call) else decorator)
                if text.split(".")[-1] in ("lru_cache", "cache"):
                    found.add(node.name)
    return found


def test_no_module_keeps_warm_state_of_its_own():
    kept = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT).as_posix()
        kept += [f"{where}: {name} is changed at run time" for name in sorted(mutated(tree, mutable_globals(tree)))]
        kept += [
            f"{where}: {name} keeps its answers" for name in sorted(memos(tree)) if (where, name) not in PURE_MEMOS
        ]
    assert kept == []


def test_the_scan_finds_a_module_cache_and_a_memo():
    tree = ast.parse(
        "import functools\n"
        "_SEEN: dict = {}\n"
        "_CONSTANT = {'a': 1}\n"
        "_KEPT = []\n"
        "def remember(key, value):\n    _SEEN[key] = value\n    keep(_KEPT, value)\n    print(len(_CONSTANT))\n"
        "@functools.lru_cache(maxsize=8)\ndef read(path):\n    return open(path).read()\n"
    )
    assert mutated(tree, mutable_globals(tree)) == {"_SEEN", "_KEPT"}
    assert memos(tree) == {"read"}


def test_the_pure_memos_exist():
    for where, name in PURE_MEMOS:
        assert name in memos(ast.parse((ROOT / where).read_text(encoding="utf-8"))), where
