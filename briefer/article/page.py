"""The article on a web page: its main text (trafilatura), title, site name and date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from briefer.errors import InputError


@dataclass(frozen=True)
class Page:
    """What a page holds as an article: paragraphs separated by blank lines, and its metadata."""

    body: str
    title: str | None = None
    site: str | None = None  # the site's own name, else the host of its URL
    published: datetime | None = None  # in UTC
    url: str | None = None


def extract_page(html: str, url: str | None = None, name: str | None = None) -> Page:
    """The main text of an article page, its title, site name and date; `name` names it in errors."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    except Exception as error:  # trafilatura, lxml or htmldate tripping on hostile markup: a bad page, not a bug
        raise InputError(f"{url or name or 'the page'}: the page could not be read as HTML ({error!r:.120})") from None
    text = (found.text or "") if found else ""
    title = found.title if found else None
    body = _paragraphs(text, title)
    if not body.strip():
        raise InputError(f"{url or name or 'the page'}: no article text found on the page")
    return Page(
        body=body,
        title=title,
        site=(found.sitename if found else None) or host(url),
        published=parse_date(found.date if found else None),
        url=url,
    )


def _paragraphs(text: str, title: str | None) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    return "\n\n".join(lines)


def host(url: str | None) -> str | None:
    """The host name of a URL, without `www.`."""
    match = re.match(r"[a-z]+://(?:www\.)?([^/:]+)", url or "", re.I)
    return match.group(1) if match else None


def parse_date(text: str | None) -> datetime | None:
    """An ISO date or time as a time in UTC (a date alone or a naive time is taken as UTC)."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    return value.replace(tzinfo=value.tzinfo or UTC).astimezone(UTC)
