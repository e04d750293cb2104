"""Who committed, pledged, agreed, offered or refused to do what, with amounts."""

from __future__ import annotations

from collections.abc import Sequence

from briefer.models import Commitment, Entity, Sentence


def extract_commitments(sentences: Sequence[Sentence], who: Sequence[Entity]) -> tuple[Commitment, ...]:
    """Commitments in article order, actors resolved to `who` names where possible."""
    return ()
