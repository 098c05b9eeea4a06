"""The reference of keys and blocks in docs/ is the schema's own, and no shared code names a project's section."""

from __future__ import annotations

import re
import subprocess

import yaml

from brochure.schema import validate
from brochure.schema.blocks import BLOCK_TYPES
from brochure.schema.reference import block_reference, filled, references
from tests.conftest import ROOT

# The sections and keys of the QuattroPole leaflet: its content.yaml and its events name them, nothing
# else may. (`about` and `contact` are English words, and `contact` a block type: they are looked for
# as a section's name, in quotes or as `content.about`.)
QUATTROPOLE_SECTIONS = ("cities", "credits", "fields_of_action", "wordmark", "tagline", "holds-about")
NAMED = r"""["']about["']|content\.about\b"""


def test_the_content_reference_holds_the_block_reference_written_from_the_schema():
    text = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    written = text.split("<!-- blocks -->\n", 1)[1].split("<!-- /blocks -->", 1)[0]
    assert written == block_reference()
    for kind in BLOCK_TYPES:
        assert f"#### `{kind}`" in written


# Where each reference the schema writes is kept; `python -m brochure.schema.reference docs/content.md
# docs/layouts.md` writes them again.
HOMES = {"blocks": "content.md", "content-keys": "content.md", "event-keys": "content.md", "layout-keys": "layouts.md"}


def test_the_docs_hold_every_key_table_as_the_schema_writes_it():
    generated = references()
    assert set(generated) == set(HOMES)
    for mark, home in HOMES.items():
        text = (ROOT / "docs" / home).read_text(encoding="utf-8")
        assert f"<!-- {mark} -->\n" in text and f"<!-- /{mark} -->" in text, mark
        assert filled(text, {mark: generated[mark]}) == text, f"docs/{home}: {mark} is out of date"


def test_every_key_of_the_content_and_its_theme_is_in_the_reference():
    from brochure.schema.content import CONTENT  # noqa: PLC0415
    from brochure.schema.theme import THEME  # noqa: PLC0415

    written = references()["content-keys"]
    for key in (*CONTENT.declared, *THEME.declared):
        assert f"| `{key}` |" in written
    for mapping in ("document", "theme.scale", "theme.spacing", "theme.roles", "typography", "sections.NAME"):
        assert f"#### `{mapping}`" in written


def test_a_stale_reference_is_written_anew():
    stale = "before\n<!-- event-keys -->\nold table\n<!-- /event-keys -->\nafter\n"
    assert (
        filled(stale, references())
        == f"before\n<!-- event-keys -->\n{references()['event-keys']}<!-- /event-keys -->\nafter\n"
    )


def test_every_blocks_example_is_taken_by_the_schema(tmp_path):
    (tmp_path / "assets" / "photos").mkdir(parents=True)
    for name in ("logo.svg", "map.svg"):
        (tmp_path / "assets" / name).write_bytes((ROOT / "assets" / "logo-quattropole.svg").read_bytes())
    photo = next((ROOT / "brochure" / "examples").glob("*/assets/photos/*.jpg"))
    (tmp_path / "assets" / "photos" / "hall.jpg").write_bytes(photo.read_bytes())
    for kind, block in BLOCK_TYPES.items():
        head = "name: x\nlanguages: [fr, de]\ndocument: {title: {fr: a, de: b}, author: c}\n"
        source = f"{head}sections:\n  s:\n    {block.example}\n"
        root = yaml.compose(source)
        values = {}
        for node in _nodes(root):
            values[node] = yaml.safe_load(yaml.serialize(node)) if node is not root else None
        _, ctx = validate(root, values, tmp_path)
        problems = [p for p in ctx.problems if p.path.startswith("sections")]
        assert not problems, (kind, problems)


def _nodes(node):
    yield node
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _nodes(key)
            yield from _nodes(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nodes(item)


def test_no_shared_module_or_template_names_a_quattropole_section():
    tracked = subprocess.run(
        ["git", "ls-files", "brochure", "layouts"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    shared = [name for name in tracked if name.endswith((".py", ".j2", ".yaml")) and "/examples/" not in name]
    pattern = re.compile(rf"\b({'|'.join(QUATTROPOLE_SECTIONS)})\b|{NAMED}")
    found = [
        f"{name}:{number}: {line.strip()}"
        for name in shared
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []


def test_the_repositorys_schema_files_are_the_schemas_brochure_prints():
    from brochure.schema.jsonschema import schema_text  # noqa: PLC0415

    assert (ROOT / "content.schema.json").read_text(encoding="utf-8") == schema_text("content")
    assert (ROOT / "events" / "event.schema.json").read_text(encoding="utf-8") == schema_text("event")
