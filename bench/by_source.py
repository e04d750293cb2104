"""Cross-validation by source: fit the news ranker on one outlet's articles, score it on the other's.

Every article of cnndm_validation is a CNN story (975 carry "(CNN)" in their opening, with or
without a dateline before it; the other 25 are CNN Student News pages and partner copy run by CNN),
so the file has no DailyMail part to hold out. The DailyMail-style articles are the test items of
cnndm_writer_summaries and cnndm_test_realsumm_lc that are not CNN stories (no "(CNN)" in their
opening). Two folds keep the sources apart in turn:

* fitted on CNN (the 1,000 cnndm_validation articles, as the shipped weights are), scored on
  each DailyMail-style part;
* fitted on the DailyMail-style articles of both files, scored on cnndm_validation.

Beside them, for contrast, the in-domain figures: 5-fold cross-validation inside each source
(the shipped fold models on cnndm_validation; folds over the DailyMail-style articles).
A fit is the trainer's own (`train_ranker.fit`, the 3-sentence model), so every row is selected
as the product selects, repeats blocked and readable.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Sequence
from typing import Any

from train_ranker import _tokenizer, fit, fold_models, prepare

from briefer.rank.news import NewsModel, model_for, score_with

COUNT = 3
FOLDS = 5
_CNN_MARK = re.compile(r"\(CNN\)", re.IGNORECASE)
_OPENING = 300  # characters of the opening searched for the CNN mark


def is_cnn(article: str) -> bool:
    """Whether a CNN/DailyMail article is a CNN story: "(CNN)" in its opening, after any dateline."""
    return bool(_CNN_MARK.search(article[:_OPENING]))


# R-1 of one item ranked by one model, selected as the product selects.
Score = Callable[[Any, NewsModel], float]


def fitted(items: Sequence[Any]) -> NewsModel:
    """The trainer's 3-sentence fit on `items` (the bench's Item objects)."""
    tokenizer = _tokenizer()
    rows = [{"article": item.article, "references": list(item.references)} for item in items]
    examples = [e for e in (prepare(row, tokenizer) for row in rows) if e is not None and e.candidates]
    return fit(examples, COUNT)


def in_folds(items: Sequence[Any], score: Score) -> list[float]:
    """R-1 of every item ranked by the model fitted without its fold (position mod FOLDS)."""
    models = [fitted([x for n, x in enumerate(items) if n % FOLDS != k]) for k in range(FOLDS)]
    return [score(item, models[n % FOLDS]) for n, item in enumerate(items)]


def rows(cnn: Sequence[Any], others: dict[str, Sequence[Any]], score: Score, lead: Score) -> list[str]:
    """The table's rows: each source scored in-domain and by the other source's fit, against the lead."""
    pool = [item for part in others.values() for item in part]
    from_others = fitted(pool)
    folds = fold_models(COUNT)
    shipped = model_for(COUNT)
    lines = [
        _row("CNN (cnndm_validation)", "CNN, 5-fold", [score(i, folds[i.number % len(folds)]) for i in cnn], cnn, lead),
        _row("CNN (cnndm_validation)", "DailyMail-style", [score(i, from_others) for i in cnn], cnn, lead),
    ]
    within = dict(zip(map(id, pool), in_folds(pool, score), strict=True))
    for title, part in others.items():
        lines.append(_row(title, "CNN (shipped)", [score(i, shipped) for i in part], part, lead))
        lines.append(_row(title, "DailyMail-style, 5-fold", [within[id(i)] for i in part], part, lead))
    return lines


def _row(title: str, fitted_on: str, values: Sequence[float], items: Sequence[Any], lead: Score) -> str:
    news = statistics.fmean(values)
    base = statistics.fmean(lead(item, None) for item in items)  # type: ignore[arg-type]
    return f"| {title} | {len(items)} | {fitted_on} | {news:.2f} | {base:.2f} | {news - base:+.2f} |"


HEAD = """### Cross-validation by source (R-1, 3 sentences)

{doc}

| scored on | articles | fitted on | news | lead | news − lead |
| --- | ---: | --- | ---: | ---: | ---: |"""


def table(lines: Sequence[str], doc: str) -> str:
    return HEAD.format(doc=doc) + "\n" + "\n".join(lines)


def scorer_for(picked: Callable[[Any, Sequence[float], bool], float]) -> tuple[Score, Score]:
    """(news, lead) score functions from the rouge part's picked R-1 (item, scores, as the default)."""

    def news(item: Any, model: NewsModel) -> float:
        return picked(item, score_with(model, item.sentences, None), True)

    def lead(item: Any, _: object) -> float:
        return picked(item, [-float(s.index) for s in item.sentences], False)

    return news, lead
