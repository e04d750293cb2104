"""Fit the news ranker's weights on cnndm_validation and write briefer/data/news_ranker.json.

    python bench/train_ranker.py [--folds 5]

One model is fitted per summary length (1, 2, and 3 or more sentences), since the single best
sentence is not always the first of the best three. Each fit is coordinate ascent on ROUGE-1 +
ROUGE-2 F1 of the summary, starting from the lead (a strong position prior, every other weight
0) with a pull back towards it, and weights may not contradict the sign news structure gives
them (SIGNS), so the weights learn small corrections to the lead rather than a new ranking. Features are scaled to
unit variance while fitting; the file stores weights on the raw features. The same fit is run
once per fold without that fold's articles (article n is in fold n mod k); those fold weights
are stored too, so bench/rouge_eval.py can report cross-validated figures. The run is
deterministic: no randomness, fixed order. The shipped weights are the mean of the fold
models' weights (bagging), which varies less from sample to sample than a single fit on all
articles.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import itertools

from common import ROOT, eval_file, read_jsonl

from briefer.article.sentences import count_words, split_sentences
from briefer.rank.features import FEATURES, headline_index, sentence_features
from briefer.rank.news import NewsModel, model_from_dict
from briefer.rank.select import choose, trigrams

MODEL_PATH = ROOT / "briefer" / "data" / "news_ranker.json"
TRAIN_FILE = "cnndm_validation.jsonl"
SUMMARY_LENGTHS = (1, 2, 3)  # one model per summary size; the last serves longer summaries too
CANDIDATES = 10  # body sentences that can matter for a 3-sentence pick from a window of at most 8
WINDOWS = range(3, 9)
START_POSITION = -3.0  # the lead: on scaled features, position outweighs everything else
PULL = 0.001  # penalty per squared unit of distance from the lead
STEPS = (1.0, 0.5, 0.25, 0.1)
# What news structure says about a feature's sign: a correction may not contradict it.
SIGNS = {"position": -1, "first": 1, "paragraph_start": 1, "headline": 1, "boilerplate": -1}


@dataclass
class Candidate:
    row: list[float]
    unigrams: Counter[str]
    bigrams: Counter[tuple[str, str]]
    trigrams: set[tuple[str, ...]]
    size: int


@dataclass
class Example:
    candidates: list[Candidate]
    references: list[tuple[Counter[str], Counter[tuple[str, str]]]]
    memo: dict[tuple[int, ...], float]


def _tokenizer() -> Any:
    from rouge_score import tokenizers

    return tokenizers.DefaultTokenizer(use_stemmer=True)


def _grams(tokens: list[str]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    return Counter(tokens), Counter(itertools.pairwise(tokens))


def prepare(row: dict[str, Any], tokenizer: Any) -> Example | None:
    sentences = split_sentences(row["article"])
    if not sentences:
        return None
    skip = headline_index(sentences, None)
    body = [s for s in sentences if s.index != skip]
    headline = sentences[skip].text if skip is not None else None
    features = sentence_features(body, headline)[:CANDIDATES]
    candidates = []
    for sentence, feature_row in zip(body, features, strict=False):
        unigrams, bigrams = _grams(tokenizer.tokenize(sentence.text))
        grams = trigrams(sentence.text)
        candidates.append(Candidate(feature_row, unigrams, bigrams, grams, count_words(sentence.text)))
    references = [_grams(tokenizer.tokenize(text)) for text in row.get("references") or [row["summary"]]]
    return Example(candidates, references, {})


def _f1(overlap: int, produced: int, wanted: int) -> float:
    if not overlap:
        return 0.0
    precision, recall = overlap / produced, overlap / wanted
    return 2 * precision * recall / (precision + recall)


def summary_rouge(example: Example, picked: tuple[int, ...]) -> float:
    """ROUGE-1 + ROUGE-2 F1 of the picked candidates (bigrams across sentences left out)."""
    if picked not in example.memo:
        uni = sum((example.candidates[i].unigrams for i in picked), Counter())
        bi = sum((example.candidates[i].bigrams for i in picked), Counter())
        best = 0.0
        for ref_uni, ref_bi in example.references:
            r1 = _f1(sum((uni & ref_uni).values()), uni.total(), ref_uni.total())
            r2 = _f1(sum((bi & ref_bi).values()), bi.total(), ref_bi.total())
            best = max(best, r1 + r2)
        example.memo[picked] = best
    return example.memo[picked]


def pick(example: Example, weights: Sequence[float], window: int, count: int) -> tuple[int, ...]:
    """What the product's selection would choose (scores, window, trigram blocking)."""
    model = NewsModel(tuple(weights), window)
    scores = [model.score(c.row, place) for place, c in enumerate(example.candidates)]
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    sizes = [c.size for c in example.candidates]
    grams = [c.trigrams for c in example.candidates]
    return tuple(sorted(choose(order, sizes, grams, count, None)))


def mean_rouge(examples: Sequence[Example], weights: Sequence[float], window: int, count: int) -> float:
    return statistics.fmean(summary_rouge(e, pick(e, weights, window, count)) for e in examples)


def scales(examples: Sequence[Example]) -> list[float]:
    """Each feature's standard deviation over the candidates (1 where it never varies)."""
    columns = zip(*(c.row for e in examples for c in e.candidates), strict=True)
    return [statistics.pstdev(column) or 1.0 for column in columns]


@dataclass
class Fit:
    scaled: list[float]
    window: int
    value: float


def fit(examples: Sequence[Example], count: int) -> NewsModel:
    """Coordinate ascent from the lead; the result is on raw features."""
    scale = scales(examples)
    start = [START_POSITION if name == "position" else 0.0 for name in FEATURES]

    def objective(scaled: list[float], window: int) -> float:
        raw = [w / s for w, s in zip(scaled, scale, strict=True)]
        pull = sum((w - w0) ** 2 for w, w0 in zip(scaled, start, strict=True))
        return mean_rouge(examples, raw, window, count) - PULL * pull

    best = Fit(list(start), max(WINDOWS), objective(start, max(WINDOWS)))
    for step in STEPS:
        while _improve(best, step, objective):
            pass
    raw = tuple(w / s for w, s in zip(best.scaled, scale, strict=True))
    return NewsModel(raw, best.window)


def _improve(best: Fit, step: float, objective: Any) -> bool:
    improved = False
    for window in WINDOWS:
        value = objective(best.scaled, window)
        if value > best.value + 1e-9:
            best.window, best.value, improved = window, value, True
    for k in range(len(FEATURES)):
        for delta in (step, -step):
            trial = list(best.scaled)
            trial[k] += delta
            if trial[k] * SIGNS.get(FEATURES[k], 0) < 0:
                continue
            value = objective(trial, best.window)
            if value > best.value + 1e-9:
                best.scaled, best.value, improved = trial, value, True
    return improved


def average(models: Sequence[NewsModel]) -> NewsModel:
    """The mean of the fold models' weights and the median of their windows (bagging)."""
    weights = tuple(statistics.fmean(m.weights[k] for m in models) for k in range(len(FEATURES)))
    return NewsModel(weights, round(statistics.median(m.window for m in models)))


def model_to_dict(model: NewsModel) -> dict[str, Any]:
    weights = {name: round(w, 6) for name, w in zip(FEATURES, model.weights, strict=True)}
    return {"window": model.window, "weights": weights}


def fold_models(count: int) -> list[NewsModel]:
    """The per-fold weights stored for summaries of `count` sentences (empty if none were stored)."""
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    for entry in data["models"]:
        if entry["sentences"] == count:
            return [model_from_dict(fold) for fold in entry.get("folds", [])]
    return []


def load_examples() -> list[Example] | None:
    path = eval_file(TRAIN_FILE)
    if path is None:
        return None
    tokenizer = _tokenizer()
    examples = [prepare(row, tokenizer) for row in read_jsonl(path)]
    return [e if e is not None else Example([], [], {}) for e in examples]


def report(name: str, examples: Sequence[Example], model: NewsModel, count: int) -> None:
    lead = mean_rouge(examples, [-1.0 if f == "position" else 0.0 for f in FEATURES], 3, count)
    ours = mean_rouge(examples, model.weights, model.window, count)
    print(f"{name}: R-1+R-2 lead {100 * lead:.2f}, news {100 * ours:.2f} ({100 * (ours - lead):+.2f})")


def fit_length(examples: Sequence[Example], count: int, folds: int) -> dict[str, Any]:
    """The bagged model for summaries of `count` sentences, with its fold models."""
    models = []
    for k in range(folds):
        train = [e for n, e in enumerate(examples) if n % folds != k and e.candidates]
        held = [e for n, e in enumerate(examples) if n % folds == k and e.candidates]
        models.append(fit(train, count))
        report(f"{count} sentences, fold {k} held out", held, models[-1], count)
    model = average(models)
    report(f"{count} sentences, averaged weights (in-sample)", [e for e in examples if e.candidates], model, count)
    return {"sentences": count, **model_to_dict(model), "folds": [model_to_dict(m) for m in models]}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    examples = load_examples()
    if examples is None:
        print(f"{TRAIN_FILE} not found in ../shared/eval: nothing to train on", file=sys.stderr)
        return 1
    size = sum(1 for e in examples if e.candidates)
    data = {
        "trained_on": f"{TRAIN_FILE} ({size} articles) by bench/train_ranker.py",
        "models": [fit_length(examples, count, args.folds) for count in SUMMARY_LENGTHS],
    }
    MODEL_PATH.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
