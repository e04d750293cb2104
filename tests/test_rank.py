"""The guarantees every ranking method keeps, and what the default news ranker does with news."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import warnings

import pytest

from briefer.article.sentences import count_words, split_sentences
from briefer.errors import UsageError
from briefer.models import Sentence
from briefer.rank import DEFAULT_METHOD, METHODS, Length, summarise
from briefer.rank.features import degree_centrality
from briefer.rank.news import model_for, packaged_models
from briefer.rank.select import ELLIPSIS, default_count, repeats, trigrams

ARTICLE = """Port authority signs ferry deal

The Lake Orrin port authority signed a $12 million contract on Friday for two electric ferries, \
replacing diesel boats that have crossed the lake since 1987.

The ferries will carry 300 passengers each and recharge in eleven minutes at either end of the \
crossing, the authority's director, Paula Grant, said.

"Our riders asked for quieter, cleaner boats, and this is how we deliver them," Grant said.

Fares will not rise, the authority said, because electricity costs less than diesel.

The first ferry is due in service in May 2026 and the second six months later.

Shipyard workers in Kelso will build both boats, keeping about 90 jobs in the town.

Environmental groups welcomed the deal but asked the authority to publish its charging plan."""

ONE_SENTENCE = "The mayor resigned on Monday."

# A sentence that holds no word at all, as pasted copy sometimes does.
ODD = "Officials met on Monday.\n\n—\n\nThey agreed to meet again. Nothing else was decided."

EVERY_METHOD = sorted(METHODS)


def pick(text: str, method: str | None = None, **length: int | float) -> tuple:
    return summarise(split_sentences(text), title=None, method=method, length=Length(**length))


def test_default_method_is_news() -> None:
    assert DEFAULT_METHOD == "news"
    assert pick(ARTICLE) == pick(ARTICLE, "news")


@pytest.mark.parametrize("method", EVERY_METHOD)
@pytest.mark.parametrize("text", [ARTICLE, ONE_SENTENCE, ODD])
def test_never_empty_and_in_article_order(method: str, text: str) -> None:
    picks = pick(text, method)
    indices = [p.sentence for p in picks]
    assert picks
    assert indices == sorted(set(indices))


@pytest.mark.parametrize("method", EVERY_METHOD)
def test_sentence_count_is_honoured(method: str) -> None:
    assert len(pick(ARTICLE, method, sentences=2)) == 2
    assert len(pick(ARTICLE, method, sentences=50)) == len(split_sentences(ARTICLE))


@pytest.mark.parametrize("method", EVERY_METHOD)
@pytest.mark.parametrize("cap", [1, 5, 25, 40, 60])
def test_word_cap_is_never_exceeded(method: str, cap: int) -> None:
    picks = pick(ARTICLE, method, sentences=4, words=cap)
    assert picks
    assert sum(count_words(p.text) for p in picks) <= cap


@pytest.mark.parametrize("method", EVERY_METHOD)
def test_a_cap_below_every_sentence_cuts_the_best_one_with_an_ellipsis(method: str) -> None:
    (only,) = pick(ARTICLE, method, words=4)
    assert only.text.endswith(ELLIPSIS)
    assert count_words(only.text) <= 4
    whole = split_sentences(ARTICLE)[only.sentence].text
    assert whole.startswith(only.text[:-1].rstrip())


@pytest.mark.parametrize("method", EVERY_METHOD)
def test_same_input_same_output(method: str) -> None:
    first = pick(ARTICLE, method, sentences=3)
    assert all(pick(ARTICLE, method, sentences=3) == first for _ in range(3))
    assert all(isinstance(p.score, float) and p.score == round(p.score, 4) for p in first)


def test_unknown_method_lists_the_known_ones() -> None:
    with pytest.raises(UsageError) as error:
        pick(ARTICLE, "bestest")
    for name in ("news", "lead", "lexrank", "textrank", "lsa", "luhn", "edmundson", "sumbasic", "kl"):
        assert name in str(error.value)


@pytest.mark.parametrize(
    "length",
    [{"sentences": 2, "ratio": 0.5}, {"sentences": 0}, {"ratio": 0.0}, {"ratio": 1.5}, {"words": 0}],
)
def test_lengths_that_make_no_sense_are_refused(length: dict) -> None:
    with pytest.raises(UsageError):
        pick(ARTICLE, **length)


def test_ratio_is_a_share_of_the_sentences() -> None:
    total = len(split_sentences(ARTICLE))
    assert len(pick(ARTICLE, ratio=0.5)) == round(total / 2)
    assert len(pick(ARTICLE, ratio=0.01)) == 1


def test_default_length_grows_gently_with_the_article() -> None:
    assert [default_count(n) for n in (1, 10, 39, 40, 80, 500)] == [3, 3, 3, 4, 5, 5]
    assert len(pick(ARTICLE)) == 3
    assert len(pick(ONE_SENTENCE)) == 1


def test_news_skips_a_headline_line_and_keeps_the_story() -> None:
    picks = pick(ARTICLE, sentences=2)
    assert picks[0].text.startswith("The Lake Orrin port authority signed")
    assert all(p.text != "Port authority signs ferry deal" for p in picks)


def test_news_scores_the_headline_below_the_body_but_uses_it_when_nothing_else_fits() -> None:
    text = "Short headline\n\nA much longer body sentence that follows it here.\n\nAnd one more."
    assert [p.sentence for p in pick(text, sentences=2)] == [1, 2]
    assert [p.text for p in pick(text, words=2)] == ["Short headline"]


def test_news_shows_one_of_two_sentences_that_say_the_same_and_keeps_the_fuller() -> None:
    text = (
        "The bridge will close for repairs in May.\n\n"
        "The bridge will close for repairs in May for six weeks, the city said on Tuesday, "
        "and traffic will be diverted through the old town.\n\n"
        "Shops in the old town expect more customers.\n\n"
        "The last closure, in 2015, lasted three months."
    )
    texts = [p.text for p in pick(text, sentences=2)]
    assert texts[0].startswith("The bridge will close for repairs in May for six weeks")
    assert not any(t == "The bridge will close for repairs in May." for t in texts)


def test_news_keeps_two_sentences_that_only_share_a_name_or_a_common_phrase() -> None:
    text = (
        "New Harbour Bank will close one of the branches in Kelso, the bank said on Monday.\n\n"
        "New Harbour Bank reported a profit of $40 million last year, one of the best in its history.\n\n"
        "Customers were told by letter."
    )
    assert [p.sentence for p in pick(text, sentences=2)] == [0, 1]


def test_a_paragraph_pasted_twice_is_shown_once_even_when_every_sentence_is_wanted() -> None:
    paragraph = (
        "The ferry service will resume on Monday after a two-week strike. "
        "Crews accepted a pay rise of four percent over two years. "
        "The operator said timetables would return to normal by Wednesday."
    )
    picks = pick(f"{paragraph}\n\n{paragraph}", ratio=1.0)
    assert [p.sentence for p in picks] == [0, 1, 2]


def test_repeats_are_judged_by_how_much_two_sentences_share() -> None:
    said = trigrams("The council will vote on the new budget for the harbour on Thursday evening.")
    again = trigrams("On Thursday the council will vote on the new budget for the harbour, officials said.")
    other = trigrams("The council will meet the ferry operators on Friday to talk about fares.")
    assert repeats(said, again)
    assert not repeats(said, other)


def test_news_passes_over_a_byline() -> None:
    text = "By Jane Porter\n\n" + ARTICLE.split("\n\n", 1)[1]
    assert all(not p.text.startswith("By Jane") for p in pick(text))


def test_packaged_models_lean_on_the_lead_for_every_length() -> None:
    assert sorted(packaged_models()) == [1, 2, 3]
    for count in (1, 2, 3, 7):
        model = model_for(count)
        assert model.weights[0] < 0  # position: earlier is better
        assert 3 <= model.window <= 10
    assert model_for(7) is model_for(3)


def test_a_sentence_that_shares_the_story_s_words_is_more_central_than_an_aside() -> None:
    terms = [
        ["ferry", "contract", "lake"],
        ["ferry", "passengers", "lake"],
        ["weather", "sunny"],
        ["contract", "ferry", "jobs"],
    ]
    idf = {term: 1.0 for sentence in terms for term in sentence}
    degrees = degree_centrality(terms, idf)
    assert degrees[2] == 0.0
    assert min(degrees[0], degrees[1], degrees[3]) > 0.2
    assert degrees[0] == max(degrees)


def test_a_title_given_separately_is_not_picked_again() -> None:
    sentences = [
        Sentence(0, "Ferry deal signed", 0, 0, 17),
        Sentence(1, "The port signed a deal for two electric ferries on Friday.", 1, 19, 77),
        Sentence(2, "They enter service next year.", 2, 79, 108),
    ]
    picks = summarise(sentences, title="Ferry deal signed", method=None, length=Length(sentences=2))
    assert [p.sentence for p in picks] == [1, 2]


def test_ranking_modules_load_without_sumy_or_numpy() -> None:
    code = "import sys, briefer.rank; print(any(m in sys.modules for m in ('sumy', 'numpy')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_every_method_ranks_alike_in_a_new_process() -> None:
    """Each run of briefer is a new process with its own hash seed; no method may depend on it."""
    code = (
        "import sys, briefer.rank as r, briefer.article.sentences as t\n"
        "s = t.split_sentences(sys.stdin.read())\n"
        "print({name: rank(s, None, 3) for name, rank in sorted(r.METHODS.items())})"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            input=ARTICLE,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert runs[0] and runs[1] == runs[0] and runs[2] == runs[0]


@pytest.mark.parametrize("method", EVERY_METHOD)
def test_sentences_that_share_no_word_get_finite_scores_and_no_warning(method: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        picks = pick("He was there. She was here. It rained.", method, sentences=2)
    assert [p.sentence for p in picks] and all(math.isfinite(p.score) for p in picks)
