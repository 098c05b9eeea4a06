"""The check registry: findings, severities, and the `@check` decorator that adds a check."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from ..content import Content
from ..layout import Layout, Panel
from ..pdffacts import PdfFacts


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing a check found; page is 1-based, page and panel may be None."""

    check: str
    severity: Severity
    message: str
    page: int | None = None
    panel: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass
class CheckContext:
    """What checks look at: the PDF read back, the layout and, when at hand, the content."""

    layout: Layout
    facts: PdfFacts | None = None
    content: Content | None = None
    cache: dict[str, Any] = field(default_factory=dict)

    def panel_at(self, page: int, x: float) -> Panel | None:
        """The panel of 1-based `page` at x (mm); past the sheet's edge, the outermost panel."""
        if page > len(self.layout.pages):
            return None
        panels = self.layout.pages[page - 1]
        return next((panel for panel in panels if x < panel.right), panels[-1])

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


REGISTRY: dict[str, Check] = {}


def check(check_id: str, *, needs_pdf: bool = True, needs_content: bool = False) -> Callable:
    """Register a check function under `check_id`; it yields findings."""

    def register(function: CheckFunction) -> CheckFunction:
        if check_id in REGISTRY:
            raise ValueError(f"check {check_id!r} registered twice")
        REGISTRY[check_id] = Check(check_id, function, needs_pdf, needs_content)
        return function

    return register


def run_checks(context: CheckContext, only: Iterable[str] | None = None) -> Iterator[Finding]:
    """Run the registered checks that the context has what they need for."""
    wanted = set(only) if only is not None else None
    for entry in REGISTRY.values():
        if wanted is not None and entry.id not in wanted:
            continue
        if (entry.needs_pdf and context.facts is None) or (entry.needs_content and context.content is None):
            continue
        yield from entry.function(context)
