"""State, config and files: a damaged store, typos, odd values, relative paths, odd file names and outputs.

Each case gets a one-line `Error: …` that says what to do and a documented exit code, and never
half a result: a digest is not written or mailed from a store that cannot be trusted.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefer.cli import cli

DATA = Path(__file__).parent / "data" / "digest"


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772500000")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state-home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
    monkeypatch.delenv("BRIEFER_STATE", raising=False)
    monkeypatch.delenv("BRIEFER_DEBUG", raising=False)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_error_line(result: Result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    return lines[0]


# --- a damaged seen-state store -----------------------------------------------------------------------


def a_store_with_items(tmp_path: Path, count: int = 400) -> Path:
    state = tmp_path / "seen.db"
    with sqlite3.connect(state) as db:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, url TEXT, seen_at TEXT)")
        db.execute("CREATE INDEX seen_at ON seen (seen_at)")
        db.execute("CREATE TABLE http_cache (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT)")
        rows = [
            (f"guid:{n}", "Coast Times", f"Story {n} " + "x" * 200, None, "2026-03-01T06:00:00+00:00")
            for n in range(count)
        ]
        db.executemany("INSERT INTO seen VALUES (?, ?, ?, ?, ?)", rows)
    return state


def truncated(state: Path) -> Path:
    data = state.read_bytes()
    state.write_bytes(data[: len(data) // 2])
    return state


def garbage(state: Path) -> Path:
    state.write_bytes(b"SQLite format 3\x00" + b"\xff" * 3000)
    return state


@pytest.mark.parametrize("damage", [truncated, garbage], ids=["truncated", "garbage"])
def test_a_damaged_store_stops_the_digest_before_anything_is_written(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    state = damage(a_store_with_items(tmp_path))
    out = tmp_path / "digest.md"
    result = invoke("digest", str(DATA / "folder"), "--state", str(state), "-o", str(out))
    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(state) in line and "damaged" in line and "move it aside" in line and "briefer state list" in line
    assert not out.exists()


@pytest.mark.parametrize("command", [["list"], ["prune", "--older-than", "90d"], ["forget", "*"]])
@pytest.mark.parametrize("damage", [truncated, garbage], ids=["truncated", "garbage"])
def test_state_commands_on_a_damaged_store_say_what_to_do(tmp_path: Path, damage, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    state = damage(a_store_with_items(tmp_path))
    result = invoke("state", *command, "--state", str(state))
    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(state) in line and "damaged" in line and "move it aside" in line


def test_state_list_on_a_mistyped_path_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    for command in (["list"], ["prune", "--older-than", "90d"], ["forget", "*"]):
        result = invoke("state", *command, "--state", "typo/x.db")
        assert result.exit_code == 1
        assert "typo/x.db" in one_error_line(result) and "--state" in result.stderr
    assert sorted(tmp_path.rglob("*")) == before


def test_a_dry_run_creates_no_file_or_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    result = invoke("digest", str(DATA / "folder"), "--dry-run", "--state", "new/seen.db", "-o", "out.md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# News digest")
    default = invoke("digest", str(DATA / "folder"), "--dry-run")
    assert default.exit_code == 0 and default.stdout.startswith("# News digest")
    assert sorted(tmp_path.rglob("*")) == before


def test_a_dry_run_reads_an_existing_store_and_changes_nothing(tmp_path: Path) -> None:
    state = tmp_path / "seen.db"
    assert invoke("digest", str(DATA / "feed.rss"), "--state", str(state)).exit_code == 0
    shutil.copy(DATA / "feed.rss", tmp_path / "copy.rss")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    dry = invoke("digest", str(DATA / "feed.rss"), str(DATA / "folder"), "--state", str(state), "--dry-run")
    assert dry.exit_code == 0 and "Port Alder" in dry.stdout and "Fishing fleet" not in dry.stdout
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
