"""The proof edition: the print sheet with its guides and findings drawn on it, in `<name>-proof/`.

Built when asked for (`--proof`), and made whether or not the print edition passed its
checks: a proof of a rejected render is where it helps most.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from brochure.editions.printed import PrintEdition
from brochure.editions.proofsheet import write_proof
from brochure.editions.registry import Edition, EditionResult, Job, Written
from brochure.preflight import Report, check_pdf
from brochure.sheet.imposition import sheet_sides


class Proof(Edition):
    """What will print, and what the checks found, where they found it."""

    name = "proof"
    by_default = False

    def make(self, job: Job) -> EditionResult:
        pdf = PrintEdition().pdf(job)
        printed = job.results.get("print")
        report = printed.report if printed is not None and printed.report is not None else _checked(pdf, job)
        written = write_proof(pdf, report, job.outdir / f"{job.stem}-proof")
        return EditionResult(
            self.name, tuple(Written(path, path.stat().st_size) for path in written), pages=len(written)
        )


def _checked(pdf: bytes, job: Job) -> Report:
    # The print edition was not built this time: check its render here, as it would have been.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{job.stem}-print.pdf"
        path.write_bytes(pdf)
        return check_pdf(
            path,
            job.layout,
            job.content,
            edition="print",
            imposition=sheet_sides(job.layout),
        )
