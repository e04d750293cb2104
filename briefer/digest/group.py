"""Same-story clustering and the multi-article summary of a cluster.

Articles become tf-idf vectors (sublinear term frequency, stop words dropped, a light suffix
stemmer, and multi-word names such as "Ruth Okafor" or "Port Alder" as terms of their own).
Candidate pairs come from blocking on each article's most distinctive terms, so the work grows
about linearly with the number of articles rather than with its square; in a pool of many thousands
a pair must share two such terms (or one that few articles have), since one shared word there is
often chance and comparing every such pair would again grow faster than the pool. Candidates are joined
by average linkage: two groups merge only when their members are similar on average, which keeps
one loose pair from chaining unrelated stories together.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations

Vector = dict[str, float]

THRESHOLD = 0.16  # average cosine similarity at which two groups are the same story
BACKGROUND = 10  # imagined documents behind the idf of a pool (see tfidf)
TOP_TERMS = 20  # distinctive terms per article used for blocking
ALL_PAIRS = 100  # up to this many articles every pair is compared; blocking is for bigger pools
MAX_POSTING = 200  # a blocking term shared by more articles than this is too common to block on
STRICT_POOL = 5_000  # beyond this many articles a pair needs two shared blocking terms, or one of FEW
FEW = 8  # a blocking term shared by at most this many articles is enough on its own in a big pool
SUMMARY_WORDS = 250  # the typical length of a multi-document news summary
REDUNDANCY = 0.3  # a sentence this similar to one already chosen adds too little

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d+")
_SUFFIXES = ("ing", "ed", "es", "s")
# Two or more capitalised words in a row: names of people, places and bodies, the surest sign of one story.
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+)+")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words("english"))


def terms(text: str) -> list[str]:
    """Content words of `text`, lower-cased and lightly stemmed."""
    stop = _stop_words()
    found = []
    for token in _WORD.findall(text):
        word = token.lower()
        if len(word) >= 3 and word not in stop:
            found.append(_stem(word))
    return found


def story_terms(text: str) -> list[str]:
    """Content words plus multi-word names (as single terms), for telling stories apart."""
    return terms(text) + ["name:" + name.lower() for name in _NAME.findall(text)]


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tfidf(documents: Sequence[Sequence[str]], background: int = 0) -> list[Vector]:
    """Unit-length tf-idf vectors (sublinear tf, smoothed idf from the documents themselves).

    `background` adds that many imagined documents holding none of the terms, so that in a small
    pool a word shared by every article still counts: with two articles on one story, plain idf
    would give their shared words no weight at all.
    """
    counts = [Counter(doc) for doc in documents]
    frequency = Counter(term for count in counts for term in count)
    size = len(documents) + background
    idf = {term: math.log((size + 1) / (n + 1)) + 1e-3 for term, n in frequency.items()}
    return [_unit({t: (1 + math.log(n)) * idf[t] for t, n in count.items()}) for count in counts]


def _unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(x * x for x in vector.values())) or 1.0
    return {term: x / norm for term, x in vector.items()}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(term, 0.0) for term, x in a.items())


def candidate_pairs(vectors: Sequence[Vector], top_terms: int = TOP_TERMS) -> dict[tuple[int, int], float]:
    """Similarity of every pair of articles that share a distinctive term (blocking); of all pairs in a small pool."""
    if len(vectors) <= ALL_PAIRS:
        return {(i, j): cosine(vectors[i], vectors[j]) for i, j in combinations(range(len(vectors)), 2)}
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term in sorted(vector, key=lambda t: (-vector[t], t))[:top_terms]:
            postings[term].append(index)
    usable = [members for members in postings.values() if len(members) <= MAX_POSTING]
    pairs = _shared_twice_or_rare(usable) if len(vectors) > STRICT_POOL else _shared(usable)
    return {pair: cosine(vectors[pair[0]], vectors[pair[1]]) for pair in sorted(pairs)}


def _shared(postings: list[list[int]]) -> set[tuple[int, int]]:
    """Every pair of articles that share a blocking term."""
    pairs: set[tuple[int, int]] = set()
    for members in postings:
        pairs.update(combinations(members, 2))
    return pairs


def _shared_twice_or_rare(postings: list[list[int]]) -> set[tuple[int, int]]:
    """Pairs that share two blocking terms, or one that at most FEW articles have."""
    pairs: set[tuple[int, int]] = set()
    once: Counter[tuple[int, int]] = Counter()
    for members in postings:
        if len(members) <= FEW:
            pairs.update(combinations(members, 2))
        else:
            once.update(combinations(members, 2))
    pairs.update(pair for pair, count in once.items() if count >= 2)
    return pairs


def group(size: int, similar: dict[tuple[int, int], float], threshold: float = THRESHOLD) -> list[list[int]]:
    """Average-linkage groups of `size` items, strongest pairs first; missing pairs count as 0."""
    owner = list(range(size))
    members: dict[int, list[int]] = {i: [i] for i in range(size)}
    edges = sorted(((s, pair) for pair, s in similar.items() if s >= threshold), key=lambda e: (-e[0], e[1]))
    merged = True
    while merged:
        merged = False
        for _, (i, j) in edges:
            a, b = owner[i], owner[j]
            if a != b and _average_link(members[a], members[b], similar) >= threshold:
                a, b = min(a, b), max(a, b)
                for item in members[b]:
                    owner[item] = a
                members[a] = sorted(members[a] + members.pop(b))
                merged = True
    return sorted(members.values())


def _average_link(first: list[int], second: list[int], similar: dict[tuple[int, int], float]) -> float:
    total = sum(similar.get((min(x, y), max(x, y)), 0.0) for x in first for y in second)
    return total / (len(first) * len(second))


def cluster(texts: Sequence[str], threshold: float = THRESHOLD) -> list[list[int]]:
    """Groups of indices into `texts` that tell the same story, each group in index order."""
    vectors = tfidf([story_terms(text) for text in texts], BACKGROUND)
    return group(len(texts), candidate_pairs(vectors), threshold)


def central(texts: Sequence[str]) -> int:
    """The index of the text closest to the group's centroid: the one that best tells the story."""
    if len(texts) == 1:
        return 0
    vectors = tfidf([story_terms(text) for text in texts])
    centroid = _unit(_sum(vectors))
    return max(range(len(texts)), key=lambda i: (round(cosine(vectors[i], centroid), 6), -i))


def _sum(vectors: Sequence[Vector]) -> Vector:
    total: Vector = defaultdict(float)
    for vector in vectors:
        for term, x in vector.items():
            total[term] += x
    return total


def multi_summary(documents: Sequence[Sequence[str]], words: int = SUMMARY_WORDS) -> list[str]:
    """About `words` words from the sentences of several articles on one story (documents are
    lists of sentences, the best article first): sentences close to the story's centroid and
    early in their article, each adding something new, in the order of their articles."""
    sentences = [(d, i, text) for d, doc in enumerate(documents) for i, text in enumerate(doc)]
    if not sentences:
        return []
    vectors = tfidf([terms(text) for _, _, text in sentences])
    centroid = _unit(_sum(vectors))
    scores = [cosine(v, centroid) / (1 + 0.1 * i) for v, (_, i, _) in zip(vectors, sentences, strict=True)]
    chosen: list[int] = []
    used = 0
    for k in sorted(range(len(sentences)), key=lambda k: (-scores[k], k)):
        if used >= words:
            break
        if all(cosine(vectors[k], vectors[c]) < REDUNDANCY for c in chosen) and terms(sentences[k][2]):
            chosen.append(k)
            used += len(sentences[k][2].split())
    return [sentences[k][2] for k in sorted(chosen)]
