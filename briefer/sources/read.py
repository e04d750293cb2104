"""Read a digest's sources: text and HTML files, folders and globs, article URLs, RSS/Atom feeds, OPML.

Each source yields `Item`s or one `Failure` that says why it could not be read; a failing source
never stops the others. Feed and page bodies become plain text here, so the rest of briefer only
ever sees text.
"""

from __future__ import annotations

import glob
import logging
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from fnmatch import fnmatch
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from briefer.article.fetch import Response, Validators, fetch, is_url
from briefer.article.location import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    file_time,
    html_file_page,
    kind_of,
    response_page,
    sniff,
)
from briefer.article.page import Page
from briefer.article.read import read_article, read_bytes
from briefer.errors import BrieferError, InputError, UsageError

log = logging.getLogger(__name__)

FOLDER_SUFFIXES = {".txt", ".md", ".text", ".opml", *FEED_SUFFIXES, *HTML_SUFFIXES}
MAX_ITEMS = 1_000_000  # a source's max_items above this is a typo
TEASER_WORDS = 120  # a feed entry shorter than this is a teaser when full_text = "auto"

# Asks for the stored validators of a URL (None: fetch unconditionally).
ValidatorLookup = Callable[[str], Validators | None]


@dataclass(frozen=True)
class SourceSpec:
    """One source as the user named it, with its options."""

    location: str
    name: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_items: int | None = None
    full_text: bool = False
    encoding: str = "utf-8"

    @property
    def label(self) -> str:
        return self.name or self.location


@dataclass(frozen=True)
class Item:
    """One article from a source, as text."""

    source: str  # the source's name, as shown in the digest
    body: str
    title: str | None = None
    url: str | None = None
    guid: str | None = None
    published: datetime | None = None  # in UTC
    location: str | None = None  # the file or feed it came from
    dated: bool = True  # False: `published` is only a file's modification time, not the article's date

    @property
    def article_date(self) -> date | None:
        """The publication date to brief with: the article's own, never a file's modification time."""
        return self.published.date() if self.published and self.dated else None


@dataclass(frozen=True)
class Failure:
    """A source, file or feed that could not be read, and why."""

    source: str
    reason: str


@dataclass
class SourceResult:
    """What one source gave: its items, what failed, and feed validators to keep for next time."""

    spec: SourceSpec
    items: list[Item] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    validators: dict[str, Validators] = field(default_factory=dict)


# The keys a config file may hold, with their types; anything else is an error.
DIGEST_KEYS = {"title": str, "format": str, "output": str, "since": str, "always": bool, "state": str}
SOURCE_KEYS = {
    "url": str,
    "path": str,
    "name": str,
    "include": list,
    "exclude": list,
    "max_items": int,
    "full_text": bool,
    "encoding": str,
}


@dataclass(frozen=True)
class DigestConfig:
    """A digest's config file: its sources and its options (the keys of DIGEST_KEYS that it sets)."""

    sources: tuple[SourceSpec, ...]
    options: dict[str, object]


def load_config(path: Path) -> DigestConfig:
    """Read a TOML digest config; paths in it are relative to the file's folder. Unknown keys are errors."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise UsageError(f"{path}: the config file is not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read the config file ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{path}: not valid TOML ({error}); fix the file") from None
    tables = data.pop("sources", None)
    _check_keys(data, DIGEST_KEYS, str(path))
    if not isinstance(tables, list) or not tables:
        raise UsageError(f"{path}: no sources; add at least one [[sources]] table with a url or path")
    specs = tuple(_source_spec(table, path, number) for number, table in enumerate(tables, 1))
    return DigestConfig(specs, _with_paths_beside(data, path.parent))


def _with_paths_beside(options: dict[str, object], folder: Path) -> dict[str, object]:
    """`output` and a `state` file relative to the config file's folder, so a cron run writes where it says."""
    relative = dict(options)
    for key in ("output", "state"):
        value = options.get(key)
        if isinstance(value, str) and value != "-" and "://" not in value:
            relative[key] = str(folder / Path(value).expanduser())
    return relative


def specs_from_arguments(arguments: Sequence[str]) -> tuple[list[SourceSpec], dict[str, object]]:
    """Sources named on the command line; a `.toml` argument is a config file with sources and options."""
    specs: list[SourceSpec] = []
    options: dict[str, object] = {}
    for argument in arguments:
        if argument.lower().endswith(".toml") and not argument.startswith(("http://", "https://")):
            config = load_config(Path(argument))
            specs.extend(config.sources)
            options.update(config.options)
        else:
            specs.append(SourceSpec(argument))
    if not specs:
        raise UsageError("no sources: give files, folders, feeds, URLs or a .toml config")
    return specs, options


def _source_spec(table: object, path: Path, number: int) -> SourceSpec:
    where = f"{path}: source {number}"
    if not isinstance(table, dict):
        raise UsageError(f"{where}: write each source as a [[sources]] table")
    _check_keys(table, SOURCE_KEYS, where)
    if ("url" in table) == ("path" in table):
        raise UsageError(f"{where}: give exactly one of url or path")
    location = table.get("url") or str(path.parent / Path(table["path"]).expanduser())
    if not 1 <= table.get("max_items", 1) <= MAX_ITEMS:
        raise UsageError(f"{where}: max_items must be from 1 to {MAX_ITEMS:,}, not {table['max_items']}")
    return SourceSpec(
        location=location,
        name=table.get("name"),
        include=tuple(str(p) for p in table.get("include", ())),
        exclude=tuple(str(p) for p in table.get("exclude", ())),
        max_items=table.get("max_items"),
        full_text=table.get("full_text", False),
        encoding=table.get("encoding", "utf-8"),
    )


def _check_keys(table: dict[str, object], allowed: dict[str, type], where: str) -> None:
    for key, value in table.items():
        if key not in allowed:
            raise UsageError(f"{where}: unknown key {key!r}; the keys are {', '.join(allowed)}")
        if not isinstance(value, allowed[key]) or (allowed[key] is int and isinstance(value, bool)):
            raise UsageError(f"{where}: {key} must be a {allowed[key].__name__}")


def read_source(spec: SourceSpec, lookup: ValidatorLookup = lambda url: None) -> SourceResult:
    """Every item of `spec` that passes its include/exclude patterns; failures are collected, not raised."""
    result = SourceResult(spec)
    _read_location(spec, spec.location, lookup, result)
    result.items = [item for item in result.items if _wanted(spec, item)]
    return result


def failure(source: str, error: Exception) -> Failure:
    """A Failure for `source`, its reason without the location the error message starts with."""
    source, reason = shown(source), shown(str(error))
    for prefix in (source, *re.findall(r"^\S+(?=: )", reason)[:1]):
        if reason.startswith(prefix + ": "):
            return Failure(source, reason[len(prefix) + 2 :])
    return Failure(source, reason)


def _read_location(spec: SourceSpec, location: str, lookup: ValidatorLookup, result: SourceResult) -> None:
    try:
        if is_url(location):
            _read_url(spec, location, lookup, result)
        else:
            _read_paths(spec, location, lookup, result)
    except BrieferError as error:
        result.failures.append(failure(spec.label if location == spec.location else location, error))
    except OSError as error:  # a file that vanished or cannot be read while the source was being read
        result.failures.append(Failure(_where(spec, location), f"cannot read ({error.strerror or error})"))
    except Exception as error:  # a bug must not sink the other sources: this one is not included
        if os.environ.get("BRIEFER_DEBUG"):
            raise
        reason = f"unexpected {type(error).__name__}: {error}; rerun with BRIEFER_DEBUG=1 and report it"
        result.failures.append(Failure(_where(spec, location), reason))


def _where(spec: SourceSpec, location: str) -> str:
    return spec.label if location == spec.location else location


def _read_paths(spec: SourceSpec, location: str, lookup: ValidatorLookup, result: SourceResult) -> None:
    path = Path(location).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
        if not files:
            raise InputError(f"{location}: the folder holds no .txt, .html, feed or .opml files")
    elif path.is_file():
        files = [path]
    elif any(char in location for char in "*?["):
        files = sorted(Path(p) for p in glob.glob(str(path), recursive=True) if Path(p).is_file())
        if not files:
            raise InputError(f"{location}: the pattern matches no files")
    else:
        raise InputError(f"{location}: no such file, folder or pattern")
    for file in files:
        try:
            _read_file(spec, file, lookup, result)
        except BrieferError as error:
            result.failures.append(failure(shown(file), error))


def _read_file(spec: SourceSpec, path: Path, lookup: ValidatorLookup, result: SourceResult) -> None:
    kind = kind_of(path)
    if kind == "opml":
        for feed in read_opml(path.read_bytes(), spec, path.parent):
            _read_location(feed, feed.location, lookup, result)
    elif kind == "feed":
        result.items.extend(parse_feed(read_bytes(str(path)), spec, shown(path)))
    elif kind == "html":
        result.items.append(_html_file_item(spec, path))
    else:
        result.items.append(_text_file_item(spec, path))


def _text_file_item(spec: SourceSpec, path: Path) -> Item:
    article = read_article(str(path), encoding=spec.encoding)
    return Item(
        source=spec.name or article.source or shown(path.name),
        body=article.body,
        title=article.title,
        published=_file_time(path, article.published),
        location=shown(path),
        dated=article.published is not None,
    )


def shown(path: Path | str) -> str:
    """A path as text that can be printed and written as UTF-8: bytes of a file name that are not
    UTF-8 (kept by Python as lone surrogates) become U+FFFD."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _file_time(path: Path, published: date | None) -> datetime:
    if published:
        return datetime(published.year, published.month, published.day, tzinfo=UTC)
    return file_time(path)


def _html_file_item(spec: SourceSpec, path: Path) -> Item:
    page = html_file_page(path, spec.encoding)
    return replace(_page_item(spec, page, shown(path)), dated=page.published != file_time(path))


def _read_url(spec: SourceSpec, url: str, lookup: ValidatorLookup, result: SourceResult) -> None:
    response = fetch(url, lookup(url))
    if response.not_modified:
        log.info("%s: not modified since the last run", url)
        return
    if _is_feed(response):
        items = parse_feed(response.body, spec, url)
        if spec.full_text:
            items = [_with_full_text(item, spec) for item in items]
        result.items.extend(items)
        result.validators[url] = response.validators
    else:
        result.items.append(_page_item(spec, response_page(response), response.url))


def _is_feed(response: Response) -> bool:
    if any(word in response.content_type for word in ("rss", "atom", "rdf")):
        return True
    return sniff(response.body[:1024]) == "feed"


def _page_item(spec: SourceSpec, page: Page, location: str | None) -> Item:
    return Item(
        source=spec.name or page.site or spec.location,
        body=page.body,
        title=page.title,
        url=page.url,
        published=page.published,
        location=location,
    )


def parse_feed(data: bytes, spec: SourceSpec, where: str) -> list[Item]:
    """The entries of an RSS or Atom feed as items, newest first as the feed lists them."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except (ValueError, LookupError, RecursionError) as error:  # feedparser trips on some broken encoding declarations
        raise InputError(f"{where}: not a readable RSS or Atom feed (its encoding declaration: {error})") from None
    name = spec.name or parsed.feed.get("title") or where
    items = [_entry_item(entry, name, where) for entry in parsed.entries]
    items = [item for item in items if item.body.strip() or item.title]
    if not items and (parsed.bozo or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise InputError(f"{where}: not a readable RSS or Atom feed ({reason})")
    return items


def _entry_item(entry: dict, source: str, where: str) -> Item:  # type: ignore[type-arg]
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    best = max(contents, key=lambda c: len(c["value"]), default=entry.get("summary_detail"))
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return Item(
        source=source,
        body=_as_text(best),
        title=_as_text(entry.get("title_detail")) or None,
        url=entry.get("link") or None,
        guid=entry.get("id") or None,
        published=datetime(*stamp[:6], tzinfo=UTC) if stamp else None,
        location=where,
    )


def _as_text(detail: dict | None) -> str:  # type: ignore[type-arg]
    """A feed text construct as plain text: HTML is reduced to its text, plain text kept as it is."""
    if not detail or not detail.get("value"):
        return ""
    if detail.get("type") == "text/plain":
        return _tidy(detail["value"])
    return html_to_text(detail["value"])


def _with_full_text(item: Item, spec: SourceSpec) -> Item:
    if not item.url or len(item.body.split()) >= TEASER_WORDS:
        return item
    try:
        page = response_page(fetch(item.url))
    except BrieferError as error:
        log.warning("%s: kept the feed's teaser, the full article failed: %s", item.url, error)
        return item
    return replace(item, body=page.body)


def read_opml(data: bytes, parent: SourceSpec, base: Path) -> list[SourceSpec]:
    """Every feed of an OPML list, as a source with the parent's options and the outline's name.

    A feed given as a path rather than a URL is relative to `base`, the OPML file's folder.
    """
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise InputError(f"{parent.location}: not a readable OPML file ({error})") from None
    feeds = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl")
        if url:
            name = parent.name or outline.get("title") or outline.get("text") or None
            location = url if is_url(url) else str(base / url)
            feeds.append(replace(parent, location=location, name=name))
    if not feeds:
        raise InputError(f"{parent.location}: the OPML file lists no feeds (no outline with xmlUrl)")
    return feeds


def _wanted(spec: SourceSpec, item: Item) -> bool:
    keys = [k.casefold() for k in (item.title, item.url, item.location) if k]
    matches = lambda patterns: any(fnmatch(k, p.casefold()) for p in patterns for k in keys)  # noqa: E731
    return (not spec.include or matches(spec.include)) and not matches(spec.exclude)


_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "section",
    "article",
}


class _TextCollector(HTMLParser):
    """Text of an HTML fragment, one paragraph per block element; scripts and styles dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style")
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style") and self._skip > 0
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of a feed's HTML (or plain) content: paragraphs separated by blank lines."""
    if "<" not in fragment:
        return _tidy(unescape(fragment))
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return _tidy("".join(collector.parts))


def _tidy(text: str) -> str:
    paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)
