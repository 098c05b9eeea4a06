"""The checks of a mailing: its draft (`.eml`) read back with the standard `email` package, judged
against the content and the e-mail PDF it must carry.

`MAILING_CHECKS` lists them in the order they run. Like the page checks, each reads the written file
and the content, never how the file was made:

- `mailing-size`: the HTML is under Gmail's clipping limit (beyond it Gmail shows the start and a
  "View entire message" link, and hides the rest, links and all);
- `mailing-links`: every link goes to an address the content gives (or to `mailing.pdf_url`), can
  work, and every address of the content is linked;
- `mailing-images`: every image has a text alternative and each `cid:` image is in the message;
- `mailing-attachment`: the PDF attached is the e-mail PDF just built, byte for byte; none is attached
  where the content gives `mailing.pdf_url`, which is linked instead.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import Path

from brochure.content.load import Content
from brochure.preflight.placement import content_links
from brochure.preflight.registry import Finding, Severity
from brochure.preflight.report import Report
from brochure.preflight.screen import broken_link

GMAIL_CLIP_BYTES = 102_000  # Gmail clips a message whose HTML passes about 102 kB


@dataclass
class Mailed:
    """What the mailing checks read: the draft parsed, its HTML page, the content, and the e-mail PDF
    the draft must carry (None where that edition was not built)."""

    message: EmailMessage
    html: str
    content: Content
    pdf: bytes | None

    @functools.cached_property
    def page(self) -> _Page:
        """The HTML page's links and images, read once for the checks that look at them."""
        return _Page(self.html)

    @property
    def pdf_url(self) -> str | None:
        return (self.content.data.get("mailing") or {}).get("pdf_url")


class _Page(HTMLParser):
    """The links and images of an HTML page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag == "img":
            self.images.append(dict(attrs))


def mailing_size(mailed: Mailed) -> Iterator[Finding]:
    size = len(mailed.html.encode("utf-8"))
    if size > GMAIL_CLIP_BYTES:
        message = f"the HTML is {size:,} bytes; Gmail clips a message past {GMAIL_CLIP_BYTES:,}: shorten the key texts"
        yield Finding("mailing-size", Severity.ERROR, message)


def mailing_links(mailed: Mailed) -> Iterator[Finding]:
    expected = content_links(mailed.content)
    allowed = {*expected, *([mailed.pdf_url] if mailed.pdf_url else [])}
    found = mailed.page.links
    for uri in found:
        problem = broken_link(uri) or (None if uri in allowed else "is not an address of the content")
        if problem:
            yield Finding("mailing-links", Severity.ERROR, f"the link to {uri!r} {problem}")
    for uri in sorted(allowed - set(found)):
        field = expected.get(uri, "mailing.pdf_url")
        yield Finding("mailing-links", Severity.ERROR, f"{field}: no link to {uri!r} in the mailing")


def mailing_images(mailed: Mailed) -> Iterator[Finding]:
    ids = {str(part["Content-ID"] or "").strip("<>") for part in mailed.message.walk()}
    for image in mailed.page.images:
        source = image.get("src") or ""
        if not (image.get("alt") or "").strip():
            yield Finding("mailing-images", Severity.ERROR, f"the image {source!r} has no text alternative (alt)")
        if source.startswith("cid:") and source.removeprefix("cid:") not in ids:
            yield Finding("mailing-images", Severity.ERROR, f"the image {source!r} is not in the message")


def mailing_attachment(mailed: Mailed) -> Iterator[Finding]:
    attached = [part for part in mailed.message.iter_attachments() if part.get_content_type() == "application/pdf"]
    if mailed.pdf_url:
        if attached:
            yield Finding("mailing-attachment", Severity.ERROR, "a PDF is attached: mailing.pdf_url links it instead")
        return
    if len(attached) != 1:
        yield Finding("mailing-attachment", Severity.ERROR, f"{len(attached)} PDFs attached; the e-mail PDF is one")
        return
    if mailed.pdf is None:
        return  # the e-mail edition was not built: nothing to compare with
    got, built = (hashlib.sha256(data).hexdigest() for data in (attached[0].get_content(), mailed.pdf))
    if got != built:
        message = f"the PDF attached (SHA-256 {got[:12]}…) is not the e-mail PDF just built ({built[:12]}…)"
        yield Finding("mailing-attachment", Severity.ERROR, message)


# Every check of the mailing, in the order they run.
MAILING_CHECKS: tuple[Callable[[Mailed], Iterator[Finding]], ...] = (
    mailing_size,
    mailing_links,
    mailing_images,
    mailing_attachment,
)


def check_mailing(eml: Path, content: Content, pdf: bytes | None) -> Report:
    """Run the mailing checks on the draft at `eml`: its HTML page, its links, images and attachment."""
    message = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    page = message.get_body(preferencelist=("html",))
    html = page.get_content() if page is not None else ""
    mailed = Mailed(message, html, content, pdf)
    findings = [finding for check in MAILING_CHECKS for finding in check(mailed)]
    if page is None:
        findings.insert(0, Finding("mailing-size", Severity.ERROR, "the message has no HTML page"))
    return Report(pdf=eml, findings=tuple(findings))
