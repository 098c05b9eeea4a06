"""brochure: bilingual content into print-ready folded leaflets.

The pipeline, one module a stage, wired together by build: content (load, with
schema/ to validate) → layout (fold geometry) → templating (HTML) → pdf (WeasyPrint,
through fetcher) → preflight (page checks on the written file, read by pdffacts)
→ output (staged write, then rename).
"""

__version__ = "0.1.0"

from .build import BuildResult, build  # noqa: E402
from .content import Content, load_content  # noqa: E402
from .errors import BrochureError, CheckFailed, ExitStatus, InputError  # noqa: E402
from .layout import Layout, load_layout  # noqa: E402
from .preflight import Report, check_pdf  # noqa: E402

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
