"""The seen-state in PostgreSQL, for several machines running digests on one shared store.

The same public methods and the same meaning as the SQLite store (`briefer.digest.state.SeenStore`): an
item is recorded only once it appears in what was written or delivered, every change is one
transaction, and the identity rules are those of `briefer.digest.state.identity`.

What replaces SQLite's lock file is a claim: `seen_ids` claims, in the table `claims`, every item it
reports as new, with INSERT … ON CONFLICT DO NOTHING on the item's primary key. Two runs at once can
therefore never both get an item: the second one is told it is seen. A claim belongs to the
database session that made it; `record` turns it into a `seen` row in the same transaction, `close`
gives back the claims that were not recorded (items left out stay new for the next run), and the
claims of a run that died are taken over as soon as its session is gone from pg_stat_activity.
A connection pooler in transaction mode would break that tie: connect to the server directly. Runs
that share a store should use one role (or roles with pg_read_all_stats), so that each can see the
others' sessions; a claim whose session cannot be told apart is kept while that pid is alive.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from briefer.article.fetch import Validators
from briefer.digest.state import SeenItem, StateError

T = TypeVar("T")
RETRIES = 5  # a transaction that lost a deadlock or a serialisation race is tried again this often

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    title TEXT,
    url TEXT,
    seen_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS seen_seen_at ON seen (seen_at);
CREATE TABLE IF NOT EXISTS http_cache (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT
);
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY,
    pid INTEGER NOT NULL,
    started TIMESTAMPTZ NOT NULL,
    claimed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
"""

# A claim is stale when the session that made it is gone (the run ended or died).
_DROP_STALE = """
DELETE FROM claims c WHERE c.id = ANY(%(ids)s) AND NOT EXISTS (
    SELECT 1 FROM pg_stat_activity a
    WHERE a.pid = c.pid AND (a.backend_start = c.started OR a.backend_start IS NULL))
"""
_CLAIM = """
INSERT INTO claims (id, pid, started)
SELECT id, %(pid)s, %(started)s FROM unnest(%(ids)s::text[]) AS wanted(id) ORDER BY id
ON CONFLICT (id) DO NOTHING
"""
_MINE = "SELECT id FROM claims WHERE id = ANY(%(ids)s) AND pid = %(pid)s AND started = %(started)s"
_RECORD = """
INSERT INTO seen (id, source, title, url)
SELECT * FROM unnest(%(ids)s::text[], %(sources)s::text[], %(titles)s::text[], %(urls)s::text[])
ORDER BY 1
ON CONFLICT (id) DO NOTHING
"""
_CACHE = """
INSERT INTO http_cache (url, etag, last_modified) VALUES (%s, %s, %s)
ON CONFLICT (url) DO UPDATE SET etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified
"""


def is_postgres(location: object) -> bool:
    """Whether a --state value names a PostgreSQL database rather than an SQLite file."""
    return str(location).startswith(("postgresql://", "postgres://"))


class PostgresStore:
    """The store in the PostgreSQL database at `url` (a libpq URL); tables are created on first use."""

    def __init__(self, url: str) -> None:
        self.path = url
        self._where = _without_password(url)
        try:
            import psycopg
        except ImportError:
            raise StateError("a postgresql:// state needs psycopg: pip install 'briefer[cluster]'") from None
        self._errors = psycopg
        try:
            self._db = psycopg.connect(url, autocommit=True, connect_timeout=30)
            with self._db.transaction():
                self._db.execute("SELECT pg_advisory_xact_lock(hashtext('briefer schema'))")
                self._db.execute(_SCHEMA)
            row = self._db.execute("SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()")
            self._pid, self._started = row.fetchone()  # type: ignore[misc]
        except psycopg.Error as error:
            raise StateError(f"cannot open the state store {self._where}: {_reason(error)}; check --state") from None

    def close(self) -> None:
        """Give back the claims not recorded (those items stay new), then disconnect."""
        try:
            if not self._db.closed:
                self._db.execute("DELETE FROM claims WHERE pid = %s AND started = %s", (self._pid, self._started))
        except self._errors.Error:
            pass  # the session is going away: its claims become stale with it
        finally:
            self._db.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def seen_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` were recorded already, or are being sent by another run right now.

        Every id not in the answer is claimed for this run until it records it or closes.
        """
        wanted = sorted(set(ids))
        if not wanted:
            return set()
        return self._retry(lambda: self._claim(wanted))

    def _claim(self, wanted: list[str]) -> set[str]:
        params = {"ids": wanted, "pid": self._pid, "started": self._started}
        with self._db.transaction():
            self._db.execute(_DROP_STALE, params)
            self._db.execute(_CLAIM, params)
        mine = {row[0] for row in self._db.execute(_MINE, params)}
        seen = {row[0] for row in self._db.execute("SELECT id FROM seen WHERE id = ANY(%(ids)s)", params)}
        return seen | (set(wanted) - mine)

    def validators(self, url: str) -> Validators | None:
        row = self._query("SELECT etag, last_modified FROM http_cache WHERE url = %s", (url,))
        return Validators(row[0][0], row[0][1]) if row else None

    def all_validators(self) -> dict[str, Validators]:
        rows = self._query("SELECT url, etag, last_modified FROM http_cache", ())
        return {url: Validators(etag, modified) for url, etag, modified in rows}

    def record(self, items: Iterable[SeenItem], validators: dict[str, Validators] | None = None) -> int:
        """Record items as seen and keep feed validators, all in one transaction. Returns the new count."""
        rows = sorted({item.id: item for item in items}.values(), key=lambda item: item.id)
        cache = sorted((url, v.etag, v.last_modified) for url, v in (validators or {}).items())
        return self._retry(lambda: self._record(rows, cache))

    def _record(self, rows: list[SeenItem], cache: list[tuple[str, Any, Any]]) -> int:
        columns = {
            "ids": [r.id for r in rows],
            "sources": [r.source for r in rows],
            "titles": [r.title for r in rows],
            "urls": [r.url for r in rows],
        }
        with self._transaction("write"), self._db.cursor() as cursor:
            cursor.execute(_RECORD, columns)
            added = cursor.rowcount
            cursor.execute("DELETE FROM claims WHERE id = ANY(%s) AND pid = %s", (columns["ids"], self._pid))
            if cache:
                cursor.executemany(_CACHE, cache)
            return added

    def items(self) -> list[SeenItem]:
        rows = self._query("SELECT id, source, title, url, seen_at FROM seen ORDER BY seen_at, id", ())
        return [SeenItem(i, source, title, url, _iso(stamp)) for i, source, title, url, stamp in rows]

    def prune(self, older_than: timedelta) -> int:
        """Forget items recorded longer ago than `older_than`; returns how many."""
        with self._transaction("write"):
            return self._db.execute("DELETE FROM seen WHERE seen_at < now() - %s", (older_than,)).rowcount

    def forget(self, pattern: str) -> int:
        """Forget items whose id, url or source matches the glob `pattern`; returns how many."""
        query = "DELETE FROM seen WHERE id SIMILAR TO %(p)s OR url SIMILAR TO %(p)s OR source SIMILAR TO %(p)s"
        with self._transaction("write"):
            return self._db.execute(query, {"p": glob_to_similar(pattern)}).rowcount

    def _query(self, sql: str, params: Any) -> list[Any]:
        try:
            return self._db.execute(sql, params).fetchall()
        except self._errors.Error as error:
            raise StateError(f"cannot read the state store {self._where}: {_reason(error)}") from None

    def _retry(self, work: Callable[[], T]) -> T:
        """Run one transaction, again when PostgreSQL chose it as the loser of a deadlock."""
        lost = (self._errors.errors.DeadlockDetected, self._errors.errors.SerializationFailure)
        for attempt in range(RETRIES):
            try:
                return work()
            except lost:
                time.sleep(0.05 * (attempt + 1))
            except self._errors.Error as error:
                raise StateError(f"cannot use the state store {self._where}: {_reason(error)}") from None
        raise StateError(f"the state store {self._where} is too busy; try again")

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[None]:
        try:
            with self._db.transaction():
                yield
        except (self._errors.errors.DeadlockDetected, self._errors.errors.SerializationFailure):
            raise
        except self._errors.Error as error:
            raise StateError(f"cannot {doing} the state store {self._where}: {_reason(error)}") from None


def glob_to_similar(pattern: str) -> str:
    """An SQLite glob (`*`, `?`, `[…]`, `[^…]`) as a SIMILAR TO pattern that matches the same strings."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        end = pattern.find("]", index + 2) if char == "[" else -1
        if char == "*":
            out.append("%")
        elif char == "?":
            out.append("_")
        elif end > 0:
            out.append(pattern[index : end + 1])
            index = end
        else:
            out.append("\\" + char if char in "\\%_|*+?{}()[]" else char)
        index += 1
    return "".join(out)


def _iso(stamp: datetime) -> str:
    return stamp.astimezone(UTC).isoformat(timespec="seconds")


def _reason(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _without_password(url: str) -> str:
    """The URL as it may appear in a message: the password replaced by ***."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)
