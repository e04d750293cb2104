"""README cannot drift from the command line: every command and option is documented there."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from briefer.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "briefer") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found += commands(command, path)
    return found


@pytest.mark.parametrize(("path", "command"), commands(cli), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_and_is_in_readme(path: str, command: click.Command) -> None:
    assert command.help, f"{path} has no help text"
    assert path in README, f"README never shows `{path}`"


def test_every_make_option_is_in_readme() -> None:
    make = cli.commands["make"]
    for parameter in make.params:
        if isinstance(parameter, click.Option):
            longest = max(parameter.opts, key=len)
            assert f"`{longest}" in README or f" {longest}" in README, f"README does not document {longest}"


def test_quick_start_runs_the_bundled_example() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "briefer make examples/harbour-bridge.txt" in quick_start
    assert (Path(__file__).resolve().parent.parent / "examples" / "harbour-bridge.txt").is_file()
