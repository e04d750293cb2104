"""What earlier digests already carried: an SQLite store (WAL) of item identities and feed validators.

An item is recorded only once it appears in a digest that was written or delivered, so anything
left out stays new for the next run. A lock file keeps two runs on the same store from both
sending an item; every change is one transaction, so a run killed half way leaves no half state.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from briefer.article.fetch import Validators
from briefer.errors import BrieferError
from briefer.paths import user_dir

LOCK_WAIT = 600.0  # seconds a run waits for another run on the same store to finish

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    title TEXT,
    url TEXT,
    seen_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seen_at ON seen (seen_at);
CREATE TABLE IF NOT EXISTS http_cache (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT
);
"""


class StateError(BrieferError):
    """The seen-state store cannot be opened, locked or written."""


@dataclass(frozen=True)
class SeenItem:
    """One recorded item."""

    id: str
    source: str
    title: str | None
    url: str | None
    seen_at: str = ""  # ISO time in UTC, filled in when recorded


def default_path() -> Path:
    """`$BRIEFER_STATE`, else `$XDG_STATE_HOME/briefer/seen.db`, else ~/.local/state/briefer/seen.db."""
    if os.environ.get("BRIEFER_STATE"):
        return Path(os.environ["BRIEFER_STATE"]).expanduser()
    return user_dir("XDG_STATE_HOME", ".local/state").expanduser() / "seen.db"


class SeenStore:
    """The store at `path`, created on first use (folders included), and checked for damage on opening.

    `readonly` opens it without changing anything, not even creating it: a store that does not
    exist yet is empty (a dry run), or an error when `must_exist` (the `state` commands: a typo).
    """

    def __init__(self, path: Path, *, readonly: bool = False, must_exist: bool = False) -> None:
        self.path = path
        if (readonly or must_exist) and not path.is_file():
            if must_exist:
                raise StateError(f"no state store at {path}: no digest has recorded anything there; check --state")
            self._db = _empty_store()
            return
        try:
            self._db = _connect(path, readonly)
            self._check()
        except (OSError, sqlite3.Error) as error:
            if hasattr(self, "_db"):
                self._db.close()
            raise self._error(error, "open") from None

    def _check(self) -> None:
        """Find a damaged file now, before any source is read and any digest written or mailed."""
        problems = [row[0] for row in self._db.execute("PRAGMA quick_check(1)")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError(problems[0] if problems else "its integrity check failed")

    def _error(self, error: OSError | sqlite3.Error, doing: str) -> StateError:
        """A StateError that says what to do: a damaged file is moved aside, an unopenable one replaced."""
        if isinstance(error, sqlite3.DatabaseError) and _is_damage(error):
            return StateError(
                f"the state store {self.path} is damaged ({error}): move it aside "
                f"(mv {self.path} {self.path}.broken) so the next run starts a new one, and inspect the old one "
                f"with briefer state list --state {self.path}.broken"
            )
        if doing == "open":
            return StateError(f"cannot open the state store {self.path}: {error}; give another with --state")
        return StateError(f"cannot {doing} the state store {self.path}: {error}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SeenStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def seen_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` were recorded already."""
        with self._reading():
            return self._seen_ids(ids)

    def _seen_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id FROM seen WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def validators(self, url: str) -> Validators | None:
        with self._reading():
            row = self._db.execute("SELECT etag, last_modified FROM http_cache WHERE url = ?", (url,)).fetchone()
        return Validators(row[0], row[1]) if row else None

    def all_validators(self) -> dict[str, Validators]:
        with self._reading():
            rows = self._db.execute("SELECT url, etag, last_modified FROM http_cache")
            return {url: Validators(etag, modified) for url, etag, modified in rows}

    def record(self, items: Iterable[SeenItem], validators: dict[str, Validators] | None = None) -> int:
        """Record items as seen and keep feed validators, all in one transaction. Returns the new count."""
        now = _now()
        rows = [(item.id, item.source, item.title, item.url, now) for item in items]
        cache = [(url, v.etag, v.last_modified) for url, v in (validators or {}).items()]
        try:
            with self._transaction():
                before = self._count()
                self._db.executemany("INSERT OR IGNORE INTO seen VALUES (?, ?, ?, ?, ?)", rows)
                self._db.executemany("INSERT OR REPLACE INTO http_cache VALUES (?, ?, ?)", cache)
                return self._count() - before
        except sqlite3.Error as error:
            raise self._error(error, "write") from None

    def items(self) -> list[SeenItem]:
        with self._reading():
            rows = self._db.execute("SELECT id, source, title, url, seen_at FROM seen ORDER BY seen_at, id")
            return [SeenItem(*row) for row in rows]

    def prune(self, older_than: timedelta) -> int:
        """Forget items recorded longer ago than `older_than`; returns how many."""
        cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="seconds")
        with self._reading(), self._transaction():
            return self._db.execute("DELETE FROM seen WHERE seen_at < ?", (cutoff,)).rowcount

    def forget(self, pattern: str) -> int:
        """Forget items whose id, url or source matches the glob `pattern`; returns how many."""
        with self._reading(), self._transaction():
            query = "DELETE FROM seen WHERE id GLOB ?1 OR url GLOB ?1 OR source GLOB ?1"
            return self._db.execute(query, (pattern,)).rowcount

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """SQLite errors while using the store, as a StateError that says what to do."""
        try:
            yield
        except sqlite3.Error as error:
            raise self._error(error, "read") from None

    def _count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM seen").fetchone()[0])

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:  # immutable: no lock, journal or -wal file is created beside it
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=30.0, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(_SCHEMA)
    return db


def _empty_store() -> sqlite3.Connection:
    """A store in memory: what a store that does not exist yet holds."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(_SCHEMA)
    return db


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    """A file that is not an SQLite database, or one whose pages are damaged or missing."""
    name = getattr(error, "sqlite_errorname", "")
    return name in ("SQLITE_CORRUPT", "SQLITE_NOTADB") or not isinstance(error, sqlite3.OperationalError)


@contextmanager
def run_lock(path: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the store's lock file for a whole run; a second run waits up to `wait` seconds."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+b")  # noqa: SIM115 - held open for the whole run
    except OSError as error:
        raise StateError(f"cannot create the lock file {lock_path}: {error}") from None
    try:
        _acquire(handle, lock_path, wait)
        yield
    finally:
        handle.close()  # closing releases the lock


def _acquire(handle: object, lock_path: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # type: ignore[attr-defined]
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise StateError(f"another briefer run holds {lock_path}; try again when it has finished") from None
            time.sleep(0.1)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
