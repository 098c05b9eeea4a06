"""`build --json`: one JSON document on stdout and nothing else, for a build that passes, one that fails
its checks, one that meets bad input, and a batch of events. The golden build stands for the build."""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

import pytest

import brochure.commands.build as building
from brochure.commands.cli import main
from brochure.errors import CheckFailed, ExitStatus, InputError
from brochure.preflight import Finding, Severity


def _built_as(monkeypatch, outcome) -> list[Path]:
    """`build` made to give `outcome` (a result, or an error it raises), saying what it would warn."""
    asked = []

    def build(content, outdir, *args, **kwargs):
        asked.append(outdir)
        logging.getLogger("brochure").warning("content.yaml:3:1: a warning of the content")
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    monkeypatch.setattr(building, "build", build)
    return asked


def test_a_build_that_passes_is_one_json_document_on_stdout(golden, tmp_path: Path, monkeypatch, capsys):
    _built_as(monkeypatch, golden.result)
    assert main(["build", str(tmp_path / "content.yaml"), "--json"]) == ExitStatus.OK
    document = json.loads(capsys.readouterr().out)  # the whole of stdout: no closing line, no note
    assert document["status"] == 0
    assert [edition["edition"] for edition in document["editions"]] == ["print", "email", "previews", "mailing"]
    pdf = golden.result.print_pdf
    assert document["editions"][0]["files"] == [{"path": pdf.as_posix(), "size": pdf.stat().st_size}]
    assert all(edition["size"] == sum(f["size"] for f in edition["files"]) for edition in document["editions"])
    assert document["findings"] == []
    assert document["warnings"] == ["content.yaml:3:1: a warning of the content"]


def test_a_build_that_fails_its_checks_says_what_it_wrote_and_every_finding(
    golden, tmp_path: Path, monkeypatch, capsys
):
    finding = Finding("overflow", Severity.ERROR, "the text runs past the panel", page=2, panel="cover")
    report = dataclasses.replace(golden.result.editions[1].report, findings=(finding,))
    refused = dataclasses.replace(golden.result.editions[1], written=(), report=report, rejected=tmp_path / "x.pdf")
    _built_as(monkeypatch, CheckFailed.of_editions((golden.result.editions[0], refused)))
    assert main(["build", str(tmp_path / "content.yaml"), "--json"]) == ExitStatus.CHECK_FAILED
    document = json.loads(capsys.readouterr().out)
    assert document["status"] == 1
    assert [(e["edition"], e["ok"], len(e["files"])) for e in document["editions"]] == [
        ("print", True, 1),
        ("email", False, 0),
    ]
    assert document["editions"][1]["rejected"] == (tmp_path / "x.pdf").as_posix()
    assert document["findings"] == [{"edition": "email", **json.loads(json.dumps(finding.as_dict()))}]
    assert set(document["findings"][0]) == {"edition", "check", "severity", "message", "page", "panel", "area"}


def test_bad_input_is_a_json_document_with_status_2_and_one_line_on_stderr(tmp_path: Path, monkeypatch, capsys):
    _built_as(monkeypatch, InputError("content.yaml:4:7: layout: no layout 'trifold-x'"))
    assert main(["build", str(tmp_path / "content.yaml"), "--json"]) == ExitStatus.INVALID_INPUT
    out, err = capsys.readouterr()
    assert json.loads(out) == {
        "status": 2,
        "editions": [],
        "findings": [],
        "notes": [],
        "error": ["content.yaml:4:7: layout: no layout 'trifold-x'"],
        "warnings": ["content.yaml:3:1: a warning of the content"],
    }
    assert err.endswith("content.yaml:4:7: layout: no layout 'trifold-x'\n")


def test_check_json_is_what_build_json_says_of_each_finding(golden, tmp_path: Path, capsys):
    """One way to write a finding: `check --json` and `build --json` share it."""
    assert main(["check", str(golden.result.print_pdf), "--json"]) == ExitStatus.OK
    assert json.loads(capsys.readouterr().out) == golden.result.report.as_dict()


@pytest.mark.parametrize("failing", [False, True])
def test_every_event_of_a_batch_is_in_one_document(golden, tmp_path: Path, monkeypatch, capsys, failing: bool):
    from brochure.commands import batch
    from brochure.commands.batch import EventOutcome

    events = [tmp_path / "events" / "a.yaml", tmp_path / "events" / "b.yaml"]
    monkeypatch.setattr("brochure.content.events.event_files", lambda content: events)
    second = (
        EventOutcome(events[1], ExitStatus.INVALID_INPUT, 0.1, error="events/b.yaml:1:1: title: missing")
        if failing
        else EventOutcome(events[1], ExitStatus.OK, 0.1, result=golden.result)
    )
    outcomes = [EventOutcome(events[0], ExitStatus.OK, 0.1, result=golden.result), second]
    monkeypatch.setattr(batch, "build_events", lambda *args, **kwargs: iter(outcomes))
    status = main(["build", str(tmp_path / "content.yaml"), "--all-events", "--json"])
    document = json.loads(capsys.readouterr().out)
    assert status == document["status"] == (2 if failing else 0)
    assert [(event["event"], event["status"]) for event in document["events"]] == [("a", 0), ("b", status)]
    editions = document["events"][0]["editions"]
    assert [edition["edition"] for edition in editions] == ["print", "email", "previews", "mailing"]
    if failing:
        assert document["events"][1]["error"] == ["events/b.yaml:1:1: title: missing"]
