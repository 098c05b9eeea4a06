"""Redraw the README's picture of the leaflet: the previews edition's contact sheet.

Run from the project root: `python tools/readme_pictures.py`.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from brochure.commands.build import build

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    with tempfile.TemporaryDirectory() as outdir:
        result = build(ROOT / "content.yaml", Path(outdir), ["previews"])
        (previews,) = [r for r in result.editions if r.edition == "previews"]
        sheet = next(w.path for w in previews.written if w.path.name == "contact-sheet.png")
        shutil.copyfile(sheet, ROOT / "docs" / "contact-sheet.png")
    print(f"wrote {ROOT / 'docs' / 'contact-sheet.png'}")


if __name__ == "__main__":
    main()
