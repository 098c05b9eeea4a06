"""What brochure adds to WeasyPrint's structure tree, read back from a small tagged PDF: each element's
language where it is not its parent's, and link descriptions in words."""

from __future__ import annotations

import io

import weasyprint
from pypdf import PdfReader
from pypdf.generic import ContentStream

from brochure.render.tagging import complete_tags

HTML = """<html lang="fr"><body>
<p>Bonjour à tous</p>
<div lang="de"><p>Guten Tag <span lang="fr">et merci</span></p><p>Auf Wiedersehen</p></div>
<p><a href="tel:+3521234567">+352 123 4567</a>
<a href="http://www.vdl.lu" title="Ville de Luxembourg">www.vdl.lu</a></p>
</body></html>"""


def tagged() -> PdfReader:
    complete_tags()
    pdf = weasyprint.HTML(string=HTML).write_pdf(pdf_variant="pdf/ua-1")
    return PdfReader(io.BytesIO(pdf))


def elements(node) -> list:
    found, pending = [], [node]
    while pending:
        item = pending.pop(0).get_object()
        if not hasattr(item, "get"):
            continue
        if item.get("/Type") != "/OBJR":
            found.append(item)
        kids = item.get("/K")
        kids = kids.get_object() if kids is not None else []
        pending.extend(kids if isinstance(kids, list) else [kids])
    return found


def test_an_element_in_another_language_than_its_parents_says_which():
    reader = tagged()
    tree = elements(reader.trailer["/Root"]["/StructTreeRoot"])
    langs = [(str(item["/S"]), str(item["/Lang"])) for item in tree if "/Lang" in item]
    # The German div, and the French words inside it; the French paragraphs inherit the catalog's fr.
    assert langs == [("/Div", "de"), ("/Span", "fr")]
    assert reader.trailer["/Root"]["/Lang"] == "fr"


def test_a_link_is_described_by_its_title_else_its_text():
    (page,) = tagged().pages
    words = [str(annotation.get_object()["/Contents"]) for annotation in page["/Annots"]]
    assert words == ["+352 123 4567", "Ville de Luxembourg"]


def test_complete_tags_is_idempotent():
    complete_tags()
    first = weasyprint.pdf.tags._build_box_tree
    complete_tags()
    assert weasyprint.pdf.tags._build_box_tree is first


SQUARE = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='20' height='20'%3E"
    "%3Crect width='20' height='20'/%3E%3C/svg%3E"
)


def test_an_image_with_an_empty_alt_is_an_artifact_not_a_figure():
    complete_tags()
    images = f'<img src="{SQUARE}" alt=""><img src="{SQUARE}" alt="A square">'
    html = f'<html lang="en"><body><p>Text</p>{images}</body></html>'
    reader = PdfReader(io.BytesIO(weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")))
    tree = elements(reader.trailer["/Root"]["/StructTreeRoot"])
    assert [str(item.get("/Alt")) for item in tree if item.get("/S") == "/Figure"] == ["A square"]
    (page,) = reader.pages
    operations = ContentStream(page.get_contents(), reader).operations
    marks = [operands for operands, operator in operations if operator in (b"BDC", b"BMC")]
    # The decoration's artifact, then the text and the described image, numbered on without a gap.
    mcids = [props["/MCID"] for _, props in (m for m in marks if len(m) == 2)]
    assert mcids == list(range(len(mcids))) and len(mcids) == 2
    assert sum(1 for m in marks if m == ["/Artifact"]) >= 1
