"""Money and quantities as a reader wants them: a number and a currency code."""

from __future__ import annotations

import pytest

from briefer.extract.amounts import article_dollar, find_amounts, find_money, first_amount


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("The city will spend $6.5 billion on roads.", 6.5e9, "USD"),
        ("a US$90-billion purchase of aircraft", 90e9, "USD"),
        ("The charity gave £3m to the hospital.", 3e6, "GBP"),
        ("The club paid £960m over ten years.", 960e6, "GBP"),
        ("a loan of $10bn", 10e9, "USD"),
        ("C$250 million for housing", 250e6, "CAD"),
        ("€2.5bn in grants", 2.5e9, "EUR"),
        ("an extra 15 million pounds in aid", 15e6, "GBP"),
        ("spending will reach 887 billion yuan", 887e9, "CNY"),
        ("half a billion dollars in loans", 0.5e9, "USD"),
        ("a rise of £1,400 a year", 1400, "GBP"),
        ("A$40 million for the reef", 40e6, "AUD"),
    ],
)
def test_money_has_value_and_currency(text: str, value: float, currency: str) -> None:
    amount = first_amount(text)
    assert amount is not None
    assert amount.value == pytest.approx(value)
    assert amount.currency == currency


def test_bare_scaled_number_has_no_currency() -> None:
    amount = first_amount("Sales reached 1.2bn last year.")
    assert amount is not None
    assert (amount.value, amount.currency) == (pytest.approx(1.2e9), None)


def test_counted_quantities_and_percentages() -> None:
    found = find_amounts("Some 200 new jobs and 1,000 troops, a 10.1% rise.")
    assert [(a.value, a.currency) for a in found] == [(200, None), (1000, None), (10.1, None)]


def test_money_comes_before_quantities_and_keeps_both_sums() -> None:
    found = find_money("It offered £40m ($75m) to the fund.")
    assert [(a.text, a.currency) for a in found] == [("£40m", "GBP"), ("$75m", "USD")]


def test_plain_numbers_are_not_money() -> None:
    assert find_money("He scored 3 goals in 2004 and Mrs Lee came 5th.") == []


def test_bare_dollar_is_local_when_article_writes_us_dollars() -> None:
    texts = ["Canada will give $2 billion.", "It will also buy a US$5-billion fleet."]
    assert article_dollar(texts) == "CAD"
    assert article_dollar(["Canada will give $2 billion."]) == "USD"
    amount = first_amount(texts[0], article_dollar(texts))
    assert amount is not None and amount.currency == "CAD"
