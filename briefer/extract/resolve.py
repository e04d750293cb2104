"""Map a mention ("Carney", "the minister", "Canada's") to the name of a Who entry."""

from __future__ import annotations

import re
from collections.abc import Sequence

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


def _words(text: str) -> list[str]:
    return [_POSSESSIVE.sub("", w).strip(".").lower() for w in _WORD.findall(text)]


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return bool(small) and any(big[i : i + n] == small for i in range(len(big) - n + 1))


def resolve_actor(phrase: str, who: Sequence[Entity]) -> str | None:
    """The `name` of the entity `phrase` refers to, or None when there is none or more than one.

    People match by full name, surname or a title held by one person only ("the minister");
    organisations and places match by name.
    """
    said = [w for w in _words(_LEADING.sub("", phrase.strip())) if w]
    if not said:
        return None
    for finder in (_by_full_name, _by_surname, _by_role):
        found = finder(said, who)
        if found is not None:
            return found
    return None


def _unique(names: list[str]) -> str | None:
    distinct = list(dict.fromkeys(names))
    return distinct[0] if len(distinct) == 1 else None


def _by_full_name(said: list[str], who: Sequence[Entity]) -> str | None:
    hits = [e for e in who if _contains(said, _words(e.name))]
    if not hits:
        return None
    longest = max(len(_words(e.name)) for e in hits)
    return _unique([e.name for e in hits if len(_words(e.name)) == longest])


def _by_surname(said: list[str], who: Sequence[Entity]) -> str | None:
    people = [e for e in who if e.kind == "person" and len(_words(e.name)) > 1]
    return _unique([e.name for e in people if _words(e.name)[-1] in said])


def _by_role(said: list[str], who: Sequence[Entity]) -> str | None:
    people = [e for e in who if e.kind == "person" and e.role]
    hits = [e.name for e in people if said[-1] == _words(e.role or "")[-1] and _fits_role(said, e.role or "")]
    return _unique(hits)


def _fits_role(said: list[str], role: str) -> bool:
    role_words = _words(role)
    if len(said) == 1 and " ".join(role_words[-2:]) in _COMPOUND_TITLES:
        return False  # "the minister" is never the prime minister, "the president" not the vice-president
    return all(word in role_words for word in said)
