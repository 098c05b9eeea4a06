"""How the leaflet's previews differ from another revision's, pixel by pixel and panel by panel.

    python tools/compare_previews.py REV     # e.g. the commit before a rewrite of the templates

REV is checked out into a temporary folder (a detached git worktree, removed afterwards); both trees
build the repository's leaflet's previews, and every panel picture of the two is compared: the share of
its pixels that differ by more than a trace (a channel by more than 24 of 255, above what anti-aliasing
moves), and the box, in mm from the panel's top left, that holds them. A difference shows as a table row;
a file only one side has is named. Exits 0 when no panel differs, 1 when one does, 2 when a build fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from brochure.editions.previews import PREVIEW_PPI  # noqa: E402  (this tree's brochure, not an installed one)

THRESHOLD = 24  # of 255 in any channel: a changed glyph or colour, not a re-rasterised edge


def build_previews(tree: Path, out: Path) -> Path:
    """The previews folder of the leaflet of `tree`, built with the code of `tree`."""
    command = [sys.executable, "-m", "brochure", "build", "--only", "previews", "--no-cache", "-o", str(out)]
    result = subprocess.run(command, cwd=tree, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}, check=False)
    if result.returncode != 0:
        raise SystemExit(2)
    return next(out.glob("*-previews"))


def compare(old: Path, new: Path) -> list[tuple[str, float, tuple[float, float, float, float] | None]]:
    """For each panel picture, the share of pixels that differ and the box (mm) that holds them."""
    rows = []
    for path in sorted(new.glob("panel-*.png")):
        other = old / path.name
        if not other.exists():
            rows.append((path.name, 1.0, None))
            continue
        a, b = Image.open(other).convert("RGB"), Image.open(path).convert("RGB")
        if a.size != b.size:
            rows.append((path.name, 1.0, None))
            continue
        diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > THRESHOLD else 0)
        changed = diff.histogram()[255]
        box = diff.getbbox()
        mm = 25.4 / PREVIEW_PPI
        rows.append((path.name, changed / (a.width * a.height), tuple(v * mm for v in box) if box else None))
    rows += [(path.name, 1.0, None) for path in sorted(old.glob("panel-*.png")) if not (new / path.name).exists()]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", help="the revision to compare with, e.g. HEAD~1")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        other = Path(scratch) / "other"
        subprocess.run(["git", "worktree", "add", "--detach", str(other), args.rev], cwd=ROOT, check=True)
        try:
            old = build_previews(other, Path(scratch) / "old")
            new = build_previews(ROOT, Path(scratch) / "new")
            rows = compare(old, new)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, check=True)
    print("| panel | pixels changed | where (mm from the panel's top left) |")
    print("|---|---|---|")
    for name, share, box in rows:
        where = "the whole picture (missing or resized)" if box is None and share else ""
        if box:
            where = f"x {box[0]:.0f}–{box[2]:.0f}, y {box[1]:.0f}–{box[3]:.0f}"
        print(f"| {name} | {share:.2%} | {where} |")
    return 1 if any(share for _, share, _ in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
