"""RSS/Atom feeds and OPML lists as items and source specs; feed HTML reduced to plain text."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from briefer.article.fetch import is_url
from briefer.errors import InputError
from briefer.sources.items import Item, SourceSpec


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
