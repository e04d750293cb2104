"""Read one article from a text file or stdin, following the plain-text convention.

The convention: the first line is the headline when a blank line follows it, or when it is short,
has no closing full stop and a longer paragraph follows. Paragraphs are separated by blank lines,
and a line break after a long line ends a paragraph too. A short last line with no closing
punctuation (such as `globalnews` or `Reuters`) names the source and is not article text.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from briefer.errors import InputError
from briefer.models import Article

MAX_INPUT_BYTES = 50 * 1024 * 1024
HEADLINE_MAX_CHARS = 200
SOURCE_MAX_CHARS = 40
SOURCE_MAX_WORDS = 4
_CLOSING_PUNCTUATION = tuple('.!?:;,…"”’)]')


def read_article(location: str, *, encoding: str = "utf-8", published: date | None = None) -> Article:
    """Read the article at `location` (a path, or `-` for stdin) and split off headline and source."""
    text = decode(read_bytes(location), encoding, location)
    return parse_plain_text(text, published=published)


def read_bytes(location: str) -> bytes:
    """The raw bytes of a file, or of stdin for `-`, refusing what cannot be an article."""
    if location == "-":
        return _limited(sys.stdin.buffer.read(MAX_INPUT_BYTES + 1), "stdin")
    path = Path(location)
    if not path.exists():
        raise InputError(f"{location}: no such file; check the path, or give - to read stdin")
    if path.is_dir():
        raise InputError(f"{location} is a folder: give one article file (briefer digest takes folders)")
    try:
        with path.open("rb") as handle:
            return _limited(handle.read(MAX_INPUT_BYTES + 1), location)
    except OSError as error:
        raise InputError(f"{location}: cannot read it ({error.strerror}); check its permissions") from None


def _limited(data: bytes, name: str) -> bytes:
    if len(data) > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // (1024 * 1024)
        raise InputError(f"{name} is larger than {limit} MB: give one article, not a collection")
    return data


def decode(data: bytes, encoding: str, name: str) -> str:
    """Text from bytes, with clear errors for binary files and wrong encodings."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name} looks like a binary file, not text: give a plain-text article")
    try:
        text = data.decode(_with_bom_handling(encoding, data))
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}: give a name such as utf-8 or latin-1") from None
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name} is not valid {encoding} (byte {error.start}): give its encoding with --encoding, "
            "e.g. --encoding latin-1"
        ) from None
    if "\x00" in text:
        raise InputError(f"{name} holds NUL characters: give a plain-text article")
    return text.lstrip("\ufeff")


def _with_bom_handling(encoding: str, data: bytes) -> str:
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8") and data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    return encoding


def parse_plain_text(text: str, *, published: date | None = None) -> Article:
    """Split a plain-text article into headline, body and source tag."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _trim_blank_edges(lines)
    if not lines:
        raise InputError("the article is empty: give a file with at least one sentence of text")
    title, lines = _split_headline(lines)
    source, lines = _split_source(lines)
    body = "\n".join(lines).strip("\n")
    if not body.strip():
        if title is None:
            raise InputError("the article has no text: give a file with at least one sentence")
        body, title = title, None
    return Article(body=body, title=title, source=source, published=published)


def _trim_blank_edges(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def _split_headline(lines: list[str]) -> tuple[str | None, list[str]]:
    first = lines[0].strip()
    rest = _trim_blank_edges(lines[1:])
    if not rest or len(first) > HEADLINE_MAX_CHARS:
        return None, lines
    blank_follows = not lines[1].strip()
    looks_like_headline = not first.endswith(_CLOSING_PUNCTUATION) and len(rest[0].strip()) > len(first)
    if blank_follows and (looks_like_headline or not first.endswith(".")):
        return first, rest
    if looks_like_headline and first[:1].isupper():
        return first, rest
    return None, lines


def _split_source(lines: list[str]) -> tuple[str | None, list[str]]:
    if len(lines) < 2:
        return None, lines
    last = lines[-1].strip()
    is_tag = (
        len(last) <= SOURCE_MAX_CHARS
        and len(last.split()) <= SOURCE_MAX_WORDS
        and not last.endswith(_CLOSING_PUNCTUATION)
        and not last.startswith(("“", '"', "‘", "'", "-", "—"))
    )
    if not is_tag:
        return None, lines
    return last, _trim_blank_edges(lines[:-1])
