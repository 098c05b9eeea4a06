"""HTML of the leaflet: the layout's Jinja2 templates filled with the content."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import jinja2
import jinja2.bccache

from brochure.content.events import spelled_date
from brochure.content.load import Content
from brochure.errors import InputError
from brochure.files import cache
from brochure.files.output import write_atomic
from brochure.files.paths import OutsideProject, project_file, refuse_links_out
from brochure.files.resources import BASE_TEMPLATES, LAYOUTS_DIR
from brochure.html.qrcodes import qr_data_url
from brochure.html.urls import ASSETS_URL, PROJECT_URL
from brochure.sheet.colour import layout_colours
from brochure.sheet.imposition import Imposition, sheet_sides
from brochure.sheet.layout import FontFace, Layout
from brochure.sheet.pdfmeta import EDITION_NAME, IMPOSITION_NAME, LAYOUT_NAME, PANELS_NAME, panels_content
from brochure.text.links import tel_uri, url_label
from brochure.text.typography import WordRules, inline_markdown, printed_text
from brochure.version import __version__

TEMPLATE = "leaflet.html.j2"


def levelling_plan(
    content: Content,
    layout: Layout,
    date: dt.date | None,
    imposition: Imposition,
    edition: str,
    level: bool | str,
    *,
    cmyk: bool = False,
    templates: CompiledTemplates | None = None,
) -> tuple[bool | str, str | None]:
    """`render`'s `level` and `measure` for an edition: with a levelling to measure, the HTML of
    only the pages that hold facing panels, which is all the measuring layout needs; no
    levelling where no page holds one; a levelling already measured, as it is."""
    facing = imposition.facing_pages() if level is True else None
    if facing is None:
        return (False if level is True else level), None
    return True, render_html(content, layout, date, facing, edition, cmyk=cmyk, templates=templates)


def render_html(
    content: Content,
    layout: Layout,
    date: dt.date | None,
    imposition: Imposition | None = None,
    edition: str = "print",
    *,
    cmyk: bool = False,
    shown: tuple[int, ...] | None = None,
    templates: CompiledTemplates | None = None,
) -> str:
    """The complete HTML document of one edition of the leaflet, its pages as `imposition` places them
    (by default the print edition's sheet sides); with `cmyk`, its colours in CMYK for press. With
    `shown`, the body holds only those pages (0-based), and the head still records them all. With
    `templates` (a render session's), templates compiled once are not compiled again."""
    imposition = imposition or sheet_sides(layout)
    env = _environment(layout, content, templates)
    # A project's own layout is input like the content: its mistakes name the template file.
    try:
        return env.get_template(TEMPLATE).render(
            content=content.data,
            layout=layout,
            colours=layout_colours(layout, content.data.get("color_scheme", {}), cmyk=cmyk),
            languages=content.languages,
            version=__version__,
            date=date.isoformat() if date else "",
            imposition=imposition,
            shown=shown,
            edition=edition,
            keywords=", ".join(document_keywords(content)),
            panel_map=panels_content(imposition),  # what the PDF records, for the checks: see pdfmeta
            meta_layout=LAYOUT_NAME,
            meta_panels=PANELS_NAME,
            meta_edition=EDITION_NAME,
            meta_imposition=IMPOSITION_NAME,
        )
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or layout.folder / TEMPLATE}:{exc.lineno}"
        raise InputError(f"{where}: template syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        where, missing = _template_line(exc, layout), layout.folder / str(exc.name)
        message = f"{where}: template not found: {missing}" if where else f"{missing}: no such template"
        raise InputError(message) from None
    except jinja2.TemplateError as exc:  # an undefined name or attribute, while the template is filled in
        where = _template_line(exc, layout) or layout.folder / TEMPLATE
        raise InputError(f"{where}: template error: {exc.message or type(exc).__name__}") from None


class PageHtml(NamedTuple):
    """One page of an edition as an HTML document of its own, and whether the levelling of facing
    panels sets its items (the stylesheet that does is given to those pages only)."""

    html: str
    facing: bool


def page_html(
    content: Content,
    layout: Layout,
    date: dt.date | None,
    imposition: Imposition,
    edition: str = "print",
    *,
    cmyk: bool = False,
    templates: CompiledTemplates | None = None,
) -> list[PageHtml]:
    """One HTML document per page of the edition, to lay out each page on its own (see `pdf.render`)."""
    return [
        PageHtml(
            render_html(content, layout, date, imposition, edition, cmyk=cmyk, shown=(index,), templates=templates),
            surface.facing,
        )
        for index, surface in enumerate(imposition.surfaces)
    ]


def document_keywords(content: Content) -> list[str]:
    """The PDF's keywords: the content's own, else its name and languages."""
    keywords = content.data.get("document", {}).get("keywords")
    return [str(k) for k in keywords] if keywords else [content.name, *content.languages]


def template_folders(layout: Layout) -> list[Path]:
    """Where a layout's templates are looked up, first match wins: its own folder (a project's
    override, or the built-in one), the built-in layout of that name, then the shared base. A
    project's folder is resolved, and refused if it leads out of the project (layouts/<name>)."""
    own = layout.folder.resolve()
    if not own.is_relative_to(LAYOUTS_DIR):
        refuse_links_out(layout.folder, layout.folder.parent.parent)
    folders = [own, LAYOUTS_DIR / layout.name, BASE_TEMPLATES]
    return [folder for index, folder in enumerate(folders) if folder.is_dir() and folder not in folders[:index]]


def _template_line(exc: BaseException, layout: Layout) -> str | None:
    """`FILE:LINE` of the innermost template line in the traceback (Jinja2 rewrites it to show them)."""
    folders = template_folders(layout)
    where = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(Path(filename).is_relative_to(folder) for folder in folders):
            where = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept by a render session, and in brochure's cache for the next process
    (unless `disk` is off), by file and source checksum. Each rendering has an environment of its
    own (its filters hold the content's word rules), and would parse and compile every template
    again: most of its time. An edited template, whose checksum changes, is compiled again; so is
    one whose copy Jinja finds unreadable or made by another Python, and the copies of another
    Jinja, another brochure or other options of the environment (`_OPTIONS`) are kept apart."""

    def __init__(self, disk: bool = True) -> None:
        self.disk = disk
        self.compiled: dict[str, bytes] = {}

    def __len__(self) -> int:
        """How many compiled templates are kept in memory."""
        return len(self.compiled)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        copy = self._copy(bucket)
        if bucket.key not in self.compiled and copy is not None:
            with contextlib.suppress(OSError):
                self.compiled[bucket.key] = copy.read_bytes()
        if bucket.key in self.compiled:
            try:
                bucket.bytecode_from_string(self.compiled[bucket.key])
            except Exception:  # a copy cut short: Jinja checks its header, not the rest
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        copy = self._copy(bucket)
        with contextlib.suppress(InputError):  # a cache that cannot be written only costs time
            if copy is not None:
                write_atomic(copy, self.compiled[bucket.key])

    def _copy(self, bucket: jinja2.bccache.Bucket) -> Path | None:
        kept = cache.folder("templates") if self.disk else None
        return kept / _COMPILED_BY / f"{bucket.key}.jinja" if kept is not None else None


# What the templates are compiled with: their compiled code depends on it, and on the versions.
_OPTIONS = {"autoescape": True, "undefined": jinja2.StrictUndefined, "trim_blocks": True, "lstrip_blocks": True}
_COMPILED_BY = hashlib.sha256(repr((jinja2.__version__, __version__, _OPTIONS)).encode()).hexdigest()[:16]


def _environment(layout: Layout, content: Content, templates: CompiledTemplates | None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_folders(layout)),
        bytecode_cache=templates,
        **_OPTIONS,
    )
    words = word_rules(content, layout)
    env.filters["tr"] = lambda field, lang: inline_markdown(str(field[lang]), lang, words)
    env.filters["md"] = lambda value, lang=None: inline_markdown(str(value), lang, words)
    env.filters["url_label"] = url_label
    env.filters["tel_uri"] = tel_uri
    env.filters["plain"] = lambda value: printed_text(str(value), None)
    env.globals["asset"] = lambda path: asset_url(content.project_dir, path)
    env.globals["font_url"] = _font_url
    env.globals["qr_code"] = qr_data_url
    env.filters["spelled_date"] = spelled_date
    return env


def asset_url(project_dir: Path, path: str) -> str:
    """The folder-independent URL of an image of the project; the schema has checked the path already."""
    try:
        real = project_file(project_dir, str(path))
    except OutsideProject as exc:  # content that skipped validation
        raise InputError(f"{path!r} {exc}") from None
    return PROJECT_URL + quote(real.relative_to(project_dir.resolve()).as_posix())


def word_rules(content: Content, layout: Layout) -> WordRules:
    """The content's word rules: its `typography`, and the names it gives elsewhere (the cover's
    wordmark and cities, the document's author), which are never hyphenated either; a long word
    breaks no nearer to its ends than `layout`'s hyphenation allows."""
    data = content.data
    typography = data.get("typography", {})
    cover = data.get("cover", {})
    names = [
        *typography.get("names", ()),
        str(cover.get("wordmark", "")),
        str(data.get("document", {}).get("author", "")),
        *re.split(r"[-,/·|]", str(cover.get("cities", ""))),
    ]
    edges = (layout.hyphenation.before, layout.hyphenation.after)
    return WordRules.of(names, typography.get("hyphenation", {}), edges)


def _font_url(font: FontFace) -> str:
    return ASSETS_URL + quote(font.file)
