"""The outputs of a build, each rendered, checked and published on its own: `EDITIONS`, in the
order they are built. The print edition comes first: the previews and the proof are pictures of it;
the mailing comes after the e-mail PDF and the previews, which it is made of."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from brochure.editions.email import EmailEdition
from brochure.editions.mailing import Mailing
from brochure.editions.previews import Previews
from brochure.editions.printed import PrintEdition
from brochure.editions.proof import Proof
from brochure.editions.registry import BuildSettings, Edition, EditionResult, Job, Written
from brochure.errors import InputError

EDITIONS: Mapping[str, Edition] = MappingProxyType(
    {edition.name: edition for edition in (PrintEdition(), EmailEdition(), Previews(), Mailing(), Proof())}
)

__all__ = ["EDITIONS", "BuildSettings", "Edition", "EditionResult", "Job", "Written", "plan"]


def plan(only: Iterable[str] | None) -> list[Edition]:
    """The editions to build, in their order: those named and those they are made of, else every default one."""
    if only is None:
        return [item for item in EDITIONS.values() if item.by_default]
    names = list(dict.fromkeys(only))
    unknown = [name for name in names if name not in EDITIONS]
    if unknown or not names:
        known = ", ".join(EDITIONS)
        raise InputError(f"--only: no edition {', '.join(map(repr, unknown)) or 'named'}; the editions are {known}")
    wanted = {*names, *(needed for name in names for needed in EDITIONS[name].needs)}
    return [item for name, item in EDITIONS.items() if name in wanted]
