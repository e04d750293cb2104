"""Cues that a capitalised name no list knows is a place: "in Fairhaven", "Jacksonville, Ark.", "R-Ohio"."""

from __future__ import annotations

import re

from briefer.extract import wordlists
from briefer.extract.names import Token
from briefer.extract.wordlists import word_set

# Prepositions that put an unknown name on the map ("in Mattapoisett", "near Longbridge").
_PLACE_PREPOSITIONS = word_set("in near outside")
# Words that may follow a place ("in Fairhaven on Saturday"); a noun would make it a name ("in National
# Lottery ticket sales").
_AFTER_PLACE = word_set(
    """on at and or to for with as after before last this that where when who which is was are were has have had
    will would said says near since until during from by of but while earlier later"""
)
# US state abbreviations as news writes them after a town ("Jacksonville, Ark."); only after a comma.
_STATE_ABBREVIATIONS = word_set(
    """ala ariz ark calif colo conn fla ga ill ind kan kans ky md mass mich minn miss mo mont neb nev okla
    ore pa tenn tex va vt wash wis wyo"""
)
# "Rep. John Boehner, R-Ohio": a party letter and a state.
_PARTY_STATE = re.compile(r"^[RDI]-(?P<state>[A-Z][A-Za-z. ]+)$")


def party_state(word: str) -> str | None:
    """The state of "R-Ohio" or "D-Calif", if it is one."""
    match = _PARTY_STATE.match(word)
    if match is None:
        return None
    state = match.group("state")
    return state if is_place_name(state) or state.lower().rstrip(".") in _STATE_ABBREVIATIONS else None


def is_place_name(name: str) -> bool:
    return name.lower() in wordlists.places()


def place_cue(tokens: list[Token], first: int, last: int) -> bool:
    """The words around tokens[first..last] mark it as a place."""
    return _after_preposition(tokens, first, last) or _before_region(tokens, last)


def state_after_town(tokens: list[Token], at: int) -> bool:
    """ "Jacksonville, Ark.": a state abbreviation right after a town and a comma."""
    token = tokens[at]
    after_town = at > 1 and tokens[at - 1].text == "," and tokens[at - 2].capitalised
    return after_town and token.lower in _STATE_ABBREVIATIONS


def _after_preposition(tokens: list[Token], first: int, last: int) -> bool:
    if first == 0 or tokens[first - 1].lower not in _PLACE_PREPOSITIONS or last - first > 1:
        return False
    name = tokens[first : last + 1]
    if any(t.lower.endswith("ly") or "-" in t.text or t.lower in wordlists.given_names() for t in name):
        return False  # "in Initially", "in Boko-related", "in Manny"
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    return following is None or not following.is_word or following.lower in _AFTER_PLACE


def _before_region(tokens: list[Token], last: int) -> bool:
    """ "Fairhaven, Massachusetts", "Jacksonville, Ark.": a town, a comma and a state or country."""
    if last + 2 >= len(tokens) or tokens[last + 1].text != ",":
        return False
    region = tokens[last + 2]
    return region.capitalised and (is_place_name(region.text) or region.lower in _STATE_ABBREVIATIONS)
