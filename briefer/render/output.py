"""Write results so that a reader never sees half a file: a temporary file beside the target, renamed."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from briefer.errors import BrieferError


class OutputError(BrieferError):
    """The output could not be written."""


def write_output(text: str, output: str | None) -> None:
    """Print `text` to stdout (no output or `-`), or replace the file `output` atomically."""
    if output is None or output == "-":
        with stdout_errors():
            standard_output().write(text)
            standard_output().flush()
        return
    write_atomic(Path(output), text)


def standard_output() -> TextIO:
    """stdout, or an OutputError when it was closed (`briefer make … >&-`)."""
    if sys.stdout is None or sys.stdout.closed:
        raise OutputError("cannot write to stdout: it is closed; give -o FILE or let it write to a terminal or pipe")
    return sys.stdout


@contextlib.contextmanager
def stdout_errors() -> Iterator[None]:
    """A full or failing stdout as an OutputError; a reader that went away (`| head`) stays BrokenPipeError."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as error:
        raise OutputError(f"cannot write to stdout ({error.strerror or error}); free space or give -o FILE") from None


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: an existing file is untouched if anything fails.

    A symlink is written through: its target is replaced, and the link kept. A FIFO or device
    (`-o /dev/stdout`, a named pipe) is written into as it is, never replaced by a regular file.
    """
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    if path.exists() and not path.is_dir() and not stat.S_ISREG(path.stat().st_mode):
        _write_special(path, text)
        return
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


def _write_special(path: Path, text: str) -> None:
    """Write into a FIFO or device file as it is (no temporary file can stand for it)."""
    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise OutputError(f"cannot write {path} ({error.strerror or error})") from None


def _keep_mode(path: Path, temporary: str) -> None:
    """A replaced file keeps its permissions; a new one gets the usual ones for the user's umask."""
    if path.exists():
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        return
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
