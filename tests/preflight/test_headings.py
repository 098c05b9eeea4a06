"""The `headings` check: a screen edition's headings skip no level."""

from __future__ import annotations

import weasyprint

from brochure.preflight.registry import Severity
from tests.preflight.handmade import pdf_findings


def _tagged_pdf(tmp_path, body: str):
    path = tmp_path / "tagged.pdf"
    weasyprint.HTML(string=f"<html lang='en'><title>t</title><body>{body}</body></html>").write_pdf(
        path, pdf_variant="pdf/ua-1"
    )
    return path


def test_a_skipped_heading_level_is_an_error(tmp_path):
    path = _tagged_pdf(tmp_path, "<h1>Title</h1><h3>Too deep</h3><p>text</p>")
    assert pdf_findings("headings", path, edition="email") == [
        (Severity.ERROR, None, None, "an H3 follows H1: a heading level is skipped")
    ]


def test_headings_one_level_apart_pass(tmp_path):
    path = _tagged_pdf(tmp_path, "<h1>Title</h1><h2>Part</h2><h3>Group</h3><h2>Next part</h2><p>text</p>")
    assert pdf_findings("headings", path, edition="email") == []
