"""Commitments: who pledged, agreed, offered or refused what, and how much; and what is not a pledge."""

from __future__ import annotations

import pytest

from briefer.extract.commitments import extract_commitments
from briefer.models import Entity, Sentence

WHO = (
    Entity("Maria Lopez", "person", "Finance Minister", 3, (0, 1)),
    Entity("Tom Reed", "person", "mayor", 2, (2,)),
    Entity("Norland", "place", None, 4, (0,)),
    Entity("Harbour Union", "organization", None, 2, (1,)),
)


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(i, text, i, 0, len(text)) for i, text in enumerate(texts)]


def commitments(*texts: str):  # type: ignore[no-untyped-def]
    return extract_commitments(sentences(*texts), WHO)


@pytest.mark.parametrize(
    "text",
    [
        "Norland has committed $4 billion in military aid since 2021, officials say.",
        "Finance Minister Maria Lopez pledged to cut the deficit by half.",
        "The mayor promised a full inquiry into the flooding.",
        "The Harbour Union agreed to suspend the strike for a month.",
        "Norland has offered £200m to rebuild the bridge.",
        "Tom Reed announced £12m of new investment in the port.",
        "The ministers said they are ready to play an active role in the talks.",
        "She said her government would be willing to accept a compromise.",
        "Tom Reed has ruled out raising council tax this year.",
        "The union refused to accept the offer.",
        "Maria Lopez says she has no plans to resign.",
        "The two sides signed a treaty on Friday.",
        "Some 300 new jobs are to be created at the plant.",
        "Norland's defence budget will increase by 7% next year.",
        "The council cannot support the proposed tower.",
        "We will spend several hundred million pounds on the recovery.",
        "The minister affirmed Norland's steadfast commitment to the alliance.",
        "What we won't do is raise taxes on working families.",
        "Harbour Union plans to close two depots next year.",
        "The company will cut 2,000 jobs by the end of the year.",
        "Norland has assured its neighbours that it respects the border treaty.",
    ],
)
def test_each_kind_of_commitment_is_found(text: str) -> None:
    found = commitments(text)
    assert len(found) == 1, found
    assert found[0].text == text


@pytest.mark.parametrize(
    "text",
    [
        "It made no mention of what Norland might contribute to the fund.",
        "Officials were asked what Norland would be willing to give.",
        "The budget would contribute $3 billion to deficit reduction by 2030.",
        "Analysts expect the government to spend more on defence next year.",
        "Growth is set to accelerate to 3%, the bank forecast.",
        "Will Norland commit troops to the mission?",
        "If the talks fail, the union would refuse to return to work.",
        "The striker's goal was ruled out for offside.",
        "The company has not ruled out a sale.",
        "The spokesman refused to comment on the report.",
        "That pledge is now under threat.",
        "The auction house is offering a rare painting by the artist.",
        "Tom Reed agreed.",
        "A man was charged after he committed a robbery.",
        "Fans urged the club to provide £5m for a new stand.",
        "Before the deal, the firm had invested £40m in the site.",
        "It is believed the promoters will agree to new terms.",
        "You can refuse to sign the contract.",
        "He described a chancellor determined to win.",
        "The promising young striker scored twice.",
        "They hope the concert will raise £2m for the appeal.",
        "The new handset offers support for faster networks.",
        "The prize is open to books of every kind.",
        "The team refused to rule out a move for the striker.",
        "The mayor refused to be drawn on the date.",
        "It also suggests increasing the grant to £3m a year.",
        "The club is reported to be ready to bid £20m.",
        "Talks to reach a deal on the border will resume.",
        "The plan's aim is to provide homes for nurses.",
        "He will defend his title next month.",
        "There were £40m in donations to the parties last year.",
        "The museum managed to raise £12m to buy the painting.",
        "She decided to sell her shop and move abroad.",
        "Our quest is to be respected as a team.",
        "The recovery will continue next year.",
        "They are going to be stopped.",
        "The shop offers a music subscription for £4.99 a month.",
        "She declined to give her view of the candidate.",
        "Fans will be able to buy tickets online.",
        "He dismissed claims of broken promises.",
    ],
)
def test_non_commitments_stay_out(text: str) -> None:
    assert commitments(text) == ()


def test_amount_is_normalised_with_its_currency() -> None:
    (found,) = commitments("Norland has pledged £960m ($1.8bn) over 15 years to the vaccine fund.")
    assert found.amount is not None
    assert (found.amount.text, found.amount.value, found.amount.currency) == ("£960m", 960e6, "GBP")


def test_bare_dollars_follow_the_articles_local_dollar() -> None:
    found = extract_commitments(
        sentences(
            "Canada has committed $6.5 billion in aid to the region.",
            "The region also hopes to buy US$2-billion worth of equipment.",
        ),
        WHO,
    )
    assert found[0].amount is not None and found[0].amount.currency == "CAD"


def test_actor_is_the_subject_resolved_to_a_who_name() -> None:
    found = commitments(
        "Lopez pledged to cut the deficit by half.",
        "The Harbour Union agreed to suspend the strike.",
        "Tom Reed has ruled out raising taxes.",
    )
    assert [c.actor for c in found] == ["Maria Lopez", "Harbour Union", "Tom Reed"]


def test_actor_named_after_the_cue_with_by() -> None:
    (found,) = commitments("The total includes over $2 billion in aid announced by Lopez in June.")
    assert found.actor == "Maria Lopez"


def test_two_pledges_joined_in_one_sentence_are_two_items() -> None:
    found = commitments(
        "Lopez announced that Norland would send engineers to the region and provide an additional "
        "20 million pounds in flood relief."
    )
    assert len(found) == 2
    assert "send engineers" in found[0].text and "20 million pounds" in found[1].text
    assert found[1].amount is not None and found[1].amount.currency == "GBP"


def test_headline_repeating_the_lead_is_not_listed_twice() -> None:
    found = commitments("Norland pledges £1bn to flood fund", "Norland has pledged £1bn to a flood relief fund.")
    assert [c.sentence for c in found] == [1]


def test_items_stay_short_in_long_sentences() -> None:
    long_tail = ", ".join(f"item {n}" for n in range(40))
    (found,) = commitments(f"The council pledged to repair the roads; it listed {long_tail}.")
    assert len(found.text.split()) <= 45


def test_actor_is_the_subject_of_the_reported_clause() -> None:
    found = commitments(
        "A statement from Lopez said the countries are ready to play an active role.",
        "An aide confirmed that Tom Reed has ruled out a second term.",
    )
    assert [c.actor for c in found] == [None, "Tom Reed"]


def test_pronoun_actor_is_the_person_just_mentioned() -> None:
    found = extract_commitments(
        sentences("Maria Lopez spoke to reporters.", "She pledged to cut the deficit by half."),
        WHO,
    )
    assert [c.actor for c in found] == ["Maria Lopez"]


def test_plural_pledge_nouns_in_a_list_are_not_pledges() -> None:
    assert commitments("“So promises and talks are one thing, but deeds are another,” the envoy said.") == ()
    assert commitments("Pledges of aid were made at the summit, but little money arrived.") == ()
    assert len(commitments("The mayor promised a full inquiry into the flooding.")) == 1


def test_a_clause_cut_from_a_quotation_loses_its_unmatched_opening_mark() -> None:
    from briefer.extract.clauses import balance_quotes

    assert balance_quotes("“The minister affirmed the pledge") == "The minister affirmed the pledge"
    assert balance_quotes("“We will pay,” she said") == "“We will pay,” she said"
