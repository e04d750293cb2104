"""People with their roles, organisations and places."""

from __future__ import annotations

from collections.abc import Sequence

from briefer.extract.resolve import resolve_actor
from briefer.models import Entity, Sentence

__all__ = ["extract_who", "resolve_actor"]


def extract_who(sentences: Sequence[Sentence], title: str | None) -> tuple[Entity, ...]:
    """People first (most important first), then organisations, then places."""
    return ()
