"""Installing brochure as a user does: the wheel carries what a build needs and runs outside the source tree,
and the container image and CI install the system packages the README lists."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

import brochure
from brochure.files import resources

# One process builds the wheel once for the tests that read it.
pytestmark = pytest.mark.xdist_group("wheel")

# What the tests need and a user does not: a second PDF reader and the browser of the live-page tests.
TEST_TOOLS = {"poppler-utils", "qpdf", "chromium"}


def apt_packages(command: str) -> set[str]:
    """The packages an `apt-get install` command line names (its options left out)."""
    words = command.split("apt-get install", 1)[1].split("&&", 1)[0].split()
    return {word for word in words if not word.startswith("-") and word != "\\"}


def setup_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]


def readme_packages() -> set[str]:
    return apt_packages(next(line for line in setup_section().splitlines() if "apt-get install" in line))


def dockerfile() -> str:
    # Continuation lines joined: an instruction is one line.
    return (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")


def dockerfile_packages() -> set[str]:
    return apt_packages(next(line for line in dockerfile().splitlines() if "apt-get install" in line))


def ci_packages() -> set[str]:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    return apt_packages(next(line for line in ci.splitlines() if "apt-get install" in line))


def test_the_image_installs_the_readme_packages_but_its_own_python():
    assert readme_packages() - {"python3-venv"} == dockerfile_packages()
    assert "python3-venv" in readme_packages()


def test_ci_installs_what_the_image_does_and_the_test_tools():
    assert ci_packages() - TEST_TOOLS == dockerfile_packages()


def test_the_image_installs_the_project_and_runs_its_command():
    image = dockerfile()
    instructions = re.findall(r"^([A-Z]+) (.+)$", image, re.M)
    assert instructions[0][0] == "FROM" and re.match(r"python:3\.\d+-slim", instructions[0][1])
    copied = next(arguments.split() for kind, arguments in instructions if kind == "COPY")
    assert copied[0] == "."
    assert any(re.search(rf"pip install .*{re.escape(copied[1])}(\s|$)", line) for line in image.splitlines())
    assert ("ENTRYPOINT", '["brochure"]') in instructions
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'^brochure = "brochure\.__main__:run"$', pyproject, re.M)
    # The README's `docker run` mounts the user's folder where the image works.
    workdir = next(arguments for kind, arguments in instructions if kind == "WORKDIR")
    assert f'docker run --rm -v "$PWD:{workdir}" brochure build' in setup_section()


def test_the_image_is_built_without_a_local_environment_or_outputs():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "out"} <= set(ignored)


def test_resources_are_found_in_the_source_tree():
    # The tests run from a source checkout (or an editable install of it): the folders at the project root.
    assert Path(brochure.__file__).resolve().parent.parent == ROOT
    assert (resources.LAYOUTS_DIR, resources.ASSETS_DIR) == (ROOT / "layouts", ROOT / "assets")
    assert resources.EXAMPLES_DIR == ROOT / "brochure" / "examples"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this source tree, built with the backend already installed: nothing is downloaded."""
    folder = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-index", "--no-build-isolation"]
    subprocess.run([*command, "-w", str(folder), str(ROOT)], check=True, capture_output=True)
    (built,) = folder.glob("brochure-*.whl")
    return built


def source_files(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_wheel_carries_the_layouts_assets_and_examples(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    carried = {"layouts": ROOT / "layouts", "assets": ROOT / "assets", "examples": resources.EXAMPLES_DIR}
    for inside, folder in carried.items():
        expected = {f"brochure/{inside}/{name}" for name in source_files(folder)}
        assert expected <= names, sorted(expected - names)[:5]
        assert expected
    assert "brochure/layouts/_base" in {name.rsplit("/", 1)[0] for name in names}


def test_the_installed_wheel_builds_a_leaflet_outside_the_source_tree(wheel: Path, tmp_path: Path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python, command = venv / "bin" / "python", venv / "bin" / "brochure"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # The dependencies come from the running environment, after the venv's own packages: nothing is downloaded,
    # and a source tree this environment may point at (an editable install's .pth) is not on the path.
    dependencies = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "dependencies.pth").write_text("\n".join(sorted(dependencies)) + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index"]
    subprocess.run([*pip, str(wheel)], check=True, capture_output=True)

    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    work = tmp_path / "work"
    work.mkdir()
    where = "import json, brochure; from brochure.files import resources as r; " + (
        "print(json.dumps([brochure.__file__, str(r.LAYOUTS_DIR), str(r.ASSETS_DIR), str(r.EXAMPLES_DIR)]))"
    )
    found = subprocess.run([python, "-c", where], capture_output=True, text=True, env=env, cwd=work, check=True)
    for path in json.loads(found.stdout):
        assert Path(path).is_relative_to(site / "brochure"), path

    created = subprocess.run([command, "new", "leaflet"], capture_output=True, text=True, env=env, cwd=work)
    assert created.returncode == 0, created.stderr
    project = work / "leaflet"
    built = subprocess.run(
        [command, "build", "--only", "print", "-q"], capture_output=True, text=True, env=env, cwd=project
    )
    assert built.returncode == 0, built.stderr
    assert list((project / "out").glob("*-print.pdf"))
