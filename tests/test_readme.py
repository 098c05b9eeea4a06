"""The README and docs/: the set-up commands are the ones CI runs, the commands and examples they show
work, the README stays short and names every block, and every link leads somewhere."""

from __future__ import annotations

import contextlib
import re
import shlex

import click
import pytest
from conftest import ROOT

from brochure.commands.cli import cli
from brochure.content import load_content
from brochure.schema.blocks import BLOCK_TYPES

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))


def setup_commands() -> list[str]:
    readme = README.read_text(encoding="utf-8")
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


def test_the_development_docs_give_the_test_command_ci_runs():
    assert f"```sh\n{setup_commands()[1]}\n```" in (ROOT / "docs" / "development.md").read_text(encoding="utf-8")


def test_the_readme_is_for_users_first():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[0] == "Set-up"  # install comes first
    for wanted in ("Your first leaflet", "Editing", "Event leaflets", "Mailing", "Printing", "When something"):
        assert any(heading.startswith(wanted) for heading in headings), wanted
    setup = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    for word in ("Benchmark", "Mutation", "McCabe", "Project layout"):  # for developers: docs/development.md
        assert word not in text.replace(setup, "")


def test_the_readme_names_every_block():
    table = README.read_text(encoding="utf-8").split("| block | what it prints |", 1)[1].split("\n\n", 1)[0]
    assert re.findall(r"^\| `(\w+)` \|", table, re.M) == list(BLOCK_TYPES)


def test_the_readme_names_every_example_brochure_new_offers():
    from brochure.commands.new import DEFAULT_EXAMPLE, example_names  # noqa: PLC0415

    table = README.read_text(encoding="utf-8").split("| example | what it is |", 1)[1].split("\n\n", 1)[0]
    assert sorted(re.findall(r"^\| `([\w-]+)`", table, re.M)) == sorted(example_names())
    assert f"| `{DEFAULT_EXAMPLE}` (default) |" in table


def test_the_readmes_example_content_is_a_whole_leaflet(tmp_path):
    example = README.read_text(encoding="utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "content.yaml").write_text(example, encoding="utf-8")
    content = load_content(tmp_path / "content.yaml")  # an InputError names what is wrong
    assert content.data["name"] == "my-leaflet"


def shown_commands() -> list[list[str]]:
    """Every `brochure …` command of a shell block of the README and docs/, as its words."""
    found = []
    for doc in (README, *DOCS):
        for block in re.findall(r"```sh\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
            for line in block.splitlines():
                for part in line.split("#", 1)[0].split("&&"):
                    words = shlex.split(part.split(">", 1)[0])
                    if words[:1] == ["brochure"]:
                        found.append(words[1:])
    return found


@pytest.mark.parametrize("words", shown_commands(), ids=" ".join)
def test_every_command_shown_is_one_brochure_takes(words):
    command = cli.commands[words[0]]
    with contextlib.suppress(click.BadParameter):  # a file the example names, which is not here
        command.make_context(words[0], words[1:])


def test_the_commands_shown_cover_the_readme():
    assert {words[0] for words in shown_commands()} >= {"new", "build", "proof"}


def _slug(heading: str, seen: dict[str, int]) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens, -1 on a repeat."""
    slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    return f"{slug}-{count}" if count else slug


def _anchors(text: str) -> set[str]:
    seen: dict[str, int] = {}
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    return {_slug(heading, seen) for heading in re.findall(r"^#+ (.+)$", prose, re.M)}


@pytest.mark.parametrize("doc", [README, *DOCS], ids=lambda path: path.name)
def test_every_link_leads_to_a_file_and_heading_that_exist(doc):
    prose = re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", doc.read_text(encoding="utf-8"), flags=re.S))
    links = re.findall(r"\]\(([^)\s]+)\)", prose)
    assert links
    for link in links:
        if re.match(r"[a-z]+:", link):
            continue
        name, _, anchor = link.partition("#")
        target = (doc.parent / name).resolve() if name else doc
        assert target.exists(), f"{doc.name}: {link}"
        if anchor:
            assert anchor in _anchors(target.read_text(encoding="utf-8")), f"{doc.name}: {link}"


def test_the_project_layout_names_every_stage_of_the_package():
    text = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    block = text.split("## Project layout", 1)[1].split("```", 2)[1]
    named = set(re.findall(r"^(?:  )?(\w+(?:\.py|/))  ", block, re.M))  # an entry, not its wrapped text
    package = ROOT / "brochure"
    stages = {f"{path.name}/" for path in package.iterdir() if (path / "__init__.py").is_file()}
    stages |= {f"{path.name}/" for path in (package / "render").iterdir() if (path / "__init__.py").is_file()}
    stages |= {path.name for path in package.glob("*.py") if not path.name.startswith("__")}
    assert named == stages
