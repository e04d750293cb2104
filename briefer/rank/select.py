"""Turn sentence scores into the brief's picks: how many, which ones, and the hard word cap."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.article.sentences import count_words, words
from briefer.errors import UsageError
from briefer.models import Pick, Sentence

ELLIPSIS = "…"
SCORE_DIGITS = 4
REPEAT_SHARE = 0.2  # share of the shorter sentence's trigrams that makes two sentences repeats


@dataclass(frozen=True)
class Length:
    """How long the "What" may be: a sentence count or a ratio, and an optional hard word cap."""

    sentences: int | None = None
    ratio: float | None = None
    words: int | None = None


def check_length(length: Length) -> None:
    """Refuse lengths that name nothing sensible, saying which option to change."""
    if length.sentences is not None and length.ratio is not None:
        raise UsageError("give --sentences or --ratio, not both: they are alternatives")
    if length.sentences is not None and length.sentences < 1:
        raise UsageError("--sentences must be at least 1")
    if length.ratio is not None and not 0 < length.ratio <= 1:
        raise UsageError("--ratio must be a fraction above 0 and at most 1, such as 0.2")
    if length.words is not None and length.words < 1:
        raise UsageError("--words must be at least 1")


def default_count(total: int) -> int:
    """Three sentences for an ordinary article, a few more for long ones."""
    return 3 + (total >= 40) + (total >= 80)


def sentence_count(length: Length, total: int) -> int:
    """How many sentences to pick from an article of `total` sentences (at least one)."""
    if length.sentences is not None:
        wanted = length.sentences
    elif length.ratio is not None:
        wanted = round(length.ratio * total)
    else:
        wanted = default_count(total)
    return max(1, min(wanted, total))


def select(
    sentences: Sequence[Sentence],
    scores: Sequence[float],
    length: Length,
    *,
    block_repeats: bool = False,
) -> tuple[Pick, ...]:
    """The best-scored sentences within the length, in article order.

    With `block_repeats`, of two sentences that repeat each other (see `repeats`) only one is
    shown: the better-scored one, or the later one when it says more (a caption or a summary line at the
    top is often repeated, in full, by the sentence after it).
    """
    count = sentence_count(length, len(sentences))
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    sizes = [count_words(s.text) for s in sentences]
    grams = [trigrams(s.text) for s in sentences] if block_repeats else [set() for _ in sentences]
    chosen = choose(order, sizes, grams, count, length.words)
    if not chosen:
        return (_cut(sentences[order[0]], scores[order[0]], length.words or 1),)
    return tuple(_pick(sentences[i], scores[i]) for i in sorted(chosen))


def choose(
    order: Sequence[int],
    sizes: Sequence[int],
    grams: Sequence[set[tuple[str, ...]]],
    count: int,
    cap: int | None,
) -> list[int]:
    """Walk `order` (best first) and keep up to `count` sentences that fit the cap, without repeats.

    A sentence that repeats a single chosen one is kept in its place only when it is longer.
    Shared trigrams are counted through an index of the chosen sentences' trigrams, so the walk
    takes time in proportion to the trigrams looked at, however many sentences are chosen.
    """
    chosen: list[int] = []
    holders: dict[tuple[str, ...], list[int]] = {}  # trigram -> the chosen sentences holding it
    used = 0
    for i in order:
        if len(chosen) == count:
            break
        shared = Counter(j for gram in grams[i] for j in holders.get(gram, ()))
        overlapping = [j for j, n in shared.items() if _is_repeat(n, len(grams[i]), len(grams[j]))]
        freed = sum(sizes[j] for j in overlapping)
        if cap is not None and used - freed + sizes[i] > cap:
            continue
        if not overlapping:
            chosen.append(i)
        elif len(overlapping) == 1 and sizes[i] > freed:
            (old,) = overlapping
            chosen[chosen.index(old)] = i
            for gram in grams[old]:
                holders[gram].remove(old)
        else:
            continue
        for gram in grams[i]:
            holders.setdefault(gram, []).append(i)
        used += sizes[i] - freed
    return chosen


def repeats(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> bool:
    """Whether two sentences say the same thing (their trigrams, see `trigrams`)."""
    return _is_repeat(len(a & b), len(a), len(b))


def _is_repeat(shared: int, size_a: int, size_b: int) -> bool:
    """A fifth of the shorter sentence's trigrams recur in the other.

    A common phrase or a three-word name in both is not enough in sentences of ordinary length.
    """
    return shared > 0 and shared >= REPEAT_SHARE * min(size_a, size_b)


def trigrams(text: str) -> set[tuple[str, ...]]:
    """The lower-cased word trigrams of `text`."""
    tokens = [token.lower() for token in words(text)]
    return {tuple(tokens[k : k + 3]) for k in range(len(tokens) - 2)}


def _cut(sentence: Sentence, score: float, cap: int) -> Pick:
    kept = sentence.text.split()[:cap]
    text = " ".join(kept).rstrip(",;:—–-") + ELLIPSIS
    return Pick(text, sentence.index, round(float(score), SCORE_DIGITS))


def _pick(sentence: Sentence, score: float) -> Pick:
    return Pick(sentence.text, sentence.index, round(float(score), SCORE_DIGITS))
