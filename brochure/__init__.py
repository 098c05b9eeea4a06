"""brochure: bilingual content into print-ready folded leaflets.

The package is its pipeline, one sub-package a stage, each importing only stages before it
(`tools/imports.py` holds it to that):

- `files/`: paths inside a project, YAML with every node's place, images judged before drawing,
  atomic output, the cache;
- `text/`: the Markdown subset and per-language typography of a content text;
- `schema/`: what content.yaml, an event file and layout.yaml may hold;
- `sheet/`: fold geometry, imposition, colour, what a PDF records of how it was made;
- `content/`: a content file loaded and checked, events merged over it;
- `preflight/`: the page checks, which read a written PDF back and judge it against the
  layout and the content, knowing nothing of how it was made;
- `html/`: the layout's templates filled with the content;
- `render/`: WeasyPrint (the only stage that imports it), press-ready PDF/X-4, marks; the
  setting of text between layouts (`setting/`) and what only buys speed (`warm/`);
- `editions/`: what a build writes (print, e-mail, previews, proof), each checked and published;
- `commands/`: build, batch, watch, serve, new, and the command line.

This root is the public API. Its names are imported when first used, so that `brochure.errors`
or `brochure --help` does not load the renderer.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from brochure.version import __version__

if TYPE_CHECKING:  # pragma: no cover - for type checkers and readers
    from brochure.commands.build import BuildResult, build
    from brochure.content import Content, load_content
    from brochure.errors import BrochureError, CheckFailed, ExitStatus, InputError
    from brochure.preflight import Report, check_pdf
    from brochure.sheet.layout import Layout, load_layout

_PUBLIC = {
    "BrochureError": "brochure.errors",
    "BuildResult": "brochure.commands.build",
    "CheckFailed": "brochure.errors",
    "Content": "brochure.content",
    "ExitStatus": "brochure.errors",
    "InputError": "brochure.errors",
    "Layout": "brochure.sheet.layout",
    "Report": "brochure.preflight",
    "build": "brochure.commands.build",
    "check_pdf": "brochure.preflight",
    "load_content": "brochure.content",
    "load_layout": "brochure.sheet.layout",
}

__all__ = [
    "BrochureError",
    "BuildResult",
    "CheckFailed",
    "Content",
    "ExitStatus",
    "InputError",
    "Layout",
    "Report",
    "__version__",
    "build",
    "check_pdf",
    "load_content",
    "load_layout",
]


def __getattr__(name: str) -> object:
    if name not in _PUBLIC:
        raise AttributeError(f"module 'brochure' has no attribute {name!r}")
    return getattr(importlib.import_module(_PUBLIC[name]), name)
