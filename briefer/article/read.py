"""Read one article from a text file or stdin, following the plain-text convention.

The convention: the first line is the headline when a blank line follows it, or when it is short,
has no closing full stop and a longer paragraph follows. Paragraphs are separated by blank lines,
and a line break after a long line ends a paragraph too. A short last line with no closing
punctuation (such as `globalnews` or `Reuters`) names the source and is not article text.

Reading is defensive: files over the size limit are refused before they are read, binary files
are named by their kind, byte-order marks (UTF-8, UTF-16, UTF-32) and UTF-16 without one are
recognised, and the text is cleaned (`clean_text`) before the convention applies.
"""

from __future__ import annotations

import codecs
import logging
import re
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

from briefer.article.language import check_language
from briefer.article.limits import DEFAULT_LIMITS, MAX_INPUT_BYTES, Limits, bound_text, describe_size
from briefer.article.sentences import same_text
from briefer.errors import InputError
from briefer.models import Article

log = logging.getLogger(__name__)

__all__ = ["MAX_INPUT_BYTES", "declared_charset", "decode", "parse_plain_text", "read_article", "read_bytes"]

HEADLINE_MAX_CHARS = 200
SOURCE_MAX_CHARS = 40
SOURCE_MAX_WORDS = 4
_CLOSING_PUNCTUATION = tuple('.!?:;,…"”’)]')

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# The first bytes of file kinds people hand over by mistake, and what to do instead.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "give the article's text"),
    (b"\xff\xd8\xff", "a JPEG image", "give the article's text"),
    (b"GIF8", "a GIF image", "give the article's text"),
    (b"%PDF-", "a PDF document", "convert it to text first, e.g. pdftotext FILE article.txt"),
    (b"\x1f\x8b", "gzip-compressed", "decompress it first, e.g. gunzip -k FILE"),
    (b"PK\x03\x04", "a zip archive or office document", "extract or save the article as plain text first"),
    (b"PK\x05\x06", "an empty zip archive", "give a plain-text article"),
    (b"\xfd7zXZ\x00", "xz-compressed", "decompress it first, e.g. xz -dk FILE"),
    (b"(\xb5/\xfd", "zstd-compressed", "decompress it first, e.g. zstd -d FILE"),
    (b"7z\xbc\xaf'\x1c", "a 7-Zip archive", "extract the article first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document", "save it as plain text first"),
    (b"{\\rtf", "an RTF document", "save it as plain text first"),
    (b"\x7fELF", "a program", "give a plain-text article"),
    (b"SQLite format 3\x00", "an SQLite database", "give a plain-text article"),
    (b"OggS", "an Ogg audio or video file", "give the article's text"),
    (b"ID3", "an MP3 audio file", "give the article's text"),
    (b"\x1aE\xdf\xa3", "a Matroska or WebM video", "give the article's text"),
)
_BINARY_HINT = "give a plain-text article"
_HTML_START = re.compile(
    r"\s*<(?:!doctype\s+html|html|head|body|nav|div|main|article|header|section|p|ul|table)\b", re.I
)
# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([a-z0-9_.:-]+)", re.I)
PROSE_MIN_WORDS = 6  # an HTML page needs one line this long to hold an article rather than a menu

# Line and paragraph separators other than \n, and control characters that are not text.
_LINE_BREAKS = str.maketrans({"\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"})
_TERMINAL_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])?")
# C0 and C1 controls except tab and newline; explicit bidirectional embeddings, overrides and isolates.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# UTF-8 bytes read as Windows-1252 (mojibake): a lead byte's character and its continuation bytes'.
_CP1252 = {byte: bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in range(0x80, 0x100)}
_BACK_TO_BYTE = {char: byte for byte, char in _CP1252.items()}
_CONTINUATION = "".join(re.escape(_CP1252[b]) for b in range(0x80, 0xC0))
_MOJIBAKE = re.compile(
    f"[{_CP1252[0xC2]}-{_CP1252[0xDF]}][{_CONTINUATION}]"
    f"|[{_CP1252[0xE0]}-{_CP1252[0xEF]}][{_CONTINUATION}]{{2}}"
    f"|[{_CP1252[0xF0]}-{_CP1252[0xF4]}][{_CONTINUATION}]{{3}}"
)


def read_article(
    location: str,
    *,
    encoding: str = "utf-8",
    published: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
    language: str = "auto",
    warn: Callable[[str], None] | None = None,
) -> Article:
    """Read the article at `location` (a path, or `-` for stdin) and split off headline and source.

    Raises InputError when it cannot be read, is not text, is empty or not in a supported language;
    `warn` (default: a logged warning) hears when the limits leave part of the article out.
    """
    name = "stdin" if location == "-" else location
    data = read_bytes(location, max_bytes=limits.max_bytes)
    text = decode(data, page_encoding(data, encoding), name)
    if _HTML_START.match(text):
        article = parse_html(text, name, published=published)
    else:
        article = parse_plain_text(text, published=published)
    check_language(article.body, language, name)
    body = bound_text(article.body, limits, name, warn or log.warning)
    return article if body is article.body else Article(body, article.title, article.source, article.published)


def read_bytes(location: str, *, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The raw bytes of a file, or of stdin for `-`, refusing what cannot be an article."""
    if location == "-":
        return _limited(sys.stdin.buffer.read(max_bytes + 1), "stdin", max_bytes)
    path = Path(location)
    if not path.exists():
        raise InputError(f"{location}: no such file; check the path, or give - to read stdin")
    if path.is_dir():
        raise InputError(f"{location} is a folder: give one article file (briefer digest takes folders)")
    try:
        if path.is_file():
            _limited_size(path.stat().st_size, location, max_bytes)
        with path.open("rb") as handle:
            return _limited(handle.read(max_bytes + 1), location, max_bytes)
    except OSError as error:
        raise InputError(f"{location}: cannot read it ({error.strerror}); check its permissions") from None


def _limited(data: bytes, name: str, max_bytes: int) -> bytes:
    _limited_size(len(data), name, max_bytes)
    return data


def _limited_size(size: int, name: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(
            f"{name} is larger than the {describe_size(max_bytes)} limit: give one article, "
            "or raise the limit with --max-bytes"
        )


def decode(data: bytes, encoding: str, name: str) -> str:
    """Text from bytes, with clear errors for binary files and wrong encodings; the text is cleaned."""
    _refuse_known_binary(data, name)
    chosen, data = _encoding_for(data, encoding)
    if not chosen.startswith(("utf-16", "utf-32")) and _many_control_bytes(data[:8192]):
        raise InputError(f"{name} looks like a binary file, not text: {_BINARY_HINT}")
    try:
        text = data.decode(chosen)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}: give a name such as utf-8 or latin-1") from None
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name} is not valid {encoding} (byte {error.start}): give its encoding with --encoding, "
            f"e.g. --encoding {_likely_encoding(data)}"
        ) from None
    if _mostly_controls(text):
        raise InputError(f"{name} looks like a binary file, not text: {_BINARY_HINT}")
    return clean_text(text)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a `<meta>` tag of its first 4 KB, when Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def page_encoding(data: bytes, encoding: str) -> str:
    """The encoding to read a page in: its declared charset when the bytes are not `encoding`
    (browsers read a page in its declared charset; a page mislabelled as Latin-1 that is UTF-8
    stays UTF-8)."""
    declared = declared_charset(data)
    if declared is None or declared == encoding:
        return encoding
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return declared
    except LookupError:  # an unknown --encoding is the user's to fix: decode says so
        return encoding
    return encoding


def _refuse_known_binary(data: bytes, name: str) -> None:
    for signature, kind, hint in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name} is {kind} (a binary file), not text: {hint.replace('FILE', name)}")
    if (data[8:12] in (b"WEBP", b"WAVE", b"AVI ") and data.startswith(b"RIFF")) or data[4:8] == b"ftyp":
        raise InputError(f"{name} is an image, audio or video file (a binary file), not text: {_BINARY_HINT}")


def _encoding_for(data: bytes, encoding: str) -> tuple[str, bytes]:
    """The encoding a byte-order mark names (the mark removed), else UTF-16 when the NULs say so."""
    for mark, name in _BOMS:
        if data.startswith(mark):
            return name, data if name == "utf-8-sig" else data[len(mark) :]
    if b"\x00" in data[:4096] and _is_normalised(encoding) in ("utf-8", "utf-16"):
        guessed = _utf16_without_bom(data[:4096])
        if guessed:
            return guessed, data
    return encoding, data


def _is_normalised(encoding: str) -> str:
    return encoding.lower().replace("_", "-").replace("utf8", "utf-8")


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 LE or BE for text whose every other byte is mostly NUL (Latin script in UTF-16)."""
    even, odd = head[0::2], head[1::2]
    if len(odd) < 2:
        return None
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _likely_encoding(data: bytes) -> str:
    """Windows-1252 when the bytes hold its curly quotes and dashes, else Latin-1."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252" if any(0x80 <= byte <= 0x9F for byte in data) else "latin-1"


def _many_control_bytes(head: bytes) -> bool:
    """More than 1% of bytes that no text encoding of ours uses for text (NUL and other C0 controls)."""
    controls = sum(1 for byte in head if byte < 0x20 and byte not in b"\t\n\r\f\v\x1b")
    return controls > max(8, len(head) // 100)


def _mostly_controls(text: str) -> bool:
    """Decoded bytes that are no text: many NULs or other control characters."""
    sample = text[:8192]
    controls = sum(1 for char in sample if (char < " " and char not in "\t\n\r\f\v") or char == "\x7f")
    return controls > max(8, len(sample) // 100)


def clean_text(text: str) -> str:
    """Text as the rest of briefer expects it: one kind of line break, no control characters, mojibake
    repaired, composed (NFC) characters, no byte-order mark."""
    text = repair_mojibake(text.replace("\r\n", "\n").lstrip("\ufeff"))
    text = _CONTROLS.sub("", _TERMINAL_ESCAPES.sub("", text.translate(_LINE_BREAKS)))
    return unicodedata.normalize("NFC", text)


def repair_mojibake(text: str) -> str:
    """UTF-8 that was read as Windows-1252 or Latin-1 somewhere upstream (`CafÃ©`, `â€™`), put right.

    Only sequences that are valid UTF-8 once turned back into bytes are replaced, so ordinary
    accented text (café, naïve, Zürich) is left alone.
    """
    if not _MOJIBAKE.search(text):
        return text
    return _MOJIBAKE.sub(_repaired, text)


def _repaired(match: re.Match[str]) -> str:
    try:
        return bytes(_BACK_TO_BYTE[char] for char in match.group(0)).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return match.group(0)


def parse_html(html: str, name: str, *, published: date | None = None) -> Article:
    """The article in an HTML page (its main text, found by trafilatura); a page of menus is refused."""
    from briefer.article.page import extract_page

    page = extract_page(html, name=name)
    require_prose(page.body, name)
    found = page.published.date() if page.published else None
    return Article(body=page.body, title=page.title, source=page.site, published=published or found)


def require_prose(body: str, name: str) -> None:
    """Refuse a page's text when it has no line long enough to be article text (menus, link lists)."""
    if not any(len(line.split()) >= PROSE_MIN_WORDS for line in body.splitlines()):
        raise InputError(
            f"{name}: the page holds no article text, only short lines such as menus and links; "
            "give the article's own page or its text"
        )


def checked_page(
    article: Article,
    name: str,
    *,
    limits: Limits = DEFAULT_LIMITS,
    language: str = "auto",
    warn: Callable[[str], None] | None = None,
) -> Article:
    """An article taken from a web page, held to the rules of a file: article text, language, limits."""
    require_prose(article.body, name)
    check_language(article.body, language, name)
    body = bound_text(article.body, limits, name, warn or log.warning)
    return article if body is article.body else Article(body, article.title, article.source, article.published)


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
    elif title is not None and same_text(body, title):  # the headline repeated is all there is
        title = None
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
