"""briefer: structured, trustworthy briefs of news articles, offline."""

from briefer.errors import BrieferError
from briefer.models import Brief
from briefer.pipeline import make_brief
from briefer.render import render

__all__ = ["Brief", "BrieferError", "make_brief", "render"]
__version__ = "0.1.0"
