"""A title standing for a person already named: "the prime minister", "the minister said"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from briefer.extract import wordlists
from briefer.models import Sentence

# How far back (in sentences) a title may reach for a person whose role the article has not given.
REACH = 2
_MODIFIER = r"(?:[a-z]+\s+){0,2}"


@cache
def _title_pattern() -> re.Pattern[str]:
    offices = "|".join(sorted((re.escape(h) for h in _OFFICES), key=len, reverse=True))
    return re.compile(rf"\b[Tt]he\s+(?P<title>{_MODIFIER}(?:{offices}))\b(?!\s+(?:[A-Z]|of\b|for\b|at\b))(?!-)")


# Offices that one person holds at a time, so "the prime minister" names someone.
_OFFICES = wordlists.word_set(
    """president minister chancellor premier secretary governor mayor senator congressman congresswoman
    speaker chairman chairwoman chair ambassador spokesman spokeswoman spokesperson coach manager judge
    prosecutor commissioner director captain sheriff chief"""
)


# Offices a title alone may name for a person the article has given no role yet.
HIGH_OFFICES = wordlists.word_set("president minister chancellor premier secretary governor mayor senator")


def title_mentions(sentence: Sentence) -> list[str]:
    """The titles used as a subject in a sentence ("The prime minister was speaking …")."""
    found = []
    for match in _title_pattern().finditer(sentence.text):
        before = sentence.text[: match.start()].strip()
        after = sentence.text[match.end() :].lstrip()
        subject = not before or before.endswith((",", "“", '"')) or after.startswith(("said", "says", "told"))
        if subject:
            found.append(match.group("title"))
    return found


def titled_sentences(sentences: Sequence[Sentence]) -> list[tuple[int, str]]:
    """(sentence index, title) for every title that stands as a subject."""
    return [(s.index, title) for s in sentences for title in title_mentions(s)]
