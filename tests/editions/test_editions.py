"""Every edition of one build: the e-mail PDF, the previews and the proof, and the checks that judge them."""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import needs_tool
from PIL import Image
from projects import block, edit_content
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, NameObject, TextStringObject

from brochure import CheckFailed, ExitStatus
from brochure.commands.build import build
from brochure.commands.cli import main
from brochure.editions.email import EmailEdition
from brochure.editions.pictures import MAX_PICTURE_PIXELS
from brochure.editions.previews import PREVIEW_PPI, preview_ppi
from brochure.editions.proofsheet import PROOF_PPI, write_proof
from brochure.preflight import REGISTRY, Finding, Severity, check_pdf
from brochure.preflight.pdffacts import read_pdf
from brochure.preflight.placement import content_links
from brochure.units import format_size

MM = 0.1
PT = 72 / 25.4


def errors(report, check_id):
    return [f for f in report.findings if f.check == check_id and f.severity is Severity.ERROR]


@pytest.fixture(scope="module")
def email(golden) -> Path:
    return golden.result.edition("email").written[0].path


def copy_edited(source: Path, target: Path, edit) -> Path:
    writer = PdfWriter(clone_from=source)
    edit(writer)
    writer.write(target)
    return target


def email_report(golden, pdf: Path, **options):
    return check_pdf(pdf, golden.layout, golden.content, **options)


# -- one build, every output -------------------------------------------------------


def test_one_build_writes_every_edition_says_so_and_rebuilds_byte_identical(project: Path, golden, capsys):
    outdir = project / "out"
    assert main(["build", str(project / "content.yaml"), "-o", str(outdir)]) == ExitStatus.OK
    (line,) = capsys.readouterr().out.splitlines()
    pdf = outdir / "quattropole-print.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert line.startswith(f"wrote {pdf} (2 pages, {format_size(pdf.stat().st_size)}), ")
    assert f", {outdir / 'quattropole-email.pdf'} (6 pages, " in line
    assert f", {outdir / 'quattropole-previews'}/ (9 files, " in line
    assert f", {outdir / 'quattropole-mailing.eml'} and 3 files beside it (" in line
    assert line.endswith("; checks: 0 errors, 0 warnings")
    assert sorted(p.name for p in (outdir / "quattropole-previews").iterdir()) == [
        "contact-sheet.png",
        "panel-01-cover.png",
        "panel-02-inside-left.png",
        "panel-03-inside-middle.png",
        "panel-04-inside-right.png",
        "panel-05-flap.png",
        "panel-06-back.png",
        "side-1.png",
        "side-2.png",
    ]
    # The same content built again, in the same process and by another way in: the same bytes, every file.
    for result in golden.result.editions:
        for written in result.written:
            twin = outdir / written.path.relative_to(golden.result.print_pdf.parent)
            assert twin.read_bytes() == written.path.read_bytes(), twin.name


def test_only_builds_the_editions_named(project: Path, capsys):
    outdir = project / "out"
    assert main(["build", str(project / "content.yaml"), "-o", str(outdir), "--only", "email"]) == ExitStatus.OK
    assert sorted(p.name for p in outdir.iterdir()) == ["quattropole-email.pdf"]
    assert capsys.readouterr().out.startswith(f"wrote {outdir / 'quattropole-email.pdf'} (6 pages, ")


def test_an_unknown_edition_is_one_line_exit_2(project: Path, capsys):
    status = main(["build", str(project / "content.yaml"), "--only", "print,poster"])
    assert status == ExitStatus.INVALID_INPUT
    editions = "print, email, previews, mailing, proof"
    assert capsys.readouterr().err == f"--only: no edition 'poster'; the editions are {editions}\n"


# -- the e-mail edition ----------------------------------------------------------


def test_email_pages_are_the_panels_in_reading_order(golden, email: Path):
    facts = read_pdf(email)
    assert [golden.layout.panel(p).width for p in golden.layout.reading_order] == [100, 100, 100, 97, 97, 100]
    assert len(facts.pages) == 6
    for page, panel_id in zip(facts.pages, golden.layout.reading_order, strict=True):
        width = golden.layout.panel(panel_id).width
        for box in ("media", "bleed", "trim"):
            assert page.boxes[box] == pytest.approx((0, 0, width, 210), abs=MM)  # no bleed, no marks
        assert facts.destinations[f"panel-{panel_id}"][0] == page.number


def test_email_is_small_tagged_and_described(golden, email: Path):
    assert email.stat().st_size <= 1_000_000
    reader = PdfReader(email)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "fr"
    info = reader.metadata
    assert info.title == "QuattroPole – Un réseau de villes transfrontalier"
    assert info.author == "QuattroPole e.V."
    assert "Ein grenzüberschreitendes Städtenetz" in info.subject
    assert info["/Keywords"] == "quattropole, fr, de"


def test_email_has_a_bookmark_per_panel_named_by_its_title(email: Path):
    reader = PdfReader(email)
    marks = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    assert marks == [
        ("QUATTROPOLE", 0),
        ("Qu’est-ce que QuattroPole\u202f? / Was ist QuattroPole?", 1),  # as printed: French spacing
        ("Champs d’action", 2),
        ("Handlungsfelder", 3),
        ("Les quatre villes de QuattroPole / Die vier QuattroPole-Städte", 4),
        ("Contact / Kontakt", 5),
    ]


def test_email_links_are_the_contents_addresses(golden, email: Path):
    reader = PdfReader(email)
    uris = sorted(
        str(annotation.get_object()["/A"]["/URI"]) for page in reader.pages for annotation in page.get("/Annots") or []
    )
    expected = sorted(content_links(golden.content))
    assert sorted(set(uris)) == expected
    assert "tel:+35224780112" in expected and "mailto:info-quattropole@granderegion.net" in expected


def test_the_golden_email_passes_every_check_of_its_edition(golden, email: Path):
    assert golden.result.edition("email").report.findings == ()
    assert email_report(golden, email, max_bytes=1_000_000).findings == ()
    judged = {entry.id for entry in REGISTRY.values() if "email" in entry.editions}
    assert {"file-size", "screen-images", "reading-order", "tags", "links", "overflow", "fonts"} <= judged
    assert "image-resolution" not in judged  # 300 ppi is for print


@needs_tool("pdfinfo")
def test_poppler_reads_the_email_edition_so(email: Path):
    info = subprocess.run(["pdfinfo", str(email)], capture_output=True, text=True, check=True).stdout
    assert "Pages:           6" in info and "Tagged:          yes" in info
    struct = subprocess.run(["pdfinfo", "-struct", str(email)], capture_output=True, text=True, check=True).stdout
    assert struct.startswith("Document") and "H1" in struct and "Link" in struct
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(email), "-"], capture_output=True, text=True)
    assert first.stdout.lstrip().startswith("QUATTROPOLE")
    last = subprocess.run(["pdftotext", "-f", "6", "-l", "6", str(email), "-"], capture_output=True, text=True)
    assert last.stdout.lstrip().startswith("Contact")


# -- the e-mail checks, each fed a real defect -------------------------------------


def test_reading_order_catches_a_page_out_of_order(golden, email: Path, tmp_path: Path):
    def swap(writer: PdfWriter) -> None:
        kids = writer.root_object["/Pages"]["/Kids"]
        kids[0], kids[1] = kids[1], kids[0]

    report = email_report(golden, copy_edited(email, tmp_path / "x.pdf", swap))
    found = {(f.page, f.panel, f.message) for f in errors(report, "reading-order")}
    reading = "reading order: cover, inside-left, inside-middle, inside-right, flap, back"
    assert found == {
        (1, "cover", f"page 1 should be cover ({reading}); it shows inside-left"),
        (2, "inside-left", f"page 2 should be inside-left ({reading}); it shows cover"),
    }


def test_file_size_catches_a_file_over_budget(golden, email: Path):
    (finding,) = errors(email_report(golden, email, max_bytes=50_000), "file-size")
    size = format_size(email.stat().st_size)
    assert finding.message == (
        f"the file is {size}; the email edition's budget is 50 kB (mail services refuse or strip larger attachments)"
    )
    assert size.endswith(" kB")


def test_a_build_over_budget_keeps_the_last_good_email_and_still_writes_the_rest(project: Path, golden, capsys):
    outdir = golden.copy_outputs(project / "out", ["email"])  # as a build of the project left it
    good = (outdir / "quattropole-email.pdf").read_bytes()
    args = [
        "build",
        str(project / "content.yaml"),
        "-o",
        str(outdir),
        "--only",
        "print,email",
        "--email-max-size",
        "50 kB",
    ]
    assert main(args) == ExitStatus.CHECK_FAILED
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "checks failed: email edition: 1 error, 0 warnings"
    assert err[1] == "document"
    budget = r"the email edition's budget is 50 kB \(.*\) \[file-size, error\]"
    assert re.fullmatch(rf"  the file is \d+ kB; {budget}", err[2])
    rejected = outdir / "quattropole-email.rejected.pdf"
    assert err[3] == f"not written: the last good file is unchanged; this render is kept as {rejected}"
    assert (outdir / "quattropole-email.pdf").read_bytes() == good
    assert (outdir / "quattropole-print.pdf").is_file()  # the print edition passed: it is published


def test_the_content_sets_the_email_budget(project: Path):
    edit_content(project, lambda data: data.update(email_edition={"max_size": "60 kB"}))
    with pytest.raises(CheckFailed) as caught:
        build(project / "content.yaml", project / "out", ["email"])
    (finding,) = errors(caught.value.report, "file-size")
    assert "budget is 60 kB" in finding.message


def test_tags_catches_a_pdf_without_a_structure_tree(golden, email: Path, tmp_path: Path):
    def untag(writer: PdfWriter) -> None:
        del writer.root_object["/StructTreeRoot"]

    (finding,) = errors(email_report(golden, copy_edited(email, tmp_path / "x.pdf", untag)), "tags")
    assert finding.message == "the PDF has no structure tree: screen readers cannot read it (untagged)"


def test_tags_catches_a_page_whose_text_is_not_tagged(golden, email: Path, tmp_path: Path):
    def strip_marks(writer: PdfWriter) -> None:
        page = writer.pages[2]
        stream = ContentStream(page.get_contents(), writer)
        stream.operations = [(ops, op) for ops, op in stream.operations if op not in (b"BDC", b"BMC", b"EMC")]
        page.replace_contents(stream)

    (finding,) = errors(email_report(golden, copy_edited(email, tmp_path / "x.pdf", strip_marks)), "tags")
    assert finding.page == 3
    assert finding.message.endswith("of text outside the structure tree")


def test_an_email_laid_out_without_tags_fails_its_build(project: Path, monkeypatch):
    monkeypatch.setattr(EmailEdition, "options", lambda self, job: {"dpi": 150})
    with pytest.raises(CheckFailed) as caught:
        build(project / "content.yaml", project / "out", ["email"])
    assert errors(caught.value.report, "tags")
    assert not (project / "out" / "quattropole-email.pdf").exists()


def _relink(old: str, new: str | None):
    def edit(writer: PdfWriter) -> None:
        for page in writer.pages:
            for annotation in list(page.get("/Annots") or []):
                action = annotation.get_object()["/A"]
                if action["/URI"] == old:
                    if new is None:
                        page["/Annots"].remove(annotation)
                    else:
                        action[NameObject("/URI")] = TextStringObject(new)

    return edit


def test_links_catches_a_broken_link(golden, email: Path, tmp_path: Path):
    pdf = copy_edited(email, tmp_path / "x.pdf", _relink("http://www.trier.de", "https://"))
    found = sorted(f.message for f in errors(email_report(golden, pdf), "links"))
    assert found == [
        "sections.cities.blocks[2].links.items[3].url: no clickable link to 'http://www.trier.de'",
        "the link to 'https://' has no host",
    ]


def test_links_catches_a_link_to_an_address_the_content_does_not_give(golden, email: Path, tmp_path: Path):
    pdf = copy_edited(email, tmp_path / "x.pdf", _relink("http://www.metz.fr", "http://www.metz.example"))
    found = sorted(f.message for f in errors(email_report(golden, pdf), "links"))
    assert found == [
        "sections.cities.blocks[2].links.items[1].url: no clickable link to 'http://www.metz.fr'",
        "the link to 'http://www.metz.example' is not an address of the content",
    ]


def test_links_catches_a_missing_link(golden, email: Path, tmp_path: Path):
    pdf = copy_edited(email, tmp_path / "x.pdf", _relink("mailto:info-quattropole@granderegion.net", None))
    (finding,) = errors(email_report(golden, pdf), "links")
    assert finding.message == (
        "sections.contact[4].contact.email: no clickable link to 'mailto:info-quattropole@granderegion.net'"
    )


# -- a large photo: full resolution in print, downsampled for e-mail -----------------


def photo(path: Path, size=(4000, 3000)) -> None:
    """A photo-like JPEG: smooth gradients with grain, which compresses as a real photo does."""
    rng = random.Random(7)
    small = Image.new("RGB", (80, 60))
    small.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(80 * 60)])
    picture = small.resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 24).convert("RGB")
    Image.blend(picture, grain, 0.15).save(path, quality=90)


def test_a_large_photo_stays_full_size_in_print_and_is_downsampled_for_email(project: Path):
    photo(project / "assets" / "photo.jpg")
    assert (project / "assets" / "photo.jpg").stat().st_size > 1_000_000
    edit_content(project, lambda data: block(data, "cities", 1).update(file="assets/photo.jpg"))
    result = build(project / "content.yaml", project / "out", ["print", "email"])
    (printed,) = [image for page in read_pdf(result.print_pdf).pages for image in page.images]
    assert printed.pixels == (4000, 3000)
    email = result.edition("email").written[0]
    assert email.size <= 1_000_000
    (screen,) = [image for page in read_pdf(email.path).pages for image in page.images]
    assert 140 <= screen.ppi <= 151
    assert screen.drawn == pytest.approx(printed.drawn, abs=0.1)


def test_screen_images_catches_an_image_that_was_not_downsampled(project: Path, monkeypatch):
    photo(project / "assets" / "photo.jpg", (2000, 1500))
    edit_content(project, lambda data: block(data, "cities", 1).update(file="assets/photo.jpg"))
    monkeypatch.setattr(EmailEdition, "options", lambda self, job: {"pdf_variant": "pdf/ua-1"})
    with pytest.raises(CheckFailed) as caught:
        build(project / "content.yaml", project / "out", ["email"])
    (finding,) = errors(caught.value.report, "screen-images")
    assert finding.panel == "flap"
    assert finding.message.startswith("image 1: 2000 × 1500 px drawn at 79.0 × 59.3 mm is 643 ppi")
    assert finding.message.endswith("; a screen needs at most 200")


# -- images as people have them: a logo on a transparent ground, an SVG with a DOCTYPE -----


def test_a_logo_on_a_transparent_ground_keeps_it_in_the_email_edition(project: Path):
    logo = Image.new("RGBA", (600, 450), (200, 60, 90, 0))
    logo.paste((15, 139, 141, 255), (150, 100, 450, 350))
    logo.save(project / "assets" / "logo.png")
    edit_content(project, lambda data: block(data, "cities", "picture").update(file="assets/logo.png"))
    email = build(project / "content.yaml", project / "out", ["email"]).edition("email").written[0].path
    # The e-mail edition's pages share one resource dictionary: each image is named by every page.
    (image,) = {ref.idnum: ref.get_object() for page in PdfReader(email).pages for ref in _images(page)}.values()
    assert image["/ColorSpace"] == "/DeviceRGB"  # sRGB, as the file is: the e-mail edition is for screens
    alpha = image["/SMask"].get_object().get_data()
    assert (min(alpha), max(alpha)) == (0, 255)


def _images(holder):
    for ref in (holder.get("/Resources", {}).get("/XObject") or {}).values():
        xobject = ref.get_object()
        if xobject["/Subtype"] == "/Image":
            yield ref
        else:
            yield from _images(xobject)


def test_an_svg_with_the_doctype_illustrator_writes_is_drawn_in_every_edition(project: Path):
    svg = (project / "assets" / "map-quattropole.svg").read_text(encoding="utf-8")
    declaration, rest = svg.split("\n", 1)
    doctype = '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
    (project / "assets" / "map.svg").write_text(f"{declaration}\n{doctype}\n{rest}", encoding="utf-8")
    edit_content(project, lambda data: block(data, "cities", "picture").update(file="assets/map.svg"))
    result = build(project / "content.yaml", project / "out", ["print", "email"])
    assert result.report.findings == ()
    for pdf in (result.print_pdf, result.edition("email").written[0].path):
        assert "Saarbrücken" in "".join(page.extract_text() for page in PdfReader(pdf).pages)


# -- a failing build, the previews and the proof ---------------------------------------


def overflow_inside_middle(data) -> None:
    field = block(data, "fields_of_action", 6)["items"][2]["text"]
    field["fr"] = " ".join([field["fr"]] * 3)


def test_a_failing_build_names_every_edition_and_keeps_every_last_good_output(project: Path, golden, capsys):
    outdir = golden.copy_outputs(project / "out")  # as a build of the project left them
    before = {p.relative_to(outdir): p.read_bytes() for p in outdir.rglob("*") if p.is_file()}
    assert len(before) == 15  # print, email, 9 previews, the mailing's 4 files
    edit_content(project, overflow_inside_middle)
    assert main(["build", str(project / "content.yaml"), "-o", str(outdir)]) == ExitStatus.CHECK_FAILED
    err = capsys.readouterr().err.splitlines()
    # the German column, which fits, is left unlevelled: the facing check says so, as a warning
    assert err[0] == "checks failed: print edition: 1 error, 1 warning"
    assert err[1:3] == ["page 2", err[2]] and err[2].startswith("  inside-middle: text overflows by ")
    assert err[3].startswith("  inside-right: item 2 of block 5 starts ") and err[3].endswith("[facing, warning]")
    assert err[5] == "checks failed: email edition: 1 error, 1 warning"
    assert err[6] == "page 3"  # inside-middle is the third page in reading order
    assert err[-2] == "previews edition: not made: the print edition failed its checks, so there is nothing to show"
    assert err[-1] == "mailing edition: not made: the email edition failed its checks, and the mailing is made of it"
    after = {
        p.relative_to(outdir): p.read_bytes() for p in outdir.rglob("*") if p.is_file() and "rejected" not in p.name
    }
    assert after == before


def test_previews_show_each_panel_at_twice_screen_resolution(golden):
    folder = golden.result.print_pdf.parent / "quattropole-previews"
    side = Image.open(folder / "side-1.png")
    px = 2 * 96 / 25.4  # two pixels per CSS pixel: sharp on a screen of as many device pixels
    assert side.size == pytest.approx((297 * px, 210 * px), abs=1)
    panels = [Image.open(folder / name) for name in ("panel-05-flap.png", "panel-06-back.png", "panel-01-cover.png")]
    assert [panel.width for panel in panels] == pytest.approx([97 * px, 100 * px, 100 * px], abs=1)
    assert sum(panel.width for panel in panels) == side.width  # cut where the folds are, nothing lost
    assert {panel.height for panel in panels} == {side.height}
    cover = panels[2]
    assert cover.getpixel((cover.width - 1, cover.height - 40)) == side.getpixel((side.width - 1, side.height - 40))
    assert cover.getpixel((cover.width // 2, cover.height - 40))[2] > 60  # the navy cover, not the white back
    sheet = Image.open(folder / "contact-sheet.png").convert("RGB")  # at 96 ppi: half the sides' pixels
    gutter = round(6 / 25.4 * 96)
    outside = side.convert("RGB").reduce(2)  # each pixel the mean of four
    assert outside.width == round(297 * px / 2) and sheet.width == outside.width + 2 * gutter
    top = sheet.crop((gutter, gutter, gutter + outside.width, gutter + outside.height))
    assert top.tobytes() == outside.tobytes() and sheet.height > 2 * outside.height


def test_previews_of_a_poster_are_drawn_as_sharp_as_the_pixels_a_picture_may_have():
    a4, a0 = SimpleNamespace(sheet_width=297, sheet_height=210), SimpleNamespace(sheet_width=841, sheet_height=1189)
    assert preview_ppi(a4) == PREVIEW_PPI == 192
    ppi = preview_ppi(a0)
    assert 96 < ppi < 192 and (841 * ppi / 25.4) * (1189 * ppi / 25.4) <= MAX_PICTURE_PIXELS
    assert (841 * (ppi + 1) / 25.4) * (1189 * (ppi + 1) / 25.4) > MAX_PICTURE_PIXELS


def test_the_proof_draws_each_finding_where_it_is(golden, project: Path, tmp_path: Path):
    edit_content(project, overflow_inside_middle)
    with pytest.raises(CheckFailed) as caught:
        build(project / "content.yaml", project / "out", ["print", "proof"])
    (finding,) = errors(caught.value.report, "overflow")
    # The MediaBox is the BleedBox: the trim's corner is 3 mm into the picture.
    x0, _, x1, y1 = ((v + 3) / 25.4 * PROOF_PPI for v in finding.area)
    below = [(round((x0 + x1) / 2), round(y1 + dy)) for dy in range(4, 14)]

    def red_under_the_overflow(path: Path) -> bool:
        picture = Image.open(path).convert("RGB")
        return any(r > 180 and g < 90 and b < 90 for r, g, b in map(picture.getpixel, below))

    assert red_under_the_overflow(project / "out" / "quattropole-proof" / "side-2.png")
    clean = write_proof(golden.result.print_pdf.read_bytes(), check_pdf(golden.result.print_pdf), tmp_path / "clean")
    assert not red_under_the_overflow(clean[1])


def test_brochure_proof_draws_any_print_pdf(golden, tmp_path: Path, capsys):
    pdf = tmp_path / "leaflet.pdf"
    shutil.copy(golden.result.print_pdf, pdf)
    assert main(["proof", str(pdf)]) == ExitStatus.OK
    assert capsys.readouterr().out == f"wrote {tmp_path / 'leaflet-proof'}/ (2 pages); checks: 0 errors, 0 warnings\n"
    assert Image.open(tmp_path / "leaflet-proof" / "side-1.png").width == pytest.approx(303 / 25.4 * PROOF_PPI, abs=1)


def test_brochure_proof_judges_an_email_pdf_by_the_email_rules(golden, tmp_path: Path, capsys):
    """It judged every PDF as a print sheet: 35 false errors and exit 1 for a good e-mail PDF."""
    pdf = tmp_path / "leaflet-email.pdf"
    shutil.copy(golden.result.edition("email").written[0].path, pdf)
    assert main(["check", str(pdf)]) == ExitStatus.OK
    checked = capsys.readouterr().out.splitlines()[0]
    assert main(["proof", str(pdf)]) == ExitStatus.OK
    assert capsys.readouterr().out.endswith(f"checks: {checked.split(': ', 1)[1]}\n")  # what `check` says of it
    pages = sorted(path.name for path in (tmp_path / "leaflet-email-proof").iterdir())
    assert pages == [f"page-{n}.png" for n in range(1, len(PdfReader(pdf).pages) + 1)]  # a page a panel


def test_the_proof_wraps_a_long_finding_inside_the_picture(golden, tmp_path: Path):
    """The findings list was cut at the picture's right edge."""
    long = "the text of this panel runs on " + "and on " * 60 + "past the edge"
    finding = Finding("overflow", Severity.ERROR, long, page=1, panel="cover")
    report = dataclasses.replace(check_pdf(golden.result.print_pdf), findings=(finding,))
    picture = Image.open(write_proof(golden.result.print_pdf.read_bytes(), report, tmp_path / "proof")[0])
    sheet_height = round((210 + 2 * 3) / 25.4 * PROOF_PPI)  # the page drawn with its bleed, the legend under it
    legend = picture.convert("L").crop((0, sheet_height, picture.width, picture.height))
    margin = round(4 / 25.4 * PROOF_PPI) - 2  # the legend's padding, less anti-aliasing
    right_edge = legend.crop((legend.width - margin, 0, legend.width, legend.height))
    assert right_edge.getextrema()[0] == 255, "text runs into the right margin"  # white: nothing drawn there
    line, pad = round(4.2 / 25.4 * PROOF_PPI), round(4 / 25.4 * PROOF_PPI)
    assert legend.height > 2 * pad + 3 * line  # more than the heading, the finding and the key: wrapped
