"""The `qr-ink` check: the QR codes of the print edition in 100 % K, found by the id the template gives
each one; on the city-service example's call to action, as built, and with its QR code drawn in navy."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import pdf_findings
from pypdf import PdfWriter

from brochure.preflight import Severity
from brochure.preflight.paints import BLACK, pdf_paints
from brochure.preflight.pdffacts import read_pdf
from brochure.sheet.pdfmeta import QR_PREFIX

pytestmark = pytest.mark.xdist_group("examples")  # the example is built once, by the examples' process


@pytest.fixture(scope="module")
def printed(example_build) -> Path:
    return example_build("city-service").result.print_pdf


def test_the_examples_qr_code_is_found_and_prints_in_100_k(printed: Path):
    facts = read_pdf(printed)
    ((name, (page, x, y)),) = [(name, at) for name, at in facts.destinations.items() if name.startswith(QR_PREFIX)]
    drawn = [paint for paint in pdf_paints(facts.streams) if paint.page == page and paint.clip and paint.clip[:2] == (
        pytest.approx(x, abs=0.5), pytest.approx(y, abs=0.5))]  # fmt: skip
    assert drawn and {paint.cmyk for paint in drawn} == {BLACK}
    assert pdf_findings("qr-ink", printed) == []


def test_a_qr_code_in_three_inks_is_found(printed: Path, tmp_path: Path):
    writer = PdfWriter(clone_from=printed)
    for page in writer.pages:
        contents = page.get_contents()
        contents.set_data(contents.get_data().replace(b"0 0 0 1 SCN", b"0.96 0.66 0 0.58 SCN"))
        page.replace_contents(contents)
    writer.write(tmp_path / "navy.pdf")
    ((severity, _, _, message),) = pdf_findings("qr-ink", tmp_path / "navy.pdf")
    assert severity is Severity.WARNING
    assert message.startswith("a QR code printed in C96 M66 K58 (1 paint): in several inks its modules blur")
    assert message.endswith("print it in 100 % K")
