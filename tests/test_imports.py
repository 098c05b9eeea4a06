"""The house: stages import only the stages before them, and the light entry points stay light."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from brochure.sheet.theme import load_theme

spec = importlib.util.spec_from_file_location("imports_tool", ROOT / "tools" / "imports.py")
imports_tool = importlib.util.module_from_spec(spec)
sys.modules["imports_tool"] = imports_tool
spec.loader.exec_module(imports_tool)

HEAVY = ("weasyprint", "jinja2")


def test_the_package_has_no_import_cycle_and_no_upward_import():
    ran = subprocess.run([sys.executable, str(ROOT / "tools" / "imports.py")], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout
    assert "no cycle, no upward import" in ran.stdout
    assert "preflight: " in ran.stdout  # the graph is printed, stage by stage


def package(tmp_path: Path, files: dict[str, str]) -> Path:
    """A package named brochure under `tmp_path`, of `files` (path → source)."""
    for name, source in files.items():
        path = tmp_path / "brochure" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return tmp_path


def test_an_upward_import_is_found(tmp_path: Path):
    root = package(
        tmp_path,
        {
            "__init__.py": "",
            "preflight/__init__.py": "",
            "preflight/check.py": "def f():\n    from brochure.render import pdf\n",  # inside a function counts too
            "render/__init__.py": "",
            "render/pdf.py": "from brochure.preflight import check\n",
        },
    )
    _, found = imports_tool.problems(root)
    assert found == [
        "brochure.preflight.check imports brochure.render.pdf: preflight comes before render",
        "import cycle: brochure.preflight.check → brochure.render.pdf",
    ]


def test_an_import_for_type_checkers_only_does_not_count(tmp_path: Path):
    root = package(
        tmp_path,
        {
            "__init__.py": "",
            "files/__init__.py": "",
            "files/paths.py": (
                "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from brochure.render import pdf\n"
            ),
            "render/__init__.py": "",
            "render/pdf.py": "from brochure.files import paths\n",
        },
    )
    assert imports_tool.problems(root)[1] == []


def test_a_stage_the_tool_does_not_know_is_a_problem(tmp_path: Path):
    root = package(tmp_path, {"__init__.py": "", "misc/__init__.py": ""})
    assert imports_tool.problems(root)[1] == ["brochure.misc: stage 'misc' is not in tools/imports.py's STAGES"]


@pytest.mark.parametrize("module", ["brochure.errors", "brochure.schema", "brochure.preflight", "brochure.content"])
def test_reading_and_judging_need_neither_weasyprint_nor_jinja(module: str):
    code = f"import sys, {module}; print(sorted({{n.split('.')[0] for n in sys.modules}} & {set(HEAVY)!r}))"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout == "[]\n"


# What a command that neither builds nor checks must not load: the renderer and its templates, the
# PDF and picture libraries, the font reader, the Markdown parser, the preview server. Together they
# take tenths of a second to import, and `brochure --help`, `layouts` or `new` have to start at once.
NOT_AT_START = {
    "weasyprint",
    "jinja2",
    "pypdf",
    "pikepdf",
    "PIL",
    "pypdfium2",
    "fontTools.ttLib",
    "markdown_it",
    "http.server",
    "brochure.render",
    "brochure.editions",
    "brochure.preflight",
}
# A help reads no file: no schema, no YAML, no font.
NOT_FOR_HELP = NOT_AT_START | {"brochure.schema", "yaml", "fontTools"}
HELPS = [
    [*command, "--help"]
    for command in ([], ["build"], ["watch"], ["serve"], ["check"], ["proof"], ["new"], ["layouts"])
] + [["translate", "export", "--help"], ["translate", "import", "--help"]]


@pytest.mark.parametrize(
    ("args", "unwanted"),
    [
        *((args, NOT_FOR_HELP) for args in HELPS),
        (["layouts"], NOT_AT_START),  # the schema, to load the layouts
        (["new", "project"], NOT_AT_START),  # the schema, to write its JSON Schema
        (["schema"], NOT_AT_START),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",  # a set's order differs between workers
)
def test_light_commands_load_no_renderer(args: list[str], unwanted: set[str], tmp_path: Path):
    load_theme(tmp_path)  # as after any first run, the fonts' code points are in the cache: no font is read
    # As `python -m brochure` runs it (the `brochure` script runs the same `main`), in a new process.
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['brochure', *{args!r}]\n"
        "try:\n"
        "    runpy.run_module('brochure', run_name='__main__', alter_sys=True)\n"
        "except SystemExit as exit:\n"
        f"    print(sorted({sorted(unwanted)!r} & sys.modules.keys()), exit.code)\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert ran.stdout.splitlines()[-1] == "[] 0", ran.stdout + ran.stderr
