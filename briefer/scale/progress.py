"""A count of done work on stderr, for runs long enough to want one."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(values: Iterable[T], label: str, total: int) -> Iterator[T]:
    """Pass `values` through, counting them on stderr when it is a terminal and logging is not quieted."""
    show = total > 1 and sys.stderr.isatty() and logging.getLogger().getEffectiveLevel() <= logging.WARNING
    done = 0
    for done, value in enumerate(values, 1):
        if show:
            sys.stderr.write(f"\r{label}: {done}/{total}")
            sys.stderr.flush()
        yield value
    if show and done:
        sys.stderr.write("\n")
