"""Time a cold `brochure build` against a bare WeasyPrint render of the same leaflet.

Run from the project root: `python tools/benchmark.py [RUNS]`. Each run is a fresh
Python process, so imports and font loading are counted, as a user would see them.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE_RENDER = """
import sys, weasyprint
weasyprint.HTML(filename=sys.argv[1], base_url=sys.argv[2]).write_pdf(sys.argv[3])
"""

CHECK = """
import sys
from pathlib import Path
from brochure.preflight import check_pdf
check_pdf(Path(sys.argv[1]))
"""


def timed(command: list[str], runs: int) -> float:
    """Median wall-clock seconds of `runs` runs of a command."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    from brochure import load_content, load_layout
    from brochure.build import document_date
    from brochure.templating import render_html

    with tempfile.TemporaryDirectory() as scratch:
        content = load_content(ROOT / "content.yaml")
        html = Path(scratch) / "leaflet.html"
        html.write_text(render_html(content, load_layout(content.layout_name), document_date(content)), "utf-8")
        bare = timed([sys.executable, "-c", BARE_RENDER, str(html), ROOT.as_uri() + "/", f"{scratch}/bare.pdf"], runs)
        build = timed([sys.executable, "-m", "brochure", "build", "content.yaml", "-o", scratch], runs)
        results = {"bare WeasyPrint render": bare, "cold brochure build": build}
        pdf = Path(scratch) / f"{content.name}-print.pdf"
        try:
            import brochure.preflight  # noqa: F401

            results["brochure check (read back)"] = timed([sys.executable, "-c", CHECK, str(pdf)], runs)
        except ImportError:
            pass
    print(f"median of {runs} cold runs, each a new process:")
    for name, seconds in results.items():
        print(f"  {name:<28} {seconds:6.2f} s")
    print(f"  build / bare render          {build / bare:6.2f} ×")


if __name__ == "__main__":
    main()
