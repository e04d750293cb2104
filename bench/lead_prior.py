"""The default with its lead prior weakened: what each set gains and loses as position counts less.

Each column scales the position weight of the shipped news models by a factor (on cnndm_validation,
of the fold models, so its figures stay cross-validated); below 1 every sentence competes, not only
the first few (no window). Factor 1 is the default as shipped, factor 0 ranks by content alone. The
rouge part prints these tables beside the method tables of the same run, so the lead and the best
sumy method they are measured against are the very figures of that run.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Any

from briefer.rank.features import FEATURES
from briefer.rank.news import NewsModel, model_for, score_with

FACTORS = (1.0, 0.75, 0.5, 0.25, 0.0)
NO_WINDOW = 10**6
_POSITION = FEATURES.index("position")

# R-1 of the summary that a list of sentence scores picks for an item.
PickedR1 = Callable[[Any, Sequence[float]], float]


def weakened(model: NewsModel, factor: float) -> NewsModel:
    """`model` with its position weight times `factor`, and no window unless the factor is 1."""
    if factor == 1.0:
        return model
    weights = list(model.weights)
    weights[_POSITION] *= factor
    return NewsModel(tuple(weights), NO_WINDOW)


def sweep(items: Sequence[Any], count: int, folds: Sequence[NewsModel], r1: PickedR1) -> dict[float, list[float]]:
    """R-1 of every item at every factor; with `folds`, item n is ranked by fold n mod k's model."""
    found = {}
    for factor in FACTORS:
        models = [weakened(m, factor) for m in folds] or [weakened(model_for(count), factor)]
        found[factor] = [r1(item, _scores(item, models)) for item in items]
    return found


def _scores(item: Any, models: Sequence[NewsModel]) -> list[float]:
    """The item's sentence scores by its fold's model (the one model when there are no folds)."""
    return score_with(models[item.number % len(models)], item.sentences, None)


def tables(rows: Sequence[tuple[str, float, tuple[str, float] | None, dict[float, list[float]]]]) -> str:
    """Two tables, news − lead and news − best sumy, one row per set and one column per factor.

    Each row is (set title, lead R-1, (best sumy method, its R-1) or None, R-1 per item by factor).
    """
    head = " | ".join(f"×{factor:g}" for factor in FACTORS)
    rule = " | ".join("---:" for _ in FACTORS)
    against_lead = [f"| set | lead | {head} |", f"| --- | ---: | {rule} |"]
    against_sumy = [f"| set | best sumy method | {head} |", f"| --- | ---: | {rule} |"]
    for title, lead, best, by_factor in rows:
        means = [statistics.fmean(by_factor[factor]) for factor in FACTORS]
        against_lead.append(f"| {title} | {lead:.2f} | " + " | ".join(f"{m - lead:+.2f}" for m in means) + " |")
        if best is None:
            continue
        best_name, best_r1 = best
        against_sumy.append(
            f"| {title} | {best_name} {best_r1:.2f} | " + " | ".join(f"{m - best_r1:+.2f}" for m in means) + " |"
        )
    return "\n".join(
        [
            "### The lead prior weakened: default − lead (R-1)",
            "",
            *against_lead,
            "",
            "### The lead prior weakened: default − best sumy method (R-1)",
            "",
            *against_sumy,
        ]
    )
