"""Time brochure against bare WeasyPrint, cold and warm, and a batch of events on 1 and 2 processes.

Run from the project root: `python tools/benchmark.py [RUNS]` (default 5). The
measurements are interleaved, one of each per round, so that the load of a shared
machine weighs on all of them alike; each figure is the median of RUNS rounds.

- cold: a new Python process each time, imports and font loading counted, as a user sees it:
  with the bytecode Python caches (this benchmark allows it even where the environment says not
  to) and brochure's own cache (hyphenation dictionaries, compiled templates) filled by one
  build before the rounds; and once per round with brochure's cache emptied, as the first
  build on a machine;
- warm: inside this one process, after a first build: what `brochure watch` pays per save.
  The warm rebuild edits the content before each build, as a save would: once on the cover,
  once in a facing column (whose levelling is then measured again);
- bare: WeasyPrint alone, given the print edition's HTML, its press stylesheet and PDF/X-4,
  with every file the HTML names (fonts, images, profile) at its real place; once a round
  also with the hyphenation patterns loaded from brochure's cache, for a like-for-like ratio;
- batch: `brochure build --all-events --only print` of 8 event leaflets, a new Python process
  each time as a user runs it, with `-j 1` and `-j 2`. (Not forked from this warm process:
  a child forked from a process that has fonts open would share their file offsets.)
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.request import url2pathname

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE_RENDER = """
import sys, weasyprint
stylesheet = weasyprint.CSS(filename=sys.argv[2])
weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[3], stylesheets=[stylesheet], pdf_variant="pdf/x-4")
"""
# The same, with the hyphenation patterns loaded from brochure's cache as brochure loads them
# (`hyphenation.py`), instead of parsed: what the bare render would pay with that cache.
BARE_RENDER_KEPT_PATTERNS = """
import marshal, sys, pyphen, weasyprint
from pathlib import Path
for language in ("fr", "de"):
    path = Path(pyphen.LANGUAGES[pyphen.language_fallback(language)])
    copy = max(Path(sys.argv[4]).glob(f"{path.stem}-*.marshal"), key=lambda copy: copy.stat().st_mtime)
    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns, dictionary.cache = marshal.loads(copy.read_bytes()), {}
    dictionary.maxlen = max(map(len, dictionary.patterns))
    pyphen.hdcache[path] = dictionary
stylesheet = weasyprint.CSS(filename=sys.argv[2])
weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[3], stylesheets=[stylesheet], pdf_variant="pdf/x-4")
"""
VIRTUAL_URL = re.compile(r"file:///\.brochure/(?:project|assets|layouts)/[^\"')\s]+")
BATCH_EVENTS = 8


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cold(command: list[str], environment: dict[str, str] | None = None) -> Callable[[], object]:
    return lambda: subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=environment)


def cold_environment(scratch: Path) -> dict[str, str]:
    """A new process's environment as on a user's machine: Python's bytecode cached (here in the
    scratch folder), brochure's cache in the scratch folder too."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return environment | {"PYTHONPYCACHEPREFIX": str(scratch / "bytecode"), "BROCHURE_CACHE": str(scratch / "cache")}


def scratch_project(scratch: Path) -> Path:
    """A copy of the QuattroPole project with BATCH_EVENTS copies of the example event."""
    project = scratch / "project"
    project.mkdir()
    shutil.copy(ROOT / "content.yaml", project / "content.yaml")
    shutil.copytree(ROOT / "assets", project / "assets", ignore=shutil.ignore_patterns("fonts", "profiles"))
    (project / "events").mkdir()
    example = (ROOT / "events" / "rencontre-2027.yaml").read_text(encoding="utf-8")
    for number in range(1, BATCH_EVENTS + 1):
        (project / "events" / f"event-{number}.yaml").write_text(example.replace("2027", f"{2026 + number}"), "utf-8")
    return project


def real_urls(text: str, project: Path) -> str:
    """`text` with brochure's folder-independent URLs replaced by those of the files they stand for."""
    from brochure.render.fetcher import ProjectFetcher

    fetcher = ProjectFetcher(project)
    return VIRTUAL_URL.sub(lambda match: fetcher.real_path(url2pathname(match[0][len("file://") :])).as_uri(), text)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    import weasyprint

    from brochure.commands.build import document_date
    from brochure.commands.watch import Watcher
    from brochure.content.load import load_content
    from brochure.html.templating import render_html
    from brochure.preflight import check_pdf
    from brochure.render.fetcher import ProjectFetcher
    from brochure.render.press import PRESS_VARIANT, press_css

    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        os.environ["BROCHURE_CACHE"] = str(scratch / "cache")  # this process's warm builds too
        project = scratch_project(scratch)
        content_path, out = project / "content.yaml", scratch / "out"
        content = load_content(content_path)
        html = render_html(content, content.layout, document_date(content), cmyk=True)  # the print edition's HTML
        (scratch / "leaflet.html").write_text(real_urls(html, project), "utf-8")
        (scratch / "press.css").write_text(real_urls(press_css(content.layout.press), project), "utf-8")
        bare_cold = [str(scratch / "leaflet.html"), str(scratch / "press.css"), str(scratch / "bare.pdf")]
        watcher = Watcher(content_path, out, ["print"])
        watcher.rebuild()  # warms fonts, hyphenation and WeasyPrint's caches, as a watch's first build does
        text = content_path.read_text(encoding="utf-8")

        def warm_bare() -> None:
            fetcher = ProjectFetcher(project)
            stylesheet = weasyprint.CSS(string=press_css(content.layout.press), url_fetcher=fetcher)
            document = weasyprint.HTML(string=html, base_url=project.as_uri() + "/", url_fetcher=fetcher)
            data = document.write_pdf(stylesheets=[stylesheet], pdf_variant=PRESS_VARIANT)
            (scratch / "warm-bare.pdf").write_bytes(data)

        def warm_rebuild(round_number: int, word: str) -> None:
            """Change `word`'s first place (the cover, or a facing column) to a text no round had; rebuild."""
            content_path.write_text(text.replace(word, f"{word}{'x' * (round_number + 1)}", 1))
            assert watcher.rebuild().ok

        environment = cold_environment(scratch)

        def batch(jobs: int) -> Callable[[], object]:
            out = str(scratch / f"batch-{jobs}")
            options = ["--all-events", "--only", "print", "-j", str(jobs), "-q", "-o", out]
            return cold([sys.executable, "-m", "brochure", "build", str(content_path), *options], environment)

        cold_bare = cold([sys.executable, "-c", BARE_RENDER, *bare_cold], environment)
        kept_patterns = str(scratch / "cache" / "hyphenation")
        cold_bare_kept = cold([sys.executable, "-c", BARE_RENDER_KEPT_PATTERNS, *bare_cold, kept_patterns], environment)
        build_command = [sys.executable, "-m", "brochure", "build", str(content_path), "--only", "print"]
        cold_build = cold([*build_command, "-o", str(scratch / "cold")], environment)

        def first_build() -> None:
            shutil.rmtree(scratch / "cache", ignore_errors=True)
            cold([*build_command, "-o", str(scratch / "first")], environment)()

        cold_bare(), cold_build()  # Python's bytecode and brochure's cache, as after a first run
        measures: dict[str, list[float]] = {}
        for round_number in range(runs):
            round_times = {
                "cold bare WeasyPrint render+write": cold_bare,
                "cold brochure build --only print (checked)": cold_build,
                "warm bare render+write": warm_bare,
                "warm rebuild in watch, edit on the cover (print, checked)": lambda n=round_number: warm_rebuild(
                    n, "im Herzen Europas"
                ),
                "warm rebuild in watch, edit in a facing column (print, checked)": lambda n=round_number: warm_rebuild(
                    n, "Kultur"
                ),
                "page checks alone (print)": lambda: check_pdf(out / "quattropole-print.pdf", content.layout, content),
                f"batch of {BATCH_EVENTS} events, 1 process": batch(1),
                f"batch of {BATCH_EVENTS} events, 2 processes": batch(2),
                "cold brochure build, brochure's cache empty (a machine's first build)": first_build,
                "cold bare render+write, hyphenation patterns loaded from brochure's cache": cold_bare_kept,
            }
            for name, action in round_times.items():
                measures.setdefault(name, []).append(seconds(action))
            print(f"round {round_number + 1} of {runs} done", file=sys.stderr)

    median = {name: statistics.median(values) for name, values in measures.items()}
    print(f"| what (median of {runs}) | time |")
    print("|---|---|")
    for name, value in median.items():
        print(f"| {name} | {value:.2f} s |")
    names = list(median)
    ratios = {
        "cold build / cold bare render (target ≤ 1.3)": median[names[1]] / median[names[0]],
        "warm rebuild / warm bare render (target ≤ 1.3)": median[names[3]] / median[names[2]],
        "warm rebuild after a facing edit / warm bare render": median[names[4]] / median[names[2]],
        "batch speed-up, 2 processes over 1 (target ≥ 1.7)": median[names[6]] / median[names[7]],
        "cold build with brochure's cache empty / cold bare render": median[names[8]] / median[names[0]],
        "cold build / cold bare render with the same hyphenation patterns (like for like)": median[names[1]]
        / median[names[9]],
    }
    for name, value in ratios.items():
        print(f"| {name} | {value:.2f} × |")


if __name__ == "__main__":
    main()
