"""The article on a web page: its main text (trafilatura), title, site name and date."""

from __future__ import annotations

import html as html_module
import json
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
    site = site_name(html) or (found.sitename if found else None) or host(url)
    title = strip_site_suffix(found.title, site) if found and found.title else None
    body = drop_boilerplate(_paragraphs(text, found.title if found else None, title))
    if not body.strip():
        raise InputError(f"{url or name or 'the page'}: no article text found on the page")
    return Page(
        body=body,
        title=title,
        site=site,
        published=parse_date(found.date if found else None),
        url=url,
    )


def _paragraphs(text: str, *titles: str | None) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and any(title and lines[0] == title.strip() for title in titles):
        lines = lines[1:]
    return "\n\n".join(lines)


_OG_SITE = re.compile(
    r"<meta\b(?=[^>]*\bproperty\s*=\s*[\"']og:site_name[\"'])[^>]*\bcontent\s*=\s*(\"[^\"]*\"|'[^']*')", re.I
)
_JSON_LD = re.compile(r"<script\b[^>]*application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)


def site_name(html: str) -> str | None:
    """The site's own name: its `og:site_name`, else the publisher's name in its JSON-LD."""
    match = _OG_SITE.search(html)
    if match and match.group(1)[1:-1].strip():
        return _unescape(match.group(1)[1:-1].strip())
    for block in _JSON_LD.findall(html):
        try:
            name = _publisher(json.loads(block))
        except ValueError:
            continue
        if name:
            return name
    return None


def _unescape(text: str) -> str:
    return html_module.unescape(text)


def _publisher(data: object) -> str | None:
    """The first `publisher.name` in JSON-LD (an object, a list or an `@graph`)."""
    if isinstance(data, list):
        return next((name for name in map(_publisher, data) if name), None)
    if not isinstance(data, dict):
        return None
    publisher = data.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) and publisher["name"].strip():
        return publisher["name"].strip()
    return _publisher(data.get("@graph"))


# " - Site", " | Site | 19.01.2020", " — Site": a separator with spaces around it.
_SUFFIX_SEPARATOR = re.compile(r"\s+(?:[|·•:]{1,2}|[-–—])\s+")
_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4}")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|org|net|co|news|info|de|uk|fr|io|tv|eu)\b", re.I)
SUFFIX_MAX_WORDS = 5


def strip_site_suffix(title: str, site: str | None) -> str:
    """A headline without a trailing site name or date (" - SpaceNews.com", " | DW | 19.01.2020").

    After " | " any short trailing part goes; after a dash only the site's name, a domain or a date,
    so a headline's own dash ("Bridge approved - but costs rise") stays.
    """
    parts = _SUFFIX_SEPARATOR.split(title.strip())
    separators = _SUFFIX_SEPARATOR.findall(title.strip())
    while len(parts) > 1 and _is_suffix(parts[-1], separators[-1], site) and len(parts[0].split()) > SUFFIX_MAX_WORDS:
        parts, separators = parts[:-1], separators[:-1]
    head = parts[0]
    for separator, part in zip(separators, parts[1:], strict=True):
        head += separator + part
    return head


def _is_suffix(part: str, separator: str, site: str | None) -> bool:
    text = part.strip()
    if _DATE.fullmatch(text) or _DOMAIN.search(text) or _same_site(text, site):
        return True
    return separator.strip() in ("|", "||", "·", "•") and len(text.split()) <= SUFFIX_MAX_WORDS


def _same_site(text: str, site: str | None) -> bool:
    def key(value: str) -> str:
        return re.sub(r"\W|\.(com|org|net)\b", "", value.lower())

    return bool(site) and key(text) == key(site or "")


# Lines that are the page's furniture rather than the story: credits, reading lists, promotions.
_CREDIT = re.compile(
    r"^[\w .,'’&-]{0,80}\b(?:writers?|reporters?|correspondents?)\b.{0,120}\bcontributed\b.{0,40}$", re.I
)
_LIST_HEADINGS = re.compile(
    r"^(?:more must[- ]reads?|related(?: (?:stories|articles|coverage|content|links))?|read more|read also|"
    r"see also|more from [\w .]+|most read|most popular|recommended(?: for you)?|you may also like|"
    r"more (?:stories|news|on this story)|trending)\s*:?$",
    re.I,
)
_LEAD_IN = re.compile(r"^(?:read more|read also|see also|related|more|also read|watch|listen)\s*:\s*\S", re.I)


def drop_boilerplate(body: str) -> str:
    """The body without credit lines, "Read more: ..." lines and reading lists under their heading."""
    kept: list[str] = []
    in_list = False
    for line in body.split("\n\n"):
        if _LIST_HEADINGS.match(line):
            in_list = True
            continue
        if in_list and line.startswith(("- ", "* ", "• ")):
            continue
        in_list = False
        if _CREDIT.match(line) or _LEAD_IN.match(line):
            continue
        kept.append(line)
    return "\n\n".join(kept)


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
