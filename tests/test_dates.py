"""Time phrases and the dates they name, resolved forward from the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from briefer.extract.dates import find_times

TUESDAY = date(2025, 8, 19)


def one(text: str, published: date | None = TUESDAY):  # type: ignore[no-untyped-def]
    found = find_times(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "phrase", "start", "end"),
    [
        ("The board meets on Wednesday.", "on Wednesday", date(2025, 8, 20), None),
        ("The talks resume on Tuesday.", "on Tuesday", date(2025, 8, 26), None),
        ("A deal is due within 10 days.", "within 10 days", TUESDAY, date(2025, 8, 29)),
        ("They will meet within the next two weeks.", "within the next two weeks", TUESDAY, date(2025, 9, 2)),
        ("Details will follow in the coming days.", "in the coming days", date(2025, 8, 20), date(2025, 8, 22)),
        ("The vote is next month.", "next month", date(2025, 9, 1), date(2025, 9, 30)),
        ("A hearing is set for April 17.", "April 17", date(2026, 4, 17), None),
        ("The panel decides on 17 December.", "17 December", date(2025, 12, 17), None),
        ("Ballots ship out Sept. 22.", "Sept. 22", date(2025, 9, 22), None),
        ("The lease expires in February.", "in February", date(2026, 2, 1), date(2026, 2, 28)),
        ("The plant opens in May 2027.", "May 2027", date(2027, 5, 1), date(2027, 5, 31)),
        ("Production starts in early 2026.", "early 2026", date(2026, 1, 1), date(2026, 4, 30)),
        ("Shops open on Black Friday.", "Black Friday", date(2025, 11, 28), None),
        ("Teams respond until 6pm GMT on Friday.", "until 6pm GMT on Friday", date(2025, 8, 22), None),
        ("The union votes in four days.", "in four days", date(2025, 8, 23), None),
        ("Talks are planned for this weekend.", "this weekend", date(2025, 8, 23), date(2025, 8, 24)),
        ("A report comes later this year.", "later this year", date(2025, 8, 20), date(2025, 12, 31)),
        ("Talks go on in the coming year.", "in the coming year", date(2025, 8, 20), date(2026, 8, 19)),
        ("The vote is in late September.", "late September", date(2025, 9, 21), date(2025, 9, 30)),
        ("Work starts mid-October.", "mid-October", date(2025, 10, 11), date(2025, 10, 20)),
        ("The sale ends in August.", "in August", TUESDAY, date(2025, 8, 31)),
    ],
)
def test_phrases_resolve_from_publication_date(text: str, phrase: str, start: date, end: date | None) -> None:
    found = one(text)
    assert (found.text, found.date, found.date_end) == (phrase, start, end)


def test_without_publication_date_the_phrase_is_kept_undated() -> None:
    found = one("They meet on Wednesday.", None)
    assert (found.text, found.date, found.date_end) == ("on Wednesday", None, None)


@pytest.mark.parametrize(
    ("text", "tense"),
    [("It happened last week.", "past"), ("It closed two years ago.", "past"), ("Talks start next week.", "future")],
)
def test_tense_of_relative_phrases(text: str, tense: str) -> None:
    assert one(text).tense == tense


# Words that look like dates but are not: no date may ever come from them.
NOT_DATES = [
    "Officials may decide to wait.",
    "May I ask a question?",
    "Protesters march on the capital.",
    "They will March down the avenue together.",
    "August Wilson wrote the play.",
    "The Sunday Times reported the story.",
    "She writes for the Mail on Sunday.",
    "The Good Friday Agreement ended the conflict.",
    "Theresa May said so.",
    "It removes a Saturday-night stay rule.",
    "The Independent on Sunday disagreed.",
    "Prices fell in May's market, the report said.",
    "He met April Ryan and June Carter.",
    "Within six weeks of the attack, the town was rebuilt.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_no_date_from_words_that_are_not_temporal(text: str) -> None:
    assert [p.text for p in find_times(text, TUESDAY)] == []


def test_habitual_weekdays_name_no_date() -> None:
    assert [p.date for p in find_times("Every Friday, families gather in the square.", TUESDAY)] == [None]
