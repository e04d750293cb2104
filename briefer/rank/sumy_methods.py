"""sumy's summarisers as rankers: the same sentences and tokenizer as the rest of briefer.

sumy and numpy are imported inside the functions, so only a run that names one of these methods
pays for them.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from itertools import groupby
from typing import Any

from briefer.article.sentences import SumyTokenizer
from briefer.models import Sentence
from briefer.rank.lexicon import BONUS_WORDS, STIGMA_WORDS, STOP_WORDS

LANGUAGE = "english"


def _document(sentences: Sequence[Sentence], title: str | None) -> Any:
    """A sumy document holding exactly our sentences, in order, grouped by paragraph."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph  # type: ignore[import-untyped]
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = SumyTokenizer(LANGUAGE)
    paragraphs = []
    for _, group in groupby(sentences, key=lambda s: s.paragraph):
        paragraphs.append([SumySentence(s.text, tokenizer) for s in group])
    if title:
        paragraphs[0].insert(0, SumySentence(title, tokenizer, is_heading=True))
    return ObjectDocumentModel([Paragraph(p) for p in paragraphs])


def _all_ratings(summarizer: Any, sentences: Sequence[Sentence], title: str | None) -> list[float]:
    """Every sentence's rating, by asking the summariser for a count that keeps them all.

    Where the sentences share no word, some methods divide by zero (LexRank's power iteration
    on a graph with no edges): such a rating counts as 0, no evidence either way. The warnings
    sumy and numpy raise on such small or bare articles (LSA's "fewer words than sentences",
    numpy's division by zero) are meant for developers and are not passed on to the user.
    """
    ratings = [0.0] * len(sentences)

    def keep_all(infos: list[Any]) -> list[Any]:
        for info in infos:
            rating = float(info.rating)
            ratings[info.order] = rating if math.isfinite(rating) else 0.0
        return infos

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        summarizer(_document(sentences, title), keep_all)
    return ratings


def _stemmer() -> Any:
    from sumy.nlp.stemmers import Stemmer  # type: ignore[import-untyped]

    return Stemmer(LANGUAGE)


def _stop_words() -> frozenset[str]:
    from sumy.utils import get_stop_words  # type: ignore[import-untyped]

    return frozenset(get_stop_words(LANGUAGE)) | STOP_WORDS


def _with_stop_words(factory: Callable[[Any], Any]) -> Callable[[], Any]:
    def build() -> Any:
        summarizer = factory(_stemmer())
        summarizer.stop_words = _stop_words()
        return summarizer

    return build


def _lexrank(stemmer: Any) -> Any:
    from sumy.summarizers.lex_rank import LexRankSummarizer  # type: ignore[import-untyped]

    return LexRankSummarizer(stemmer)


def _textrank(stemmer: Any) -> Any:
    from sumy.summarizers.text_rank import TextRankSummarizer  # type: ignore[import-untyped]

    return TextRankSummarizer(stemmer)


def _lsa(stemmer: Any) -> Any:
    from sumy.summarizers.lsa import LsaSummarizer  # type: ignore[import-untyped]

    class SortedLsaSummarizer(LsaSummarizer):  # type: ignore[misc]
        """LSA with its term rows in sorted order.

        sumy numbers the rows in a frozenset's order, which changes with each process's hash seed;
        the SVD then differs in its last bits and near-tied sentences swap from run to run.
        """

        def _create_dictionary(self, document: Any) -> dict[str, int]:
            words = (self.normalize_word(w) for w in document.words)
            unique = sorted({self.stem_word(w) for w in words if w not in self._stop_words})
            return {word: row for row, word in enumerate(unique)}

    return SortedLsaSummarizer(stemmer)


def _luhn(stemmer: Any) -> Any:
    from sumy.summarizers.luhn import LuhnSummarizer  # type: ignore[import-untyped]

    return LuhnSummarizer(stemmer)


def _sumbasic(stemmer: Any) -> Any:
    from sumy.summarizers.sum_basic import SumBasicSummarizer  # type: ignore[import-untyped]

    return SumBasicSummarizer(stemmer)


def _kl(stemmer: Any) -> Any:
    from sumy.summarizers.kl import KLSummarizer  # type: ignore[import-untyped]

    return KLSummarizer(stemmer)


def _reduction(stemmer: Any) -> Any:
    from sumy.summarizers.reduction import ReductionSummarizer  # type: ignore[import-untyped]

    return ReductionSummarizer(stemmer)


def _edmundson() -> Any:
    """Edmundson with English cue words; the title and location methods use the headline."""
    from sumy.summarizers.edmundson import EdmundsonSummarizer  # type: ignore[import-untyped]

    summarizer = EdmundsonSummarizer(_stemmer(), cue_weight=1.0, key_weight=1.0)
    summarizer.bonus_words = BONUS_WORDS
    summarizer.stigma_words = STIGMA_WORDS
    summarizer.null_words = _stop_words()
    return summarizer


def _ranker(build: Callable[[], Any]) -> Callable[[Sequence[Sentence], str | None, int], list[float]]:
    def rank(sentences: Sequence[Sentence], title: str | None, count: int) -> list[float]:
        return _all_ratings(build(), sentences, title)

    return rank


SUMY_METHODS = {
    "edmundson": _ranker(_edmundson),
    "kl": _ranker(_with_stop_words(_kl)),
    "lexrank": _ranker(_with_stop_words(_lexrank)),
    "lsa": _ranker(_with_stop_words(_lsa)),
    "luhn": _ranker(_with_stop_words(_luhn)),
    "reduction": _ranker(_with_stop_words(_reduction)),
    "sumbasic": _ranker(_with_stop_words(_sumbasic)),
    "textrank": _ranker(_with_stop_words(_textrank)),
}
