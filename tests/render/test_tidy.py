"""What brochure puts right in WeasyPrint's PDF before writing it, read back from the file: each page keeps
only the colour spaces its content sets (forms and patterns too: tests/preflight/test_declared.py), and each
font subset is named by its bytes."""

from __future__ import annotations

import io

import weasyprint
from conftest import ROOT
from pypdf import PdfReader

from brochure.render.tidy import subset_tag, tidied


def spaces_of(holder) -> list[str]:
    return sorted(holder["/Resources"].get("/ColorSpace", {}))


def test_the_leaflets_pdfs_declare_no_colour_space_they_do_not_use(golden):
    for edition in ("print", "email"):
        reader = PdfReader(golden.result.edition(edition).written[0].path)
        assert all(spaces_of(page) == [] for page in reader.pages), edition  # CMYK and RGB are set directly
        assert not [f for f in golden.result.edition(edition).report.findings if f.check == "colour-spaces"]


# -- subset names ---------------------------------------------------------------------------------------


def tags(pdf: bytes) -> dict[str, str]:
    """Each embedded font's name without its tag → its tag, checked to be the tag its bytes give."""
    found = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            data = next(descriptor[key] for key in ("/FontFile2", "/FontFile3") if key in descriptor).get_data()
            tag, name = str(font["/BaseFont"]).lstrip("/").split("+")
            assert descriptor["/FontName"] == font["/BaseFont"] and tag == subset_tag(data)
            found[name] = tag
    return found


def rendered(text: str) -> bytes:
    font = (ROOT / "assets" / "fonts" / "Inter-Regular.otf").as_uri()
    style = f"@font-face {{ font-family: Inter; src: url({font}) }} p {{ font-family: Inter }}"
    html = f"<style>{style}</style><p>{text}</p>"
    return weasyprint.HTML(string=html).write_pdf(finisher=tidied())


def test_a_subset_is_named_by_its_glyphs():
    metz, trier = tags(rendered("Metz")), tags(rendered("Trier"))
    assert list(metz) == list(trier) == ["Inter"]
    assert metz != trier  # two subsets of one font, two names: WeasyPrint's own name is the same for both
    assert tags(rendered("Metz")) == metz  # the same subset, the same name
    assert tags(rendered("zteM")) == metz  # the same glyphs in another order: the same subset


def test_the_leaflets_editions_name_their_subsets_by_their_glyphs(golden):
    print_tags = tags(golden.result.print_pdf.read_bytes())
    email_tags = tags(golden.result.edition("email").written[0].path.read_bytes())
    assert sorted(print_tags) == ["Inter", "Inter-Bold", "Inter-Semi-Bold", "Inter-Ultra-Bold"]
    assert len(set(print_tags.values())) == 4
    assert email_tags == print_tags  # the same text in the same fonts: the same subsets
