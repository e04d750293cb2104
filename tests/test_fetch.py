"""HTTP fetching against a real server on loopback: conditional requests, limits, redirects, proxies."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from briefer.article.fetch import USER_AGENT, FetchError, Validators, fetch

Route = tuple[int, dict[str, str], bytes]


@dataclass
class LocalServer:
    """Routes path → (status, headers, body); every request's path and headers are kept."""

    base: str
    routes: dict[str, Route | Callable[[dict[str, str]], Route]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1, in a thread, for the length of a test."""
    state = LocalServer("")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {key.lower(): value for key, value in self.headers.items()}
            state.requests.append((self.path, headers))
            route = state.routes.get(self.path, (404, {}, b"not here"))
            status, extra, body = route(headers) if callable(route) else route
            self.send_response(status)
            for key, value in extra.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with serve() as running:
        yield running


def test_fetch_returns_body_type_and_validators(server: LocalServer) -> None:
    server.routes["/feed"] = (
        200,
        {"Content-Type": "application/rss+xml; charset=utf-8", "ETag": '"v1"'},
        b"<rss/>",
    )
    response = fetch(server.url("/feed"))
    assert response.body == b"<rss/>"
    assert response.content_type == "application/rss+xml"
    assert response.charset == "utf-8"
    assert response.validators.etag == '"v1"'
    assert server.requests[0][1]["user-agent"] == USER_AGENT


def test_conditional_request_gets_not_modified(server: LocalServer) -> None:
    def answer(headers: dict[str, str]) -> Route:
        if headers.get("if-none-match") == '"v1"':
            return 304, {}, b""
        return 200, {"ETag": '"v1"', "Last-Modified": "Mon, 02 Mar 2026 06:00:00 GMT"}, b"<rss/>"

    server.routes["/feed"] = answer
    first = fetch(server.url("/feed"))
    second = fetch(server.url("/feed"), first.validators)
    assert not first.not_modified
    assert second.not_modified and second.body == b""
    assert server.requests[1][1]["if-modified-since"] == "Mon, 02 Mar 2026 06:00:00 GMT"


def test_redirects_are_followed_but_bounded(server: LocalServer) -> None:
    server.routes["/old"] = (301, {"Location": "/new"}, b"")
    server.routes["/new"] = (200, {}, b"moved here")
    assert fetch(server.url("/old")).body == b"moved here"
    server.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(FetchError, match="redirect"):
        fetch(server.url("/loop"))


def test_redirect_to_another_scheme_is_refused(server: LocalServer) -> None:
    server.routes["/sneaky"] = (302, {"Location": "file:///etc/passwd"}, b"")
    with pytest.raises(FetchError, match="only http"):
        fetch(server.url("/sneaky"))


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed.xml"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetch(url)


def test_size_cap(server: LocalServer) -> None:
    server.routes["/big"] = (200, {}, b"x" * 5000)
    with pytest.raises(FetchError, match="limit"):
        fetch(server.url("/big"), max_bytes=4096)


def test_http_error_and_refused_connection_name_the_url(server: LocalServer) -> None:
    with pytest.raises(FetchError, match="404"):
        fetch(server.url("/missing"))
    with pytest.raises(FetchError, match="could not connect"):
        fetch("http://127.0.0.1:9/nothing", timeout=2)


def test_timeout(server: LocalServer) -> None:
    release = threading.Event()

    def slow(headers: dict[str, str]) -> Route:
        release.wait(5)
        return 200, {}, b"late"

    server.routes["/slow"] = slow
    try:
        with pytest.raises(FetchError, match=r"timed out|timeout"):
            fetch(server.url("/slow"), timeout=0.3)
    finally:
        release.set()


def test_proxy_from_environment_is_used(server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # The loopback server plays the proxy: a proxied request carries the full URL in its request line.
    server.routes["http://news.invalid/feed.xml"] = (200, {}, b"via proxy")
    monkeypatch.setenv("http_proxy", server.base)
    monkeypatch.setenv("no_proxy", "")
    assert fetch("http://news.invalid/feed.xml").body == b"via proxy"


def test_validators_default_to_none() -> None:
    assert Validators() == Validators(None, None)
