"""Whether this tree builds the same bytes as another revision: every edition of the repository's
leaflet, an event leaflet, printer's marks, the proof, and a build in one process (`-j 1`).

    python tools/same_outputs.py REV     # e.g. HEAD~3, or the commit before a refactoring

REV is checked out into a temporary folder (a detached git worktree, removed afterwards); both
trees build with a cache of their own, and every file they write is compared byte for byte.
Exits 0 when all are the same, 1 when a file differs or is missing, 2 when a build fails.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def builds(tree: Path) -> list[tuple[str, list[str]]]:
    """The builds compared, by the name of their output folder: what users run, and the variants."""
    event = sorted((tree / "events").glob("*.yaml"))
    runs = [
        ("all", []),
        ("one-process", ["-j", "1", "--only", "print,email"]),
        ("marks", ["--marks", "crop,fold", "--only", "print"]),
        ("proof", ["--only", "print,proof"]),
    ]
    if event:
        runs.append(("event", ["--event", str(event[0].relative_to(tree))]))
    return runs


def build_all(tree: Path, out: Path) -> dict[str, str]:
    """Build every run of `tree` (its code and its project) into `out`; each file's SHA-256 by its path."""
    env = {**os.environ, "PYTHONPATH": str(tree), "BROCHURE_CACHE": str(out / "cache")}
    env.pop("SOURCE_DATE_EPOCH", None)
    for name, options in builds(tree):
        command = [sys.executable, "-m", "brochure", "build", "-q", "-o", str(out / name), *options]
        ran = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
        if ran.returncode != 0:
            raise SystemExit(f"{tree}: `brochure build {' '.join(options)}` failed ({ran.returncode}):\n{ran.stderr}")
    return {
        path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.relative_to(out).parts[0] != "cache"
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the revision to compare with (a commit, a branch, HEAD~N)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="same-outputs-") as scratch:
        other = Path(scratch) / "other"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(other), args.rev], check=True)
        try:
            before = build_all(other, Path(scratch) / "before")
            after = build_all(ROOT, Path(scratch) / "after")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=False)
    differ = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    for name in differ:
        print(f"{'differs' if name in before and name in after else 'missing in one'}: {name}")
    print(f"{len(after)} files compared with {args.rev}: " + (f"{len(differ)} differ" if differ else "all the same"))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
