"""The press edition: CMYK colour, PDF/X-4, the `pdfx`, `colour` and `ink` checks, each shown
catching a real defect, and an independent reading by poppler and Ghostscript."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from conftest import ROOT, PressPdf, needs_tool
from PIL import Image
from projects import block, edit_content
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

import brochure.render.pdf
from brochure import load_content, load_layout
from brochure.commands.build import document_date
from brochure.editions.printed import press_pdf
from brochure.errors import InputError
from brochure.files.resources import BASE_TEMPLATES, LAYOUTS_DIR
from brochure.preflight import CheckContext, Severity, check_pdf, run_checks
from brochure.preflight.colours import colour_uses
from brochure.preflight.inks import read_pam, separations_needed
from brochure.preflight.pdffacts import read_pdf
from brochure.sheet.colour import DEFAULT_PROFILE, layout_colours, load_profile
from brochure.sheet.softmask import split_alpha

needs_gs = needs_tool("gs")


def build_press(project: Path, out: Path) -> Path:
    content = load_content(project / "content.yaml")
    out.write_bytes(press_pdf(content, content.layout, document_date(content)))
    return out


def press_findings(path: Path, project: Path | None = None):
    content = load_content((project or ROOT) / "content.yaml")
    return check_pdf(path, content.layout, content).findings


def errors_of(findings, check_id):
    return [f for f in findings if f.check == check_id and f.severity is Severity.ERROR]


# The profile and the palette


def test_the_shipped_profile_is_a_small_fogra39_cmyk_output_profile():
    profile = load_profile(DEFAULT_PROFILE)
    assert profile.name == "FOGRA39"
    assert profile.icc.profile.xcolor_space.strip() == "CMYK"
    assert DEFAULT_PROFILE.stat().st_size < 300_000


def test_an_rgb_profile_is_refused(tmp_path: Path):
    from PIL import ImageCms

    path = tmp_path / "srgb.icc"
    path.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    with pytest.raises(InputError, match="not a CMYK output profile"):
        load_profile(path)


def test_the_palette_is_cmyk_for_print_and_its_srgb_twin_reproduces_the_design():
    layout = load_layout()
    assert layout.palette["ink"] == (0, 0, 0, 100)  # black text is K only
    print_colours = layout_colours(layout, cmyk=True)
    assert print_colours["navy"] == "device-cmyk(0.96 0.66 0 0.58)"
    assert print_colours["ink"] == "device-cmyk(0 0 0 1)"
    screen = layout_colours(layout, cmyk=False)
    design = {"navy": "#17325c", "teal": "#0f8b8d", "orange": "#e07a3f", "raspberry": "#c2416b", "gold": "#e6ad3a"}
    for name, wanted in design.items():
        got = [int(screen[name][i : i + 2], 16) for i in (1, 3, 5)]
        assert max(abs(a - int(wanted[i : i + 2], 16)) for a, i in zip(got, (1, 3, 5), strict=True)) <= 8, name


def test_the_content_theme_reaches_print_as_it_is_and_the_screen_through_the_profile(project: Path):
    from brochure.html.templating import render_html

    theme = {"navy": [0, 0, 0, 100], "lagoon": [60, 0, 20, 0]}  # one of the layout's colours, and a new one
    edit_content(project, lambda data: data.update(theme={"palette": theme}))
    content = load_content(project / "content.yaml")
    press, screen = (render_html(content, content.layout, None, cmyk=cmyk) for cmyk in (True, False))
    assert "--navy: device-cmyk(0 0 0 1);" in press and "--lagoon: device-cmyk(0.6 0 0.2 0);" in press
    srgb = layout_colours(load_layout(), cmyk=False)
    assert srgb["navy"] != srgb["ink"]
    assert f"--navy: {srgb['ink']};" in screen  # the layout's ink is the same CMYK, through the same profile
    assert f"--lagoon: {load_profile(DEFAULT_PROFILE).to_srgb((60, 0, 20, 0))};" in screen


def test_svg_colours_become_device_cmyk():
    profile = load_profile(DEFAULT_PROFILE)
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>.a { fill: #ffffff; }</style>'
        b'<rect fill="#0f8b8d" stroke="rgb(0,0,0)" width="5" height="5"/><rect class="a" fill="none"/>'
        b'<circle style="fill: #e07a3f; opacity: 0.5" r="1"/><text>fill: red</text></svg>'
    )
    out = profile.svg_to_cmyk(svg).decode()
    assert '<svg color="device-cmyk(0 0 0 1)" fill="device-cmyk(0 0 0 1)" xmlns=' in out  # SVG's default black
    assert 'fill="device-cmyk(0.76 0 0.33 0.32)"' in out
    assert 'stroke="device-cmyk(0 0 0 1)"' in out
    assert ".a { fill: device-cmyk(0 0 0 0); }" in out
    assert "fill: device-cmyk(0 0.58 0.82 0.1); opacity: 0.5" in out
    assert 'fill="none"' in out
    assert "<text>fill: red</text>" in out


def test_light_svg_colours_become_tints_of_two_inks():
    profile = load_profile(DEFAULT_PROFILE)
    assert profile.from_srgb((196, 222, 222)) == (22.0, 3.0, 11.0, 6.0)  # a pale water blue, in four inks
    out = profile.svg_to_cmyk(b'<svg fill="#c4dede" stroke="#0f8b8d"><rect fill="#e4e0d3"/></svg>').decode()
    builds = re.findall(r"device-cmyk\(([^)]*)\)", out)
    water, teal, paper = ([float(v) for v in build.split()] for build in builds[-3:])  # after the default black
    assert sum(v > 0 for v in water) == 2 and min(v for v in water if v > 0) >= 0.03
    assert sum(v > 0 for v in paper) <= 2 and all(v == 0 or v >= 0.03 for v in paper)
    assert teal == [0.96, 0, 0.42, 0]  # a stroke is a rule: the nearest build of two inks (CIEDE2000)
    filled = profile.svg_to_cmyk(b'<svg><rect fill="#0f8b8d"/></svg>').decode()
    assert 'fill="device-cmyk(0.76 0 0.33 0.32)"' in filled  # a full colour's area keeps its build


def test_svg_strokes_in_a_palette_colour_take_the_themes_build():
    profile = load_profile(DEFAULT_PROFILE)
    navy, build = (96.0, 66.0, 0.0, 58.0), (100.0, 88.0, 0.0, 0.0)
    svg = f'<svg><line stroke="{profile.to_srgb(navy)}"/><rect style="stroke: #c00000"/></svg>'.encode()
    out = profile.svg_to_cmyk(svg, {navy: build}).decode()
    assert 'stroke="device-cmyk(1 0.88 0 0)"' in out
    (red,) = re.findall(r"stroke: device-cmyk\(([^)]*)\)", out)
    assert sum(float(v) > 0 for v in red.split()) == 2  # not a palette colour: the nearest build of two inks


@needs_tool("gs")
def test_ghostscript_prints_the_maps_k_only_labels_in_k_only(golden, tmp_path: Path):
    # Ghostscript's defaults, colour management on: a group blended in the output profile's ICC space
    # came out as C69 M67 Y65 K74 here.
    dpi = 150
    command = ["gs", "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pamcmyk32", f"-r{dpi}", "-dFirstPage=1",
               "-dLastPage=1", f"-sOutputFile={tmp_path / 'page.pam'}", str(golden.result.print_pdf)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)
    separations = read_pam(tmp_path / "page.pam")
    page = golden.facts.pages[0]
    text = "".join(glyph.char for glyph in page.glyphs)
    labels = [index for index in range(len(text)) if text.startswith("km", index)]
    assert len(labels) >= 6  # the map's six distances and its scale
    px = dpi / 25.4
    left, top = -page.boxes["media"][0], -page.boxes["media"][1]
    for index in labels:
        glyph = page.glyphs[index]
        box = tuple(round(v * px) for v in (glyph.x0 + left, glyph.y0 + top, glyph.x1 + left, glyph.y1 + top))
        data = separations.crop(box).tobytes()
        c, m, y, k = max((data[i : i + 4] for i in range(0, len(data), 4)), key=lambda pixel: pixel[3])
        assert (c, m, y) == (0, 0, 0) and k > 240


def png_of(image: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", **options)
    return out.getvalue()


def test_rgb_raster_images_become_cmyk_jpegs_relative_colorimetric_with_black_point_compensation():
    profile = load_profile(DEFAULT_PROFILE)
    converted = Image.open(io.BytesIO(profile.image_to_cmyk(png_of(Image.new("RGB", (4, 4), (15, 139, 141))))))
    assert (converted.format, converted.mode) == ("JPEG", "CMYK")
    c, m, y, k = converted.getpixel((1, 1))
    assert abs(c - 184) <= 3 and m <= 3 and abs(y - 82) <= 3 and abs(k - 79) <= 3  # 72 0 32 31 %
    # Flat colours keep plain relative colorimetric: 76 0 33 32 %, as a designer's colour is matched.
    assert profile.from_srgb((15, 139, 141)) == (76.0, 0.0, 33.0, 32.0)


def test_the_shadows_of_a_photo_keep_their_detail():
    # Without black point compensation, sRGB's darkest greys all land on the profile's black.
    profile = load_profile(DEFAULT_PROFILE)
    shadows = Image.new("RGB", (3, 1))
    shadows.putdata([(0, 0, 0), (10, 10, 10), (20, 20, 20)])
    converted = Image.open(io.BytesIO(profile.image_to_cmyk(png_of(shadows))))
    inks = [sum(converted.getpixel((x, 0))) for x in range(3)]
    assert inks[0] > inks[1] + 20 > inks[2] + 40


def test_transparency_is_carried_with_the_cmyk_jpeg_for_its_soft_mask():
    profile = load_profile(DEFAULT_PROFILE)
    logo = Image.new("RGBA", (8, 4), (15, 139, 141, 0))
    logo.paste((15, 139, 141, 255), (2, 1, 6, 3))
    data = profile.image_to_cmyk(png_of(logo))
    jpeg, deflated = split_alpha(data, 8, 4)
    assert Image.open(io.BytesIO(jpeg)).mode == "CMYK"
    assert zlib.decompress(deflated) == logo.getchannel("A").tobytes()
    opaque = png_of(Image.new("RGBA", (8, 4), (15, 139, 141, 255)))
    assert split_alpha(profile.image_to_cmyk(opaque), 8, 4)[1] is None  # no mask where all is seen


def test_grey_stays_grey_with_its_transparency_and_a_bilevel_image_is_grey():
    profile = load_profile(DEFAULT_PROFILE)
    grey = Image.new("L", (4, 4), 40)
    grey.putpixel((0, 0), 0)
    carried = Image.open(io.BytesIO(profile.image_to_cmyk(png_of(grey, transparency=0))))
    assert (carried.format, carried.mode) == ("PNG", "LA")  # WeasyPrint draws it in DeviceGray with its mask
    assert carried.getchannel("A").getextrema() == (0, 255)
    bilevel = Image.open(io.BytesIO(profile.image_to_cmyk(png_of(Image.new("1", (4, 4), 1)))))
    assert bilevel.mode == "L"  # WeasyPrint would draw a bilevel image in RGB
    with_alpha = png_of(Image.new("LA", (4, 4), (40, 128)))
    assert profile.image_to_cmyk(with_alpha) is with_alpha


def test_a_photo_is_turned_as_its_exif_says_before_its_exif_is_left_behind():
    profile = load_profile(DEFAULT_PROFILE)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side, shown a quarter turn clockwise
    photo = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 60, 90)).save(photo, format="JPEG", exif=exif.tobytes())
    converted = Image.open(io.BytesIO(profile.image_to_cmyk(photo.getvalue())))
    assert converted.size == (40, 60)


# The press PDF


def test_the_press_pdf_is_rebuilt_byte_identical(press: PressPdf, tmp_path: Path):
    assert build_press(ROOT, tmp_path / "again.pdf").read_bytes() == press.data


def test_the_press_pdf_passes_every_check_including_the_press_checks(press: PressPdf):
    assert press_findings(press.path) == ()


def test_the_press_pdf_has_no_rgb_and_its_text_is_k_only(press: PressPdf):
    uses = colour_uses(CheckContext(layout=press.layout, facts=read_pdf(press.path)))
    assert {use.space for use in uses} <= {"CMYK", "Gray", "Pattern", "Overprint"}  # 100 % K text overprints
    assert (0.0, 0.0, 0.0, 100.0) in {use.cmyk for use in uses}


def test_the_output_intent_embeds_the_profile_and_names_the_condition(press: PressPdf):
    reader = PdfReader(press.path)
    (intent,) = reader.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert (intent["/S"], intent["/OutputConditionIdentifier"], intent["/RegistryName"]) == (
        "/GTS_PDFX",
        "FOGRA39",
        "http://www.color.org",
    )
    assert intent["/DestOutputProfile"].get_object().get_data() == DEFAULT_PROFILE.read_bytes()
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
    assert b"xmp.did:" in xmp


@needs_tool("pdfinfo")
def test_pdfinfo_reads_pdfx4_and_the_boxes(press: PressPdf):
    info = subprocess.run(["pdfinfo", "-box", str(press.path)], capture_output=True, text=True, check=True).stdout
    assert "PDF subtype:    PDF/X-4" in info
    assert "PDF version:     1.6" in info
    assert "TrimBox:             0.00     0.00   841.89   595.28" in info
    assert "BleedBox:           -8.50    -8.50   850.39   603.78" in info


@needs_gs
def test_ghostscript_renders_the_press_pdf_without_a_word_and_within_the_ink_limit(press: PressPdf):
    result = subprocess.run(
        ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=inkcov", "-o", "-", str(press.path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr == ""
    pages = [line.split() for line in result.stdout.splitlines()]
    assert len(pages) == 2 and all(page[-2:] == ["CMYK", "OK"] for page in pages)


# Each press check on a real defect


def project_with(tmp_path: Path, yaml_edit: tuple[str, str] = ("", ""), css_edit: tuple[str, str] = ("", "")) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content.yaml", tmp_path / "content.yaml")
    shutil.copytree(ROOT / "assets", tmp_path / "assets", ignore=shutil.ignore_patterns("fonts"))
    folder = tmp_path / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    shutil.copytree(BASE_TEMPLATES, folder, dirs_exist_ok=True)  # the shared templates, to edit
    for name, (old, new) in (("layout.yaml", yaml_edit), ("leaflet.css.j2", css_edit)):
        if old:
            text = (folder / name).read_text(encoding="utf-8")
            assert old in text
            (folder / name).write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def raster_map(project: Path, mode: str = "RGB", colour=(200, 60, 90), *, keep: bool = False) -> None:
    if not keep:  # keep: the test wrote its own map.png
        Image.new(mode, (1000, 750), colour).save(project / "assets" / "map.png")
    edit_content(project, lambda data: block(data, "cities", 1).update(file="assets/map.png"))


@needs_tool("qpdf")
def test_an_image_with_transparency_is_a_cmyk_image_with_a_soft_mask_that_passes_the_press_checks(tmp_path: Path):
    project = project_with(tmp_path)
    logo = Image.new("RGBA", (1000, 750), (200, 60, 90, 0))  # hidden colour: what flattening would show
    logo.paste((15, 139, 141, 255), (250, 200, 750, 550))
    logo.save(project / "assets" / "map.png")
    raster_map(project, keep=True)
    pdf = build_press(project, tmp_path / "out.pdf")
    assert press_findings(pdf, project) == ()
    check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert (check.returncode, check.stderr) == (0, "")
    (image,) = [x for x in _xobjects(PdfReader(pdf).pages[0]) if x["/Subtype"] == "/Image"]
    assert (image["/ColorSpace"], image["/Filter"]) == ("/DeviceCMYK", "/DCTDecode")
    assert Image.open(io.BytesIO(image._data)).size == (1000, 750)  # the JPEG alone: its alpha is cut off
    mask = image["/SMask"].get_object()
    assert (mask["/ColorSpace"], mask["/Width"], mask["/Height"]) == ("/DeviceGray", 1000, 750)
    assert mask.get_data() == logo.getchannel("A").tobytes()
    # Drawn: where the logo is clear, the panel shows through; where it is not, the logo.
    page = pdfium.PdfDocument(pdf)[0]
    (drawn,) = [obj for obj in page.get_objects(max_depth=16) if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
    left, bottom, right, top = drawn.get_bounds()
    media_left, _, _, media_top = page.get_mediabox()
    bitmap = page.render(scale=2).to_pil().convert("RGB")

    def pixel(fx: float, fy: float) -> tuple[int, int, int]:
        """The colour drawn at a point of the image's box, in fractions of its width and height."""
        x, y = left + (right - left) * fx, top - (top - bottom) * fy
        return bitmap.getpixel((round((x - media_left) * 2), round((media_top - y) * 2)))

    assert pixel(0.05, 0.5) == pixel(-0.05, 0.5)  # the panel's own colour, as just left of the image
    assert pixel(0.95, 0.05) == pixel(1.05, 0.05)
    red, green, _ = pixel(0.5, 0.5)
    assert green > red + 60  # teal


def _xobjects(holder):
    for ref in (holder.get("/Resources", {}).get("/XObject") or {}).values():
        xobject = ref.get_object()
        yield xobject
        yield from _xobjects(xobject)


def test_colour_catches_an_rgb_image(tmp_path: Path, monkeypatch):
    project = project_with(tmp_path)
    raster_map(project)
    converter = brochure.render.pdf.press_image_converter  # the SVGs stay converted; only the PNG keeps its RGB

    def leave_png_in_rgb(press, converted=None):
        return lambda image_type, data: data if image_type == "PNG" else converter(press)(image_type, data)

    monkeypatch.setattr("brochure.render.pdf.press_image_converter", leave_png_in_rgb)
    pdf = build_press(project, tmp_path / "out.pdf")
    (finding,) = errors_of(press_findings(pdf, project), "colour")
    assert (finding.page, finding.message) == (1, "RGB colour in an image (1×): convert it to CMYK")


# The rule every panel's background shares; the flap's (the cities', stone in the content) follows it.
BLEED = ".panel__bleed { position: absolute; z-index: -1; }"


def test_an_rgb_image_is_converted_to_cmyk_and_an_rgb_gradient_is_caught(tmp_path: Path):
    # WeasyPrint writes a CSS gradient's colours in RGB, even in a CMYK space: why the title band is four flat stripes.
    css = (
        BLEED,
        f"{BLEED}\n.holds-cities .panel__bleed {{ background: linear-gradient(#f3f1ec, #0f8b8d) !important; }}",
    )
    project = project_with(tmp_path, css_edit=css)
    raster_map(project)  # an RGB image on the same panel: converted for press, so no finding of its own
    pdf = build_press(project, tmp_path / "out.pdf")
    findings = press_findings(pdf, project)
    assert {(f.check, f.page, f.message) for f in findings} == {
        ("colour", 1, "RGB colour in a gradient (1×): convert it to CMYK")
    }


def test_a_gradient_between_cmyk_colours_is_an_input_error(tmp_path: Path):
    gradient = "linear-gradient(var(--stone), var(--teal))"
    css = (BLEED, f"{BLEED}\n.holds-cities .panel__bleed {{ background: {gradient} !important; }}")
    project = project_with(tmp_path, css_edit=css)
    with pytest.raises(InputError, match="^a CSS gradient between CMYK colours cannot be printed; use flat colours$"):
        build_press(project, tmp_path / "out.pdf")


def test_the_fast_stream_tokenizer_reads_the_print_pdf_as_pypdf_does(press: PressPdf):
    from pypdf.generic import ContentStream

    from brochure.preflight.streams import split_operations

    reader = PdfReader(press.path)
    streams = [page.get_contents() for page in reader.pages]
    for page in reader.pages:
        forms = page["/Resources"].get("/XObject", {})
        streams += [form.get_object() for form in forms.values() if form.get_object()["/Subtype"] == "/Form"]
    assert len(streams) > 10
    for stream in streams:
        slow, fast = list(ContentStream(stream, reader).operations), split_operations(stream.get_data())
        assert fast is not None and [op for _, op in fast] == [op for _, op in slow]
        for (fast_operands, _), (slow_operands, _) in zip(fast, slow, strict=True):
            assert len(fast_operands) == len(slow_operands)
            for mine, theirs in zip(fast_operands, slow_operands, strict=True):
                if isinstance(mine, (int, float, str)):  # numbers and names; arrays stay bytes
                    assert mine == theirs and type(mine) is not bytes


def test_the_fast_stream_tokenizer_leaves_what_it_cannot_read_to_pypdf():
    from brochure.preflight.streams import split_operations

    assert split_operations(b"q 1 0 0 -1 .5 +2 cm /C#200 cs 0.1 -.2 1. 3 scn [<0102> -20 <03>] TJ Q") == [
        ([], b"q"),
        ([1, 0, 0, -1, 0.5, 2], b"cm"),
        (["/C 0"], b"cs"),
        ([0.1, -0.2, 1.0, 3], b"scn"),
        ([b"[<0102> -20 <03>]"], b"TJ"),
        ([], b"Q"),
    ]
    ((operands, operator),) = split_operations(b"/P <</MCID 0 /Type/Pagination>> BDC")
    assert (operands, operator) == (["/P", {"/MCID": 0, "/Type": "/Pagination"}], b"BDC")
    assert isinstance(operands[1], DictionaryObject) and isinstance(operands[1]["/MCID"], NumberObject)
    # A marked-content dictionary with a string (an /ActualText) is read by pypdf's own parser.
    ((operands, operator),) = split_operations(b"/Span <</MCID 3/ActualText (et \\(de\\) la )>> BDC")
    assert operands[1] == {"/MCID": 3, "/ActualText": "et (de) la "}
    for stream in (
        b"(a string) Tj",
        b"/P <</MCID [0]>> BDC",  # a dictionary of more than names, numbers and strings
        b"/P <</MCID0>> BDC",  # a name without its value
        b"/P <</MCID 0 /MCID 1>> BDC",  # a key named twice
        b"BI /W 1 ID x EI",
        b"% a comment",
        b"[[1] 2] d",
    ):
        assert split_operations(stream) is None, stream


def test_colour_uses_follow_each_colour_operator_and_the_space_it_paints_in(tmp_path: Path):
    writer = PdfWriter()

    def stream(data: bytes, **entries) -> DecodedStreamObject:
        obj = DecodedStreamObject()
        obj.set_data(data)
        obj.update({NameObject(f"/{key}"): value for key, value in entries.items()})
        return writer._add_object(obj)

    def page(content: bytes, **resources) -> None:
        added = writer.add_blank_page(100, 100)
        added[NameObject("/Contents")] = stream(content)
        added[NameObject("/Resources")] = DictionaryObject(
            {NameObject(f"/{key}"): DictionaryObject(value) for key, value in resources.items()}
        )

    page(b"1 0 0 rg 0 0 10 10 re f")  # an RGB fill
    page(b"/DeviceCMYK CS /DeviceGray cs 0 0 0 1 SC 0 0 10 10 re S")  # the stroke's CMYK, not the fill's grey
    rgb_profile = ArrayObject([NameObject("/ICCBased"), stream(b"", N=NumberObject(3))])
    page(b"/C0 cs 1 0 0 sc 0 0 10 10 re f", ColorSpace={NameObject("/C0"): rgb_profile})
    mask = stream(b"0 1 0 rg 0 0 10 10 re f", Type=NameObject("/XObject"), Subtype=NameObject("/Form"))
    soft_mask = DictionaryObject({NameObject("/S"): NameObject("/Luminosity"), NameObject("/G"): mask})
    page(b"/GS0 gs 0 0 10 10 re f", ExtGState={NameObject("/GS0"): DictionaryObject({NameObject("/SMask"): soft_mask})})
    pdf = tmp_path / "painted.pdf"
    writer.write(pdf)
    uses = colour_uses(CheckContext(layout=load_layout(), facts=read_pdf(pdf)))
    assert [(use.page, use.where, use.space, use.cmyk) for use in uses] == [
        (1, "content", "RGB", None),
        (2, "content", "CMYK", None),
        (2, "content", "Gray", None),
        (2, "content", "CMYK", (0.0, 0.0, 0.0, 100.0)),
        (3, "content", "RGB", None),  # an ICC profile of three components
        (4, "content", "RGB", None),  # drawn only in the soft mask
    ]


def test_colour_catches_a_missing_output_intent_and_the_wrong_condition(press: PressPdf, tmp_path: Path):
    writer = PdfWriter(clone_from=press.path)
    del writer.root_object[NameObject("/OutputIntents")]
    stripped = tmp_path / "no-intent.pdf"
    writer.write(stripped)
    (finding,) = errors_of(press_findings(stripped), "colour")
    assert finding.message == "no PDF/X output intent: a printer cannot tell which CMYK is meant"

    project = project_with(tmp_path, yaml_edit=("condition: FOGRA39", "condition: FOGRA51"))
    (finding,) = errors_of(press_findings(press.path, project), "colour")
    assert finding.message == "output intent is for 'FOGRA39'; the layout prints for FOGRA51"


@needs_gs
def test_ink_catches_an_ink_heavy_colour_where_it_is_printed(tmp_path: Path):
    # The layout's theme makes its navy an ink-heavy one.
    theme = "# a `theme:` here would change any of them for this layout, in the same shape."
    project = project_with(tmp_path, yaml_edit=(theme, "theme: {palette: {navy: [90, 80, 70, 90]}}"))
    pdf = build_press(project, tmp_path / "out.pdf")
    findings = errors_of(press_findings(pdf, project), "ink")
    assert "colour C90 M80 Y70 K90 has 330 % ink; the limit is 300 %" in {f.message for f in findings}
    measured = [f for f in findings if "mm²" in f.message]
    assert measured and all(f.message.startswith("330 % ink over ") for f in measured)
    assert (1, "cover") in {(f.page, f.panel) for f in measured}  # the navy cover panel
    (cover,) = [f for f in measured if (f.page, f.panel) == (1, "cover")]
    x0, y0, x1, y1 = cover.area  # where a proof draws it: the cover panel, into the bleed
    assert 197 <= x0 < x1 <= 300.5 and -3.5 <= y0 < y1 <= 213.5  # whole pixels of 0.35 mm


@needs_gs
def test_ink_limit_comes_from_the_layout(press: PressPdf, tmp_path: Path):
    project = project_with(tmp_path, yaml_edit=("ink_limit: 300", "ink_limit: 200"))
    findings = errors_of(press_findings(press.path, project), "ink")
    assert any(f.message.startswith("colour C96 M66 Y0 K58 has 220 % ink; the limit is 200 %") for f in findings)


def with_drawing(pdf: Path, out: Path, drawing: bytes, resources: dict) -> Path:
    """`pdf` with `drawing` painted over its first page, with the named `resources` added."""
    writer = PdfWriter(clone_from=pdf)
    page = writer.pages[0]
    page_resources = page["/Resources"].get_object()
    for kind, named in resources.items():
        entry = page_resources.setdefault(NameObject(kind), DictionaryObject()).get_object()
        for name, value in named.items():
            entry[NameObject(name)] = writer._add_object(value) if isinstance(value, DecodedStreamObject) else value
    before, overlay = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    overlay.set_data(b"\nQ\n" + drawing)  # in the page's own coordinates, whatever the page's content set
    contents = page.raw_get("/Contents")
    contents = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *contents, writer._add_object(overlay)])
    writer.write(out)
    return out


def cmyk_image(value: tuple[int, int, int, int], size: int = 40) -> DecodedStreamObject:
    image = DecodedStreamObject()
    image.set_data(bytes(value) * size * size)
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(size),
            NameObject("/Height"): NumberObject(size),
            NameObject("/ColorSpace"): NameObject("/DeviceCMYK"),
            NameObject("/BitsPerComponent"): NumberObject(8),
        }
    )
    return image


@needs_gs
def test_ink_finds_an_image_over_the_limit_on_the_separations(press: PressPdf, tmp_path: Path):
    image = cmyk_image((255, 255, 255, 255))  # 400 %, which no colour of the PDF says
    drawing = b"q 56.7 0 0 56.7 300 300 cm /HeavyPhoto Do Q"  # 20 mm square, 105.8 mm right of the trim's edge
    pdf = with_drawing(press.path, tmp_path / "photo.pdf", drawing, {"/XObject": {"/HeavyPhoto": image}})
    findings = errors_of(press_findings(pdf), "ink")
    (finding,) = findings
    assert finding.message.startswith("400 % ink over ") and finding.message.endswith("the limit is 300 %")
    assert finding.panel == "back"
    x0, y0, x1, y1 = finding.area
    assert abs(x0 - 105.8) < 0.8 and abs(x1 - 125.8) < 0.8  # where it is drawn, to the pixel of the separations


@needs_gs
def test_ink_adds_up_colours_that_a_blend_mode_stacks(press: PressPdf, tmp_path: Path):
    # Two colours of 240 %, each within the limit; multiplied, 84 % of each ink: 336 %.
    drawing = b"q 0.6 0.6 0.6 0.6 k 300 300 60 60 re f /Multiply gs 0.6 0.6 0.6 0.6 k 300 300 60 60 re f Q"
    blend = DictionaryObject({NameObject("/BM"): NameObject("/Multiply")})
    pdf = with_drawing(press.path, tmp_path / "blend.pdf", drawing, {"/ExtGState": {"/Multiply": blend}})
    (finding,) = errors_of(press_findings(pdf), "ink")
    assert re.match(r"33[4-8] % ink over \d+ mm²", finding.message), finding.message
    assert finding.panel == "back"


def test_colours_alone_bound_the_ink_where_nothing_stacks_them(press: PressPdf, tmp_path: Path):
    """The leaflet paints solid CMYK colours only: their heaviest bounds the separations, unrendered."""
    ctx = CheckContext(layout=press.layout, facts=read_pdf(press.path), edition="print")
    assert not separations_needed(colour_uses(ctx), 300, black_overprints=True)  # navy's C+M and 100 % K: 262 %
    assert separations_needed(colour_uses(ctx), 200, black_overprints=True)  # navy (220 %) is over: say where
    assert separations_needed(colour_uses(ctx), 300)  # overprint in colours: the separations add it up


@pytest.fixture(scope="module")
def plain_pdf(tmp_path_factory) -> Path:
    """The leaflet's sheet sides as a plain RGB PDF 1.7, as brochure wrote them before press. Its tests share an
    xdist group: one process renders it."""
    from brochure.html.templating import render_html
    from brochure.render.pdf import render, write_pdf

    content = load_content(ROOT / "content.yaml")
    path = tmp_path_factory.mktemp("plain") / "plain.pdf"
    path.write_bytes(write_pdf(render(render_html(content, content.layout, None), ROOT, None)))
    return path


@pytest.mark.xdist_group("plain-pdf")
def test_pdfx_catches_a_plain_pdf_and_a_page_without_trimbox(plain_pdf: Path, press: PressPdf, tmp_path: Path):
    messages = {f.message for f in errors_of(press_findings(plain_pdf), "pdfx")}
    assert messages == {
        "PDF version 1.7 in the header; PDF/X-4 needs 1.6 or lower",
        "Info /Trapped must be /True or /False",
        "no XMP metadata: PDF/X-4 identifies itself there",
    }
    writer = PdfWriter(clone_from=press.path)
    del writer.pages[1][NameObject("/TrimBox")]
    boxless = tmp_path / "boxless.pdf"
    writer.write(boxless)
    findings = errors_of(press_findings(boxless), "pdfx")
    assert [(f.page, f.message) for f in findings] == [(2, "no TrimBox on the page")]


@pytest.mark.xdist_group("plain-pdf")
def test_press_checks_judge_the_print_edition_only(golden, plain_pdf: Path):
    facts = read_pdf(plain_pdf)
    press_checks = {"pdfx", "colour", "ink"}
    on_print = {f.check for f in run_checks(CheckContext(layout=golden.layout, facts=facts, content=golden.content))}
    assert {"pdfx", "colour"} <= on_print  # the RGB leaflet is no PDF/X and not CMYK
    email = CheckContext(layout=golden.layout, facts=facts, content=golden.content, edition="email")
    assert not {f.check for f in run_checks(email)} & press_checks


# Annotations


def test_the_press_pdf_carries_no_link_annotation_but_keeps_its_destinations(press: PressPdf):
    reader = PdfReader(press.path)
    assert all(not page.get("/Annots") for page in reader.pages)
    assert "end-inside-right" in reader.named_destinations  # what the checks read of the layout


def test_a_link_annotation_on_the_print_sheet_is_an_error_with_its_place(press: PressPdf, tmp_path: Path):
    from pypdf.annotations import Link
    from pypdf.generic import DictionaryObject, TextStringObject

    writer = PdfWriter(clone_from=press.path)
    trim = writer.pages[0].trimbox
    left, top = float(trim.left), float(trim.top)
    mm = 72 / 25.4
    # A link over the back panel's web address: 110 to 150 mm from the left, 140 to 145 mm down.
    link = Link(
        rect=(left + 110 * mm, top - 145 * mm, left + 150 * mm, top - 140 * mm), url="http://www.quattropole.org"
    )
    writer.add_annotation(0, link)
    # A PrinterMark annotation is what PDF/X allows: it is not reported.
    mark = DictionaryObject(
        {NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/PrinterMark")}
    )
    mark[NameObject("/Contents")] = TextStringObject("crop")
    writer.add_annotation(1, mark)
    path = tmp_path / "linked.pdf"
    writer.write(path)
    found = errors_of(press_findings(path), "annotations")
    assert [(f.page, f.panel) for f in found] == [(1, "back")]
    assert "Link annotation to 'http://www.quattropole.org'" in found[0].message
    x0, y0, x1, y1 = found[0].area
    assert (round(x0), round(y0), round(x1), round(y1)) == (110, 140, 150, 145)


# Fine print


def test_text_below_7_pt_in_a_mix_of_inks_is_a_warning_for_print(tmp_path: Path):
    # The contact text set small (6.4 pt), in a layout that sets small type in the grey of four inks.
    grey = ("color: var(--text-colour-text);  /* below 7 pt", "color: var(--muted);  /* below 7 pt")
    project = project_with(tmp_path, css_edit=grey)
    edit_content(project, lambda data: block(data, "contact", "text").update(style="small"))
    findings = press_findings(build_press(project, tmp_path / "grey.pdf"), project)
    fine = [f for f in findings if f.check == "fine-print"]
    assert [(f.severity, f.page, f.panel) for f in fine] == [(Severity.WARNING, 1, "back")]
    assert "smallest 6.4 pt, C 42 M 25 Y 10 K 59" in fine[0].message
    assert not errors_of(findings, "text-size")  # 6.4 pt is above the hard floor


def test_fine_print_reads_size_and_ink_through_forms_and_transforms(tmp_path: Path):
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject

    from brochure.preflight.fineprint import inked_texts, one_ink
    from brochure.preflight.streams import ContentStreams

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    form = DecodedStreamObject()
    form.set_data(b"BT /F1 6 Tf 0.4 0 0 1 k (c) Tj ET")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(100), FloatObject(100)]),
            NameObject("/Matrix"): ArrayObject([FloatObject(v) for v in (2, 0, 0, 2, 0, 0)]),
        }
    )
    resources = DictionaryObject(
        {
            NameObject("/XObject"): DictionaryObject({NameObject("/Fm1"): writer._add_object(form)}),
            NameObject("/ColorSpace"): DictionaryObject({NameObject("/C0"): NameObject("/DeviceCMYK")}),
        }
    )
    page[NameObject("/Resources")] = resources
    contents = DecodedStreamObject()
    contents.set_data(
        b"q 0.5 0 0 0.5 0 0 cm BT /F1 12 Tf 0 0 0 1 k 10 10 Td (a) Tj ET Q "
        b"BT /F1 6 Tf /C0 cs 0 0 0 0.6 scn (b) Tj ET /Fm1 Do"
    )
    page[NameObject("/Contents")] = writer._add_object(contents)
    path = tmp_path / "inks.pdf"
    writer.write(path)
    texts = inked_texts(ContentStreams(PdfReader(path)))
    assert [(round(t.size, 1), t.cmyk, one_ink(t.cmyk)) for t in texts] == [
        (6.0, (0.0, 0.0, 0.0, 1.0), True),  # 12 pt scaled by half: 100 % K
        (6.0, (0.0, 0.0, 0.0, 0.6), False),  # a 60 % tint
        (12.0, (0.4, 0.0, 0.0, 1.0), False),  # 6 pt drawn twice as large, in two inks
    ]


# Graphics near the trim


def test_cover_art_that_ends_at_the_trim_is_an_error_with_its_place(tmp_path: Path):
    project = project_with(tmp_path)
    # Drawn as an image, as art with a text alternative is: decorative art is a CSS background, drawn
    # through a tiling pattern whose inside this check does not see.
    described = {"fr": "Le réseau des quatre villes", "de": "Das Netz der vier Städte"}
    edit_content(project, lambda data: block(data, "cover", 0).update(decorative=False, alt=described))
    art = project / "assets" / "cover-artwork.svg"
    # The network back at full size: its top node 2.8 mm and its ring 0.17 mm past the top trim.
    text = art.read_text(encoding="utf-8")
    assert text.count('transform="matrix(0.95 0 0 0.95 2.5 5.5)"') == 2
    art.write_text(text.replace('transform="matrix(0.95 0 0 0.95 2.5 5.5)"', ""), encoding="utf-8")
    findings = errors_of(press_findings(build_press(project, tmp_path / "art.pdf"), project), "graphics-zone")
    assert [(f.page, f.panel) for f in findings] == [(1, "cover")]
    assert findings[0].message.startswith("5 graphics ending near the top trim (closest 0.17 mm past it)")
    x0, y0, x1, y1 = findings[0].area
    assert 197 < x0 < x1 < 297 and round(y0, 2) == -0.17


def test_the_print_pdf_records_where_the_elements_meant_to_bleed_are_drawn(press: PressPdf):
    from brochure.sheet.pdfmeta import recorded_bleeds

    record = recorded_bleeds(read_pdf(press.path).metadata)
    # the layout's `bleeds`: each panel's background, and the cover artwork (an image)
    assert record[1] == [
        (-3.0, -3.0, 97.0, 213.0, False),
        (97.0, -3.0, 197.0, 213.0, False),
        (197.0, -3.0, 300.0, 213.0, False),
        (197.0, -3.0, 300.0, pytest.approx(110.0, abs=0.01), True),
    ]
    assert [item[:2] for item in record[2]] == [(-3.0, -3.0), (100.0, -3.0), (200.0, -3.0)]


# The dots of the flap's city links pushed 11 mm left: 2 mm past the left trim, over the flap's background.
STRAY_DOTS = (
    '.link::before { content: ""; position: absolute; left: 0;',
    '.link::before { content: ""; position: absolute; left: -11mm;',
)
UNDECLARED = ("bleeds: [panel__bleed, panel__art]", "")


def test_art_not_declared_to_bleed_is_an_error_however_far_into_the_bleed_it_runs(tmp_path: Path):
    project = project_with(tmp_path / "declared", css_edit=STRAY_DOTS)
    findings = errors_of(press_findings(build_press(project, tmp_path / "dots.pdf"), project), "graphics-zone")
    assert [(f.page, f.panel) for f in findings] == [(1, "flap")]
    assert findings[0].message == (
        "4 graphics not declared to bleed ending near the left trim (closest 2.00 mm past it): "
        "keep art 4 mm inside the trim, or name its element's class in the layout's `bleeds`"
    )
    assert findings[0].area[0] == pytest.approx(-2.0, abs=0.01)
    # A layout that declares nothing is judged by where art ends alone: 2 mm past the trim passes.
    project = project_with(tmp_path / "undeclared", UNDECLARED, STRAY_DOTS)
    assert not errors_of(press_findings(build_press(project, tmp_path / "geometry.pdf"), project), "graphics-zone")


# The flap's title on a band that runs off the left edge of the sheet, into the bleed; the
# title and its rule stay where the panel's text starts.
BAND = (
    BLEED,
    f"{BLEED}\n"
    ".holds-cities .panel-title { background: var(--teal); margin-left: -12mm; padding-left: 12mm; }\n"
    ".holds-cities .panel-title__text, .holds-cities .panel-title::after { left: 12mm; }",
)


def test_a_band_runs_into_the_bleed_once_the_layout_declares_it(tmp_path: Path):
    project = project_with(tmp_path / "stray", css_edit=BAND)
    findings = errors_of(press_findings(build_press(project, tmp_path / "stray.pdf"), project), "graphics-zone")
    assert [(f.panel, f.message.split(" (")[0]) for f in findings] == [
        ("flap", "1 graphic not declared to bleed ending near the left trim")
    ]
    declared = ("bleeds: [panel__bleed, panel__art]", "bleeds: [panel__bleed, panel__art, panel-title]")
    project = project_with(tmp_path / "declared", declared, BAND)
    assert not errors_of(press_findings(build_press(project, tmp_path / "band.pdf"), project), "graphics-zone")


def test_art_clearly_in_the_bleed_or_clear_of_the_safe_zone_passes(press: PressPdf):
    from brochure.preflight.artwork import drawn_boxes

    facts = read_pdf(press.path)
    boxes = drawn_boxes(facts)
    # the cover's backgrounds and circles run 3 mm and more past the top trim; nothing ends near it
    top = [box[1] for box in boxes[0] if box[0] >= 197 and box[1] < 4 and box[3] > 0]
    assert top and all(y0 <= -1 for y0 in top)
    assert not errors_of(press_findings(press.path), "graphics-zone")
