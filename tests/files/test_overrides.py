"""`brochure layouts` names the files of brochure's a project replaces: its layouts and its templates/,
and a file that replaces nothing, with the one it may have meant."""

from __future__ import annotations

import shutil
from pathlib import Path

from projects import override_layout

from brochure.commands.cli import main
from brochure.errors import ExitStatus
from brochure.files.overrides import Override, project_overrides
from brochure.files.resources import LAYOUTS_DIR


def listed(capsys, *args: str) -> list[str]:
    assert main(["layouts", *args]) == ExitStatus.OK
    return capsys.readouterr().out.splitlines()


def test_a_project_without_files_of_its_own_lists_the_layouts_only(capsys, project: Path):
    lines = listed(capsys, "--content", str(project / "content.yaml"))
    assert [line.split(":")[0] for line in lines] == ["bifold-a4", "trifold-roll", "trifold-z"]


def test_layouts_lists_the_project_s_templates_and_layouts(capsys, project: Path, monkeypatch):
    (project / "templates" / "blocks").mkdir(parents=True)
    (project / "templates" / "blocks" / "heading.html.j2").write_text("<p></p>\n")
    (project / "templates" / "blocks" / "headng.html.j2").write_text("<p></p>\n")
    (project / "templates" / "notes.txt").write_text("not a template\n")
    shutil.copytree(LAYOUTS_DIR / "trifold-z", project / "layouts" / "flyer")
    text = (project / "layouts" / "flyer" / "layout.yaml").read_text(encoding="utf-8")
    (project / "layouts" / "flyer" / "layout.yaml").write_text(text.replace("name: trifold-z", "name: flyer"))
    wanted = [
        f"{project}/ replaces brochure's files:",
        "  layouts/flyer/layout.yaml: replaces nothing (a layout of the project's own)",
        "  templates/blocks/heading.html.j2 replaces layouts/_base/blocks/heading.html.j2",
        "  templates/blocks/headng.html.j2: replaces nothing (did you mean blocks/heading.html.j2?)",
    ]
    assert listed(capsys, "--content", str(project / "content.yaml"))[4:] == wanted
    monkeypatch.chdir(project)  # the project in the current folder, by default
    assert listed(capsys)[4:] == ["./ replaces brochure's files:", *wanted[1:]]


def test_a_project_copy_of_a_built_in_layout_replaces_it_file_by_file(project: Path):
    override_layout(project)
    overrides = project_overrides(project)
    assert Override(Path("layouts/trifold-roll/layout.yaml"), Path("layouts/trifold-roll/layout.yaml")) in overrides
    assert (
        Override(Path("layouts/trifold-roll/blocks/text.html.j2"), Path("layouts/_base/blocks/text.html.j2"))
        in overrides
    )
    assert all(override.replaces is not None for override in overrides)  # a copy of every template, each in use
