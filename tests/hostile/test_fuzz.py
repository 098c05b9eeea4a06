"""Property: whatever the content, `brochure build` writes a PDF or fails with a clean message.

Never a traceback, never a hang. Content comes three ways: random YAML trees (mostly
invalid), random text as the whole file, and the real content.yaml with one text, key or
value replaced by something random: any Unicode (control characters and lone surrogates
too), markup, template syntax, paths out of the project, and huge values. Hostile
Markdown (deep emphasis, links of any scheme, line separators) and hostile SVG maps (odd
sizes and viewBoxes, <use> and url(#…) references that nest, loop and multiply) too.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

import yaml
from conftest import ROOT, hang_guard
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from brochure import ExitStatus
from brochure.commands.cli import main

REAL = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
SECONDS = 120  # a hang guard per run; a real render takes about one second

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
    {"name", "layout", "languages", "document", "theme", "panels", "sections", "typography", "fr", "de", "en"}
    | {"cover", "cities", "contact", "credit", "about", "fields_of_action", "flap", "back", "inside-left", "lang"}
    | {"blocks", "stack", "background", "colour", "title", "text", "items", "url", "file", "alt", "decorative"}
    | {"heading", "list", "figures", "photo", "logo", "picture", "links", "event", "programme", "action", "spacer"}
    | {"level", "style", "value", "label", "icon", "bleed", "focus", "ratio", "palette", "date", "start", "time"}
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


def run_build(capsys, text: str, files: dict[str, bytes] | None = None) -> None:
    """Build `text` as content.yaml of a fresh project, with `files` added; the outcome must be clean."""
    capsys.readouterr()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(ROOT / "assets", project / "assets", ignore=shutil.ignore_patterns("fonts"))
        for name, data in (files or {}).items():
            (project / name).write_bytes(data)
        (project / "content.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        # Both PDF editions, which render the hostile input; the previews only draw the print PDF's pixels.
        with hang_guard(SECONDS):
            status = main(["build", str(project / "content.yaml"), "-o", str(project / "out"), "--only", "print,email"])
        captured = capsys.readouterr()
        event(f"exit status {status}")
        assert status in (ExitStatus.OK, ExitStatus.CHECK_FAILED, ExitStatus.INVALID_INPUT)
        assert "Traceback" not in captured.err
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


@settings(FUZZ, max_examples=6)
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


# -- hostile Markdown and SVG -----------------------------------------------------------

GOAL = "Approfondir la coopération entre les quatre villes"
LINK_TARGETS = [
    "https://example.org",
    " HTTPS://example.org ",
    "mailto:info@example.org",
    "tel:+352 12",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:x",
    "java\tscript:x",
    "file:///etc/passwd",
    "data:text/html,<b>",
    "x.pdf",
    "<javascript:x>",
    "vbscript:x",
    "#top",
    "",
    "https://example.org/\u2028",
]
markdown_pieces = st.one_of(
    st.sampled_from(["*", "**", "_", "__", "***", "[", "]", "(", ")", "\\", "`", "<", ">", "!", " ", "\n"]),
    st.sampled_from(["\u2028", "\u2029", " \u2029", "\u2028 ", "villes", "coopération", "« ok »", "500 000"]),
    st.builds("[{}]({})".format, st.sampled_from(["lien", "*x*", "[y]", ""]), st.sampled_from(LINK_TARGETS)),
    st.builds(lambda depth, mark: mark * depth + "x" + mark * depth, st.integers(1, 3000), st.sampled_from("*_")),
    st.builds(lambda depth: "[" * depth + "x" + "](https://example.org)" * depth, st.integers(1, 2000)),
)
hostile_markdown = st.lists(markdown_pieces, min_size=1, max_size=12).map("".join)


@settings(FUZZ, max_examples=6)
@given(text=hostile_markdown)
def test_hostile_markdown(capsys, text):
    run_build(capsys, dump(replaced(REAL, ("sections", "about", "blocks", 3, "list", "items", 0, "fr"), text)))


NUMBERS = ["0", "10", "-5", "1e999", "nan", "inf", "1e-320", "1e9", "3.5.5", "+1", ".5", "1E3", "abc", "", "1_0"]
lengths = st.one_of(
    st.builds("{}{}".format, st.sampled_from(NUMBERS), st.sampled_from(["", "px", "mm", "em", "%", "PX", "q", "ex"])),
    st.sampled_from(["auto", "%", "em", " ", "100%"]),
)
view_boxes = st.lists(st.sampled_from([*NUMBERS, ",", " ", "-"]), max_size=7).map(" ".join)
IDS = ["a", "b", "c"]
references = st.sampled_from([f"#{name}" for name in IDS] + ["", "#", "#missing", "x.svg#a", "data:,x"])
attributes = st.dictionaries(
    st.sampled_from(
        [
            "id",
            "href",
            "fill",
            "stroke",
            "marker-mid",
            "clip-path",
            "mask",
            "style",
            "transform",
            "d",
            "width",
            "height",
            "x",
            "viewBox",
            "opacity",
            "font-size",
            "points",
            "filter",
        ]
    ),
    st.one_of(
        st.sampled_from(IDS),
        references,
        lengths,
        view_boxes,
        st.sampled_from(IDS).map("url(#{})".format),
        st.sampled_from(IDS).map("fill:url(#{})".format),
        st.sampled_from(["M0 0 L10 10 Z", "M0 0" + " L1 1" * 200, "rotate(45) scale(1e9)", "matrix(0 0 0 0 0 0)"]),
    ),
    max_size=4,
)
TAGS = [
    "g",
    "use",
    "rect",
    "path",
    "symbol",
    "defs",
    "pattern",
    "marker",
    "clipPath",
    "mask",
    "linearGradient",
    "stop",
    "text",
    "svg",
    "image",
    "style",
    "circle",
    "polyline",
]


def element(tag: str, attrs: dict[str, str], children: list[str]) -> str:
    from xml.sax.saxutils import quoteattr

    shown = "".join(f" {name}={quoteattr(value)}" for name, value in attrs.items())
    return f"<{tag}{shown}>{''.join(children)}</{tag}>"


elements = st.recursive(
    st.builds(element, st.sampled_from(TAGS), attributes, st.just([])),
    lambda children: (
        st.builds(element, st.sampled_from(TAGS), attributes, st.lists(children, max_size=4))
        | st.builds(lambda child, copies: child * copies, children, st.integers(1, 50))
    ),
    max_leaves=30,
)


@st.composite
def hostile_svgs(draw) -> bytes:
    root = {"xmlns": "http://www.w3.org/2000/svg"}
    for name, strategy in (("width", lengths), ("height", lengths), ("viewBox", view_boxes)):
        if draw(st.booleans()):
            root[name] = draw(strategy)
    body = "".join(draw(st.lists(elements, max_size=5)))
    return element("svg", root, [body]).encode("utf-8")


@settings(FUZZ, max_examples=8)
@given(svg=hostile_svgs())
def test_hostile_svg_maps(capsys, svg):
    text = (ROOT / "content.yaml").read_text(encoding="utf-8").replace("map-quattropole.svg", "hostile.svg")
    run_build(capsys, text, {"assets/hostile.svg": svg})
