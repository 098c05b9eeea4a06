"""`build --all-events`: every event on a pool of processes, one line each, failures kept to themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from openday import with_open_day

from brochure.commands import cli, progress
from brochure.commands.batch import build_events, worker_count
from brochure.commands.cli import main
from brochure.errors import ExitStatus

BROKEN = "15:16"  # where the event open-day gives its start time


@pytest.fixture
def events_project(project: Path) -> Path:
    """A project with three events, the second one broken."""
    with_open_day(project)
    example = (project / "events" / "open-day.yaml").read_text(encoding="utf-8")
    (project / "events" / "b-broken.yaml").write_text(example.replace('start: "10:00"', 'start: "10h99"'), "utf-8")
    (project / "events" / "c-night.yaml").write_text(example.replace("Journée portes", "Nuit portes"), "utf-8")
    return project


def test_all_events_on_two_processes_one_line_each_and_the_worst_status(events_project: Path, capsys):
    project = events_project
    capsys.readouterr()
    argv = ["build", str(project / "content.yaml"), "-o", str(project / "out"), "--all-events", "--only", "print"]
    assert main([*argv, "--jobs", "2"]) == ExitStatus.INVALID_INPUT
    out, err = capsys.readouterr()
    assert sorted(line.split(": ", 1)[0].split("] ")[1] for line in out.splitlines()) == ["c-night", "open-day"]
    assert all(line.startswith("[") and "checks: 0 errors" in line for line in out.splitlines())
    assert err.splitlines()[0] == "building 3 events on 2 processes"
    failed = [line for line in err.splitlines() if "failed:" in line]
    assert len(failed) == 1
    assert failed[0].endswith(
        f"b-broken: failed: {project / 'events' / 'b-broken.yaml'}:{BROKEN}: sections.about[1].event.start: "
        "not a time of day: '10h99' (write it as HH:MM, e.g. 18:30)"
    )
    assert err.splitlines()[-1] == "2 of 3 events built, 1 failed"
    written = sorted(path.name for path in (project / "out").iterdir())
    assert written == ["quattropole-c-night-print.pdf", "quattropole-open-day-print.pdf"]


def test_quiet_prints_only_the_failures(events_project: Path, capsys):
    (events_project / "events" / "c-night.yaml").unlink()
    (events_project / "events" / "open-day.yaml").unlink()
    capsys.readouterr()
    argv = ["build", str(events_project / "content.yaml"), "-o", str(events_project / "out"), "--all-events", "-q"]
    assert main(argv) == ExitStatus.INVALID_INPUT
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [err.splitlines()[0], "0 of 1 events built, 1 failed"]
    assert err.startswith("[1/1] b-broken: failed: ")


def test_a_single_process_builds_the_same_in_this_process(events_project: Path):
    events = sorted((events_project / "events").glob("*.yaml"))
    outcomes = list(build_events(events_project / "content.yaml", events_project / "out", events, ["print"], jobs=1))
    assert [outcome.event.name for outcome in outcomes] == ["b-broken.yaml", "c-night.yaml", "open-day.yaml"]
    assert [outcome.status for outcome in outcomes] == [ExitStatus.INVALID_INPUT, ExitStatus.OK, ExitStatus.OK]
    assert outcomes[1].result.print_pdf.name == "quattropole-c-night-print.pdf"


def test_worker_count_never_exceeds_the_events():
    assert worker_count(None, 1) == 1
    assert worker_count(8, 3) == 3
    assert worker_count(2, 8) == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--event", "events/open-day.yaml"], "--event and --all-events: give one or the other"),
        (["-q", "-v"], "--quiet and --verbose: give one or the other"),
    ],
)
def test_options_that_exclude_each_other(events_project: Path, capsys, extra: list[str], message: str):
    argv = ["build", str(events_project / "content.yaml"), "--all-events", *extra]
    assert main(argv) == ExitStatus.INVALID_INPUT
    assert message in capsys.readouterr().err


def test_verbose_says_how_long_a_build_took_and_quiet_says_nothing(events_project: Path, capsys, monkeypatch):
    monkeypatch.chdir(events_project)
    capsys.readouterr()
    assert main(["build", "--only", "print", "-v"]) == ExitStatus.OK
    out = capsys.readouterr().out
    assert out.startswith("wrote ") and "; checks: 0 errors, 0 warnings in " in out and out.endswith(" s\n")
    assert main(["build", "--only", "print", "-q"]) == ExitStatus.OK
    assert capsys.readouterr() == ("", "")


ERASE = "\r\x1b[K"


def test_a_progress_line_on_a_terminal_once_the_batch_has_taken_long_enough(events_project: Path, capsys, monkeypatch):
    (events_project / "events" / "c-night.yaml").unlink()
    monkeypatch.setattr(cli, "_on_a_terminal", lambda: True)
    monkeypatch.setattr(progress, "PROGRESS_AFTER_SECONDS", 0.0)  # this batch has taken long enough at once
    capsys.readouterr()
    argv = ["build", str(events_project / "content.yaml"), "-o", str(events_project / "out"), "--all-events"]
    assert main([*argv, "--only", "print", "-j", "1"]) == ExitStatus.INVALID_INPUT
    out, err = capsys.readouterr()
    broken = events_project / "events" / "b-broken.yaml"
    failed = f"[1/2] b-broken: failed: {broken}:{BROKEN}: sections.about[1].event.start: not a time of day"
    assert err.startswith(f"building 2 events on 1 process\n{failed}")
    # Drawn over itself after each event, erased before the next event's line (on stdout) and at the end.
    progress_part = err[err.index(ERASE) : err.rindex(ERASE) + len(ERASE)]
    assert progress_part == f"{ERASE}1/2 events built{ERASE}{ERASE}2/2 events built{ERASE}"
    assert err.endswith(f"{ERASE}1 of 2 events built, 1 failed\n")
    assert out.startswith("[2/2] open-day: wrote ")


@pytest.mark.parametrize(("after", "quiet"), [(0.0, ["-q"]), (3600.0, [])], ids=["quiet", "quick"])
def test_no_progress_line_when_quiet_or_quick(events_project: Path, capsys, monkeypatch, after: float, quiet):
    for name in ("c-night.yaml", "open-day.yaml"):
        (events_project / "events" / name).unlink()
    monkeypatch.setattr(cli, "_on_a_terminal", lambda: True)
    monkeypatch.setattr(progress, "PROGRESS_AFTER_SECONDS", after)
    capsys.readouterr()
    argv = ["build", str(events_project / "content.yaml"), "-o", str(events_project / "out"), "--all-events"]
    assert main([*argv, *quiet]) == ExitStatus.INVALID_INPUT
    err = capsys.readouterr().err
    assert "\r" not in err and "1/1" in err and err.endswith("0 of 1 events built, 1 failed\n")


def test_an_event_set_tighter_to_fit_says_so_on_its_own_line(events_project: Path, capsys):
    events = events_project / "events"
    head, rest = (events / "open-day.yaml").read_text(encoding="utf-8").split("    - programme:\n", 1)
    for path in events.iterdir():
        path.unlink()
    # Three long programme items and a longer one run the event's panel a little past its foot.
    item = (
        '          - time: "1{n}:00"\n            text:\n'
        "              fr: Visite guidée des ateliers municipaux et rencontre avec les équipes de la ville\n"
        "              de: Führung durch die städtischen Werkstätten und Begegnung mit den Teams der Stadt\n"
    )
    # (Longer than a fourth item: the QR code's blank margin reaches into the gap beside it.)
    end = ", puis clôture de la journée et verre de l'amitié offert par les quatre villes"
    last = item.format(n=3).replace(" de la ville\n", f" de la ville{end}\n")
    last = last.replace(" der Stadt\n", " der Stadt, danach Abschluss des Tages und Umtrunk der vier Städte\n")
    programme = "    - programme:\n        items:\n" + "".join(item.format(n=n) for n in range(3)) + last
    action = "    - action:\n" + rest.split("    - action:\n")[1]
    (events / "long-day.yaml").write_text(head + programme + action, "utf-8")
    capsys.readouterr()
    argv = ["build", str(events_project / "content.yaml"), "-o", str(events_project / "out"), "--all-events"]
    assert main([*argv, "--only", "print", "--jobs", "1"]) == ExitStatus.OK
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("[1/1] long-day: wrote ")
    assert out[1:] == ["[1/1] long-day: note: inside-left: fitted with leading 95 %, tracking −0.5 %"]
