"""The kinds of value content.yaml holds: texts, translated texts, URLs, images, dates, colours."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from brochure.files.imagefiles import IMAGE_TYPES, MAX_IMAGE_BYTES, InvalidImage, check_image, image_type_of
from brochure.files.layouts import DEFAULT_LAYOUT, NAME, NAME_RULE, known_layouts
from brochure.files.paths import FileTooLarge, NotAFile, OutsideProject, project_file, read_file
from brochure.schema.base import INVALID, MAP_TAG, OMITTED, Context, Field, expected, join, kind, short
from brochure.schema.jsonparts import mapping_schema, string_schema
from brochure.schema.values import EmailAddress, FirstLanguageText, ImagePath, PhoneNumber, TranslatedText, WebAddress
from brochure.text.typography import hyphenation_language, markdown_problem, plain_text
from brochure.units import SIZE_FORMS, SIZE_PATTERN, format_size, parse_file_size

# Work limits, not layout limits: whether a text fits is the overflow check's verdict.
MAX_TEXT_CHARS = 20_000  # one field; a whole panel holds about 2,000
MAX_TOTAL_CHARS = 50_000  # all texts together; the QuattroPole leaflet has 4,600
MAX_TOTAL_LINES = 2_000  # texts plus their line breaks (each costs a line box); QuattroPole has 86
MAX_WORD_CHARS = 100  # a line holds about 45; hyphenating a long word costs its length cubed
MAX_SHORT_CHARS = 300  # URLs, e-mail addresses, phone numbers, paths

_LINE_SEPARATORS = {0x2028: "\n", 0x2029: "\n"}  # a line break, as the Markdown sets it; WeasyPrint crashes on them
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
# A host name: dot-separated labels of letters (any script), digits and inner hyphens.
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_HOST = re.compile(rf"^(?:{_LABEL}\.)+[^\W\d_]{{2,}}$")
_URL = re.compile(r"^(?P<scheme>https?)://(?P<host>[^/?#:@\s]+)(?::\d{1,5})?(?:[/?#][^\s<>\"{}|\\^`]*)?$", re.I)
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?P<host>[^@\s]+)$")
_PHONE = re.compile(r"^\+?[0-9 ()./-]{6,}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HYPHENATED_WORD = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")
LANGUAGE = re.compile(r"^[a-z]{2,3}$")

# The patterns an editor checks (ECMAScript regular expressions, as JSON Schema has them, and as
# Python reads them too): each accepts at least what its field's check does, so that an editor
# never flags a value brochure takes; the check has the last word.
NOT_BLANK = r"\S"
_JSON_URL = r'^[hH][tT][tT][pP][sS]?://[^/?#:@\s]+\.[^/?#:@\s]+(?::[0-9]{1,5})?(?:[/?#][^\s<>"{}|\\^`]*)?$'
_JSON_EMAIL = r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[^@\s]+\.[^@\s]+$"
_JSON_PHONE = r"^\+?(?:[ ()./-]*[0-9]){6}[0-9 ()./-]*$"  # at least six digits
_JSON_HYPHENATED_WORD = r"^[^\s\d_-]+(?:-[^\s\d_-]+)*$"  # any letters: JavaScript's \w knows ASCII only


def _caseless(word: str) -> str:
    """A pattern matching `word` in any case: JSON Schema's patterns take no flags."""
    return "".join(f"[{char.lower()}{char.upper()}]" if char.isalpha() else re.escape(char) for char in word)


_JSON_IMAGE = r"\.(?:" + "|".join(_caseless(suffix[1:]) for suffix in IMAGE_TYPES) + ")$"


def check_text(node: yaml.Node, value: Any, path: str, ctx: Context, *, limit: int = MAX_TEXT_CHARS) -> Any:
    """The rules every printed text follows: a non-empty string, printable, bounded in length."""
    if value is None or (isinstance(value, str) and not value.strip()):
        ctx.report(node, path, "must not be empty")
        return INVALID
    if not isinstance(value, str):
        ctx.report(node, path, expected("a text", value))
        return INVALID
    if len(value) > limit:
        ctx.report(node, path, f"too long: {len(value):,} characters (at most {limit:,})")
        return INVALID
    value = value.translate(_LINE_SEPARATORS)
    bad = _UNPRINTABLE.search(value)
    if bad:
        ctx.report(node, path, f"contains a character that cannot be printed: U+{ord(bad.group()):04X}")
        return INVALID
    problem = _no_character(value)
    if problem:
        ctx.report(node, path, f"contains a character that cannot be printed: {problem}")
        return INVALID
    return _counted(node, value, path, ctx)


def _no_character(value: str) -> str | None:
    """The first code point of `value` that stands for no character a font can be asked for, said
    so: a noncharacter, a private-use one (its glyph is whatever a font puts there) or an unassigned one."""
    if value.isascii():
        return None
    for char in value:
        category = unicodedata.category(char)
        if category == "Co":
            return f"U+{ord(char):04X} (a private-use character, which means nothing outside one font)"
        if category == "Cn":
            code = ord(char)
            if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
                return f"U+{code:04X} (a noncharacter, for programs' own use)"
            return f"U+{code:04X} (not a character of Unicode {unicodedata.unidata_version})"
    return None


def _counted(node: yaml.Node, value: str, path: str, ctx: Context) -> Any:
    # Layout time grows with the characters and with the lines (a text is at least one),
    # so both are bounded for the whole content; each limit is reported once, where it is passed.
    chars, lines = ctx.total_chars, ctx.total_lines
    ctx.total_chars += len(value)
    ctx.total_lines += 1 + value.count("\n")
    if chars <= MAX_TOTAL_CHARS < ctx.total_chars:
        message = f"the texts up to here add up to {ctx.total_chars:,} characters (at most {MAX_TOTAL_CHARS:,})"
        ctx.report(node, path, f"too much text: {message}")
        return INVALID
    if lines <= MAX_TOTAL_LINES < ctx.total_lines:
        message = f"the texts up to here make {ctx.total_lines:,} lines (at most {MAX_TOTAL_LINES:,})"
        ctx.report(node, path, f"too many lines: {message}")
        return INVALID
    return value


class Text(Field):
    """A language-neutral text, printed as it is (names, address lines); inline Markdown allowed."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        value = check_text(node, value, path, ctx)
        if value is not INVALID:
            problem = markdown_problem(value)
            if problem:
                ctx.report(node, path, problem)
                return INVALID
            word = _LONG_WORD.search(plain_text(value))
            if word:
                ctx.report(
                    node,
                    path,
                    f"has a word of {len(word.group()):,} characters (at most {MAX_WORD_CHARS}): {short(word.group())}",
                )
                return INVALID
            ctx.texts.append((path, node, value))
        return value

    def json_schema(self) -> dict[str, Any]:
        return string_schema(NOT_BLANK, "must not be empty", MAX_TEXT_CHARS)


class FirstLanguage(Text):
    """A language-neutral text set with the typography of the content's first language (its quotes
    and spacing): the templates give it that language, and the page checks expect it so."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        value = super().check(node, value, path, ctx)
        return INVALID if value is INVALID else FirstLanguageText(value)


class Translated(Field):
    """A text in every language of the content: a mapping with exactly those languages as keys.
    With `item`, each language holds that field's value instead of a text."""

    def __init__(self, item: Field | None = None, *, required: bool = True) -> None:
        super().__init__(required=required)
        self.text = item or Text()

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        languages = ctx.languages
        names = ", ".join(f"{lang}:" for lang in languages) if languages else "one key per language"
        if not (isinstance(node, yaml.MappingNode) and node.tag == MAP_TAG and isinstance(value, dict)):
            got = "one text for all" if isinstance(value, str) else kind(value, node)
            ctx.report(node, path, f"expected a text in each language ({names}), got {got}")
            return INVALID
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        nodes: dict[str, yaml.Node] = {}  # each language's text
        for key_node, value_node in node.value:
            key = ctx.value(key_node)
            key_path = join(path, key)
            if not isinstance(key, str) or (languages is not None and key not in languages):
                known = f"; the content's languages are {', '.join(languages)}" if languages else ""
                ctx.report(key_node, key_path, f"unknown language {short(key)}{known}")
            elif key in seen:
                ctx.report(key_node, key_path, f"duplicate key (first at line {seen[key].start_mark.line + 1})")
            else:
                seen[key], nodes[key] = key_node, value_node
                result[key] = self.text.validate(value_node, key_path, ctx)
        for lang in languages or ():
            if lang not in seen:
                ctx.report(node, path, f"missing translation {lang!r}")
        if isinstance(self.text, Text):
            ctx.translations.append((path, nodes))
        return TranslatedText({lang: result[lang] for lang in (languages or result) if lang in result})

    def json_schema(self) -> dict[str, Any]:
        # The content's languages are known only in its own file: any language code, at least one.
        languages = {"pattern": LANGUAGE.pattern}
        return mapping_schema(languages, self.text.json_schema(), minProperties=1, maxProperties=Languages.most)


class HyphenatedWord(Field):
    """One word, its allowed breaks written as hyphens ("Zusammen-arbeit"); none: never broken."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not isinstance(value, str) or not _HYPHENATED_WORD.match(value):
            ctx.report(node, path, f"not a word with its breaks as hyphens, like 'Zusammen-arbeit': {short(value)}")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return string_schema(_JSON_HYPHENATED_WORD, "not a word with its breaks as hyphens, like 'Zusammen-arbeit'")


class Checked(Field):
    """A short text that must match a rule: the subclasses' `valid` and `rule`, and for an editor
    `pattern`, which accepts at least what `valid` does."""

    rule = ""
    pattern = NOT_BLANK

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        value = check_text(node, value, path, ctx, limit=MAX_SHORT_CHARS)
        if value is INVALID:
            return INVALID
        if not self.valid(value):
            ctx.report(node, path, f"{self.rule}: {short(value)}")
            return INVALID
        return value

    def valid(self, value: str) -> bool:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        return string_schema(self.pattern, self.rule or "must not be empty", MAX_SHORT_CHARS)


class Choice(Field):
    """One of a few words, or a whole number in a range."""

    def __init__(self, *choices: Any, required: bool = True) -> None:
        super().__init__(required=required)
        self.choices = choices

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, bool) or value not in self.choices:
            ctx.report(node, path, f"expected one of {', '.join(map(str, self.choices))}, got {short(value)}")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


class Url(Checked):
    """A web address, printed and linked: http:// or https:// and a host name."""

    rule = "not a web address (http:// or https:// and a host, e.g. https://www.example.org)"
    pattern = _JSON_URL

    def valid(self, value: str) -> bool:
        match = _URL.match(value)
        return bool(match and _HOST.match(match["host"]))

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        value = super().check(node, value, path, ctx)
        return value if value is INVALID else WebAddress(value)


class Email(Checked):
    """An e-mail address."""

    rule = "not an e-mail address"
    pattern = _JSON_EMAIL

    def valid(self, value: str) -> bool:
        match = _EMAIL.match(value)
        return bool(match and _HOST.match(match["host"]))

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        value = super().check(node, value, path, ctx)
        return value if value is INVALID else EmailAddress(value)


class Phone(Checked):
    """A phone number as printed: digits, spaces and + ( ) . / -."""

    rule = "not a phone number (digits, spaces and + ( ) . / -)"
    pattern = _JSON_PHONE

    def valid(self, value: str) -> bool:
        return bool(_PHONE.match(value)) and sum(c.isdigit() for c in value) >= 6

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        value = super().check(node, value, path, ctx)
        return value if value is INVALID else PhoneNumber(value)


class FileStem(Checked):
    """A name fit for a file: the PDF is written as <name>-print.pdf."""

    rule = f"not a file name ({NAME_RULE})"
    pattern = NAME.pattern

    def valid(self, value: str) -> bool:
        return bool(NAME.match(value))


class LanguageCode(Checked):
    """A language code: two or three lower-case letters."""

    rule = "not a language code (two or three lower-case letters, e.g. fr)"
    pattern = LANGUAGE.pattern

    def valid(self, value: str) -> bool:
        return bool(LANGUAGE.match(value))


class LayoutName(Checked):
    """The name of a layout: the project's layouts/<name>/ or a built-in one, loaded once it is checked."""

    rule = f"not a layout name ({NAME_RULE})"
    pattern = NAME.pattern

    def valid(self, value: str) -> bool:
        return bool(NAME.match(value))

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        value = super().check(node, value, path, ctx)
        if value is INVALID:
            return INVALID
        known = known_layouts(ctx.project_dir)
        if value not in known:
            ctx.report(node, path, f"no layout {value!r}; the layouts are {', '.join(known)}")
            return INVALID
        return value

    def validate(self, node: yaml.Node, path: str, ctx: Context) -> Any:
        result = super().validate(node, path, ctx)
        name = DEFAULT_LAYOUT if result is OMITTED else result
        if isinstance(name, str):
            self.load(name, ctx)
        return result

    @staticmethod
    def load(name: str, ctx: Context) -> None:
        """Load the layout `name` for the rest of the check (its panels, its palette), if `ctx` can load one."""
        if ctx.load_layout is not None:
            ctx.layout = ctx.load_layout(name)  # a broken layout is an InputError naming its own file
            ctx.palette = tuple(ctx.layout.palette)

    def json_schema(self) -> dict[str, Any]:
        # A project may have layouts of its own: the built-in ones are offered, not the only ones allowed.
        return {**super().json_schema(), "examples": known_layouts(None)}


class Date(Field):
    """A calendar date, YYYY-MM-DD."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, str) and _DATE.match(value):
            with contextlib.suppress(ValueError):  # an impossible date is reported below
                value = dt.date.fromisoformat(value)
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            ctx.report(node, path, f"not a date: {short(value)} (write it as YYYY-MM-DD)")
            return INVALID
        # PDF dates and SOURCE_DATE_EPOCH, which the date becomes, count from 1970.
        if value.year < 1970:
            ctx.report(node, path, f"{value.isoformat()} is before 1970")
            return INVALID
        return value

    def json_schema(self) -> dict[str, Any]:
        # Editors read YAML 1.2, where 2026-11-01 is a text: the check reads both.
        return string_schema(_DATE.pattern, "not a date (write it as YYYY-MM-DD)", format="date")


class Languages(Field):
    """The languages of the content, 1 to 4, in the order they are printed; every translated text has them
    all. A language no hyphenation dictionary knows is taken, with a warning: its words are never broken."""

    most = 4  # a leaflet's panels hold no more: each language is a column or a panel of its own

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if not (isinstance(node, yaml.SequenceNode) and isinstance(value, list)) or not value:
            ctx.report(node, path, expected("a list of language codes (e.g. [fr, de])", value, node))
            return INVALID
        if len(value) > self.most:
            ctx.report(node, path, f"too many languages: {len(value)} (at most {self.most})")
            return INVALID
        codes: list[str] = []
        for index, item in enumerate(node.value):
            code = ctx.value(item)
            if not (isinstance(code, str) and LANGUAGE.match(code)):
                ctx.report(item, f"{path}[{index}]", f"{LanguageCode.rule}: {short(code)}")
            elif code in codes:
                ctx.report(item, f"{path}[{index}]", f"{code!r} is listed twice")
            else:
                codes.append(code)
        if len(codes) != len(value):
            return INVALID
        for index, (item, code) in enumerate(zip(node.value, codes, strict=True)):
            if hyphenation_language(code) is None:  # WeasyPrint leaves its words whole: it builds, as it is
                message = f"no hyphenation patterns for {code!r}; its words are not hyphenated"
                ctx.warn(item, f"{path}[{index}]", message)
        ctx.languages = tuple(codes)
        return codes

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "items": LanguageCode().json_schema(),
            "minItems": 1,
            "maxItems": self.most,
            "uniqueItems": True,
        }


class Asset(Field):
    """An image file inside the project folder (SVG, PNG or JPEG), as a path relative to that folder."""

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        value = check_text(node, value, path, ctx, limit=MAX_SHORT_CHARS)
        if value is INVALID:
            return INVALID
        try:
            _check_image_file(ctx, value)
        except _UnusableImage as exc:
            ctx.report(node, path, str(exc))
            return INVALID
        return ImagePath(value)

    def json_schema(self) -> dict[str, Any]:
        return string_schema(_JSON_IMAGE, "not an image brochure takes (svg, png, jpg, jpeg)", MAX_SHORT_CHARS)


class _UnusableImage(Exception):
    """Why an image path cannot be printed, as the message its field reports."""


def _check_image_file(ctx: Context, value: str) -> None:
    """Raise _UnusableImage unless `value` names an image file in the project that is what its name says."""
    quoted = short(value, 80)
    try:
        file = project_file(ctx.project_dir, value)
    except OutsideProject as exc:
        raise _UnusableImage(f"{quoted} {exc}") from None
    image_type = IMAGE_TYPES.get(file.suffix.lower())
    if image_type is None:
        raise _UnusableImage(f"{quoted} is not an image brochure takes (svg, png, jpg, jpeg)")
    problem = image_problem(value, _read_image(file, image_type, quoted))
    if problem is not None:
        raise _UnusableImage(problem)


def image_problem(name: str, data: bytes) -> str | None:
    """Why the image file `name` holding `data` cannot be printed, in the words a build uses; None if it can.
    (`brochure edit` judges an upload with it before writing a byte.)"""
    quoted = short(name, 80)
    image_type = IMAGE_TYPES.get(Path(name).suffix.lower())
    if image_type is None:
        return f"{quoted} is not an image brochure takes (svg, png, jpg, jpeg)"
    if image_type_of(data) != image_type:
        return f"{quoted} is not a {image_type} file, whatever its name says"
    try:
        check_image(data, image_type)  # a broken image would be left out of the print, or print as garbage
    except InvalidImage as exc:
        return f"{quoted} is not a valid {image_type} image: {exc}"
    return None


def _read_image(file: Path, image_type: str, quoted: str) -> bytes:
    """The bytes of an image file, within the size its type may have."""
    try:
        return read_file(file, MAX_IMAGE_BYTES[image_type])
    except FileNotFoundError:
        raise _UnusableImage(f"file not found: {quoted}") from None
    except IsADirectoryError:
        raise _UnusableImage(f"{quoted} is a folder, not an image file") from None
    except FileTooLarge as exc:
        raise _UnusableImage(f"{quoted} is {exc.describe(f'an {image_type} file')}") from None
    except NotAFile as exc:
        raise _UnusableImage(f"{quoted} is {exc.kind}, not an image file") from None
    except OSError as exc:
        raise _UnusableImage(f"cannot read {quoted}: {exc.strerror or exc}") from None


class FileSize(Field):
    """A file size such as `1 MB`, `800 kB` or `1 MiB`, or a whole number of bytes, as a number of bytes."""

    def __init__(self, *, minimum: int, required: bool = True) -> None:
        super().__init__(required=required)
        self.minimum = minimum

    def check(self, node: yaml.Node, value: Any, path: str, ctx: Context) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):  # `300000` in YAML is a number: bytes
            size = value
        else:
            size = parse_file_size(value) if isinstance(value, str) else None
        if size is None:
            ctx.report(node, path, f"not a file size: {short(value)} (write it in {SIZE_FORMS})")
            return INVALID
        if size < self.minimum:
            ctx.report(node, path, f"{str(value).strip()} is too small: at least {format_size(self.minimum)}")
            return INVALID
        return size

    def json_schema(self) -> dict[str, Any]:
        # A text matching the pattern, or a whole number of bytes: a pattern applies to texts only,
        # a minimum to numbers only.
        text = string_schema(SIZE_PATTERN, f"not a file size (write it in {SIZE_FORMS})")
        return {**text, "type": ["string", "integer"], "minimum": self.minimum}
