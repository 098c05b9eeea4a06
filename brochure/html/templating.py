"""HTML of the leaflet: the layout's Jinja2 templates filled with the content."""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import jinja2
import jinja2.bccache
from jinja2.sandbox import SecurityError

from brochure.content.events import spelled_date
from brochure.content.load import Content
from brochure.errors import InputError
from brochure.files.icons import icon_svg
from brochure.files.layouts import PROJECT_TEMPLATES
from brochure.files.paths import OutsideProject, project_file, refuse_links_out
from brochure.files.resources import BASE_TEMPLATES, LAYOUTS_DIR
from brochure.html.qrcodes import qr_data_url, quiet_zone_share
from brochure.html.sandbox import MAX_TEXT, Sandbox
from brochure.html.urls import ASSETS_URL, PROJECT_URL, framed
from brochure.schema.values import TranslatedText
from brochure.sheet.colour import layout_colours
from brochure.sheet.imposition import Imposition, sheet_sides
from brochure.sheet.layout import FontFace, Layout
from brochure.sheet.pdfmeta import EDITION_NAME, IMPOSITION_NAME, LAYOUT_NAME, PANELS_NAME, panels_content
from brochure.sheet.theme import custom_properties
from brochure.text.links import tel_uri, url_label
from brochure.text.typography import WordRules, inline_markdown, printed_text
from brochure.version import __version__

TEMPLATE = "leaflet.html.j2"
STYLESHEET = "leaflet.css.j2"


def levelling_plan(leaflet: Leaflet, level: bool | str) -> tuple[bool | str, str | None]:
    """`render`'s `level` and `measure` for an edition: with a levelling to measure, the HTML (its
    stylesheet apart) of only the pages that hold facing panels, which is all the measuring layout
    needs; no levelling where no page holds one; a levelling already measured, as it is."""
    if level is not True:
        return level, None
    facing = leaflet.imposition.facing_pages()
    if not facing:
        return False, None
    return True, leaflet.html(facing, inline_style=False)


def render_html(*leaflet: object, shown: tuple[int, ...] | None = None, **options: object) -> str:
    """The complete HTML document of one edition of the leaflet (`Leaflet`'s arguments: by default
    the print edition's sheet sides, in RGB), its stylesheet inline. With `shown`, the body holds
    only those pages (0-based), and the head still records them all."""
    return Leaflet(*leaflet, **options).html(shown)  # type: ignore[arg-type]


class Leaflet:
    """One edition's templates, ready to fill: the whole HTML document, its stylesheet apart, and the
    HTML of each page or panel alone. Filled in one template environment, made once.

    Its pages are placed as `imposition` places them (by default the print edition's sheet sides);
    with `cmyk`, its colours are in CMYK for press; with `templates` (a render session's), templates
    compiled once are not compiled again."""

    def __init__(
        self,
        content: Content,
        layout: Layout,
        date: dt.date | None,
        imposition: Imposition | None = None,
        edition: str = "print",
        *,
        cmyk: bool = False,
        templates: CompiledTemplates | None = None,
    ) -> None:
        self.layout = layout
        self.imposition = imposition or sheet_sides(layout)
        self.folders = template_folders(layout, content.project_dir)
        self.env = _environment(layout, content, self.folders, templates)
        colours = layout_colours(layout, cmyk=cmyk)
        self.values = {
            "content": content.data,
            "layout": layout,
            "colours": colours,
            "properties": custom_properties(layout.theme, colours),  # the theme, as the stylesheet reads it
            "languages": content.languages,
            "version": __version__,
            "date": date.isoformat() if date else "",
            "imposition": self.imposition,
            "shown": None,
            "panel_shown": None,
            "inline_style": True,
            "edition": edition,
            "keywords": ", ".join(document_keywords(content)),
            "panel_map": panels_content(self.imposition),  # what the PDF records, for the checks: see pdfmeta
            "meta_layout": LAYOUT_NAME,
            "meta_panels": PANELS_NAME,
            "meta_edition": EDITION_NAME,
            "meta_imposition": IMPOSITION_NAME,
        }

    def html(self, shown: tuple[int, ...] | None = None, panel: str | None = None, *, inline_style: bool = True) -> str:
        """The HTML document; with `shown`, only those pages (0-based) in its body, and with `panel`
        only that panel on them; without `inline_style`, the stylesheet left out (see `css`)."""
        return self._fill(TEMPLATE, shown=shown, panel_shown=panel, inline_style=inline_style)

    def css(self) -> str:
        """The leaflet's stylesheet, as the whole document holds it inline."""
        return self._fill(STYLESHEET)

    def panels(self) -> list[PanelHtml]:
        """One HTML document, without its stylesheet, per panel of each page of the edition: to lay
        out each on its own (see `pdf.render`)."""
        return [
            PanelHtml(self.html((index,), placed.panel.id, inline_style=False), surface.facing, index, placed.panel.id)
            for index, surface in enumerate(self.imposition.surfaces)
            for placed in surface.placed
        ]

    def _fill(self, name: str, **values: object) -> str:
        # A project's own layout is input like the content: its mistakes name the template file and line.
        try:
            return _filled(self.env.get_template(name), self.values | values)
        except Exception as exc:  # the template's own errors become InputError; the rest go on
            error = template_error(exc, self.layout, self.folders)
            if error is None:
                raise
            raise error from None


def _filled(template: jinja2.Template, values: dict) -> str:
    """The template filled with `values`, a piece at a time. What its expressions write is bounded
    on their own line (see `Sandbox`); a template's literal text repeated by a loop is bounded
    here, and ends at the template line that wrote past the bound (the error is raised there)."""
    pieces, length = [], 0
    stream = template.generate(values)
    for piece in stream:
        length += len(piece)
        if length > 2 * MAX_TEXT:
            stream.throw(SecurityError(f"a document longer than {2 * MAX_TEXT:,} characters"))
        pieces.append(piece)
    return "".join(pieces)


def template_error(exc: Exception, layout: Layout, folders: list[Path]) -> InputError | None:
    """The one line that names a template's mistake, its file and line: a syntax error, a template
    not found, an undefined name, what the sandbox refuses, a recursion, a division by zero. None
    for an error of brochure's own code that a template called (a bug), and for running out of
    memory, which the build's memory limit words (see `brochure.commands.limits`). `folders`: where
    the templates were looked up (`template_folders`)."""
    if isinstance(exc, MemoryError):
        return None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or layout.folder / TEMPLATE}:{exc.lineno}"
        return InputError(f"{where}: template syntax error: {exc.message}")
    where, ours = _template_line(exc, folders)
    if isinstance(exc, jinja2.TemplateNotFound):
        missing = layout.folder / str(exc.name)
        return InputError(f"{where}: template not found: {missing}" if where else f"{missing}: no such template")
    if isinstance(exc, RecursionError):
        why = "a macro that calls itself, or a template that includes itself, without end"
    elif isinstance(exc, jinja2.TemplateError):  # an undefined name or attribute, what the sandbox refuses
        why = exc.message or type(exc).__name__
    elif ours:  # raised in brochure's code that the template called: a bug
        return None
    else:  # raised on the template's line: `{{ 1/0 }}`, `{{ 'a' + 1 }}`
        why = str(exc) or type(exc).__name__
    return InputError(f"{where or layout.folder / TEMPLATE}: template error: {why}")


class PanelHtml(NamedTuple):
    """One panel of a page of an edition as an HTML document of its own (without the stylesheet),
    and whether the levelling of facing panels sets its items (the stylesheet that does is given
    to those panels only)."""

    html: str
    facing: bool
    page: int  # which page of the edition it is on (0-based)
    panel: str  # its id


def document_keywords(content: Content) -> list[str]:
    """The PDF's keywords: the content's own, else its name and languages."""
    keywords = content.data.get("document", {}).get("keywords")
    return [str(k) for k in keywords] if keywords else [content.name, *content.languages]


def template_folders(layout: Layout, project_dir: Path | None = None) -> list[Path]:
    """Where a layout's templates are looked up, first match wins: the layout's own folder if it is
    the project's (layouts/<name>), the project's templates/ (each file there replaces brochure's
    of that path, for every layout), the built-in layout of that name, then the shared base. A
    project's folders are resolved, and refused if they lead out of the project."""
    own = layout.folder.resolve()
    folders = []
    if not own.is_relative_to(LAYOUTS_DIR):
        refuse_links_out(layout.folder, layout.folder.parent.parent)
        folders.append(own)
    if project_dir is not None:
        refuse_links_out(project_dir / PROJECT_TEMPLATES, project_dir)
        folders.append((project_dir / PROJECT_TEMPLATES).resolve())
    folders += [LAYOUTS_DIR / layout.name, BASE_TEMPLATES]
    return [folder for index, folder in enumerate(folders) if folder.is_dir() and folder not in folders[:index]]


def _template_line(exc: BaseException, folders: list[Path]) -> tuple[str | None, bool]:
    """`FILE:LINE` of the innermost template line (one in `folders`) in the traceback (Jinja2 rewrites
    it to show them), and whether brochure's own code ran after it, where the exception was raised."""
    where, ours = None, False
    tb = exc.__traceback__
    while tb is not None:
        filename = Path(tb.tb_frame.f_code.co_filename)
        if any(filename.is_relative_to(folder) for folder in folders):
            where, ours = f"{filename}:{tb.tb_lineno}", False
        elif filename.is_relative_to(_PACKAGE):
            ours = True
        tb = tb.tb_next
    return where, ours


_PACKAGE = Path(__file__).resolve().parent.parent


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory by a render session, by file and source checksum: each
    rendering has an environment of its own (its filters hold the content's word rules), and
    would parse and compile every template again, most of its time. An edited template, whose
    checksum changes, is compiled again. None is kept on disk: Jinja2 keeps compiled code as
    marshalled code objects and runs them, so a file in the cache would be code any process that
    can write there gets run; compiling brochure's templates anew takes about 0.06 s a process."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def __len__(self) -> int:
        """How many compiled templates are kept in memory."""
        return len(self.compiled)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


# What the templates are compiled with.
_OPTIONS = {"autoescape": True, "undefined": jinja2.StrictUndefined, "trim_blocks": True, "lstrip_blocks": True}


class _LayoutLoader(jinja2.FileSystemLoader):
    """Jinja2's loader of template files, which refuses a name with `..`, and here also a template
    file of the project's (its layout's, its templates/) that is a symbolic link out of the project
    (checked as it is read)."""

    def __init__(self, folders: list[Path], project_dir: Path) -> None:
        super().__init__(folders)
        self.project_dir = project_dir

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if Path(filename).is_relative_to(self.project_dir):
            refuse_links_out(Path(filename), self.project_dir)
        return source, filename, uptodate


def _environment(
    layout: Layout, content: Content, folders: list[Path], templates: CompiledTemplates | None
) -> jinja2.Environment:
    env = Sandbox(loader=_LayoutLoader(folders, content.project_dir), bytecode_cache=templates, **_OPTIONS)
    words = word_rules(content, layout)
    first = content.languages[0]
    env.filters["tr"] = lambda field, lang: inline_markdown(str(field[lang]), lang, words)
    # A block's text: one per language, or one for all set in the first language's typography.
    env.filters["say"] = lambda field, lang: (
        inline_markdown(str(field[lang]), lang, words)
        if isinstance(field, TranslatedText)
        else inline_markdown(str(field), first, words)
    )
    env.filters["plain_in"] = lambda field, lang: printed_text(
        str(field[lang] if isinstance(field, TranslatedText) else field), lang
    )
    env.globals["langs_of"] = lambda field, langs: list(langs) if isinstance(field, TranslatedText) else [first]
    env.filters["md"] = lambda value, lang=None: inline_markdown(str(value), lang, words)
    env.filters["url_label"] = url_label
    env.filters["tel_uri"] = tel_uri
    env.filters["plain"] = lambda value, lang=None: printed_text(str(value), lang)
    env.globals["asset"] = lambda path: asset_url(content.project_dir, path)
    env.globals["font_url"] = _font_url
    env.globals["qr_code"] = qr_data_url
    env.globals["qr_quiet"] = quiet_zone_share
    env.globals["icon"] = icon_url
    env.globals["framed"] = framed
    env.filters["spelled_date"] = spelled_date
    env.bound_filters()
    return env


def asset_url(project_dir: Path, path: str) -> str:
    """The folder-independent URL of an image of the project; the schema has checked the path already."""
    try:
        real = project_file(project_dir, str(path))
    except OutsideProject as exc:  # content that skipped validation
        raise InputError(f"{path!r} {exc}") from None
    return PROJECT_URL + quote(real.relative_to(project_dir.resolve()).as_posix())


def word_rules(content: Content, layout: Layout) -> WordRules:
    """The content's word rules: its `typography`, and the names it gives elsewhere (the titles and
    subtitles set once for every language, the document's author), which are never hyphenated either; a long word
    breaks no nearer to its ends than `layout`'s hyphenation allows."""
    data = content.data
    typography = data.get("typography", {})
    names = [*typography.get("names", ()), str(data.get("document", {}).get("author", ""))]
    for heading in _headings(data.get("sections", {})):
        for key in ("text", "subtitle"):  # a title set once for every language is a name
            if key in heading and not isinstance(heading[key], TranslatedText):
                names += re.split(r"[-,/·|]", str(heading[key]))
    edges = (layout.hyphenation.before, layout.hyphenation.after)
    return WordRules.of(names, typography.get("hyphenation", {}), edges)


def _headings(sections: dict) -> list[dict]:
    return [
        block
        for body in sections.values()
        if isinstance(body, dict)
        for block in body.get("blocks", ())
        if getattr(block, "kind", None) == "heading"
    ]


def icon_url(name: str, colour_css: str) -> str:
    """An icon of brochure's set drawn in one colour, as a data URL an <img> takes."""
    return "data:image/svg+xml;base64," + base64.b64encode(icon_svg(name, colour_css).encode()).decode()


def _font_url(font: FontFace) -> str:
    return ASSETS_URL + quote(font.file)
