"""`python -m briefer` runs the command line."""

from briefer.cli import cli

cli(prog_name="briefer")
