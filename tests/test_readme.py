"""The README's two set-up commands are the ones CI runs and the ones that build the leaflet."""

from __future__ import annotations

import re

from conftest import ROOT


def setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_two_setup_commands():
    # In a virtual environment: Debian's and Ubuntu's own Python refuse `pip install` outside one (PEP 668).
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    build, test = venv + "pip install -e . && brochure build", venv + "pip install -e '.[test]' && pytest"
    assert setup_commands() == [build, test]


def test_ci_runs_the_readme_test_command_word_for_word():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == setup_commands()[1]


def test_the_project_layout_names_every_stage_of_the_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Project layout", 1)[1].split("```", 2)[1]
    named = set(re.findall(r"^(?:  )?(\w+(?:\.py|/))  ", block, re.M))  # an entry, not its wrapped text
    package = ROOT / "brochure"
    stages = {f"{path.name}/" for path in package.iterdir() if (path / "__init__.py").is_file()}
    stages |= {f"{path.name}/" for path in (package / "render").iterdir() if (path / "__init__.py").is_file()}
    stages |= {path.name for path in package.glob("*.py") if not path.name.startswith("__")}
    assert named == stages
