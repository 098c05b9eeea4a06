"""No content can read files outside the project, reach the network, run markup or lose the last good PDF."""

from __future__ import annotations

import base64
import importlib
import io
import os
import shutil
import socket
import stat
import time
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT
from PIL import Image

from brochure import CheckFailed, ExitStatus, InputError, load_content
from brochure.commands.build import build
from brochure.commands.cli import main
from brochure.files.output import publish, write_atomic, write_staged
from brochure.html.templating import render_html
from brochure.preflight.pdffacts import read_pdf
from brochure.preflight.placement import normalize
from brochure.render.fetcher import ProjectFetcher
from brochure.schema.values import Block, EmailAddress, ImagePath, PhoneNumber, Setting, WebAddress

MAP = "          file: assets/map-quattropole.svg"  # the cities' map
MAP_FIELD = "61:17: sections.cities.blocks[1].picture.file"
A_URL = "is a URL; give the path of a file inside the project folder"
PNG_1PX = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
SVG_DTD = "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"  # as Illustrator names it


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, with an image and a secret in it."""
    folder = tmp_path.parent / f"{tmp_path.name}-outside"
    folder.mkdir()
    shutil.copy(ROOT / "assets" / "map-quattropole.svg", folder / "map.svg")
    (folder / "secret.txt").write_text("secret", encoding="utf-8")
    yield folder
    shutil.rmtree(folder)


def set_map(project: Path, value: str) -> Path:
    path = project / "content.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(MAP, f"          file: {value}"), encoding="utf-8")
    return path


def map_problem(project: Path, monkeypatch, value: str) -> str:
    monkeypatch.chdir(project)
    set_map(project, value)
    with pytest.raises(InputError) as info:
        load_content(Path("content.yaml"))
    return str(info.value)


# -- asset paths in the content ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("../../etc/passwd", "'../../etc/passwd' is outside the project folder"),
        ("assets/../../map.svg", "'assets/../../map.svg' is outside the project folder"),
        ("/etc/passwd", "'/etc/passwd' is an absolute path; give a path relative to the project folder"),
        ("https://example.org/map.svg", f"'https://example.org/map.svg' {A_URL}"),
        ("http://example.org/map.svg", f"'http://example.org/map.svg' {A_URL}"),
        ("file:///etc/passwd", f"'file:///etc/passwd' {A_URL}"),
        ("assets/no-such-map.svg", "file not found: 'assets/no-such-map.svg'"),
        ("assets/map.gif", "'assets/map.gif' is not an image brochure takes (svg, png, jpg, jpeg)"),
        ("content.yaml", "'content.yaml' is not an image brochure takes (svg, png, jpg, jpeg)"),
    ],
)
def test_asset_paths_are_refused(project: Path, monkeypatch, value: str, message: str):
    assert map_problem(project, monkeypatch, value) == f"content.yaml:{MAP_FIELD}: {message}"


def test_symlink_out_of_the_project_is_refused(project: Path, monkeypatch, outside: Path):
    (project / "assets" / "map-link.svg").symlink_to(outside / "map.svg")
    assert map_problem(project, monkeypatch, "assets/map-link.svg") == (
        f"content.yaml:{MAP_FIELD}: 'assets/map-link.svg' leads outside the project folder (a symbolic link)"
    )


def test_symlinked_folder_out_of_the_project_is_refused(project: Path, monkeypatch, outside: Path):
    (project / "shared").symlink_to(outside, target_is_directory=True)
    assert map_problem(project, monkeypatch, "shared/map.svg") == (
        f"content.yaml:{MAP_FIELD}: 'shared/map.svg' leads outside the project folder (a symbolic link)"
    )


def test_symlink_within_the_project_is_fine(project: Path):
    (project / "assets" / "map-link.svg").symlink_to(project / "assets" / "map-quattropole.svg")
    cities = load_content(set_map(project, "assets/map-link.svg")).data["sections"]["cities"]
    assert cities["blocks"][1]["file"] == "assets/map-link.svg"


def test_an_image_must_be_what_its_name_says(project: Path, monkeypatch):
    (project / "assets" / "map.png").write_text("<html>not a png</html>", encoding="utf-8")
    assert map_problem(project, monkeypatch, "assets/map.png") == (
        f"content.yaml:{MAP_FIELD}: 'assets/map.png' is not a PNG file, whatever its name says"
    )


def test_a_folder_is_no_image(project: Path, monkeypatch):
    (project / "assets" / "maps.svg").mkdir()
    assert map_problem(project, monkeypatch, "assets/maps.svg") == (
        f"content.yaml:{MAP_FIELD}: 'assets/maps.svg' is a folder, not an image file"
    )


def truncated(image_format: str) -> bytes:
    """A 64 × 64 px image in `image_format`, cut off halfway."""
    from PIL import Image

    image = Image.frombytes("RGB", (64, 64), bytes(range(256)) * 48)
    buffer = io.BytesIO()
    image.save(buffer, image_format)
    return buffer.getvalue()[: len(buffer.getvalue()) // 2]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("map.png", truncated("PNG"), "is not a valid PNG image: image file is truncated"),
        ("map.jpg", truncated("JPEG"), "is not a valid JPEG image: image file is truncated (31 bytes not processed)"),
        ("map.svg", SVG_OPEN + "<rect wid", "is not a valid SVG image: unclosed token at line 1, column 64"),
        (
            "map.svg",
            '<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>' + SVG_OPEN + "&b;</svg>",
            "is not a valid SVG image: its DOCTYPE declares entities or other markup ([…]), which brochure refuses",
        ),
        (
            "map.svg",
            '<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>' + SVG_OPEN + "&secret;</svg>",
            "is not a valid SVG image: its DOCTYPE declares entities or other markup ([…]), which brochure refuses",
        ),
        (
            "map.svg",
            '<!DOCTYPE svg SYSTEM "file:///etc/passwd">' + SVG_OPEN + "&secret;</svg>",
            "is not a valid SVG image: its DOCTYPE names a DTD other than the W3C's SVG DTD ('file:///etc/passwd')",
        ),
        (
            "map.svg",
            f'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "{SVG_DTD}">' + SVG_OPEN + "&secret;</svg>",
            "is not a valid SVG image: undefined entity at line 1, column 162",
        ),
        (
            "map.svg",
            '<html xmlns="http://www.w3.org/1999/xhtml"></html>',
            "is not a valid SVG image: its root element is <{http://www.w3.org/1999/xhtml}html>, not <svg>",
        ),
        (
            "map.svg",
            '<svg width="10" height="10"></svg>',
            'is not a valid SVG image: its root element <svg> has no xmlns="http://www.w3.org/2000/svg"',
        ),
    ],
)
def test_an_image_must_be_complete_and_safe(project: Path, monkeypatch, name: str, data: bytes | str, message: str):
    (project / "assets" / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    assert map_problem(project, monkeypatch, f"assets/{name}") == f"content.yaml:{MAP_FIELD}: 'assets/{name}' {message}"


# What a good build of the QuattroPole project leaves in its output folder.
EVERY_OUTPUT = [
    "quattropole-email.pdf",
    "quattropole-mailing-cover.jpg",
    "quattropole-mailing.eml",
    "quattropole-mailing.html",
    "quattropole-mailing.txt",
    "quattropole-previews",
    "quattropole-print.pdf",
]


def last_good_pdf(project: Path, golden) -> Path:
    """The output folder of a project built before, with its PDF in it."""
    outdir = project / "out"
    outdir.mkdir()
    shutil.copy(golden.result.print_pdf, outdir / "quattropole-print.pdf")
    return outdir


def test_a_broken_map_leaves_the_last_good_pdf_byte_identical(project: Path, golden, capsys):
    outdir = last_good_pdf(project, golden)
    good = (outdir / "quattropole-print.pdf").read_bytes()

    svg = (project / "assets" / "map-quattropole.svg").read_text(encoding="utf-8")
    cut = svg[: svg.index("</svg>")]
    (project / "assets" / "map.svg").write_text(cut, encoding="utf-8")
    (project / "assets" / "map.png").write_bytes(truncated("PNG"))
    for name, reason in (
        ("map.png", "is not a valid PNG image: image file is truncated"),
        ("map.svg", f"is not a valid SVG image: no element found at line {cut.count(chr(10)) + 1}, column 1"),
    ):
        content = set_map(project, f"assets/{name}")
        assert main(["build", str(content), "-o", str(outdir)]) == ExitStatus.INVALID_INPUT
        assert capsys.readouterr().err == f"{content}:{MAP_FIELD}: 'assets/{name}' {reason}\n"
        content.write_text(
            content.read_text(encoding="utf-8").replace(f"          file: assets/{name}", MAP), encoding="utf-8"
        )
    assert (outdir / "quattropole-print.pdf").read_bytes() == good
    assert sorted(path.name for path in outdir.iterdir()) == ["quattropole-print.pdf"]


# -- the URL fetcher WeasyPrint gets ----------------------------------------------


def test_fetcher_serves_project_files_and_data_urls(project: Path):
    fetcher = ProjectFetcher(project)
    svg = fetcher.fetch((project / "assets" / "map-quattropole.svg").as_uri())
    assert svg.content_type == "image/svg+xml"
    assert svg.read().lstrip().startswith(b"<")
    assert fetcher.fetch(PNG_1PX).read().startswith(b"\x89PNG")
    assert fetcher.refused == []
    fetcher.raise_refusals()  # nothing refused: no error


def test_fetcher_serves_brochures_own_fonts(project: Path):
    from brochure.files.resources import ASSETS_DIR

    font = ProjectFetcher(project).fetch((ASSETS_DIR / "fonts" / "Inter-Regular.otf").as_uri())
    assert font.read(4) == b"OTTO"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/tracker.png",
        "http://127.0.0.1:8000/x.css",
        "ftp://example.org/x.png",
        "file:///etc/passwd",
        "file://example.org/share/x.png",
        "//example.org/x.png",
    ],
)
def test_fetcher_refuses_everything_else(project: Path, url: str):
    fetcher = ProjectFetcher(project)
    with pytest.raises(PermissionError):
        fetcher.fetch(url)
    assert fetcher.refused == [url]
    with pytest.raises(InputError) as info:
        fetcher.raise_refusals()
    assert str(info.value) == f"refused to load {url}: only files inside the project folder and data: URLs are allowed"


def test_a_missing_file_inside_the_project_is_no_refusal(project: Path):
    fetcher = ProjectFetcher(project)
    with pytest.raises(FileNotFoundError):
        fetcher.fetch((project / "assets" / "gone.svg").as_uri())
    assert fetcher.refused == []


def test_fetcher_refuses_a_symlink_out(project: Path, outside: Path):
    (project / "assets" / "secret.svg").symlink_to(outside / "secret.txt")
    fetcher = ProjectFetcher(project)
    with pytest.raises(PermissionError):
        fetcher.fetch((project / "assets" / "secret.svg").as_uri())


def svg_referring_to(project: Path, href: str) -> None:
    svg = project / "assets" / "map-quattropole.svg"
    text = svg.read_text(encoding="utf-8")
    svg.write_text(text.replace("</svg>", f'<image href="{href}" width="10" height="10"/></svg>'), encoding="utf-8")


def test_images_that_refer_outside_fail_the_build_each_named(project: Path, golden, capsys):
    outdir = golden.copy_outputs(project / "out")  # as a build of the project left them
    good = (outdir / "quattropole-print.pdf").read_bytes()

    # A web address, a file by its absolute URL, a file by a path out of the project: one build, one line each.
    for href in ("https://example.org/tracker.png", "file:///etc/hostname", "../../../../etc/passwd"):
        svg_referring_to(project, href)
    status = main(["build", str(project / "content.yaml"), "-o", str(outdir)])
    err = capsys.readouterr().err
    assert status == ExitStatus.INVALID_INPUT
    lines = [line for line in err.splitlines() if not line.startswith("brochure: WARNING: ")]
    urls = [line.removeprefix("refused to load ").split(": only")[0] for line in lines]
    assert urls[:2] == ["https://example.org/tracker.png", "file:///etc/hostname"]
    assert urls[2].startswith("file:///") and urls[2].endswith("/etc/passwd")  # resolved against the image's folder
    for line, url in zip(lines, urls, strict=True):
        assert line == f"refused to load {url}: only files inside the project folder and data: URLs are allowed"
    assert "Traceback" not in err
    assert (outdir / "quattropole-print.pdf").read_bytes() == good
    assert sorted(path.name for path in outdir.iterdir()) == EVERY_OUTPUT


def test_an_image_weasyprint_cannot_draw_fails_the_build(project: Path, golden, capsys):
    outdir = last_good_pdf(project, golden)
    good = (outdir / "quattropole-print.pdf").read_bytes()

    # The map itself is valid; what it refers to is checked only while it is drawn.
    (project / "assets" / "inner.png").write_bytes(truncated("PNG"))
    (project / "assets" / "inner.txt").write_text(SVG_OPEN + "</svg>", encoding="utf-8")  # drawn as an SVG
    for href in ("inner.png", "inner.txt", "missing.png"):
        svg_referring_to(project, href)
    status = main(["build", str(project / "content.yaml"), "-o", str(outdir)])
    err = capsys.readouterr().err
    assert status == ExitStatus.INVALID_INPUT
    assert [line for line in err.splitlines() if not line.startswith("brochure: WARNING: ")] == [
        "cannot draw image assets/inner.png: image file is truncated",
        "cannot draw image assets/inner.txt: it is an SVG, but its name or type does not say so; name it .svg",
        f"cannot draw image assets/missing.png: [Errno 2] No such file or directory: "
        f"'{project.resolve() / 'assets' / 'missing.png'}'",
    ]
    assert (outdir / "quattropole-print.pdf").read_bytes() == good
    assert sorted(path.name for path in outdir.iterdir()) == ["quattropole-print.pdf"]


def test_an_image_broken_after_the_content_was_checked_fails_the_render(project: Path, golden, monkeypatch, capsys):
    outdir = last_good_pdf(project, golden)
    good = (outdir / "quattropole-print.pdf").read_bytes()
    svg = project / "assets" / "map-quattropole.svg"
    cut = svg.read_text(encoding="utf-8").split("</svg>")[0]
    pipeline = importlib.import_module("brochure.commands.build")  # the module, not the function of that name
    real_load_content = pipeline.load_content

    def load_then_break_the_map(path: Path, **options):
        content = real_load_content(path, **options)
        svg.write_text(cut, encoding="utf-8")  # e.g. a drawing program still saving it
        return content

    monkeypatch.setattr(pipeline, "load_content", load_then_break_the_map)
    assert main(["build", str(project / "content.yaml"), "-o", str(outdir)]) == ExitStatus.INVALID_INPUT
    err = capsys.readouterr().err
    line = cut.count("\n") + 1
    assert err == f"cannot draw image assets/map-quattropole.svg: no element found at line {line}, column 1\n"
    assert (outdir / "quattropole-print.pdf").read_bytes() == good
    assert sorted(path.name for path in outdir.iterdir()) == ["quattropole-print.pdf"]


def test_an_image_may_embed_a_data_url(project: Path):
    # The 1 px image is drawn (so the build gets as far as the page checks), and only its resolution fails;
    # it is converted to CMYK for print like any image (an opaque one: a transparent one is refused).
    opaque = io.BytesIO()
    Image.new("RGB", (1, 1), (200, 40, 40)).save(opaque, format="PNG")
    svg_referring_to(project, "data:image/png;base64," + base64.b64encode(opaque.getvalue()).decode("ascii"))
    with pytest.raises(CheckFailed) as caught:
        build(project / "content.yaml", project / "out", ["print"])  # the edition the report is of
    failure = caught.value
    assert {finding.check for finding in failure.report.errors} == {"image-resolution"}
    drawn = [image.pixels for page in read_pdf(failure.rejected).pages for image in page.images]
    assert (1, 1) in drawn


# -- markup in texts is printed, never run ----------------------------------------


def test_markup_and_template_syntax_print_literally(project: Path):
    path = project / "content.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ("fr: Approfondir la coopération entre les quatre villes", "fr: '<script>alert(1)</script> villes'"),
        ("fr: Développer des projets transfrontaliers innovants", "fr: '<b>gras</b> et <i>rien</i>'"),
        ("fr: Structurer l'espace central de la Grande Région", "fr: '{{ content.name }} {% raw %}'"),
    ):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    result = build(path, project / "out", ["print"])
    printed = normalize(read_pdf(result.print_pdf).text_in(2, 0, 100))
    assert "<script>alert(1)</script> villes" in printed
    assert "<b>gras</b> et <i>rien</i>" in printed
    assert "{{ content.name }} {% raw %}" in printed


# -- nothing lost ---------------------------------------------------------------------


def test_invalid_content_leaves_the_last_good_pdf_byte_identical(project: Path, golden, capsys):
    outdir = golden.copy_outputs(project / "out")  # as a build of the project left them
    good = (outdir / "quattropole-print.pdf").read_bytes()
    stamp = (outdir / "quattropole-print.pdf").stat().st_mtime_ns

    path = project / "content.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("          de: Kontakt\n", ""), encoding="utf-8")
    assert main(["build", str(path), "-o", str(outdir)]) == ExitStatus.INVALID_INPUT
    assert (outdir / "quattropole-print.pdf").read_bytes() == good
    assert (outdir / "quattropole-print.pdf").stat().st_mtime_ns == stamp
    assert sorted(p.name for p in outdir.iterdir()) == EVERY_OUTPUT


def test_an_interrupted_build_leaves_the_last_good_pdf(project: Path, golden, monkeypatch):
    outdir = golden.copy_outputs(project / "out")  # as a build of the project left them
    good = (outdir / "quattropole-print.pdf").read_bytes()

    def interrupted(data: bytes):
        raise KeyboardInterrupt

    real_fdopen = os.fdopen

    def fdopen_that_breaks(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        handle.write = interrupted  # the staged file is cut off mid-write
        return handle

    monkeypatch.setattr("brochure.files.output.os.fdopen", fdopen_that_breaks)
    with pytest.raises(KeyboardInterrupt):  # cut off at the first file written, the print PDF
        build(project / "content.yaml", outdir, ["print"])
    assert (outdir / "quattropole-print.pdf").read_bytes() == good
    assert sorted(p.name for p in outdir.iterdir()) == EVERY_OUTPUT


def test_staged_files_a_killed_build_left_behind_are_removed(tmp_path: Path):
    target = tmp_path / "quattropole-print.pdf"
    killed = tmp_path / ".quattropole-print.pdf.k1ll3d.tmp"
    running = tmp_path / ".quattropole-print.pdf.runn1n.tmp"  # a build staging its file right now
    another = tmp_path / ".other-print.pdf.k1ll3d.tmp"  # another content's, left for its own build
    for path in (killed, running, another):
        path.write_bytes(b"%PDF-1.7 cut off")
    an_hour_ago = time.time() - 3600
    for path in (killed, another):
        os.utime(path, (an_hour_ago, an_hour_ago))
    write_atomic(target, b"%PDF-")
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([target.name, running.name, another.name])
    assert target.read_bytes() == b"%PDF-"


def test_a_png_whose_colour_mode_cannot_print_is_refused(project: Path, capsys):
    from PIL import Image

    Image.new("I;16", (945, 709)).save(project / "assets" / "map.png")
    content = set_map(project, "assets/map.png")
    assert main(["build", str(content), "-o", str(project / "out")]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == (
        f"{content}:{MAP_FIELD}: 'assets/map.png' is not a valid PNG image: "
        "its colour mode I;16 cannot be printed; save it as 8-bit RGB or greyscale\n"
    )


def test_a_published_file_is_readable_as_the_umask_allows(tmp_path: Path):
    # mkstemp makes the staged file private; the published one must not stay so.
    target = tmp_path / "quattropole-print.pdf"
    previous = os.umask(0o022)
    try:
        write_atomic(target, b"%PDF-")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_publishing_renames_the_staged_file_into_place(tmp_path: Path):
    # A rename is atomic: a reader sees the old file or the new one, never a part-copied one.
    target = tmp_path / "quattropole-print.pdf"
    target.write_bytes(b"%PDF- old")
    staged = write_staged(target, b"%PDF- new")
    inode = staged.stat().st_ino
    publish(staged, target)
    assert target.stat().st_ino == inode
    assert not staged.exists()
    assert target.read_bytes() == b"%PDF- new"


def test_no_field_reaches_the_html_unescaped(project: Path):
    # Every text the content holds, plain or Markdown, translated or not, is escaped; a `| safe`
    # on any one field of any template would let this markup through. Addresses, paths and the
    # settings of a block are typed values the templates print their own way, checked by the schema.
    content = load_content(project / "content.yaml")
    typed = (WebAddress, EmailAddress, PhoneNumber, ImagePath, Setting)
    marked = 0

    def mark(value):
        nonlocal marked
        if isinstance(value, Block):
            return Block(value.kind, {key: mark(item) for key, item in value.items()})
        if isinstance(value, dict):
            return type(value)({key: mark(item) for key, item in value.items()})
        if isinstance(value, list):
            return [mark(item) for item in value]
        if isinstance(value, str) and not isinstance(value, typed):
            marked += 1
            return type(value)(value + " <u>x</u>")
        return value

    data = {**content.data, "document": mark(content.data["document"]), "sections": mark(content.data["sections"])}
    html = render_html(replace(content, data=data), content.layout, None)
    assert marked > 80  # every text of the QuattroPole content
    assert "<u>" not in html
    assert html.count("&lt;u&gt;x&lt;/u&gt;") >= marked


def test_a_refused_image_fails_every_build_of_a_warm_process(project: Path):
    # The second build reuses the pages the first laid out; their images are drawn again, and refused again.
    svg_referring_to(project, "file:///etc/passwd")
    for _ in range(2):
        with pytest.raises(InputError, match="refused to load file:///etc/passwd"):
            build(project / "content.yaml", project / "out", ["print"])
