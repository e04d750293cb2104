"""What briefer is called and which version this is: for `--version`, the package metadata and HTTP."""

__version__ = "0.1.0"
