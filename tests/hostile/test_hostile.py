"""Hostile content and assets: each ends in one clean line (exit 2) within bounds, and the last good PDF stays.

The time bounds are guards against hangs, far above what each case takes; the inputs
are the ones that once crashed a build, hung it or used gigabytes.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import hang_guard, run_forked
from PIL import Image

from brochure import ExitStatus, InputError, load_content
from brochure.commands.build import build
from brochure.commands.cli import main
from brochure.files.imagefiles import MAX_PIXELS, InvalidImage, check_image
from brochure.files.svgfiles import MAX_ELEMENTS
from brochure.preflight.pdffacts import read_pdf
from brochure.preflight.placement import normalize

GUARD = 120  # seconds: a hang guard; every case ends in about a second
GOAL = "fr: Approfondir la coopération entre les quatre villes"  # content.yaml:134, the about list's first item
GOAL_FIELD = "136:19: sections.about.blocks[3].list.items[0].fr"
MAP = "          file: assets/map-quattropole.svg"  # content.yaml:60, the cities' map
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"'


def replace(project: Path, old: str, new: str) -> Path:
    path = project / "content.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def refused(project: Path, golden, capsys) -> str:
    """Build `project` over a last good PDF: exit 2 within the guard, the PDF untouched; the error output."""
    outdir = project / "out"
    outdir.mkdir()
    shutil.copy(golden.result.print_pdf, outdir / "quattropole-print.pdf")
    good = (outdir / "quattropole-print.pdf").read_bytes()
    capsys.readouterr()
    with hang_guard(GUARD):
        status = main(["build", str(project / "content.yaml"), "-o", str(outdir)])
    err = capsys.readouterr().err
    assert status == ExitStatus.INVALID_INPUT, err
    assert "Traceback" not in err and "warnings.warn" not in err
    assert (outdir / "quattropole-print.pdf").read_bytes() == good
    assert sorted(path.name for path in outdir.iterdir()) == ["quattropole-print.pdf"]
    return err


def map_refused(project: Path, golden, capsys, name: str, data: bytes | str) -> str:
    """The map replaced by `data` as assets/`name`: the one line of the error."""
    (project / "assets" / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    content = replace(project, MAP, f"          file: assets/{name}")
    err = refused(project, golden, capsys)
    prefix = f"{content}:61:17: sections.cities.blocks[1].picture.file: 'assets/{name}' "
    assert err.startswith(prefix) and err.count("\n") == 1, err
    return err.removeprefix(prefix).strip()


def goal(path: Path) -> str:
    """The French text of the first item of the about section's list, as checked."""
    return load_content(path).data["sections"]["about"]["blocks"][3]["items"][0]["fr"]


# -- texts ------------------------------------------------------------------------------


SEPARATORS = ["\u2028", "\u2029", " \u2029", "\u2028 "]


@pytest.mark.parametrize("separator", SEPARATORS)
def test_a_unicode_line_or_paragraph_separator_is_read_as_a_line_break(project: Path, separator: str):
    escaped = separator.encode("unicode_escape").decode("ascii")
    path = replace(project, GOAL, f'fr: "Approfondir la coopération{escaped}entre les quatre villes"')
    assert goal(path) == (
        f"Approfondir la coopération{separator.replace(chr(0x2028), chr(10)).replace(chr(0x2029), chr(10))}"
        "entre les quatre villes"
    )


def test_texts_broken_by_unicode_separators_print_both_their_lines(project: Path):
    # Each separator in a text of its own, in one build: all four texts of the about list, on inside-left.
    texts = {
        GOAL: ("fr", "Approfondir la coopération", "entre les quatre villes"),
        "fr: Développer des projets transfrontaliers innovants": ("fr", "Développer des projets", "transfrontaliers"),
        "fr: Structurer l'espace central de la Grande Région": ("fr", "Structurer", "central de la Grande"),
        "de: Ausbau der Zusammenarbeit zwischen den vier Städten": ("de", "Ausbau der", "Zusammenarbeit zwischen"),
    }
    for (old, (lang, first, _)), separator in zip(texts.items(), SEPARATORS, strict=True):
        escaped = separator.encode("unicode_escape").decode("ascii")
        rest = old.removeprefix(f"{lang}: ").removeprefix(first).removeprefix(" ")
        path = replace(project, old, f'{lang}: "{first}{escaped}{rest}"')
    printed = normalize(read_pdf(build(path, project / "out", ["print"]).print_pdf).text_in(2, 0, 100))
    for _, first, second in texts.values():
        assert first in printed and second in printed, (first, second)


def test_deeply_nested_emphasis_is_refused(project: Path, golden, capsys):
    content = replace(project, GOAL, f'fr: "{"*" * 4000}villes{"*" * 4000}"')
    assert refused(project, golden, capsys) == (
        f"{content}:{GOAL_FIELD}: emphasis and links are nested more than 10 levels deep\n"
    )


def test_emphasis_nested_a_few_levels_is_fine(project: Path):
    path = replace(project, GOAL, "fr: '***Approfondir** la *coopération*  [entre *les* villes](https://example.org)*'")
    assert goal(path).startswith("***Approfondir")


@pytest.mark.parametrize(
    ("link", "shown"),
    [
        ("javascript:alert(1)", "javascript:alert(1)"),
        ("JaVaScRiPt:alert(1)", "JaVaScRiPt:alert(1)"),
        ("  javascript:alert(1)", "javascript:alert(1)"),
        ("file:///etc/passwd", "file:///etc/passwd"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data:text/html;base64,PHNjcmlwdD4="),
        ("ftp://example.org/x", "ftp://example.org/x"),
        ("leaflet.pdf", "leaflet.pdf"),
    ],
)
def test_a_link_to_another_scheme_is_refused(project: Path, link: str, shown: str):
    path = replace(project, GOAL, f"fr: '[la coopération]({link}) entre les villes'")
    with pytest.raises(InputError) as info:
        load_content(path)
    assert str(info.value) == (
        f"{path}:{GOAL_FIELD}: a link to {shown!r}; links may only go to http://, https://, mailto: or tel:"
    )


def test_a_javascript_link_fails_the_build_and_keeps_the_last_good_pdf(project: Path, golden, capsys):
    content = replace(project, GOAL, "fr: '[Klick](JaVaScRiPt:alert(1))'")
    assert refused(project, golden, capsys) == (
        f"{content}:{GOAL_FIELD}: a link to 'JaVaScRiPt:alert(1)'; "
        "links may only go to http://, https://, mailto: or tel:\n"
    )


def test_links_to_the_four_schemes_are_fine_in_any_case(project: Path):
    links = "[a](HTTPS://example.org) [b](http://example.org) [c]( MAILTO:info@example.org ) [d](tel:+352123456)"
    path = replace(project, GOAL, f"fr: '{links}'")
    assert goal(path) == links


# -- SVG ----------------------------------------------------------------------------------


def use_bomb(levels: int = 10, copies: int = 10) -> str:
    """`copies` <use> of `copies` <use> of …, `levels` deep: copies**levels rectangles from a few kB."""
    parts = [f'{SVG}><defs><rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        parts.append(f'<g id="l{level}">' + f'<use href="#l{level - 1}"/>' * copies + "</g>")
    return "".join(parts) + f'</defs><use href="#l{levels}"/></svg>'


DRAWS_TOO_MANY = f"it draws more than {MAX_ELEMENTS:,} elements once its references (<use>, url(#…)) are followed"


@pytest.mark.parametrize(
    ("svg", "reason"),
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="a b c d"><rect width="1" height="1"/></svg>',
            "its viewBox is not four numbers (x y width height): viewBox='a b c d'",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10"/>',
            "its viewBox is not four numbers (x y width height): viewBox='0 0 10'",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 10"/>',
            "its viewBox has no area (a width or height of 0 or less): viewBox='0 0 0 10'",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" width="abcpx" height="10"/>',
            "the width or height of its <svg> is not a length: width='abcpx'",
        ),
        ('<svg xmlns="http://www.w3.org/2000/svg" width="nan" height="10"/>', None),
        (use_bomb(), DRAWS_TOO_MANY),
        (SVG + ">" + '<rect width="1" height="1"/>' * (MAX_ELEMENTS + 1) + "</svg>", None),
        (
            SVG + '><g id="a"><use href="#b"/></g><g id="b"><use xlink:href="#a" '
            'xmlns:xlink="http://www.w3.org/1999/xlink"/></g></svg>',
            "its references go round in a circle, through #b",
        ),
        (SVG + ">" + "<g>" * 150 + "</g>" * 150 + "</svg>", "its elements are nested more than 100 levels deep"),
        (
            SVG
            + '><defs><marker id="m">'
            + '<circle r="1"/>' * 50
            + '</marker></defs><path d="M0 0'
            + " L1 1" * 500
            + '" marker-mid="url(#m)"/></svg>',
            DRAWS_TOO_MANY,
        ),
        (
            SVG
            + '><style>path { fill: url(#p) }</style><pattern id="p">'
            + '<rect width="1" height="1"/>' * 100
            + "</pattern>"
            + '<path d="M0 0 L1 1"/>' * 300
            + "</svg>",
            DRAWS_TOO_MANY,
        ),
        (SVG + '><image href="inner.svg" width="5" height="5"/></svg>', None),
        (SVG + '><image href="data:image/svg+xml;base64,PHN2Zz4=" width="5" height="5"/></svg>', None),
    ],
    ids=[
        *("viewbox-words", "viewbox-three", "viewbox-no-area", "width-unit", "width-nan", "use-bomb"),
        *("elements", "cycle", "depth", "markers", "stylesheet-pattern", "svg-in-svg", "data-svg-in-svg"),
    ],
)
def test_a_hostile_svg_is_refused_before_rendering(project: Path, golden, capsys, svg: str, reason: str | None):
    message = map_refused(project, golden, capsys, "map.svg", svg)
    assert message.startswith("is not a valid SVG image: ")
    message = message.removeprefix("is not a valid SVG image: ")
    if reason is not None:
        assert message == reason
    else:
        assert message.startswith(("the width", "it has more than", "it draws another SVG")), message


def test_an_svg_of_more_than_5_mb_is_refused(project: Path, golden, capsys):
    svg = SVG + "><desc>" + "x" * 5_000_001 + "</desc></svg>"
    assert (
        map_refused(project, golden, capsys, "map.svg", svg)
        == "is too large: more than 5 MB (an SVG file is at most 5 MB)"
    )


def test_an_svg_that_follows_its_references_within_bounds_is_drawn(project: Path):
    # As wide for its height as the map it replaces, so that the flap still holds its blocks.
    bomb = use_bomb(levels=3, copies=10).replace('width="10" height="10"', 'width="80" height="60"', 1)
    (project / "assets" / "map.svg").write_text(bomb, encoding="utf-8")
    path = replace(project, MAP, "          file: assets/map.svg")
    assert build(path, project / "out", ["print"]).print_pdf.read_bytes().startswith(b"%PDF")


# -- raster images ------------------------------------------------------------------------


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` × `height` 1-bit pixels and holds one row of them: only its header is true."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = zlib.compress(b"\0" * (1 + (width + 7) // 8))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", row) + chunk(b"IEND", b"")


def test_a_png_of_too_many_pixels_is_refused_before_it_is_decoded(project: Path, golden, capsys):
    # 177 Mpx that would take 1.5 GB to decode: refused from the header, before a row is read.
    assert map_refused(project, golden, capsys, "map.png", png_header(13_300, 13_300)) == (
        "is not a valid PNG image: it is 13,300 × 13,300 px (177 Mpx), more than brochure takes (40 Mpx); "
        "at 300 ppi a whole A4 sheet is 9 Mpx, so scale it down"
    )


def test_a_real_177_mpx_png_is_refused_without_a_raw_warning(project: Path, golden, capsys):
    Image.new("1", (13_300, 13_300)).save(project / "assets" / "map.png")  # Pillow warns of a bomb above 89 Mpx
    assert map_refused(project, golden, capsys, "map.png", (project / "assets" / "map.png").read_bytes()).startswith(
        "is not a valid PNG image: it is 13,300 × 13,300 px (177 Mpx)"
    )


def test_the_pixel_limit_is_the_last_pixel_accepted():
    check_image(png_header(MAX_PIXELS // 4000, 4000), "PNG")
    with pytest.raises(InvalidImage, match=r"^it is 10,001 × 4,000 px \(40 Mpx\), more than brochure takes"):
        check_image(png_header(MAX_PIXELS // 4000 + 1, 4000), "PNG")


@pytest.mark.parametrize("mode", ["RGB", "CMYK"])
def test_a_progressive_jpeg_is_read_to_its_end(mode: str):
    # Checked at an eighth of its size, to bound memory, but every scan is still read.
    buffer = io.BytesIO()
    Image.linear_gradient("L").convert(mode).save(buffer, "JPEG", progressive=True, quality=95)
    check_image(buffer.getvalue(), "JPEG")
    with pytest.raises(InvalidImage, match="^image file is truncated"):
        check_image(buffer.getvalue()[: len(buffer.getvalue()) - 200], "JPEG")


def test_an_svg_drawing_an_oversized_data_png_fails_the_build(project: Path, golden, capsys):
    import base64

    href = "data:image/png;base64," + base64.b64encode(png_header(20_000, 20_000)).decode("ascii")
    svg = (project / "assets" / "map-quattropole.svg").read_text(encoding="utf-8")
    svg = svg.replace("</svg>", f'<image href="{href}" width="10" height="10"/></svg>')
    (project / "assets" / "map-quattropole.svg").write_text(svg, encoding="utf-8")
    err = refused(project, golden, capsys)
    lines = [line for line in err.splitlines() if not line.startswith("brochure: WARNING: ")]
    assert len(lines) == 1 and lines[0].startswith("cannot draw image data:image/png;base64,")
    assert lines[0].endswith(
        ": it is 20,000 × 20,000 px (400 Mpx), more than brochure takes (40 Mpx); "
        "at 300 ppi a whole A4 sheet is 9 Mpx, so scale it down"
    )


def test_the_images_one_build_draws_are_bounded_together(project: Path, golden, capsys, monkeypatch):
    # Each within the limit, but an SVG of 5 MB could name hundreds of them.
    import base64

    monkeypatch.setattr("brochure.render.fetcher.MAX_BUILD_PIXELS", 1000)
    images = []
    for shade in range(3):
        buffer = io.BytesIO()
        Image.new("L", (20, 20), shade).save(buffer, "PNG")
        href = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
        images.append(f'<image href="{href}" width="10" height="10"/>')
    svg = (project / "assets" / "map-quattropole.svg").read_text(encoding="utf-8")
    (project / "assets" / "map-quattropole.svg").write_text(svg.replace("</svg>", "".join(images) + "</svg>"))
    err = refused(project, golden, capsys)
    lines = [line for line in err.splitlines() if not line.startswith("brochure: WARNING: ")]
    assert len(lines) == 1 and lines[0].startswith("cannot draw image data:image/png;base64,")
    assert lines[0].endswith(": the images drawn add up to more than 0.001 Mpx")


# -- files that are no files --------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """The command in a process of its own, so that a hang ends in a timeout instead of a stuck test run."""
    return run_forked(list(args), timeout=GUARD)


def test_a_content_file_that_is_a_named_pipe_is_refused_at_once(project: Path):
    content = project / "content.yaml"
    content.unlink()
    os.mkfifo(content)  # no writer: reading it would wait forever
    result = run_cli("build", str(content), "-o", str(project / "out"))
    assert result.returncode == ExitStatus.INVALID_INPUT
    assert result.stderr == f"{content}: not a regular file but a named pipe (FIFO); give the path of a content file\n"


def test_an_image_that_is_a_named_pipe_is_refused_at_once(project: Path):
    os.mkfifo(project / "assets" / "map.svg")
    content = replace(project, MAP, "          file: assets/map.svg")
    result = run_cli("build", str(content), "-o", str(project / "out"))
    assert result.returncode == ExitStatus.INVALID_INPUT
    assert result.stderr == (
        f"{content}:61:17: sections.cities.blocks[1].picture.file: 'assets/map.svg' is a named pipe (FIFO), "
        "not an image file\n"
    )


def test_a_device_is_no_content_file(tmp_path: Path):
    result = run_cli("build", "/dev/zero", "-o", str(tmp_path / "out"))
    assert result.returncode == ExitStatus.INVALID_INPUT
    assert result.stderr == "/dev/zero: not a regular file but a device; give the path of a content file\n"


# -- library warnings ---------------------------------------------------------------------


def test_a_library_warning_is_one_line_of_the_log(project: Path, monkeypatch, capsys, caplog):
    import importlib
    import warnings

    from PIL import Image as PillowImage

    pipeline = importlib.import_module("brochure.editions.pdf_edition")
    real_leaflet = pipeline.Leaflet

    def leaflet_with_a_warning(*args, **kwargs):
        PillowImage.new("L", (3, 5)).save(project / "small.png")
        limit = PillowImage.MAX_IMAGE_PIXELS
        PillowImage.MAX_IMAGE_PIXELS = 10  # warns above 10, fails above 20
        try:
            PillowImage.open(project / "small.png").close()  # Pillow warns: a decompression bomb
        finally:  # the build reads real images with Pillow afterwards
            PillowImage.MAX_IMAGE_PIXELS = limit
        warnings.warn("a warning of brochure's own", UserWarning, stacklevel=1)
        return real_leaflet(*args, **kwargs)

    monkeypatch.setattr(pipeline, "Leaflet", leaflet_with_a_warning)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        status = main(["build", str(project / "content.yaml"), "-o", str(project / "out"), "--only", "print"])
        assert status == ExitStatus.OK
    assert "warnings.warn(" not in capsys.readouterr().err
    warned = [(record.name, record.levelname, record.getMessage()) for record in caplog.records]
    assert warned[0][:2] == ("brochure", "WARNING")
    assert warned[0][2].startswith("PIL says: Image size (15 pixels) exceeds limit of 10 pixels")
    assert warned[0][2].endswith("could be decompression bomb DOS attack. (DecompressionBombWarning)")
    assert warned[1] == ("brochure", "WARNING", "test_hostile says: a warning of brochure's own (UserWarning)")
