"""How commitment and next-step items read: the actor first, then the pledge or event in its own clause."""

from __future__ import annotations

from datetime import date

import pytest

from briefer.extract.commitments import extract_commitments
from briefer.extract.layout import action
from briefer.extract.next_steps import extract_next_steps
from briefer.extract.who import extract_who
from briefer.models import Commitment, Sentence


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(i, text, i, 0, len(text)) for i, text in enumerate(texts)]


def commitments(*texts: str) -> tuple[Commitment, ...]:
    split = sentences(*texts)
    return extract_commitments(split, extract_who(split, None))


@pytest.mark.parametrize(
    ("text", "actor", "shown"),
    [
        ("but the council will close the pool in May.", None, "The council will close the pool in May."),
        ("And the city agreed to pay the fine.", None, "The city agreed to pay the fine."),
        (
            "The province has committed $20 million to the project, the transport minister said on Monday.",
            None,
            "The province has committed $20 million to the project.",
        ),
        (
            "The port will hire 300 workers next year, according to a report by the port authority.",
            None,
            "The port will hire 300 workers next year.",
        ),
        (
            "Police had no plans to clear the square, Chief Inspector Jo Hart said about 6:30 p.m.",
            None,
            "Police had no plans to clear the square.",
        ),
        ("Mayor Ana Ortiz promised new homes for the valley.", "Ana Ortiz", "promised new homes for the valley."),
        ("Ortiz said she would meet the union on Friday.", "Ana Ortiz", "would meet the union on Friday."),
        ("Ortiz's plan will cost $3 million.", "Ana Ortiz", "Ortiz's plan will cost $3 million."),
    ],
)
def test_the_action_drops_links_attribution_and_the_actor(text: str, actor: str | None, shown: str) -> None:
    assert action(text, actor) == shown


def test_a_quotation_keeps_its_attribution() -> None:
    text = "“We will not close the clinic this year,” the mayor said."
    assert action(text, None) == text


def test_a_coordinated_pledge_leads_with_the_speaker_and_shows_its_own_clause() -> None:
    found = commitments(
        "Mayor Ana Ortiz said the vote was a turning point for the town and promised that the bridge would "
        "stay open to walkers throughout the work."
    )
    assert [(c.actor, c.action) for c in found] == [
        ("Ana Ortiz", "promised that the bridge would stay open to walkers throughout the work.")
    ]


def test_a_quoted_pledge_leads_with_its_speaker() -> None:
    found = commitments(
        "Daniel Okoro, the transport minister, visited the site.",
        "“We are ready to pay our share of the repairs,” Okoro said.",
    )
    assert [c.actor for c in found] == ["Daniel Okoro"]


@pytest.mark.parametrize(
    "text",
    [
        "LONDON — The country's new leader pledged $5 million to rebuild the port.",
        "NAIROBI, Kenya (Reuters) -- The donors pledged $5 million for the clinic.",
    ],
)
def test_a_dateline_is_never_the_actor(text: str) -> None:
    assert [c.actor for c in commitments(text)] == [None]


def test_the_same_pledge_said_twice_is_one_item_citing_both_sentences() -> None:
    found = commitments(
        "The province has committed $20 million to the bridge.",
        "Officials said the repairs would take two years.",
        "The $20 million committed by the province will cover most of the cost.",
    )
    assert [(c.sentence, c.sentences) for c in found] == [(0, (0, 2))]


def test_the_same_event_said_twice_is_one_next_step_citing_both_sentences() -> None:
    found = extract_next_steps(
        sentences(
            "The council will vote on the budget on March 24.",
            "Residents can comment until then.",
            "The vote on March 24 will decide the pool's future.",
        ),
        date(2026, 3, 2),
    )
    assert [(s.when, s.sentences) for s in found] == [("March 24", (0, 2))]
