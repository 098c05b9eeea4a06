"""What a check is: findings, severities, the context a check reads, and the `@check` decorator that
marks a function as a check (`brochure.preflight.CHECKS` lists those that run, in order)."""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from brochure.content.load import Content
from brochure.preflight.pdffacts import LIBRARY_ERRORS, Glyph, PdfFacts, said
from brochure.preflight.placement import PrintedText, panel_texts
from brochure.sheet.imposition import Imposition, Placed, Surface, sheet_sides
from brochure.sheet.layout import Layout, Panel

# The editions whose PDFs the checks judge; a check names those it applies to.
PDF_EDITIONS = ("print", "email")


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing a check found; page is 1-based, page and panel may be None.

    `area` is where on the page it is, in mm from the trim's top-left corner
    (x0, y0, x1, y1), for a proof to draw it; None where it is the whole page or panel.
    """

    check: str
    severity: Severity
    message: str
    page: int | None = None
    panel: str | None = None
    area: tuple[float, float, float, float] | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["area"] = [round(v, 2) for v in self.area] if self.area else None
        return data


@dataclass
class CheckContext:
    """What checks look at: the PDF read back, the layout and, when at hand, the content.

    `edition` names the output being judged and `imposition` where it places each panel
    (by default the print edition's sheet sides); `max_bytes` is the edition's size budget.
    """

    layout: Layout
    facts: PdfFacts | None = None
    content: Content | None = None
    edition: str = "print"
    imposition: Imposition | None = None
    max_bytes: int | None = None
    cache: dict[str, Any] = field(default_factory=dict)  # what the checks of this run share

    def __post_init__(self) -> None:
        if self.imposition is None:
            self.imposition = sheet_sides(self.layout)

    @property
    def surfaces(self) -> tuple[Surface, ...]:
        return self.imposition.surfaces

    def where(self, panel: Panel) -> tuple[int, Placed]:
        """The 1-based page a panel is on in this edition, and its placement there."""
        index, placed = self.imposition.locate(panel.id)
        return index + 1, placed

    def panel_texts(self) -> dict[str, list[PrintedText]]:
        """For every panel, the content texts it must show (`placement.panel_texts`): worked out once
        per check run, for the several checks that compare them with the page."""
        if "panel-texts" not in self.cache:
            self.cache["panel-texts"] = panel_texts(self.content, self.layout)
        return self.cache["panel-texts"]

    def panel_at(self, page: int, x: float) -> Panel | None:
        """The panel of 1-based `page` at x (mm); past the page's edge, the outermost panel."""
        if page > len(self.surfaces):
            return None
        placed = self.surfaces[page - 1].placed
        rights = self.cache.get(("panel-rights", page))
        if rights is None:  # asked for every glyph: the panels' right edges, found by bisection
            rights = self.cache[("panel-rights", page)] = [item.right for item in placed]
        return placed[min(bisect.bisect_right(rights, x), len(placed) - 1)].panel

    def glyphs_on(self, page: int) -> dict[str | None, list[Glyph]]:
        """The glyphs of 1-based `page` by the id of the panel they lie on, sorted once per check run."""
        key = ("glyphs-by-panel", page)
        if key not in self.cache:
            by_panel: dict[str | None, list[Glyph]] = {}
            for glyph in self.facts.pages[page - 1].glyphs:
                by_panel.setdefault(self.panel_id_at(page, glyph.cx), []).append(glyph)
            self.cache[key] = by_panel
        return self.cache[key]

    def glyphs_of(self, panel: Panel) -> list[Glyph]:
        """The glyphs drawn on `panel` where this edition places it; none if the PDF lacks its page."""
        number, _ = self.where(panel)
        if number > len(self.facts.pages):
            return []
        return list(self.glyphs_on(number).get(panel.id, ()))

    def panel_id_at(self, page: int, x: float) -> str | None:
        """The id of the panel at x on 1-based `page`, None on a page the layout does not have."""
        panel = self.panel_at(page, x)
        return panel.id if panel else None


CheckFunction = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    id: str
    function: CheckFunction
    needs_pdf: bool
    needs_content: bool
    editions: tuple[str, ...]


def check(
    check_id: str,
    *,
    needs_pdf: bool = True,
    needs_content: bool = False,
    editions: tuple[str, ...] = PDF_EDITIONS,
) -> Callable:
    """Mark a check function as the check `check_id` of the editions it judges; it yields findings.
    `brochure.preflight.CHECKS` lists the checks that run, in their order."""

    def mark(function: CheckFunction) -> CheckFunction:
        function.check = Check(check_id, function, needs_pdf, needs_content, editions)  # type: ignore[attr-defined]
        return function

    return mark


def checks_of(functions: Iterable[CheckFunction]) -> tuple[Check, ...]:
    """The checks that `functions` were marked as, in their order; ValueError for an id used twice."""
    found = tuple(function.check for function in functions)  # type: ignore[attr-defined]
    ids = [entry.id for entry in found]
    twice = sorted({name for name in ids if ids.count(name) > 1})
    if twice:
        raise ValueError(f"checks named twice: {', '.join(twice)}")
    return found


def run(checks: Iterable[Check], context: CheckContext, only: Iterable[str] | None = None) -> Iterator[Finding]:
    """Run those of `checks` that judge the context's edition and that it has what they need for. A check
    that pypdf or pdfium fails to read its part of the PDF for fails with a finding that says so."""
    wanted = set(only) if only is not None else None
    for entry in checks:
        if wanted is not None and entry.id not in wanted:
            continue
        if context.edition not in entry.editions:
            continue
        if (entry.needs_pdf and context.facts is None) or (entry.needs_content and context.content is None):
            continue
        try:
            yield from entry.function(context)
        except LIBRARY_ERRORS as exc:  # a part of the file the page facts did not read, beyond pypdf's limits
            yield Finding(entry.id, Severity.ERROR, f"not a PDF brochure can read: {said(exc)}")


Box = tuple[float, float, float, float]


def bounds(boxes: Iterable[Box]) -> Box | None:
    """The smallest box around `boxes` (x0, y0, x1, y1); None for none."""
    boxes = list(boxes)
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
