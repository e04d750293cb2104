"""The seen-state in PostgreSQL: the SQLite store's behaviour against a real server, and claims that
keep concurrent runs from sending an item twice.

The server's URL comes from BRIEFER_TEST_POSTGRES (`eval "$(.ci/postgres.sh)"` starts one on
loopback); without it the tests that need a server skip. Each test gets a schema of its own.
"""

from __future__ import annotations

import json
import os
import random
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from synthetic import write_articles

from briefer.article.fetch import Validators
from briefer.digest.run import DigestOptions, run_digest
from briefer.digest.state import SeenItem, StateError
from briefer.digest.state_pg import glob_to_similar
from briefer.digest.stores import open_store, state_location
from briefer.sources.items import SourceSpec

SERVER = os.environ.get("BRIEFER_TEST_POSTGRES")
needs_server = pytest.mark.skipif(
    not SERVER, reason='BRIEFER_TEST_POSTGRES is not set: run eval "$(.ci/postgres.sh)" to start PostgreSQL'
)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema, dropped afterwards."""
    if not SERVER:
        pytest.skip('BRIEFER_TEST_POSTGRES is not set: run eval "$(.ci/postgres.sh)" to start PostgreSQL')
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(SERVER, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in SERVER else "?"
    try:
        yield f"{SERVER}{joiner}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(SERVER, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same tests for both stores."""
    if request.param == "sqlite":
        return str(tmp_path / "deep" / "seen.db")
    return str(request.getfixturevalue("pg_url"))


def test_record_and_query(location: str) -> None:
    with open_store(location) as store:
        added = store.record(
            [SeenItem("guid:1", "Coast Times", "Bridge", "https://a/1")],
            {"https://a/feed": Validators('"e"', None)},
        )
        assert added == 1
        assert store.record([SeenItem("guid:1", "Coast Times", "Bridge", None)]) == 0
    with open_store(location) as store:
        assert store.seen_ids(["guid:1", "guid:2"]) == {"guid:1"}
        assert store.validators("https://a/feed") == Validators('"e"', None)
        assert store.validators("https://other") is None
        assert store.all_validators() == {"https://a/feed": Validators('"e"', None)}
        [item] = store.items()
        assert (item.id, item.source, item.title, item.url) == ("guid:1", "Coast Times", "Bridge", "https://a/1")
        assert item.seen_at.endswith("+00:00") and "T" in item.seen_at


def test_validators_are_replaced(location: str) -> None:
    with open_store(location) as store:
        store.record([], {"https://a/feed": Validators('"1"', None)})
        store.record([], {"https://a/feed": Validators(None, "Mon, 02 Mar 2026 09:00:00 GMT")})
        assert store.validators("https://a/feed") == Validators(None, "Mon, 02 Mar 2026 09:00:00 GMT")


def test_a_failed_record_changes_nothing(location: str) -> None:
    with open_store(location) as store:
        broken = {"https://a/feed": Validators(object(), None)}  # type: ignore[arg-type]
        with pytest.raises(StateError):  # fails after the items were inserted, inside the transaction
            store.record([SeenItem("guid:1", "s", None, None)], broken)
    with open_store(location) as store:
        assert store.seen_ids(["guid:1"]) == set()


def test_prune_and_forget(location: str) -> None:
    with open_store(location) as store:
        store.record(
            [
                SeenItem("guid:a", "Coast Times", None, "https://coast/a"),
                SeenItem("guid:b", "Valley Post", None, None),
                SeenItem("guid:c_1", "Valley Post", None, None),
            ]
        )
        assert store.prune(timedelta(days=1)) == 0
        assert store.forget("*times*") == 0  # globs are case-sensitive, as in SQLite
        assert store.forget("*Times*") == 1
        assert store.forget("guid:?_[0-9]") == 1  # _ is a plain character in a glob
        assert store.forget("guid:[^b]") == 0  # SQLite's glob negates a set with ^
        assert store.seen_ids(["guid:a", "guid:b", "guid:c_1"]) == {"guid:b"}
        assert store.prune(timedelta(seconds=-5)) == 1
        assert store.items() == []


def test_a_url_state_is_kept_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = "postgresql://briefer@db.example.org:5432/briefer"
    assert state_location(url) == url
    monkeypatch.setenv("BRIEFER_STATE", url)
    assert state_location(None) == url
    monkeypatch.setenv("BRIEFER_STATE", str(tmp_path / "x.db"))
    assert state_location(None) == tmp_path / "x.db"


@pytest.mark.parametrize(
    ("glob", "similar"),
    [
        ("*coast*", "%coast%"),
        ("guid:?", "guid:_"),
        ("a_b%c", "a\\_b\\%c"),
        ("[^ab]x", "[^ab]x"),
        ("(a|b)", "\\(a\\|b\\)"),
    ],
)
def test_globs_become_similar_to_patterns(glob: str, similar: str) -> None:
    assert glob_to_similar(glob) == similar


def test_an_unreachable_server_says_what_to_fix() -> None:
    with pytest.raises(StateError, match=r"cannot open the state store postgresql://briefer:\*\*\*@127.0.0.1:9/x"):
        open_store("postgresql://briefer:secret@127.0.0.1:9/x?connect_timeout=2")


@needs_server
def test_an_item_new_to_one_run_is_taken_for_the_other_until_given_back(pg_url: str) -> None:
    first, second = open_store(pg_url), open_store(pg_url)
    try:
        assert first.seen_ids(["guid:1", "guid:2"]) == set()
        assert first.seen_ids(["guid:1", "guid:2"]) == set()  # asking again keeps its own claims
        assert second.seen_ids(["guid:1", "guid:2", "guid:3"]) == {"guid:1", "guid:2"}
        first.record([SeenItem("guid:1", "s", None, None)])
        first.close()  # guid:2 was left out: given back, new again
        assert second.seen_ids(["guid:2"]) == set()
        with open_store(pg_url) as third:
            assert third.seen_ids(["guid:1", "guid:2", "guid:3"]) == {"guid:1", "guid:2", "guid:3"}
    finally:
        second.close()


@needs_server
def test_the_claims_of_a_run_that_died_are_taken_over(pg_url: str) -> None:
    dead = open_store(pg_url)
    assert dead.seen_ids(["guid:9"]) == set()
    dead._db.close()  # the connection drops without giving anything back, as when a run is killed
    with open_store(pg_url) as store:
        assert store.seen_ids(["guid:9"]) == set()


@needs_server
def test_concurrent_runs_never_claim_the_same_item(pg_url: str) -> None:
    pool = [f"guid:{n}" for n in range(300)]
    claimed: list[list[str]] = []
    start = threading.Barrier(6)

    def run(seed: int) -> None:
        wanted = random.Random(seed).sample(pool, 200)
        with open_store(pg_url) as store:
            start.wait()
            mine: list[str] = []
            for offset in range(0, 200, 25):
                chunk = wanted[offset : offset + 25]
                mine += [i for i in chunk if i not in store.seen_ids(chunk)]
            store.record([SeenItem(i, f"run {seed}", None, None) for i in mine])
            claimed.append(mine)

    threads = [threading.Thread(target=run, args=(seed,)) for seed in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    everything = [item for mine in claimed for item in mine]
    assert len(claimed) == 6 and len(everything) == len(set(everything))
    with open_store(pg_url) as store:
        assert len(store.items()) == len(everything)


@needs_server
def test_two_digests_at_once_send_each_item_exactly_once(pg_url: str, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "news", 40)
    written: list[str] = []
    start = threading.Barrier(2)
    options = DigestOptions(fmt="json")

    files = sorted(str(path) for path in folder.iterdir())

    def digest(order: list[str]) -> None:  # one source a file: the runs claim item by item
        start.wait()
        run_digest([SourceSpec(file) for file in order], options, pg_url, written.append)

    threads = [threading.Thread(target=digest, args=(order,)) for order in (files, files[::-1])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    sent = [s["title"] for text in written for story in json.loads(text)["stories"] for s in story["sources"]]
    assert len(sent) == 40 and len(set(sent)) == 40
    result = run_digest([SourceSpec(str(folder))], options, pg_url, written.append)
    assert result.digest is None and result.exit_code == 0  # nothing new the third time


@needs_server
def test_the_command_line_takes_a_postgresql_state(pg_url: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefer.cli import cli

    folder = write_articles(tmp_path / "news", 3)
    runner = CliRunner()
    first = runner.invoke(cli, ["digest", str(folder), "--state", pg_url, "-f", "json"])
    assert first.exit_code == 0, first.stderr
    again = runner.invoke(cli, ["digest", str(folder), "--state", pg_url])
    assert again.exit_code == 0 and again.stdout == ""
    listed = runner.invoke(cli, ["state", "list", "--state", pg_url])
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == 3
    forgot = runner.invoke(cli, ["state", "forget", "--state", pg_url, "text:*"])
    assert forgot.exit_code == 0 and "forgot 3 items" in forgot.stderr
