"""briefer: structured, trustworthy briefs of news articles, offline.

from briefer import make_brief, render
brief = make_brief(body_text, title="…", source="…")
print(render(brief, "md"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefer.about import __version__

# Imported now: a lazy attribute would be shadowed by the subpackage of the same name.
from briefer.render.templates import render

__all__ = ["Brief", "BrieferError", "__version__", "make_brief", "read_article", "render"]

if TYPE_CHECKING:
    from briefer.article.read import read_article
    from briefer.errors import BrieferError
    from briefer.models import Brief
    from briefer.pipeline import make_brief

_HOMES = {
    "Brief": "briefer.models",
    "BrieferError": "briefer.errors",
    "make_brief": "briefer.pipeline",
    "read_article": "briefer.article.read",
}


def __getattr__(name: str) -> Any:
    """Import the public API on first use, so that `briefer --help` starts fast."""
    if name not in _HOMES:
        raise AttributeError(f"module 'briefer' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(_HOMES[name]), name)
