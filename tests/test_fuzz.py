"""Property: whatever the content, `brochure build` writes a PDF or fails with a clean message.

Never a traceback, never a hang. Content comes three ways: random YAML trees (mostly
invalid), random text as the whole file, and the real content.yaml with one text, key or
value replaced by something random: any Unicode (control characters and lone surrogates
too), markup, template syntax, paths out of the project, and huge values.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from brochure import ExitStatus
from brochure.cli import main

ROOT = Path(__file__).resolve().parent.parent
REAL = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
SECONDS = 30  # per run; a real render takes about one

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

MARKUP = [
    "<script>alert(1)</script>",
    "<b>bold</b> <img src='https://example.org/x.png'>",
    "{{ content.name }} {% include 'x' %}",
    "**bold** *italic* [link](https://example.org) [bad](javascript:alert(1))",
    "![img](file:///etc/passwd)",
    "../../etc/passwd",
    "/etc/passwd",
    "https://example.org/x.svg",
    "file:///etc/passwd",
    "assets/logo-quattropole.svg",
    "#17325c",
    "</style><style>body{display:none}",
    "a\u0000b\u0007c\ud800",
    "\u202e\u200b\ufeff",
    "",
    " ",
]
any_unicode = st.text(st.characters(exclude_categories=()), max_size=40)
printable = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=60)
huge = st.builds(
    lambda unit, count: unit * count,
    st.sampled_from(["a", "Wort ", "[", "*_", "é\n", "漢字", "\u0301"]),
    st.integers(min_value=0, max_value=210_000),
)
texts = st.one_of(any_unicode, printable, st.sampled_from(MARKUP), huge)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.dates(), texts, st.sampled_from(["fr", "de", "en"])
)
KEYS = sorted(
    {"name", "layout", "languages", "document", "cover", "cities", "contact", "credits", "about", "fr", "de"}
    | {"fields_of_action", "color_scheme", "title", "text", "members", "website", "map", "groups", "fields"}
)
keys = st.one_of(st.sampled_from(KEYS), any_unicode, st.integers())
trees = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=25,
)


def leaf_paths(value, path=()):
    """Every place in the real content that holds a text, a list or a mapping."""
    if isinstance(value, dict):
        yield path
        for key, item in value.items():
            yield from leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        yield path
        for index, item in enumerate(value):
            yield from leaf_paths(item, (*path, index))
    else:
        yield path


PATHS = [path for path in leaf_paths(REAL) if path]


def replaced(data, path, value):
    data = copy.deepcopy(data)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def run_build(capsys, text: str) -> None:
    """Build `text` as content.yaml of a fresh project; the outcome must be clean."""
    capsys.readouterr()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(ROOT / "assets", project / "assets", ignore=shutil.ignore_patterns("fonts"))
        (project / "content.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        started = time.monotonic()
        status = main(["build", str(project / "content.yaml"), "-o", str(project / "out")])
        elapsed = time.monotonic() - started
        captured = capsys.readouterr()
        event(f"exit status {status}")
        assert status in (ExitStatus.OK, ExitStatus.CHECK_FAILED, ExitStatus.INVALID_INPUT)
        assert "Traceback" not in captured.err
        assert elapsed < SECONDS, f"{elapsed:.1f} s"
        if status == ExitStatus.OK:
            assert (project / "out").is_dir()
        else:
            assert captured.err.strip(), "a failure says why"


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@FUZZ
@given(tree=st.dictionaries(keys, trees, max_size=8))
def test_random_trees(capsys, tree):
    run_build(capsys, dump(tree))


@FUZZ
@given(text=st.one_of(st.text(st.characters(exclude_categories=()), max_size=400), huge))
def test_random_files(capsys, text):
    run_build(capsys, text)


@settings(FUZZ, max_examples=15)
@given(path=st.sampled_from(PATHS), value=st.one_of(printable, st.sampled_from(MARKUP), texts, trees))
def test_real_content_with_one_value_replaced(capsys, path, value):
    run_build(capsys, dump(replaced(REAL, path, value)))


@settings(FUZZ, max_examples=15)
@given(path=st.sampled_from([p for p in PATHS if isinstance(p[-1], str)]), key=keys, value=trees)
def test_real_content_with_one_key_renamed_or_added(capsys, path, key, value):
    data = copy.deepcopy(REAL)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[key] = parent.pop(path[-1]) if key not in parent else value
    run_build(capsys, dump(data))
