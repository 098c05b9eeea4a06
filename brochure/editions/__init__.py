"""The outputs of a build: each edition a module that registers itself, in the order they are built.

The print edition comes first: the previews and the proof are pictures of it.
"""

from . import printed, email, previews, proof  # noqa: F401, I001  (registers the editions, in this order)
from .registry import EDITIONS, BuildSettings, Edition, EditionResult, Job, Written, edition, plan

__all__ = ["EDITIONS", "BuildSettings", "Edition", "EditionResult", "Job", "Written", "edition", "plan"]
