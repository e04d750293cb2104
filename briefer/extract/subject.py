"""The story's subject from its headline: an organisation the headline names that the body's rules missed.

A headline names its subject in a word the body may only write once, or not at all ("SpaceX
delays launch"; the body says "the company"). A headline word is taken as an organisation when
no Who entry holds it and it has an organisation's shape: an inner capital ("SpaceX"), an
ampersand ("PG&E"), all capitals ("NASA"), or a capitalised word the body also writes with a
capital in mid-sentence that no word list knows ("shares in Alibaba rose").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefer.extract import cues, wordlists
from briefer.models import Entity, Sentence

_WORD = re.compile(r"[A-Za-z][\w&'’.-]*[\w&]|[A-Z]")
_INNER_CAPITAL = re.compile(r"^[A-Z][a-z]+[A-Z][\w]*$")
_AMPERSAND = re.compile(r"^[A-Z]+&[A-Z]+$")
_POSSESSIVE = re.compile(r"['’]s?$")
MIN_LETTERS = 3


def headline_subjects(title: str | None, sentences: Sequence[Sentence], who: Sequence[Entity]) -> list[Entity]:
    """Organisations the headline names that `who` lacks, with the body sentences that name them."""
    if not title:
        return []
    known = {word.lower() for entity in who for word in entity.name.split()}
    out: list[Entity] = []
    for word in dict.fromkeys(_POSSESSIVE.sub("", w) for w in _WORD.findall(title)):
        if word.lower() in known or not _shaped(word, sentences):
            continue
        named = tuple(s.index for s in sentences if re.search(rf"\b{re.escape(word)}\b", s.text))
        out.append(Entity(word, "organization", None, len(named) + 1, named))
        known.add(word.lower())
    return out


def _shaped(word: str, sentences: Sequence[Sentence]) -> bool:
    lower = word.lower()
    if len(word) < MIN_LETTERS or lower in wordlists.not_names() or lower in wordlists.places():
        return False
    if lower in wordlists.demonyms() or lower.removesuffix("s") in wordlists.demonyms():
        return False
    if _INNER_CAPITAL.match(word) or _AMPERSAND.match(word) or (cues.is_acronym(word) and len(word) > 2):
        return True
    return word[0].isupper() and lower not in wordlists.given_names() and _capital_mid_sentence(word, sentences)


def _capital_mid_sentence(word: str, sentences: Sequence[Sentence]) -> bool:
    """The body writes `word` with its capital after the first word of a sentence."""
    pattern = re.compile(rf"(?<=[a-z,;:] ){re.escape(word)}\b")
    return any(pattern.search(s.text) for s in sentences)
