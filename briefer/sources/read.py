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
from dataclasses import replace
from datetime import UTC, date, datetime
from fnmatch import fnmatch
from pathlib import Path

from briefer.article.fetch import Response, fetch, is_url
from briefer.article.location import file_time, html_file_page, kind_of, response_page, sniff
from briefer.article.page import Page
from briefer.article.read import read_article, read_bytes
from briefer.errors import BrieferError, InputError
from briefer.sources.feeds import parse_feed, read_opml
from briefer.sources.items import (
    FOLDER_SUFFIXES,
    TEASER_WORDS,
    Failure,
    Item,
    SourceResult,
    SourceSpec,
    ValidatorLookup,
)

log = logging.getLogger(__name__)


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


def _with_full_text(item: Item, spec: SourceSpec) -> Item:
    if not item.url or len(item.body.split()) >= TEASER_WORDS:
        return item
    try:
        page = response_page(fetch(item.url))
    except BrieferError as error:
        log.warning("%s: kept the feed's teaser, the full article failed: %s", item.url, error)
        return item
    return replace(item, body=page.body)


def _wanted(spec: SourceSpec, item: Item) -> bool:
    keys = [k.casefold() for k in (item.title, item.url, item.location) if k]
    matches = lambda patterns: any(fnmatch(k, p.casefold()) for p in patterns for k in keys)  # noqa: E731
    return (not spec.include or matches(spec.include)) and not matches(spec.exclude)
