"""Templates brochure did not write: a project's layout may override any template, and a project may
come from anyone. Every template runs in Jinja2's immutable sandbox within bounds; what one tries
or gets wrong ends in exit 2 and one line naming its file and line, never in a command run, a file
read out of the project, an internal error (exit 70) or a build that does not end."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_forked

from brochure import ExitStatus
from brochure.files.resources import BASE_TEMPLATES, LAYOUTS_DIR

HANG_GUARD_SECONDS = 120  # a build that does not end fails the test instead of hanging it
TEMPLATE = Path("blocks") / "links.html.j2"  # included for each links block: an override of one template


def build(project: Path) -> subprocess.CompletedProcess:
    """Build the project's print edition in a process of its own, within the hang guard."""
    command = ["build", "content.yaml", "-o", "out", "-q", "--only", "print"]
    env = {**os.environ, "BROCHURE_CACHE": str(project / "cache")}
    return run_forked(command, cwd=project, env=env, timeout=HANG_GUARD_SECONDS)


def with_template(project: Path, text: str) -> Path:
    """The project with a layout of its own whose `blocks/links.html.j2` is `text`; that file."""
    folder = project / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    shutil.copytree(BASE_TEMPLATES, folder, dirs_exist_ok=True)
    (folder / TEMPLATE).write_text(text, encoding="utf-8")
    return folder / TEMPLATE


def assert_refused(result: subprocess.CompletedProcess, template: Path, line: int, message: str) -> None:
    """Exit 2, and one line on stderr: the template's file and line, then what is wrong with it."""
    assert result.returncode == ExitStatus.INVALID_INPUT, result.stderr
    assert re.fullmatch(rf"{re.escape(str(template.resolve()))}:{line}: template error: {message}\n", result.stderr), (
        result.stderr
    )


ESCAPES = {
    "lipsum-globals": "{{ lipsum.__globals__.os.popen('touch MARKER').read() }}",
    "cycler-globals": "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "subclasses": (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'Popen' %}{{ c(['touch', 'MARKER']).wait() }}{% endif %}{% endfor %}"
    ),
}


@pytest.mark.parametrize("escape", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_template_cannot_reach_python(project: Path, escape: str):
    marker = project / "MARKER"
    template = with_template(project, "<p>\n" + escape.replace("MARKER", str(marker)) + "\n</p>")
    result = build(project)
    assert not marker.exists()  # the command did not run
    assert_refused(result, template, 2, r"access to attribute '__\w+__' of '\w+' object is unsafe\.")


MISTAKES = {
    "division": ("{{ 1 / 0 }}", "division by zero"),
    "recursion": ("{% macro again() %}{{ again() }}{% endmacro %}{{ again() }}", "a macro that calls itself, .*"),
    "self-include": ('{% include "blocks/links.html.j2" %}', "a macro that calls itself, .*"),
    "undefined": ("{{ nope }}", "'nope' is undefined"),
    "mutation": ("{{ content.languages.append('en') }}", "access to attribute 'append' of 'list' object is unsafe."),
}


@pytest.mark.parametrize(("text", "message"), MISTAKES.values(), ids=MISTAKES.keys())
def test_a_template_mistake_names_its_file_and_line(project: Path, text: str, message: str):
    template = with_template(project, "<p>\n" + text + "\n</p>")
    assert_refused(build(project), template, 2, message)


def test_a_template_syntax_error_names_its_file_and_line(project: Path):
    template = with_template(project, "<p>\n{% for %}\n</p>")
    result = build(project)
    assert result.returncode == ExitStatus.INVALID_INPUT, result.stderr
    assert result.stderr.startswith(f"{template.resolve()}:2: template syntax error: ")
    assert result.stderr.count("\n") == 1


BOUNDS = {
    "range": ("{% for i in range(100000000) %}x{% endfor %}", "a range of more than 10,000 numbers"),
    "document": ("{% for i in range(5000) %}{{ 'x' * 10000 }}{% endfor %}", "a document longer than .*"),
    "doubled": (
        "{% set ns = namespace(text='x') %}{% for i in range(28) %}{% set ns.text = ns.text ~ ns.text %}{% endfor %}"
        "{{ ns.text }}",
        "a text longer than 20,000,000 characters",
    ),
    "repeated": ("{{ 'x' * 10000 * 10000 }}", "a text or list of more than .*"),
    "power": ("{{ 2 ** 100000000 }}", "a power of more than .*"),
    "width": ("{{ 'x' | center(1000000000) }}", "a size or count of 1,000,000,000, more than 10,000"),
}


@pytest.mark.parametrize(("text", "message"), BOUNDS.values(), ids=BOUNDS.keys())
def test_a_template_that_would_not_end_ends_on_its_line(project: Path, text: str, message: str):
    template = with_template(project, "<p>\n" + text + "\n</p>")
    assert_refused(build(project), template, 2, message)
