"""Sentence splitting and word tokens on the traps news text sets."""

from __future__ import annotations

import pytest

from briefer.article.sentences import count_words, paragraph_spans, split_sentences, words

# Each case: a paragraph and the sentences it must split into.
SPLIT_CASES = [
    ("Gen. Maria Ortiz arrived. She spoke briefly.", ["Gen. Maria Ortiz arrived.", "She spoke briefly."]),
    ("Lt.-Gen. Sam Keller spoke. Troops left.", ["Lt.-Gen. Sam Keller spoke.", "Troops left."]),
    ("Adm. Ruth Vance and Dr. Ito met St. Clair officials.", ["Adm. Ruth Vance and Dr. Ito met St. Clair officials."]),
    ("The deal is worth $6.5 billion. Talks resume.", ["The deal is worth $6.5 billion.", "Talks resume."]),
    ("It agreed a US$90-billion package. Markets rose.", ["It agreed a US$90-billion package.", "Markets rose."]),
    ("She moved to the U.S. in 1999 to study.", ["She moved to the U.S. in 1999 to study."]),
    (
        "Rates rose 2.5 per cent (from 1.9 per cent). Bankers shrugged.",
        ["Rates rose 2.5 per cent (from 1.9 per cent).", "Bankers shrugged."],
    ),
    ("“Why now?” she asked. Nobody answered.", ["“Why now?” she asked.", "Nobody answered."]),
    (
        "“We will not back down,” he said. The crowd cheered.",
        ["“We will not back down,” he said.", "The crowd cheered."],
    ),
    ("J.R. Hale wrote the report. It was short.", ["J.R. Hale wrote the report.", "It was short."]),
    ("The vote is at 5 p.m. ET. Results follow.", ["The vote is at 5 p.m. ET.", "Results follow."]),
    ("Mr. Diaz and Mrs. Diaz declined to comment.", ["Mr. Diaz and Mrs. Diaz declined to comment."]),
    ("Sen. Ann Cole (D-Ore.) voted no. The bill failed.", ["Sen. Ann Cole (D-Ore.) voted no.", "The bill failed."]),
]


@pytest.mark.parametrize(("paragraph", "expected"), SPLIT_CASES, ids=[c[0][:30] for c in SPLIT_CASES])
def test_news_traps_split_where_a_reader_would(paragraph: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences(paragraph)] == expected


def test_sentences_carry_index_paragraph_and_span() -> None:
    body = "First one here. Second one.\n\nThird in a new paragraph."
    found = split_sentences(body)
    assert [(s.index, s.paragraph) for s in found] == [(0, 0), (1, 0), (2, 1)]
    assert all(body[s.start : s.end] == s.text for s in found)


def test_a_line_break_after_a_long_line_ends_a_paragraph() -> None:
    long_line = "This opening paragraph is long enough that no hard-wrapped text would ever keep it on one line."
    body = f"{long_line} Yes.\nA second paragraph follows on the next line."
    assert [s.paragraph for s in split_sentences(body)] == [0, 0, 1]


def test_hard_wrapped_lines_stay_one_paragraph() -> None:
    body = "The council met on Monday and\nvoted to repair the bridge.\n\nWork starts in April."
    assert len(paragraph_spans(body)) == 2
    assert split_sentences(body)[0].text == "The council met on Monday and voted to repair the bridge."


def test_words_keep_initialisms_money_and_hyphenated_compounds() -> None:
    assert words("The U.S. gave $6.5 billion to a long-term fund, 2.5% more.") == [
        "The", "U.S.", "gave", "$6.5", "billion", "to", "a", "long-term", "fund", "2.5%", "more",
    ]  # fmt: skip


def test_word_count_counts_whitespace_separated_words() -> None:
    assert count_words("  one two\nthree  ") == 3
