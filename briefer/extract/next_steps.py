"""What happens next, and when: scheduled or expected events and planned actions.

An item is anchored on a time phrase that points forward ("within 10 days", "next month"), on a
date or weekday that a future or scheduling verb governs ("will meet on Wednesday"), or on a planned
event with no date ("is to visit", "is due to be introduced"). Reported past events, conditions,
questions, forecasts of quantities and commentators' predictions stay out, and the same event told
twice is listed once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from briefer.extract.amounts import find_money
from briefer.extract.clauses import (
    CONDITION,
    DEFINITION,
    DUE_VERBS,
    FORECASTERS,
    FUTURE,
    HEDGE,
    PREDICTION,
    QUESTION,
    WISH,
    Clause,
    clause_at,
    headline,
    item_text,
    reported_future,
    wh_governed,
)
from briefer.extract.dates import TimePhrase, find_times
from briefer.extract.layout import action
from briefer.models import NextStep, Sentence

_EVENT_VERBS = (
    r"meet|visit|travel|hold|vote|decide|rule|hear|testify|appear|consider|review|examine|consult|debate|"
    r"discuss|launch|unveil|release|publish|announce|open|start|begin|resume|sign|attend|face|return|host|"
    r"brief|convene|introduce|ratify|approve|submit|present|report|sentence|elect|name|choose|select|"
    r"outline|be shown|stage|play(?! (?:a|an) \w+ (?:part|role))|look|challenge|appeal|file|take place|"
    r"go ahead|go on trial|be sent|be tried|"
    r"be followed|decide|judge|study|investigate|probe|inspect|audit|negotiate|talk|arrive|leave|hand|"
    r"take part|join|participate|conduct|"
    r"set out|lay out|reveal|detail|finalise|finalize|complete|conclude|close|shut|tear down|ballot|strike"
)
_EVENT_FORMS = r"(?:" + _EVENT_VERBS + r")(?:s|es|ed|d|ing|n|en)?"
_ADVERBS = (
    r"(?:(?:also|now|then|soon|still|first|formally|officially|thoroughly|shortly|again|likely|probably|not)\s+)*"
)
_PLANNED_EVENT = re.compile(
    r"\b(?:will|shall|would|is to|are to|(?:is|are)\s+(?:set|scheduled|slated|expected|poised|"
    r"planning|preparing|going)\s+to|(?<!['’]s )(?<!\bthe )(?<!\ba )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bits )"
    r"(?:plans? to|intends? to|aims? to))\s+"
    + _ADVERBS
    + r"(?:be\s+(?:being\s+)?)?"
    + _EVENT_FORMS
    + r"\b|\w['’]ll\s+"
    + _ADVERBS
    + _EVENT_FORMS
    + r"\b|\b(?:upcoming|forthcoming)\s+\w+|\b(?:there are|has|have)\s+plans\s+to\b"
    r"|(?<!was )(?<!were )\b(?:scheduled|slated|due)\s+for\b|(?<!was )(?<!were )\b(?:scheduled|slated)\s+to\b"
    r"|(?<!was )(?<!were )(?<!been )\bdue to (?:" + DUE_VERBS + r")\b"
    r"|\bis\s+(?:also\s+)?being\s+sent\b",
    re.IGNORECASE,
)
_HEDGED_EVENT = re.compile(
    r"\b(?:may|might|could)\s+(?:\w+\s+)?(?:be\s+)?" + _EVENT_FORMS + r"\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:will not|won['’]t|would not|wouldn['’]t|not (?:be|expected|due|scheduled|going)|never|no longer|"
    r"did not|does not|do not|didn['’]t|doesn['’]t|don['’]t|ruled out|refused|declined)\b",
    re.IGNORECASE,
)
# A present-tense verb of a timetable: "the deadline is Sept. 25", "ballots begin shipping out Sept. 22".
_SCHEDULE = re.compile(
    r"\b(?:deadline|begins?|starts|opens|ends|expires|closes|returns?|resumes?|meets?|takes place|kicks off|"
    r"arrives|have until|has until|go(?:es)? on trial|go(?:es)? to the polls|faces?|plays?|hosts?)\b",
    re.IGNORECASE,
)
# Words in -ed that are mostly adjectives in news copy, not past-tense verbs.
_ADJECTIVES = (
    "allied|armed|united|related|limited|advanced|detailed|supposed|concerned|interested|involved|skilled|based|"
    "balanced|mixed|renewed|increased|reduced|proposed|planned|expected|scheduled|alleged|required|needed|aged|"
    "named|unnamed|qualified|sophisticated|extended|combined|unprecedented|talented|hundred|sacred|naked|"
    "wicked|beloved|learned|rugged|crooked|so-called|embattled|troubled|celebrated|respected|elected|"
    "unemployed|registered|licensed|organised|organized|coordinated|accused|disputed|contested|preferred"
)
_PAST_VERB = re.compile(
    r"\b(?:said|told|met|held|was|were|had|did|went|came|took|made|gave|won|lost|began|left|got|saw|spoke|"
    r"wrote|fell|rose|grew|ran|sold|bought|paid|brought|thought|found|kept|became|wore|flew|drove|ate|"
    r"swam|sang|spent|taught|caught|fought|felt|heard|meant|understood|woke|"
    r"struck|threw|drew|chose|broke|fought|fled|stood|sat|ago|previously|earlier)\b"
    r"|\b(?:has|have|had) been\b"
    r"|(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bwas )(?<!\bwere )(?<!\bto )(?<!\bthe )"
    r"(?<!\ba )(?<!\ban )(?<!\bits )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bwill )(?<!\bwould )"
    r"\b(?!(?:" + _ADJECTIVES + r")\b)(?-i:[a-z]{2,}[^e]ed)\b(?!\s+to\b)",
    re.IGNORECASE,
)
# A past verb after its subject ("who took the stand", "Obama signed"), not a participle ("a conference called").
_FINITE_PAST = re.compile(
    r"(?:\b(?:he|she|it|they|we|i|who|which)|(?-i:\b[A-Z][\w'’.-]+))\s+(?:\w+ly\s+)?"
    r"(?:met|held|was|were|did|went|came|took|made|gave|won|lost|began|left|got|saw|spoke|wrote|"
    r"(?-i:[a-z]{2,}[^e]ed))\b",
    re.IGNORECASE,
)
# "On Thursday, a US court said ...": the fronted day is when it was said.
_REPORTED_AFTER = re.compile(r"^,?\s+(?:[\w'’.-]+\s+){1,5}?(?:said|told|announced|confirmed)\b", re.IGNORECASE)
_THERE_WILL_BE = re.compile(r"\bthere (?:will|would) be\b", re.IGNORECASE)
_FUTURE_OR_WOULD = re.compile(FUTURE.pattern + r"|\bwould\b", re.IGNORECASE)
# A future verb whose object is a quantity is a budget figure or a forecast, not an event.
_QUANTITY_VERB = re.compile(
    r"\b(?:will|to|would)\s+(?:\w+\s+)?(?:increase|rise|grow|fall|drop|decline|total|reach|double|triple|"
    r"cost|spend|cut|fund|exceed|surpass|hit|raise|expand|slow|contract|recover|accelerate|improve|worsen|"
    r"drive)\b",
    re.IGNORECASE,
)
# Giving something in the future is a pledge (a commitment), not an event.
_PROVISION = re.compile(
    r"\b(?:will|to|would|going to)\s+(?:\w+\s+)?(?:extend|give|provide|pay|invest|donate|contribute|boost|"
    r"fund|supply|deploy|send)\b",
    re.IGNORECASE,
)
# An event named by its date: "at Sunday's ceremony", "a March 24 deadline", "his Tuesday address".
_EVENT_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+){0,2}?(?:meeting|hearing|trial|vote|election|summit|talks|conference|launch|"
    r"sentencing|ballot|match|game|final|semi-final|ceremony|debate|session|race|premiere|opening|deadline|"
    r"address|speech|visit|trip|release|decision|ruling|verdict)s?\b",
    re.IGNORECASE,
)
_PROSPECTIVE = re.compile(
    r"\b(?:before|ahead of|until|till|by|upcoming|next|coming|forthcoming)\s+(?:the\s+|a\s+|an\s+)?$"
)
_ECONOMY = re.compile(
    r"\b(?:growth|economy|inflation|recovery|prices|demand|unemployment|the market|markets|it will feel)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\d\s?%|\bper\s?cent\b", re.IGNORECASE)
_REPORT_OR_COPULA = frozenset({"said", "told", "was", "were", "reported", "announced", "added", "confirmed"})
_EVENT_NOUNS = re.compile(
    r"\b(?:meeting|hearing|trial|vote|election|summit|talks|conference|launch|sentencing|ballot|match|game|"
    r"final|semi-final|visit|decision|ruling|verdict|deadline|release|strike|session|debate|court|appearance|"
    r"ceremony|festival|premiere|launch|opening)s?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Step:
    text: str
    when: TimePhrase | None
    sentence: int
    events: frozenset[str]
    names: frozenset[str]
    sentences: tuple[int, ...] = ()


def extract_next_steps(sentences: Sequence[Sentence], published: date | None) -> tuple[NextStep, ...]:
    """Scheduled events and planned actions in article order, dated where `published` allows."""
    steps: list[_Step] = []
    for sentence in sentences:
        steps.extend(_steps_in(sentence, published))
    return tuple(_to_model(step) for step in _deduplicate(steps))


def _steps_in(sentence: Sentence, published: date | None) -> list[_Step]:
    text = sentence.text
    if QUESTION.search(text) or FORECASTERS.search(text) or PREDICTION.search(text) or headline(sentence):
        return []
    anchors: dict[Clause, TimePhrase | None] = {}
    for phrase in find_times(text, published):
        if published is not None and phrase.date is not None and (phrase.date_end or phrase.date) < published:
            continue  # "in February 2012" in an article of 2025
        clause = clause_at(text, phrase.start)
        if _is_ahead(text, clause, phrase) and _better(phrase, anchors.get(clause)):
            anchors[clause] = phrase
    if not anchors:
        match = _planned_event(text)
        if match is not None:
            anchors[clause_at(text, match.start())] = None
    shared = len(anchors) > 1
    return [
        _Step(
            item_text(text, clause, shared), phrase, sentence.index, _events(clause.text), _names(clause.text, phrase)
        )
        for clause, phrase in anchors.items()
    ]


def _better(phrase: TimePhrase, held: TimePhrase | None) -> bool:
    return held is None or (phrase.tense == "future" and held.tense != "future")


def _is_ahead(sentence: str, clause: Clause, phrase: TimePhrase) -> bool:
    """True when the time phrase dates something still to come."""
    if phrase.tense == "past" or not _plain_statement(sentence, clause, phrase.start, phrase.end):
        return False
    if _forecast_figure(clause.text) or _ECONOMY.search(clause.text):
        return False  # "growth will be slower next year": an outlook, not an event
    if phrase.tense == "future":
        return not (re.search(r"\bhad\b", clause.text) or _narrated(clause.text))
    if _past_next_to(sentence, phrase, clause):
        return False
    if _EVENT_AFTER.match(sentence[phrase.end :]) and (
        _PROSPECTIVE.search(sentence[max(0, phrase.start - 30) : phrase.start]) or not _PAST_VERB.search(clause.text)
    ):
        return True  # "before a March 24 deadline", "at Sunday's ceremony"; not "during the 10 June election"
    if _past_governs(sentence[clause.start : phrase.start]) or _past_follows(sentence, clause, phrase):
        return False  # "intends to question the witness, who took the stand later Friday"
    if _own_future(clause.text) or _HEDGED_EVENT.search(clause.text):
        return True
    return _future_evidence(sentence, clause)


def _past_follows(sentence: str, clause: Clause, phrase: TimePhrase) -> bool:
    """A fronted phrase whose verb comes after it in the past: "On Tuesday, Obama announced that ..."."""
    if _FUTURE_OR_WOULD.search(sentence[clause.start : phrase.start]):
        return False
    after = sentence[phrase.end : clause.end]
    past = _FINITE_PAST.search(after) or _REPORTED_AFTER.match(after)
    future = _FUTURE_OR_WOULD.search(after)
    return past is not None and (future is None or past.start() < future.start())


def _past_governs(before: str) -> bool:
    """The verb nearest before the phrase is a finite past verb, not a future one."""
    past = max((m.end() for m in _FINITE_PAST.finditer(before)), default=-1)
    future = max((m.end() for m in _FUTURE_OR_WOULD.finditer(before)), default=-1)
    return past > future


def _own_future(text: str) -> bool:
    """A future verb that is not inside a wish or belief ("hoping the new leadership will bring")."""
    return any(not WISH.search(text[: m.start()]) for m in FUTURE.finditer(text))


def _forecast_figure(text: str) -> bool:
    """A future quantity ("will rise 3%", "there will be 13.5 million") is a forecast, not an event."""
    figure = _PERCENT.search(text) or _PROVISION.search(text) or _QUANTITY_VERB.search(text)
    figure = figure or (_THERE_WILL_BE.search(text) and re.search(r"\d", text))
    money = find_money(text) and not _SCHEDULE.search(text)
    return bool(figure or money) and not _EVENT_NOUNS.search(text)


def _narrated(text: str) -> bool:
    """A past account ("we stayed there for the next year"): a past verb other than a report or a copula."""
    if FUTURE.search(text) or re.search(r"\bwould\b", text):
        return False
    return any(m.group(0).lower() not in _REPORT_OR_COPULA for m in _PAST_VERB.finditer(text))


def _plain_statement(sentence: str, clause: Clause, start: int, end: int) -> bool:
    """Not a condition, a hedge without a plan, a negation or a wh-clause around the anchor."""
    before = sentence[clause.start : start]
    after = " ".join(sentence[end : clause.end].split()[:6])
    if CONDITION.search(before) or CONDITION.search(after) or _NEGATED.search(clause.text):
        return False
    if WISH.search(before) or (HEDGE.search(before) and not _HEDGED_EVENT.search(clause.text)):
        return False  # a hedged event ("may conduct hearings in January") is still a step
    return not wh_governed(sentence, start)


def _past_next_to(sentence: str, phrase: TimePhrase, clause: Clause) -> bool:
    """A past verb right by the phrase ("said Tuesday", "held a call on Tuesday") dates a past event."""
    words = sentence[: phrase.start].split()
    after = " ".join(sentence[phrase.end :].split()[:3])
    if _PAST_VERB.search(" ".join(words[-3:])) or _PAST_VERB.search(after):
        return True
    if FUTURE.search(sentence[clause.start : phrase.start]):
        return False  # "will represent the G8 at the conference called in Jakarta on Thursday"
    wider = " ".join(words[-5:-3])
    return any(m.group(0).lower() not in _REPORT_OR_COPULA for m in _PAST_VERB.finditer(wider))


def _future_evidence(sentence: str, clause: Clause) -> bool:
    text = clause.text
    would = re.search(r"\bwould\b", text)
    if would and reported_future(sentence, clause.start + would.start()):
        return True
    if _PAST_VERB.search(text):
        return False
    # A clause joined to a future one shares its tense: "will be no later than Sept. 17, and ... on Sept. 5".
    return bool(_SCHEDULE.search(text) or FUTURE.search(sentence[: clause.start]))


_PLANNED_GATE = (
    "will",
    "shall",
    "would",
    "is to",
    "are to",
    "due",
    "set",
    "scheduled",
    "slated",
    "expected",
    "poised",
    "planning",
    "preparing",
    "going",
    "plan",
    "intend",
    "aim",
    "'ll",
    "’ll",
    "upcoming",
    "forthcoming",
    "being sent",
)


def planned_event(sentence: str) -> bool:
    """True when `sentence` names a planned event or action in a plain statement ("is due to meet")."""
    return _planned_event(sentence) is not None


def _planned_event(sentence: str) -> re.Match[str] | None:
    lower = sentence.lower()
    if not any(word in lower for word in _PLANNED_GATE):
        return None
    for match in _PLANNED_EVENT.finditer(sentence):
        clause = clause_at(sentence, match.start())
        if not _plain_statement(sentence, clause, match.start(), match.end()):
            continue
        if DEFINITION.search(sentence[clause.start : match.start()]):
            continue
        if match.group(0).lower().startswith("would") and not _reported_plan(sentence, match.start()):
            continue
        return match
    return None


def _reported_plan(sentence: str, position: int) -> bool:
    """A "would" that reports a plan, not a past account ("I had been playing well and he told me I would")."""
    return reported_future(sentence, position) and not re.search(r"\bhad\b", sentence)


def _events(text: str) -> frozenset[str]:
    return frozenset(m.group(0).lower().rstrip("s") for m in _EVENT_NOUNS.finditer(text))


_NAME = re.compile(r"(?<![.!?] )(?<!^)\b[A-Z][a-z]+\b")


def _names(text: str, phrase: TimePhrase | None) -> frozenset[str]:
    """Capitalised words inside a sentence (not its first word), apart from the time phrase's own."""
    skip = set(phrase.text.split()) if phrase is not None else set()
    return frozenset(m.group(0) for m in _NAME.finditer(text) if m.group(0) not in skip)


def _deduplicate(steps: list[_Step]) -> list[_Step]:
    """One item per event: a later step naming the same event at a compatible time is merged."""
    kept: list[_Step] = []
    for step in steps:
        twin = next((i for i, other in enumerate(kept) if _same_event(other, step)), None)
        if twin is None:
            kept.append(replace(step, sentences=(step.sentence,)))
            continue
        cited = tuple(sorted({*kept[twin].sentences, step.sentence}))
        kept[twin] = replace(step if _more_specific(step, kept[twin]) else kept[twin], sentences=cited)
    return sorted(kept, key=lambda s: s.sentence)


def _same_event(one: _Step, other: _Step) -> bool:
    if one.text == other.text:
        return True
    if one.when is None or other.when is None:
        return False
    if _when_key(one.when) == _when_key(other.when) and one.names & other.names:
        return True
    return bool(one.events & other.events) and _compatible(one.when, other.when)


_WHEN_WORDS = re.compile(r"[A-Za-z]+|\d+")
_WHEN_STOP = frozenset({"on", "in", "at", "by", "until", "the", "of", "this", "s", "before", "from"})


def _when_key(phrase: TimePhrase) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WHEN_WORDS.findall(phrase.text) if w.lower() not in _WHEN_STOP)


def _compatible(one: TimePhrase, other: TimePhrase) -> bool:
    a, b = set(_when_key(one)), set(_when_key(other))
    return bool(a) and bool(b) and (a <= b or b <= a)


def _more_specific(step: _Step, other: _Step) -> bool:
    return step.when is not None and other.when is not None and len(_when_key(step.when)) > len(_when_key(other.when))


def _to_model(step: _Step) -> NextStep:
    phrase, shown = step.when, action(step.text, None)
    if phrase is None:
        return NextStep(step.text, None, None, None, step.sentence, step.sentences, shown)
    return NextStep(step.text, phrase.text, phrase.date, phrase.date_end, step.sentence, step.sentences, shown)
