"""A real SMTP server on loopback for the mail tests (aiosmtpd), with replies the test can script."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

controller = pytest.importorskip("aiosmtpd.controller", reason="pip install aiosmtpd (a test extra)")
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402  (after the importorskip above)


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    raw: bytes


@dataclass
class MailServer:
    """What the server received, and the replies it gives next: `data_replies` are used up one by one
    for DATA (a reply other than 250 refuses the message), `refuse` maps recipients to a RCPT reply."""

    host: str = "127.0.0.1"
    port: int = 0
    received: list[Received] = field(default_factory=list)
    data_replies: list[str] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)
    logins: list[str] = field(default_factory=list)
    attempts: int = 0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.attempts += 1
        if self.data_replies:
            reply = self.data_replies.pop(0)
            if not reply.startswith("250"):
                return reply
        raw = bytes(envelope.original_content or envelope.content)
        parsed = message_from_bytes(raw, policy=policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed, raw))  # type: ignore[arg-type]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _authenticator(expected: tuple[str, str], server_state: MailServer) -> Any:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login.decode(), data.password.decode()) == expected
        if ok:
            server_state.logins.append(data.login.decode())
        return AuthResult(success=ok, handled=False)

    return check


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made with the openssl command) and its key."""
    if not shutil.which("openssl"):
        pytest.skip("the openssl command is needed to make a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
    command += ["-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)]
    subprocess.run(command, check=True, capture_output=True)
    return cert, key


@contextmanager
def mail_server(
    login: tuple[str, str] | None = None, tls: str | None = None, certificate: tuple[Path, Path] | None = None
) -> Iterator[MailServer]:
    """Start a server on a free loopback port; with `login`, it offers AUTH and checks the password;
    `tls` is "starttls" (required before AUTH and MAIL) or "ssl" (TLS from the start) with `certificate`."""
    state = MailServer(port=free_port())
    extra: dict[str, Any] = {}
    if login is not None:
        extra = {
            "authenticator": _authenticator(login, state),
            "auth_require_tls": tls == "starttls",
        }  # aiosmtpd counts only STARTTLS as TLS
    if tls is not None and certificate is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*certificate)
        extra.update(
            {"tls_context": context, "require_starttls": True} if tls == "starttls" else {"ssl_context": context}
        )
    running = controller.Controller(state, hostname=state.host, port=state.port, **extra)
    running.start()
    try:
        yield state
    finally:
        running.stop()


def settings_text(server: MailServer, spool: str, **smtp: Any) -> str:
    """A config.toml for `server`: no TLS on loopback, no pauses between retries."""
    lines = ["[smtp]", f'host = "{server.host}"', f"port = {server.port}", 'tls = "none"', "retry_delay = 0"]
    lines += [f"{key} = {value!r}".replace("'", '"') for key, value in smtp.items()]
    lines += ["[mail]", 'from = "Briefer Tests <briefer@example.org>"', f'spool = "{spool}"']
    return "\n".join(lines) + "\n"
