"""General settings in layers: packaged defaults < the user's config.toml < BRIEFER_* environment < flags.

The config file is TOML with one table per concern (`[smtp]`, `[mail]`); a new concern (such as the
digest's defaults) is one more dataclass and one more entry in `TABLES`. Unknown tables and keys are
errors that name the key and the file. The digest's sources live in their own file, not here.
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefer.errors import UsageError
from briefer.paths import user_dir

TLS_MODES = ("starttls", "ssl", "none")
ATTACH_MODES = ("md", "html", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
# The smtp numbers' sensible ranges: (key, lowest, highest, what the highest stands for).
SMTP_RANGES = (
    ("timeout", 0.1, 3600.0, "an hour"),
    ("retries", 0, 100, "100 attempts"),
    ("retry_delay", 0.0, 3600.0, "an hour"),
)


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the mail server. The password never comes from a flag."""

    host: str | None = None
    port: int | None = None  # None: the usual port for `tls` (587, 465 or 25)
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    tls: str = "starttls"
    timeout: float = 30.0
    retries: int = 3  # further attempts after a temporary failure
    retry_delay: float = 2.0  # seconds before the first retry, doubled for each next one

    @property
    def effective_port(self) -> int:
        return self.port if self.port is not None else DEFAULT_PORTS[self.tls]


@dataclass(frozen=True)
class MailSettings:
    """What the messages look like and where undeliverable ones wait."""

    sender: str | None = None  # the `from` key: an address, optionally with a display name
    subject: str = "{title}"  # {title} and {date} are filled in
    attach: str = "md"
    spool: Path = field(default_factory=lambda: default_spool())


@dataclass(frozen=True)
class Settings:
    """All general settings, and the config file they were read from (None: defaults only)."""

    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    mail: MailSettings = field(default_factory=MailSettings)
    source: Path | None = None


# Table name → (settings attribute, {file key: (dataclass field, type)}).
TABLES: dict[str, tuple[str, dict[str, tuple[str, type]]]] = {
    "smtp": (
        "smtp",
        {
            "host": ("host", str),
            "port": ("port", int),
            "user": ("user", str),
            "password": ("password", str),
            "tls": ("tls", str),
            "timeout": ("timeout", float),
            "retries": ("retries", int),
            "retry_delay": ("retry_delay", float),
        },
    ),
    "mail": (
        "mail",
        {"from": ("sender", str), "subject": ("subject", str), "attach": ("attach", str), "spool": ("spool", Path)},
    ),
}

# Environment variable → (table, file key).
ENVIRONMENT = {
    "BRIEFER_SMTP_HOST": ("smtp", "host"),
    "BRIEFER_SMTP_PORT": ("smtp", "port"),
    "BRIEFER_SMTP_USER": ("smtp", "user"),
    "BRIEFER_SMTP_PASSWORD": ("smtp", "password"),
    "BRIEFER_SMTP_TLS": ("smtp", "tls"),
    "BRIEFER_MAIL_FROM": ("mail", "from"),
    "BRIEFER_SPOOL": ("mail", "spool"),
}


def default_spool() -> Path:
    """`$XDG_STATE_HOME/briefer/spool`, else `~/.local/state/briefer/spool`."""
    return user_dir("XDG_STATE_HOME", ".local/state") / "spool"


def config_path(explicit: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Path | None:
    """The config file to read: `--config`, else $BRIEFER_CONFIG (both must exist), else the XDG one if present."""
    environ = os.environ if environ is None else environ
    for given, origin in ((explicit, "--config"), (environ.get("BRIEFER_CONFIG"), "BRIEFER_CONFIG")):
        if given:
            path = Path(given).expanduser()
            if not path.is_file():
                raise UsageError(f"config file {path} (from {origin}) not found: create it or fix the path")
            return path
    default = user_dir("XDG_CONFIG_HOME", ".config", environ) / "config.toml"
    return default if default.is_file() else None


def load_settings(explicit: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the config file, then the BRIEFER_* environment. Flags are applied by the caller."""
    environ = os.environ if environ is None else environ
    path = config_path(explicit, environ)
    settings = Settings(source=path)
    if path is not None:
        settings = apply_tables(settings, read_toml(path), str(path))
    return apply_tables(settings, environment_tables(environ), "the environment")


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"config file {path} is not valid TOML ({error}); fix it") from None
    except UnicodeDecodeError as error:
        raise UsageError(f"config file {path} is not UTF-8 text (byte {error.start}): save it as UTF-8") from None
    except OSError as error:
        raise UsageError(f"cannot read config file {path} ({error.strerror}); check its permissions") from None


def environment_tables(environ: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    """The BRIEFER_* variables that are set, as config tables; numbers are parsed here."""
    tables: dict[str, dict[str, Any]] = {}
    for name, (table, key) in ENVIRONMENT.items():
        value = environ.get(name)
        if value:
            tables.setdefault(table, {})[key] = _parse_env(name, value, TABLES[table][1][key][1])
    return tables


def _parse_env(name: str, value: str, kind: type) -> Any:
    if kind is not int:
        return value
    try:
        return int(value)
    except ValueError:
        raise UsageError(f"{name}={value!r} is not a whole number: set it to a port such as 587") from None


def apply_tables(settings: Settings, tables: Mapping[str, Any], where: str) -> Settings:
    """`settings` with every key of `tables` applied; unknown tables or keys, or wrong types, are errors."""
    for table_name, table in tables.items():
        if table_name not in TABLES:
            known = ", ".join(f"[{name}]" for name in TABLES)
            raise UsageError(f"unknown table [{table_name}] in {where}: use {known}")
        if not isinstance(table, dict):
            raise UsageError(f"{table_name} in {where} must be a table: write it as [{table_name}]")
        attribute, keys = TABLES[table_name]
        part = getattr(settings, attribute)
        changes = {
            _field(table_name, key, keys, where): _value(table_name, key, value, keys, where)
            for key, value in table.items()
        }
        settings = replace(settings, **{attribute: replace(part, **changes)})
    return validated(settings, where)


def _field(table: str, key: str, keys: dict[str, tuple[str, type]], where: str) -> str:
    if key not in keys:
        raise UsageError(f"unknown key {table}.{key} in {where}: use one of {', '.join(sorted(keys))}")
    return keys[key][0]


def _value(table: str, key: str, value: Any, keys: dict[str, tuple[str, type]], where: str) -> Any:
    kind = keys[key][1]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is Path and isinstance(value, str):
        return Path(value).expanduser()
    if not isinstance(value, kind) or isinstance(value, bool):
        raise UsageError(f"{table}.{key} in {where} must be {_kind_name(kind)}, not {value!r}")
    return value


def _kind_name(kind: type) -> str:
    return {int: "a whole number", float: "a number", str: "a string", Path: "a path string"}[kind]


def validated(settings: Settings, where: str) -> Settings:
    """Check the values that have a fixed set of choices or a range."""
    smtp, mail = settings.smtp, settings.mail
    if smtp.tls not in TLS_MODES:
        raise UsageError(f"smtp.tls in {where} is {smtp.tls!r}: use one of {', '.join(TLS_MODES)}")
    if mail.attach not in ATTACH_MODES:
        raise UsageError(f"mail.attach in {where} is {mail.attach!r}: use one of {', '.join(ATTACH_MODES)}")
    if smtp.port is not None and not 0 < smtp.port < 65536:
        raise UsageError(f"smtp.port in {where} is {smtp.port}: use a port between 1 and 65535")
    for key, lowest, highest, meaning in SMTP_RANGES:
        value = getattr(smtp, key)
        if not (math.isfinite(value) and lowest <= value <= highest):
            raise UsageError(
                f"smtp.{key} in {where} is {value}: use a number from {lowest:g} to {highest:g} ({meaning})"
            )
    return settings


def with_flags(settings: Settings, *, subject: str | None = None, attach: str | None = None) -> Settings:
    """The last layer: options given on the command line, where given."""
    given = {name: value for name, value in {"subject": subject, "attach": attach}.items() if value is not None}
    return validated(replace(settings, mail=replace(settings.mail, **given)), "the command line") if given else settings


def setting_names() -> list[str]:
    """Every key the config file accepts, as `table.key` (for documentation and its test)."""
    return [f"{table}.{key}" for table, (_, keys) in TABLES.items() for key in keys]
