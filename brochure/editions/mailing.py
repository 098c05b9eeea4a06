"""The mailing edition: the leaflet as an e-mail ready to send, made of the e-mail PDF and the previews.

It writes `<name>-mailing.html` (the page, for a newsletter tool), `<name>-mailing-cover.png` (or
`.jpg`) beside it (the cover panel's preview at twice the width the page shows it),
`<name>-mailing.txt` (its plain text) and `<name>-mailing.eml` (a draft with both, the cover and
the PDF: `draft`). The words are the
content's (`letter`), the look the theme's (`mailpage`). The draft is checked
(`brochure.preflight.mailing`) before anything is published: a mailing that fails its checks
replaces none of the last good files, and is kept as `<name>-mailing.rejected.eml`.
"""

from __future__ import annotations

import io

from PIL import Image

from brochure.editions.draft import COVER_ID, draft
from brochure.editions.letter import letter_of
from brochure.editions.mailpage import COVER_WIDTH, html_page, look_of, plain_text
from brochure.editions.previews import Previews, panel_file
from brochure.editions.registry import Edition, EditionResult, Job, Written
from brochure.files.output import publish, write_staged
from brochure.preflight.mailing import check_mailing

MAIL_JPEG_QUALITY = 85  # no visible loss on a screen


class Mailing(Edition):
    """An HTML e-mail of the leaflet, its plain text, and a draft that carries the e-mail PDF."""

    name = "mailing"
    needs = ("email", "previews")

    def make(self, job: Job) -> EditionResult:
        for needed in self.needs:
            result = job.results.get(needed)
            if result is None or not result.ok or not result.written:
                why = "failed its checks" if result is not None and not result.ok else "was not made"
                return EditionResult(self.name, skipped=f"the {needed} edition {why}, and the mailing is made of it")
        pdf_path = job.results["email"].written[0].path
        pdf = pdf_path.read_bytes()
        self.ahead(job)
        cover, kind = job.ahead[self.name]
        letter, look = letter_of(job.content, job.layout), look_of(job.layout)
        stem, text = f"{job.stem}-mailing", plain_text(letter)
        eml = draft(
            subject=letter.subject,
            text=text,
            html=html_page(letter, look, f"cid:{COVER_ID}"),
            cover=cover,
            cover_name=f"{stem}-cover.{kind}",
            pdf=None if letter.pdf_url else pdf,
            pdf_name=pdf_path.name,
            date=job.date,
        )
        files = {  # the draft first: the build names it
            f"{stem}.eml": eml,
            f"{stem}.html": html_page(letter, look, f"{stem}-cover.{kind}").encode("utf-8"),
            f"{stem}.txt": text.encode("utf-8"),
            f"{stem}-cover.{kind}": cover,
        }
        return self._published(job, files, pdf)

    def ahead(self, job: Job) -> None:
        """The cover, made of the previews: at level 9, its PNG may take longer than anything else the mailing does."""
        previews = job.results.get("previews")
        if self.name not in job.ahead and previews is not None and previews.ok and previews.written:
            job.ahead[self.name] = mail_cover(cover_picture(job))

    def _published(self, job: Job, files: dict[str, bytes], pdf: bytes) -> EditionResult:
        """The files staged, the draft checked, and all published, or the draft kept as rejected."""
        staged, draft_name = {}, next(iter(files))
        try:
            for name, data in files.items():
                staged[name] = write_staged(job.outdir / name, data)
            report = check_mailing(staged[draft_name], job.content, pdf)
        except BaseException:
            for path in staged.values():
                path.unlink(missing_ok=True)
            raise
        rejected = job.outdir / f"{job.stem}-mailing.rejected.eml"
        if not report.ok:
            publish(staged.pop(draft_name), rejected)
            for path in staged.values():
                path.unlink(missing_ok=True)
            return EditionResult(self.name, report=report, rejected=rejected)
        for name, path in staged.items():
            publish(path, job.outdir / name)
        rejected.unlink(missing_ok=True)
        written = tuple(Written(job.outdir / name, len(data)) for name, data in files.items())
        return EditionResult(self.name, written, report)


def mail_cover(png: bytes) -> tuple[bytes, str]:
    """The cover as a mail carries it: twice as wide as the page shows it (sharp on today's screens), in
    the smaller of PNG (flat art) and JPEG (a photo: a tenth of the PNG), and its file type."""
    with Image.open(io.BytesIO(png)) as opened:
        picture = opened.convert("RGB")
    if picture.width > 2 * COVER_WIDTH:
        height = round(picture.height * 2 * COVER_WIDTH / picture.width)
        picture = picture.resize((2 * COVER_WIDTH, height), Image.Resampling.LANCZOS)
    jpeg = io.BytesIO()
    picture.save(jpeg, "JPEG", quality=MAIL_JPEG_QUALITY)
    # The JPEG takes a few ms, the PNG at level 9 up to a second for a photo, where it is the larger:
    # it is given up as soon as it is larger. The PNG wins a tie.
    png_out = _Bounded(len(jpeg.getvalue()))
    try:
        picture.save(png_out, "PNG", compress_level=9)
    except _Bounded.Passed:
        return jpeg.getvalue(), "jpg"
    return png_out.getvalue(), "png"


class _Bounded(io.BytesIO):
    """A file that takes at most `most` bytes: one more raises `Passed`."""

    class Passed(Exception):
        pass

    def __init__(self, most: int) -> None:
        super().__init__()
        self.most = most

    def write(self, data) -> int:  # type: ignore[override]
        if self.tell() + len(data) > self.most:
            raise self.Passed
        return super().write(data)


def cover_picture(job: Job) -> bytes:
    """The preview of the leaflet's cover panel (the first the reader meets, where no panel is the cover)."""
    panels = {panel.id: panel for panel in job.layout.panels}
    order = job.layout.reading_order
    cover = next((panel_id for panel_id in order if panels[panel_id].role == "cover"), order[0])
    return Previews().files(job)[panel_file(cover, order)]
