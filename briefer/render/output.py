"""Write results so that a reader never sees half a file: a temporary file beside the target, renamed."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from briefer.errors import BrieferError


class OutputError(BrieferError):
    """The output could not be written."""


def write_output(text: str, output: str | None) -> None:
    """Print `text` to stdout (no output or `-`), or replace the file `output` atomically."""
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_atomic(Path(output), text)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: an existing file is untouched if anything fails."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist; create it first")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder; give a file name")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"cannot write in {folder} ({error.strerror}); check its permissions") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(path, temporary)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {path} ({error.strerror}); it was left as it was") from None
        raise


def _keep_mode(path: Path, temporary: str) -> None:
    """A replaced file keeps its permissions; a new one gets the usual ones for the user's umask."""
    if path.exists():
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        return
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
