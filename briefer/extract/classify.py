"""What one run of capitalised words names: a person (with a role), an organisation, a place or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefer.extract import roles, wordlists
from briefer.extract.names import NAME_JOINERS, NAME_PARTICLES, Run, Token, capitalised_runs, run_text
from briefer.extract.wordlists import word_set

FindingKind = Literal["person", "candidate", "single", "organization", "place"]

SPEECH_VERBS = word_set(
    """said says told tells added adds explained explains noted notes stated wrote writes tweeted posted
    asked asks replied replies warned warns insisted insists argued argues claimed claims confirmed
    acknowledged admitted conceded testified recalled declared urged stressed suggested predicted
    complained responded countered commented continued recounted announced"""
)
# Capitalised words that open a sentence or a clause and name nobody.
_STARTERS = word_set("""the a an and but or so yet if in on at by for from to of with as after before when while where
    since until although though because however meanwhile still also then there here this that these
    those it its he she they we you i his her their our my your one some many most all both each every
    no not what which who why how asked speaking according earlier later last next""")
# Surnames that are also organisation or facility words ("Tony Hall", "Charlotte Church").
_SURNAME_LIKE = word_set("hall house post church field bank banks guard park press")
_TITLE_ONLY_BEFORE_ONE_NAME = word_set("mr mrs ms miss mx")
_ACRONYM_MAX = 6


@dataclass(frozen=True)
class Finding:
    """One capitalised name in one sentence, and what it names."""

    kind: FindingKind
    name: str
    sentence: int
    position: int  # token index in the sentence, for ordering
    role: str | None = None
    cue: bool = False  # a structural cue marks a person (title, speech verb, appositive)


def findings(text: str, sentence: int) -> list[Finding]:
    """Every name found in one sentence."""
    from briefer.extract.names import tokenize

    tokens = tokenize(text)
    found: list[Finding] = []
    for run in capitalised_runs(tokens):
        for first, last in _parts(tokens, run):
            found.extend(_classify(text, tokens, first, last, run.sentence_initial and first == run.first, sentence))
    return found


def _parts(tokens: list[Token], run: Run) -> list[tuple[int, int]]:
    """Split a run at "and" / "&" unless it names an organisation ("Trade and Industry Committee")."""
    first, last = run.first, run.last
    if any(_is_org_word(tokens[k]) for k in range(first, last + 1)):
        return [(first, last)]
    parts, start = [], first
    for k in range(first, last + 1):
        if tokens[k].lower in {"and", "&"}:
            parts.append((start, k - 1))
            start = k + 1
    parts.append((start, last))
    return [(a, b) for a, b in parts if a <= b]


def _classify(text: str, tokens: list[Token], first: int, last: int, initial: bool, index: int) -> list[Finding]:
    while first <= last and (tokens[first].lower in _STARTERS or not tokens[first].capitalised):
        if _listed(run_text(tokens, first, last)):
            break
        first, initial = first + 1, False
    if first > last:
        return []
    name = run_text(tokens, first, last)
    listed = _listed(name)
    if listed is not None:
        return [Finding(listed, name, index, first)] if listed != "none" else []
    person = _titled_person(text, tokens, first, last, index)
    if person:
        return person
    if _is_organization(tokens, first, last):
        return [Finding("organization", name, index, first)]
    if _is_facility(tokens, first, last):
        return []
    return _name_or_places(text, tokens, first, last, initial, index)


def _listed(name: str) -> str | None:
    lower = name.lower()
    if lower in wordlists.not_names() or lower in wordlists.demonyms():
        return "none"
    if lower in wordlists.organizations():
        return "organization"
    if lower in wordlists.places():
        return "place"
    return None


def _is_org_word(token: Token) -> bool:
    return token.lower in wordlists.org_words()


def _is_organization(tokens: list[Token], first: int, last: int) -> bool:
    if first == last and _is_acronym(tokens[first].text):
        return True
    if not any(_is_org_word(tokens[k]) for k in range(first, last + 1)):
        return False
    return not _surname_exception(tokens, first, last)


def _is_facility(tokens: list[Token], first: int, last: int) -> bool:
    facility = tokens[last].lower in wordlists.facility_words()
    return facility and not _surname_exception(tokens, first, last)


def _surname_exception(tokens: list[Token], first: int, last: int) -> bool:
    """ "Tony Hall" is a person: a given name, then a surname that is also an organisation word."""
    return last - first == 1 and _is_given(tokens[first]) and tokens[last].lower in _SURNAME_LIKE


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    if not (2 <= len(letters) <= _ACRONYM_MAX) or not letters.isalnum() or not letters[0].isalpha():
        return False
    return letters.isupper() and word.lower() not in wordlists.not_names()


def _is_given(token: Token) -> bool:
    return token.lower in wordlists.given_names()


def is_name_token(token: Token, leading: bool) -> bool:
    """A word that can be part of a person's name; `leading` for the first word of the name."""
    word, lower = token.text, token.lower
    if not leading and (lower in NAME_PARTICLES or (len(word) == 2 and word.endswith(".") and word[0].isupper())):
        return True
    if not token.capitalised or lower in _STARTERS or lower in NAME_JOINERS:
        return False
    if lower in wordlists.not_names() or lower in wordlists.demonyms() or _is_org_word(token):
        return False
    if word.isupper() and len(word) > 1:
        return False
    return not leading or not (roles.is_role_head(token) or roles.is_honorific(token))


def _name_span_ok(tokens: list[Token], first: int, last: int) -> bool:
    if not (0 <= last - first <= 3) or len(tokens[last].text.rstrip(".")) < 2:
        return False
    if not all(is_name_token(tokens[k], k == first) for k in range(first, last + 1)):
        return False
    return last == first or tokens[last].lower not in wordlists.places()


def _titled_person(text: str, tokens: list[Token], first: int, last: int, index: int) -> list[Finding]:
    """ "Prime Minister Mark Carney", "Secretary of State John Kerry", "Mr Blair", "Gen. X"."""
    for h in range(last - 1, first - 1, -1):
        title = tokens[h]
        if not (roles.is_role_head(title) or roles.is_honorific(title)):
            continue
        start = _name_start(tokens, h, last)
        if start is None:
            continue
        if start == last and roles.is_honorific(title) and title.lower not in _TITLE_ONLY_BEFORE_ONE_NAME:
            return []  # "Dr. Phil": a courtesy title before one word is too often a show or a brand
        joins = [k for k in range(first, h) if tokens[k].lower in {"and", "&"}]
        before = _classify(text, tokens, first, joins[-1] - 1, False, index) if joins else []
        role_start = joins[-1] + 1 if joins else first
        role = roles.role_after(text, tokens, last) or roles.title_role(text, tokens, role_start, start - 1)
        person = Finding("person", run_text(tokens, start, last), index, start, role, cue=True)
        return [*before, person, *_places_in(tokens, role_start, h, index)]
    return []


def _name_start(tokens: list[Token], h: int, last: int) -> int | None:
    start = h + 1
    if tokens[start].lower in {"of", "for"}:  # "Secretary of State John Kerry"
        givens = [k for k in range(start + 1, last + 1) if _is_given(tokens[k])]
        start = givens[0] if givens else last - 1
        if start <= h + 2:
            return None
    return start if _name_span_ok(tokens, start, last) else None


def _name_or_places(text: str, tokens: list[Token], first: int, last: int, initial: bool, index: int) -> list[Finding]:
    if _name_span_ok(tokens, first, last):
        if first == last:
            return [Finding("single", tokens[first].text, index, first, cue=_speech_cue(tokens, first, last))]
        role = (
            roles.role_after(text, tokens, last)
            or roles.role_before(text, tokens, first)
            or roles.role_before_comma(text, tokens, first)
        )
        cue = role is not None or _speech_cue(tokens, first, last) or _honorific_before(tokens, first)
        given = _is_given(tokens[first]) and not (initial and first == last - 1 and _ambiguous_start(tokens[first]))
        kind: FindingKind = "person" if cue or given else "candidate"
        return [Finding(kind, run_text(tokens, first, last), index, first, role, cue=cue)]
    return _places_in(tokens, first, last + 1, index)


def _ambiguous_start(token: Token) -> bool:
    return token.lower in {"will", "may", "mark", "bill", "rose", "hope", "grant", "joy", "art", "frank"}


def _speech_cue(tokens: list[Token], first: int, last: int) -> bool:
    after = tokens[last + 1].lower if last + 1 < len(tokens) else ""
    before = tokens[first - 1].lower if first > 0 else ""
    according = first > 1 and tokens[first - 2].lower == "according" and before == "to"
    return after in SPEECH_VERBS or before in SPEECH_VERBS or according


def _honorific_before(tokens: list[Token], first: int) -> bool:
    return first > 0 and roles.is_honorific(tokens[first - 1])


def _places_in(tokens: list[Token], first: int, end: int, index: int) -> list[Finding]:
    """Places named inside a run that is not itself a name ("U.S. President", "Kyiv Region")."""
    found: list[Finding] = []
    k = first
    while k < end:
        for size in (3, 2, 1):
            if k + size <= end and run_text(tokens, k, k + size - 1).lower() in wordlists.places():
                found.append(Finding("place", run_text(tokens, k, k + size - 1), index, k))
                k += size
                break
        else:
            k += 1
    return found
