"""The import graph of `brochure/`, stage by stage; exits 1 on an import cycle or an upward import.

The package is its pipeline: each sub-package is a stage, and a stage imports only the stages
before it in `STAGES` (and itself). Run it from the repository's root:

    python tools/imports.py          # the graph, then the verdict
    python tools/imports.py --quiet  # the verdict only

Every `import` counts, at module level or inside a function, except those under
`if TYPE_CHECKING:` (they never run). The package root is the public API and may import anything.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "brochure"

# Lowest first. A stage may import itself and the stages before it, never one after it.
STAGES = (
    ("errors", "version", "units"),  # leaves: they import nothing of brochure's
    ("files",),
    ("text",),
    ("schema",),
    ("sheet",),
    ("content",),
    ("preflight",),  # checks judge a file against the layout and content, knowing nothing of its maker
    ("html",),
    ("render",),
    ("editions",),
    ("commands",),
    ("__init__", "__main__"),  # the public API and `python -m brochure`
)
RANK = {name: rank for rank, names in enumerate(STAGES) for name in names}


def modules(root: Path) -> dict[str, Path]:
    """Every module of the package under `root`, by dotted name (a package by its own name)."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts.pop()
        found[".".join(parts)] = path
    return found


def _runs(tree: ast.AST) -> Iterator[ast.AST]:
    """The nodes of `tree` that run, leaving out `if TYPE_CHECKING:` blocks."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in (child, *_runs(child)))
            continue
        yield node
        yield from _runs(node)


def imports_of(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of the package that module `name` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in _runs(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == PACKAGE)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != PACKAGE:
                continue
            for alias in node.names:  # `from brochure.x import y`: y may be a module
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in known else target)
    return {module for module in found if module in known and module != name}


def stage(module: str) -> str:
    """The stage a module belongs to: its first name under the package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of `graph`, each once: the groups of modules that reach each other."""
    reach = {}
    for start in graph:
        seen, todo = set(), list(graph[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(graph.get(node, ()))
        reach[start] = seen
    groups = {tuple(sorted(n for n in reach[node] if node in reach[n])) for node in graph if node in reach[node]}
    return sorted(list(group) for group in groups)


def problems(root: Path) -> tuple[dict[str, set[str]], list[str]]:
    """The graph of the package under `root`, and each cycle, upward import or unknown stage."""
    known = modules(root)
    graph = {name: imports_of(name, path, known) for name, path in known.items()}
    found = []
    for name in sorted(graph):
        if stage(name) not in RANK:
            found.append(f"{name}: stage {stage(name)!r} is not in tools/imports.py's STAGES")
            continue
        for other in sorted(graph[name]):
            if RANK.get(stage(other), -1) > RANK[stage(name)]:
                found.append(f"{name} imports {other}: {stage(name)} comes before {stage(other)}")
    found.extend(f"import cycle: {' → '.join(component)}" for component in cycles(graph))
    return graph, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="print the verdict only")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args(argv)
    graph, found = problems(args.root)
    if not args.quiet:
        by_stage: dict[str, set[str]] = {}
        for name, targets in graph.items():
            by_stage.setdefault(stage(name), set()).update(stage(t) for t in targets if stage(t) != stage(name))
        for names in STAGES:
            for name in names:
                if name in by_stage:
                    below = sorted(by_stage[name], key=lambda s: RANK.get(s, -1))
                    print(f"{name}: {', '.join(below) or '-'}")
        print()
    for line in found:
        print(line)
    print(
        f"{len(graph)} modules, {sum(map(len, graph.values()))} imports: "
        + (f"{len(found)} problems" if found else "no cycle, no upward import")
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
