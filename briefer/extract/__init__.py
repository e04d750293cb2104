"""Stage 3, extraction: Who, Commitments, Next steps and Quotes, drawn from an article's sentences.

May import: `briefer.article`, `briefer.models`, `briefer.errors`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from briefer.extract.commitments import extract_commitments
from briefer.extract.next_steps import extract_next_steps
from briefer.extract.quotes import extract_quotes
from briefer.extract.who import extract_who
from briefer.models import Commitment, Entity, NextStep, Quote, Sentence


@dataclass(frozen=True)
class Extraction:
    """Everything the structured sections of a brief hold."""

    who: tuple[Entity, ...]
    commitments: tuple[Commitment, ...]
    next_steps: tuple[NextStep, ...]
    quotes: tuple[Quote, ...]


def extract(sentences: Sequence[Sentence], *, title: str | None, published: date | None) -> Extraction:
    """Run every extractor over the article's sentences (the headline is not among them)."""
    who = extract_who(sentences, title)
    return Extraction(
        who=who,
        commitments=extract_commitments(sentences, who),
        next_steps=extract_next_steps(sentences, published),
        quotes=extract_quotes(sentences, who),
    )
