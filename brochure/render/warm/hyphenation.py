"""The hyphenation dictionaries WeasyPrint hyphenates with, kept parsed in brochure's cache:
pyphen parses the German patterns (66,000 of them) in about 0.6 s, every time a process first
hyphenates German; the kept copy loads in 0.05 s. A dictionary with non-standard hyphenation
(`ff=f`), which the cache cannot hold, is parsed each time.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyphen

from brochure.files import cache
from brochure.text.typography import hyphenation_language

_Patterns = dict[str, tuple[int, tuple[int, ...]]]


def warm(languages: Iterable[str]) -> None:
    """Load the dictionaries of `languages` into pyphen's cache, where WeasyPrint finds them."""
    if not hasattr(pyphen, "hdcache"):  # a pyphen that keeps its dictionaries otherwise: it parses them
        return
    for language in languages:
        found = hyphenation_language(language)  # None: no patterns, nothing to load
        path = Path(pyphen.LANGUAGES[found]) if found else None
        if path is not None and path not in pyphen.hdcache:
            patterns = cache.made_from("hyphenation", path, _parsed, pyphen.__version__, _valid)
            pyphen.hdcache[path] = _dictionary(patterns)


def _parsed(path: Path) -> _Patterns:
    return pyphen.HyphDict(path).patterns


def _valid(patterns: object) -> bool:
    """Whether `patterns` has the shape of pyphen's: pattern → (start, values); 7 ms for German."""
    return (
        isinstance(patterns, dict)
        and bool(patterns)
        and all(
            type(key) is str and type(value) is tuple and len(value) == 2 and type(value[1]) is tuple
            for key, value in patterns.items()
        )
    )


def _dictionary(patterns: _Patterns) -> pyphen.HyphDict:
    """A pyphen dictionary of parsed `patterns`, as `HyphDict(path)` would have made it."""
    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns = patterns
    dictionary.cache = {}
    dictionary.maxlen = max(len(key) for key in patterns)
    return dictionary
