"""Fitting: a panel whose text runs past the foot of its content box, set a little tighter.

A layout may give each panel a fitting range (`fitting: {leading: 95%, tracking: -1%}` in
layout.yaml). When a panel overflows, the build lays the leaflet out again with that
panel's text set tighter and keeps the smallest change that fits, in this order: the line
height at 99 %, 98 %, … of its set value down to the range's `leading`, then, with the
line height at that lowest value, the letter-spacing at −0.5 %, −1 %, … of an em down to
the range's `tracking`. A panel overflows when its end-of-content marker (`end-<panel>`)
lies past the foot of its content box (`foot-<panel>`), so a fitted panel keeps every line
box inside the box. A panel no setting of its range fits stays as it was set, and the
overflow check rejects it as before.

Only what is needed is laid out (see `_Search`): the lowest line height first, since if
even it does not fit no line height will; a line height that could not absorb the
overflow even if all of the panel were lines is skipped; and panels are laid out side by
side, never into each other, so one layout tries a setting for every panel still searched.

Facing panels (see `brochure.facing`) are fitted together, with one setting within the
narrower of their two ranges, until their columns also fit once set level: a reader
compares them line by line, so they keep one leading and their items still line up. Where
no setting gets them level, they are fitted until each column fits, and the `facing`
check says they are not level. The same content always gives the same settings, and
another edition of the same panels reuses them (`Fitted`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from weasyprint.document import Document

from brochure.render.setting.facing import anchor_tops
from brochure.sheet.layout import FittingRange, Layout
from brochure.sheet.pdfmeta import END_PREFIX, FOOT_PREFIX, paired_items, paired_panels

LEADING_STEP = 1.0  # % of the set line height
TRACKING_STEP = 0.5  # % of an em
TOLERANCE_PX = 0.01  # what layout arithmetic may leave over; as much as levelling allows (brochure.facing)


@dataclass(frozen=True)
class Fit:
    """One tighter setting of a panel's text: line height and letter-spacing in %."""

    leading: float = 100.0  # of the line height the stylesheet sets
    tracking: float = 0.0  # of an em of the panel's text

    def css(self, panel: str) -> str:
        """The rule that sets `panel`'s text this way (the stylesheet scales its line heights by `--leading`)."""
        rule = f"--leading: {self.leading / 100:.4f};"
        if self.tracking:
            rule += f" letter-spacing: {self.tracking / 100:.4f}em;"
        return f"#panel-{panel} .panel__flow {{ {rule} }}"

    def describe(self) -> str:
        """The setting as a note says it: `leading 97 %`, `leading 95 %, tracking −0.5 %`."""
        parts = [f"leading {self.leading:g} %"] if self.leading < 100 else []
        if self.tracking:
            parts.append(f"tracking \u2212{-self.tracking:g} %")
        return ", ".join(parts)


@dataclass(frozen=True)
class Fitted:
    """What fitting decided for a build: the setting of each panel it fitted, by panel id."""

    fits: tuple[tuple[str, Fit], ...] = ()

    @property
    def css(self) -> str:
        return "\n".join(fit.css(panel) for panel, fit in self.fits)

    def notes(self) -> tuple[str, ...]:
        """One line per fitted panel: `inside-right: fitted with leading 97 %`."""
        return tuple(f"{panel}: fitted with {fit.describe()}" for panel, fit in self.fits)


def fitting_ranges(layout: Layout) -> dict[str, FittingRange]:
    """The fitting range of every panel of `layout` that has one."""
    return {panel.id: panel.fitting for panel in layout.panels if panel.fitting.allows_change}


def settings(fitting: FittingRange) -> list[Fit]:
    """Every setting of a range, smallest change first."""
    leadings, tracks = _steps(100.0, fitting.leading, -LEADING_STEP), _steps(0.0, fitting.tracking, -TRACKING_STEP)
    return [Fit(leading) for leading in leadings] + [Fit(fitting.leading, tracking) for tracking in tracks]


def _steps(start: float, end: float, step: float) -> list[float]:
    """From `start` down to `end` by `step` (negative): `end` included, `start` not."""
    values, value = [], start
    while (value := round(value + step, 4)) > end:
        values.append(value)
    return [*values, end] if end < start else values


Unit = tuple[str, ...]  # panels fitted together, with one setting: one panel, or two facing panels


def fitting_units(tops: Mapping[str, float], ranges: Mapping[str, FittingRange]) -> dict[Unit, FittingRange]:
    """The panels of `ranges` as they are fitted: facing panels as a pair, within the narrower of
    their ranges (so that both columns keep one setting and can be set level), every other alone."""
    units: dict[Unit, FittingRange] = {}
    for pair in paired_panels(paired_items(tops)):
        if all(panel in ranges for panel in pair) and not any(panel in unit for unit in units for panel in pair):
            first, second = (ranges[panel] for panel in pair)
            units[pair] = FittingRange(max(first.leading, second.leading), max(first.tracking, second.tracking))
    paired = {panel for unit in units for panel in unit}
    return units | {(panel,): ranges[panel] for panel in sorted(ranges) if panel not in paired}


def excess(tops: Mapping[str, float], unit: Unit, *, level: bool = True) -> float:
    """How far (px) the unit's content runs past the foot of its box; with `level`, for facing
    panels, also where their columns would end once set level. 0 where it fits, or where the
    markers are missing."""
    ends = [(tops.get(END_PREFIX + panel), tops.get(FOOT_PREFIX + panel)) for panel in unit]
    if any(end is None or foot is None for end, foot in ends):
        return 0.0
    past = [end - foot for end, foot in ends]
    if level and len(unit) == 2:
        past.append(_levelled_end(tops, unit) - min(foot for _, foot in ends))
    return max(0.0, *past)


def _levelled_end(tops: Mapping[str, float], pair: Unit) -> float:
    """Where two facing columns end once every item of theirs starts level with its twin: each
    item then takes the height of the taller of the two."""
    items = paired_items(tops)
    first, second = (items.get(panel, {}) for panel in pair)
    keys = sorted(set(first) & set(second), key=lambda key: tops[first[key]])
    if not keys:
        return -math.inf
    starts = {
        panel: [tops[side[key]] for key in keys] + [tops[END_PREFIX + panel]]
        for panel, side in zip(pair, (first, second), strict=True)
    }
    heights = [max(starts[panel][index + 1] - starts[panel][index] for panel in pair) for index in range(len(keys))]
    return max(starts[panel][0] for panel in pair) + sum(heights)


def fit_panels(
    document: Document, lay_out: Callable[[str], Document], ranges: Mapping[str, FittingRange]
) -> tuple[Document, Fitted]:
    """The leaflet laid out with every overflowing panel of `ranges` fitted where its range allows,
    and what was fitted; `document` is the leaflet as set, `lay_out` lays it out with extra CSS."""
    tops = anchor_tops(document)
    searches = [
        _Search(unit, settings(fitting), tops)
        for unit, fitting in fitting_units(tops, ranges).items()
        if excess(tops, unit) > TOLERANCE_PX
    ]
    current, current_css = document, ""
    while trying := {search: fit for search in searches if (fit := search.next()) is not None}:
        current_css = _fitted({search.unit: fit for search, fit in trying.items()} | _found(searches)).css
        current = lay_out(current_css)
        tops = anchor_tops(current)
        for search, fit in trying.items():
            search.judge(fit, tops)
    fitted = _fitted(_found(searches))
    if not fitted.fits:
        return document, fitted
    return (current if current_css == fitted.css else lay_out(fitted.css)), fitted


class _Search:
    """The search for one unit's setting.

    The lowest line height of the range is laid out first: a lower line height never makes a
    column longer, so if even it does not fit, no line height will, and none other is tried.
    If it fits, the line heights are tried from the smallest change on. If not, the letter-
    spacing steps are tried in turn (a tighter letter-spacing may break lines elsewhere, even
    into one line more, so each is laid out). Facing panels whose columns cannot fit once set
    level are fitted so that each column fits, and are left unlevelled.
    """

    def __init__(self, unit: Unit, fits: list[Fit], tops: Mapping[str, float]) -> None:
        self.unit = unit
        self.leadings = [fit for fit in fits if not fit.tracking]
        self.trackings = [fit for fit in fits if fit.tracking]
        self.stage = "probe" if self.leadings else "tracking"
        self.excess = {level: excess(tops, unit, level=level) for level in (True, False)}
        self.height = _height(tops, unit)
        self.level = self.stage == "probe"  # whether the columns must also fit once set level
        self.found: Fit | None = None
        self.done = self.excess[False] > self.height * _reach(fits)  # far past what any setting absorbs

    def next(self) -> Fit | None:
        """The next setting to lay out; None once the search is over."""
        if self.done:
            return None
        if self.stage == "probe":
            return self.leadings[-1]
        if self.stage == "walk":
            return self._next_leading()
        if self.trackings:
            return self.trackings.pop(0)
        self.done = True
        return None

    def _next_leading(self) -> Fit | None:
        over = self.excess[self.level]
        for fit in self.leadings[:-1]:
            self.leadings.remove(fit)
            # A line height that could not absorb the overflow even if all of the unit were lines is not tried.
            if self.height * (1 - fit.leading / 100) >= over - TOLERANCE_PX:
                return fit
        self.found, self.done = self.leadings[-1], True  # the probe, which fitted
        return None

    def judge(self, fit: Fit, tops: Mapping[str, float]) -> None:
        """Take in how the unit came out with `fit`."""
        if self.stage != "probe":
            if excess(tops, self.unit, level=self.level) <= TOLERANCE_PX:
                self.found, self.done = fit, True
            return
        if excess(tops, self.unit) <= TOLERANCE_PX:
            self.stage = "walk"
        elif excess(tops, self.unit, level=False) <= TOLERANCE_PX and self.excess[False] > TOLERANCE_PX:
            self.stage, self.level = "walk", False
        else:
            # Columns that fit as set, only not once level, are left as they are.
            self.stage, self.level, self.done = "tracking", False, self.excess[False] <= TOLERANCE_PX


def _reach(fits: list[Fit]) -> float:
    """The most of a column's height the tightest setting of `fits` could absorb, generously: what its line
    height saves, and five times its letter-spacing's share (-1 % of an em fits about 1 % more of a line's
    characters on each line). An overflow past it (a text pasted many times over) is not searched: each
    layout of it is slow, and none would fit."""
    if not fits:
        return 0.0
    return (100 - min(fit.leading for fit in fits)) / 100 + 5 * -min(fit.tracking for fit in fits) / 100


def _found(searches: list[_Search]) -> dict[Unit, Fit]:
    return {search.unit: search.found for search in searches if search.found is not None}


def _fitted(chosen: Mapping[Unit, Fit]) -> Fitted:
    fits = ((panel, fit) for unit, fit in chosen.items() for panel in unit)
    return Fitted(tuple(sorted(fits, key=lambda item: item[0])))


def _height(tops: Mapping[str, float], unit: Unit) -> float:
    """How tall the unit's content is at most: from the panel's top to the (levelled) end of its content."""
    top = min(tops.get(f"panel-{panel}", 0.0) for panel in unit)
    end = max(tops[END_PREFIX + panel] for panel in unit)
    return max(end, _levelled_end(tops, unit) if len(unit) == 2 else end) - top
