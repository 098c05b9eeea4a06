"""The e-mail edition: one page per panel in reading order, small, tagged and linked: `<name>-email.pdf`.

It is laid out a second time rather than cut out of the print PDF: a crop would keep
the print's full-resolution images and the other panels' text behind each page, and
could not add the structure tree that screen readers need.
"""

from __future__ import annotations

from typing import Any

from brochure.editions.pdf_edition import PdfEdition
from brochure.editions.registry import Job

SCREEN_PPI = 150  # plenty for a screen, and for printing at home
JPEG_QUALITY = 85
DEFAULT_MAX_BYTES = 1_000_000  # mail services refuse or strip larger attachments; base64 adds a third


class EmailEdition(PdfEdition):
    """What goes out attached to a mailing."""

    name = "email"
    imposition_name = "reading-order"

    def options(self, job: Job) -> dict[str, Any]:
        # PDF/UA-1 tags the text with a structure tree and sets the document language.
        return {"pdf_variant": "pdf/ua-1", "dpi": SCREEN_PPI, "jpeg_quality": JPEG_QUALITY, "optimize_images": True}

    def max_bytes(self, job: Job) -> int:
        if job.settings.email_max_bytes is not None:
            return job.settings.email_max_bytes
        return job.content.data.get("email_edition", {}).get("max_size", DEFAULT_MAX_BYTES)
