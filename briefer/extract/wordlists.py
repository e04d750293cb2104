"""The word lists that Who relies on, read once from briefer/data through the package resource API."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def word_set(words: str) -> frozenset[str]:
    """The set of the space-separated words in `words`: a compact way to write a word list in code."""
    return frozenset(words.split())


@cache
def _lines(name: str) -> tuple[str, ...]:
    text = files("briefer").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def _lower_set(name: str) -> frozenset[str]:
    return frozenset(line.lower() for line in _lines(name))


@cache
def given_names() -> frozenset[str]:
    """Given names, lower case: the US census list and names common in world news."""
    return _lower_set("given_names.txt") | _lower_set("given_names_extra.txt")


def role_heads() -> frozenset[str]:
    """Nouns that end a role ("secretary", "gen", "spokesman"), lower case without a final period."""
    return _lower_set("role_heads.txt")


def honorifics() -> frozenset[str]:
    """Courtesy titles (Mr, Dr, Sir): a person follows, but they are not a role."""
    return _lower_set("honorifics.txt")


def org_words() -> frozenset[str]:
    """Words that make a capitalised name an organisation ("Department", "News", "Party")."""
    return _lower_set("org_words.txt")


def organizations() -> frozenset[str]:
    """Organisations news names on their own (NATO, White House, Reuters), lower case."""
    return _lower_set("organizations.txt")


def places() -> frozenset[str]:
    """Countries, regions, states, provinces and cities, lower case."""
    return _lower_set("places.txt")


def not_names() -> frozenset[str]:
    """Days, months, holidays and other capitalised words that name nobody."""
    return _lower_set("not_names.txt")


def demonyms() -> frozenset[str]:
    """Nationality and party adjectives ("Canadian", "Republican")."""
    return _lower_set("demonyms.txt")


def facility_words() -> frozenset[str]:
    """Words that end the name of a building, street, event or work ("Square", "Stadium", "Day")."""
    return _lower_set("facility_words.txt")


def place_words() -> frozenset[str]:
    """Words that end the name of an administrative area ("County", "Parish", "Province")."""
    return _lower_set("place_words.txt")
