"""Errors the library raises; the command line turns each into one line on stderr and an exit code."""


class BrieferError(Exception):
    """Something went wrong that the user can fix; the message says how."""

    exit_code = 1


class InputError(BrieferError):
    """An input could not be read or holds no article text."""


class UsageError(BrieferError):
    """Options or arguments that do not fit together or name nothing known."""

    exit_code = 2


class TemplateError(BrieferError):
    """A template could not be found or failed to render."""
