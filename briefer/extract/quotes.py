"""Direct quotations and their speakers.

A quotation is the text between quotation marks, followed across sentences while a mark stays
open. Its speaker is read from the words around it ("…,” Ana Lund told reporters", "Lund said:
“…”", "“…,” said the minister"); a pronoun ("he said") or a quotation with no words around it
goes to the person most recently named as a speaker. Names resolve to Who entries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.extract.cues import SPEECH_VERBS
from briefer.extract.resolve import resolve_actor
from briefer.models import Entity, Quote, Sentence

_OPEN, _CLOSE = '“"', '”"'
_QUOTED = re.compile(r"[“\"]([^“”\"]+)(?:[”\"]|$)")
_VERB = r"(?:" + "|".join(sorted(SPEECH_VERBS)) + r")"
# After a quotation: "…,” he said", "…,” Ana Lund, the mayor, told reporters", "…,” said Lund".
_SPEAKER_AFTER = re.compile(
    rf"^[\s,–—-]*(?:{_VERB}\s+(?P<late>[^,.;]{{1,80}})|(?P<early>[^“\"]{{1,160}}?)\s+{_VERB}\b)"
)
# After a quotation, a source named by "according to": "…,” according to Ana Lund, a spokeswoman."
_ACCORDING_AFTER = re.compile(r"^[\s,–—-]*according to\s+(?P<who>[^,.;“\"]{1,80})", re.IGNORECASE)
# Before a quotation: "Lund said: “…”", "Lund told the BBC that “…”".
_SPEAKER_BEFORE = re.compile(rf"(?P<who>[^.;“\"]{{1,160}}?)\s+{_VERB}\b[^“\"]{{0,60}}$")
# A single quotation mark opens a quotation before a capital, and closes one after its final punctuation.
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s:(—–-]))['‘](?=[A-Z])")
_SINGLE_CLOSE = re.compile(r"(?<=[,.!?…])['’](?=\s|$|[)—–-])")
_PRONOUN = re.compile(r"^(?:he|she|they|i|we)\b", re.I)
_DETERMINER = re.compile(r"^(?:a|an|the|this|that|its|his|her|their)\s", re.I)
_SPOKESPERSON = re.compile(
    r"^(?:an?|the)\s+(?:spokes\w+|representative|statement)\s+(?:for|from|of)\s+(?:the\s+)?(?P<org>[A-Z].*)$", re.I
)
MIN_WORDS = 6  # shorter quoted fragments are scare quotes or phrases, not quotations
MIN_FRAGMENT_WORDS = 10  # a phrase quoted inside a sentence must say more to count
MAX_QUOTES = 5
MAX_PER_SPEAKER = 2


@dataclass(frozen=True)
class _Found:
    text: str
    speaker: str | None
    sentence: int
    whole: bool  # the quotation is most of its sentence, not a phrase quoted inside one


@dataclass(frozen=True)
class _Cast:
    """Who an article names: everyone, the people alone, and the people named in each sentence."""

    everyone: tuple[Entity, ...]
    people: tuple[Entity, ...]
    named_in: dict[int, tuple[str, ...]]

    @classmethod
    def of(cls, who: Sequence[Entity]) -> _Cast:
        people = tuple(e for e in who if e.kind == "person")
        named_in: dict[int, list[str]] = defaultdict(list)
        for person in people:
            for index in person.sentences:
                named_in[index].append(person.name)
        return cls(tuple(who), people, {index: tuple(names) for index, names in named_in.items()})


def extract_quotes(sentences: Sequence[Sentence], who: Sequence[Entity]) -> tuple[Quote, ...]:
    """The most telling direct quotations, speakers resolved to `who` names, in article order."""
    found = _quotations(sentences, _Cast.of(who))
    chosen = _most_telling(found)
    return tuple(Quote(q.text, q.speaker, q.sentence) for q in chosen)


def _quotations(sentences: Sequence[Sentence], who: _Cast) -> list[_Found]:
    found: list[_Found] = []
    last_speaker: str | None = None
    still_open: _Found | None = None
    for sentence in sentences:
        text = double_quotes(sentence.text)
        pieces = _QUOTED.findall(text)
        if still_open is not None and not text.lstrip().startswith(tuple(_OPEN)):
            continuation = _continuation(text)
            speaker = still_open.speaker or _speaker_after(text[len(continuation) :], who)
            still_open = _Found(f"{still_open.text} {continuation}", speaker, still_open.sentence, True)
            found[-1] = still_open
            if _closes(text):
                still_open = None
            continue
        if not pieces:
            still_open = None
            continue
        named = _speaker(text, who)
        unnamed = named is None and _quote_or_pronoun(text)
        speaker = named if not unnamed else (last_speaker or _only_recent_person(who, sentence.index, text))
        if speaker is not None:
            last_speaker = speaker
        whole = _whole(text, pieces)
        quoted = " … ".join(p.strip() for p in pieces) if whole else max(pieces, key=len).strip()
        quote = _Found(quoted, speaker, sentence.index, whole)
        found.append(quote)
        still_open = quote if _left_open(text) else None
    return [_tidy(q) for q in found]


def double_quotes(text: str) -> str:
    """British single quotation marks made double ("‘We are ready,’ he said" → "“We are ready,” he said"),
    leaving apostrophes ("It's", "the Joneses' house", "rock 'n' roll") alone."""
    if any(mark in text for mark in '“”"'):
        return text
    return _SINGLE_CLOSE.sub("”", _SINGLE_OPEN.sub("“", text))


def _only_recent_person(who: _Cast, index: int, text: str) -> str | None:
    """The one person named in the two sentences before, or before the quotation in this one, for a
    "he said" with no speaker yet. A name inside the quotation or after the pronoun is not its speaker."""
    recent = {name for i in range(index - 2, index) for name in who.named_in.get(i, ())}
    before, _ = _outside_quotes(text)
    recent.update(name for name in who.named_in.get(index, ()) if name.split()[-1] in before)
    return recent.pop() if len(recent) == 1 else None


def _whole(text: str, pieces: list[str]) -> bool:
    """A quotation that opens its sentence, follows a colon, or fills most of the sentence."""
    before, _ = _outside_quotes(text)
    return not before.strip() or before.rstrip().endswith(":") or sum(map(len, pieces)) >= len(text) / 2


def _continuation(text: str) -> str:
    close = min((text.find(mark) for mark in _CLOSE if mark in text), default=len(text))
    return text[:close].strip()


def _closes(text: str) -> bool:
    return any(mark in text for mark in _CLOSE)


def _left_open(text: str) -> bool:
    """The sentence opens a quotation that it does not close."""
    curly_open = text.count("“") > text.count("”")
    return curly_open or text.count('"') % 2 == 1


def _outside_quotes(text: str) -> tuple[str, str]:
    """The words before the first quotation, and those after it up to the next one
    ("“It's sad,” Lund told us, “and I hope…”" gives "Lund told us,")."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    if not spans:
        return text, ""
    after_end = spans[1][0] if len(spans) > 1 else len(text)
    return text[: spans[0][0]], text[spans[0][1] : after_end]


def _speaker(text: str, who: _Cast) -> str | None:
    before, after = _outside_quotes(text)
    according = _ACCORDING_AFTER.match(after)
    if according:
        return _resolve(according.group("who"), who)
    if _SPEAKER_AFTER.match(after):
        return _speaker_after(after, who)
    subject = _subject_before(before)
    return _resolve(subject, who) if subject is not None else None


def _subject_before(before: str) -> str | None:
    """Who speaks in the words before a quotation: "Lund said:", "And turning to Derby, he says:" (he)."""
    match = _SPEAKER_BEFORE.search(before)
    return match.group("who").rsplit(",", 1)[-1].strip() if match else None


def _speaker_after(after: str, who: _Cast) -> str | None:
    """The speaker named in the words after a closing quotation mark."""
    match = _SPEAKER_AFTER.match(after.lstrip('”"'))
    return _resolve(match.group("late") or match.group("early"), who) if match else None


def _quote_or_pronoun(text: str) -> bool:
    """The quotation has no named speaker: only a pronoun, or no words around it at all."""
    before, after = _outside_quotes(text)
    match = _SPEAKER_AFTER.match(after)
    if match:
        return bool(_PRONOUN.match((match.group("late") or match.group("early")).strip()))
    subject = _subject_before(before)
    if subject is not None:
        return bool(_PRONOUN.fullmatch(subject))
    return not before.strip() and not re.search(r"\w", after)


def _resolve(phrase: str, who: _Cast) -> str | None:
    phrase = phrase.strip(" ,")
    if _PRONOUN.match(phrase):
        return None
    spokesperson = _SPOKESPERSON.match(phrase)
    if spokesperson:  # "a spokeswoman for Northline Rail": the organisation speaks
        return resolve_actor(spokesperson.group("org"), who.everyone)
    if _DETERMINER.match(phrase) and len(phrase.split()) > 3:
        return None  # "a readout of the meeting from the minister's office": not the minister's own words
    speaker = resolve_actor(phrase, who.people) or resolve_actor(phrase, who.everyone)
    places = {e.name for e in who.everyone if e.kind == "place"}
    return None if speaker in places else speaker  # a place is where it was said, not who said it


def _tidy(quote: _Found) -> _Found:
    text = quote.text.strip().rstrip(",").strip()
    return _Found(text, quote.speaker, quote.sentence, quote.whole)


def _most_telling(found: list[_Found]) -> list[_Found]:
    """Whole quotations of some length from named speakers, early ones first, few from any one speaker."""
    long_enough = [q for q in found if len(q.text.split()) >= (MIN_WORDS if q.whole else MIN_FRAGMENT_WORDS)]
    last = max((q.sentence for q in long_enough), default=0) + 1
    ranked = sorted(long_enough, key=lambda q: -_telling(q, last))
    chosen: list[_Found] = []
    per_speaker: dict[str | None, int] = {}
    for quote in ranked:
        if per_speaker.get(quote.speaker, 0) < MAX_PER_SPEAKER and len(chosen) < MAX_QUOTES:
            chosen.append(quote)
            per_speaker[quote.speaker] = per_speaker.get(quote.speaker, 0) + 1
    return sorted(chosen, key=lambda q: q.sentence)


def _telling(quote: _Found, sentences: int) -> float:
    words = len(quote.text.split())
    fits = 1.0 if 8 <= words <= 45 else 0.5
    return 2.0 * quote.whole + 2.0 * (quote.speaker is not None) + fits + 1.0 - quote.sentence / sentences
