"""The seen-state store: identities, recording in one step, locking, pruning and forgetting."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from briefer.article.fetch import Validators
from briefer.digest.state import SeenItem, SeenStore, StateError, default_path, run_lock
from briefer.sources.identity import identity


def test_identity_prefers_guid_then_link_and_title_then_text() -> None:
    assert identity("tag:coast,2026:1", "https://a/1", "Title", "body") == "tag:coast,2026:1".join(["guid:", ""])
    same_link = identity(None, "https://a/live", "Morning update", "x")
    assert same_link != identity(None, "https://a/live", "Evening update", "x")
    assert identity(None, None, None, "The bridge  reopened.") == identity(None, None, "t", "the bridge reopened")


def test_identity_ignores_redating_and_whitespace_in_the_title() -> None:
    assert identity(None, "https://a/1", "Bridge  reopens", "old") == identity(
        None, "https://a/1", "bridge reopens", "new"
    )


def test_default_path_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRIEFER_STATE", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert default_path() == tmp_path / "briefer" / "seen.db"
    monkeypatch.setenv("BRIEFER_STATE", str(tmp_path / "mine.db"))
    assert default_path() == tmp_path / "mine.db"


def test_record_and_query(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "seen.db"
    with SeenStore(path) as store:
        added = store.record(
            [SeenItem("guid:1", "Coast Times", "Bridge", "https://a/1")],
            {"https://a/feed": Validators('"e"', None)},
        )
        assert added == 1
        assert store.record([SeenItem("guid:1", "Coast Times", "Bridge", None)]) == 0
    with SeenStore(path) as store:
        assert store.seen_ids(["guid:1", "guid:2"]) == {"guid:1"}
        assert store.validators("https://a/feed") == Validators('"e"', None)
        assert store.validators("https://other") is None
        assert [item.id for item in store.items()] == ["guid:1"]
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_failed_record_changes_nothing(tmp_path: Path) -> None:
    with SeenStore(tmp_path / "seen.db") as store:
        broken = {"https://a/feed": Validators(["not", "text"], None)}  # type: ignore[arg-type]
        with pytest.raises(StateError):  # fails after the items were inserted, inside the transaction
            store.record([SeenItem("guid:1", "s", None, None)], broken)
        assert store.seen_ids(["guid:1"]) == set()


def test_prune_and_forget(tmp_path: Path) -> None:
    with SeenStore(tmp_path / "seen.db") as store:
        store.record(
            [
                SeenItem("guid:a", "Coast Times", None, "https://coast/a"),
                SeenItem("guid:b", "Valley Post", None, None),
            ]
        )
        assert store.prune(timedelta(days=1)) == 0
        assert store.forget("*coast*") == 1
        assert store.seen_ids(["guid:a", "guid:b"]) == {"guid:b"}
        assert store.prune(timedelta(seconds=-5)) == 1


def test_unopenable_store_says_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StateError, match="--state"):
        SeenStore(tmp_path / "file" / "seen.db")


def test_second_run_waits_for_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "seen.db"
    events: list[str] = []
    with run_lock(path):
        waiter = threading.Thread(target=lambda: _locked_append(path, events))
        waiter.start()
        time.sleep(0.3)
        events.append("first done")
    waiter.join(5)
    assert events == ["first done", "second ran"]


def _locked_append(path: Path, events: list[str]) -> None:
    with run_lock(path, wait=5):
        events.append("second ran")


def test_lock_gives_up_after_waiting(tmp_path: Path) -> None:
    path = tmp_path / "seen.db"
    script = (
        "import pathlib, sys, time\nfrom briefer.digest.state import run_lock\n"
        "with run_lock(pathlib.Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(10)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(StateError, match="another briefer run"), run_lock(path, wait=0.2):
            pass
    finally:
        holder.kill()
        holder.wait()
