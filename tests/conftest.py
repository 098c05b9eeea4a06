"""Shared fixtures: the QuattroPole leaflet built once, as the golden project; projects to change freely."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from brochure import load_content, load_layout
from brochure.commands.build import BuildResult, build, document_date
from brochure.commands.cli import main
from brochure.content.load import Content
from brochure.editions.printed import press_pdf
from brochure.errors import ExitStatus
from brochure.preflight.pdffacts import PdfFacts, read_pdf
from brochure.sheet.layout import Layout

ROOT = Path(__file__).resolve().parent.parent


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
    layout = load_layout(content.layout_name)
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
