"""A progress bar on stderr, for runs long enough to want one."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
BAR_WIDTH = 24


def progress(values: Iterable[T], label: str, total: int) -> Iterator[T]:
    """Pass `values` through, drawing a bar on stderr when it is a terminal and logging is not quieted."""
    show = total > 1 and sys.stderr.isatty() and logging.getLogger().getEffectiveLevel() <= logging.WARNING
    done = 0
    for done, value in enumerate(values, 1):
        if show:
            sys.stderr.write("\r" + bar(label, done, total))
            sys.stderr.flush()
        yield value
    if show and done:
        sys.stderr.write("\n")


def bar(label: str, done: int, total: int, width: int = BAR_WIDTH) -> str:
    """`briefing [#########...............] 3/8`."""
    filled = width * min(done, total) // max(total, 1)
    return f"{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
