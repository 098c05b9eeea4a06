"""Run every hostile row of the issue "Projects you did not write" and measure it: the exit status, the
wall time and the peak memory of the command a user would run on that input.

Run from anywhere: `python tools/hostile.py` runs every row, `python tools/hostile.py WORD…` the rows
whose id contains one of the words, `python tools/hostile.py --list` lists the ids. It prints a
Markdown table, a row as soon as it is measured.

Each row makes its input in a temporary folder of its own (a copy of the repository's project:
content.yaml, assets/ without the fonts, events/; its cache in BROCHURE_CACHE there), then runs
`python -m brochure …` with this checkout first on PYTHONPATH, as a session of its own started by a
small wrapper process (WRAPPER): a row that hangs is killed with its workers after GUARD seconds. The
peak memory is that of the command and of the processes it waited for (its batch workers), as the
wrapper sees it, so each row is measured alone, not the largest of the run so far. brochure's limits
(BROCHURE_MEMORY_LIMIT, BROCHURE_TIME_LIMIT) are left at their defaults, whatever the environment says.

The crafting follows the hostile tests (tests/hostile/, tests/commands/test_bounds.py,
tests/commands/test_survive.py), copied here so that the script runs on any state of the code.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import marshal
import os
import pickle
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "layouts"
BASE_TEMPLATES = LAYOUTS / "_base"
INTER = ROOT / "assets" / "fonts" / "Inter-Bold.otf"
GUARD = 120  # seconds: a row still running then is killed, and reported as a hang
FIRST_BUILD = 60  # seconds a watch is given to show its first build before Ctrl-C
BUILD = ["build", "-o", "out"]
FIGURE = "fr: habitants"  # content.yaml, the label of the about section's fourth figure
CONTACT = "Institutionen der Großregion."  # content.yaml, the end of the contact text in German
TITLE = "fr: QuattroPole – Un réseau de villes transfrontalier"  # content.yaml, document.title.fr
MAP = "map-quattropole.svg"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="80mm" height="60mm" viewBox="0 0 80 60">'

# Rows of the issue that cannot be made from outside: each is covered by a test instead.
SKIPPED = {
    "watch-internal-error": "an internal error in one rebuild: tests/commands/test_survive.py "
    "test_a_bug_in_one_rebuild_is_reported_and_the_watch_goes_on",
    "batch-worker-killed": "one pool worker killed: tests/commands/test_survive.py "
    "test_a_worker_killed_fails_its_event_alone",
    "previews-half-written": "a previews folder that cannot be written completely: tests of the outputs published "
    "as a set",
}


# -- what a row is, and how it is run and measured ---------------------------------------------


# The measured command runs under this wrapper, a small process of its own: on Linux a process's peak
# memory (ru_maxrss) starts from that of the process it was forked from, so a command started from this
# script would count the script's own peak (which holds what it crafted); started from the wrapper, it
# counts only the wrapper's few MB. The wrapper reports the command's exit status, its time and the peak
# memory of its process and of those it waited for (its batch workers), and kills it after the guard.
WRAPPER = """
import json, os, resource, signal, subprocess, sys, time
report, guard, *command = sys.argv[1:]
signal.signal(signal.SIGINT, lambda signum, frame: None)  # Ctrl-C is for the command (a handler ends at exec)
start = time.perf_counter()
child = subprocess.Popen(command, start_new_session=True)
with open(report + ".pid", "w") as file:
    file.write(str(child.pid))
try:
    child.wait(timeout=float(guard))
    hung = False
except subprocess.TimeoutExpired:
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    hung = True
seconds = time.perf_counter() - start
try:
    os.killpg(child.pid, signal.SIGKILL)  # what it left behind, workers say: the session is its own
except (ProcessLookupError, PermissionError):
    pass
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kB on Linux
with open(report, "w") as file:
    json.dump({"status": child.returncode, "seconds": seconds, "peak_kb": peak, "hung": hung}, file)
"""


@dataclass
class Running:
    """A command started by `measure`: what a row's `drive` needs to talk to it."""

    wrapper: subprocess.Popen
    pid: int  # the command's, which leads its own session
    out: Path
    err: Path
    start: float

    def alive(self) -> bool:
        return self.wrapper.poll() is None

    def wait_for(self, seen: Callable[[str, str], bool], seconds: float) -> float | None:
        """Seconds since the start when `seen(stdout, stderr)` first held; None after `seconds` or at its end."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.alive():
            if seen(read(self.out), read(self.err)):
                return time.perf_counter() - self.start
            time.sleep(0.2)
        return None

    def interrupt(self) -> None:
        """Ctrl-C, as a terminal sends it: to every process of the command."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGINT)


@dataclass
class Case:
    """What a row runs once its input is made: brochure's arguments and folder, and what to look at."""

    argv: list[str]
    cwd: Path
    drive: Callable[[Running], str] | None = None  # talks to a running command (watch); a note of what it saw
    proof: Path | None = None  # exists only if the input ran code of its own
    observe: Callable[[str], str] | None = None  # a note from the whole stderr
    note: str = ""


@dataclass
class Row:
    id: str
    command: str
    make: Callable[[Path], Case]  # makes the input in the folder given


@dataclass
class Outcome:
    exit: str
    seconds: float
    peak_mb: int
    ran_code: str
    note: str
    stderr: str


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def environment(folder: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BROCHURE_")}
    return {**env, "PYTHONPATH": str(ROOT), "BROCHURE_CACHE": str(folder / "cache"), "PYTHONUNBUFFERED": "1"}


def started(wrapper: subprocess.Popen, report: Path) -> int:
    """The pid of the command the wrapper started, once it has said it."""
    pid = report.with_name(report.name + ".pid")
    while not (pid.exists() and pid.read_text()):
        if wrapper.poll() is not None:
            raise SystemExit(f"tools/hostile.py: the wrapper ended at once: exit {wrapper.returncode}")
        time.sleep(0.05)
    return int(pid.read_text())


def measure(case: Case, folder: Path) -> Outcome:
    """Run the case's command under the wrapper (a session of its own, killed after GUARD seconds): its
    exit status, time and peak memory, and what its stderr says."""
    out, err, report = folder / "stdout.txt", folder / "stderr.txt", folder / "report.json"
    command = [sys.executable, "-c", WRAPPER, str(report), str(GUARD), sys.executable, "-m", "brochure", *case.argv]
    with out.open("wb") as stdout, err.open("wb") as stderr:
        start = time.perf_counter()
        wrapper = subprocess.Popen(
            command, cwd=case.cwd, env=environment(folder), stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr
        )
    pid = None
    try:
        pid = started(wrapper, report)
        note = case.drive(Running(wrapper, pid, out, err, start)) if case.drive else ""
        wrapper.wait()
    finally:
        if wrapper.poll() is None:  # this script stopped (Ctrl-C): the command goes with it
            if pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pid, signal.SIGKILL)
            wrapper.kill()
            wrapper.wait()
    measured = json.loads(report.read_text())
    code = measured["status"]
    text = read(err).replace(str(folder), "$T")  # the row's temporary folder, shortened
    notes = [part for part in (case.note, note, case.observe(text) if case.observe else "") if part]
    return Outcome(
        exit=f"killed after {GUARD} s" if measured["hung"] else (f"signal {-code}" if code < 0 else str(code)),
        seconds=measured["seconds"],
        peak_mb=measured["peak_kb"] // 1024,
        ran_code="" if case.proof is None else ("yes" if case.proof.exists() else "no"),
        note="; ".join(notes),
        stderr=first_line(text),
    )


def first_line(stderr: str) -> str:
    """The first line of stderr that says something of the row (a watch's own banner lines left out), cut short."""
    for line in stderr.splitlines():
        line = line.strip()
        if line and not line.startswith(("watching ", "serving the previews at ")):
            return line if len(line) <= 100 else line[:99] + "…"
    return ""


def run_brochure(folder: Path, cwd: Path, *argv: str) -> None:
    """A command run before the measured one (a build that fills the cache), not measured."""
    command = [sys.executable, "-m", "brochure", *argv]
    subprocess.run(command, cwd=cwd, env=environment(folder), capture_output=True, timeout=GUARD, check=False)


# -- projects ---------------------------------------------------------------------------------


def project(folder: Path) -> Path:
    """A copy of the repository's project (content, assets without the fonts, events) in folder/p."""
    path = folder / "p"
    path.mkdir()
    shutil.copy(ROOT / "content.yaml", path / "content.yaml")
    shutil.copytree(ROOT / "assets", path / "assets", ignore=shutil.ignore_patterns("fonts"))
    shutil.copytree(ROOT / "events", path / "events")
    (folder / "elsewhere").mkdir()  # outside the project
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{path}: {old!r} is not there any more: update tools/hostile.py")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def own_layout(path: Path) -> Path:
    """The project's own layout: the built-in trifold-roll and the shared templates, copied."""
    layout = path / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS / "trifold-roll", layout)
    shutil.copytree(BASE_TEMPLATES, layout, dirs_exist_ok=True)
    return layout


def built(change: Callable[[Path], Case | None], *argv: str) -> Callable[[Path], Case]:
    """A row that changes a copy of the project, then builds it (or runs what `change` returns)."""

    def make(folder: Path) -> Case:
        path = project(folder)
        return change(path) or Case([*BUILD, *argv], path)

    return make


# -- templates and stylesheets of the project's own layout ------------------------------------


def template(name: str, before: str = "", extra: str = "", code: str = "") -> Callable[[Path], Case]:
    """A row whose project layout changes one template: `before` its text, `extra` after it. With
    `code`, the file whose existence proves that the template ran code (relative to the project)."""

    def make(folder: Path) -> Case:
        path = project(folder)
        file = own_layout(path) / name
        text = before.format(project=path, elsewhere=folder / "elsewhere")
        file.write_text(text + file.read_text(encoding="utf-8") + extra, encoding="utf-8")
        (folder / "elsewhere" / "secret.txt").write_text("not for a leaflet\n", encoding="utf-8")
        return Case(list(BUILD), path, proof=path / code if code else None)

    return make


POPEN = "{{{{ lipsum.__globals__.os.popen('touch PWNED').read() }}}}"
CYCLER = (
    "{{% set b = cycler.__init__.__globals__.__builtins__ %}}"
    "{{% set _ = b.open('{project}/LEAKED', 'w').write(b.open('{elsewhere}/secret.txt').read()) %}}"
)
SUBCLASSES = (
    "{{% for c in ''.__class__.__mro__[1].__subclasses__() %}}{{% if c.__name__ == 'catch_warnings' %}}"
    "{{% set _ = c()._module.__builtins__['__import__']('os').system('touch PWNED') %}}{{% endif %}}{{% endfor %}}"
)
COUNTER_BOMB = (
    '\n@counter-style bomb { system: symbolic; symbols: "x"; }\nhtml { counter-reset: c 100000000; }\n'
    "p::before { content: counter(c, bomb); }\n"
)


def template_rows() -> list[Row]:
    page = "leaflet.html.j2"
    return [
        Row("template-lipsum-popen", "build", template(page, POPEN, code="PWNED")),
        Row("template-cycler-file-read", "build", template(page, CYCLER, code="LEAKED")),
        Row("template-subclasses", "build", template(page, SUBCLASSES, code="PWNED")),
        Row("template-raises", "build", template(page, "{{{{ 1 // 0 }}}}")),
        Row(
            "template-recurses",
            "build",
            template(page, "{{% macro r(n) %}}{{{{ r(n + 1) }}}}{{% endmacro %}}{{{{ r(0) }}}}"),
        ),
        Row("template-includes-itself", "build", template(page, "{{% include 'leaflet.html.j2' %}}")),
        Row("template-range-loop", "build", template(page, "{{% for i in range(10 ** 12) %}}{{% endfor %}}")),
        Row(
            "template-huge-string",
            "build",
            template(page, "{{% set x = 'a' * (layout.panels|length * 6 ** 12) %}}"),
        ),
        Row("css-font-size-1e6pt", "build", template("leaflet.css.j2", extra="\nhtml { font-size: 1e6pt; }\n")),
        Row("css-counter-bomb", "build", template("leaflet.css.j2", extra=COUNTER_BOMB)),
    ]


# -- assets and texts -------------------------------------------------------------------------


def svg_map(svg: str) -> Callable[[Path], None]:
    """The project's map replaced by `svg`."""

    def change(path: Path) -> None:
        (path / "assets" / MAP).write_text(svg, encoding="utf-8")

    return change


def german_words(path: Path) -> None:
    """The German text of the about section: 200 hyphenatable words of 99 letters each, within the field
    limits (20,000 characters)."""
    word = ("Rechtsschutzversicherungsgesellschaften" * 3)[:99]
    content = path / "content.yaml"
    text = content.read_text(encoding="utf-8")
    start = text.index("Mitten im Herzen")  # a folded text: its lines become one
    end = text.index("Bühne zu stärken.\n", start) + len("Bühne zu stärken.")
    content.write_text(text[:start] + " ".join([word] * 200) + text[end:], encoding="utf-8")


def nfd(path: Path) -> None:
    content = path / "content.yaml"
    content.write_text(unicodedata.normalize("NFD", content.read_text(encoding="utf-8")), encoding="utf-8")


def text_rows() -> list[Row]:
    content = "content.yaml"
    return [
        Row("svg-megabyte-of-text", "build", built(svg_map(SVG + f'<text y="10">{"a" * 1_000_000}</text></svg>'))),
        Row("text-german-long-words", "build", built(german_words)),
        Row("text-nfd", "build", built(nfd)),
        Row(
            "text-straight-quotes-contact",
            "build",
            built(lambda p: edit(p / content, CONTACT, 'Institutionen "der" Großregion.')),
        ),
        Row(
            "text-raw-img-file",
            "build",
            built(lambda p: edit(p / content, CONTACT, 'Institutionen <img src="file:///etc/passwd"> der Großregion.')),
        ),
        *(
            Row(f"text-{name}", "build", built(lambda p, c=char: edit(p / content, FIGURE, f"{FIGURE} {c}")))
            for name, char in (("u+fdd0", "\ufdd0"), ("u+e001", "\ue001"), ("u+0378", "\u0378"))
        ),
        Row(
            "title-xmp-did",
            "build",
            built(lambda p: edit(p / content, TITLE, "fr: xmp.did:12345678-1234-1234-1234-123456789abc")),
        ),
    ]


# -- fonts, colour profile, SVGs the e-mail edition reads back --------------------------------


def _png() -> bytes:
    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (4, 4)).save(data, "PNG")
    return data.getvalue()


def _without_cmap() -> bytes:
    from fontTools.ttLib import TTFont

    font = TTFont(INTER)
    del font["cmap"]
    data = io.BytesIO()
    font.save(data)
    return data.getvalue()


BAD_FONTS = {
    "empty.otf": lambda: b"",
    "truncated.otf": lambda: INTER.read_bytes()[:1000],
    "random.ttf": lambda: random.Random(7).randbytes(4096),
    "picture.ttf": _png,
    "bad.woff2": lambda: b"wOF2" + random.Random(7).randbytes(200),
    "header.otf": lambda: b"OTTO" + bytes(8),
    "no-cmap.otf": _without_cmap,
}


def bad_font(name: str) -> Callable[[Path], None]:
    """The project's layout declares the font file `name`, of the bytes BAD_FONTS makes, in place of
    one of the theme's fonts (its `theme: fonts:` the theme's own lines, the bold one changed)."""

    def change(path: Path) -> None:
        layout = own_layout(path)
        (path / "assets" / "fonts").mkdir()
        (path / "assets" / "fonts" / name).write_bytes(BAD_FONTS[name]())
        theme = (BASE_TEMPLATES / "theme.yaml").read_text(encoding="utf-8")
        fonts = "".join(f"  {line}\n" for line in theme.splitlines() if line.startswith("  - {family:"))
        with (layout / "layout.yaml").open("a", encoding="utf-8") as file:
            file.write("theme:\n  fonts:\n" + fonts.replace("fonts/Inter-Bold.otf", f"fonts/{name}"))

    return change


def truncated_profile(path: Path) -> None:
    layout = path / "layouts" / "trifold-roll"
    layout.mkdir(parents=True)
    shutil.copy(LAYOUTS / "trifold-roll" / "layout.yaml", layout)
    profile = path / "assets" / "profiles" / "FOGRA39.icc"
    profile.write_bytes(profile.read_bytes()[:60_000])


HUGE_COORDINATES = (
    SVG + '<path d="M-1e30 -1e30 L1e30 1e30 L1e30 -1e30 Z" fill="black"/>'
    '<rect x="-1e30" y="0" width="1e31" height="1e31" fill="red"/><circle cx="40" cy="30" r="1e30"/></svg>'
)
TWO_MB_PATH = SVG + '<path d="M0 0' + "h1v1h-1v-1" * 200_000 + '" stroke="black" fill="none"/></svg>'


def file_rows() -> list[Row]:
    return [
        *(Row(f"font-{name}", "build", built(bad_font(name))) for name in BAD_FONTS),
        Row("icc-truncated", "build", built(truncated_profile)),
        Row("svg-huge-coordinates", "build", built(svg_map(HUGE_COORDINATES))),
        Row("svg-2mb-path", "build", built(svg_map(TWO_MB_PATH))),
    ]


# -- brochure's cache -------------------------------------------------------------------------


class _Shell:
    """Pickled, runs a shell command when it is unpickled: what a crafted compiled-template entry holds."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def entries(folder: Path) -> list[Path]:
    """One entry of each kind brochure keeps (the first file of each folder of its cache), after a build."""
    cache = folder / "cache"
    kinds = sorted(path for path in cache.iterdir() if path.is_dir()) if cache.is_dir() else []
    found = [min((path for path in kind.rglob("*") if path.is_file()), default=None) for kind in kinds]
    return [path for path in found if path is not None]


def kept(folder: Path, word: str) -> list[Path]:
    """The entries of the cache whose path in it holds `word` (the kind of entry: the folder they are in)."""
    cache = folder / "cache"
    return sorted(path for path in cache.rglob("*") if path.is_file() and word in path.relative_to(cache).as_posix())


def cached(
    replace: Callable[[Path, list[Path]], list[Path]], fonts: bool = False, code: bool = False
) -> Callable[[Path], Case]:
    """A row that builds once to fill the cache, then replaces entries of it (`replace` says which it
    replaced, given the folder and one entry of each kind) and builds again: the build measured. With
    `code`, the row looks for the file the crafted entry's command makes (PWNED in the project)."""

    def make(folder: Path) -> Case:
        path = project(folder)
        if fonts:  # fonts of the project's own, whose code points brochure keeps
            shutil.copytree(ROOT / "assets" / "fonts", path / "assets" / "fonts")
            edit(path / "content.yaml", FIGURE, f"{FIGURE} \U0001f642")
        run_brochure(folder, path, *BUILD, "-q")
        replaced = replace(folder, entries(folder))
        kinds = [entry.relative_to(folder / "cache").parts[0] for entry in replaced]
        names = ", ".join(f"{kind} ×{kinds.count(kind)}" for kind in dict.fromkeys(kinds)) or "none found"
        return Case(list(BUILD), path, proof=path / "PWNED" if code else None, note=f"entries replaced: {names}")

    return make


def crafted_template(folder: Path, found: list[Path]) -> list[Path]:
    from jinja2.bccache import bc_magic

    compiled = kept(folder, "templat")
    payload = bc_magic + pickle.dumps(_Shell(f"touch {folder / 'p' / 'PWNED'}"), protocol=2)
    for path in compiled:
        path.write_bytes(payload)
    return compiled


def dev_zero(folder: Path, found: list[Path]) -> list[Path]:
    for path in found:
        path.unlink()
        path.symlink_to("/dev/zero")
    return found


def sparse(folder: Path, found: list[Path]) -> list[Path]:
    for path in found:
        with path.open("r+b") as file:
            file.truncate(2 * 2**30)  # takes no room on disk, but 2 GB to read
    return found


def big_tuple(folder: Path, found: list[Path]) -> list[Path]:
    """Each entry: a marshal tuple of 2**27 Nones, 134 MB on disk and 1.1 GB once loaded (one file, hard-linked)."""
    data = folder / "tuple.marshal"
    script = "import marshal, sys; open(sys.argv[1], 'wb').write(marshal.dumps((None,) * 2**27))"
    subprocess.run([sys.executable, "-c", script, str(data)], check=True)  # 1 GB: not in this process
    for path in found:
        path.unlink()
        os.link(data, path)
    return found


def fifo(folder: Path, found: list[Path]) -> list[Path]:
    for path in found:
        path.unlink()
        os.mkfifo(path)  # no writer: reading it waits for ever
    return found


def poisoned(folder: Path, found: list[Path]) -> list[Path]:
    """Every kept set of a font's code points claims 🙂 (U+1F642) too, as in test_untrusted_inputs."""
    poisoned = []
    for path in kept(folder, "code-point"):
        try:  # an entry of another format than this poison knows is left as it is
            value = marshal.loads(path.read_bytes())
            points = value if isinstance(value, list) else next(item for item in value if isinstance(item, list))
        except (EOFError, ValueError, TypeError, StopIteration):
            continue
        points.append(0x1F642)
        path.write_bytes(marshal.dumps(value))
        poisoned.append(path)
    return poisoned


def cache_rows() -> list[Row]:
    return [
        Row("cache-template-pickle", "build (after a build)", cached(crafted_template, code=True)),
        Row("cache-dev-zero", "build (after a build)", cached(dev_zero)),
        Row("cache-sparse-2gb", "build (after a build)", cached(sparse)),
        Row("cache-big-marshal-tuple", "build (after a build)", cached(big_tuple)),
        Row("cache-fifo", "build (after a build)", cached(fifo)),
        Row("cache-poisoned-code-points-emoji", "build (after a build)", cached(poisoned, fonts=True)),
    ]


# -- watch, serve, batches, links -------------------------------------------------------------


def first_build(out: str, err: str) -> bool:
    """Whether a watch has shown its first build: a good one's line on stdout, a broken one's on stderr."""
    return bool(out.strip()) or "not rebuilt" in err


def ctrl_c_after_first_build(running: Running) -> str:
    seen = running.wait_for(first_build, FIRST_BUILD)
    running.interrupt()
    return f"first build shown at {seen:.1f} s, then Ctrl-C" if seen else f"no build shown in {FIRST_BUILD} s; Ctrl-C"


GARBAGE = (
    b"GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n",
    random.Random(7).randbytes(4096),
    b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(64),  # the start of a TLS handshake
)


def ask(address: tuple[str, int], request: bytes) -> str:
    """The status of the answer to a raw request, or what went wrong."""
    try:
        with socket.create_connection(address, timeout=10) as client:
            client.sendall(request)
            client.shutdown(socket.SHUT_WR)
            answer = b""
            while chunk := client.recv(4096):
                answer += chunk
    except OSError as exc:
        return type(exc).__name__
    if not answer.startswith(b"HTTP/"):  # an answer in HTTP/0.9, to a request of no version it knows: no status line
        code = re.search(rb"Error code: (\d+)", answer)
        return f"{code[1].decode()} without a status line" if code else f"{len(answer)} bytes without a status line"
    return answer.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 1)[-1]


def garbage_requests(running: Running) -> str:
    if running.wait_for(lambda out, err: "serving the previews at " in err, FIRST_BUILD) is None:
        running.interrupt()
        return "no server"
    url = next(line for line in read(running.err).splitlines() if "serving the previews at " in line).split()[-1]
    parts = urlsplit(url)
    answers = [ask((parts.hostname or "127.0.0.1", parts.port or 80), request) for request in GARBAGE]
    seen = running.wait_for(first_build, FIRST_BUILD)
    running.interrupt()
    return f"answers: {', '.join(answers)}; first build at {seen:.1f} s" if seen else f"answers: {', '.join(answers)}"


def tracebacks(stderr: str) -> str:
    return f"traceback lines: {sum('Traceback (most recent call last)' in line for line in stderr.splitlines())}"


def link_root(path: Path) -> Case:
    (path / "assets" / "root").symlink_to("/")
    return Case(["watch", "-o", "out"], path, drive=ctrl_c_after_first_build)


def no_content(folder: Path) -> Case:
    (folder / "empty").mkdir()
    return Case(["watch"], folder / "empty")


def serve(path: Path) -> Case:
    argv = ["watch", "--serve", "--port", "0", "-o", "out"]
    return Case(argv, path, drive=garbage_requests, observe=tracebacks)


def two_slugs(path: Path) -> None:
    shutil.copy(path / "events" / "rencontre-2027.yaml", path / "events" / "rencontre-2027.yml")


def link_content(path: Path) -> None:
    (path / "content.yaml").rename(path.parent / "elsewhere" / "content.yaml")
    (path / "content.yaml").symlink_to(path.parent / "elsewhere" / "content.yaml")


def link_event(path: Path) -> Case:
    link = path / "events" / "rencontre-2027.yaml"
    link.rename(path.parent / "elsewhere" / link.name)
    link.symlink_to(path.parent / "elsewhere" / link.name)
    return Case([*BUILD, "--event", "events/rencontre-2027.yaml"], path)


def link_layout(path: Path) -> None:
    shutil.copytree(LAYOUTS / "trifold-roll", path.parent / "elsewhere" / "trifold-roll")
    (path / "layouts").mkdir()
    (path / "layouts" / "trifold-roll").symlink_to(path.parent / "elsewhere" / "trifold-roll")


def link_template(path: Path) -> None:
    secret = path.parent / "elsewhere" / "secret.txt"
    secret.write_text("not for a leaflet\n", encoding="utf-8")
    link = own_layout(path) / "blocks" / "links.html.j2"
    link.unlink()
    link.symlink_to(secret)


def session_rows() -> list[Row]:
    return [
        Row("watch-link-to-root", "watch, Ctrl-C after the first build", built(link_root)),
        Row("watch-no-content", "watch (in an empty folder)", no_content),
        Row("serve-garbage-requests", "watch --serve, 4 raw requests, Ctrl-C", built(serve)),
        Row("events-two-files-one-slug", "build --all-events", built(two_slugs, "--all-events")),
        Row("link-content", "build", built(link_content)),
        Row("link-event", "build --event", built(link_event)),
        Row("link-layout-folder", "build", built(link_layout)),
        Row("link-template", "build", built(link_template)),
    ]


# -- PDFs given to check and proof ------------------------------------------------------------


def pdf_bytes(*objects: bytes, root: int = 1) -> bytes:
    """A PDF of `objects` (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def one_page(
    *, kids: bytes = b"[3 0 R]", count: int = 1, box: bytes = b"[0 0 595 842]", contents: bytes = b"<< /Length 0 >>"
) -> bytes:
    """A PDF of one page (object 3) whose drawing is object 4, with the page tree, box or drawing given."""
    return pdf_bytes(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids %s /Count %d >>" % (kids, count),
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 4 0 R >>" % box,
        contents + (b"\nstream\n\nendstream" if b"stream" not in contents else b""),
    )


def flate_bomb(size: int = 2 * 2**30) -> bytes:
    """A FlateDecode stream of `size` bytes of spaces in about 2 MB: each mebibyte a block of its own, repeated."""
    chunk = b" " * 2**20
    compressor = zlib.compressobj(9)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(size // len(chunk)):
        checksum = zlib.adler32(chunk, checksum)
    data = first + block * (size // len(chunk) - 1) + b"\x03\x00" + checksum.to_bytes(4, "big")
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)


def flipped(seed: int) -> Callable[[Path], bytes]:
    """The repository's print PDF, built here, with 200 bytes flipped at places the seed picks."""

    def make(folder: Path) -> bytes:
        path = project(folder)
        run_brochure(folder, path, *BUILD, "--only", "print", "-q")
        data = bytearray((path / "out" / "quattropole-print.pdf").read_bytes())
        for position in random.Random(seed).sample(range(len(data)), 200):
            data[position] ^= 0xFF
        return bytes(data)

    return make


CRAFTED: dict[str, Callable[[Path], bytes]] = {
    "kids-200000": lambda _: one_page(kids=b"[" + b"3 0 R " * 200_000 + b"]", count=200_000),
    "flate-bomb": lambda _: one_page(contents=flate_bomb()),
    "length-self-reference": lambda _: one_page(contents=b"<< /Length 4 0 R >>\nstream\n0 0 m 9 9 l S\nendstream"),
    "mediabox-strings": lambda _: one_page(box=b"[(a) (b) (c) (d)]"),
    "flipped-bytes-seed-14": flipped(14),  # seeds as in tests/hostile/test_hostile_pdfs.py
    "flipped-bytes-seed-163": flipped(163),
    "flipped-bytes-seed-104": flipped(104),
    "page-14400pt": lambda _: one_page(box=b"[0 0 14400 14400]"),
    "page-1e9pt": lambda _: one_page(box=b"[0 0 1000000000 1000000000]"),
}


def judged(command: str, make: Callable[[Path], bytes | None], name: str = "x.pdf") -> Callable[[Path], Case]:
    """`check` or `proof` of the file `name` that `make` writes (or makes itself, returning None)."""

    def case(folder: Path) -> Case:
        path = folder / name
        data = make(folder)
        if data is not None:
            path.write_bytes(data)
        target = str(path) if path.exists() or path.is_symlink() else name
        return Case([command, target] if command == "check" else [command, target, "-o", str(folder)], folder)

    return case


def make_fifo(folder: Path) -> None:
    os.mkfifo(folder / "x.pdf")  # no writer: reading it waits for ever


def make_sparse(folder: Path) -> None:
    with (folder / "x.pdf").open("wb") as file:
        file.truncate(3 * 2**30)  # takes no room on disk, but 3 GB to read


def pdf_rows() -> list[Row]:
    rows = []
    for command in ("check", "proof"):
        rows += [Row(f"pdf-{case}-{command}", command, judged(command, make)) for case, make in CRAFTED.items()]
        rows += [
            Row(f"pdf-dev-zero-{command}", f"{command} /dev/zero", judged(command, lambda _: None, "/dev/zero")),
            Row(f"pdf-fifo-{command}", f"{command} x.pdf (a FIFO)", judged(command, make_fifo)),
            Row(f"pdf-sparse-3gb-{command}", f"{command} x.pdf (3 GB sparse)", judged(command, make_sparse)),
        ]
    return rows


# -- the command line -------------------------------------------------------------------------


def all_rows() -> list[Row]:
    return [*template_rows(), *text_rows(), *file_rows(), *cache_rows(), *session_rows(), *pdf_rows()]


def cell(text: object) -> str:
    return str(text).replace("|", "\\|")


def run(row: Row) -> Outcome:
    with tempfile.TemporaryDirectory(prefix=f"hostile-{row.id}-") as name:
        folder = Path(name)
        return measure(row.make(folder), folder)


HEADER = (
    "| row | command | exit | seconds | peak MB | ran code? | note | first line of stderr |\n"
    "|---|---|---|---:|---:|---|---|---|"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], prog="tools/hostile.py")
    parser.add_argument("words", nargs="*", help="run only the rows whose id contains one of these words")
    parser.add_argument("--list", action="store_true", help="list the ids of the rows, and of those skipped")
    args = parser.parse_args(argv)
    rows = [row for row in all_rows() if not args.words or any(word in row.id for word in args.words)]
    skipped = [key for key in SKIPPED if not args.words or any(word in key for word in args.words)]
    if not rows and not skipped:
        parser.error(f"no row's id contains {' or '.join(map(repr, args.words))} (see --list)")
    if args.list:
        print("\n".join([row.id for row in rows] + [f"{key} (skipped: {SKIPPED[key]})" for key in skipped]))
        return 0
    print(HEADER, flush=True)
    for row in rows:
        outcome = run(row)
        cells = (row.id, row.command, outcome.exit, f"{outcome.seconds:.1f}", outcome.peak_mb, outcome.ran_code)
        print("| " + " | ".join(cell(value) for value in (*cells, outcome.note, outcome.stderr)) + " |", flush=True)
    for key in skipped:
        print(f"| {key} | — | skipped | | | | {cell(SKIPPED[key])} | |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
