"""Stage 9, mail: briefs and digests as messages that read well in any client, sent or spooled, never lost.

Owns the message content (`body`: plain text, email-safe HTML, the attachment, the size budget) and
delivery (`send`: SMTP with retries, the spool, the .eml file, the digest's mail step).

May import: `briefer.digest`, `briefer.render`, `briefer.config` and the stages before them.
"""
