"""HTTP for feeds and article pages: only http(s), bounded in time, size and redirects.

Proxies come from the standard environment variables (http_proxy, https_proxy, no_proxy), and
feeds are fetched with conditional requests so an unchanged feed costs one small 304 response.
"""

from __future__ import annotations

import codecs
import http.client
import ssl
import time
from dataclasses import dataclass
from email.message import Message
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from briefer.about import __version__
from briefer.errors import InputError

if TYPE_CHECKING:
    import urllib.request

USER_AGENT = f"briefer/{__version__} (news digest; +https://pypi.org/project/briefer/)"
TIMEOUT = 20.0  # seconds, for connecting and for each read
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
DEADLINE_FACTOR = 3  # a whole download may take this many read timeouts (60 s by default)
SCHEMES = ("http", "https")


class FetchError(InputError):
    """A URL could not be fetched; the message names the URL and why."""


@dataclass(frozen=True)
class Validators:
    """What the server said identifies its current version, sent back on the next request."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Response:
    """A fetched resource, or `not_modified` when the server answered 304 to a conditional request."""

    url: str  # after redirects
    body: bytes
    content_type: str
    charset: str | None
    validators: Validators
    not_modified: bool = False


def is_url(location: str) -> bool:
    """True for anything that looks like a URL rather than a path (scheme://…)."""
    return "://" in location[:16]


def check_url(url: str) -> None:
    """Refuse anything but http and https, with a message that says what is accepted."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError as error:  # such as "Invalid IPv6 URL"
        raise FetchError(f"{url}: not a usable address ({error}); check the URL") from None
    if scheme not in SCHEMES:
        raise FetchError(f"{url}: only http:// and https:// URLs can be fetched, not {scheme}://")


def fetch(
    url: str,
    validators: Validators | None = None,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> Response:
    """GET `url`; conditional when `validators` are given. Raises FetchError on any failure."""
    import urllib.error  # here, not at the top: urllib.request costs 20 ms of every start
    import urllib.request

    check_url(url)
    try:
        request = urllib.request.Request(url, headers=_headers(validators))
        with _opener().open(request, timeout=timeout) as answer:
            body = _read_capped(answer, url, max_bytes, timeout * DEADLINE_FACTOR)
            return _response(answer.geturl(), answer.headers, body)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Response(url, b"", "", None, validators or Validators(), not_modified=True)
        if 300 <= error.code < 400:
            raise FetchError(f"{url}: {_redirect_problem(str(error.reason))}") from None
        raise FetchError(f"{url}: the server answered {error.code} {error.reason}") from None
    except FetchError:
        raise
    except (OSError, http.client.HTTPException, ValueError, LookupError) as error:
        raise FetchError(f"{url}: {problem(error, timeout)}") from None


def problem(error: BaseException, timeout: float = TIMEOUT) -> str:
    """What went wrong with a request, in words: every error urllib, http.client, ssl and socket raise.

    `URLError` wraps what happened while connecting; a broken answer raises http.client's own errors
    (a bad status line, too many or too long headers, a body cut short); a malformed address, here or
    in a redirect, is a ValueError (UnicodeError for a host name that cannot be encoded).
    """
    import urllib.error

    if isinstance(error, urllib.error.URLError):  # while connecting
        reason = error.reason
        if isinstance(reason, TimeoutError | ssl.SSLError | ssl.CertificateError | ValueError):
            return problem(reason, timeout)
        return f"could not connect ({getattr(reason, 'strerror', None) or reason}); check the address"
    if isinstance(error, http.client.HTTPException | ConnectionError):
        return _broken_answer(error)
    if isinstance(error, TimeoutError):
        return f"timed out (no answer within {timeout:g} s)"
    if isinstance(error, ssl.SSLError | ssl.CertificateError):
        return f"the secure connection failed ({getattr(error, 'reason', None) or error}); check the address"
    if isinstance(error, OSError):
        return f"could not connect ({error.strerror or error}); check the address"
    if isinstance(error, LookupError):
        return f"the server's answer names an unknown text encoding ({error})"
    return f"not a usable address ({error}); check the URL, or the redirect the server sent"


def _broken_answer(error: BaseException) -> str:
    """A server that spoke broken HTTP (http.client's errors, or a connection cut off)."""
    text = str(error)
    if isinstance(error, http.client.RemoteDisconnected | ConnectionError | http.client.IncompleteRead):
        return "the server closed the connection before its answer was complete; try again later"
    if isinstance(error, http.client.LineTooLong):
        return f"the server sent a header line over 64 KB ({text}): not a valid HTTP answer"
    if "more than" in text and "headers" in text:
        return "the server sent more than 100 headers: not a valid HTTP answer"
    if isinstance(error, http.client.InvalidURL):
        return f"not a usable address ({text}); check the URL, or the redirect the server sent"
    first = text.strip().splitlines()[0][:80] if text.strip() else type(error).__name__
    return f"not a valid HTTP answer ({first!r}); is it a web server?"


def _redirect_problem(reason: str) -> str:
    if "not allowed" in reason:  # urllib refuses redirects to schemes other than http, https and ftp
        return "redirected elsewhere than http(s); only http:// and https:// URLs can be fetched"
    return f"more than {MAX_REDIRECTS} redirects, or a redirect loop"


def _headers(validators: Validators | None) -> dict[str, str]:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if validators and validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators and validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _read_capped(answer: object, url: str, max_bytes: int, seconds: float) -> bytes:
    """The body, up to `max_bytes`, within `seconds` in all: a server that trickles cannot hold a run."""
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    size = 0
    while chunk := answer.read1(min(1 << 16, max_bytes + 1 - size)):  # type: ignore[attr-defined]
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: larger than the {max_bytes // 1024} KiB limit")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: still sending after {seconds:g} s; gave up (a slow or stuck server)")
    if getattr(answer, "length", None):  # Content-Length promised more than arrived
        raise http.client.IncompleteRead(b"".join(chunks), answer.length)  # type: ignore[attr-defined]
    return b"".join(chunks)


def _response(url: str, headers: Message, body: bytes) -> Response:
    validators = Validators(headers.get("ETag"), headers.get("Last-Modified"))
    content_type = headers.get_content_type() if headers.get("Content-Type") else ""
    return Response(url, body, content_type, _charset(url, headers), validators)


def _charset(url: str, headers: Message) -> str | None:
    """The charset the Content-Type names, when Python knows it; an unknown one cannot be read."""
    charset = headers.get_content_charset()
    if charset is None:
        return None
    try:
        codecs.lookup(charset)
    except LookupError:
        raise FetchError(
            f"{url}: the server declared the unknown charset {charset!r} (Content-Type), so its text cannot be read"
        ) from None
    return charset


def _opener() -> urllib.request.OpenerDirector:
    """An opener that reads http_proxy/https_proxy/no_proxy from the environment (ProxyHandler with no
    argument) and follows at most MAX_REDIRECTS redirects, only to http(s)."""
    import urllib.request

    class BoundedRedirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            check_url(newurl)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(urllib.request.ProxyHandler(), BoundedRedirects())
