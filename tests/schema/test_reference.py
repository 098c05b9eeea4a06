"""The block reference in the README is the schema's own, and no shared code names a project's section."""

from __future__ import annotations

import re
import subprocess

import yaml

from brochure.schema import validate
from brochure.schema.blocks import BLOCK_TYPES
from brochure.schema.reference import block_reference
from tests.conftest import ROOT

# The sections and keys of the QuattroPole leaflet: its content.yaml and its events name them, nothing
# else may. (`about` and `contact` are English words, and `contact` a block type: they are looked for
# as a section's name, in quotes or as `content.about`.)
QUATTROPOLE_SECTIONS = ("cities", "credits", "fields_of_action", "wordmark", "tagline", "holds-about")
NAMED = r"""["']about["']|content\.about\b"""


def test_the_readme_holds_the_block_reference_written_from_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    written = readme.split("<!-- blocks -->\n", 1)[1].split("<!-- /blocks -->", 1)[0]
    assert written == block_reference()
    for kind in BLOCK_TYPES:
        assert f"#### `{kind}`" in written


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
