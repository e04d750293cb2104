"""Who committed, pledged, agreed, offered or refused to do what, with amounts.

A commitment is anchored on a cue that only an actor's own undertaking uses: a pledge verb in any
tense ("has committed $6.5 billion", "promised to"), a declared readiness ("ready to", "willing
to"), a refusal ("ruled out", "has no plans to"), a deal concluded ("signed a treaty"), money put
to a purpose ("announced £100m of new investment"), or a future provision by an actor ("will
provide", "is to rise by £1,400"). Cues inside questions, conditions, wh-clauses ("what Canada
would contribute"), hedges and forecasters' statements stay out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefer.extract.amounts import article_dollar, find_money, first_amount
from briefer.extract.clauses import (
    AID_NOUN,
    CONDITION,
    CUE_PATTERNS,
    DEFINITION,
    FORECASTERS,
    GIVEN_BY,
    HEDGE,
    NOT_GIVEN,
    PREDICTION,
    QUESTION,
    REPORTING,
    STRONG_MONEY_VERB,
    WISH,
    Clause,
    clause_at,
    headline,
    item_text,
    money_verb,
    reported_future,
    wh_governed,
    word_count,
)
from briefer.extract.layout import action
from briefer.extract.who import resolve_actor
from briefer.models import Amount, Commitment, Entity, Sentence

# Words between a subject and its verb: auxiliaries, adverbs, quotation marks.
_SUBJECT_SKIP = re.compile(
    r"\b(?:has|have|had|will|would|shall|is|are|was|were|be|been|being|also|not|already|now|still|further|"
    r"today|again|then|just|firmly|formally|publicly|officially|repeatedly|explicitly|completely|once|never|"
    r"both|all|each|itself|themselves|himself|herself)\b|[“”\"‘’()]",
    re.IGNORECASE,
)
# Where the clause that holds the cue begins: after a reporting verb, "that", a conjunction or a comma.
_SUBJECT_START = re.compile(
    r".*(?:\b(?:said|says|told|announced|confirmed|reaffirmed|added|insisted|stressed|warned|that|and|but|while)\b|[,;:])",
    re.IGNORECASE | re.DOTALL,
)
_ACTOR_BY = re.compile(r"^\s*(?:\w+\s+){0,3}?by\s+((?:[A-Z][\w'’.-]*\s*){1,4})")
_POSSESSIVE_END = re.compile(r"['’]s?$")
MIN_CLAUSE_WORDS = 5  # a shorter clause shows its whole item instead
_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})


@dataclass(frozen=True)
class _Cue:
    kind: str
    start: int
    end: int


def extract_commitments(sentences: Sequence[Sentence], who: Sequence[Entity]) -> tuple[Commitment, ...]:
    """Commitments in article order, actors resolved to `who` names where possible."""
    dollar = article_dollar([s.text for s in sentences])
    found: list[Commitment] = []
    for sentence in sentences:
        found.extend(_commitments_in(sentence, who, dollar))
    return tuple(_deduplicate(found))


def _commitments_in(sentence: Sentence, who: Sequence[Entity], dollar: str) -> list[Commitment]:
    text = sentence.text
    if QUESTION.search(text) or FORECASTERS.search(text) or PREDICTION.search(text) or headline(sentence):
        return []
    anchors: dict[Clause, _Cue] = {}
    for cue in _cues(text, dollar):
        clause = clause_at(text, cue.start)
        if clause not in anchors and _counts(text, clause, cue, who):
            anchors[clause] = cue
    shared = len(anchors) > 1
    return [
        _commitment(
            sentence,
            clause,
            item_text(text, clause, shared),
            _actor(text, clause, cue, sentence.index, who),
            _amount(clause.text if shared else text, dollar),
        )
        for clause, cue in sorted(anchors.items(), key=lambda item: item[0].start)
    ]


def _commitment(sentence: Sentence, clause: Clause, text: str, actor: str | None, amount: Amount | None) -> Commitment:
    """One item: its evidence text, and the pledge's own clause (when it says enough) as its action."""
    whole = clause.text.count("“") == clause.text.count("”") and clause.text.count('"') % 2 == 0
    own = clause.text if whole and word_count(clause.text) >= MIN_CLAUSE_WORDS else text
    return Commitment(text, actor, amount, sentence.index, (sentence.index,), action(own, actor))


def cue_verdicts(text: str, who: Sequence[Entity] = (), dollar: str = "USD") -> set[str]:
    """Each commitment cue in `text` as "kind:verdict": "pledge:ok", "money:r07" (the check that turned it down)."""
    verdicts = (_rejection(text, clause_at(text, cue.start), cue, who) for cue in _cues(text, dollar))
    return {f"{cue.kind}:{verdict or 'ok'}" for cue, verdict in zip(_cues(text, dollar), verdicts, strict=True)}


# Each cue pattern's stems as one literal alternation, searched in the lower-cased sentence.
_STEM_GATES = tuple(re.compile("|".join(map(re.escape, stems))) for _, stems, _ in CUE_PATTERNS)


def _cues(text: str, dollar: str) -> list[_Cue]:
    lower = text.lower()
    cues = [
        _Cue(kind, m.start("plan") if m.groupdict().get("plan") else m.start(), m.end())
        for (kind, _, pattern), gate in zip(CUE_PATTERNS, _STEM_GATES, strict=True)
        if gate.search(lower)  # a cheap test first: most sentences hold no cue word
        for m in pattern.finditer(text)
    ]
    cues += _money_cues(text, dollar)
    return sorted(cues, key=lambda c: c.start)


def _money_cues(text: str, dollar: str) -> list[_Cue]:
    """Money put to a purpose: a funding verb with an aid-like noun, a strong funding verb, or "given by"."""
    cues = []
    for amount in find_money(text, dollar):
        position = max(text.find(amount.text), 0)
        if NOT_GIVEN.search(text[max(0, position - 25) : position]):
            continue  # "worth $650 million", "sales of £3m": a value, not money put to a purpose
        clause = clause_at(text, position)
        if GIVEN_BY.match(text[position + len(amount.text) :]):
            cues.append(_Cue("money", position, position + len(amount.text)))
            continue
        lead_in = max(clause.start, position - 50)
        strong = STRONG_MONEY_VERB.search(text, lead_in, position)
        if strong:
            cues.append(_Cue("money", strong.start(), strong.end()))
            continue
        verb = AID_NOUN.search(clause.text) and money_verb(clause.text)
        if verb:
            cues.append(_Cue("money", clause.start + verb.start(), clause.start + verb.end()))
    return cues


def _counts(sentence: str, clause: Clause, cue: _Cue, who: Sequence[Entity]) -> bool:
    """The cue states the actor's own undertaking: not conditional, hedged, asked, embedded or negated."""
    return _rejection(sentence, clause, cue, who) is None


def _rejection(sentence: str, clause: Clause, cue: _Cue, who: Sequence[Entity]) -> str | None:
    """None when the cue counts, else the name of the check that turns it down (r01 ... r17, r18)."""
    before = sentence[clause.start : cue.start]
    cue_text = sentence[cue.start : cue.end].lower()
    after = " ".join(sentence[cue.end : clause.end].split()[:8])
    if CONDITION.search(before) or CONDITION.search(after) or _wh_embedded(sentence, clause, cue):
        return "r01"
    if HEDGE.search(before.split(",")[-1]) or _LIKELY.search(before):
        return "r02"
    if _REQUESTED.search(sentence[max(0, cue.start - 80) : cue.start]) or _NOT_ACTOR.search(before):
        return "r03"
    if cue_text.startswith(("is to", "are to")) and DEFINITION.search(before):
        return "r04"
    if _UNREPORTED.search(before) and not REPORTING.search(sentence[: cue.start]):
        return "r05"  # "the budget would contribute", "BMW had invested": a hypothetical or background
    if _NEGATION.search(_last_words(before, 3)) or (cue.kind != "refuse" and _NEGATION.search(cue_text)):
        return "r06"  # "has not ruled out", "no deal was offered"
    if _ADDRESSEE.search(_last_words(before, 3)):
        return "r07"  # "you can refuse", "we should offer": advice, not an undertaking
    if cue.kind == "pledge" and (_modifier_use(cue_text, before) or _plural_noun_use(cue_text, after)):
        return "r08"  # "that pledge", "its latest offer": a noun, not someone pledging
    if cue.kind == "ready" and not (cue_text.startswith(_NOUN_READY) or _copula_before(before)):
        return "r09"  # "a chancellor determined to": a description, not a declaration
    if cue.kind == "deal" and _FUTURE_END.search(before):
        return "r10"  # "will sign a deal next week" is a next step
    if cue_text.startswith("would") and not reported_future(sentence, cue.start):
        return "r11"
    if cue.kind == "provide" and _INFORMATION.match(sentence[cue.end : cue.end + 40]):
        return "r12"  # "will give details of its results": an announcement to come, a next step
    if cue_text.startswith(("offer", "open")) and not (first_amount(clause.text) or _agent_before(before, who)):
        return "r13"  # "the console offers support", "the award is open to books": not undertakings
    if cue.kind == "ready" and _PAST_COPULA.search(before) and not REPORTING.search(sentence[: cue.start]):
        return "r14"  # "because he was determined to kill": a past state of mind, not a declaration
    if _WHO_IS.search(before):
        return "r15"  # "who is willing to do what": a question about commitments, not one
    if WISH.search(before):
        return "r16"  # "they hope the song will raise £2m"
    if _PROPOSED.search(before):
        return "r17"  # "it suggests increasing funding to £3m": a proposal, not a pledge
    if cue.kind == "provide" and not (first_amount(clause.text) or _agent_before(before, who)):
        return "r18"
    return None


# A request or an attempt: "urged the ministers to provide", "trying to reach a deal".
_REQUESTED = re.compile(
    r"\b(?:urg\w*|call(?:s|ed|ing)? on|ask(?:s|ed|ing)?|demand\w*|press(?:ed|es|ing)|want\w*|appeal\w*|"
    r"lobb\w*|attempt\w*|try\w*|tried|seek\w*|sought|struggl\w*|fail\w*|hop(?:e|es|ed|ing)|necessary|"
    r"needed|needs?|efforts?|bids?|push|talks|negotiations|aims?|goal)\b"
    r"(?:\s+[\w'’-]+){0,8}?\s+to\s+(?:[\w'’-]+\s+){0,6}$",
    re.IGNORECASE,
)
_NOT_ACTOR = re.compile(
    r"\b(?:it is|it was|it's)\s+(?:\w+\s+)?(?:believed|understood|thought|expected|likely|possible|typical|"
    r"unclear|not clear)\b|\b(?:reported|said|thought|believed|rumou?red)\s+to\s+(?:be\s+)?$"
    r"|\b(?:job|aim|goal|role|task|idea|purpose|mission|point|challenge|priority|answer|"
    r"solution|hope)\s+(?:(?:is|was)\s*)?$",
    re.IGNORECASE,
)
_ADDRESSEE = re.compile(r"\b(?:you|can|should|ought)\b", re.IGNORECASE)
_INFORMATION = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:details?|information|an? update|a statement|a speech|evidence|an interview|"
    r"a briefing|a press conference|figures|results)\b",
    re.IGNORECASE,
)
_LIKELY = re.compile(r"\b(?:likely|apparently|allegedly|reportedly|probably)\s+(?:\w+\s+)?$", re.IGNORECASE)
_PAST_COPULA = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?$", re.IGNORECASE)
_WHO_IS = re.compile(r"\bwho\s+(?:is|are|was|were|would be|will be|might be)\W*$", re.IGNORECASE)
_PROPOSED = re.compile(
    r"\b(?:suggest\w*|propos\w*|recommend\w*|calls? for|called for|consider\w*|urg\w*)\b", re.IGNORECASE
)
_NEGATION = re.compile(r"\b(?:no|not|never|n't|nor|yet to)\b|n['’]t\b", re.IGNORECASE)
_ADJECTIVE_END = re.compile(
    r"\b(?:\w+ed|\w+al|\w+ive|\w+ful|\w+ous|new|false|big|further|more|many|several|special|latest|best|"
    r"broken|unfulfilled|empty|hollow|campaign|election)\s+$",
    re.IGNORECASE,
)
_JUST_DETERMINER = re.compile(r"\b(?:the|that|this|a|an|its|his|her|their|our|my|your)\s+$", re.IGNORECASE)


def _modifier_use(cue_text: str, before: str) -> bool:
    """A pledge word used as a noun or an adjective: "that pledge", "enhanced offers", "the promised cuts"."""
    if _NOUN_FORM.match(cue_text):
        return bool(_DETERMINER_END.search(before) or _ADJECTIVE_END.search(before))
    return bool(_JUST_DETERMINER.search(before))


def _plural_noun_use(cue_text: str, after: str) -> bool:
    """A plural pledge noun that a list or a verb follows: "promises and talks are one thing"."""
    return cue_text.endswith("s") and bool(_NOUN_FORM.match(cue_text)) and bool(_NOUN_FOLLOWER.match(after))


_NOUN_FOLLOWER = re.compile(r"^(?:and|or|are|were|have been|made|of|from)\b", re.IGNORECASE)
_DETERMINER_END = re.compile(
    r"\b(?:the|that|this|a|an|its|his|her|their|our|my|your|whose)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
_NOUN_FORM = re.compile(r"^(?:pledges?|promises?|offers?|vows?|commits?|agrees?)$")
_NOUN_READY = ("its", "his", "her", "their", "our", "my", "'s", "’s")
_FUTURE_END = re.compile(r"\b(?:will|would|shall|expected to|due to)\s+(?:\w+\s+)?$", re.IGNORECASE)
_UNREPORTED = re.compile(r"\b(?:would|had)\s+(?:\w+\s+)?$", re.IGNORECASE)
_AGENT_WORD = re.compile(
    r"^(?:we|they|he|she|i|government|ministers?|party|council|company|union|officials|administration|"
    r"state|country|nation)$",
    re.IGNORECASE,
)
_CAPITAL_WORD = re.compile(r"^\W*[A-Z][\w'’.-]*\W*$")
_WH_CLEFT = re.compile(r"^\W*what\s+(?:we|i|they|he|she|you)\b", re.IGNORECASE)


def _wh_embedded(sentence: str, clause: Clause, cue: _Cue) -> bool:
    if _WH_CLEFT.match(sentence[clause.start : cue.start]):
        return False  # "What we won't do is ...": a refusal said with emphasis
    return wh_governed(sentence, cue.start)


def _last_words(text: str, count: int) -> str:
    return " ".join(text.split()[-count:])


def _agent_before(before: str, who: Sequence[Entity]) -> bool:
    """A person, organisation, country or pronoun is the subject of the verb that follows `before`."""
    tokens = before.split()
    if not tokens or tokens[-1].lower() in {"that", "which"}:
        return False
    recent = tokens[max(0, len(tokens) - 4) :]
    if any(_AGENT_WORD.match(token.strip('()"“”,')) for token in recent):
        return True
    if who:
        return resolve_actor(" ".join(recent), who) is not None
    return any(_CAPITAL_WORD.match(token) for token in recent[1:])
    for position in range(max(0, len(tokens) - 4), len(tokens)):
        token = tokens[position]
        if _AGENT_WORD.match(token.strip('()"“”,')) or (position > 0 and _CAPITAL_WORD.match(token)):
            return True
    return False


_COPULA_END = re.compile(
    r"(?:\b(?:is|was|are|were|be|am|remains?|remained|stands?|stood)|['’](?:s|re|m))[\s“\"]+(?:\w+[\s“\"]+)?$",
    re.IGNORECASE,
)


def _copula_before(before: str) -> bool:
    return bool(_COPULA_END.search(before))


def _amount(text: str, dollar: str) -> Amount | None:
    return first_amount(text, dollar)


# "WASHINGTON (CNN) --", "Aberdeenshire, Scotland (CNN)", "LONDON —": where the story was filed, no actor.
_DATELINE = re.compile(
    r"^\s*[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3}\s*(?:\([A-Za-z .]{1,20}\)\s*(?:--|—|–|-)?|(?:--|—|–))\s*"
)


def _actor(sentence: str, clause: Clause, cue: _Cue, index: int, who: Sequence[Entity]) -> str | None:
    """Whoever makes the commitment, unless it is named only in the dateline."""
    actor = _named_actor(sentence, clause, cue, index, who)
    dateline = _DATELINE.match(sentence)
    if actor is None or dateline is None or actor not in sentence[: dateline.end()]:
        return actor
    return actor if actor in sentence[dateline.end() :] else None


def _named_actor(sentence: str, clause: Clause, cue: _Cue, index: int, who: Sequence[Entity]) -> str | None:
    """The `who` name of whoever makes the commitment: "by X" after the cue, else the subject before it."""
    by = _ACTOR_BY.match(sentence[cue.end : cue.end + 60])
    if by:
        return resolve_actor(by.group(1), who)
    subject = _subject(sentence[clause.start : cue.start]) or _subject(sentence[: clause.start], first=True)
    if not subject or _SPEECH_IN.search(subject) or subject.lower() in {"we", "i"}:
        return _speaker_of(sentence, who)  # "“We are ready …,” Reyes said", "Okafor said … and promised"
    if subject.lower() in _PRONOUNS:
        return _recent_person(index, who) if subject.lower() in {"he", "she"} else None
    actor = resolve_actor(subject, who)
    if actor is None and _COORDINATED.match(clause.text):
        return _speaker_of(sentence, who)  # "Okafor said the vote mattered and promised …": her promise
    return actor


_COORDINATED = re.compile(r"^\s*(?:and|but)\s+(?:also\s+)?[a-z]+ed\b")
_SPEECH_IN = re.compile(r"\b(?:said|says|told|announced|added|insisted)\b|^[“\"]", re.IGNORECASE)
_NAME = r"(?-i:(?:[A-Z][\w.'’-]+\s+){0,3}[A-Z][\w.'’-]+)"
_SPEAKER = re.compile(
    rf"(?P<before>{_NAME})\s+(?:has\s+|had\s+)?(?:said|says|told|announced|added|insisted)\b"
    rf"|\b(?:said|says|added)\s+(?P<after>{_NAME})",
    re.IGNORECASE,
)


def _speaker_of(sentence: str, who: Sequence[Entity]) -> str | None:
    """The person or organisation whose words the sentence reports ("Reyes said", "said Okafor")."""
    for match in _SPEAKER.finditer(sentence):
        actor = resolve_actor(match.group("before") or match.group("after"), who)
        if actor is not None and any(e.name == actor and e.kind != "place" for e in who):
            return actor
    return None


def _subject(before: str, first: bool = False) -> str:
    """The noun phrase right before the verb: the text after the last clause opener, without auxiliaries.

    With `first`, the phrase that opens that text instead: the subject shared by a coordinated verb
    ("he discussed it with Mr Blair and promised ..." → "he").
    """
    opener = _SUBJECT_START.match(before)
    tail = before[opener.end() :] if opener else before
    words = _SUBJECT_SKIP.sub(" ", tail).split()
    chosen = _leading_phrase(words) if first else words[-6:]
    return _POSSESSIVE_END.sub("", " ".join(chosen)).strip()


def _leading_phrase(words: list[str]) -> list[str]:
    """The words up to the first lower-case word after a name, or the first word when it is a pronoun."""
    if words and words[0].lower() in _PRONOUNS:
        return words[:1]
    for index, word in enumerate(words[1:], start=1):
        if word[:1].islower() and word.lower() not in {"of", "the"}:
            return words[:index]
    return words[:4]


def _recent_person(index: int, who: Sequence[Entity]) -> str | None:
    """The person last mentioned in this sentence or the one before (for "he", "she")."""
    best: tuple[int, str] | None = None
    for entity in who:
        if entity.kind != "person":
            continue
        seen = [i for i in entity.sentences if index - 1 <= i <= index]
        if seen and (best is None or max(seen) > best[0]):
            best = (max(seen), entity.name)
    return best[1] if best else None


def _deduplicate(items: list[Commitment]) -> list[Commitment]:
    """One item per pledge: an item repeating an earlier text or sum of money adds its sentence to it."""
    kept: list[Commitment] = []
    for item in items:
        twin = next((i for i, o in enumerate(kept) if item.text == o.text or _same_money(item.amount, o.amount)), None)
        if twin is None:
            kept.append(item)
        elif item.sentence not in kept[twin].sentences:
            kept[twin] = replace(kept[twin], sentences=(*kept[twin].sentences, item.sentence))
    return kept


def _same_money(one: Amount | None, other: Amount | None) -> bool:
    return (
        one is not None
        and other is not None
        and one.currency is not None
        and (one.value, one.currency) == (other.value, other.currency)
    )
