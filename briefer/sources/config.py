"""Digest config files (TOML) and sources named on the command line, as source specs and options.

Unknown keys and wrong types are usage errors that say what the keys are; paths in a config file are
relative to its folder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefer.errors import InputError, UsageError
from briefer.sources.items import MAX_ITEMS, SourceSpec

# The keys a config file may hold, with their types; anything else is an error.
DIGEST_KEYS = {"title": str, "format": str, "output": str, "since": str, "always": bool, "state": str}
SOURCE_KEYS = {
    "url": str,
    "path": str,
    "name": str,
    "include": list,
    "exclude": list,
    "max_items": int,
    "full_text": bool,
    "encoding": str,
}


@dataclass(frozen=True)
class DigestConfig:
    """A digest's config file: its sources and its options (the keys of DIGEST_KEYS that it sets)."""

    sources: tuple[SourceSpec, ...]
    options: dict[str, object]


def load_config(path: Path) -> DigestConfig:
    """Read a TOML digest config; paths in it are relative to the file's folder. Unknown keys are errors."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise UsageError(f"{path}: the config file is not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read the config file ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: not valid TOML ({error}); fix the file") from None
    tables = data.pop("sources", None)
    _check_keys(data, DIGEST_KEYS, str(path))
    if not isinstance(tables, list) or not tables:
        raise UsageError(f"{path}: no sources; add at least one [[sources]] table with a url or path")
    specs = tuple(_source_spec(table, path, number) for number, table in enumerate(tables, 1))
    return DigestConfig(specs, _with_paths_beside(data, path.parent))


def _with_paths_beside(options: dict[str, object], folder: Path) -> dict[str, object]:
    """`output` and a `state` file relative to the config file's folder, so a cron run writes where it says."""
    relative = dict(options)
    for key in ("output", "state"):
        value = options.get(key)
        if isinstance(value, str) and value != "-" and "://" not in value:
            relative[key] = str(folder / Path(value).expanduser())
    return relative


def specs_from_arguments(arguments: Sequence[str]) -> tuple[list[SourceSpec], dict[str, object]]:
    """Sources named on the command line; a `.toml` argument is a config file with sources and options."""
    specs: list[SourceSpec] = []
    options: dict[str, object] = {}
    for argument in arguments:
        if argument.lower().endswith(".toml") and not argument.startswith(("http://", "https://")):
            config = load_config(Path(argument))
            specs.extend(config.sources)
            options.update(config.options)
        else:
            specs.append(SourceSpec(argument))
    if not specs:
        raise UsageError("no sources: give files, folders, feeds, URLs or a .toml config")
    return specs, options


def _source_spec(table: object, path: Path, number: int) -> SourceSpec:
    where = f"{path}: source {number}"
    if not isinstance(table, dict):
        raise UsageError(f"{where}: write each source as a [[sources]] table")
    _check_keys(table, SOURCE_KEYS, where)
    if ("url" in table) == ("path" in table):
        raise UsageError(f"{where}: give exactly one of url or path")
    location = table.get("url") or str(path.parent / Path(table["path"]).expanduser())
    if not 1 <= table.get("max_items", 1) <= MAX_ITEMS:
        raise UsageError(f"{where}: max_items must be from 1 to {MAX_ITEMS:,}, not {table['max_items']}")
    return SourceSpec(
        location=location,
        name=table.get("name"),
        include=tuple(str(p) for p in table.get("include", ())),
        exclude=tuple(str(p) for p in table.get("exclude", ())),
        max_items=table.get("max_items"),
        full_text=table.get("full_text", False),
        encoding=table.get("encoding", "utf-8"),
    )


def _check_keys(table: dict[str, object], allowed: dict[str, type], where: str) -> None:
    for key, value in table.items():
        if key not in allowed:
            raise UsageError(f"{where}: unknown key {key!r}; the keys are {', '.join(allowed)}")
        if not isinstance(value, allowed[key]) or (allowed[key] is int and isinstance(value, bool)):
            raise UsageError(f"{where}: {key} must be a {allowed[key].__name__}")
