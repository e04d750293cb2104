"""Same-story clustering in big pools: which pairs blocking lets through to be compared."""

from __future__ import annotations

import pytest

from briefer.digest import group as cluster


def pool(size: int) -> list[dict[str, float]]:
    """Articles with a word of their own each, plus shared words: `wide1` (docs 0-9), `wide2` (0, 1 and
    20-27) and `rare` (50 and 51)."""
    vectors = [{f"own{n}": 1.0} for n in range(size)]
    for n in range(10):
        vectors[n]["wide1"] = 0.5
    for n in (0, 1, *range(20, 28)):
        vectors[n]["wide2"] = 0.5
    for n in (50, 51):
        vectors[n]["rare"] = 0.5
    return vectors


def test_in_a_digest_sized_pool_one_shared_term_is_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = cluster.candidate_pairs(pool(200))
    assert {(0, 1), (2, 3), (20, 21), (50, 51)} <= pairs.keys()
    assert (0, 50) not in pairs


def test_in_a_big_pool_a_pair_needs_two_shared_terms_or_a_rare_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "STRICT_POOL", 150)
    monkeypatch.setattr(cluster, "FEW", 3)
    pairs = cluster.candidate_pairs(pool(200))
    assert set(pairs) == {(0, 1), (50, 51)}
    assert pairs[(0, 1)] == pytest.approx(0.5)


def test_grouping_a_big_pool_still_finds_its_stories(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster, "STRICT_POOL", 150)
    texts = [" ".join(_word(4 * n + k) for k in range(4)) + "." for n in range(190)]  # nothing in common
    texts += [f"The Port Alder harbour bridge reopened after repairs, report {n} of Coast Times." for n in range(5)]
    texts += [f"Elm Falls library opens on Sundays from April, says council, note {n}." for n in range(5)]
    groups = [g for g in cluster.cluster(texts) if len(g) > 1]
    assert groups == [list(range(190, 195)), list(range(195, 200))]


def _word(number: int) -> str:
    """A made-up word of its own for every number: quaba, quake, …, quabake, …"""
    syllables = ["ba", "ke", "mi", "no", "su", "ta", "vo", "zu"]
    letters = ""
    while True:
        letters += syllables[number % 8]
        number //= 8
        if not number:
            return "qua" + letters
