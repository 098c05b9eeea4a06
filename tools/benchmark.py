"""Time a cold `brochure build` against a bare WeasyPrint render, and the checks against the render.

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


def timed(command: list[str], runs: int) -> float:
    """Median wall-clock seconds of `runs` runs of a command."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(runs: int) -> dict[str, float]:
    """Median seconds of the render and of the page checks, inside one warm process."""
    from brochure import load_content, load_layout
    from brochure.build import document_date
    from brochure.pdf import render, write_pdf
    from brochure.preflight import check_pdf
    from brochure.templating import render_html

    content = load_content(ROOT / "content.yaml")
    layout = load_layout(content.layout_name)
    date = document_date(content)
    renders, checks = [], []
    with tempfile.TemporaryDirectory() as scratch:
        pdf = Path(scratch) / "leaflet.pdf"
        for _ in range(runs):
            start = time.perf_counter()
            pdf.write_bytes(write_pdf(render(render_html(content, layout, date), content.project_dir, date)))
            renders.append(time.perf_counter() - start)
            start = time.perf_counter()
            check_pdf(pdf, layout, content)
            checks.append(time.perf_counter() - start)
    return {"render (HTML → PDF bytes)": statistics.median(renders), "all page checks": statistics.median(checks)}


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
        pdf = Path(scratch) / f"{content.name}-print.pdf"
        check = timed([sys.executable, "-m", "brochure", "check", str(pdf)], runs)
    print(f"median of {runs} cold runs, each a new process:")
    for name, seconds in (("bare WeasyPrint render", bare), ("brochure build", build), ("brochure check", check)):
        print(f"  {name:<28} {seconds:6.2f} s")
    print(f"  build / bare render          {build / bare:6.2f} ×")
    warm = in_process(runs)
    print(f"median of {runs} runs inside one process:")
    for name, seconds in warm.items():
        print(f"  {name:<28} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
