"""General settings: defaults < config file < BRIEFER_* environment < flags; unknown keys are errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefer.config import config_path, load_settings, setting_names, with_flags
from briefer.errors import UsageError

FULL = """
[smtp]
host = "mail.example.org"
port = 2525
user = "alice"
password = "s3cret"
tls = "ssl"
timeout = 5
retries = 1
retry_delay = 0.5

[mail]
from = "Briefer <briefer@example.org>"
subject = "Brief: {title}"
attach = "html"
spool = "~/spool-here"
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file_or_environment() -> None:
    settings = load_settings(environ={})
    assert settings.source is None
    assert settings.smtp.host is None
    assert settings.smtp.tls == "starttls"
    assert settings.smtp.effective_port == 587
    assert settings.mail.attach == "md"
    assert settings.mail.subject == "{title}"
    assert settings.mail.spool == Path(os.environ["XDG_STATE_HOME"]) / "briefer" / "spool"


def test_every_key_of_the_file_is_read(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path / "c.toml", FULL), environ={})
    assert settings.smtp.host == "mail.example.org"
    assert settings.smtp.port == 2525
    assert (settings.smtp.user, settings.smtp.password, settings.smtp.tls) == ("alice", "s3cret", "ssl")
    assert (settings.smtp.timeout, settings.smtp.retries, settings.smtp.retry_delay) == (5.0, 1, 0.5)
    assert settings.mail.sender == "Briefer <briefer@example.org>"
    assert settings.mail.subject == "Brief: {title}"
    assert settings.mail.attach == "html"
    assert settings.mail.spool == Path.home() / "spool-here"


def test_password_is_not_shown_in_the_repr(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path / "c.toml", FULL), environ={})
    assert "s3cret" not in repr(settings)


def test_port_follows_the_tls_mode_when_not_given(tmp_path: Path) -> None:
    assert load_settings(environ={"BRIEFER_SMTP_TLS": "ssl"}).smtp.effective_port == 465
    assert load_settings(environ={"BRIEFER_SMTP_TLS": "none"}).smtp.effective_port == 25


def test_file_found_through_xdg_config_home(tmp_path: Path) -> None:
    path = write(tmp_path / "xdg" / "briefer" / "config.toml", '[smtp]\nhost = "xdg.example.org"\n')
    settings = load_settings(environ={"XDG_CONFIG_HOME": str(tmp_path / "xdg")})
    assert settings.source == path
    assert settings.smtp.host == "xdg.example.org"


def test_briefer_config_beats_xdg_and_flag_beats_both(tmp_path: Path) -> None:
    write(tmp_path / "xdg" / "briefer" / "config.toml", '[smtp]\nhost = "xdg"\n')
    env_file = write(tmp_path / "env.toml", '[smtp]\nhost = "from-env-var"\n')
    flag_file = write(tmp_path / "flag.toml", '[smtp]\nhost = "from-flag"\n')
    environ = {"XDG_CONFIG_HOME": str(tmp_path / "xdg"), "BRIEFER_CONFIG": str(env_file)}
    assert load_settings(environ=environ).smtp.host == "from-env-var"
    assert load_settings(flag_file, environ=environ).smtp.host == "from-flag"


def test_environment_beats_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "c.toml", FULL)
    environ = {
        "BRIEFER_SMTP_HOST": "env.example.org",
        "BRIEFER_SMTP_PORT": "26",
        "BRIEFER_SMTP_USER": "bob",
        "BRIEFER_SMTP_PASSWORD": "other",
        "BRIEFER_SMTP_TLS": "starttls",
        "BRIEFER_MAIL_FROM": "env@example.org",
        "BRIEFER_SPOOL": str(tmp_path / "sp"),
    }
    settings = load_settings(path, environ=environ)
    assert (settings.smtp.host, settings.smtp.port, settings.smtp.user) == ("env.example.org", 26, "bob")
    assert (settings.smtp.password, settings.smtp.tls) == ("other", "starttls")
    assert settings.mail.sender == "env@example.org"
    assert settings.mail.spool == tmp_path / "sp"
    assert settings.mail.attach == "html"  # not overridden, still from the file


def test_flags_are_the_last_layer(tmp_path: Path) -> None:
    settings = with_flags(load_settings(write(tmp_path / "c.toml", FULL), environ={}), subject="X {date}")
    assert settings.mail.subject == "X {date}"
    assert settings.mail.attach == "html"
    assert with_flags(settings, attach="md").mail.attach == "md"


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ('[smtp]\nhots = "x"\n', ["smtp.hots", "c.toml"]),
        ('[mail]\nto = "a@b"\n', ["mail.to", "c.toml"]),
        ('[smpt]\nhost = "x"\n', ["[smpt]", "c.toml", "[smtp]"]),
        ('smtp = "x"\n', ["smtp", "must be a table"]),
        ('[smtp]\nport = "587"\n', ["smtp.port", "whole number"]),
        ("[smtp]\nport = true\n", ["smtp.port"]),
        ('[smtp]\ntls = "yes"\n', ["smtp.tls", "starttls, ssl, none"]),
        ('[mail]\nattach = "pdf"\n', ["mail.attach", "md, html, none"]),
        ("[smtp]\nport = 70000\n", ["smtp.port", "65535"]),
        ("[smtp\n", ["not valid TOML"]),
    ],
)
def test_bad_files_are_errors_that_name_the_key_and_the_file(tmp_path: Path, text: str, fragments: list[str]) -> None:
    with pytest.raises(UsageError) as caught:
        load_settings(write(tmp_path / "c.toml", text), environ={})
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_bad_environment_values_name_the_variable() -> None:
    with pytest.raises(UsageError, match="BRIEFER_SMTP_PORT"):
        load_settings(environ={"BRIEFER_SMTP_PORT": "smtp"})
    with pytest.raises(UsageError, match=r"smtp\.tls in the environment"):
        load_settings(environ={"BRIEFER_SMTP_TLS": "tls"})


def test_named_config_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--config"):
        config_path(tmp_path / "missing.toml", environ={})
    with pytest.raises(UsageError, match="BRIEFER_CONFIG"):
        config_path(None, environ={"BRIEFER_CONFIG": str(tmp_path / "missing.toml")})


def test_documentation_lists_every_key_and_variable() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "email.md").read_text(encoding="utf-8")
    for name in setting_names():
        table, key = name.split(".")
        assert f"[{table}]" in doc and f"`{key}`" in doc, name
    for variable in ("HOST", "PORT", "USER", "PASSWORD", "TLS"):
        assert f"BRIEFER_SMTP_{variable}" in doc
    assert "BRIEFER_MAIL_FROM" in doc and "BRIEFER_SPOOL" in doc
