"""Rank an article's sentences and pick the brief's "What": every method behind one interface.

A ranker scores every sentence (higher is better), knowing how many will be picked; `select`
turns the scores into picks within the requested length. `news` is the default; `lead` takes
the opening sentences; the others are sumy's summarisers run on the same sentences and tokens.

Stage 2. May import: `briefer.article` (sentences and words), `briefer.models`, `briefer.errors`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefer.errors import UsageError
from briefer.models import Pick, Sentence
from briefer.rank.news import news_scores
from briefer.rank.select import Length, check_length, select, sentence_count
from briefer.rank.sumy_methods import SUMY_METHODS

# (sentences, title, how many sentences will be picked) -> one score per sentence
Ranker = Callable[[Sequence[Sentence], str | None, int], list[float]]

DEFAULT_METHOD = "news"


def lead_scores(sentences: Sequence[Sentence], title: str | None, count: int) -> list[float]:
    """Earlier sentences first."""
    return [1.0 / (1 + s.index) for s in sentences]


METHODS: dict[str, Ranker] = {"news": news_scores, "lead": lead_scores, **SUMY_METHODS}

# Methods whose picks skip a sentence repeating a word trigram of one already picked.
BLOCK_REPEATS = frozenset({"news"})


def summarise(
    sentences: Sequence[Sentence], *, title: str | None, method: str | None, length: Length
) -> tuple[Pick, ...]:
    """The chosen sentences, in article order, never empty when there is a sentence."""
    name = method or DEFAULT_METHOD
    if name not in METHODS:
        raise UsageError(f"unknown method {name!r}: use one of {', '.join(METHODS)}")
    check_length(length)
    if not sentences:
        return ()
    count = sentence_count(length, len(sentences))
    scores = METHODS[name](sentences, title, count)
    return select(sentences, scores, length, block_repeats=name in BLOCK_REPEATS)


__all__ = ["BLOCK_REPEATS", "DEFAULT_METHOD", "METHODS", "Length", "Ranker", "summarise"]
