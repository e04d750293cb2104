"""What happens next, and when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from briefer.models import NextStep, Sentence


def extract_next_steps(sentences: Sequence[Sentence], published: date | None) -> tuple[NextStep, ...]:
    """Scheduled events and planned actions in article order, dated where `published` allows."""
    return ()
