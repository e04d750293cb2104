"""Where briefer keeps its files in the user's home: the XDG base directories."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def user_dir(variable: str, fallback: str, environ: Mapping[str, str] | None = None) -> Path:
    """`$variable/briefer`, else `~/fallback/briefer` (`variable` is an XDG one such as XDG_STATE_HOME)."""
    environ = os.environ if environ is None else environ
    return Path(environ.get(variable) or Path.home() / fallback) / "briefer"
