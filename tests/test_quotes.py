"""Quotes: direct quotations with their speakers, from sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefer import make_brief
from briefer.extract.quotes import extract_quotes
from briefer.extract.who import extract_who
from briefer.models import Quote, Sentence


def quotes_of(*texts: str) -> tuple[Quote, ...]:
    sentences = [Sentence(i, text, i, 0, len(text)) for i, text in enumerate(texts)]
    return extract_quotes(sentences, extract_who(sentences, None))


def speakers(*texts: str) -> list[tuple[int, str | None]]:
    return [(q.sentence, q.speaker) for q in quotes_of(*texts)]


def test_a_named_speaker_after_the_quotation() -> None:
    found = quotes_of("“We are cautiously hopeful about the talks this week,” Marta Kowalczyk told reporters.")
    assert found == (Quote("We are cautiously hopeful about the talks this week", "Marta Kowalczyk", 0),)


def test_a_speaker_with_an_appositive_role() -> None:
    found = speakers(
        "“The harbour will reopen before the winter storms arrive,” Oskar Lindqvist, who serves as the port’s "
        "director, told the local paper."
    )
    assert found == [(0, "Oskar Lindqvist")]


def test_said_before_the_name_and_a_colon_before_the_quotation() -> None:
    found = speakers(
        "“Nobody expected the vote to be this close tonight,” said Gwen Atterby.",
        'Atterby said: "We will ask for a recount of every ballot in the district."',
    )
    assert found == [(0, "Gwen Atterby"), (1, "Gwen Atterby")]


def test_a_pronoun_goes_to_the_person_last_named_as_speaker() -> None:
    found = speakers(
        "Prime Minister Helen Barrow met Gwen Atterby on Monday.",
        "“The bridge will be finished by the end of next year,” Barrow said.",
        "“We have the money and we have the workers to do it,” she said.",
    )
    assert found == [(1, "Helen Barrow"), (2, "Helen Barrow")]


def test_a_quotation_alone_continues_the_last_speaker() -> None:
    found = speakers(
        "“We would like to see more trains on the northern line,” Tessa Vormann said.",
        "“There are so many commuters who wait for an hour every single morning.”",
    )
    assert found == [(0, "Tessa Vormann"), (1, "Tessa Vormann")]


def test_a_quotation_across_sentences_is_one_quote() -> None:
    found = quotes_of(
        "“The plan is ready.",
        "It will be published next week when the council meets,” Ilse Brandvold said.",
    )
    assert found == (
        Quote("The plan is ready. It will be published next week when the council meets", "Ilse Brandvold", 0),
    )


def test_a_statement_or_readout_is_not_a_person_speaking() -> None:
    found = speakers(
        "Prime Minister Helen Barrow attended the summit.",
        "“The leaders discussed further pressure on the regime through new sanctions,” a readout of the "
        "meeting from Barrow’s office said.",
    )
    assert found == [(1, None)]


def test_scare_quotes_and_short_phrases_are_not_quotations() -> None:
    assert quotes_of("The minister called the report “deeply flawed” on Monday.") == ()


def test_only_a_handful_of_quotations_in_article_order() -> None:
    texts = [f"“This is statement number {n} about the new budget plan,” Speaker{n} Zed said." for n in range(9)]
    found = quotes_of(*texts)
    assert 1 <= len(found) <= 5
    assert [q.sentence for q in found] == sorted(q.sentence for q in found)


def test_a_short_phrase_quoted_inside_a_sentence_is_left_out() -> None:
    found = quotes_of(
        "Emil Varga told the local paper on Monday that it was vital “to put the city in a position to bargain.”"
    )
    assert found == ()


def test_single_quotation_marks_as_british_papers_write_them() -> None:
    found = speakers(
        "'It's all about taking an opportunity in a crisis,' Byron Rhodesby said.",
        "'We are happy with the result.",
        "It was a great night for the whole town,' he added.",
    )
    assert found == [(0, "Byron Rhodesby"), (1, "Byron Rhodesby")]


def test_apostrophes_are_not_quotation_marks() -> None:
    assert quotes_of("The Joneses' house in rock 'n' roll country was sold in the '90s, Gwen Atterby said.") == ()


def test_a_pronoun_before_the_quotation_is_the_last_speaker_not_a_place_named_earlier() -> None:
    found = speakers(
        "“We will not raise the rent again this year,” Ranjit Banwell said.",
        "And with a hand out to Derby, he says: “If they want to talk to us about it I am happy to speak.”",
    )
    assert found == [(0, "Ranjit Banwell"), (1, "Ranjit Banwell")]


def test_he_said_with_no_speaker_yet_goes_to_the_one_person_just_named() -> None:
    found = speakers(
        "Gary Downford, managing director of the firm, believes councils can use the new powers.",
        "“The purpose of the system is to get cleaner, safer open spaces,” he said.",
    )
    assert found == [(1, "Gary Downford")]


ATTRIBUTION = json.loads((Path(__file__).parent / "data" / "attribution.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", ATTRIBUTION, ids=[case["name"] for case in ATTRIBUTION])
def test_attribution_patterns_and_traps(case: dict[str, str | None]) -> None:
    """The self-written attribution set that bench/extract_eval.py also scores: the speaker the
    attribution names, never a name inside the quotation, and none when unsure."""
    quotes = make_brief(str(case["text"])).quotes
    speakers = [q.speaker for q in quotes if str(case["quote"]) in q.text]
    assert speakers[:1] == [case["speaker"]] or (case["speaker"] is None and not speakers)
