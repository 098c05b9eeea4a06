"""Shared fixtures: the QuattroPole leaflet built once, as the golden project; each example built once; projects
to change freely.

A build is most of a test's time: what many tests read is built once per test process (session scope) and
never changed; a test that needs outputs to change copies them first (`Golden.copy_outputs`)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
from collections.abc import Callable, Collection, Iterator
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
