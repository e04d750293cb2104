"""A newcomer's first runs: one success line on stderr, -q and -v everywhere, help that stands on
its own after a pip install, shell completion, and resending spooled mail."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from mailserver import MailServer, mail_server, settings_text

from briefer.cli import cli

DIGEST = Path(__file__).parent / "data" / "digest"
ARTICLE = """Harbour ferry service to resume after storm repairs

The Northgate ferry will carry passengers again from Friday, the port authority said on Wednesday.
Port director Selma Haraldsen said repairs to the main pier cost $2.4 million.
The authority will publish a new timetable on June 2.
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def config_for(tmp_path: Path, server: MailServer) -> str:
    path = tmp_path / "config.toml"
    path.write_text(settings_text(server, str(tmp_path / "spool"), retries=0), encoding="utf-8")
    return str(path)


def test_make_with_output_says_where_the_brief_went(tmp_path: Path, article: Path) -> None:
    out = tmp_path / "brief.html"
    result = run("make", str(article), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"brief written to {out}\n"
    assert run("make", str(article), "-o", str(out), "-q").stderr == ""


def test_digest_says_how_many_stories_from_how_many_items_and_sources(tmp_path: Path) -> None:
    out = tmp_path / "digest.md"
    args = ["digest", str(DIGEST / "folder"), str(DIGEST / "feed.rss"), "-o", str(out), "--state"]
    result = run(*args, str(tmp_path / "a.db"))
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(f"stories from 5 items, 2 sources, written to {out}\n")
    assert run(*args, str(tmp_path / "b.db"), "-q").stderr == ""
    again = run(*args, str(tmp_path / "a.db"))
    assert again.stderr == "nothing new from 2 sources; nothing written\n"


def test_a_sent_mail_says_so(tmp_path: Path, article: Path) -> None:
    with mail_server() as server:
        result = run("make", str(article), "--mail-to", "team@example.org", "--config", config_for(tmp_path, server))
    assert result.exit_code == 0 and result.stderr == "sent to team@example.org\n"


def commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += commands(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


@pytest.mark.parametrize("path", commands(cli))
def test_every_command_takes_quiet_and_verbose(path: tuple[str, ...]) -> None:
    text = run(*path, "--help").stdout
    assert "-q, --quiet" in text and "-v, --verbose" in text


def test_help_carries_what_a_pip_install_has_no_docs_folder_for() -> None:
    text = run("--help").stdout
    assert "Exit codes, the same for every command:" in text and "4 output produced, but delivery failed" in text
    assert "config.toml" in text and "_BRIEFER_COMPLETE=bash_source" in text
    for path in commands(cli):
        assert "docs/" not in run(*path, "--help").stdout, path
    assert "BRIEFER_SMTP_HOST" in run("mail", "--help").stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_scripts_come_out(shell: str) -> None:
    result = CliRunner().invoke(cli, [], prog_name="briefer", env={"_BRIEFER_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0 and "_BRIEFER_COMPLETE" in result.stdout


def test_completion_completes_command_names() -> None:
    env = {"_BRIEFER_COMPLETE": "bash_complete", "COMP_WORDS": "briefer di", "COMP_CWORD": "1"}
    result = CliRunner().invoke(cli, [], prog_name="briefer", env=env)
    assert "digest" in result.stdout


def spool_one(tmp_path: Path, article: Path, server: MailServer, config: str) -> None:
    server.data_replies = ["550 5.7.1 Relaying denied"]
    assert run("make", str(article), "--mail-to", "a@example.org", "--config", config).exit_code == 4


def test_spooled_mail_is_listed_and_resent(tmp_path: Path, article: Path) -> None:
    with mail_server() as server:
        config = config_for(tmp_path, server)
        spool_one(tmp_path, article, server, config)
        listed = run("mail", "list", "--config", config)
        assert listed.exit_code == 0
        path, _, to, subject = listed.stdout.strip().split("\t")
        assert Path(path).is_file() and to == "a@example.org" and subject.startswith("Harbour ferry")
        resent = run("mail", "resend", "--config", config)
    assert resent.exit_code == 0, resent.output
    assert resent.stderr == "sent 1 of 1 spooled mails\n"
    assert [got.recipients for got in server.received] == [["a@example.org"]]
    assert not Path(path).exists()
    assert run("mail", "list", "--config", config).stdout == ""


def test_a_resend_that_fails_again_keeps_the_mail_and_exits_4(tmp_path: Path, article: Path) -> None:
    with mail_server() as server:
        config = config_for(tmp_path, server)
        spool_one(tmp_path, article, server, config)
        server.data_replies = ["550 5.7.1 Relaying denied"]
        resent = run("mail", "resend", "--config", config)
    assert resent.exit_code == 4
    assert resent.stderr.startswith("Error: ") and "still not delivered" in resent.stderr
    assert len(list((tmp_path / "spool").glob("*.eml"))) == 1


def test_resending_a_file_that_is_not_a_spooled_mail_is_one_error_line(tmp_path: Path) -> None:
    bogus = tmp_path / "note.eml"
    bogus.write_text("just a note\n")
    config = tmp_path / "config.toml"
    config.write_text('[smtp]\nhost = "127.0.0.1"\ntls = "none"\n[mail]\nfrom = "a@example.org"\n')
    result = run("mail", "resend", str(bogus), "--config", str(config))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "not a spooled briefer mail" in result.stderr


def test_json_output_is_untouched_by_the_success_line(tmp_path: Path, article: Path) -> None:
    result = run("make", str(article), "-f", "json")
    assert json.loads(result.stdout)["title"] and result.stderr == ""
