"""The mailing edition: the draft read back with the standard `email` package, its page and plain text,
and each of its checks catching a mailing that is wrong."""

from __future__ import annotations

import dataclasses
import io
import random
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image
from projects import edit_content

import brochure.preflight.mailing as mailing_checks
from brochure import ExitStatus
from brochure.commands.cli import main
from brochure.content.load import load_content
from brochure.editions import plan
from brochure.editions.draft import COVER_ID, draft
from brochure.editions.letter import Letter, Line, letter_of
from brochure.editions.mailing import mail_cover
from brochure.editions.mailpage import COVER_WIDTH, html_page, look_of, plain_text
from brochure.errors import InputError
from brochure.preflight import Severity
from brochure.preflight.mailing import GMAIL_CLIP_BYTES, check_mailing
from brochure.preflight.placement import content_links
from brochure.text.typography import printed_text

PDF_URL = "https://example.org/files/quattropole.pdf"


def parsed(path: Path) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


def tree(part: EmailMessage) -> list:
    if not part.is_multipart():
        return [part.get_content_type()]
    return [part.get_content_type(), [tree(inner) for inner in part.iter_parts()]]


class Words(HTMLParser):
    """The text of an HTML page, as a reader sees it: one space for any spacing."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in ("style", "title")

    def handle_endtag(self, tag):
        self.skipping -= tag in ("style", "title")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return spaced(" ".join(self.parts))


def spaced(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


@dataclasses.dataclass
class Mailed:
    folder: Path
    message: EmailMessage
    html: str
    text: str


@pytest.fixture(scope="module")
def mailed(golden) -> Mailed:
    result = golden.result.edition("mailing")
    assert result.ok and result.report.findings == ()
    eml = next(item.path for item in result.written if item.path.suffix == ".eml")
    message = parsed(eml)
    html, text = (message.get_body(preferencelist=(kind,)).get_content() for kind in ("html", "plain"))
    # Sent as mail is, with CRLF line ends; the files beside it have the platform's.
    return Mailed(eml.parent, message, html.replace("\r\n", "\n"), text.replace("\r\n", "\n"))


# -- the draft -----------------------------------------------------------------------------------------


def test_the_build_writes_the_page_its_cover_the_text_and_the_draft(golden, mailed: Mailed):
    written = [item.path.name for item in golden.result.edition("mailing").written]
    assert written == [
        "quattropole-mailing.eml",
        "quattropole-mailing.html",
        "quattropole-mailing.txt",
        "quattropole-mailing-cover.jpg",
    ]
    page = (mailed.folder / "quattropole-mailing.html").read_text(encoding="utf-8")
    assert 'src="quattropole-mailing-cover.jpg"' in page  # the file beside it
    assert page.replace("quattropole-mailing-cover.jpg", f"cid:{COVER_ID}") == mailed.html.rstrip("\n")
    assert (mailed.folder / "quattropole-mailing.txt").read_text(encoding="utf-8") == mailed.text


def test_the_draft_is_text_and_page_with_the_cover_and_the_email_pdf_attached(golden, mailed: Mailed):
    message = mailed.message
    assert tree(message) == [
        "multipart/mixed",
        [["multipart/alternative", [["text/plain"], ["multipart/related", [["text/html"], ["image/jpeg"]]]]]]
        + [["application/pdf"]],
    ]
    assert message["X-Unsent"] == "1"
    assert message["From"] is None and message["To"] is None
    assert message["Subject"] == (
        "QuattroPole – Un réseau de villes transfrontalier / QuattroPole – Ein grenzüberschreitendes Städtenetz"
    )
    assert message["Date"] == "Sun, 01 Nov 2026 09:00:00 +0000"  # the document's date
    assert message["Message-ID"].startswith("<20261101.")
    (pdf,) = message.iter_attachments()
    email_pdf = golden.result.edition("email").written[0].path
    assert pdf.get_filename() == "quattropole-email.pdf"
    assert pdf.get_content() == email_pdf.read_bytes()
    cover = next(part for part in message.walk() if part.get_content_type() == "image/jpeg")
    assert cover["Content-ID"] == f"<{COVER_ID}>"
    assert f'src="cid:{COVER_ID}"' in mailed.html
    previews = golden.result.edition("previews").written[0].path.parent
    # The cover panel's preview, at twice the width the page shows it, in the smaller of PNG and JPEG.
    preview = (previews / "panel-01-cover.png").read_bytes()
    assert cover.get_content() == mail_cover(preview)[0]
    with Image.open(io.BytesIO(cover.get_content())) as picture:
        assert picture.width == 2 * COVER_WIDTH
    assert len(cover.get_content()) < len(preview) / 2
    assert (mailed.folder / "quattropole-mailing-cover.jpg").read_bytes() == cover.get_content()


def test_the_page_and_the_text_carry_the_key_text_of_every_language(golden, mailed: Mailed):
    data = golden.content.data
    page, text = Words(mailed.html).text, spaced(mailed.text)
    about, contact = data["sections"]["about"]["blocks"], data["sections"]["contact"]["blocks"]
    cover = data["sections"]["cover"]["blocks"]
    for lang in ("fr", "de"):
        assert f'<div lang="{lang}">' in mailed.html
        for field in (about[0]["text"], contact[0]["text"], cover[3]["text"], about[1]["text"]):
            words = spaced(printed_text(field[lang], lang))
            assert words in page, words
            assert words.casefold() in text.casefold(), words
    # The rest is in the PDF: a list item of the section is not.
    assert spaced(printed_text(about[3]["items"][0]["fr"], "fr")) not in page


def test_every_address_of_the_content_is_linked_in_the_page_and_written_out_in_the_text(golden, mailed: Mailed):
    for uri in content_links(golden.content):
        assert f'href="{uri}"' in mailed.html
        written = uri.removeprefix("mailto:") if uri.startswith("mailto:") else uri
        assert written in mailed.text or uri.startswith("tel:")
    assert "+352 247 80112" in mailed.text and "VILLE DE METZ: http://www.metz.fr" in mailed.text
    assert "Le dépliant est joint en PDF." in mailed.text


def test_the_page_is_mjml_s_responsive_html_in_the_theme_s_colours(golden, mailed: Mailed):
    look = look_of(golden.layout)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in mailed.html
    assert "@media only screen and (min-width:480px)" in mailed.html
    assert f"background-color:{look.band}" in mailed.html  # the cover's band, and the buttons
    assert look.band == look.accents[0] != look.accents[1]
    assert f"color:{look.accents[1]}" in mailed.html  # the German headings in the second accent
    assert "<link" not in mailed.html  # nothing fetched: every style is in the page
    assert len(mailed.html.encode()) < GMAIL_CLIP_BYTES / 2


def test_the_mailing_is_built_with_what_it_is_made_of():
    assert [edition.name for edition in plan(["mailing"])] == ["email", "previews", "mailing"]
    assert "mailing" in [edition.name for edition in plan(None)]


def test_content_markup_in_the_mailing_is_text_never_markup(golden):
    letter = letter_of(golden.content, golden.layout)
    hostile = "</mj-text><mj-raw><script>alert(1)</script></mj-raw>"
    parts = {"fr": (Line("lead", hostile), Line("action", hostile, 'https://example.org/"><script>'))}
    letter = dataclasses.replace(letter, subject=hostile, languages=("fr",), parts=parts)
    page = html_page(letter, look_of(golden.layout), "cover.png")
    assert "<script" not in page and "<mj-" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" in plain_text(letter)  # plain text is not read as markup


# -- mailing.pdf_url -------------------------------------------------------------------------------------


def test_a_pdf_url_links_the_pdf_instead_of_attaching_it(project: Path):
    edit_content(project, lambda data: data.update(mailing={"pdf_url": PDF_URL}))
    outdir = project / "out"
    assert main(["build", str(project / "content.yaml"), "-o", str(outdir), "--only", "mailing", "-q"]) == 0
    message = parsed(outdir / "quattropole-mailing.eml")
    assert tree(message)[0] == "multipart/alternative"
    assert list(message.iter_attachments()) == []
    html = message.get_body(preferencelist=("html",)).get_content()
    assert f'href="{PDF_URL}"' in html and "Le dépliant (PDF) · Das Faltblatt (PDF)" in html
    assert f"Le dépliant (PDF) <{PDF_URL}>" in message.get_body(preferencelist=("plain",)).get_content()
    assert (outdir / "quattropole-email.pdf").is_file()  # built with it, to be put online


def test_a_pdf_url_that_is_no_web_address_is_one_line(project: Path):
    edit_content(project, lambda data: data.update(mailing={"pdf_url": "ftp://example.org/x.pdf"}))
    with pytest.raises(InputError) as caught:
        load_content(project / "content.yaml")
    (line,) = str(caught.value).splitlines()
    assert re.fullmatch(r".*content\.yaml:\d+:\d+: mailing\.pdf_url: not a web address .*", line)


# -- the checks, each catching a mailing that is wrong ------------------------------------------------------


def remade(golden, tmp_path: Path, *, html=None, pdf=None, letter: Letter | None = None) -> Path:
    """A draft of the golden build made again, with its page, its PDF or its words changed."""
    letter = letter or letter_of(golden.content, golden.layout)
    page = html_page(letter, look_of(golden.layout), f"cid:{COVER_ID}")
    built = golden.result.edition("email").written[0].path.read_bytes()
    previews = golden.result.edition("previews").written[0].path.parent
    eml = draft(
        subject=letter.subject,
        text=plain_text(letter),
        html=html(page) if html else page,
        cover=(previews / "panel-01-cover.png").read_bytes(),
        cover_name="cover.png",
        pdf=built if pdf is None else pdf,
        pdf_name="quattropole-email.pdf",
        date=golden.content.data["document"]["date"],
    )
    path = tmp_path / "draft.eml"
    path.write_bytes(eml)
    return path


def errors(golden, eml: Path, content=None) -> list[str]:
    email_pdf = golden.result.edition("email").written[0].path.read_bytes()
    report = check_mailing(eml, content or golden.content, email_pdf)
    assert all(finding.severity is Severity.ERROR for finding in report.findings)
    return [f"{finding.check}: {finding.message}" for finding in report.findings]


def test_the_draft_remade_as_built_passes_every_check(golden, tmp_path: Path):
    assert errors(golden, remade(golden, tmp_path)) == []


def test_a_page_over_gmail_s_clipping_limit_fails(golden, tmp_path: Path):
    letter = letter_of(golden.content, golden.layout)
    long = {lang: lines * 40 for lang, lines in letter.parts.items()}  # forty times the key text
    found = errors(golden, remade(golden, tmp_path, letter=dataclasses.replace(letter, parts=long)))
    assert len(found) == 1 and found[0].startswith("mailing-size: the HTML is ")
    assert found[0].endswith(f"bytes; Gmail clips a message past {GMAIL_CLIP_BYTES:,}: shorten the key texts")


def test_a_link_the_content_does_not_give_and_one_it_lost_fail(golden, tmp_path: Path):
    eml = remade(golden, tmp_path, html=lambda page: page.replace("http://www.metz.fr", "http://www.metz.example"))
    assert errors(golden, eml) == [
        "mailing-links: the link to 'http://www.metz.example' is not an address of the content",
        "mailing-links: sections.cities.blocks[2].links.items[1].url: no link to 'http://www.metz.fr' in the mailing",
    ]
    eml = remade(golden, tmp_path, html=lambda page: page.replace('href="tel:+35224780112"', 'href="tel:"'))
    assert errors(golden, eml)[0] == "mailing-links: the link to 'tel:' has no phone number"


def test_an_image_without_alt_or_not_in_the_message_fails(golden, tmp_path: Path):
    eml = remade(golden, tmp_path, html=lambda page: re.sub(r'alt="[^"]*"', 'alt=""', page))
    assert errors(golden, eml) == [f"mailing-images: the image 'cid:{COVER_ID}' has no text alternative (alt)"]
    eml = remade(golden, tmp_path, html=lambda page: page.replace(f"cid:{COVER_ID}", "cid:logo@example.org"))
    assert errors(golden, eml) == ["mailing-images: the image 'cid:logo@example.org' is not in the message"]


def test_an_attached_pdf_that_is_not_the_one_just_built_fails(golden, tmp_path: Path):
    stale = golden.result.print_pdf.read_bytes()  # another PDF: a last build's, the print one
    (found,) = errors(golden, remade(golden, tmp_path, pdf=stale))
    assert found.startswith("mailing-attachment: the PDF attached (SHA-256 ")
    assert found.endswith("is not the e-mail PDF just built (" + found.split("(")[-1])


def test_a_pdf_attached_where_the_content_links_it_fails(golden, tmp_path: Path, project: Path):
    edit_content(project, lambda data: data.update(mailing={"pdf_url": PDF_URL}))
    content = load_content(project / "content.yaml")
    assert errors(golden, remade(golden, tmp_path), content) == [
        f"mailing-links: mailing.pdf_url: no link to '{PDF_URL}' in the mailing",
        "mailing-attachment: a PDF is attached: mailing.pdf_url links it instead",
    ]


def test_a_mailing_that_fails_its_checks_keeps_the_last_good_files(golden, project: Path, monkeypatch, capsys):
    outdir = golden.copy_outputs(project / "out", ["mailing"])
    good = {path.name: path.read_bytes() for path in outdir.iterdir()}
    monkeypatch.setattr(mailing_checks, "GMAIL_CLIP_BYTES", 1_000)  # a budget this page passes
    status = main(["build", str(project / "content.yaml"), "-o", str(outdir), "--only", "mailing"])
    assert status == ExitStatus.CHECK_FAILED
    err = capsys.readouterr().err
    said = r"\n  the HTML is [\d,]+ bytes; Gmail clips a message past 1,000: .*\[mailing-size, error\]\n"
    assert re.search(said, err)
    assert {name: (outdir / name).read_bytes() for name in good} == good
    assert (outdir / "quattropole-mailing.rejected.eml").is_file()
    assert not list(outdir.glob(".*.tmp"))


@pytest.mark.xdist_group("examples")
def test_an_event_says_when_and_where_and_fine_print_is_left_to_the_pdf(example_build):
    built = example_build("festival")
    text = (built.project / "out" / "solstice-mailing.txt").read_text(encoding="utf-8")
    venue = "Sommet du Haut-Ravel, Route des Crêtes, F-68999 Saint-Rémy-les-Crêtes"
    assert f"\nsamedi 19 juin 2027, 14:00 – 23:30\n{venue}\n" in text
    assert f"\nSaturday 19 June 2027, 14:00 – 23:30\n{venue}\n" in text
    assert "Réservez votre place <https://solstice.example.org/navette>" in text  # an action, spelled out
    assert "CC BY 4.0" not in text  # the photo credits, set small


def test_the_mail_cover_is_the_smaller_of_a_whole_png_and_a_jpeg():
    def png_of(picture: Image.Image, **options) -> bytes:
        out = io.BytesIO()
        picture.save(out, "PNG", **options)
        return out.getvalue()

    flat = Image.new("RGB", (2 * COVER_WIDTH, 900), (12, 90, 160))  # flat art: the PNG is the smaller
    cover, kind = mail_cover(png_of(flat))
    assert (kind, cover) == ("png", png_of(flat, compress_level=9))  # whole, not cut where a JPEG would have won
    noise = Image.frombytes("RGB", (4 * COVER_WIDTH, 1200), random.Random(7).randbytes(4 * COVER_WIDTH * 1200 * 3))
    cover, kind = mail_cover(png_of(noise))  # a photo, of sorts: the JPEG is the smaller
    with Image.open(io.BytesIO(cover)) as picture:
        assert (kind, picture.format, picture.size) == ("jpg", "JPEG", (2 * COVER_WIDTH, 600))
