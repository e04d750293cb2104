"""The default ranker for news: the lead, corrected by what each sentence carries.

A sentence's score is a weighted sum of its features (see `features.FEATURES`). The weights
come from `briefer/data/news_ranker.json`, fitted by `bench/train_ranker.py`, one set per
summary length (1, 2, and 3 or more sentences). Only the first `window` body sentences compete
for the top places; later ones follow them, so the ranker moves within the lead instead of
leaving it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from briefer.models import Sentence
from briefer.rank.features import FEATURES, headline_index, sentence_features
from briefer.rank.openings import OPENING_PENALTY, feature_opening

BEYOND_WINDOW = 100.0  # subtracted from the score of a sentence past the window


@dataclass(frozen=True)
class NewsModel:
    """Weights over FEATURES and the number of leading sentences that compete first."""

    weights: tuple[float, ...]
    window: int

    def score(self, row: Sequence[float], place: int) -> float:
        value = sum(w * f for w, f in zip(self.weights, row, strict=True))
        return value - (BEYOND_WINDOW if place >= self.window else 0.0)


def model_from_dict(data: dict[str, object]) -> NewsModel:
    """A model from its JSON form, checking that it names exactly the features computed here."""
    weights = data["weights"]
    if not isinstance(weights, dict) or set(weights) != set(FEATURES):
        raise ValueError(f"news ranker weights must name exactly: {', '.join(FEATURES)}")
    window = data["window"]
    if not isinstance(window, int) or window < 1:
        raise ValueError("news ranker window must be a positive integer")
    return NewsModel(tuple(float(weights[name]) for name in FEATURES), window)


@lru_cache(maxsize=1)
def packaged_models() -> dict[int, NewsModel]:
    """The shipped models by the summary length (in sentences) each was fitted for."""
    text = resources.files("briefer").joinpath("data", "news_ranker.json").read_text(encoding="utf-8")
    return {int(entry["sentences"]): model_from_dict(entry) for entry in json.loads(text)["models"]}


def model_for(count: int) -> NewsModel:
    """The model fitted for the longest summary length up to `count` (the shortest if none is)."""
    models = packaged_models()
    fitted = [size for size in models if size <= count]
    return models[max(fitted) if fitted else min(models)]


def news_scores(sentences: Sequence[Sentence], title: str | None, count: int) -> list[float]:
    """Scores for every sentence with the packaged weights for a `count`-sentence summary."""
    return score_with(model_for(count), sentences, title)


def score_with(model: NewsModel, sentences: Sequence[Sentence], title: str | None) -> list[float]:
    """Scores for every sentence; a headline line at the top is scored below every body sentence.

    A feature opening (see `openings`) is scored down, so that the nut graf can take its place.
    """
    skip = headline_index(sentences, title)
    body = [s for s in sentences if s.index != skip] if skip is not None else list(sentences)
    headline = title or (sentences[skip].text if skip is not None else None)
    rows = sentence_features(body, headline)
    scores = [model.score(row, place) for place, row in enumerate(rows)]
    if feature_opening(body, headline):
        scores[0] -= OPENING_PENALTY
    if skip is not None:
        scores.insert(skip, min(scores, default=0.0) - 1.0)
    return scores
