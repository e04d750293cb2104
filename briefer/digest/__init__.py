"""Stage 8, the digest: what is new since the last run, each story told once, in one document.

Owns the digest run (`run`: read, select what is new, group, brief, render, then record), same-story
grouping and the multi-article summary (`group`), and the seen-state: its SQLite store and run lock
(`state`), its PostgreSQL store (`state_pg`) and the choice between them (`stores`).

May import: `briefer.scale`, `briefer.sources`, `briefer.pipeline`, `briefer.render` and the stages
before them.
"""
