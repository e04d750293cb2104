"""The content of a mail: plain text and email-safe HTML (styles inlined, nothing remote, under the
size at which Gmail clips), with an optional attachment. `fit_to_size` trims long content."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from briefer.errors import BrieferError

if TYPE_CHECKING:
    from briefer.models import Brief

T = TypeVar("T")
MAX_HTML_BYTES = 100_000  # Gmail clips message bodies above about 102 KB
_UNSAFE_TAGS = frozenset({"script", "iframe", "frame", "object", "embed", "link", "form", "base"})
_LOADING_ATTRIBUTES = frozenset({"src", "background", "srcset", "poster", "data", "action", "formaction"})
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"^\s*(?:javascript|vbscript|data):", re.IGNORECASE)
_UNSAFE_CSS = re.compile(r"@import|expression\s*\(|url\(\s*[\"']?\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    subtype: str  # text/<subtype>: markdown or html


@dataclass(frozen=True)
class MailContent:
    """What a message says: its title (for `{title}` in the subject), the two alternatives, an attachment."""

    title: str
    text: str
    html: str
    attachment: Attachment | None = None


@dataclass(frozen=True)
class Fitted(Generic[T]):
    """HTML that fits the size limit, with the entries it shows and those it left out."""

    html: str
    kept: tuple[T, ...]
    left_out: tuple[T, ...]


def email_html(html: str) -> str:
    """HTML with every style inlined (mail clients drop <style>), checked to load nothing remote."""
    import css_inline

    inliner = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False, load_remote_stylesheets=False)
    inlined = inliner.inline(html)
    check_email_safe(inlined)
    return inlined


def check_email_safe(html: str) -> None:
    """Refuse HTML whose markup runs scripts, embeds frames or loads anything from elsewhere.

    Only tags, attributes and style sheets are inspected: escaped article text that merely mentions
    `<script>` or `javascript:` is text, and stays in the mail as text.
    """
    finder = _UnsafeMarkup()
    finder.feed(html)
    finder.close()
    if finder.found:
        raise BrieferError(f"the mail's HTML holds {finder.found!r}, which mail must not carry; fix the template")


class _UnsafeMarkup(HTMLParser):
    """The first piece of markup that mail must not carry, if any."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: str | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        if tag in _UNSAFE_TAGS:
            self._note(f"<{tag}>")
        for name, value in attrs:
            self._check_attribute(name, value or "")

    def _check_attribute(self, name: str, value: str) -> None:
        if name.startswith("on"):
            self._note(f"{name}=")
        elif name == "http-equiv" and value.strip().lower() == "refresh":
            self._note("http-equiv=refresh")
        elif _SCRIPT_URL.match(value) and name in (_LOADING_ATTRIBUTES | {"href"}):
            self._note(f"{name}={value.strip()[:20]}")
        elif name in _LOADING_ATTRIBUTES and _REMOTE.match(value):
            self._note(f"{name}={value.strip()[:40]}")
        elif name == "style":
            self._check_css(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._check_css(data)

    def _check_css(self, css: str) -> None:
        if found := _UNSAFE_CSS.search(css):
            self._note(found.group(0))

    def _note(self, what: str) -> None:
        if self.found is None:
            self.found = what


def fit_to_size(
    entries: Sequence[T], render: Callable[[Sequence[T], int], str], limit: int = MAX_HTML_BYTES
) -> Fitted[T]:
    """Email HTML of as many of `entries` (most important first) as fit in `limit` bytes.

    `render(kept, left_out_count)` returns the HTML page; when the count is above 0 it must say what
    was left out. The size is measured after inlining, since inlined styles add to it.
    """

    def page(count: int) -> str:
        return email_html(render(entries[:count], len(entries) - count))

    count = largest_fitting(len(entries), lambda n: len(page(n).encode("utf-8")), limit)
    return Fitted(page(count), tuple(entries[:count]), tuple(entries[count:]))


def largest_fitting(total: int, size_of: Callable[[int], int], limit: int) -> int:
    """The largest n ≤ total with size_of(n) ≤ limit (0 when nothing fits), by bisection."""
    if size_of(total) <= limit:
        return total
    low, high = 0, total  # size_of(low) is assumed to fit, size_of(high) does not
    while high - low > 1:
        middle = (low + high) // 2
        if size_of(middle) <= limit:
            low = middle
        else:
            high = middle
    return low


def brief_content(brief: Brief, attach: str = "md", limit: int = MAX_HTML_BYTES) -> MailContent:
    """A brief as a message: the plain-text brief, the brief as email HTML, and the attachment asked for."""
    from briefer.render.templates import render, render_template

    lists = (brief.who, brief.commitments, brief.next_steps, brief.quotes)
    longest = max((len(items) for items in lists), default=0)

    def html(cap: int) -> str:
        left_out = sum(max(0, len(items) - cap) for items in lists)
        return email_html(render_template("mail.brief.html.j2", brief=brief, cap=cap, left_out=left_out))

    cap = largest_fitting(longest, lambda n: len(html(n).encode("utf-8")), limit)
    title = brief.title or "Untitled article"
    attachment = None
    if attach in ("md", "html"):
        subtype = "markdown" if attach == "md" else "html"
        attachment = Attachment(f"{slug(title)}.{attach}", render(brief, attach), subtype)
    return MailContent(title, render(brief, "txt"), html(cap), attachment)


def slug(title: str, limit: int = 60) -> str:
    """A file name from a title: ASCII letters and digits joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    name = "-".join(words)[:limit].strip("-")
    return name or "brief"


def digest_content(data: dict[str, Any], attach: str = "md", limit: int = MAX_HTML_BYTES) -> MailContent:
    """A digest (its JSON dict) as a message: the plain-text digest, the most important stories that fit
    as email HTML with a line saying how many were left out, and the whole digest attached."""
    from briefer.render.templates import render_template

    def page(kept: Sequence[dict[str, Any]], left_out: int) -> str:
        return render_template(
            "mail.digest.html.j2", digest=data, stories=kept, left_out=left_out, attached=attach in ("md", "html")
        )

    fitted = fit_to_size(data["stories"], page, limit)
    title = str(data["title"])
    attachment = None
    if attach in ("md", "html"):
        name = f"{slug(title)}-{str(data['generated'])[:10]}.{attach}"
        content = render_template(f"digest.{attach}.j2", digest=data)
        attachment = Attachment(name, content, "markdown" if attach == "md" else "html")
    return MailContent(title, render_template("digest.txt.j2", digest=data), fitted.html, attachment)
