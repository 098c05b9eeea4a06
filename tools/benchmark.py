"""Time what users run, beside a bare WeasyPrint render of the same print HTML; print the tables.

Run from the project root: `python tools/benchmark.py [RUNS]` (default 5), or with `--quick`
(one round, no batches) to try it. It prints markdown tables for docs/development.md on stdout.

The measurements are interleaved, one of each per round, so that the load of a shared machine
weighs on all alike; each figure is the median of RUNS rounds. Everything works on scratch
copies of the QuattroPole project (with BATCH_EVENTS copies of its example event), outside
which nothing is written: brochure's cache ($BROCHURE_CACHE) and Python's bytecode are kept in
the scratch folder, both filled by one run of each command before the rounds, as on a user's
machine after a first run (bytecode is allowed even where the environment says not to).
"Cold" is a new process, timed from its start to its exit.

Headline table:
- cold `brochure build`: `python -m brochure build CONTENT -o OUT`, every default edition
  (print, e-mail, previews), each checked;
- save → live page, save → every edition written: one `brochure watch CONTENT -o OUT --serve`
  process for the whole run, warmed by its first build and one save. Each round changes a
  printed text on the cover to one no save had, written as many editors save (a new file
  renamed over content.yaml), and times from just before that write, for the same save:
  - live page: until the page at `/` shows previews drawn after the save: the `g=` of the
    cover's picture URL changed and the picture served differs from the cover preview on disk
    before the save. The page's event stream (`/events`) wakes the reader; it then fetches the
    page and the picture, as the page's reload would. A page shown while checks still run counts.
  - every edition written: until the print PDF, the e-mail PDF and the cover's preview on disk
    all have new contents (their file status polled every 10 ms, a file read and hashed when its
    status changed; brochure publishes each output by renaming it into place, whole). Exact to
    the 10 ms of polling, and independent of when the watch prints its line.
  The next round waits for the line the watch prints after each build.
- `brochure --help`, `brochure layouts`, `brochure new DIR` (a new DIR each round);
- peak memory of the cold `brochure build` above: Linux's ru_maxrss of the build's process and
  of the children it waited for, that is the largest of them; and, once after the rounds, the
  most that all of its processes held at once (see `tree_peak`);
- batch: `brochure build --all-events -j 1` and `-j 2` of BATCH_EVENTS event leaflets, every
  default edition;
- bare: `weasyprint.HTML(...).write_pdf(...)` of the print edition's HTML with its press
  stylesheet and PDF/X-4, every file it names at its real place (BARE_RENDER): cold in a new
  process, warm in this process after a first render.

Second table: cold `brochure build --only print`; a warm rebuild of the print edition alone in
this process (`Watcher`, as before `watch` made every edition), after an edit on the cover and
after one in a facing column (whose levelling is measured again); the print page checks alone;
the batch with `--only print`.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import platform
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from hashlib import sha256
from pathlib import Path
from urllib.request import url2pathname, urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE_RENDER = """
import sys, weasyprint
stylesheet = weasyprint.CSS(filename=sys.argv[2])
weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[3], stylesheets=[stylesheet], pdf_variant="pdf/x-4")
"""
VIRTUAL_URL = re.compile(r"file:///\.brochure/(?:project|assets|layouts)/[^\"')\s]+")
BATCH_EVENTS = 8
COVER_TEXT, FACING_TEXT = "im Herzen Europas", "Kultur"  # the cover's lead; a German group title
COVER_PICTURE = re.compile(r'src="(/previews/[^"?]*-cover\.png)\?g=(\d+)"')
SAVE_TIMEOUT = 120.0  # seconds: a save the watch never shows is an error, not a figure
MB = 1024 * 1024
BROCHURE = [sys.executable, "-m", "brochure"]


def command_run(command: list[str], environment: dict[str, str], log: Path) -> tuple[float, float]:
    """Run `command` in a new process: its seconds from start to exit, and ru_maxrss in MB (the
    largest of it and the children it waited for)."""
    start = time.perf_counter()
    with log.open("wb") as errors:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=errors)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{log.read_text()}")
    return seconds, usage.ru_maxrss * 1024 / MB


def tree_peak(command: list[str], environment: dict[str, str]) -> float:
    """The most memory, in MB, that `command`'s processes held at once, sampled every 10 ms: their
    anonymous memory summed (Pss_Anon: a page shared after a fork counts once) and the mapped files
    of the one that maps most (Rss less Anonymous). For one process, its Rss."""
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        parents = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):  # a process that ended meanwhile
                parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        tree, anonymous, files = {process.pid}, 0, 0
        while grown := {pid for pid, parent in parents.items() if parent in tree} - tree:
            tree |= grown
        for pid in tree:
            with contextlib.suppress(OSError):
                kb = dict(re.findall(r"^(\w+):\s+(\d+) kB", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M))
                anonymous += int(kb["Pss_Anon"])
                files = max(files, int(kb["Rss"]) - int(kb["Anonymous"]))
        peak = max(peak, anonymous + files)
        time.sleep(0.01)
    return peak * 1024 / MB


def cold_environment(scratch: Path) -> dict[str, str]:
    """A new process's environment as on a user's machine: Python's bytecode cached (here in the
    scratch folder), brochure's cache in the scratch folder too."""
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return environment | {"PYTHONPYCACHEPREFIX": str(scratch / "bytecode"), "BROCHURE_CACHE": str(scratch / "cache")}


def scratch_project(folder: Path) -> Path:
    """A copy of the QuattroPole project in `folder` with BATCH_EVENTS copies of the example event;
    its content file."""
    folder.mkdir()
    shutil.copy(ROOT / "content.yaml", folder / "content.yaml")
    shutil.copytree(ROOT / "assets", folder / "assets", ignore=shutil.ignore_patterns("fonts", "profiles"))
    (folder / "events").mkdir()
    example = (ROOT / "events" / "rencontre-2027.yaml").read_text(encoding="utf-8")
    for number in range(1, BATCH_EVENTS + 1):
        (folder / "events" / f"event-{number}.yaml").write_text(example.replace("2027", f"{2026 + number}"), "utf-8")
    return folder / "content.yaml"


def edited(text: str, words: str, mark: str) -> str:
    """`text` with the first `words` followed by `mark`: a printed text no other mark gives."""
    assert words in text, f"{words!r} is no longer in content.yaml: choose another text to edit"
    return text.replace(words, f"{words} {mark}", 1)


def save(path: Path, text: str) -> None:
    """Write `path` as many editors save: the whole new text in a file beside it, renamed over it."""
    staged = path.with_name(path.name + ".tmp")  # a name `watch` ignores
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, path)


def bare_files(content_path: Path, scratch: Path) -> list[str]:
    """The print edition's HTML and press stylesheet written with real file URLs; the bare render's arguments."""
    from brochure.commands.build import document_date
    from brochure.content.load import load_content
    from brochure.html.templating import render_html
    from brochure.render.fetcher import ProjectFetcher
    from brochure.render.press import press_css

    content = load_content(content_path)
    fetcher = ProjectFetcher(content_path.parent)

    def real(text: str) -> str:
        return VIRTUAL_URL.sub(lambda url: fetcher.real_path(url2pathname(url[0][len("file://") :])).as_uri(), text)

    html = render_html(content, content.layout, document_date(content), cmyk=True)
    (scratch / "leaflet.html").write_text(real(html), "utf-8")
    (scratch / "press.css").write_text(real(press_css(content.layout.press)), "utf-8")
    return [str(scratch / "leaflet.html"), str(scratch / "press.css"), str(scratch / "bare.pdf")]


class Signature:
    """Which of some files have new contents since it was made: their status read often, a file
    hashed only when its status changed."""

    def __init__(self, paths: list[Path]) -> None:
        self.waiting = {path: (self._status(path), self._digest(path)) for path in paths}

    @staticmethod
    def _status(path: Path) -> tuple[int, int, int]:
        status = path.stat()
        return status.st_ino, status.st_mtime_ns, status.st_size

    @staticmethod
    def _digest(path: Path) -> bytes:
        return sha256(path.read_bytes()).digest()

    def all_new(self) -> bool:
        for path, (status, digest) in list(self.waiting.items()):
            if self._status(path) != status:
                if self._digest(path) != digest:
                    del self.waiting[path]
                else:
                    self.waiting[path] = (self._status(path), digest)
        return not self.waiting


class LiveWatch:
    """One `brochure watch --serve` process, the lines it prints and the generations its page's
    event stream says."""

    def __init__(self, content_path: Path, out: Path, environment: dict[str, str], log: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        command = [*BROCHURE, "watch", str(content_path), "-o", str(out), "--serve"]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port)],
            cwd=ROOT,
            env=environment | {"PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=(errors := log.open("wb")),
            text=True,
        )
        errors.close()  # the watch has its own copy
        self.content_path, self.out, self.log = content_path, out, log
        self.text = content_path.read_text("utf-8")
        self.lines: queue.Queue[str] = queue.Queue()
        self.events: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stdout], daemon=True).start()

    def __enter__(self) -> LiveWatch:
        """The watch after its first build and one save: warm."""
        self._built()
        # The watch starts watching files only once it has printed its first build's line (a save
        # made before is missed): leave it the time to.
        time.sleep(2)
        threading.Thread(target=self._read_events, daemon=True).start()
        self.save(edited(self.text, COVER_TEXT, "warm-up"))
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.process.terminate()
        self.process.wait()

    def _read_events(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port)
        connection.request("GET", "/events")
        for line in connection.getresponse():
            if line.startswith(b"data:"):
                self.events.put(line[5:].strip().decode())

    def _built(self) -> None:
        """Wait for the line the watch prints after a build."""
        try:
            self.lines.get(timeout=SAVE_TIMEOUT)
        except queue.Empty:
            raise RuntimeError(f"the watch printed no line for a build:\n{self.log.read_text()}") from None

    def _get(self, path: str) -> bytes:
        with urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=SAVE_TIMEOUT) as response:
            return response.read()

    def _cover_shown(self) -> tuple[str, bytes]:
        """The generation the page's cover picture was drawn at, and that picture."""
        match = COVER_PICTURE.search(self._get("/").decode())
        return (match[2], self._get(f"{match[1]}?g={match[2]}")) if match else ("", b"")

    def save(self, text: str) -> tuple[float, float]:
        """Save the content as `text`: seconds until the page shows the new previews, and until every
        edition is on disk."""
        print_pdf, email_pdf = sorted(self.out.glob("*-print.pdf")), sorted(self.out.glob("*-email.pdf"))
        outputs = [*print_pdf, *email_pdf, *sorted(self.out.glob("*-previews/panel-*-cover.png"))]
        assert len(outputs) == 3, f"not the outputs of a whole build: {outputs}"
        drawn_before, cover_before = self._cover_shown()[0], outputs[2].read_bytes()
        files = Signature(outputs)
        while not self.events.empty():
            self.events.get()
        start = time.perf_counter()
        save(self.content_path, text)
        shown = written = None
        while shown is None or written is None:
            if time.perf_counter() - start > SAVE_TIMEOUT:
                raise RuntimeError(f"a save was not shown in {SAVE_TIMEOUT} s:\n{self.log.read_text()}")
            try:
                self.events.get(timeout=0.01)
                drawn, picture = self._cover_shown() if shown is None else (drawn_before, b"")
                if drawn != drawn_before and picture not in (b"", cover_before):
                    shown = time.perf_counter() - start
            except queue.Empty:
                pass
            if written is None and files.all_new():
                written = time.perf_counter() - start
        self._built()
        return shown, written


def machine() -> str:
    """Cores, CPU model, Python and WeasyPrint versions."""
    import weasyprint

    cpu = re.search(r"^model name\s*:\s*(.*)$", Path("/proc/cpuinfo").read_text(), re.M)
    return (
        f"{os.cpu_count()} cores, {cpu[1] if cpu else platform.processor()}, Python {platform.python_version()}, "
        f"WeasyPrint {weasyprint.__version__}"
    )


def timed(action: Callable[..., object], *arguments: object) -> float:
    start = time.perf_counter()
    action(*arguments)
    return time.perf_counter() - start


class Bench:
    """The scratch folder's projects, and what one round measures on them."""

    def __init__(self, scratch: Path) -> None:
        from brochure.commands.watch import Watcher
        from brochure.content.load import load_content

        self.scratch, self.environment = scratch, cold_environment(scratch)
        os.environ["BROCHURE_CACHE"] = self.environment["BROCHURE_CACHE"]  # this process's warm builds too
        self.content_path = scratch_project(scratch / "project")  # read by the cold builds, never changed
        self.bare = bare_files(self.content_path, scratch)
        self.warm_path = scratch_project(scratch / "warm")  # the in-process watcher's copy
        self.warm_text = self.warm_path.read_text("utf-8")
        self.warm_marks: dict[str, str] = {}  # the warm copy's edits: the words, and the mark after them
        self.watcher = Watcher(self.warm_path, scratch / "warm-out", ["print"])
        self.warm_content = load_content(self.warm_path)
        self.memory: list[float] = []  # ru_maxrss of each cold build, in MB

    def cold(self, *arguments: str, python: bool = False) -> float:
        """Seconds of `python -m brochure ARGUMENTS` (`python ARGUMENTS` with `python`) in a new process."""
        command = [sys.executable, *arguments] if python else [*BROCHURE, *arguments]
        return command_run(command, self.environment, self.scratch / "run.log")[0]

    def cold_bare(self) -> float:
        return self.cold("-c", BARE_RENDER, *self.bare, python=True)

    def cold_build(self, *options: str) -> float:
        """Seconds of `brochure build OPTIONS` in a new process; with none (every default edition),
        its ru_maxrss is kept in `memory`."""
        out = self.scratch / ("cold" + "".join(options).replace(" ", ""))
        command = [*BROCHURE, "build", str(self.content_path), "-o", str(out), *options]
        seconds, largest = command_run(command, self.environment, self.scratch / "build.log")
        if not options:
            self.memory.append(largest)
        return seconds

    def batch(self, jobs: int, *options: str) -> float:
        return self.cold_build("--all-events", "-j", str(jobs), "-q", *options)

    def warm_bare(self) -> None:
        import weasyprint

        stylesheet = weasyprint.CSS(filename=self.bare[1])
        weasyprint.HTML(filename=self.bare[0]).write_pdf(self.bare[2], stylesheets=[stylesheet], pdf_variant="pdf/x-4")

    def warm_rebuild(self, words: str = COVER_TEXT, mark: str = "warm-up") -> None:
        """Change one printed text of the warm copy, the others kept as they are, and rebuild its print
        edition in this process."""
        self.warm_marks[words] = mark
        text = self.warm_text
        for edited_words, its_mark in self.warm_marks.items():
            text = edited(text, edited_words, its_mark)
        self.warm_path.write_text(text, encoding="utf-8")
        assert self.watcher.rebuild().ok

    def checks(self) -> None:
        from brochure.preflight import check_pdf

        pdf = self.scratch / "warm-out" / "quattropole-print.pdf"
        check_pdf(pdf, self.warm_content.layout, self.warm_content)

    def first(self) -> None:
        """A run of each, untimed: Python's bytecode, brochure's cache and the warm states filled."""
        self.cold_bare(), self.cold_build(), self.cold_build("--only", "print"), self.cold("--help")
        self.warm_bare(), self.warm_rebuild()
        self.memory.clear()

    def round(self, number: int, live: LiveWatch, batches: bool) -> dict[str, float]:
        """Seconds of each measure, one after the other (a dict's items are made in order)."""
        mark = f"round {number}"
        shown, written = live.save(edited(live.text, COVER_TEXT, mark))
        figures = {
            "save → page": shown,
            "save → disk": written,
            "cold bare": self.cold_bare(),
            "cold build": self.cold_build(),
            "warm bare": timed(self.warm_bare),
            "--help": self.cold("--help"),
            "layouts": self.cold("layouts"),
            "new": self.cold("new", str(self.scratch / "new" / mark)),
            "cold print": self.cold_build("--only", "print"),
            "warm cover": timed(self.warm_rebuild, COVER_TEXT, mark),
            "warm facing": timed(self.warm_rebuild, FACING_TEXT, mark),
            "checks": timed(self.checks),
        }
        if batches:
            figures |= {f"batch {jobs}": self.batch(jobs) for jobs in (1, 2)}
            figures |= {f"batch print {jobs}": self.batch(jobs, "--only", "print") for jobs in (1, 2)}
        return figures


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("runs", nargs="?", type=int, default=5, help="rounds (default 5)")
    arguments.add_argument("--quick", action="store_true", help="one round, no batches: to try the benchmark")
    options = arguments.parse_args()
    runs, batches = (1, False) if options.quick else (options.runs, True)
    about, load = machine(), os.getloadavg()[0]
    measures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        bench = Bench(scratch)
        bench.first()
        live_path = scratch_project(scratch / "live")
        with LiveWatch(live_path, scratch / "live-out", bench.environment, scratch / "watch.log") as live:
            for number in range(1, runs + 1):
                for name, seconds in bench.round(number, live, batches).items():
                    measures.setdefault(name, []).append(seconds)
                print(f"round {number} of {runs} done", file=sys.stderr)
        command = [*BROCHURE, "build", str(bench.content_path), "-o", str(scratch / "tree")]
        tree = tree_peak(command, bench.environment)
    m = {name: statistics.median(values) for name, values in measures.items()}
    m |= {"memory": statistics.median(bench.memory), "memory all": tree}
    if batches:
        m |= {"speed-up": m["batch 1"] / m["batch 2"], "speed-up print": m["batch print 1"] / m["batch print 2"]}
    # Whether other work shared the cores: this run alone keeps the load at about 2 at most.
    loads = f"load average {load:.2f} before the run, {os.getloadavg()[0]:.2f} after"
    print(f"Machine: {about}; {loads}. Medians of {runs} interleaved rounds.\n")
    print_table("what users run", HEADLINE, m)
    print()
    print_table("the print edition alone", PRINT_ONLY, m)


# Each row: what it is for, its measure, the bare render it is set against (or None), and its goal
# (on that ratio, else on the figure), or None.
HEADLINE = (
    ("cold `brochure build` (print, e-mail, previews, each checked)", "cold build", "cold bare", ("≤", 1.3)),
    ("save in `brochure watch --serve` → the live page shows the new previews", "save → page", "warm bare", ("≤", 1.0)),
    (
        "save in `brochure watch` → print PDF, e-mail PDF, changed preview on disk",
        "save → disk",
        "warm bare",
        ("≤", 1.5),
    ),
    ("`brochure --help`", "--help", None, ("≤", 0.3)),
    ("`brochure layouts`", "layouts", None, ("≤", 0.3)),
    ("`brochure new DIR`", "new", None, ("≤", 0.3)),
    ("peak memory of a cold `brochure build`: its largest process (ru_maxrss)", "memory", None, ("≤", 200)),
    (
        "peak memory of a cold `brochure build`: all its processes at once (one run)",
        "memory all",
        None,
        ("≤", 200),
    ),
    (f"`brochure build --all-events -j 1`, {BATCH_EVENTS} events, every default edition", "batch 1", None, None),
    (f"`brochure build --all-events -j 2`, {BATCH_EVENTS} events, every default edition", "batch 2", None, None),
    ("batch speed-up, `-j 2` over `-j 1`", "speed-up", None, ("≥", 1.8)),
    ("bare WeasyPrint render+write of the print HTML, cold (a new process)", "cold bare", None, None),
    ("the same, warm (in one process, after a first render)", "warm bare", None, None),
)
PRINT_ONLY = (
    ("cold `brochure build --only print`", "cold print", "cold bare", None),
    ("warm rebuild of the print edition alone in one process, a cover text changed", "warm cover", "warm bare", None),
    ("the same, a facing column's text changed (its levelling measured again)", "warm facing", "warm bare", None),
    ("the page checks of the print PDF alone", "checks", None, None),
    (f"`brochure build --all-events --only print -j 1`, {BATCH_EVENTS} events", "batch print 1", None, None),
    (f"`brochure build --all-events --only print -j 2`, {BATCH_EVENTS} events", "batch print 2", None, None),
    ("batch speed-up, `-j 2` over `-j 1`", "speed-up print", None, None),
)


def print_table(title: str, rows: tuple, m: dict[str, float]) -> None:
    """A markdown table of `rows` (see HEADLINE) from the medians `m`, less the measures not taken."""
    print(f"| {title} | median | against the bare render | goal | met |\n|---|---|---|---|---|")
    for what, name, bare, goal in rows:
        if name not in m:
            continue
        unit = "MB" if name.startswith("memory") else "×" if name.startswith("speed-up") else "s"
        value = m[name] / m[bare] if bare else m[name]
        against = f"{value:.2f} × {bare}" if bare else ""
        aim = f"{goal[0]} {goal[1]} {'× ' + bare if bare else unit}" if goal else ""
        met = "" if not goal else "yes" if (value <= goal[1] if goal[0] == "≤" else value >= goal[1]) else "no"
        print(f"| {what} | {m[name]:.{0 if unit == 'MB' else 2}f} {unit} | {against} | {aim} | {met} |")


if __name__ == "__main__":
    main()
