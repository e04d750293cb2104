"""Who: people with roles, organisations and places, from sentences written for these tests."""

from __future__ import annotations

import pytest

from briefer.extract.who import resolve_actor
from briefer.models import Entity

CAST = (
    Entity("Mark Carney", "person", "Prime Minister", 3, (0, 2, 4)),
    Entity("Anita Anand", "person", "Foreign Affairs Minister", 1, (1,)),
    Entity("Donald Trump", "person", "President", 2, (1, 3)),
    Entity("NATO", "organization", None, 2, (2, 3)),
    Entity("Canada", "place", None, 4, (0, 1)),
)


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Carney", "Mark Carney"),
        ("Prime Minister Mark Carney", "Mark Carney"),
        ("Carney's office", "Mark Carney"),
        ("the minister", "Anita Anand"),
        ("the prime minister", "Mark Carney"),
        ("Anand", "Anita Anand"),
        ("the president", "Donald Trump"),
        ("Canada", "Canada"),
        ("Canada's", "Canada"),
        ("NATO", "NATO"),
    ],
)
def test_resolve_actor_finds_the_entity_a_mention_names(phrase: str, name: str) -> None:
    assert resolve_actor(phrase, CAST) == name


@pytest.mark.parametrize("phrase", ["Ottawa", "the spokesperson", "", "Smith"])
def test_resolve_actor_gives_none_for_unknown_mentions(phrase: str) -> None:
    assert resolve_actor(phrase, CAST) is None


def test_resolve_actor_refuses_an_ambiguous_title() -> None:
    two = (*CAST, Entity("Jane Roe", "person", "President", 1, (5,)))
    assert resolve_actor("the president", two) is None
