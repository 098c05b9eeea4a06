"""Every example `brochure new --list` names builds as it is, with no finding, and so does each of its events."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import needs_tool

from brochure.commands.cli import main
from brochure.commands.new import example_names
from brochure.errors import ExitStatus
from brochure.preflight.pdffacts import read_pdf

CLEAN = "checks: 0 errors, 0 warnings"


def _authors(project: Path) -> dict[str, str]:
    """The author of each photo the content prints, by file name, as its CREDITS.md names them."""
    content = (project / "content.yaml").read_text(encoding="utf-8")
    used = set(re.findall(r"assets/photos/([\w.-]+\.jpg)", content))
    if not used:
        return {}
    credits = project / "assets" / "photos" / "CREDITS.md"
    entries = dict(re.findall(r"^## (\S+)\n(.*?)(?=^## |\Z)", credits.read_text(encoding="utf-8"), re.M | re.S))
    return {name: re.search(r"^- Author: (.+?)(?:, \d{4})?$", entries[name], re.M)[1] for name in used}


def _unquoted(text: str) -> str:
    """`text` without quotation marks: typed quotes print as the language's."""
    return re.sub('["“”„«»]', "", text)


def _text(pdf: Path) -> str:
    facts = read_pdf(pdf)
    return " ".join(" ".join(facts.text_in(page.number, -50, 400).split()) for page in facts.pages)


@pytest.fixture(params=example_names())
def example(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    """A new project made from one example, as the current folder."""
    project = tmp_path / request.param
    assert main(["new", str(project), "--example", request.param]) == ExitStatus.OK
    capsys.readouterr()
    monkeypatch.chdir(project)
    return project


def test_the_examples_are_those_listed(capsys):
    assert main(["new", "--list"]) == ExitStatus.OK
    assert capsys.readouterr().out.split() == example_names()
    assert len(example_names()) >= 2


@pytest.mark.xdist_group("examples")
@pytest.mark.parametrize("name", example_names())
def test_an_example_builds_without_a_finding(example_build, name: str):
    built = example_build(name)
    assert built.status == ExitStatus.OK
    assert built.err == ""  # no finding, no library warning
    assert built.out.startswith("wrote ") and built.out.rstrip("\n").endswith(CLEAN), built.out
    outdir = built.project / "out"
    assert not any(path.name.endswith(".rejected.pdf") for path in outdir.iterdir())
    # A photo's licence asks for its author's name: the leaflet prints it (the photo block's credit).
    printed = _text(next(outdir.glob("*-print.pdf")))
    for photo, author in _authors(built.project).items():
        assert _unquoted(author) in _unquoted(printed), f"{name}: {photo} is not credited to {author}"


@needs_tool("qpdf")
@pytest.mark.xdist_group("examples")
@pytest.mark.parametrize("name", example_names())
def test_qpdf_finds_nothing_in_an_examples_pdfs(example_build, name: str):
    for pdf in sorted((example_build(name).project / "out").glob("*.pdf")):
        checked = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert (checked.returncode, checked.stderr) == (0, ""), f"{pdf.name}: {checked.stderr}"
        assert "WARNING" not in checked.stdout, f"{pdf.name}: {checked.stdout}"


@pytest.mark.xdist_group("examples")
def test_a_bleeding_photo_prints_its_credit_under_it_on_the_cover(example_build):
    facts = read_pdf(example_build("festival").result.print_pdf)
    # The cover is the right third of the outside; the photo fills it down to 52 % of the sheet's
    # height (110 mm), the title starts at 58 % (122 mm): the credit sits in between.
    under_the_photo = " ".join(facts.text_in(1, 198, 297, 110, 121).split())
    assert under_the_photo == "Photo Aitzol Berasategi (CC BY 4.0)"


def test_every_event_of_an_example_builds_without_a_finding(example: Path, capsys):
    events = sorted((example / "events").glob("*.yaml")) if (example / "events").is_dir() else []
    if not events:  # an example need not have events; then --all-events says so
        assert main(["build", "--all-events"]) == ExitStatus.INVALID_INPUT
        return
    # The editions the checks judge: the previews only draw the print PDF's pixels, and the event build of
    # test_events draws them for an event.
    assert main(["build", "--all-events", "-j", "1", "--only", "print,email"]) == ExitStatus.OK
    out, err = capsys.readouterr()
    built = [line for line in out.splitlines() if line.startswith("[")]
    assert len(built) == len(events), out
    assert all(line.endswith(CLEAN) for line in built), out
    assert err.splitlines()[-1] == f"{len(events)} of {len(events)} events built"
