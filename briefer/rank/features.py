"""What the news ranker knows about each sentence: where it sits and what it carries.

Every feature is a plain number computed from the article alone, in pure Python, so the default
ranker needs neither sumy nor numpy.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from briefer.article.sentences import same_text, words
from briefer.models import Sentence
from briefer.rank.lexicon import STOP_WORDS

FEATURES = (
    "position",  # log(1 + place among the body's sentences)
    "first",  # the body's first sentence
    "paragraph_start",  # opens a paragraph (other than the first)
    "centrality",  # cosine with the whole article's term vector
    "degree",  # mean cosine with each other sentence (graph centrality, as in LexRank)
    "term_weight",  # how frequent its content words are in the article
    "headline",  # share of the headline's content words it repeats
    "length",  # log of its word count
    "short",  # fewer than 10 words
    "long",  # more than 40 words
    "entities",  # share of its words that are capitalised names (not the opening word)
    "numbers",  # holds a number
    "quote",  # holds a quotation
    "question",  # ends with a question mark
    "boilerplate",  # byline, dateline, photo credit, "click here"…
)
# Features given as a share of the article's highest value, so that articles long and short,
# dense and loose, are on one scale.
RELATIVE = tuple(FEATURES.index(name) for name in ("centrality", "degree", "term_weight"))

_QUOTES = re.compile(r"[\"“”]|(?:^|\s)['‘]\w")
# Lines that are not article text wherever they stand: timestamps, calls to click or follow.
_BOILERPLATE = re.compile(
    r"^(?:published:|updated:|last updated|follow\b|click here|scroll down|read more|share this|"
    r"copyright|©|reporting by|pictured:)|\b(?:EST|GMT|BST|EDT),\s+\d|\bclick here\b",
    re.IGNORECASE,
)
# Short lines that are credits or captions rather than sentences: "By Jane Doe", "March 9, 2015 ."
_CREDIT = re.compile(r"^(?:By [A-Z]|Photo\b|Image\b|Video\b|\(?AP\)?\s*[-—–]|[A-Z][a-z]+ \d{1,2}, \d{4}\W*$)")
_CREDIT_MAX_WORDS = 12
_HEADLINE_MAX_WORDS = 20
_END_PUNCTUATION = tuple(".!?\"”’'")


def content_terms(text: str) -> list[str]:
    """Lower-cased words that carry meaning: no function words, no one-letter tokens."""
    terms = (token.lower() for token in words(text))
    return [term for term in terms if len(term) > 1 and term not in STOP_WORDS]


def headline_index(sentences: Sequence[Sentence], title: str | None) -> int | None:
    """The index of a first sentence that is the headline rather than body text, if there is one."""
    first = sentences[0]
    if title and same_text(first.text, title):
        return 0
    alone = len(sentences) > 1 and sentences[1].paragraph != first.paragraph
    unpunctuated = not first.text.rstrip().endswith(_END_PUNCTUATION)
    return 0 if alone and unpunctuated and len(words(first.text)) <= _HEADLINE_MAX_WORDS else None


def sentence_features(body: Sequence[Sentence], headline: str | None) -> list[list[float]]:
    """One row of FEATURES per body sentence (the headline line, if any, already left out)."""
    terms = [content_terms(s.text) for s in body]
    weights = _idf(terms)
    article = Counter(t for ts in terms for t in ts)
    article_vector = {t: n * weights[t] for t, n in article.items()}
    article_norm = _norm(article_vector)
    head = set(content_terms(headline)) if headline else set()
    degrees = degree_centrality(terms, weights)
    rows = []
    for place, (sentence, ts) in enumerate(zip(body, terms, strict=True)):
        centrality, *content = _content(ts, weights, (article_vector, article_norm), article, head)
        rows.append([*_position(place, sentence, body), centrality, degrees[place], *content, *_surface(sentence.text)])
    return _relative_to_the_article(rows, RELATIVE)


def _relative_to_the_article(rows: list[list[float]], columns: Sequence[int]) -> list[list[float]]:
    """Each of `columns` divided by its highest value in the article (left as is where that is 0)."""
    for column in columns:
        top = max((row[column] for row in rows), default=0.0)
        if top > 0:
            for row in rows:
                row[column] /= top
    return rows


def degree_centrality(terms: Sequence[list[str]], idf: dict[str, float]) -> list[float]:
    """Each sentence's mean tf-idf cosine with every other sentence.

    With unit vectors v, the sum of v_i·v_j over j ≠ i is v_i·(Σ v_j) − v_i·v_i, so one summed vector
    gives every sentence's degree in time linear in the article's length, with no pairwise step.
    """
    vectors = [_unit(Counter(ts), idf) for ts in terms]
    total: dict[str, float] = {}
    for vector in vectors:
        for term, value in vector.items():
            total[term] = total.get(term, 0.0) + value
    others = max(len(vectors) - 1, 1)
    return [_degree(vector, total) / others for vector in vectors]


def _degree(vector: dict[str, float], total: dict[str, float]) -> float:
    with_all = sum(value * total[term] for term, value in vector.items())
    with_itself = sum(value * value for value in vector.values())
    return max(with_all - with_itself, 0.0)


def _unit(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    vector = {t: n * idf[t] for t, n in counts.items()}
    norm = _norm(vector)
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _idf(terms: list[list[str]]) -> dict[str, float]:
    df = Counter(t for ts in terms for t in set(ts))
    total = len(terms)
    return {t: math.log((1 + total) / (1 + n)) + 1 for t, n in df.items()}


def _position(place: int, sentence: Sentence, body: Sequence[Sentence]) -> list[float]:
    opens = place > 0 and body[place - 1].paragraph != sentence.paragraph
    return [math.log1p(place), float(place == 0), float(opens)]


def _content(
    ts: list[str],
    idf: dict[str, float],
    article_vector: tuple[dict[str, float], float],
    article: Counter[str],
    head: set[str],
) -> list[float]:
    counts = Counter(ts)
    vector = {t: n * idf[t] for t, n in counts.items()}
    centrality = _cosine(vector, *article_vector)
    term_weight = sum(article[t] for t in ts) / len(ts) if ts else 0.0
    headline = len(head & counts.keys()) / len(head) if head else 0.0
    return [centrality, term_weight, headline]


def _cosine(a: dict[str, float], b: dict[str, float], b_norm: float) -> float:
    """Cosine of a sentence vector with the article vector, whose norm is computed once per article."""
    dot = sum(value * b.get(key, 0.0) for key, value in a.items())
    norm = _norm(a) * b_norm
    return dot / norm if norm else 0.0


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def _surface(text: str) -> list[float]:
    tokens = words(text)
    size = max(len(tokens), 1)
    names = sum(token[:1].isupper() for token in tokens[1:])
    return [
        math.log(size),
        float(size < 10),
        float(size > 40),
        names / size,
        float(any(ch.isdigit() for ch in text)),
        float(bool(_QUOTES.search(text))),
        float(text.rstrip("\"”’' ").endswith("?")),
        float(_is_boilerplate(text, len(tokens))),
    ]


def _is_boilerplate(text: str, size: int) -> bool:
    return bool(_BOILERPLATE.search(text) or (size <= _CREDIT_MAX_WORDS and _CREDIT.search(text)))
