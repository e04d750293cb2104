"""Mail: one message with a plain-text and an email-safe HTML part, sent over SMTP or saved; never lost.

A message that cannot be delivered is saved as an .eml file in the spool folder, and the caller gets
an `Outcome` that says where (exit code 4). Only this module talks SMTP.
"""

from __future__ import annotations

import email.policy
import hashlib
import ipaddress
import json
import os
import re
import smtplib
import ssl
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from pathlib import Path
from typing import TYPE_CHECKING

from briefer.config import Settings, SmtpSettings
from briefer.errors import BrieferError, UsageError
from briefer.mail.body import MailContent

if TYPE_CHECKING:
    from briefer.digest.run import DigestOptions

EXIT_UNDELIVERED = 4
_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"\\]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$")


class DeliveryError(BrieferError):
    """The server did not take the message; `temporary` failures are worth another try."""

    def __init__(self, message: str, *, temporary: bool) -> None:
        super().__init__(message)
        self.temporary = temporary


@dataclass(frozen=True)
class Outcome:
    """What happened to a message: delivered (or written with --eml), or saved in the spool."""

    delivered: bool
    path: Path | None = None  # the .eml written, or the spool file of an undelivered message
    error: str | None = None

    @property
    def exit_code(self) -> int:
        return 0 if self.delivered else EXIT_UNDELIVERED


# --- time, subjects and addresses ---------------------------------------------------------------


def run_time() -> datetime:
    """Now in UTC, or SOURCE_DATE_EPOCH when it is set, so that output can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def run_date() -> date:
    return run_time().date()


def clean_header(text: str, limit: int = 200) -> str:
    """One line of header text: control, format and line-separator characters become spaces, runs of
    whitespace one space, and a long text is cut at a word with an ellipsis."""
    spaced = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    line = " ".join(spaced.split())
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"


def expand_subject(template: str, title: str, when: date) -> str:
    """The subject: `{title}` and `{date}` filled in (nothing else is interpreted), on one clean line."""
    subject = template.replace("{date}", when.isoformat()).replace("{title}", clean_header(title))
    return clean_header(subject) or clean_header(title) or "Brief"


def parse_recipients(values: Sequence[str]) -> list[str]:
    """Addresses from --mail-to (repeatable, or comma-separated), each checked; as header-ready strings."""
    recipients = []
    for value in values:
        for part in value.split(","):
            if part.strip():
                recipients.append(_address(part))
    return recipients


def _address(text: str) -> str:
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text):
        raise UsageError(f"{text!r} is not an email address: remove the line breaks and control characters")
    name, address = parseaddr(text)
    if not _ADDRESS.match(address):
        raise UsageError(f"{text.strip()!r} is not an email address: write it as name@example.org")
    return formataddr((clean_header(name), address)) if name else address


def envelope_address(header: str) -> str:
    return parseaddr(header)[1]


# --- the message ----------------------------------------------------------------------------------


def build_message(content: MailContent, sender: str, recipients: Sequence[str], subject: str) -> EmailMessage:
    """multipart/alternative (text/plain, text/html), inside multipart/mixed when there is an attachment."""
    when = run_time()
    message = EmailMessage(policy=email.policy.default)
    message["Subject"] = clean_header(subject)
    message["From"] = sender
    if recipients:
        message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(when)
    message["Message-ID"] = _message_id(content, sender, when)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(content.text)
    message.add_alternative(content.html, subtype="html")
    if content.attachment is not None:
        attachment = content.attachment
        message.add_attachment(attachment.content, subtype=attachment.subtype, filename=attachment.filename)
    if os.environ.get("SOURCE_DATE_EPOCH"):  # reproducible output: boundaries from the content too
        for number, part in enumerate(p for p in message.walk() if p.is_multipart()):
            part.set_boundary(f"==briefer.{_content_hash(content)}.{number}")
    return message


def _content_hash(content: MailContent) -> str:
    return hashlib.sha256((content.text + content.html).encode("utf-8")).hexdigest()[:20]


def _message_id(content: MailContent, sender: str, when: datetime) -> str:
    domain = envelope_address(sender).rpartition("@")[2] or "localhost"
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        return make_msgid("briefer", domain=domain)
    return f"<{int(when.timestamp())}.{_content_hash(content)}.briefer@{domain}>"


# --- sending or saving ---------------------------------------------------------------------------


def mail(content: MailContent, settings: Settings, to: Sequence[str], *, eml: str | Path | None = None) -> Outcome:
    """Write the message to `eml` (sending nothing), or send it to `to`; an undelivered one is spooled."""
    recipients = parse_recipients(to)
    if eml is None and not recipients:
        raise UsageError("no recipients: give --mail-to ADDRESS, or --eml FILE to write the message")
    if eml is None:
        check_can_send(settings)
    subject = expand_subject(settings.mail.subject, content.title, run_date())
    message = build_message(content, sender_of(settings, required=eml is None), recipients, subject)
    if eml is not None:
        from briefer.render.output import write_atomic

        write_atomic(Path(eml), as_eml(message))
        return Outcome(True, Path(eml))
    return deliver(message, settings, [envelope_address(r) for r in recipients])


def sender_of(settings: Settings, required: bool = True) -> str:
    """The From address: mail.from, else an address-shaped smtp.user."""
    for candidate in (settings.mail.sender, settings.smtp.user):
        if candidate and _ADDRESS.match(envelope_address(candidate)):
            return _address(candidate)
    if settings.mail.sender:
        raise UsageError(f"mail.from {settings.mail.sender!r} is not an email address: write it as name@example.org")
    if required:
        raise UsageError("no sender: set mail.from in the config file or BRIEFER_MAIL_FROM (see docs/email.md)")
    return "briefer@localhost"


def check_can_send(settings: Settings) -> None:
    """Settings problems that no retry can fix, found before anything is sent."""
    smtp = settings.smtp
    if not smtp.host:
        raise UsageError("no SMTP server: set smtp.host in the config file or BRIEFER_SMTP_HOST (see docs/email.md)")
    if smtp.user and not smtp.password:
        raise UsageError("smtp.user is set but no password: set smtp.password or BRIEFER_SMTP_PASSWORD")
    if smtp.user and smtp.tls == "none" and not is_loopback(smtp.host):
        raise UsageError(
            f"smtp.tls is none, so the password would cross the network to {smtp.host} unencrypted: "
            "set smtp.tls to starttls or ssl"
        )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def deliver(
    message: EmailMessage,
    settings: Settings,
    recipients: Sequence[str],
    sleep: Callable[[float], None] = time.sleep,
) -> Outcome:
    """Send `message`; when that fails for good, save it in the spool folder and say where."""
    try:
        send(message, settings.smtp, recipients, sleep)
        return Outcome(True)
    except DeliveryError as error:
        reason, temporary = str(error), error.temporary
    try:
        path = spool(message, settings.mail.spool)
    except BrieferError as error:
        raise BrieferError(f"could not send the mail ({reason}) nor save it: {error}") from None
    then = "send it again later" if temporary else "a permanent failure: fix that first, then send it again"
    return Outcome(False, path, f"could not send the mail ({reason}); it is saved as {path}: {then}")


def send(
    message: EmailMessage,
    smtp: SmtpSettings,
    recipients: Sequence[str],
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Send once, and again after temporary failures (with a doubling pause); raise DeliveryError."""
    delay = smtp.retry_delay
    for attempt in range(smtp.retries + 1):
        try:
            _send_once(message, smtp, recipients)
            return
        except DeliveryError as error:
            if not error.temporary or attempt == smtp.retries:
                raise
        sleep(delay)
        delay *= 2


def _send_once(message: EmailMessage, smtp: SmtpSettings, recipients: Sequence[str]) -> None:
    where = f"{smtp.host}:{smtp.effective_port}"
    try:
        with _connect(smtp) as client:
            if smtp.tls == "starttls":
                client.starttls(context=ssl.create_default_context())
            if smtp.user:
                client.login(smtp.user, smtp.password or "")
            refused = client.send_message(message, to_addrs=list(recipients))
    except smtplib.SMTPRecipientsRefused as error:
        raise _refused(error.recipients, accepted=False) from None
    except smtplib.SMTPNotSupportedError as error:
        raise _unsupported(where, str(error)) from None
    except smtplib.SMTPResponseException as error:
        raise _reply_error(where, error.smtp_code, error.smtp_error) from None
    except ssl.SSLError as error:
        raise DeliveryError(
            f"TLS with {where} failed ({error.reason}): check smtp.tls and smtp.port", temporary=False
        ) from None
    except (OSError, smtplib.SMTPException) as error:
        raise DeliveryError(f"cannot reach {where}: {error or type(error).__name__}", temporary=True) from None
    if refused:
        raise _refused(refused, accepted=True)


def _connect(smtp: SmtpSettings) -> smtplib.SMTP:
    host, port = smtp.host or "localhost", smtp.effective_port
    if smtp.tls == "ssl":
        return smtplib.SMTP_SSL(host, port, timeout=smtp.timeout, context=ssl.create_default_context())
    return smtplib.SMTP(host, port, timeout=smtp.timeout)


def _unsupported(where: str, text: str) -> DeliveryError:
    if "STARTTLS" in text.upper():
        return DeliveryError(f"{where} does not offer STARTTLS: set smtp.tls to ssl or none", temporary=False)
    return DeliveryError(f"{where} does not offer login (AUTH): remove smtp.user or check smtp.tls", temporary=False)


def _decoded(reply: bytes | str) -> str:
    return clean_header(reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply))


def _reply_error(where: str, code: int, text: bytes | str) -> DeliveryError:
    reply = _decoded(text)
    hint = "; check smtp.user and smtp.password" if code in (530, 534, 535) else ""
    return DeliveryError(f"{where} replied {code} {reply}{hint}", temporary=400 <= code < 500)


def _refused(refused: dict[str, tuple[int, bytes]], *, accepted: bool) -> DeliveryError:
    """Refused recipients. When some were accepted, a retry would mail them twice: not temporary."""
    parts = [f"{address} ({code} {_decoded(text)})" for address, (code, text) in refused.items()]
    temporary = not accepted and all(400 <= code < 500 for code, _ in refused.values())
    prefix = "some recipients were refused" if accepted else "the server refused"
    return DeliveryError(f"{prefix}: {'; '.join(parts)}", temporary=temporary)


# --- the spool --------------------------------------------------------------------------------------


def as_eml(message: EmailMessage) -> str:
    """The message as an .eml file's text."""
    return message.as_string(policy=email.policy.default)


def spool(message: EmailMessage, folder: Path) -> Path:
    """Save `message` in `folder` (created, private) under a new name; return the full path."""
    from briefer.render.output import OutputError, write_atomic

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create the spool folder {folder} ({error.strerror}); set mail.spool") from None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    text = as_eml(message)
    name = f"{stamp}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:10]}.eml"
    path = folder.resolve() / name
    write_atomic(path, text)
    return path


# --- a digest as mail -------------------------------------------------------------------------------


class Undelivered(BrieferError):
    """The mail was saved in the spool, not delivered; raised from a digest's write step so that
    nothing is recorded as seen and the next run sends the same items again."""

    exit_code = EXIT_UNDELIVERED


def mail_digest_step(
    options: DigestOptions,
    output: str | None,
    *,
    mail_to: Sequence[str],
    eml: str | None,
    config: str | None,
    subject: str | None = None,
    attach: str | None = None,
) -> tuple[DigestOptions, Callable[[str], None]]:
    """Options and a write step for `run_digest` that mail the digest (or write it to `eml`) after
    writing `output` in the format asked for; the write step raises Undelivered when the mail was
    spooled. Settings problems are found here, before any source is read."""
    from briefer.config import load_settings, with_flags

    settings = with_flags(load_settings(config), subject=subject, attach=attach)
    if eml is None:
        check_can_send(settings)
        sender_of(settings)
        if not parse_recipients(mail_to):
            raise UsageError("no recipients: give --mail-to ADDRESS, or --eml FILE to write the message")
    write = _digest_writer(settings, mail_to, eml, output, options.fmt, options.template)
    return replace(options, fmt="json", template=None), write


def _digest_writer(
    settings: Settings, to: Sequence[str], eml: str | None, output: str | None, fmt: str, template: str | None
) -> Callable[[str], None]:
    from briefer.mail.body import digest_content

    def write(text: str) -> None:
        data = json.loads(text)
        if output:
            from briefer.digest.run import render_digest_data
            from briefer.render.output import write_output

            write_output(render_digest_data(data, fmt, template), output)
        outcome = mail(digest_content(data, settings.mail.attach), settings, to, eml=eml)
        if not outcome.delivered:
            raise Undelivered(outcome.error or "the mail was not delivered")

    return write
