"""The content of a mail: plain text and email-safe HTML (styles inlined, nothing remote, under the
size at which Gmail clips), with an optional attachment. `fit_to_size` trims long content."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from briefer.errors import BrieferError

if TYPE_CHECKING:
    from briefer.models import Brief

T = TypeVar("T")
MAX_HTML_BYTES = 100_000  # Gmail clips message bodies above about 102 KB
_UNSAFE_HTML = re.compile(
    r"<\s*(script|iframe|object|embed|link|form)\b|\son\w+\s*=|javascript:|@import"
    r"|\b(?:src|background|srcset|poster)\s*=\s*[\"']?\s*(?:https?:)?//|url\(\s*[\"']?\s*(?:https?:)?//",
    re.IGNORECASE,
)


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
    """Refuse HTML with scripts, event handlers, embedded frames or anything loaded from elsewhere."""
    found = _UNSAFE_HTML.search(html)
    if found:
        raise BrieferError(f"the mail's HTML holds {found.group(0)!r}, which mail must not carry; fix the template")


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
    from briefer.render import render, render_template

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
    from briefer.render import render_template

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
