"""Checks of the document as a whole: its metadata."""

from __future__ import annotations

from collections.abc import Iterator

from brochure.preflight.registry import CheckContext, Finding, Severity, check


@check("metadata")
def metadata(ctx: CheckContext) -> Iterator[Finding]:
    info = ctx.facts.metadata
    for key, label in (("Title", "title"), ("Author", "author")):
        if not info.get(key, "").strip():
            yield Finding("metadata", Severity.ERROR, f"the PDF has no {label}")
    if not ctx.facts.lang:
        yield Finding("metadata", Severity.ERROR, "the PDF has no language (/Lang)")
