"""The environment every template is filled in: Jinja2's immutable sandbox, within bounds.

A project's layout may override any of brochure's templates, and a project may come from anyone
(a colleague's folder, a partner's zip). So its templates, and brochure's own alike, reach no
Python internals (no `__globals__`, no `__subclasses__`), change none of the values they are
given, and cannot keep a build busy for ever or fill the memory: a `range` holds at most
MAX_RANGE numbers, a width or count given to a filter or a format is at most MAX_RANGE, and a
text a template makes (a repeated string, a call's result, a namespace's value, the whole
document) holds at most MAX_TEXT characters, and the templates write at most that many. Past a
bound, a SecurityError, which Jinja2 places on the template's line like any error of a template.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable
from typing import Any

from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import Namespace, _PassArg

MAX_RANGE = 10_000  # a leaflet's loops are over its panels, blocks and items: a few dozen
MAX_TEXT = 20_000_000  # characters; a leaflet's whole HTML is about 200,000
MAX_POWER_BITS = 4096  # `2 ** 10 ** 9` alone would compute for hours

# The filters that make a text or a list as large as an integer argument says.
_SIZED_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice"})
_PRINTF_WIDTH = re.compile(r"%[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with brochure's bounds; `bound_filters` once the filters are all in."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=self._written, **options)
        self.globals["range"] = bounded_range
        self.globals["namespace"] = BoundedNamespace
        self.written = 0  # characters written by the templates' expressions, a macro's twice

    def _written(self, value: Any) -> Any:
        """Each value a template writes, as it is, counted on the line that writes it."""
        self.written += len(value) if isinstance(value, str) else 0
        if self.written > MAX_TEXT:
            raise SecurityError(f"a document longer than {MAX_TEXT:,} characters")
        return value

    def bound_filters(self) -> None:
        """Check the arguments and the result of every filter, Jinja2's and brochure's."""
        self.filters = {name: _bounded_filter(name, value) for name, value in self.filters.items()}

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif isinstance(left, str):  # "%": a printf-style format
            _check_printf(left)
        return bounded(super().call_binop(context, operator, left, right))

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        wrapped = getattr(obj, "__wrapped__", obj)  # the sandbox's str.format is a wrapper of it
        if getattr(wrapped, "__name__", "") in ("format", "format_map") and isinstance(
            getattr(wrapped, "__self__", None), str
        ):
            _check_format(wrapped.__self__)
        if obj is not bounded_range:  # which says why itself
            _check_sizes(args, kwargs.values(), most=MAX_TEXT)
        return bounded(super().call(context, obj, *args, **kwargs))


def bounded(value: Any) -> Any:
    """`value`, unless it is a text longer than MAX_TEXT."""
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise SecurityError(f"a text longer than {MAX_TEXT:,} characters")
    return value


def bounded_range(*args: int) -> range:
    """`range`, of at most MAX_RANGE numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise SecurityError(f"a range of more than {MAX_RANGE:,} numbers")
    return numbers


class BoundedNamespace(Namespace):
    """A template's `namespace()`, whose values are texts of at most MAX_TEXT characters: a loop that
    doubles a text in it would otherwise fill the memory before the document grows."""

    def __setitem__(self, name: str, value: Any) -> None:
        super().__setitem__(name, bounded(value))


def _bounded_filter(name: str, function: Callable) -> Callable:
    given = 1 if _PassArg.from_obj(function) is None else 2  # the context, if passed, then the value

    @functools.wraps(function)  # with Jinja2's mark of what the filter is passed
    def checked(*args: Any, **kwargs: Any) -> Any:
        if name in _SIZED_FILTERS:
            _check_sizes(args[given:], kwargs.values(), most=MAX_RANGE)
        elif name == "format" and len(args) >= given and isinstance(args[given - 1], str):
            _check_printf(args[given - 1])
        return bounded(function(*args, **kwargs))

    return checked


def _check_sizes(args: Any, kwargs: Any, most: int) -> None:
    for value in (*args, *kwargs):
        if type(value) is int and abs(value) > most:
            raise SecurityError(f"a size or count of {value:,}, more than {most:,}")


def _check_repeat(left: Any, right: Any) -> None:
    for times, repeated in ((left, right), (right, left)):
        if type(times) is int and isinstance(repeated, (str, list, tuple)) and times * len(repeated) > MAX_TEXT:
            raise SecurityError(f"a text or list of more than {MAX_TEXT:,} items, repeated")


def _check_power(base: Any, exponent: Any) -> None:
    if type(base) is int and type(exponent) is int and exponent * abs(base).bit_length() > MAX_POWER_BITS:
        raise SecurityError(f"a power of more than {MAX_POWER_BITS:,} bits")


def _check_printf(text: str) -> None:
    for match in _PRINTF_WIDTH.finditer(text):
        for number in match.groups():
            if number == "*" or (number and int(number) > MAX_RANGE):
                raise SecurityError(f"a format width of more than {MAX_RANGE:,}, or one given as '*'")


def _check_format(text: str) -> None:
    try:
        fields = [spec for _, _, spec, _ in string.Formatter().parse(text) if spec]
    except ValueError:
        return  # not a format: str.format raises it
    for spec in fields:
        if "{" in spec or any(int(number) > MAX_RANGE for number in re.findall(r"\d+", spec)):
            raise SecurityError(f"a format width of more than {MAX_RANGE:,}, or one given by a field")
