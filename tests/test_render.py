"""Rendering a known brief: golden files per format, and article text that must stay text.

Regenerate the golden files after an intended change with:
    pytest tests/test_render.py --update-golden
and review the diff like code.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from briefer.errors import UsageError
from briefer.models import Amount, Brief, Commitment, Entity, NextStep, Pick, Quote, Stats
from briefer.render.templates import escape_markdown, format_for, render

GOLDEN = Path(__file__).parent / "data" / "golden"
HOSTILE = '<script>alert("x")</script> [click](javascript:alert(1)) ![img](http://example.org/x.png)'


def sample_brief(*, hostile: bool = False) -> Brief:
    extra = f" {HOSTILE}" if hostile else ""
    sentences = (
        "The Port Elms council approved a $48-million bridge repair on Monday." + extra,
        "Mayor Linda Okafor called it the most important decision in a decade.",
        "The province has committed $20 million, Transport Minister Daniel Reyes said.",
        "“We are ready to pay our share,” Reyes said.",
        "A public meeting will be held on March 3.",
    )
    return Brief(
        title="Port Elms approves bridge repair" + extra,
        source="Port Elms Courier",
        published=date(2026, 2, 16),
        what=(Pick(sentences[0], 0, 0.9), Pick(sentences[2], 2, 0.7)),
        who=(
            Entity("Linda Okafor", "person", "Mayor", 3, (1,)),
            Entity("Daniel Reyes", "person", "Transport Minister" + extra, 2, (2, 3)),
            Entity("Port Elms council", "organization", None, 1, (0,)),
            Entity("Port Elms", "place", None, 2, (0,)),
        ),
        commitments=(
            Commitment("The province has committed $20 million", "Daniel Reyes", Amount("$20 million", 2e7, "USD"), 2),
        ),
        next_steps=(NextStep("A public meeting will be held on March 3.", "on March 3", date(2026, 3, 3), None, 4),),
        quotes=(Quote("We are ready to pay our share," + extra, "Daniel Reyes", 3),),
        stats=Stats(sentences=5, words=55, brief_sentences=2, brief_words=24, method="news"),
        article_sentences=sentences,
    )


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "json"])
def test_rendered_brief_matches_golden_file(fmt: str, update_golden: bool) -> None:
    path = GOLDEN / f"sample-brief.{fmt}"
    rendered = render(sample_brief(), fmt)
    if update_golden:
        path.write_text(rendered, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert rendered == expected, f"{path.name} differs: if intended, run pytest {__file__} --update-golden"


def test_empty_sections_say_so_in_one_line() -> None:
    brief = sample_brief()
    empty = Brief(brief.title, None, None, brief.what, (), (), (), (), brief.stats, brief.article_sentences)
    text = render(empty, "md")
    for line in ("No people named.", "No commitments found.", "No next steps found.", "No quotes found."):
        assert line in text


def test_html_escapes_all_article_text() -> None:
    page = render(sample_brief(hostile=True), "html")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert 'href="javascript' not in page and "<img" not in page


def test_html_links_every_item_to_its_sentence() -> None:
    page = render(sample_brief(), "html")
    for index in (1, 3, 4, 5):
        assert f'href="#s{index}"' in page
        assert f'id="s{index}"' in page


def test_markdown_cannot_be_injected_by_article_text() -> None:
    import markdown

    html = markdown.markdown(render(sample_brief(hostile=True), "md"), extensions=["tables"])
    assert "<script" not in html and "<a " not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_markdown_escape_keeps_headings_and_lists_as_text() -> None:
    assert escape_markdown("# Not a heading") == "\\# Not a heading"
    assert escape_markdown("- not a list") == "\\- not a list"
    assert escape_markdown("U.S. aid of $6.5 billion") == "U.S. aid of $6.5 billion"


def test_json_round_trips_the_dataclasses() -> None:
    data = json.loads(render(sample_brief(), "json"))
    assert data["commitments"][0]["amount"] == {"text": "$20 million", "value": 20000000.0, "currency": "USD"}
    assert data["next_steps"][0]["date"] == "2026-03-03"
    assert data == sample_brief().to_dict()


def test_unknown_format_is_misuse() -> None:
    with pytest.raises(UsageError, match="md, html, txt, json"):
        render(sample_brief(), "pdf")


@pytest.mark.parametrize(
    ("output", "fmt", "expected"),
    [("b.html", None, "html"), ("b.JSON", None, "json"), ("b.txt", None, "txt"), ("b.out", None, "md"),
     (None, None, "md"), ("b.html", "txt", "txt")],
)  # fmt: skip
def test_format_follows_the_output_extension_unless_given(output: str | None, fmt: str | None, expected: str) -> None:
    assert format_for(output, fmt) == expected
