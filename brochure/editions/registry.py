"""What an edition is: one output of a build, the job that the editions of a build share, and
what each made.

An edition is one output of a build (the print PDF, the e-mail PDF, the previews). It says
what it renders, how it is written and which checks judge it; the build runs those asked
for, in order, and one edition failing its checks does not stop the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from brochure.content.events import event_slug
from brochure.content.load import Content
from brochure.preflight import Report
from brochure.render.setting.fitting import Fitted
from brochure.render.setting.ladders import KeptWhole
from brochure.render.warm.session import Session
from brochure.sheet.layout import Layout


@dataclass(frozen=True)
class Written:
    """A file an edition published, and its size in bytes."""

    path: Path
    size: int


@dataclass(frozen=True)
class EditionResult:
    """What one edition of a build did."""

    edition: str
    written: tuple[Written, ...] = ()
    report: Report | None = None  # the checks on what it rendered; None where nothing was checked
    rejected: Path | None = None  # where a render that failed its checks was kept
    skipped: str | None = None  # why nothing was made, where nothing was
    pages: int = 0
    notes: tuple[str, ...] = ()  # what the build did that a person should know, e.g. a panel fitted

    @property
    def ok(self) -> bool:
        return self.report is None or self.report.ok

    @property
    def size(self) -> int:
        return sum(item.size for item in self.written)


@dataclass
class BuildSettings:
    """What the command line may set for one build, over the content's own settings."""

    email_max_bytes: int | None = None
    marks: tuple[str, ...] = ()  # printer's marks on the print edition: "crop", "fold"
    event: Path | None = None  # an event file merged over the content: an event leaflet


@dataclass(frozen=True)
class Decisions:
    """How the first PDF edition of a build set the text, handed to the next: they lay out the same
    panels at the same widths, so they reuse it instead of laying out again to decide."""

    levelling: str = ""  # the stylesheet that set facing items level ("" where nothing is levelled)
    fitted: Fitted = Fitted()  # the panels set tighter to fit
    kept: KeptWhole = KeptWhole()  # the words kept whole against hyphenation ladders

    def notes(self) -> tuple[str, ...]:
        """What the build changed to set the text: the panels fitted, the words kept whole."""
        return self.fitted.notes() + self.kept.notes()


@dataclass
class Job:
    """One build in progress: the content and layout its editions share, and what each made."""

    content: Content
    layout: Layout
    date: dt.date | None
    outdir: Path
    settings: BuildSettings = field(default_factory=BuildSettings)
    results: dict[str, EditionResult] = field(default_factory=dict)
    pdfs: dict[str, bytes] = field(default_factory=dict)  # each PDF edition's bytes, rendered once
    decisions: Decisions | None = None  # the first PDF edition's, once it is laid out
    on_decided: Callable[[Decisions], object] | None = None  # told the first PDF edition's decisions
    pictures: dict[str, bytes] | None = None  # the previews' PNG files by name, once drawn
    ahead: dict[str, object] = field(default_factory=dict)  # what editions made ahead (`Edition.ahead`), by name
    session: Session = field(default_factory=Session)  # what the build keeps warm, and for whom

    def notes(self) -> tuple[str, ...]:
        """What the build changed to set the text: the panels fitted, the words kept whole."""
        return self.decisions.notes() if self.decisions else ()

    @property
    def stem(self) -> str:
        """What every output's name starts with: the content's name, and an event's slug after it."""
        return f"{self.content.name}-{event_slug(self.settings.event)}" if self.settings.event else self.content.name


class Edition:
    """One output of a build; `brochure.editions.EDITIONS` lists them in the order they are built."""

    name: ClassVar[str]
    by_default: ClassVar[bool] = True  # built when the build names no editions
    needs: ClassVar[tuple[str, ...]] = ()  # the editions whose files it is made of: built with it, before it

    def make(self, job: Job) -> EditionResult:
        raise NotImplementedError

    def ahead(self, job: Job) -> None:
        """Before an edition it `needs` is made by another process: the part of `make` made of the others
        alone, done while this process waits (kept in `job.ahead`)."""
