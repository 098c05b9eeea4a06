"""100 % K text and rules overprint in the print edition, and nothing else does: a post-process of the
PDF WeasyPrint is about to write (a finisher, on its pydyf objects, so the bytes stay reproducible).

Black knocked out of a colour leaves a white hairline beside every letter and rule as soon as the plates
are a hair out of register; overprinted, the black lies on the colour and no gap can open. Anything else
that overprinted would vanish (white) or mix with what lies under it (a colour), so each paint gets the
overprint it must have (`Paint.must_overprint`, the `overprint` check's measure) through an ExtGState
set just before it: before a run of text, inside its text object; before a path's first operator, since
nothing may come between a path and its paint. The state changes only where it must.
"""

from __future__ import annotations

from typing import Any

import pydyf

from brochure.preflight.fineprint import IDENTITY
from brochure.preflight.paints import Paint, PaintWalk
from brochure.preflight.paths import Matrix
from brochure.preflight.streams import Operations, split_operations
from brochure.render.tidy import resolved

# (stroke, fill) overprint → the ExtGState that sets it; the overprint mode 1 leaves the inks at 0 of a
# DeviceCMYK colour alone, so that 100 % K overprints C, M and Y rather than painting them at 0.
STATES = {
    (False, False): "Knockout",
    (False, True): "OverprintFill",
    (True, False): "OverprintStroke",
    (True, True): "Overprint",
}


def overprint_black(pdf: pydyf.PDF) -> None:
    """Set overprint on every 100 % K run of text and rule of every page and form, and off elsewhere."""
    source = _PydyfSource(pdf)
    wanted: dict[int, dict[int, dict[str, bool]]] = {}  # stream → paint start → part → overprints

    def found(paint: Paint) -> None:
        parts = wanted.setdefault(paint.stream, {}).setdefault(paint.start, {})
        parts.setdefault(paint.part, paint.must_overprint)  # a form drawn twice: as first drawn

    for obj in list(pdf.objects):
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page":
            walk = PaintWalk(source, 0, (0.0, 0.0), found, forms_inherit=False)
            walk.stream(resolved(pdf, obj.get("Contents")), obj.get("Resources"))
            source.holders[id(resolved(pdf, obj.get("Contents")))] = obj
    references: dict[str, bytes] = {}
    for stream_id, starts in wanted.items():
        stream = source.streams[stream_id]
        holder = source.holders[stream_id]
        own = resolved(pdf, resolved(pdf, holder.get("Resources") or {}).get("ExtGState"))
        setting = {name for name, state in (own or {}).items() if {"OP", "op", "OPM"} & set(resolved(pdf, state))}
        known = holder.get("Type") == "/Page"
        used = _set_states(stream, source.operations(stream), starts, known, setting)
        if not used:
            continue
        for name in sorted(used):
            if name not in references:
                stroke, fill = next(pair for pair, state in STATES.items() if state == name)
                state = pydyf.Dictionary({"Type": "/ExtGState", "OP": _flag(stroke), "op": _flag(fill), "OPM": 1})
                pdf.add_object(state)
                references[name] = state.reference
        _add_states(pdf, holder, {name: references[name] for name in sorted(used)})


def _set_states(
    stream: pydyf.Stream, operations: Operations, starts: dict[int, dict[str, bool]], known: bool, setting: set[str]
) -> set[str]:
    """Insert into `stream` a `gs` before each paint whose overprint differs from the one in force (a page
    starts with none, a form with one it cannot know), `setting` naming the stream's own states that set
    overprint; the names of the states inserted."""
    current: tuple[bool, bool] | None = (False, False) if known else None
    stack: list[tuple[bool, bool] | None] = []
    chunks: list = []
    used: set[str] = set()
    for index, (chunk, (operands, operator)) in enumerate(zip(stream.stream, operations, strict=True)):
        parts = starts.get(index)
        if parts is not None:
            pair = (parts.get("stroke", False), parts.get("fill", False))
            if pair != current:
                chunks.append(f"/{STATES[pair]} gs".encode("ascii"))
                used.add(STATES[pair])
                current = pair
        if operator == b"q":
            stack.append(current)
        elif operator == b"Q" and stack:
            current = stack.pop()
        elif operator == b"gs" and operands and str(operands[0])[1:] in setting:
            current = None
        chunks.append(chunk)
    stream.stream = chunks
    return used


def _add_states(pdf: pydyf.PDF, holder: dict, states: dict[str, bytes]) -> None:
    """Name `states` in the ExtGState resources of what draws the stream (a page, or a form's own)."""
    resources = resolved(pdf, holder.get("Resources"))
    if resources is None:
        resources = holder["Resources"] = pydyf.Dictionary()
    own = resolved(pdf, resources.get("ExtGState"))
    if not isinstance(own, pydyf.Dictionary):
        own = resources["ExtGState"] = pydyf.Dictionary()
    own.update(states)


def _flag(value: bool) -> str:
    return "true" if value else "false"


class _PydyfSource:
    """The paint walker's view of the pydyf objects WeasyPrint writes: every operator a chunk of its own,
    so that an operation's index is its chunk's (a stream written otherwise is left as it is)."""

    def __init__(self, pdf: pydyf.PDF) -> None:
        self.pdf = pdf
        self.streams: dict[int, pydyf.Stream] = {}
        self.holders: dict[int, Any] = {}  # what holds each stream's resources: a page, a form's dictionary
        self._operations: dict[int, Operations | None] = {}

    def operations(self, stream) -> Operations | None:
        if id(stream) not in self._operations:
            operations: Operations | None = []
            for chunk in stream.stream:
                one = split_operations(chunk) if isinstance(chunk, bytes) else None
                if one is None or len(one) != 1:
                    operations = None
                    break
                operations.append(one[0])
            self._operations[id(stream)] = operations
            self.streams[id(stream)] = stream
        return self._operations[id(stream)]

    def key(self, stream) -> int:
        return id(stream)

    def entry(self, resources, category: str, name) -> Any:
        entries = resolved(self.pdf, resolved(self.pdf, resources or {}).get(category))
        return resolved(self.pdf, entries.get(str(name)[1:])) if isinstance(entries, dict) else None

    def form(self, xobject) -> tuple[Any, Any, Matrix] | None:
        if not isinstance(xobject, pydyf.Stream) or xobject.extra.get("Subtype") != "/Form":
            return None
        self.holders[id(xobject)] = xobject.extra
        matrix = tuple(float(v) for v in xobject.extra.get("Matrix", IDENTITY))
        return xobject, xobject.extra.get("Resources"), matrix

    def state(self, ext_state) -> dict[str, Any]:
        return {}  # WeasyPrint's states set alpha only, not overprint

    def space(self, value) -> str:
        return {"/DeviceCMYK": "DeviceCMYK", "/DeviceGray": "Gray"}.get(str(value), "other")
