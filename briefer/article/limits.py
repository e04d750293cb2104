"""Resource limits per input: how many bytes are read, how much text is briefed, how long a sentence runs.

The limits are deterministic (the same input always gives the same brief), so they bound time and
memory without a clock: the cost of briefing grows with the characters and sentences processed,
and both are capped here. Each limit has a flag on `briefer make` to raise it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from briefer.errors import UsageError

log = logging.getLogger(__name__)

MAX_INPUT_BYTES = 50 * 1024 * 1024  # a file or stdin larger than this is refused before it is read
MAX_ARTICLE_CHARS = 200_000  # about 33,000 words: three times the longest article in our evaluation sets
MAX_SENTENCE_CHARS = 3_000  # about 500 words; longer runs without a sentence end are cut into pieces
CHARS_PER_SENTENCE = 40  # at most max_chars / 40 sentences are briefed (news averages about 130 characters)

_SENTENCE_END = re.compile(r"[.!?。！？؟।…]['\"”’)\]]*(?=\s|$)|\n")
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmg]?)i?b?", re.I)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


@dataclass(frozen=True)
class Limits:
    """The limits for one article; 0 for `max_chars` means no limit."""

    max_bytes: int = MAX_INPUT_BYTES
    max_chars: int = MAX_ARTICLE_CHARS
    max_sentence_chars: int = MAX_SENTENCE_CHARS


DEFAULT_LIMITS = Limits()


def parse_size(text: str) -> int:
    """Bytes from a size such as `50M`, `200k`, `1G` or `1048576` (binary units)."""
    match = _SIZE.fullmatch(text.strip())
    if not match:
        raise UsageError(f"{text!r} is not a size: write it as a number of bytes or with K, M or G, e.g. 100M")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def describe_size(count: int) -> str:
    """A byte count as a reader says it: 50 MB, 200 KB, 1,234 bytes."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count:,} bytes"


def bound_text(
    body: str, limits: Limits | None = None, name: str = "the article", warn: Callable[[str], None] = log.warning
) -> str:
    """`body` cut to the character and sentence limits at a paragraph or sentence end, overlong sentences
    broken up; `warn` is told when part of the article is left out."""
    limits = limits or DEFAULT_LIMITS
    kept = body
    if limits.max_chars:
        if len(kept) > limits.max_chars:
            kept = kept[: _cut_point(kept, limits.max_chars)]
        kept = _cut_sentences(kept, limits.max_chars // CHARS_PER_SENTENCE)
    if len(kept) < len(body) and body[len(kept) :].strip():
        warn(
            f"{name}: briefed its first {len(kept):,} characters of {len(body):,} (limits: {limits.max_chars:,} "
            f"characters, {limits.max_chars // CHARS_PER_SENTENCE:,} sentences); raise them with --max-chars"
        )
    if limits.max_sentence_chars and len(kept) > limits.max_sentence_chars:
        kept = break_long_runs(kept, limits.max_sentence_chars)
    return kept


def _cut_point(body: str, limit: int) -> int:
    """The last paragraph end, else sentence end, else space within `limit` characters (else `limit`)."""
    window = body[:limit]
    for marker in ("\n\n", "\n", ". ", " "):
        found = window.rfind(marker)
        if found > limit // 2:
            return found + (1 if marker == ". " else 0)
    return limit


def _cut_sentences(body: str, most: int) -> str:
    """`body` up to the end of its `most`-th sentence (a rough count of sentence ends and line breaks)."""
    for count, match in enumerate(_SENTENCE_END.finditer(body), 1):
        if count == most:
            return body[: match.end()]
    return body


def break_long_runs(body: str, limit: int) -> str:
    """Put a line break into every stretch of more than `limit` characters that has no sentence end.

    A text with no punctuation would otherwise be one enormous sentence: slow to analyse and useless
    as a brief. The pieces end at a space where there is one.
    """
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(body):
        pieces.extend(_split_run(body[start : match.end()], limit))
        start = match.end()
    pieces.extend(_split_run(body[start:], limit))
    return "".join(pieces)


def _split_run(run: str, limit: int) -> list[str]:
    if len(run) <= limit:
        return [run]
    parts: list[str] = []
    while len(run) > limit:
        space = run.rfind(" ", limit // 2, limit)
        cut = space if space > 0 else limit
        parts.append(run[:cut] + "\n\n")
        run = run[cut:].lstrip(" ")
    parts.append(run)
    return parts
