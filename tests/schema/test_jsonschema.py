"""The JSON Schema editors check content.yaml and event files with: made from the schema classes,
itself a valid draft 2020-12 schema, passing every file brochure takes and flagging mistakes."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema
import pytest
import regress
import yaml
from conftest import ROOT

from brochure.commands.cli import main
from brochure.content import load_content
from brochure.content.events import event_content
from brochure.errors import ExitStatus, InputError
from brochure.files.imagefiles import IMAGE_TYPES
from brochure.files.resources import EXAMPLES_DIR
from brochure.schema.base import INVALID, Context, Field, ListOf, Section
from brochure.schema.blocks import BLOCK_TYPES, Focus, Ratio, Time
from brochure.schema.fields import Asset, Email, FileSize, HyphenatedWord, Phone, Text, Translated, Url
from brochure.schema.jsonparts import attribute_docs, one_key_schema, summary
from brochure.schema.jsonschema import SCHEMAS, json_schema, schema_text
from brochure.units import parse_file_size

MODELINE = "# yaml-language-server: $schema="


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it (YAML 1.2): a date or a time of day is the text typed."""


def _text_or_number(loader: EditorLoader, node: yaml.ScalarNode) -> Any:
    return node.value if ":" in node.value else yaml.SafeLoader.construct_yaml_int(loader, node)  # 18:30, not 1110


EditorLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)
EditorLoader.add_constructor("tag:yaml.org,2002:int", _text_or_number)


def as_editor_reads(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)  # noqa: S506 (a safe loader)


def errors(kind: str, data: Any) -> list[jsonschema.ValidationError]:
    return list(jsonschema.Draft202012Validator(json_schema(kind)).iter_errors(data))


@pytest.mark.parametrize("kind", SCHEMAS)
def test_the_schema_is_a_valid_draft_2020_12_schema(kind: str):
    jsonschema.Draft202012Validator.check_schema(json_schema(kind))
    assert json_schema(kind)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def patterns(schema: Any) -> list[str]:
    if isinstance(schema, dict):
        found = [schema["pattern"]] if isinstance(schema.get("pattern"), str) else []
        return found + [p for key, value in schema.items() if key != "pattern" for p in patterns(value)]
    return [p for value in schema for p in patterns(value)] if isinstance(schema, list) else []


@pytest.mark.parametrize("kind", SCHEMAS)
def test_every_pattern_is_an_ecmascript_regular_expression(kind: str):
    found = set(patterns(json_schema(kind)))
    assert len(found) >= 5
    for pattern in found:
        regress.Regex(pattern, "u")  # editors run them in JavaScript
        assert '\\"' not in pattern, pattern  # JavaScript's unicode mode refuses an escaped quote


def content_files() -> list[Path]:
    return [ROOT / "content.yaml", *sorted(EXAMPLES_DIR.glob("*/content.yaml"))]


def brochure_refuses(path: Path, kind: str) -> str | None:
    """What brochure itself finds wrong with the content or event file at `path`; None if it takes it."""
    try:
        content = load_content(path if kind == "content" else path.parent.parent / "content.yaml")
        if kind == "event":
            event_content(content, path)
    except InputError as exc:
        return str(exc)
    return None


def test_the_content_brochure_builds_passes():
    assert brochure_refuses(ROOT / "content.yaml", "content") is None
    assert errors("content", as_editor_reads(ROOT / "content.yaml")) == []


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        *((path, "content") for path in content_files()),
        *((path, "event") for folder in content_files() for path in sorted((folder.parent / "events").glob("*.yaml"))),
    ],
    ids=lambda value: value if isinstance(value, str) else str(value.relative_to(ROOT)),
)
def test_what_brochure_takes_the_editor_takes(path: Path, kind: str):
    if brochure_refuses(path, kind) is None:
        assert errors(kind, as_editor_reads(path)) == []


def quattropole() -> dict:
    return as_editor_reads(ROOT / "content.yaml")


def test_a_misspelt_section_is_flagged():
    data = quattropole()
    data["documnet"] = data.pop("document")
    found = {(error.validator, tuple(error.path)) for error in errors("content", data)}
    assert found == {("additionalProperties", ()), ("required", ())}
    assert "'documnet' was unexpected" in " ".join(error.message for error in errors("content", data))


def test_a_misspelt_key_inside_a_section_is_flagged():
    data = quattropole()
    data["document"]["titel"] = data["document"].pop("title")
    found = {(error.validator, tuple(error.path)) for error in errors("content", data)}
    assert found == {("additionalProperties", ("document",)), ("required", ("document",))}


@pytest.mark.parametrize(
    ("path", "value", "validator"),
    [
        (("languages",), "fr", "type"),
        (("languages",), ["fr", "de", "en", "it", "nl"], "maxItems"),
        (("name",), 2024, "type"),
        (("document", "title"), ["a", "list"], "anyOf"),  # one text, or one per language
        (("document", "title", "french"), "Titre", "anyOf"),  # no language code: neither form
        (("document", "date"), "1 November 2026", "pattern"),
        (("sections",), {}, "minProperties"),
        (("sections", "cover", "stak"), "by-language", "anyOf"),  # neither a list of blocks nor a section's mapping
        (("sections", "cover", "stack"), "by-lang", "anyOf"),
        (("sections", "Cover page"), [{"spacer": None}], "pattern"),  # a section's name, under propertyNames
        (("email_edition",), {"max_size": "1 megabyte"}, "pattern"),
        (("typography",), {"hyphenation": {"de": ["Zusammen arbeit"]}}, "pattern"),
        (("theme",), {"palette": {"navy": [96, 66, 0]}}, "minItems"),
    ],
    ids=lambda value: ".".join(value) if isinstance(value, tuple) else None,
)
def test_a_wrong_value_is_flagged(path: tuple[str, ...], value: Any, validator: str):
    data = quattropole()
    *parents, last = path
    holder = data
    for key in parents:
        holder = holder[key]
    holder[last] = value
    assert [error.validator for error in errors("content", data)] == [validator]


def block_errors(block: Any) -> list[jsonschema.ValidationError]:
    data = quattropole()
    data["sections"]["extra"] = [block]  # where it is printed is the check's to say, not the editor's
    return errors("content", data)


@pytest.mark.parametrize("kind", BLOCK_TYPES)
def test_every_block_type_is_in_the_schema_with_its_example(kind: str):
    (block,) = yaml.load(BLOCK_TYPES[kind].example, Loader=EditorLoader)  # noqa: S506 (a safe loader)
    assert block_errors(block) == []
    options = json_schema("content")["properties"]["sections"]["additionalProperties"]["anyOf"][0]["items"]
    mapping = options["anyOf"][1]
    assert mapping["properties"][kind]["description"] == summary(BLOCK_TYPES[kind].__doc__)
    assert set(mapping["properties"][kind]["properties"]) == set(BLOCK_TYPES[kind].declared)
    needs_fields = any(declared.required for declared in BLOCK_TYPES[kind].declared.values())
    assert (kind in options["anyOf"][0]["enum"]) is not needs_fields  # `- spacer` written alone


@pytest.mark.parametrize(
    ("block", "where"),
    [
        ({"headng": {"text": "Programme"}}, ()),  # a misspelt block type
        ({"heading": {"txt": "Programme"}}, ("heading",)),  # a misspelt field
        ({"heading": {"subtitle": "Programme"}}, ("heading",)),  # its required text left out
        ({"heading": {"text": "Programme"}, "text": {"text": "Entrée libre"}}, ()),  # two blocks in one
        ("spacr", ()),
        ("heading", ()),  # a block with a required field, written alone
        ({"heading": {"text": "Programme", "level": 4}}, ("heading", "level")),
        ({"text": {"text": "Entrée libre", "style": "bold"}}, ("text", "style")),
        ({"text": {"text": {"fr": "Entrée libre", "de": 7}}}, ("text", "text", "de")),
        ({"items": {"items": [{"icon": "clocks", "text": "9-18 h"}]}}, ("items", "items", 0, "icon")),
        ({"photo": {"file": "assets/hall.gif", "decorative": True}}, ("photo", "file")),
        ({"photo": {"file": "assets/hall.jpg", "decorative": "yes"}}, ("photo", "decorative")),
        ({"photo": {"file": "assets/hall.jpg", "decorative": True, "ratio": "3 by 2"}}, ("photo", "ratio")),
        ({"photo": {"file": "assets/hall.jpg", "decorative": True, "focus": "top"}}, ("photo", "focus")),
        ({"links": {"items": [{"url": "www.metz.fr"}]}}, ("links", "items", 0, "url")),
        ({"programme": {"items": [{"time": "2 pm", "text": "Accueil"}]}}, ("programme", "items", 0, "time")),
        ({"logo": {"file": "assets/logo.svg", "alt": "Logo", "height": 100}}, ("logo", "height")),
        ({"contact": {"email": "info(at)example.org"}}, ("contact", "email")),
    ],
    ids=lambda value: json.dumps(value, ensure_ascii=False) if not isinstance(value, tuple) else None,
)
def test_a_wrong_block_is_flagged_where_it_is_wrong(block: Any, where: tuple):
    (error,) = block_errors(block)  # the section is neither a list of blocks nor a mapping of them
    assert tuple(error.absolute_path) == ("sections", "extra")
    assert ("sections", "extra", 0, *where) in {tuple(leaf.absolute_path) for leaf in leaves(error)}


def leaves(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """The errors that tell why `error`'s alternatives failed (an anyOf's), innermost first."""
    return [leaf for child in error.context for leaf in leaves(child)] if error.context else [error]


def test_a_block_written_alone_or_with_nothing_after_it():
    assert block_errors("spacer") == []
    assert block_errors({"divider": None}) == []
    assert block_errors({"heading": None}) != []


def test_an_event_with_a_misspelt_key_is_flagged():
    event = {"title": {"fr": "Fête", "de": "Fest"}, "sections": {"cover": ["spacer"]}}
    assert errors("event", event) == []
    event["sectoins"] = event.pop("sections")
    assert sorted(error.validator for error in errors("event", event)) == ["additionalProperties", "required"]


def test_each_key_is_described_by_its_docstring():
    properties = json_schema("content")["properties"]
    assert (
        properties["document"]["properties"]["title"]["description"]
        == "The document title: one text, or one per language."
    )
    assert properties["document"]["description"] == "What the PDF's metadata says about the leaflet."  # its class's
    assert properties["name"]["description"] == "The output's file name: <name>-print.pdf."
    heading = properties["sections"]["additionalProperties"]["anyOf"][0]["items"]["anyOf"][1]["properties"]["heading"]
    assert heading["properties"]["kicker"]["description"] == "A short line set small above the title."
    assert heading["properties"]["text"]["description"].startswith("A printed text: one text for every language")
    names = properties["typography"]["properties"]["names"]["description"]
    assert names.startswith("Proper names never hyphenated nor split across lines,") and "\n" not in names


def test_attribute_docstrings_are_read_from_the_source():
    class Example(Section):
        plain = Text()
        """Said under it,
        on two lines."""
        bare = Text(required=False)
        counted: Field = Text()
        """Annotated."""

    assert attribute_docs(Example) == {"plain": "Said under it, on two lines.", "counted": "Annotated."}
    schema = Example().json_schema()
    assert schema["required"] == ["plain", "counted"]
    assert schema["properties"]["bare"]["description"].startswith("A language-neutral text")


def test_a_field_of_its_own_plugs_its_schema_in():
    class Heading(Section):
        """A heading."""

        text = Text()
        level = Text(required=False)

    class Block(Field):
        """One block: a one-key mapping, or a bare name."""

        def json_schema(self) -> dict[str, Any]:
            return one_key_schema({"heading": Heading().json_schema(), "spacer": {"type": "null"}}, bare=["spacer"])

    class Page(Section):
        blocks = ListOf(Block())

    validator = jsonschema.Draft202012Validator(Page().json_schema())
    validator.check_schema(validator.schema)
    assert validator.is_valid({"blocks": [{"heading": {"text": "Hello"}}, "spacer", {"spacer": None}]})
    for wrong in ({"headng": {"text": "Hello"}}, {"heading": {"text": "a"}, "spacer": None}, "spacr", {}):
        assert not validator.is_valid({"blocks": [wrong]}), wrong
    assert not validator.is_valid({"blocks": [{"heading": {"txt": "Hello"}}]})


# What the field's check takes, and what it refuses, beside what the editor's pattern says of them.
SAMPLES: list[tuple[Field, list[str], list[str]]] = [
    (
        Url(),
        ["https://www.quattropole.org", "http://metz.fr/", "HTTPS://exemple.fr:8080/a?b=c#d", "https://straße.de"],
        ["www.quattropole.org", "ftp://example.org", "https://localhost", "https://a b.org"],
    ),
    (Email(), ["info@quattropole.org", "a.b+c@mairie.metz.fr"], ["info(at)quattropole.org", "a@b", "a@@b.org"]),
    (Phone(), ["+352 4796 2264", "(0)6 81 905-1234", "03.87.55.50.00"], ["12345", "+33 abc 1234567", "phone"]),
    (Asset(), ["assets/map.svg", "a/B.PNG", "x.jpeg", "photo.JPG"], ["assets/map.gif", "map.svg.txt", "map"]),
    (HyphenatedWord(), ["Zusammen-arbeit", "Grüße", "Saar-brücken"], ["Zusammen arbeit", "-ab", "ab-", "a1"]),
    (FileSize(minimum=1), ["1 MB", "800 kB", "1.5MB", " 2 GB "], ["1 megabyte", "MB", "1,5 MB", "-1 MB"]),
    (Time(), ["18:30", "9.00", "7h15", "23:59", " 8:05 "], ["24:00", "18:60", "noon", "1830"]),
    (Focus(), ["50% 30%", "0% 100%", "12.5 % 7%"], ["50%", "top", "50 30", "1000% 0%"]),
    (Ratio(), ["3:2", "1:1", "4 : 5"], ["3/2", "square", "3:", "100:1"]),
]


def _check_takes(field: Field, value: str) -> bool:
    if isinstance(field, Asset):  # the file itself is the check's to judge; its name is the editor's
        return PurePosixPath(value).suffix.lower() in IMAGE_TYPES
    if isinstance(field, FileSize):
        return parse_file_size(value) is not None
    mark = yaml.Mark("sample", 0, 0, 0, None, None)
    node = yaml.ScalarNode("tag:yaml.org,2002:str", value, mark, mark)
    return field.validate(node, "x", Context(values={node: value}, project_dir=None)) is not INVALID


@pytest.mark.parametrize(("field", "good", "bad"), SAMPLES, ids=lambda value: type(value).__name__)
def test_the_editor_flags_what_the_check_refuses_and_nothing_it_takes(field: Field, good: list[str], bad: list[str]):
    schema = field.json_schema()
    ecmascript = regress.Regex(schema["pattern"], "u")
    for value in good:
        assert _check_takes(field, value), value
        assert re.search(schema["pattern"], value) and ecmascript.find(value), value
    for value in bad:
        assert not _check_takes(field, value), value
        assert not re.search(schema["pattern"], value) and not ecmascript.find(value), value


def test_a_translated_text_takes_any_language_code_and_its_items_schema():
    validator = jsonschema.Draft202012Validator(Translated(ListOf(HyphenatedWord())).json_schema())
    assert validator.is_valid({"fr": ["ré-seau"], "lb": ["Stad-t"]})
    assert not validator.is_valid({})
    assert not validator.is_valid({"FR": ["réseau"]})
    assert not validator.is_valid({"fr": "réseau"})


@pytest.mark.parametrize(("args", "kind"), [([], "content"), (["--event"], "event")])
def test_brochure_schema_prints_the_schema(args: list[str], kind: str, capsys: pytest.CaptureFixture[str]):
    assert main(["schema", *args]) == ExitStatus.OK
    out = capsys.readouterr().out
    printed = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(printed)
    assert printed == json_schema(kind)
    assert printed["$id"] == f"https://brochure.invalid/{kind}.schema.json"
    assert printed["title"].startswith(f"brochure {kind} file")
    assert out == json.dumps(printed, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert main(["schema", *args]) == ExitStatus.OK
    assert capsys.readouterr().out == out  # the same bytes every time


def test_a_new_project_hands_its_schemas_to_the_editor(tmp_path: Path):
    assert main(["new", str(tmp_path / "p")]) == ExitStatus.OK
    project = tmp_path / "p"
    for kind, path in (("content", project / "content.yaml"), ("event", project / "events" / "open-day.yaml")):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith(MODELINE)
        schema_file = path.parent / first_line.removeprefix(MODELINE)  # relative to the YAML file, as editors read it
        assert schema_file.resolve() == (project / SCHEMAS[kind].name).resolve()
        assert schema_file.read_text(encoding="utf-8") == schema_text(kind)
        jsonschema.Draft202012Validator.check_schema(json.loads(schema_file.read_text(encoding="utf-8")))
