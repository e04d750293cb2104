"""The spool of undelivered mail: list what waits in it, and send it again (`briefer mail`)."""

from __future__ import annotations

import email
import email.policy
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path

from briefer.config import Settings
from briefer.errors import InputError
from briefer.mail.send import DeliveryError, check_can_send, send


@dataclass(frozen=True)
class Spooled:
    """One saved message: its file, recipients, subject and the date it was written."""

    path: Path
    to: tuple[str, ...]
    subject: str
    date: str


@dataclass
class Resent:
    """What a resend did: the files sent (and removed), and those still waiting with the reason."""

    sent: list[Spooled] = field(default_factory=list)
    failed: list[tuple[Spooled, str]] = field(default_factory=list)


def spooled(folder: Path) -> list[Spooled]:
    """The messages waiting in the spool folder, oldest first (none when the folder does not exist)."""
    if not folder.is_dir():
        return []
    return [read_spooled(path) for path in sorted(folder.glob("*.eml"))]


def read_spooled(path: Path) -> Spooled:
    """A spooled message's file, recipients, subject and date; a file that is not a mail is an error."""
    message = _message(path)
    to = tuple(address for _, address in getaddresses(message.get_all("To", []) + message.get_all("Cc", [])))
    if not to:
        raise InputError(f"{path}: no recipients in its To or Cc header; it is not a spooled briefer mail")
    return Spooled(path, to, str(message.get("Subject", "")), str(message.get("Date", "")))


def _message(path: Path) -> EmailMessage:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read it ({error.strerror}); give a file from `briefer mail list`") from None
    return email.message_from_bytes(data, policy=email.policy.default)  # type: ignore[return-value]


def resend(items: Sequence[Spooled], settings: Settings, sleep: Callable[[float], None] = time.sleep) -> Resent:
    """Send each message again to its recipients; a sent one leaves the spool, a failed one stays."""
    check_can_send(settings)
    result = Resent()
    for item in items:
        try:
            send(_message(item.path), settings.smtp, item.to, sleep)
        except DeliveryError as error:
            result.failed.append((item, str(error)))
            continue
        item.path.unlink(missing_ok=True)
        result.sent.append(item)
    return result
