"""The mailing as a message draft, `<name>-mailing.eml`: what Thunderbird or Outlook opens ready to address.

One MIME message, built with the standard library's `email` package:

    multipart/mixed
      multipart/alternative
        text/plain                 the plain text
        multipart/related
          text/html                the page, its cover as `cid:`
          image/png or image/jpeg  the cover
      application/pdf              the e-mail PDF (none where the content gives `mailing.pdf_url`)

It has no From and no To (the sender's program adds them), and `X-Unsent: 1`, which makes Outlook
open it as a draft to send. Its bytes are the same for the same input: the date and Message-ID come
from the content's document date and the message's own parts, and the MIME boundaries, which the
`email` package draws at random, are derived from them too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

COVER_ID = "cover@brochure.invalid"  # the cover's Content-ID: the page shows it as `cid:` + this
SENT_AT = dt.time(9, 0)  # the hour of the document date a draft is dated at: morning, when mailings go out


def draft(
    *,
    subject: str,
    text: str,
    html: str,
    cover: bytes,
    cover_name: str,
    pdf: bytes | None,
    pdf_name: str,
    date: dt.date | None,
) -> bytes:
    """The draft's bytes (CRLF line ends, as mail is sent): `html` refers to the cover as `cid:COVER_ID`."""
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = subject
    if date is not None:
        message["Date"] = format_datetime(dt.datetime.combine(date, SENT_AT, dt.timezone.utc))
    digest = hashlib.sha256(b"\0".join((text.encode(), html.encode(), cover, pdf or b""))).hexdigest()
    message["Message-ID"] = f"<{f'{date:%Y%m%d}.' if date else ''}{digest[:24]}@brochure.invalid>"
    message["X-Unsent"] = "1"
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    page = message.get_payload()[1]
    kind = "jpeg" if cover_name.endswith(".jpg") else "png"
    page.add_related(cover, "image", kind, cid=f"<{COVER_ID}>", filename=cover_name, disposition="inline")
    if pdf is not None:
        message.add_attachment(pdf, "application", "pdf", filename=pdf_name)
    for number, part in enumerate(part for part in message.walk() if part.is_multipart()):
        part.set_boundary(f"=_brochure_{digest[:16]}_{number}")
    return message.as_bytes()
