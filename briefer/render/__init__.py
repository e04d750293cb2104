"""Stage 4, rendering: a Brief (or a digest's dict) as Markdown, HTML, plain text or JSON, and writing it.

Owns the one Jinja environment and its filters (`templates`; the templates themselves live in the
top-level `templates/` folder, installed as `briefer.templates`) and atomic output files (`output`).

May import: `briefer.models`, `briefer.errors`, `briefer.paths`.
"""
