"""Turn sentence scores into the brief's picks: how many, which ones, and the hard word cap."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.article.sentences import count_words, words
from briefer.errors import UsageError
from briefer.models import Pick, Sentence
from briefer.rank.readable import Rules

ELLIPSIS = "…"
SCORE_DIGITS = 4
REPEAT_SHARE = 0.2  # share of the shorter sentence's trigrams that makes two sentences repeats
MAX_LEANING = 2  # a sentence that points back brings at most this many sentences before it


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
    rules: Rules | None = None,
) -> tuple[Pick, ...]:
    """The best-scored sentences within the length, in article order.

    With `block_repeats`, of two sentences that repeat each other (see `repeats`) only one is
    shown: the better-scored one, or the later one when it says more (a caption or a summary line at the
    top is often repeated, in full, by the sentence after it). With `rules` (see
    `readable.Rules`), barred sentences are left out while anything else can be shown, and a
    sentence that points back comes only with the sentence it points to.
    """
    count = sentence_count(length, len(sentences))
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    sizes = [count_words(s.text) for s in sentences]
    grams = [trigrams(s.text) for s in sentences] if block_repeats else [set() for _ in sentences]
    allowed = [i for i in order if i not in rules.barred] if rules else order
    chosen = choose(order, sizes, grams, count, length.words, rules) if rules else []
    if not chosen and not (allowed and length.words):
        chosen = choose(order, sizes, grams, count, length.words)
    if not chosen:
        best = (allowed or order)[0]
        return (_cut(sentences[best], scores[best], length.words or 1),)
    return tuple(_pick(sentences[i], scores[i]) for i in sorted(chosen))


def choose(
    order: Sequence[int],
    sizes: Sequence[int],
    grams: Sequence[set[tuple[str, ...]]],
    count: int,
    cap: int | None,
    rules: Rules | None = None,
) -> list[int]:
    """Walk `order` (best first) and keep up to `count` sentences that fit the cap, without repeats.

    A sentence that repeats a single chosen one is kept in its place only when it is longer.
    Shared trigrams are counted through an index of the chosen sentences' trigrams, so the walk
    takes time in proportion to the trigrams looked at, however many sentences are chosen.
    With `rules`, a sentence that points back is taken together with the sentences it leans on
    (when they fit), never alone; barred sentences are skipped.
    """
    walk = _Walk(sizes, grams, cap, rules)
    for i in order:
        if len(walk.chosen) == count:
            break
        group = walk.group(i)
        if group is not None and len(walk.chosen) + len(group) <= count:
            walk.take(group)
    return walk.chosen


class _Walk:
    """The sentences chosen so far, with an index of their trigrams, the words used and the rules."""

    def __init__(
        self,
        sizes: Sequence[int],
        grams: Sequence[set[tuple[str, ...]]],
        cap: int | None,
        rules: Rules | None,
    ) -> None:
        self.sizes, self.grams, self.cap, self.rules = sizes, grams, cap, rules
        self.chosen: list[int] = []
        self.members: set[int] = set()
        self.holders: dict[tuple[str, ...], list[int]] = {}  # trigram -> the chosen sentences holding it
        self.used = 0

    def group(self, i: int) -> list[int] | None:
        """`i` with the unchosen sentences it leans on, earliest first (None if it cannot be shown)."""
        if self.rules is None:
            return [i]
        group = [i]
        while (before := self.rules.needs[group[0]]) is not None and before not in self.members:
            if before in self.rules.barred or len(group) > MAX_LEANING:
                return None
            group.insert(0, before)
        return None if i in self.rules.barred or i in self.members else group

    def take(self, group: list[int]) -> None:
        """Add `group` unless it breaks the cap or repeats; one sentence may replace a shorter repeat."""
        overlapping = [self.overlapping(i) for i in group]
        if len(group) > 1:
            if not any(overlapping) and self.fits(sum(self.sizes[i] for i in group), 0):
                for i in group:
                    self.add(i, [])
            return
        (i,), (found,) = group, overlapping
        freed = sum(self.sizes[j] for j in found)
        if not self.fits(self.sizes[i], freed):
            return
        if not found:
            self.add(i, [])
        elif len(found) == 1 and self.sizes[i] > freed and not self.leaned_on(found[0], i):
            self.add(i, found)

    def overlapping(self, i: int) -> list[int]:
        shared = Counter(j for gram in self.grams[i] for j in self.holders.get(gram, ()))
        return [j for j, n in shared.items() if _is_repeat(n, len(self.grams[i]), len(self.grams[j]))]

    def fits(self, size: int, freed: int) -> bool:
        return self.cap is None or self.used - freed + size <= self.cap

    def leaned_on(self, j: int, newcomer: int) -> bool:
        """Whether a chosen sentence, or `newcomer`, points back to `j` (so `j` may not be replaced)."""
        if self.rules is None:
            return False
        return self.rules.needs[newcomer] == j or (j + 1 in self.members and self.rules.needs[j + 1] == j)

    def add(self, i: int, replacing: list[int]) -> None:
        for old in replacing:
            self.chosen[self.chosen.index(old)] = i
            self.members.discard(old)
            for gram in self.grams[old]:
                self.holders[gram].remove(old)
            self.used -= self.sizes[old]
        if not replacing:
            self.chosen.append(i)
        self.members.add(i)
        for gram in self.grams[i]:
            self.holders.setdefault(gram, []).append(i)
        self.used += self.sizes[i]


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
