"""Next steps: what is scheduled or planned, with its time phrase and dates; past and hedged events stay out."""

from __future__ import annotations

from datetime import date

import pytest

from briefer.extract.next_steps import extract_next_steps
from briefer.models import Sentence

TUESDAY = date(2025, 8, 19)


def sentences(*texts: str) -> list[Sentence]:
    return [Sentence(i, text, i, 0, len(text)) for i, text in enumerate(texts)]


def steps(*texts: str, published: date | None = TUESDAY):  # type: ignore[no-untyped-def]
    return extract_next_steps(sentences(*texts), published)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Defence chiefs are set to continue the talks in a meeting on Wednesday.", "on Wednesday"),
        ("The mayor said a decision will be made within 10 days.", "within 10 days"),
        ("Officials said planning was underway for a summit within the next two weeks.", "within the next two weeks"),
        ("Negotiators will meet union leaders in the coming days.", "in the coming days"),
        ("The next few days of talks will focus on trade.", "The next few days"),
        ("The pretrial hearing is set for April 17.", "April 17"),
        ("The council will vote on the plan next month.", "next month"),
        ("The couple is scheduled to appear in court Oct. 6.", "Oct. 6"),
        ("Postal ballots begin shipping out Sept. 22.", "Sept. 22"),
        ("The firms have until 5pm on Friday to respond.", "until 5pm on Friday"),
        ("The lease expires in February.", "in February"),
        ("She said the party would publish its manifesto on Monday.", "on Monday"),
        ("The final approval is expected shortly.", "shortly"),
        ("In four days, the union will start balloting its members.", "In four days"),
        ("Quarterly figures are due on Thursday.", "on Thursday"),
    ],
)
def test_scheduled_events_with_their_time_phrase(text: str, when: str) -> None:
    found = steps(text)
    assert len(found) == 1, found
    assert (found[0].text, found[0].when) == (text, when)


@pytest.mark.parametrize(
    "text",
    [
        "The foreign minister is to visit the capital.",
        "The bill will be sent to the governor.",
        "Her lawyers would examine the ruling, the spokesman said.",
        "There are plans to tear down the old stadium.",
        "The country has promised to support an upcoming training programme.",
    ],
)
def test_planned_actions_without_a_date(text: str) -> None:
    (found,) = steps(text)
    assert found.when is None and found.date is None


@pytest.mark.parametrize(
    "text",
    [
        "The minister said on Tuesday that the plan was sound.",
        "The prime minister on Tuesday joined a call with other leaders.",
        "The court met on Monday and adjourned.",
        "He resigned last week.",
        "The company reported a loss two years ago.",
        "If the talks fail, the union will strike next month.",
        "Will the council vote next week?",
        "Analysts expect the economy to grow 2% next year.",
        "Inflation will fall to 3% in 2026, the bank forecast.",
        "We stayed in the city for the next year.",
        "Shortly afterwards, the striker scored again.",
        "The Sunday Times published the letter.",
        "Officials may decide to wait.",
        "It is unclear what the council will decide.",
        "The storm hit the coast in March.",
        "A shirt was worn at Sunday's match.",
        "The delay was due to bad weather.",
        "The spokesman did not know when the vote would take place.",
        "I hope my knee will hold up at the trials next week.",
        "Every Friday, families gather in the square.",
        "Had they won, they would have faced the champions on Sunday.",
        "The council held a call on Tuesday and approved the budget.",
        "Growth will be slower next year than this year.",
        "The launch was due to take place in March.",
        "In February 2012, he was set to have surgery.",
        "The right answer is to meet the families first.",
        "They claim the votes were rigged during the 10 June election.",
        "Wada will appeal against ruling",
        "Lawyers plan to question the witness, who took the stand later on Friday.",
        "On Tuesday, the President announced that troops would stay another year.",
        "The boy died the next day in hospital.",
        "There will be 13 million people with the disease by 2050.",
        "The flight had been due to take off on March 1.",
    ],
)
def test_past_conditional_hedged_and_forecast_items_stay_out(text: str) -> None:
    assert steps(text) == ()


def test_dates_resolve_from_the_publication_date() -> None:
    found = steps(
        "The board will meet on Wednesday.",
        "A deal is expected within 10 days.",
        "The panel will report next month.",
    )
    assert [(s.date, s.date_end) for s in found] == [
        (date(2025, 8, 20), None),
        (TUESDAY, date(2025, 8, 29)),
        (date(2025, 9, 1), date(2025, 9, 30)),
    ]


def test_without_publication_date_steps_keep_their_phrase_but_no_date() -> None:
    (found,) = steps("The board will meet on Wednesday.", published=None)
    assert (found.when, found.date, found.date_end) == ("on Wednesday", None, None)


def test_the_same_event_told_twice_is_listed_once() -> None:
    found = steps(
        "The driver faces a pretrial hearing in April.",
        "Her pretrial hearing is set for April 17.",
    )
    assert len(found) == 1
    assert found[0].when == "April 17"


def test_same_day_same_subject_is_one_event() -> None:
    found = steps(
        "The Atlas probe will reach the comet on Friday.",
        "On Friday, Atlas will pass within 500 miles of it.",
    )
    assert len(found) == 1


def test_two_dated_events_in_one_sentence_are_two_items() -> None:
    found = steps(
        "Certification of results will be no later than Sept. 17, and the party officially picks "
        "its nominee on Sept. 5."
    )
    assert [s.when for s in found] == ["Sept. 17", "Sept. 5"]
    assert "Sept. 17" in found[0].text and "Sept. 17" not in found[1].text


def test_different_events_are_kept_apart() -> None:
    found = steps("The minister will visit Oslo on Thursday.", "On Friday, he will visit Bergen.")
    assert len(found) == 2


def test_a_hedged_event_is_still_a_step() -> None:
    (found,) = steps("The judge said she may conduct hearings in January.")
    assert found.when == "in January"


def test_an_event_named_by_its_date_before_a_deadline() -> None:
    (found,) = steps("He called the speech a last chance before a March 24 deadline.")
    assert found.when == "March 24"


def test_a_long_article_is_fast() -> None:
    import time

    text = "The minister said the council will meet on Wednesday to discuss the plan, officials said."
    many = sentences(*([text] * 300))
    started = time.perf_counter()
    extract_next_steps(many, TUESDAY)
    assert time.perf_counter() - started < 1.0


def test_the_when_is_the_date_of_the_event_not_of_the_report() -> None:
    (found,) = steps("On Thursday, a court said it will hear arguments on 16 September.")
    assert (found.when, found.date) == ("16 September", date(2025, 9, 16))


# Traps of issue 15: what happened on the publication day, and forecasts, are not next steps.
@pytest.mark.parametrize(
    "text",
    [
        "In a speech on Tuesday, the minister set out her plan for the railways.",
        "Speaking at Tuesday's conference, the mayor promised new homes.",
        "The minister addressed the conference today, saying the railways needed money.",
        "The minister was speaking at a conference on Tuesday in Leeds.",
        "The talks, held on Tuesday in Geneva, ended without a deal.",
        "Tuesday's vote was the first of three.",
        "Warming is on course to exceed 2°C before 2050, the agency warned in its annual outlook.",
        "The world is set to exceed 2°C of warming before 2050.",
        "Prices are projected to fall next year.",
        "Sales will likely top $5 billion in 2027, analysts expect.",
        "The city's population will reach two million by 2035, according to the planning office.",
        "Electricity demand will double by 2050 as cars and heating move to the grid.",
    ],
)
def test_publication_day_past_events_and_forecasts_are_not_next_steps(text: str) -> None:
    assert steps(text) == ()


def test_a_future_event_reported_on_the_publication_day_is_one() -> None:
    found = steps("The premier will travel to Ottawa next week, her office said on Tuesday.")
    assert [(s.when, s.date) for s in found] == [("next week", date(2025, 8, 25))]
