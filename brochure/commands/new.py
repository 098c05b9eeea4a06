"""`brochure new`: a leaflet project to start from, copied from one of brochure's examples.

An example is a folder of `brochure/examples/` holding a commented content.yaml, its
images in assets/ and, when it has events, an events/ folder; `brochure new --list` names
them. It builds at once. Every project also gets layouts/README.md, on overriding a
layout (one text for all the examples, kept once as `examples/LAYOUTS.md`), and the JSON
Schemas of the content and event files, made by this brochure (the examples' files name
them on their first line, for editors that read it), and a `.gitignore` that keeps what a build
makes again (out/) and editors' leftovers out of the project's history.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from brochure.errors import InputError
from brochure.files.resources import EXAMPLES_DIR
from brochure.schema.base import closest
from brochure.schema.jsonschema import SCHEMAS, schema_text

DEFAULT_EXAMPLE = "city-network"
LAYOUTS_README = EXAMPLES_DIR / "LAYOUTS.md"
_NOT_COPIED = shutil.ignore_patterns("__pycache__", "out")  # what a build in the example's folder leaves
# The same words in every project: a project's files are its content, never what a build or an editor left.
GITIGNORE = """\
# What `brochure build` makes again from the files of this folder.
out/
# What editors and file managers leave beside the files.
*~
*.swp
*.swo
.#*
.DS_Store
Thumbs.db
"""


def example_names() -> list[str]:
    """The names of the examples a project may start from, sorted."""
    return sorted(path.name for path in EXAMPLES_DIR.iterdir() if (path / "content.yaml").is_file())


def example_folder(name: str) -> Path:
    """The folder of example `name`; InputError naming the closest one if there is none of that name."""
    names = example_names()
    if name not in names:
        close = closest(name, names)
        hint = f"did you mean {close!r}?" if close else f"the examples are {', '.join(names)}"
        raise InputError(f"no example {name!r}; {hint}")
    return EXAMPLES_DIR / name


def new_project(folder: Path, example: str = DEFAULT_EXAMPLE) -> list[Path]:
    """Create a leaflet project in `folder` (new or empty) from `example`; the files written, relative to it."""
    source = example_folder(example)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(f"{folder}: already exists and is not an empty folder; name a new one")
    try:
        shutil.copytree(source, folder, dirs_exist_ok=True, ignore=_NOT_COPIED)
        (folder / "layouts").mkdir(exist_ok=True)
        shutil.copyfile(LAYOUTS_README, folder / "layouts" / "README.md")
        (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8", newline="\n")
        for kind, schema_file in SCHEMAS.items():
            (folder / schema_file.name).write_text(schema_text(kind), encoding="utf-8")
    except OSError as exc:  # a path that cannot be made is the user's to change, not a bug
        raise InputError(f"{folder}: cannot create it: {_why(folder, exc)}") from None
    return sorted(path.relative_to(folder) for path in folder.rglob("*") if path.is_file())


def _why(folder: Path, exc: OSError) -> str:
    """Why `folder` could not be made, in words that point at what to change."""
    if exc.errno == errno.ENOTDIR:
        blocking = next((parent for parent in folder.parents if parent.is_file()), None)
        if blocking is not None:
            return f"{blocking} is a file, not a folder"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        # The path refused is the one being made: the folder it goes in is the one to change.
        return f"no permission to write in {Path(exc.filename).parent if exc.filename else folder.parent}"
    if isinstance(exc, shutil.Error):  # copytree's list of failed copies: the first says enough
        return str(exc.args[0][0][2]) if exc.args and exc.args[0] else "files could not be copied"
    return (exc.strerror or str(exc)).lower()
