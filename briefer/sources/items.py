"""What a digest's sources are and what they give: source specs, items, failures.

Plain frozen records shared by the config reader (`config`), the feed parser (`feeds`) and the
source reader (`read`), so those three never import each other in a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from briefer.article.fetch import Validators
from briefer.article.location import FEED_SUFFIXES, HTML_SUFFIXES

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
