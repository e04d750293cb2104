"""One article from wherever `briefer make` is pointed: a text or HTML file, stdin (`-`) or a URL.

Also what kind of file a path is (text, HTML, feed or OPML), by its ending or, failing that, by its
first bytes; the digest's sources ask the same question of every file they read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from briefer.article.fetch import Response, fetch, is_url
from briefer.article.page import Page, extract_page
from briefer.article.read import checked_page, declared_charset, decode, page_encoding, read_article, read_bytes
from briefer.errors import InputError, UsageError
from briefer.models import Article

FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def read_single(location: str, encoding: str = "utf-8", **text_options: Any) -> Article:
    """One article from a text or HTML file, stdin (`-`) or an article URL, for `briefer make`.

    `text_options` (published, limits, language, warn) go to `read_article` for text;
    a `published` date given there also overrides the date a page carries.
    """
    if is_url(location):
        page = response_page(fetch(location))
        return _checked_page(page_article(page, page.site or location), location, text_options)
    path = Path(location)
    if location != "-" and path.is_file():
        _refuse_many(path)
    if location != "-" and path.is_file() and kind_of(path) == "html":
        page = html_file_page(path, encoding)
        return _checked_page(page_article(page, page.site or location), location, text_options)
    return read_article(location, encoding=encoding, **text_options)


def _refuse_many(path: Path) -> None:
    """A feed, OPML list or digest config holds many articles: that is `briefer digest`'s work."""
    kind = "digest config" if path.suffix.lower() == ".toml" else kind_of(path)
    what = {"feed": "an RSS or Atom feed", "opml": "an OPML list of feeds", "digest config": "a digest config"}
    if kind in what:
        raise UsageError(f"{path} is {what[kind]}, not one article: use briefer digest {path} (or briefer batch)")


def response_page(response: Response) -> Page:
    """The article page an HTTP response holds."""
    charset = response.charset or declared_charset(response.body) or "utf-8"
    html = response.body.decode(charset, errors="replace")
    return extract_page(html, url=response.url)


def html_file_page(path: Path, encoding: str = "utf-8") -> Page:
    """The article page in an HTML file, dated by the page or else by the file's modification time."""
    data = read_bytes(str(path))
    page = extract_page(decode(data, page_encoding(data, encoding), str(path)), name=str(path))
    return page if page.published else replace(page, published=file_time(path))


def page_article(page: Page, source: str | None) -> Article:
    """A page as an Article with the given source name."""
    published = page.published.date() if page.published else None
    return Article(body=page.body, title=page.title, source=source, published=published)


def file_time(path: Path) -> datetime:
    """A file's modification time in UTC."""
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _checked_page(article: Article, location: str, options: dict[str, Any]) -> Article:
    """A page's article with the given date, held to a file's rules (article text, language, limits)."""
    published = options.get("published")
    article = replace(article, published=published) if published else article
    return checked_page(article, location, **{key: value for key, value in options.items() if key != "published"})


def kind_of(path: Path) -> str:
    """`opml`, `feed`, `html` or `text`: by the file's ending, else by its first bytes."""
    suffix = path.suffix.lower()
    if suffix == ".opml":
        return "opml"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in HTML_SUFFIXES:
        return "html"
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    return sniff(head) or "text"


def sniff(head: bytes) -> str | None:
    """`opml`, `feed` or `html` when the first bytes of a file or response say so, else None."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<opml" in start[:400]:
        return "opml"
    if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", start[:400]):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None
