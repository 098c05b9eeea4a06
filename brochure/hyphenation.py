"""The hyphenation dictionaries WeasyPrint hyphenates with, loaded from a copy kept in the user's
cache: pyphen parses the German patterns (66,000 of them) in about 0.6 s, every time a process
first hyphenates German; the copy, in `marshal`'s format, loads in 0.05 s.

A copy is keyed by the dictionary file's name, size and time, and pyphen's version, so an
updated dictionary is parsed anew. A copy that cannot be read is parsed anew; one that cannot
be written is not kept; one is written whole or not at all (another build may read it). A
dictionary with non-standard hyphenation (`ff=f`), which `marshal` cannot hold, is left to pyphen.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from collections.abc import Iterable
from pathlib import Path

import pyphen

from .errors import InputError
from .output import write_atomic
from .resources import cache_folder

_Patterns = dict[str, tuple[int, tuple[int, ...]]]


def warm(languages: Iterable[str]) -> None:
    """Load the dictionaries of `languages` into pyphen's cache, where WeasyPrint finds them."""
    if not hasattr(pyphen, "hdcache"):  # a pyphen that keeps its dictionaries otherwise: it parses them
        return
    for language in languages:
        found = pyphen.language_fallback(language)
        path = Path(pyphen.LANGUAGES[found]) if found else None
        if path is not None and path not in pyphen.hdcache:
            pyphen.hdcache[path] = _kept(path)


def _kept(path: Path) -> pyphen.HyphDict:
    """The dictionary at `path`, from its copy, else parsed (and copied, when it can be)."""
    state = path.stat()
    key = hashlib.sha256(f"{path.name}:{state.st_size}:{state.st_mtime_ns}:{pyphen.__version__}".encode())
    copy = cache_folder("hyphenation") / f"{path.stem}-{key.hexdigest()[:16]}.marshal"
    try:
        return _dictionary(marshal.loads(copy.read_bytes()))
    except (OSError, EOFError, ValueError, TypeError):
        pass
    dictionary = pyphen.HyphDict(path)
    patterns = dictionary.patterns
    if all(type(value) is int for _, values in patterns.values() for value in values):  # not DataInt (`ff=f`)
        with contextlib.suppress(InputError):  # a cache that cannot be written only costs time
            write_atomic(copy, marshal.dumps(patterns))
    return dictionary


def _dictionary(patterns: _Patterns) -> pyphen.HyphDict:
    """A pyphen dictionary of parsed `patterns`, as `HyphDict(path)` would have made it."""
    if not isinstance(patterns, dict) or not patterns:
        raise ValueError("not a dictionary's patterns")
    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns = patterns
    dictionary.cache = {}
    dictionary.maxlen = max(len(key) for key in patterns)
    return dictionary
