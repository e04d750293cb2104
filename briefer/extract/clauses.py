"""Clause boundaries, tense and hedging cues shared by the Commitments and Next-steps extractors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefer.models import Sentence

MAX_ITEM_WORDS = 45  # an item is one commitment or step, never a paragraph

# Verbs a coordinated clause may start with: "Britain would send advisers and provide £15m".
_CLAUSE_VERBS = (
    r"provide|give|send|spend|invest|fund|pay|donate|contribute|deploy|supply|deliver|allocate|offer|pledge"
    r"|promise|commit|agree|sign|support|back|build|create|cut|raise|boost|extend|increase|freeze|write|match"
    r"|visit|meet|hold|vote|decide|consider|review|launch|release|publish|announce|unveil|open|start|begin"
    r"|resume|attend|appear|testify|face|return|host|brief|travel|hear|rule|sentence|ratify|approve|introduce"
)
_BOUNDARY = re.compile(
    r";\s+|:\s+(?=[A-Z“\"])|\s+[—–]\s+|\s+--\s+"
    r"|,\s+(?=(?:and|but|while|whereas|although|though|which|when|after|before|as well as|so)\s)"
    r"|\s+(?=but\s)"
    rf"|\s+(?=and\s+(?:(?:also|then|will|would|to)\s+)?(?:{_CLAUSE_VERBS})(?:s|ed|d)?\b)",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\S+")


@dataclass(frozen=True)
class Clause:
    """A stretch of one sentence that holds one finite verb group, as far as punctuation shows."""

    text: str
    start: int
    end: int


def clauses(sentence: str) -> list[Clause]:
    """The clauses of `sentence`, split at semicolons, dashes and coordinating or relative links."""
    found: list[Clause] = []
    start = 0
    for match in _BOUNDARY.finditer(sentence):
        if match.start() > start:
            found.append(Clause(sentence[start : match.start()], start, match.start()))
        start = match.end()
    if start < len(sentence):
        found.append(Clause(sentence[start:], start, len(sentence)))
    return [c for c in found if c.text.strip()]


def clause_at(sentence: str, position: int) -> Clause:
    """The clause of `sentence` that holds the character at `position`."""
    for clause in clauses(sentence):
        if clause.start <= position < clause.end:
            return clause
    return Clause(sentence, 0, len(sentence))


def item_text(sentence: str, clause: Clause, shared: bool) -> str:
    """The text an item shows: the whole sentence when it carries one item and is short, else the clause."""
    if not shared and word_count(sentence) <= MAX_ITEM_WORDS:
        return sentence.strip()
    text = clause.text.strip(" ,;:—–-")
    if word_count(text) < 5:
        text = _widen(sentence, clause)
    return trim_words(text, MAX_ITEM_WORDS)


def _widen(sentence: str, clause: Clause) -> str:
    parts = clauses(sentence)
    index = next((i for i, c in enumerate(parts) if c.start == clause.start), 0)
    before = parts[index - 1].text if index > 0 else ""
    return f"{before} {clause.text}".strip(" ,;:—–-")


def trim_words(text: str, limit: int) -> str:
    """`text` cut to its first `limit` words."""
    tokens = _WORDS.findall(text)
    return text if len(tokens) <= limit else " ".join(tokens[:limit]) + " …"


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


# Tense and hedging.
# "due to be introduced" is a plan; "due to rebanding" is a cause.
DUE_VERBS = (
    r"be|start|begin|open|close|take|meet|hold|return|appear|face|go|make|end|expire|arrive|launch|vote|decide|"
    r"hear|sign|report|resume|finish|come|visit|travel|publish|release|announce|deliver|submit|rule|give"
)
FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|going to|gonna|must)\b|\w['’]ll\b"
    r"|\b(?:is|are|be)\s+(?:(?:also|now|still|not|then)\s+)?"
    r"(?:(?:set|scheduled|slated|expected|poised|planned)\s+(?:to|for)|to)\s+\w+"
    r"|(?<!was )(?<!were )\b(?:expected|scheduled|set|slated) to\b|\b(?:is|are)\s+(?:\w+\s+)?expected\b"
    r"|(?<!was )(?<!were )\bdue to (?:" + DUE_VERBS + r")\b"
    r"|\b(?:plans?|planning|intends?|prepares?|preparing)\s+to\b|\bupcoming\b|\bforthcoming\b"
    r"|\b(?:is|are)\s+due\s+(?:on|in|at|by|out|back|next|this|later|before|for)\b",
    re.IGNORECASE,
)
REPORTING = re.compile(
    r"\b(?:said|says|told|announced|confirmed|indicated|added|insisted|stressed|promised|pledged|warned|"
    r"vowed|declared|stated|agreed|suggested|noted|explained|argued|signalled|signaled|hinted|expects?)\b",
    re.IGNORECASE,
)
HEDGE = re.compile(r"\b(?:could|might|may|perhaps|possibly|(?i:maybe)|seems?|unlikely)\b")
# Statements about numbers to come: "growth is set to accelerate, it forecast".
PREDICTION = re.compile(r"\b(?:forecast(?:s|ed|ing)?|predict(?:s|ed|ing)?|projected|projections?)\b", re.IGNORECASE)
CONDITION = re.compile(
    r"\b(?:if|unless|in case|provided that|should it|were it|assuming|in the event|whether or not|had they|"
    r"had he|had she|had it|(?:would|could|might|should) have)\b",
    re.IGNORECASE,
)
QUESTION = re.compile(r"\?\s*[”\"’']?\s*$")
_WH_BEFORE = re.compile(r"\b(?:what|whether|how much|how many|how)\b[^,;]*$", re.IGNORECASE)
# Wishes, fears and assumptions are not plans: "I hope my body will hold up", "the figures assume".
WISH = re.compile(
    r"\b(?:hope[sd]?|hoping|wish(?:es|ed)?|fear(?:s|ed)?|worr(?:y|ies|ied)|assumes?|thinks?|believes?)\b",
    re.IGNORECASE,
)
# Subjects whose future statements are forecasts, not plans or pledges.
# "The way forward is to talk", "the tactic is to vote": what something is, not what someone will do.
DEFINITION = re.compile(
    r"\b(?:way|answer|solution|aim|goal|idea|job|task|priority|challenge|tactic|plan|point|purpose|key|trick|"
    r"option|hope|intention|strategy|role|mission|quest|ambition|dream|duty|concern|worry|focus)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
FORECASTERS = re.compile(
    r"\b(?:analysts?|economists?|experts?|observers?|commentators?|forecasters?|critics?|pundits?|"
    r"markets?|investors?|traders?|polls?|surveys?|observers?|researchers?|scientists?|studies|study|report)\b"
    r"[^.;]*\b(?:expect|predict|forecast|believe|think|estimate|warn|say|said|suggest|project|told|tells)",
    re.IGNORECASE,
)


# A closing attribution: "…, the spokesman said."
_ATTRIBUTION = re.compile(r"[,”\"]\s*(?:[\w.'’-]+\s+){1,6}?(?:said|says|told|added|announced)\b[^,]*$")


def headline(sentence: Sentence) -> bool:
    """The first line when it is a headline (no closing punctuation): it repeats what the lead says."""
    return sentence.index == 0 and not re.search(r"[.!?”\"’')]\s*$", sentence.text)


def wh_governed(text: str, position: int) -> bool:
    """True when the cue at `position` sits inside a wh- or whether-clause ("what Canada would give")."""
    return bool(_WH_BEFORE.search(text[max(0, position - 100) : position]))


def reported_future(sentence: str, position: int) -> bool:
    """True for a "would" that reports a future plan ("she said ministers would consult")."""
    reported = REPORTING.search(sentence[:position]) or _ATTRIBUTION.search(sentence, position)
    return bool(reported) and not CONDITION.search(sentence)
