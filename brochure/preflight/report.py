"""A check run's result and its two renderings: lines for people, JSON for programs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from brochure.preflight.registry import Finding, Severity
from brochure.sheet.imposition import Imposition
from brochure.sheet.layout import Layout


@dataclass(frozen=True)
class Report:
    """The findings of one check run on one PDF."""

    pdf: Path | None  # None for the checks run on the content before rendering
    findings: tuple[Finding, ...]
    pages: int = 0  # of the PDF checked
    layout: Layout | None = field(default=None, compare=False)  # what the PDF was judged against
    imposition: Imposition | None = field(default=None, compare=False)  # where it looked for each panel

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"

    def as_dict(self) -> dict[str, Any]:
        """The report as `check --json` prints it (and `build --json`, edition by edition): `ok` and every
        finding (check, severity, message, page, panel, area in mm)."""
        return {"ok": self.ok, "findings": [finding.as_dict() for finding in self.findings]}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)

    def lines(self) -> list[str]:
        """Findings grouped by page, one line each: `  panel: message [check, severity]`."""
        ordered = sorted(self.findings, key=lambda f: (f.page is None, f.page or 0, f.panel or ""))
        lines = []
        for page, group in groupby(ordered, key=lambda f: f.page):
            lines.append(f"page {page}" if page is not None else "document")
            for finding in group:
                where = f"{finding.panel}: " if finding.panel else ""
                lines.append(f"  {where}{finding.message} [{finding.check}, {finding.severity.value}]")
        return lines
