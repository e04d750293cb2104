"""People with their roles, organisations and places.

Rules and word lists made for news: a person is a run of capitalised words with a structural cue
(a title before it, an appositive role after it, a speech verb beside it) or a known given name;
later mentions by surname are merged into the first full mention and counted.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefer.extract.classify import Finding, findings
from briefer.extract.coref import HIGH_OFFICES, REACH, titled_sentences
from briefer.extract.resolve import resolve_actor
from briefer.extract.subject import headline_subjects
from briefer.extract.wordlists import given_names
from briefer.models import Entity, EntityKind, Sentence

__all__ = ["extract_who", "resolve_actor"]

MAX_ROLE_WORDS = 8  # a longer role is a clause, not a title
HEADLINE_WEIGHT = 2  # a name in the headline counts as this many more mentions
_WEAK_ROLE_HEADS = frozenset({"member", "candidate", "nominee", "star", "stars", "player", "official", "expert"})


@dataclass
class _Tally:
    """One entity while its mentions are being counted."""

    name: str
    kind: EntityKind
    role: str | None = None
    hits: list[tuple[int, int]] = field(default_factory=list)  # (sentence, position) of each mention, sorted

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    def add(self, found: Finding) -> None:
        insort(self.hits, (found.sentence, found.position))
        role = found.role if found.role and len(found.role.split()) <= MAX_ROLE_WORDS else None
        if role and (self.role is None or (_weak(self.role) and not _weak(role))):
            self.role = role

    def entity(self) -> Entity:
        sentences = tuple(sorted({sentence for sentence, _ in self.hits}))
        return Entity(self.name, self.kind, self.role, len(self.hits), sentences)


def _weak(role: str) -> bool:
    """A role that says little ("member", "candidate"): a title met later replaces it."""
    return role.split()[-1].lower() in _WEAK_ROLE_HEADS


def extract_who(sentences: Sequence[Sentence], title: str | None) -> tuple[Entity, ...]:
    """People first (most important first), then organisations, then places."""
    found = [item for sentence in sentences for item in findings(sentence.text, sentence.index)]
    people = _people(found)
    _add_title_mentions(people, titled_sentences(sentences))
    organizations = _tally_named(found, "organization")
    surnames = {word for person in people for word in person.name.split()}
    places = [place for place in _tally_named(found, "place") if place.name not in surnames]
    headline = set(re.findall(r"\w+", title or ""))
    ranked = [[t.entity() for t in _by_importance(group, headline)] for group in (people, organizations, places)]
    subjects = headline_subjects(title, sentences, [entity for group in ranked for entity in group])
    return (*ranked[0], *subjects, *ranked[1], *ranked[2])


def _by_importance(group: list[_Tally], headline: set[str]) -> list[_Tally]:
    """Most mentioned first, a name in the headline counting as two more mentions; then first named."""

    def weight(tally: _Tally) -> tuple[int, tuple[int, int]]:
        in_headline = tally.name.split()[-1] in headline
        return -(len(tally.hits) + HEADLINE_WEIGHT * in_headline), tally.hits[0]

    return sorted(group, key=weight)


def _tally_named(found: list[Finding], kind: EntityKind) -> list[_Tally]:
    """Mentions of each organisation or place; "U.S." and "US" are one name."""
    tallies: dict[str, _Tally] = {}
    for item in found:
        if item.kind == kind:
            key = item.name.lower().replace(".", "")
            tallies.setdefault(key, _Tally(item.name, kind)).add(item)
    return list(tallies.values())


class _Cast:
    """The people found so far, looked up by surname (lower case)."""

    def __init__(self) -> None:
        self.people: list[_Tally] = []
        self._by_surname: dict[str, list[_Tally]] = defaultdict(list)

    def sharing(self, surname: str) -> list[_Tally]:
        """People whose surname is `surname`, whatever its case."""
        return self._by_surname.get(surname.lower(), [])

    def new(self, item: Finding) -> None:
        person = _Tally(item.name, "person")
        person.add(item)
        self.people.append(person)
        self._by_surname[person.surname.lower()].append(person)


def _people(found: list[Finding]) -> list[_Tally]:
    cued = {item.name for item in found if item.cue and len(item.name.split()) == 1}
    cast = _Cast()
    for item in found:
        if item.kind == "candidate" and _confirmed(item, cued, cast):
            item = Finding("person", item.name, item.sentence, item.position, item.role, cue=True)
        if item.kind == "person" and len(item.name.split()) > 1:
            _full_mention(cast, item)
    for item in found:
        if item.kind == "person" and len(item.name.split()) == 1:
            _single_mention(cast, item, create=True)
        elif item.kind == "single":
            _single_mention(cast, item, create=False)
    return _merge_single_names(cast)


def _confirmed(candidate: Finding, cued: set[str], cast: _Cast) -> bool:
    """A name with no cue of its own is a person when its surname is used alone with a cue
    elsewhere ("Hamann said"), unless a person named already carries that surname ("Save Clarkson")."""
    words = candidate.name.split()
    taken = any(p.surname == words[-1] and p.name.split()[0] != words[0] for p in cast.sharing(words[-1]))
    return words[-1] in cued and not taken


def _stray_word_before(cast: _Cast, item: Finding) -> _Tally | None:
    """ "Sack Jeremy Clarkson": a known person's full name after one word that is no given name."""
    words = item.name.split()
    if words[0].lower() in given_names():
        return None
    return next((p for p in cast.sharing(words[-1]) if words[1:] == p.name.split()), None)


def _full_mention(cast: _Cast, item: Finding) -> None:
    stray = _stray_word_before(cast, item)
    if stray is not None:
        stray.add(item)
        return
    words = item.name.lower().split()
    for person in cast.sharing(words[-1]):
        known = person.name.lower().split()
        if known[0] == words[0] or (len(words) < len(known) and known[-len(words) :] == words):
            person.add(item)  # the same name, a middle name more or less, or "Cavo Dragone" alone
            return
    cast.new(item)


def _single_mention(cast: _Cast, item: Finding, *, create: bool) -> None:
    same = [p for p in cast.sharing(item.name) if p.surname == item.name]
    if same:
        _most_recent(same, item).add(item)
    elif create:
        cast.new(item)


def _most_recent(candidates: list[_Tally], item: Finding) -> _Tally:
    """Of people sharing a surname, the one named last before `item` (else the first named)."""
    here = (item.sentence, item.position)
    earlier = [(p.hits[bisect_left(p.hits, here) - 1], i) for i, p in enumerate(candidates) if p.hits[0] < here]
    return candidates[max(earlier)[1]] if earlier else candidates[0]


def _merge_single_names(cast: _Cast) -> list[_Tally]:
    """A one-word person ("President Obama") whose surname a full name carries joins that name."""
    merged: list[_Tally] = []
    for person in cast.people:
        if " " not in person.name:
            full = [p for p in cast.sharing(person.name) if " " in p.name and p.surname == person.name]
            if len(full) == 1:
                for hit in person.hits:
                    insort(full[0].hits, hit)
                full[0].role = full[0].role or person.role
                continue
        merged.append(person)
    return merged


def _add_title_mentions(people: list[_Tally], titles: list[tuple[int, str]]) -> None:
    """ "The prime minister said …": a mention of the one person who holds that role, or else of the
    one person named just before, when the article has given them no role yet."""
    if not titles:
        return
    entities = tuple(p.entity() for p in people)
    by_name = {p.name: p for p in people}
    named_in = _people_by_sentence(people)
    for index, title in titles:
        holder = resolve_actor(title, entities)
        person = by_name.get(holder or "") or _only_recent(named_in, index)
        if person is None or (holder is None and (person.role is not None or not _high_office(title))):
            continue
        insort(person.hits, (index, -1))
        person.role = person.role or title


def _high_office(title: str) -> bool:
    return title.split()[-1].lower() in HIGH_OFFICES


def _people_by_sentence(people: list[_Tally]) -> dict[int, list[_Tally]]:
    named_in: dict[int, list[_Tally]] = defaultdict(list)
    for person in people:
        for sentence in dict.fromkeys(s for s, _ in person.hits):
            named_in[sentence].append(person)
    return named_in


def _only_recent(named_in: dict[int, list[_Tally]], index: int) -> _Tally | None:
    """The one person named in the sentences just before `index` (None if none or several)."""
    recent = {id(p): p for s in range(index - REACH, index + 1) for p in named_in.get(s, [])}
    return next(iter(recent.values())) if len(recent) == 1 else None
