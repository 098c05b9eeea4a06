"""The fast content-stream tokenizer on the e-mail edition, and the `tags` check that reads its
marked content through it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, DecodedStreamObject, DictionaryObject

from brochure.preflight import Severity, check_pdf, streams
from brochure.preflight.streams import TEXT_SHOWING, split_operations


@pytest.fixture(scope="module")
def email(golden) -> Path:
    return golden.result.edition("email").written[0].path


def test_the_fast_tokenizer_reads_every_stream_of_the_email_pdf_as_pypdf_does(email: Path):
    """Its marked content, `/Span <</MCID 0>> BDC`, is split without pypdf, and read as pypdf reads it."""
    reader = PdfReader(email)
    contents = [page.get_contents() for page in reader.pages]
    for page in reader.pages:
        contents += [form.get_object() for form in page["/Resources"].get("/XObject", {}).values()]
    marked = 0
    for stream in contents:
        fast = split_operations(stream.get_data())
        slow = list(ContentStream(stream, reader).operations)
        assert fast is not None and [op for _, op in fast] == [op for _, op in slow]
        for (fast_operands, operator), (slow_operands, _) in zip(fast, slow, strict=True):
            assert len(fast_operands) == len(slow_operands)
            for mine, theirs in zip(fast_operands, slow_operands, strict=True):
                if not isinstance(mine, bytes):  # numbers, names and dictionaries; arrays stay bytes
                    assert mine == theirs
            if operator == b"BDC" and isinstance(fast_operands[1], DictionaryObject):
                marked += 1
    assert marked > 50


def _without_one_mcid(source: Path, target: Path) -> bytes:
    """The PDF with the marked content of MCID 0 on its first page no longer tagged: the BDC's
    properties name no MCID, as a writer that forgot one would write it."""
    writer = PdfWriter(clone_from=source)
    page = writer.pages[0]
    data = page.get_contents().get_data()
    assert data.count(b"<</MCID 0>>") == 1
    edited = data.replace(b"<</MCID 0>>", b"<</Lost /Tag>>")
    stream = DecodedStreamObject()
    stream.set_data(edited)
    page.replace_contents(stream)
    writer.write(target)
    return edited


def test_tags_counts_the_text_of_marked_content_without_an_mcid(golden, email: Path, tmp_path: Path):
    edited = _without_one_mcid(email, tmp_path / "untagged.pdf")
    assert split_operations(edited) is not None  # the check reads it through the fast tokenizer
    # pypdf's own reading of the edited stream: the text shown between that BDC and its EMC
    operations = list(ContentStream(PdfReader(tmp_path / "untagged.pdf").pages[0].get_contents(), None).operations)
    start = next(i for i, (operands, op) in enumerate(operations) if op == b"BDC" and "/Lost" in operands[1])
    end = next(i for i in range(start, len(operations)) if operations[i][1] == b"EMC")
    shown = sum(op in TEXT_SHOWING for _, op in operations[start:end])
    assert shown >= 1

    report = check_pdf(tmp_path / "untagged.pdf", golden.layout, golden.content)
    found = [(f.severity, f.page, f.message) for f in report.findings if f.check == "tags"]
    piece = "piece" if shown == 1 else "pieces"
    # The text left out of the tree is the cover's title: a reader no longer gets that word either.
    assert found == [
        (Severity.ERROR, 1, f"{shown} {piece} of text outside the structure tree"),
        (
            Severity.WARNING,
            1,
            "1 word of the content a screen reader does not get whole (run into the next line's, or cut by a "
            "hyphen): 'QUATTROPOLE'",
        ),
    ]


def test_a_stream_beyond_pypdfs_token_limit_is_left_to_pypdf(monkeypatch):
    """pypdf refuses a stream of more tokens than its limit; the fast tokenizer leaves it to pypdf."""
    monkeypatch.setattr(streams, "_MAX_TOKENS", 6)
    assert split_operations(b"1 0 0 1 0 cm") is not None  # six tokens
    assert split_operations(b"1 0 0 1 0 0 cm") is None
    assert split_operations(b"q Q  q Q  q Q") is not None


def test_an_array_or_a_dictionary_beyond_pypdfs_element_limit_is_left_to_pypdf(monkeypatch):
    monkeypatch.setattr(streams, "_MAX_OBJECT_BYTES", 13)
    assert split_operations(b"[<01> 2 <03>] TJ /P <</MCID 1>> BDC") is not None
    assert split_operations(b"[<01> 2 <03> 4 <05>] TJ") is None
    assert split_operations(b"/P <</MCID 1 /A /B>> BDC") is None
