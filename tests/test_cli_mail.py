"""`briefer make --mail-to/--eml` as a user runs it, against a real SMTP server on loopback."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from mailserver import MailServer, free_port, mail_server, settings_text

from briefer.cli import cli

ARTICLE = """Harbour ferry service to resume after storm repairs

The Northgate ferry will carry passengers again from Friday, the port authority said on Wednesday.
Port director Selma Haraldsen said repairs to the main pier cost $2.4 million.
The authority will publish a new timetable on June 2.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def config_for(tmp_path: Path, server: MailServer, **smtp: object) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(settings_text(server, str(tmp_path / "spool"), **smtp), encoding="utf-8")
    return path


def test_mail_arrives_with_both_parts_and_the_attachment(tmp_path: Path, article: Path) -> None:
    with mail_server() as server:
        config = str(config_for(tmp_path, server))
        result = run("make", str(article), "--mail-to", "team@example.org", "--config", config)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == "sent to team@example.org\n"
    [got] = server.received
    message = got.message
    assert message["Subject"] == "Harbour ferry service to resume after storm repairs"
    kinds = [part.get_content_type() for part in message.walk()]
    assert kinds == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/markdown"]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "Selma Haraldsen" in html and "<script" not in html and "http" not in html
    assert "Selma Haraldsen" in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_subject_date_and_several_recipients(tmp_path: Path, article: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1780000000"}  # 2026-05-28
    with mail_server() as server:
        config = str(config_for(tmp_path, server))
        args = ["--mail-to", "a@example.org", "--mail-to", "Bé <b@example.org>", "--subject", "Brief {date}: ünïcode"]
        result = run("make", str(article), *args, "--attach", "html", "--config", config, env=env)
    assert result.exit_code == 0, result.output
    [got] = server.received
    assert sorted(got.recipients) == ["a@example.org", "b@example.org"]
    assert got.message["Subject"] == "Brief 2026-05-28: ünïcode"
    assert got.message["Date"] == "Thu, 28 May 2026 20:26:40 +0000"
    attachment = next(got.message.iter_attachments())
    assert attachment.get_filename() == "harbour-ferry-service-to-resume-after-storm-repairs.html"


def test_subject_from_a_hostile_title_cannot_add_headers(tmp_path: Path, article: Path) -> None:
    with mail_server() as server:
        config = str(config_for(tmp_path, server))
        title = "Ferry\r\nBcc: everyone@example.org\r\n\r\nspam"
        result = run("make", str(article), "--title", title, "--mail-to", "a@example.org", "--config", config)
    assert result.exit_code == 0, result.output
    [got] = server.received
    assert got.recipients == ["a@example.org"]
    assert got.message["Bcc"] is None
    assert got.message["Subject"] == "Ferry Bcc: everyone@example.org spam"


def test_settings_from_the_environment(tmp_path: Path, article: Path) -> None:
    with mail_server(login=("ops", "pw")) as server:
        env = {
            "BRIEFER_SMTP_HOST": server.host,
            "BRIEFER_SMTP_PORT": str(server.port),
            "BRIEFER_SMTP_TLS": "none",
            "BRIEFER_SMTP_USER": "ops",
            "BRIEFER_SMTP_PASSWORD": "pw",
            "BRIEFER_MAIL_FROM": "Ops <ops@example.org>",
        }
        result = run("make", str(article), "--mail-to", "a@example.org", env=env)
    assert result.exit_code == 0, result.output
    assert server.logins == ["ops"] and server.received[0].sender == "ops@example.org"


def spool_file(result: Result) -> Path:
    assert result.exit_code == 4, result.output
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("Error: could not send the mail")
    path = Path(line.split("saved as ", 1)[1].split(": ", 1)[0])
    assert path.is_file() and path.suffix == ".eml"
    saved = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert saved.get_body(("html",)) is not None and saved.get_body(("plain",)) is not None
    return path


def test_server_down_saves_the_mail_and_exits_4(tmp_path: Path, article: Path) -> None:
    down = MailServer(port=free_port())
    config = config_for(tmp_path, down, retries=1)
    result = run("make", str(article), "--mail-to", "a@example.org", "--config", str(config))
    path = spool_file(result)
    assert path.parent == (tmp_path / "spool").resolve()
    assert "cannot reach 127.0.0.1" in result.stderr and "Traceback" not in result.stderr


def test_rejected_mail_is_saved_and_exits_4(tmp_path: Path, article: Path) -> None:
    with mail_server() as server:
        server.data_replies = ["550 5.7.1 Relaying denied"]
        result = run("make", str(article), "--mail-to", "a@example.org", "--config", str(config_for(tmp_path, server)))
    spool_file(result)
    assert "550 5.7.1 Relaying denied" in result.stderr
    assert server.attempts == 1 and not server.received


def test_temporary_failure_then_delivery_exits_0(tmp_path: Path, article: Path) -> None:
    with mail_server() as server:
        server.data_replies = ["421 4.3.2 Service not available, try later"]
        result = run("make", str(article), "--mail-to", "a@example.org", "--config", str(config_for(tmp_path, server)))
    assert result.exit_code == 0, result.output
    assert server.attempts == 2 and len(server.received) == 1
    assert not (tmp_path / "spool").exists()


def test_output_file_is_written_even_when_the_mail_fails(tmp_path: Path, article: Path) -> None:
    config = config_for(tmp_path, MailServer(port=free_port()), retries=0)
    output = tmp_path / "brief.md"
    result = run("make", str(article), "-o", str(output), "--mail-to", "a@example.org", "--config", str(config))
    spool_file(result)
    assert "## What" in output.read_text(encoding="utf-8")


def test_eml_writes_the_message_and_sends_nothing(tmp_path: Path, article: Path) -> None:
    target = tmp_path / "brief.eml"
    result = run("make", str(article), "--eml", str(target), "--mail-to", "a@example.org")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    saved = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    assert saved["To"] == "a@example.org"
    assert next(saved.iter_attachments()).get_content_type() == "text/markdown"


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["--subject", "x"], 2, "--subject and --attach need --mail-to or --eml"),
        (["--mail-to", "not-an-address"], 2, "not an email address"),
        (["--mail-to", "a@example.org"], 2, "BRIEFER_SMTP_HOST"),
        (["--mail-to", "a@example.org", "--config", "/nonexistent/briefer.toml"], 2, "--config"),
        (["--attach", "pdf", "--mail-to", "a@example.org"], 2, "pdf"),
    ],
)
def test_misuse_is_a_one_line_error(article: Path, args: list[str], code: int, fragment: str) -> None:
    result = run("make", str(article), *args)
    assert result.exit_code == code, result.output
    assert fragment in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_unknown_config_key_names_the_key_and_the_file(tmp_path: Path, article: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nhost = "127.0.0.1"\npasword = "x"\n', encoding="utf-8")
    result = run("make", str(article), "--mail-to", "a@example.org", "--config", str(config))
    assert result.exit_code == 2
    assert "smtp.pasword" in result.stderr and str(config) in result.stderr


def test_no_flag_takes_smtp_credentials() -> None:
    help_text = run("make", "--help").output
    for word in ("password", "--smtp", "--user", "--host"):
        assert word not in help_text
    assert "--mail-to" in help_text and "--eml" in help_text and "--config" in help_text


DIGEST_DATA = Path(__file__).parent / "data" / "digest"


def digest_args(tmp_path: Path, *more: str) -> list[str]:
    sources = [str(DIGEST_DATA / name) for name in ("folder", "feed.rss")]
    return ["digest", *sources, "--state", str(tmp_path / "seen.db"), *more]


def test_digest_arrives_as_one_message_and_is_not_sent_twice(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1772500000"}
    with mail_server() as server:
        config = str(config_for(tmp_path, server))
        args = digest_args(tmp_path, "--mail-to", "me@example.org", "--subject", "Morning brief {date}", "--config")
        first = run(*args, config, env=env)
        second = run(*args, config, env=env)
    assert first.exit_code == 0, first.output
    assert first.stdout == ""
    assert second.exit_code == 0, second.output
    [got] = server.received  # the second run found nothing new and sent nothing
    message = got.message
    assert message["Subject"] == "Morning brief 2026-03-03"
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "<script" not in html and "<style" not in html and "Harbour bridge" in html
    assert "CONTENTS" in text and "Harbour bridge" in text
    attachment = next(message.iter_attachments())
    assert attachment.get_filename() == "news-digest-2026-03-03.md"
    assert "Harbour bridge" in attachment.get_content()


def test_undelivered_digest_is_spooled_and_its_items_stay_new(tmp_path: Path) -> None:
    down = MailServer(port=free_port())
    failed = run(*digest_args(tmp_path, "--mail-to", "me@example.org", "--config", str(config_for(tmp_path, down))))
    spool_file(failed)
    with mail_server() as server:
        config = str(config_for(tmp_path, server))
        again = run(*digest_args(tmp_path, "--mail-to", "me@example.org", "--config", config))
    assert again.exit_code == 0, again.output
    [got] = server.received  # the items of the failed run were not marked seen, so they went out now
    assert "Harbour bridge" in got.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def test_rejected_digest_keeps_the_output_file_and_its_items(tmp_path: Path) -> None:
    output = tmp_path / "digest.html"
    with mail_server() as server:
        server.data_replies = ["554 5.6.0 Message too big"]
        config = str(config_for(tmp_path, server))
        result = run(*digest_args(tmp_path, "-o", str(output), "--mail-to", "me@example.org", "--config", config))
    spool_file(result)
    assert "554 5.6.0" in result.stderr
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    listed = run("state", "list", "--state", str(tmp_path / "seen.db"))
    assert listed.exit_code == 0 and listed.stdout == ""


def test_digest_eml_is_written_and_its_items_are_recorded(tmp_path: Path) -> None:
    target = tmp_path / "digest.eml"
    result = run(*digest_args(tmp_path, "--eml", str(target)))
    assert result.exit_code == 0, result.output
    saved = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    assert saved.get_body(("html",)) is not None
    listed = run("state", "list", "--state", str(tmp_path / "seen.db"))
    assert "Harbour bridge" in listed.stdout


def test_digest_mail_settings_are_checked_before_any_source_is_read(tmp_path: Path) -> None:
    result = run(*digest_args(tmp_path, "--mail-to", "me@example.org"))
    assert result.exit_code == 2
    assert "BRIEFER_SMTP_HOST" in result.stderr
    assert not (tmp_path / "seen.db").exists()


def test_a_server_without_starttls_is_a_permanent_failure(tmp_path: Path, article: Path) -> None:
    with mail_server() as server:
        config = config_for(tmp_path, server)
        config.write_text(config.read_text().replace('tls = "none"', 'tls = "starttls"'))
        result = run("make", str(article), "--mail-to", "a@example.org", "--config", str(config))
    spool_file(result)
    line = result.stderr.strip()
    assert "does not offer STARTTLS" in line and "permanent" in line and "again later" not in line
    assert server.attempts == 0
