"""brochure: bilingual content into print-ready folded leaflets.

The pipeline, one module a stage: content → layout → templating → pdf → output,
wired together by build.
"""

__version__ = "0.1.0"

from .build import BuildResult, build  # noqa: E402
from .content import Content, load_content  # noqa: E402
from .errors import BrochureError, CheckFailed, ExitStatus, InputError  # noqa: E402
from .layout import Layout, load_layout  # noqa: E402

__all__ = [
    "BrochureError",
    "BuildResult",
    "CheckFailed",
    "Content",
    "ExitStatus",
    "InputError",
    "Layout",
    "__version__",
    "build",
    "load_content",
    "load_layout",
]
