"""Shared fixtures: the QuattroPole leaflet built once, as the golden project; each example built once; projects
to change freely; brochure run as a program in a process of its own, forked from the test's (`run_forked`).

A build is most of a test's time: what many tests read is built once per test process (session scope) and
never changed; a test that needs outputs to change copies them first (`Golden.copy_outputs`). A new
interpreter costs a second of imports: a case that needs a process of its own forks one instead."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

import brochure.commands.build as building
from brochure import load_content
from brochure.commands.build import BuildResult, build
from brochure.commands.cli import main
from brochure.content.load import Content
from brochure.errors import ExitStatus
from brochure.preflight.pdffacts import PdfFacts, read_pdf
from brochure.sheet.layout import Layout

ROOT = Path(__file__).resolve().parent.parent

# CI sets CI=true. There, a tool the tests need (gs, poppler, chromium) that is missing is a failure,
# not a skip (.ci/run installs them and says so first), and Hypothesis draws the same examples
# every run, so that a red CI can be run again and reproduced.
IN_CI = bool(os.environ.get("CI"))
settings.register_profile("ci", derandomize=True, print_blob=True)
if IN_CI:
    settings.load_profile("ci")


def needs_tool(*names: str) -> pytest.MarkDecorator:
    """Skip a test where one of the tools `names` is not on PATH, on a developer's machine only:
    in CI the test runs, and fails where the tool is missing."""
    missing = [name for name in names if shutil.which(name) is None]
    return pytest.mark.skipif(
        bool(missing) and not IN_CI,
        reason=f"{', '.join(missing)} not installed (apt-get install poppler-utils ghostscript chromium qpdf)",
    )


class Hung(Exception):
    """A test's work went on far longer than it ever should: a hang, not a slow machine."""


@contextlib.contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Stop the work inside after `seconds` with Hung: it only catches hangs (the bound is far above
    any normal run), and says nothing of speed, which the benchmark measures."""

    def hung(signum, frame):  # noqa: ARG001 - the signal handler's signature
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_forked(
    args: list[str], *, timeout: float, cwd: Path | None = None, env: Mapping[str, str] | None = None, memory: int = 0
) -> subprocess.CompletedProcess:
    """`brochure ARGS` as its own program in a process of its own, as `python -m brochure ARGS` runs it, but forked
    from this one: brochure is imported already, so a case costs no interpreter start and no imports (about a
    second each), and still cannot take the test run with it. Past `timeout` seconds it is killed and
    subprocess.TimeoutExpired raised, as subprocess.run does; with `memory`, it may map at most that many bytes
    beyond what this process maps. Its stdout and stderr are returned as text, its exit status as returncode."""
    with tempfile.TemporaryDirectory() as folder:
        out, err = Path(folder) / "stdout", Path(folder) / "stderr"
        pid = os.fork()
        if pid == 0:  # the child: never returns into the test run
            _run_as_program(args, cwd, env, memory, out, err)
        deadline = time.monotonic() + timeout
        while (done := os.waitpid(pid, os.WNOHANG))[0] == 0:
            if time.monotonic() > deadline:  # a hang, not a slow machine: the bound is far above any case
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise subprocess.TimeoutExpired(["brochure", *args], timeout)
            time.sleep(0.005)
        status = os.waitstatus_to_exitcode(done[1])
        return subprocess.CompletedProcess(["brochure", *args], status, out.read_text(), err.read_text())


def _run_as_program(args, cwd: Path | None, env: Mapping[str, str] | None, memory: int, out: Path, err: Path):
    """In a forked child: what `python -m brochure ARGS` would do, with stdout and stderr going to `out` and
    `err`; then the child ends with its exit status, whatever happens."""
    status = 70
    try:
        if cwd is not None:
            os.chdir(cwd)
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        for fd, path in ((1, out), (2, err)):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        # Open until the child ends: os._exit, after the flush below, closes them.
        sys.stdout, sys.stderr = (open(fd, "w", encoding="utf-8", closefd=False) for fd in (1, 2))  # noqa: SIM115
        logging.root.handlers.clear()  # the test run's capture: brochure logs to its stderr, as a program does
        if memory:
            status_lines = Path("/proc/self/status").read_text(encoding="utf-8").splitlines()
            mapped = next(int(line.split()[1]) * 1024 for line in status_lines if line.startswith("VmSize:"))
            resource.setrlimit(resource.RLIMIT_AS, (mapped + memory, resource.getrlimit(resource.RLIMIT_AS)[1]))
        sys.argv = ["brochure", *args]
        from brochure.__main__ import run

        status = run()
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    except BaseException:  # noqa: BLE001 - whatever escapes is reported, as the interpreter would
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(status)


@pytest.fixture(scope="session", autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """brochure's cache (hyphenation dictionaries, code points, templates) in a folder of the test run's
    own, for every build, in this process and in those it starts. No layout is done aside here: a
    build in a caller's process never forks (`test_aside` builds in fresh processes instead)."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BROCHURE_CACHE", str(folder))
        yield folder


@dataclass
class Golden:
    """A build shared by many tests, its print PDF read; its files are never changed."""

    result: BuildResult
    facts: PdfFacts
    content: Content
    layout: Layout

    def copy_outputs(self, outdir: Path, editions: Collection[str] | None = None) -> Path:
        """`outdir` holding copies of what this build wrote (of `editions`, or of every edition), as a build into
        `outdir` would have left it: the last good outputs, for a test that then breaks a build over them."""
        built = self.result.print_pdf.parent
        for result in self.result.editions:
            for written in result.written if editions is None or result.edition in editions else ():
                target = outdir / written.path.relative_to(built)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(written.path, target)
        return outdir


@pytest.fixture(scope="session")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Golden:
    """The QuattroPole leaflet, every default edition, built once."""
    outdir = tmp_path_factory.mktemp("golden")
    result = build(ROOT / "content.yaml", outdir)
    content = load_content(ROOT / "content.yaml")
    return Golden(result, read_pdf(result.print_pdf), content, content.layout)


@dataclass
class PressPdf:
    path: Path
    data: bytes
    layout: Layout


@pytest.fixture(scope="session")
def press(golden: Golden) -> PressPdf:
    """The QuattroPole leaflet as the press edition renders it: PDF/X-4 in CMYK, the golden build's print PDF
    (`test_the_press_pdf_is_rebuilt_byte_identical` renders it anew and compares)."""
    path = golden.result.print_pdf
    return PressPdf(path, path.read_bytes(), golden.layout)


@dataclass
class ExampleBuild:
    """An example as `brochure new --example` makes it, then built by `brochure build`."""

    project: Path
    status: int
    out: str
    err: str
    result: BuildResult


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], ExampleBuild]:
    """Each example built once, the first time a test asks for it by name. Its tests share one xdist group
    (`xdist_group("examples")`), so that one process builds each example once, not each process."""
    built: dict[str, ExampleBuild] = {}

    def example(name: str) -> ExampleBuild:
        if name not in built:
            built[name] = _build_example(tmp_path_factory.mktemp(name) / name, name)
        return built[name]

    return example


def _build_example(project: Path, name: str) -> ExampleBuild:
    """`brochure new PROJECT --example NAME`, then `brochure build` of it into PROJECT/out, its output and what
    the build function gave the command."""
    assert main(["new", str(project), "--example", name]) == ExitStatus.OK
    results: list[BuildResult] = []
    real_build = building.build

    def recorded(*args, **kwargs) -> BuildResult:
        results.append(real_build(*args, **kwargs))
        return results[-1]

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        patch.setattr(building, "build", recorded)
        status = main(["build", str(project / "content.yaml"), "-o", str(project / "out")])
    assert len(results) == 1, "`brochure build` no longer calls brochure.commands.build.build: record it elsewhere"
    return ExampleBuild(project, status, out.getvalue(), err.getvalue(), results[0])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the QuattroPole project (content and assets) to change freely."""
    shutil.copy(ROOT / "content.yaml", tmp_path / "content.yaml")
    shutil.copytree(ROOT / "assets", tmp_path / "assets", ignore=shutil.ignore_patterns("fonts"))
    return tmp_path


@pytest.fixture
def new_project(tmp_path: Path) -> Path:
    """A project as `brochure new` makes it, to change freely."""
    assert main(["new", str(tmp_path / "p")]) == ExitStatus.OK
    return tmp_path / "p"
