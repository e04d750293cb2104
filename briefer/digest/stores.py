"""Which seen-state store a --state value names: an SQLite file (the default) or a PostgreSQL URL.

`locked_store` is what a digest run holds from reading to recording: for SQLite the store under its
run lock (a second run waits), for PostgreSQL the store alone, whose claims keep two runs apart
without a lock file (`briefer.digest.state_pg`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from briefer.digest.state import SeenStore, default_path, run_lock
from briefer.digest.state_pg import PostgresStore, is_postgres

Location = Path | str


def state_location(value: str | Path | None) -> Location:
    """A --state value (or, without one, $BRIEFER_STATE or the default file): a URL kept, a path expanded."""
    value = value or os.environ.get("BRIEFER_STATE") or None
    if value is None:
        return default_path()
    return str(value) if is_postgres(value) else Path(value).expanduser()


def open_store(location: str | Path | None = None, *, must_exist: bool = False) -> Any:
    """The store a --state value names: SeenStore for a file, PostgresStore for a postgresql:// URL.

    `must_exist` (the `state` commands): a file that does not exist is an error (a typo), never created.
    """
    where = state_location(location)
    if isinstance(where, str):
        return PostgresStore(where)
    return SeenStore(where, must_exist=must_exist)


@contextmanager
def locked_store(location: str | Path | None, *, readonly: bool = False) -> Iterator[Any]:
    """The store for one whole digest run, kept from other runs' items (lock file or claims).

    `readonly` (a dry run) reads the file as it is, without its lock, and creates nothing.
    """
    where = state_location(location)
    if isinstance(where, str):
        with PostgresStore(where) as store:
            yield store
        return
    if readonly:
        with SeenStore(where, readonly=True) as store:
            yield store
        return
    with run_lock(where), SeenStore(where) as store:
        yield store
