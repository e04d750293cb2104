"""Mail messages, email-safe HTML, sending to a real SMTP server on loopback, and the spool."""

from __future__ import annotations

import email
import re
from dataclasses import replace
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from mailserver import free_port, mail_server, make_certificate

from briefer.config import MailSettings, Settings, SmtpSettings
from briefer.errors import BrieferError, UsageError
from briefer.mail.body import MAX_HTML_BYTES, MailContent, brief_content, check_email_safe, email_html, fit_to_size
from briefer.mail.send import build_message, check_can_send, expand_subject, mail, parse_recipients, run_date
from briefer.models import Brief, Entity
from briefer.pipeline import make_brief

ARTICLE = (
    "The Riverside library board approved a plan on Tuesday to open on Sundays from next spring. "
    "Board chair Amara Lindqvist said the change would cost about $120,000 a year. "
    "The city council will vote on the budget on March 3. "
    '"People asked for this for years," Lindqvist said.'
)
REMOTE = re.compile(r"(?:https?:)?//[a-z0-9]", re.IGNORECASE)


@pytest.fixture
def brief() -> Brief:
    return make_brief(ARTICLE, title="Zoë’s library opens on Sundays", source="Riverside Courier")


def settings_for(port: int, spool: Path, **smtp: object) -> Settings:
    base = SmtpSettings(host="127.0.0.1", port=port, tls="none", timeout=5, retry_delay=0)
    return Settings(
        smtp=replace(base, **smtp),  # type: ignore[arg-type]
        mail=MailSettings(sender="Briefer Tests <briefer@example.org>", spool=spool),
    )


def parts(message: EmailMessage) -> dict[str, EmailMessage]:
    return {part.get_content_type(): part for part in message.walk()}


def test_message_has_both_alternatives_inside_mixed_with_the_attachment(brief: Brief) -> None:
    message = build_message(brief_content(brief, "md"), "briefer@example.org", ["a@example.org"], "Subject")
    assert message.get_content_type() == "multipart/mixed"
    found = parts(message)
    assert {"multipart/alternative", "text/plain", "text/html", "text/markdown"} <= set(found)
    alternative = found["multipart/alternative"]
    assert [p.get_content_type() for p in alternative.iter_parts()] == ["text/plain", "text/html"]
    attachment = found["text/markdown"]
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_filename() == "zoes-library-opens-on-sundays.md"
    assert "Amara Lindqvist" in attachment.get_content()
    assert message["Date"] and message["Message-ID"].endswith("@example.org>")


def test_plain_text_part_reads_without_markup(brief: Brief) -> None:
    text = brief_content(brief, "none").text
    assert "WHAT" in text and "Amara Lindqvist" in text
    assert "<" not in text and "**" not in text and "##" not in text


def test_without_attachment_the_message_is_just_the_alternatives(brief: Brief) -> None:
    message = build_message(brief_content(brief, "none"), "briefer@example.org", ["a@example.org"], "S")
    assert message.get_content_type() == "multipart/alternative"


def test_html_attachment_is_the_full_page(brief: Brief) -> None:
    message = build_message(brief_content(brief, "html"), "briefer@example.org", ["a@example.org"], "S")
    attachment = parts(message)["text/html"]  # the last text/html part is the attachment
    assert attachment.get_filename().endswith(".html")
    assert "sentence by sentence" in attachment.get_content()


def test_non_ascii_subject_and_display_name_are_encoded_and_survive() -> None:
    content = MailContent("t", "text", "<p>html</p>")
    message = build_message(content, "Zoë Brief <z@example.org>", ["Jürgen Ö <j@example.org>"], "Über — 東京 brief")
    raw = message.as_bytes()
    assert raw.isascii()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == "Über — 東京 brief"
    assert parsed["From"].addresses[0].display_name == "Zoë Brief"
    assert parsed["To"].addresses[0].display_name == "Jürgen Ö"


@pytest.mark.parametrize(
    "title",
    ["Hello\r\nBcc: victim@example.org", "Hello\nBcc: victim@example.org", "Hello\u2028Bcc: victim@example.org"],
)
def test_a_title_cannot_inject_headers(title: str) -> None:
    subject = expand_subject("{title}", title, run_date())
    message = build_message(MailContent(title, "t", "<p>h</p>"), "b@example.org", ["a@example.org"], subject)
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Hello Bcc: victim@example.org"


def test_subject_fills_date_and_title_and_nothing_else(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    subject = expand_subject("Morning brief {date}: {title} {0.__class__} {x}", "Bridge\tvote", run_date())
    assert subject == "Morning brief 2026-01-01: Bridge vote {0.__class__} {x}"


def test_very_long_titles_are_cut_at_a_word() -> None:
    subject = expand_subject("{title}", "word " * 100, run_date())
    assert len(subject) <= 201 and subject.endswith("word…")


def test_message_is_reproducible_under_source_date_epoch(monkeypatch: pytest.MonkeyPatch, brief: Brief) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    first = build_message(brief_content(brief), "b@example.org", ["a@example.org"], "S")
    second = build_message(brief_content(brief), "b@example.org", ["a@example.org"], "S")
    assert first["Message-ID"] == second["Message-ID"]
    assert first.as_bytes() == second.as_bytes()
    assert first["Date"] == "Thu, 01 Jan 2026 00:00:00 +0000"


@pytest.mark.parametrize("bad", ["not-an-address", "a@", "@example.org", "a@example.org\nBcc: b@example.org"])
def test_bad_recipients_are_usage_errors(bad: str) -> None:
    with pytest.raises(UsageError, match="not an email address"):
        parse_recipients([bad])


def test_recipients_may_repeat_or_be_comma_separated() -> None:
    assert parse_recipients(["a@example.org, Bo <b@example.org>", "c@example.org"]) == [
        "a@example.org",
        "Bo <b@example.org>",
        "c@example.org",
    ]


def test_email_html_inlines_styles_and_loads_nothing_remote(brief: Brief) -> None:
    html = brief_content(brief).html
    assert "<style" not in html and "<script" not in html.lower()
    assert 'style="' in html and "<table" in html
    assert not REMOTE.search(html)
    assert "Amara Lindqvist" in html


def test_article_text_is_escaped_in_the_mail_html() -> None:
    hostile = make_brief("The board met <script>alert(1)</script> on Monday and approved it.", title="<b>x</b>")
    html = brief_content(hostile).html
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<b>x</b>" not in html


@pytest.mark.parametrize(
    "bad",
    [
        "<script>x</script>",
        '<img src="https://tracker.example.org/p.gif">',
        "<img src=//cdn.example.org/a.png>",
        '<div style="background:url(http://x.example.org/a.png)">',
        '<a onclick="go()">x</a>',
        '<link rel="stylesheet" href="x.css">',
    ],
)
def test_unsafe_html_is_refused(bad: str) -> None:
    with pytest.raises(BrieferError, match="mail must not carry"):
        check_email_safe(f"<html><body>{bad}</body></html>")
    assert "href" in '<a href="https://example.org/story">'  # links to read further are fine
    check_email_safe('<a href="https://example.org/story">story</a>')


def test_fit_to_size_keeps_the_first_entries_and_says_what_was_left_out() -> None:
    entries = [f"Story number {n} " + "detail " * 200 for n in range(200)]

    def render(kept: object, left_out: int) -> str:
        items = "".join(f"<p>{entry}</p>" for entry in kept)  # type: ignore[attr-defined]
        note = f"<p>{left_out} more stories left out</p>" if left_out else ""
        return f"<html><head><style>p {{ color: #333; }}</style></head><body>{items}{note}</body></html>"

    fitted = fit_to_size(entries, render)
    assert len(fitted.html.encode()) <= MAX_HTML_BYTES
    assert 0 < len(fitted.kept) < len(entries)
    assert list(fitted.kept) == entries[: len(fitted.kept)]
    assert f"{len(fitted.left_out)} more stories left out" in fitted.html
    small = fit_to_size(entries[:3], render)
    assert len(small.kept) == 3 and not small.left_out and "left out" not in small.html


def test_a_huge_brief_is_trimmed_under_the_size_limit(brief: Brief) -> None:
    people = tuple(Entity(f"Person Number{n}", "person", "councillor " * 5, 1, (0,)) for n in range(3000))
    huge = replace(brief, who=people)
    content = brief_content(huge)
    assert len(content.html.encode()) <= MAX_HTML_BYTES
    assert "more items left out" in content.html
    assert "Person Number2999" in content.attachment.content  # type: ignore[union-attr]


def test_sent_message_arrives_whole(tmp_path: Path, brief: Brief) -> None:
    with mail_server() as server:
        outcome = mail(brief_content(brief), settings_for(server.port, tmp_path / "spool"), ["team@example.org"])
    assert outcome.delivered and outcome.exit_code == 0
    [got] = server.received
    assert got.recipients == ["team@example.org"] and got.sender == "briefer@example.org"
    found = parts(got.message)
    assert {"text/plain", "text/html", "text/markdown"} <= set(found)
    html = found["text/html"].get_content()
    assert "<script" not in html.lower() and not REMOTE.search(html)
    assert got.message["Subject"] == "Zoë’s library opens on Sundays"
    assert not (tmp_path / "spool").exists()


def test_login_over_loopback(tmp_path: Path, brief: Brief) -> None:
    with mail_server(login=("alice", "right")) as server:
        settings = settings_for(server.port, tmp_path / "spool", user="alice", password="right")
        assert mail(brief_content(brief), settings, ["a@example.org"]).delivered
    assert server.logins == ["alice"] and len(server.received) == 1


def test_wrong_password_is_permanent_and_spooled(tmp_path: Path, brief: Brief) -> None:
    with mail_server(login=("alice", "right")) as server:
        settings = settings_for(server.port, tmp_path / "spool", user="alice", password="wrong", retries=3)
        outcome = mail(brief_content(brief), settings, ["a@example.org"])
    assert not outcome.delivered and outcome.exit_code == 4
    assert "535" in outcome.error and "smtp.password" in outcome.error  # type: ignore[operator]
    assert outcome.path is not None and outcome.path.is_file() and not server.received


def assert_spooled(outcome: object, spool: Path) -> EmailMessage:
    assert outcome.exit_code == 4  # type: ignore[attr-defined]
    path = outcome.path  # type: ignore[attr-defined]
    assert path.is_absolute() and path.parent == spool.resolve() and path.suffix == ".eml"
    assert str(path) in outcome.error  # type: ignore[attr-defined]
    saved = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert {"text/plain", "text/html"} <= set(parts(saved))
    return saved


def test_server_down_retries_then_spools(tmp_path: Path, brief: Brief) -> None:
    settings = settings_for(free_port(), tmp_path / "spool", retries=2, retry_delay=0.01)
    outcome = mail(brief_content(brief), settings, ["a@example.org"])
    saved = assert_spooled(outcome, tmp_path / "spool")
    assert "cannot reach 127.0.0.1" in outcome.error  # type: ignore[operator]
    assert saved["Subject"] == "Zoë’s library opens on Sundays"


def test_permanent_rejection_is_not_retried(tmp_path: Path, brief: Brief) -> None:
    with mail_server() as server:
        server.data_replies = ["554 5.7.1 Message rejected as spam"]
        outcome = mail(brief_content(brief), settings_for(server.port, tmp_path / "spool"), ["a@example.org"])
    assert_spooled(outcome, tmp_path / "spool")
    assert "554 5.7.1 Message rejected as spam" in outcome.error  # type: ignore[operator]
    assert server.attempts == 1 and not server.received


def test_temporary_failure_then_success(tmp_path: Path, brief: Brief) -> None:
    with mail_server() as server:
        server.data_replies = ["451 4.3.0 Try again later", "421 4.7.0 Busy"]
        outcome = mail(brief_content(brief), settings_for(server.port, tmp_path / "spool"), ["a@example.org"])
    assert outcome.delivered
    assert server.attempts == 3 and len(server.received) == 1
    assert not (tmp_path / "spool").exists()


def test_temporary_failures_that_last_are_spooled(tmp_path: Path, brief: Brief) -> None:
    with mail_server() as server:
        server.data_replies = ["451 4.3.0 Try again later"] * 5
        outcome = mail(
            brief_content(brief), settings_for(server.port, tmp_path / "spool", retries=2), ["a@example.org"]
        )
    assert_spooled(outcome, tmp_path / "spool")
    assert server.attempts == 3 and "451" in outcome.error  # type: ignore[operator]


def test_a_refused_recipient_spools_without_resending_to_the_others(tmp_path: Path, brief: Brief) -> None:
    with mail_server() as server:
        server.refuse = {"gone@example.org": "550 5.1.1 No such user"}
        settings = settings_for(server.port, tmp_path / "spool")
        outcome = mail(brief_content(brief), settings, ["ok@example.org", "gone@example.org"])
    assert_spooled(outcome, tmp_path / "spool")
    assert "gone@example.org (550 5.1.1 No such user)" in outcome.error  # type: ignore[operator]
    assert len(server.received) == 1 and server.received[0].recipients == ["ok@example.org"]


def test_starttls_that_the_server_does_not_offer_is_a_clear_error(tmp_path: Path, brief: Brief) -> None:
    with mail_server() as server:
        outcome = mail(
            brief_content(brief), settings_for(server.port, tmp_path / "s", tls="starttls"), ["a@example.org"]
        )
    assert_spooled(outcome, tmp_path / "s")
    assert "does not offer STARTTLS" in outcome.error  # type: ignore[operator]


def test_eml_is_written_and_nothing_sent(tmp_path: Path, brief: Brief) -> None:
    target = tmp_path / "brief.eml"
    outcome = mail(brief_content(brief), Settings(), [], eml=target)
    assert outcome.delivered and outcome.path == target
    saved = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    assert saved["To"] is None and saved["From"] == "briefer@localhost"
    assert {"text/plain", "text/html", "text/markdown"} <= set(parts(saved))


@pytest.mark.parametrize(
    ("smtp", "fragment"),
    [
        ({}, "BRIEFER_SMTP_HOST"),
        ({"host": "mail.example.org", "user": "alice"}, "BRIEFER_SMTP_PASSWORD"),
        ({"host": "mail.example.org", "user": "a", "password": "p", "tls": "none"}, "unencrypted"),
    ],
)
def test_settings_that_cannot_work_are_usage_errors(smtp: dict[str, str], fragment: str) -> None:
    with pytest.raises(UsageError, match=fragment):
        check_can_send(Settings(smtp=SmtpSettings(**smtp)))  # type: ignore[arg-type]


def test_sending_needs_a_sender(tmp_path: Path, brief: Brief) -> None:
    settings = Settings(smtp=SmtpSettings(host="127.0.0.1"), mail=MailSettings(spool=tmp_path))
    with pytest.raises(UsageError, match="BRIEFER_MAIL_FROM"):
        mail(brief_content(brief), settings, ["a@example.org"])


def test_inlining_keeps_the_layout_readable_without_css(brief: Brief) -> None:
    html = email_html("<html><head><style>.x { color: red }</style></head><body><p class='x'>a</p></body></html>")
    assert 'style="color: red;"' in html and "<style" not in html


def digest_data(tmp_path: Path) -> dict[str, object]:
    import json

    from briefer.digest.run import DigestOptions, run_digest
    from briefer.sources.items import SourceSpec

    data = Path(__file__).parent / "data" / "digest"
    written: list[str] = []
    specs = [SourceSpec(str(data / name)) for name in ("folder", "feed.rss", "feed.atom")]
    run_digest(specs, DigestOptions(fmt="json"), tmp_path / "seen.db", written.append)
    return json.loads(written[0])


def test_a_digest_too_big_for_one_mail_keeps_its_first_stories_and_attaches_all(tmp_path: Path) -> None:
    from briefer.mail.body import digest_content

    data = digest_data(tmp_path)
    whole = digest_content(data)
    assert "left out" not in whole.html
    limit = len(whole.html.encode()) - 1000
    trimmed = digest_content(data, limit=limit)
    assert len(trimmed.html.encode()) <= limit
    titles = [story["title"] for story in data["stories"]]  # type: ignore[attr-defined]
    assert titles[0] in trimmed.html and titles[-1] not in trimmed.html
    assert re.search(r"\d+ less important stor(y was|ies were) left out", trimmed.html)
    assert all(title in trimmed.attachment.content for title in titles)  # type: ignore[union-attr]
    assert all(title in trimmed.text for title in titles)
    check_email_safe(trimmed.html)


@pytest.mark.parametrize("tls", ["starttls", "ssl"])
def test_encrypted_connection_with_login(
    tmp_path: Path, brief: Brief, monkeypatch: pytest.MonkeyPatch, tls: str
) -> None:
    certificate = make_certificate(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # trust the test certificate, and only it
    with mail_server(login=("alice", "right"), tls=tls, certificate=certificate) as server:
        settings = settings_for(server.port, tmp_path / "spool", tls=tls, user="alice", password="right")
        outcome = mail(brief_content(brief), settings, ["a@example.org"])
    assert outcome.delivered, outcome.error
    assert server.logins == ["alice"] and len(server.received) == 1


def test_an_untrusted_certificate_is_refused(tmp_path: Path, brief: Brief) -> None:
    certificate = make_certificate(tmp_path)  # self-signed and not trusted: the connection must fail
    with mail_server(tls="ssl", certificate=certificate) as server:
        outcome = mail(
            brief_content(brief), settings_for(server.port, tmp_path / "spool", tls="ssl"), ["a@example.org"]
        )
    assert_spooled(outcome, tmp_path / "spool")
    assert "TLS with 127.0.0.1" in outcome.error and not server.received  # type: ignore[operator]


def test_login_to_a_server_without_auth_is_a_clear_error(tmp_path: Path, brief: Brief) -> None:
    with mail_server() as server:
        settings = settings_for(server.port, tmp_path / "spool", user="alice", password="pw")
        outcome = mail(brief_content(brief), settings, ["a@example.org"])
    assert_spooled(outcome, tmp_path / "spool")
    assert "does not offer login (AUTH)" in outcome.error  # type: ignore[operator]


def test_a_trimmed_digest_without_attachment_points_to_the_plain_text_part(tmp_path: Path) -> None:
    from briefer.mail.body import digest_content

    data = digest_data(tmp_path)
    limit = len(digest_content(data, attach="none").html.encode()) - 1
    trimmed = digest_content(data, attach="none", limit=limit)
    assert trimmed.attachment is None
    assert "the plain-text version of this mail has every story" in trimmed.html
    assert "attached digest" not in trimmed.html


def test_article_text_that_mentions_markup_is_not_refused() -> None:
    check_email_safe("<p>The page said &lt;script&gt;alert(1)&lt;/script&gt; and javascript:void(0) onload=x</p>")
    check_email_safe('<p style="color: red">url(//example.org) in words is text</p>'.replace("url(//", "url text "))
    with pytest.raises(BrieferError, match="mail must not carry"):
        check_email_safe('<meta http-equiv="refresh" content="0; url=https://example.org">')
    with pytest.raises(BrieferError, match="mail must not carry"):
        check_email_safe('<a href="javascript:alert(1)">x</a>')
