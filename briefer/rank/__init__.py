"""Rank an article's sentences and pick the brief's "What": every method behind one interface."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefer.errors import UsageError
from briefer.models import Pick, Sentence

# A ranker scores every sentence (higher is better); the selector turns scores into picks.
Ranker = Callable[[Sequence[Sentence], str | None], list[float]]

DEFAULT_METHOD = "lead"


@dataclass(frozen=True)
class Length:
    """How long the "What" may be: a sentence count or a ratio, and an optional hard word cap."""

    sentences: int | None = None
    ratio: float | None = None
    words: int | None = None


def lead_scores(sentences: Sequence[Sentence], title: str | None) -> list[float]:
    """Earlier sentences first."""
    return [1.0 / (1 + s.index) for s in sentences]


METHODS: dict[str, Ranker] = {"lead": lead_scores}


def summarise(
    sentences: Sequence[Sentence], *, title: str | None, method: str | None, length: Length
) -> tuple[Pick, ...]:
    """The chosen sentences, in article order."""
    name = method or DEFAULT_METHOD
    if name not in METHODS:
        raise UsageError(f"unknown method {name!r}: use one of {', '.join(sorted(METHODS))}")
    if not sentences:
        return ()
    scores = METHODS[name](sentences, title)
    count = length.sentences or 3
    best = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[:count]
    return tuple(Pick(sentences[i].text, sentences[i].index, round(scores[i], 6)) for i in sorted(best))
