"""Shared fixtures: the QuattroPole leaflet built once, as the golden project; projects to change freely."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from brochure import load_content
from brochure.commands.build import BuildResult, build, document_date
from brochure.commands.cli import main
from brochure.content.load import Content
from brochure.editions.printed import press_pdf
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
        reason=f"{', '.join(missing)} not installed (apt-get install poppler-utils ghostscript chromium)",
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
    result: BuildResult
    facts: PdfFacts
    content: Content
    layout: Layout


@pytest.fixture(scope="session")
def golden(tmp_path_factory: pytest.TempPathFactory) -> Golden:
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
def press(tmp_path_factory: pytest.TempPathFactory) -> PressPdf:
    """The QuattroPole leaflet as the press edition renders it: PDF/X-4 in CMYK, built once."""
    content = load_content(ROOT / "content.yaml")
    layout = content.layout  # its panels print the sections the content places on them
    path = tmp_path_factory.mktemp("press") / "quattropole-press.pdf"
    path.write_bytes(press_pdf(content, layout, document_date(content)))
    return PressPdf(path, path.read_bytes(), layout)


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
