"""HTTP for feeds and article pages: only http(s), bounded in time, size and redirects.

Proxies come from the standard environment variables (http_proxy, https_proxy, no_proxy), and
feeds are fetched with conditional requests so an unchanged feed costs one small 304 response.
"""

from __future__ import annotations

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
    scheme = urlsplit(url).scheme.lower()
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
    request = urllib.request.Request(url, headers=_headers(validators))
    try:
        with _opener().open(request, timeout=timeout) as answer:
            body = _read_capped(answer, url, max_bytes, timeout * DEADLINE_FACTOR)
            return _response(answer.geturl(), answer.headers, body)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return Response(url, b"", "", None, validators or Validators(), not_modified=True)
        if 300 <= error.code < 400:
            raise FetchError(f"{url}: {_redirect_problem(str(error.reason))}") from None
        raise FetchError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FetchError(f"{url}: could not connect ({error.reason}); check the address") from None
    except (TimeoutError, OSError) as error:
        raise FetchError(f"{url}: {error or 'timed out'} (timeout {timeout:g} s)") from None


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
    return b"".join(chunks)


def _response(url: str, headers: Message, body: bytes) -> Response:
    validators = Validators(headers.get("ETag"), headers.get("Last-Modified"))
    content_type = headers.get_content_type() if headers.get("Content-Type") else ""
    return Response(url, body, content_type, headers.get_content_charset(), validators)


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
