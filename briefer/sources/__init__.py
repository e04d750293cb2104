"""Stage 6, sources: the many articles a digest or batch reads, as Items.

Owns the records a source yields (`items`), source specs and digest config files (`config`), RSS/Atom
feeds and OPML lists (`feeds`), reading folders, globs and article URLs (`read`), and what makes two
items the same item (`identity`). A source that fails is a Failure,
never an exception that stops the others.

May import: `briefer.article` and the stages before it (`models`, `errors`, `paths`).
"""
