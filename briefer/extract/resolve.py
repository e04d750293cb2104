"""Map a mention ("Carney", "the minister", "Canada's") to the name of a Who entry."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from briefer.models import Entity

_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING = re.compile(r"^(?:the|a|an|our|his|her|their)\s+", re.I)
_WORD = re.compile(r"[\w'’.-]+")
# Titles whose last word alone names a different office.
_COMPOUND_TITLES = frozenset(
    {
        "prime minister",
        "first minister",
        "vice president",
        "vice-president",
        "attorney general",
        "deputy minister",
        "vice chairman",
        "vice chair",
        "deputy leader",
        "deputy governor",
    }
)
_LONGEST_NAME = 8  # words; longer stretches of a phrase are not looked up as names


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in (_POSSESSIVE.sub("", w).strip(".").lower() for w in _WORD.findall(text)) if w)


@dataclass
class _Index:
    """The entities of one Who list, looked up by name, surname and the last word of a role."""

    names: dict[tuple[str, ...], list[str]] = field(default_factory=lambda: defaultdict(list))
    surnames: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    roles: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=lambda: defaultdict(list))


# The indexes of the Who lists used last: resolving many mentions against one list builds it once.
_RECENT_LISTS = 4
_recent: list[tuple[Sequence[Entity], _Index]] = []


def _index(who: Sequence[Entity]) -> _Index:
    known = next((index for listed, index in _recent if listed is who), None)
    return known if known is not None else _build_index(who)


def _build_index(who: Sequence[Entity]) -> _Index:
    index = _Index()
    for entity in who:
        words = _words(entity.name)
        index.names[words].append(entity.name)
        if entity.kind == "person" and len(words) > 1:
            index.surnames[words[-1]].append(entity.name)
        role = _words(entity.role or "")
        if entity.kind == "person" and role:
            index.roles[role[-1]].append((entity.name, role))
    _recent.insert(0, (who, index))
    del _recent[_RECENT_LISTS:]
    return index


def resolve_actor(phrase: str, who: Sequence[Entity]) -> str | None:
    """The `name` of the entity `phrase` refers to, or None when there is none or more than one.

    People match by full name, surname or a title held by one person only ("the minister");
    organisations and places match by name.
    """
    said = _words(_LEADING.sub("", phrase.strip()))
    if not said:
        return None
    index = _index(who)
    for finder in (_by_full_name, _by_surname, _by_role):
        found = finder(said, index)
        if found is not None:
            return found
    return None


def _unique(names: list[str]) -> str | None:
    distinct = list(dict.fromkeys(names))
    return distinct[0] if len(distinct) == 1 else None


def _by_full_name(said: tuple[str, ...], index: _Index) -> str | None:
    """The longest name that the phrase holds word for word."""
    for size in range(min(len(said), _LONGEST_NAME), 0, -1):
        hits = [name for i in range(len(said) - size + 1) for name in index.names.get(said[i : i + size], [])]
        if hits:
            return _unique(hits)
    return None


def _by_surname(said: tuple[str, ...], index: _Index) -> str | None:
    return _unique([name for word in dict.fromkeys(said) for name in index.surnames.get(word, [])])


def _by_role(said: tuple[str, ...], index: _Index) -> str | None:
    holders = index.roles.get(said[-1], [])
    return _unique([name for name, role in holders if _fits_role(said, role)])


def _fits_role(said: tuple[str, ...], role: tuple[str, ...]) -> bool:
    if len(said) == 1 and " ".join(role[-2:]) in _COMPOUND_TITLES:
        return False  # "the minister" is never the prime minister, "the president" not the vice-president
    return all(word in role for word in said)
