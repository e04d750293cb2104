"""The plain-text convention: headline, paragraphs, source tag; and what cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.article.read import decode, parse_plain_text, read_article
from briefer.errors import InputError

BODY = "The council met on Monday. It approved the plan.\nWork starts in April, officials said."


def test_first_line_before_a_blank_line_is_the_headline() -> None:
    article = parse_plain_text(f"Council approves bridge plan\n\n{BODY}")
    assert article.title == "Council approves bridge plan"
    assert article.body.startswith("The council met")


def test_a_short_unpunctuated_first_line_is_a_headline_even_without_a_blank_line() -> None:
    article = parse_plain_text(f"Council approves bridge plan\n{BODY}")
    assert article.title == "Council approves bridge plan"


def test_a_first_sentence_is_not_taken_for_a_headline() -> None:
    article = parse_plain_text(BODY)
    assert article.title is None
    assert article.body == BODY


def test_a_short_last_line_without_punctuation_is_the_source() -> None:
    article = parse_plain_text(f"Headline here\n\n{BODY}\nPort Elms Courier\n")
    assert article.source == "Port Elms Courier"
    assert "Courier" not in article.body


def test_a_short_closing_sentence_stays_in_the_body() -> None:
    article = parse_plain_text(f"Headline here\n\n{BODY}\nNobody objected.")
    assert article.source is None
    assert article.body.endswith("Nobody objected.")


def test_windows_line_endings_and_byte_order_mark_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(("\ufeffHeadline\r\n\r\n" + BODY.replace("\n", "\r\n")).encode("utf-8"))
    article = read_article(str(path))
    assert article.title == "Headline"
    assert "\r" not in article.body


def test_latin1_text_reads_with_the_encoding_option(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Café owners protest\n\nThe café owners met the mayor.".encode("latin-1"))
    with pytest.raises(InputError, match="--encoding"):
        read_article(str(path))
    assert read_article(str(path), encoding="latin-1").title == "Café owners protest"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
    ids=["empty", "whitespace", "binary"],
)
def test_files_without_article_text_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_article(str(path))


def test_missing_file_and_folder_are_refused_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a folder"):
        read_article(str(tmp_path))


def test_an_unknown_encoding_name_is_refused() -> None:
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"text", "no-such-codec", "a.txt")


def test_a_lone_headline_line_is_treated_as_the_body() -> None:
    article = parse_plain_text("Council approves the bridge plan")
    assert article.body == "Council approves the bridge plan"
    assert article.title is None
