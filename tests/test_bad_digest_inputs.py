"""`briefer digest` on hostile and broken sources: each gets a clear answer, and the other sources still go out.

Feeds are files written here or served by HTTP servers on loopback that misbehave on purpose: a
server that never answers, one that trickles bytes, one that redirects forever, one that streams
1 GB. Exit codes as README: 0 all good, 3 a digest with some sources not included, 1 nothing produced.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefer.article import fetch
from briefer.cli import cli

GOOD = (
    "The Port Elms council voted on Monday to repair the harbour bridge at a cost of $48 million. "
    "Mayor Linda Okafor said the bridge would stay open to pedestrians while crews work. "
    "Work is scheduled to begin in April and should be finished by the end of next year."
)


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772500000")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state-home"))
    monkeypatch.delenv("BRIEFER_STATE", raising=False)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setitem(fetch.fetch.__kwdefaults__, "timeout", 2.0)  # a dead server costs 2 s here, not 20


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["digest", "-f", "json", *args])


def stories(result: Result) -> list[dict]:
    return json.loads(result.stdout)["stories"] if result.stdout else []


def not_included(result: Result) -> list[dict]:
    return json.loads(result.stdout)["not_included"] if result.stdout else []


def rss(items: str, title: str = "Valley Post") -> str:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'


def item(title: str, body: str = GOOD, guid: str | None = None, link: str | None = None, date: str = "") -> str:
    parts = [f"<title>{title}</title>", f"<description>{body}</description>"]
    parts += [f"<guid>{guid}</guid>"] if guid else []
    parts += [f"<link>{link}</link>"] if link else []
    parts += [f"<pubDate>{date}</pubDate>"] if date else []
    return "<item>" + "".join(parts) + "</item>"


def good_feed(tmp_path: Path) -> Path:
    path = tmp_path / "good.rss"
    path.write_text(rss(item("Council approves bridge repair", guid="good-1")), encoding="utf-8")
    return path


def assert_partial(result: Result, source_fragment: str, reason_fragment: str) -> None:
    """Exit 3, the good source's story in the digest, the bad one under Not included and on stderr."""
    assert result.exit_code == 3, (result.stdout[-500:], result.stderr)
    assert [s["title"] for s in stories(result)] == ["Council approves bridge repair"]
    reasons = [f"{n['source']}: {n['reason']}" for n in not_included(result)]
    assert any(source_fragment in r and reason_fragment in r for r in reasons), reasons
    assert "Traceback" not in result.stderr
    assert any(reason_fragment in line for line in result.stderr.splitlines() if line.startswith("Error: "))


# --- feeds as files -------------------------------------------------------------------------------


def test_a_malformed_feed_is_not_included_and_the_rest_goes_out(tmp_path: Path) -> None:
    bad = tmp_path / "broken.rss"
    bad.write_text("<rss><channel><item><title>oops</tit", encoding="utf-8")
    assert_partial(run(str(good_feed(tmp_path)), str(bad)), "broken.rss", "not a readable RSS or Atom feed")


def test_a_malformed_feed_alone_produces_nothing_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "broken.rss"
    bad.write_text("<rss><channel><item><title>oops</tit", encoding="utf-8")
    result = run(str(bad), "-o", str(tmp_path / "digest.json"))
    assert result.exit_code == 1
    assert not (tmp_path / "digest.json").exists()
    assert "not a readable RSS or Atom feed" in result.stderr


def billion_laughs() -> str:
    entities = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    body = rss(item("&lol9;", "&lol9;", guid="lol")).removeprefix('<?xml version="1.0"?>')
    return f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]>{body}'


def test_a_billion_laughs_feed_is_not_expanded(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.rss"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    started = time.monotonic()
    result = run(str(good_feed(tmp_path)), str(bomb))
    assert time.monotonic() - started < 60
    assert result.exit_code in (0, 3), result.stderr
    assert "lollollol" not in result.stdout  # no entity was expanded into the digest
    assert len(result.stdout) < 200_000


def test_a_billion_laughs_opml_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY a0 "aaaaaaaaaa">' + "".join(f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10))
    bomb = tmp_path / "bomb.opml"
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE opml [{entities}]>'
        '<opml><body><outline text="&a9;" xmlUrl="x.rss"/></body></opml>',
        encoding="utf-8",
    )
    result = run(str(good_feed(tmp_path)), str(bomb))
    assert_partial(result, "bomb.opml", "OPML")


def test_a_feed_with_thousands_of_items_is_digested_in_bounded_time(tmp_path: Path) -> None:
    items = "".join(
        item(f"Item {n} on the harbour works", f"Crews finished section {n} of the harbour wall on Monday.", f"g{n}")
        for n in range(3000)
    )
    feed = tmp_path / "big.rss"
    feed.write_text(rss(items), encoding="utf-8")
    started = time.monotonic()
    result = run(str(feed))
    assert time.monotonic() - started < 240
    assert result.exit_code in (0, 3), result.stderr
    carried = sum(len(story["sources"]) for story in stories(result))
    left = "".join(n["reason"] for n in not_included(result))
    assert carried == 3000 or "next run" in left  # everything carried, or the rest left unseen and said so


def test_a_pathological_item_does_not_stall_the_digest(tmp_path: Path) -> None:
    """One feed item of 400,000 tiny sentences (2 MB) is briefed within the article limits, in bounded time."""
    feed = tmp_path / "huge-item.rss"
    feed.write_text(rss(item("Yes", "Yes. " * 400_000, "huge") + item("Council approves bridge repair")), "utf-8")
    started = time.monotonic()
    result = run(str(feed))
    assert time.monotonic() - started < 60
    assert result.exit_code == 0, result.stderr
    assert sorted(s["title"] for s in stories(result)) == ["Council approves bridge repair", "Yes"]


def test_title_only_items_are_carried(tmp_path: Path) -> None:
    """Many feeds carry items with a title and no text: they are briefed from the title, not a crash."""
    feed = tmp_path / "titles.rss"
    feed.write_text(rss("<item><title>Water limits lifted</title><guid>w1</guid></item>" + item("Bridge")), "utf-8")
    result = run(str(feed))
    assert result.exit_code == 0, result.stderr
    assert sorted(s["title"] for s in stories(result)) == ["Bridge", "Water limits lifted"]


def test_duplicate_guids_are_one_item_sent_once(tmp_path: Path) -> None:
    feed = tmp_path / "dups.rss"
    body = item("Council approves bridge repair", guid="same") + item("Council approves bridge repair", guid="same")
    feed.write_text(rss(body), encoding="utf-8")
    first = run(str(feed))
    assert first.exit_code == 0, first.stderr
    assert sum(len(story["sources"]) for story in stories(first)) == 1
    assert run(str(feed)).stdout == ""  # and not again


def test_items_without_links_are_kept_and_told_apart_by_title(tmp_path: Path) -> None:
    feed = tmp_path / "nolinks.rss"
    other = "The water board lifted its limits on Tuesday after heavy rain filled the reservoir to capacity."
    feed.write_text(rss(item("Council approves bridge repair") + item("Water limits lifted", other)), encoding="utf-8")
    result = run(str(feed))
    assert result.exit_code == 0, result.stderr
    sources = [source for story in stories(result) for source in story["sources"]]
    assert sorted(s["title"] for s in sources) == ["Council approves bridge repair", "Water limits lifted"]
    assert all(s["url"] is None for s in sources)
    assert run(str(feed)).stdout == ""


def test_items_dated_in_the_future_are_carried_once(tmp_path: Path) -> None:
    future = format_datetime(datetime.now(UTC) + timedelta(days=400))
    feed = tmp_path / "future.rss"
    feed.write_text(rss(item("Council approves bridge repair", guid="f1", date=future)), encoding="utf-8")
    result = run(str(feed), "--since", "24h")
    assert result.exit_code == 0, result.stderr
    assert [s["title"] for s in stories(result)] == ["Council approves bridge repair"]
    assert run(str(feed), "--since", "24h").stdout == ""


def test_a_file_url_in_a_feed_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("The secret launch code is 0000 and nobody must read it in a digest.", encoding="utf-8")
    feed = tmp_path / "file-links.rss"
    teaser = "Short teaser."
    feed.write_text(rss(item("Council approves bridge repair", teaser, "t1", link=secret.as_uri())), encoding="utf-8")
    config = tmp_path / "feeds.toml"
    config.write_text(f'[[sources]]\npath = "{feed}"\nfull_text = true\n', encoding="utf-8")
    result = run(str(config))
    assert "launch code" not in result.stdout
    assert result.exit_code in (0, 3), result.stderr


def test_a_file_url_as_a_source_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.rss"
    secret.write_text(rss(item("Secret item", guid="s1")), encoding="utf-8")
    result = run(str(good_feed(tmp_path)), secret.as_uri())
    assert_partial(result, secret.as_uri(), "only http:// and https://")


def test_a_file_url_in_an_opml_list_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.rss"
    secret.write_text(rss(item("Secret item", guid="s1")), encoding="utf-8")
    opml = tmp_path / "list.opml"
    opml.write_text(f'<opml><body><outline text="x" xmlUrl="{secret.as_uri()}"/></body></opml>', encoding="utf-8")
    result = run(str(good_feed(tmp_path)), str(opml))
    assert "Secret item" not in result.stdout
    assert result.exit_code == 3


# --- misbehaving servers --------------------------------------------------------------------------


class Misbehaving(BaseHTTPRequestHandler):
    """/silent never answers; /trickle sends a byte a second; /loop/N redirects to N+1 forever;
    /huge streams 1 GB of a valid-looking feed; /good is a small good feed."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        if self.path == "/silent":
            time.sleep(30)
        elif self.path == "/trickle":
            self._trickle()
        elif self.path.startswith("/loop/"):
            self.send_response(302)
            self.send_header("Location", f"/loop/{int(self.path.rsplit('/', 1)[1]) + 1}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/huge":
            self._huge()
        else:
            self._send(200, rss(item("Council approves bridge repair", guid="good-1")).encode())

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(10**9))
        self.end_headers()
        for _ in range(60):
            self.wfile.write(b" ")
            self.wfile.flush()
            time.sleep(1)

    def _huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(2**30))
        self.end_headers()
        chunk = item("Filler " * 100, "Filler sentence. " * 400).encode()[: 1 << 16].ljust(1 << 16, b" ")
        self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>')
        for _ in range(2**30 // len(chunk)):
            self.wfile.write(chunk)
            self.server.sent += len(chunk)  # type: ignore[attr-defined]

    def log_message(self, *args: object) -> None:
        pass

    def handle(self) -> None:
        with contextlib.suppress(TimeoutError, BrokenPipeError, ConnectionResetError):
            super().handle()


@pytest.fixture
def bad_server() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    server.daemon_threads = True
    server.hits = []  # type: ignore[attr-defined]
    server.sent = 0  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def url(server: ThreadingHTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def test_a_url_that_never_answers_times_out_and_the_rest_goes_out(bad_server: ThreadingHTTPServer) -> None:
    started = time.monotonic()
    result = run(url(bad_server, "/good"), url(bad_server, "/silent"))
    assert time.monotonic() - started < 20
    assert_partial(result, "/silent", "timed out")


def test_a_url_that_trickles_is_cut_off_in_bounded_time(bad_server: ThreadingHTTPServer) -> None:
    started = time.monotonic()
    result = run(url(bad_server, "/good"), url(bad_server, "/trickle"))
    assert time.monotonic() - started < 30
    assert_partial(result, "/trickle", "")


def test_a_url_that_redirects_forever_is_given_up(bad_server: ThreadingHTTPServer) -> None:
    result = run(url(bad_server, "/good"), url(bad_server, "/loop/0"))
    assert_partial(result, "/loop/0", "redirect")
    assert len([hit for hit in bad_server.hits if hit.startswith("/loop/")]) <= 11  # type: ignore[attr-defined]


def test_a_gigabyte_response_is_cut_at_the_size_cap(bad_server: ThreadingHTTPServer) -> None:
    started = time.monotonic()
    result = run(url(bad_server, "/good"), url(bad_server, "/huge"))
    assert time.monotonic() - started < 60
    assert_partial(result, "/huge", "limit")
    time.sleep(0.5)
    assert bad_server.sent < 100 * 2**20  # type: ignore[attr-defined]  # the client stopped reading near its cap


# --- servers whose answers break HTTP: raw sockets on loopback ----------------------------------------

HTML_PAGE = (
    "<html><head><title>Bridge works begin</title></head><body><article>"
    + "".join(f"<p>{GOOD}</p>" for _ in range(3))
    + "</article></body></html>"
).encode()


def _head(status: str = "HTTP/1.1 200 OK", *lines: str) -> bytes:
    return ("\r\n".join([status, *lines, "Connection: close"]) + "\r\n\r\n").encode("latin-1")


RAW_ANSWERS: dict[str, bytes] = {
    "/charset-page": _head("HTTP/1.1 200 OK", "Content-Type: text/html; charset=x-no-such-charset") + HTML_PAGE,
    "/charset-feed": _head("HTTP/1.1 200 OK", "Content-Type: application/rss+xml; charset=x-no-such-charset")
    + rss(item("Harbour ferry returns", guid="ferry-1")).encode(),
    "/many-headers": _head("HTTP/1.1 200 OK", *(f"X-Filler-{n}: {n}" for n in range(150))) + HTML_PAGE,
    "/long-header": _head("HTTP/1.1 200 OK", "X-Long: " + "a" * 70_000) + HTML_PAGE,
    "/bad-status": b"HTTP/1.1 two-hundred OK\r\nContent-Type: text/html\r\n\r\n" + HTML_PAGE,
    "/not-http": b"SSH-2.0-OpenSSH_9.6\r\n",
    "/truncated-chunks": _head("HTTP/1.1 200 OK", "Content-Type: text/html", "Transfer-Encoding: chunked")
    + b"400\r\n"
    + HTML_PAGE[:100],
    "/bad-chunk-size": _head("HTTP/1.1 200 OK", "Content-Type: text/html", "Transfer-Encoding: chunked")
    + b"zz\r\nhello\r\n0\r\n\r\n",
    "/short-body": _head("HTTP/1.1 200 OK", "Content-Type: text/html", "Content-Length: 99999") + HTML_PAGE[:200],
    "/ipv6-redirect": _head("HTTP/1.1 302 Found", "Location: http://[::1/broken", "Content-Length: 0"),
    "/port-redirect": _head("HTTP/1.1 302 Found", "Location: http://127.0.0.1:99999999/x", "Content-Length: 0"),
    "/empty": b"",
}


@pytest.fixture
def raw_server() -> Iterator[str]:
    """A loopback server that answers each path of RAW_ANSWERS with exactly those bytes, then closes."""
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def answer(connection: socket.socket) -> None:
        with connection:
            request = connection.recv(65536).decode("latin-1")
            path = request.split(" ")[1] if " " in request else "/"
            with contextlib.suppress(OSError):
                connection.sendall(RAW_ANSWERS.get(path, _head("HTTP/1.1 404 Not Found", "Content-Length: 0")))

    def loop() -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                connection, _ = listener.accept()
                answer(connection)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    listener.close()


BROKEN_ANSWERS = {
    "/charset-page": "x-no-such-charset",
    "/charset-feed": "x-no-such-charset",
    "/many-headers": "more than 100 headers",
    "/long-header": "header line",
    "/bad-status": "not a valid HTTP answer",
    "/not-http": "not a valid HTTP answer",
    "/truncated-chunks": "closed the connection",
    "/bad-chunk-size": "closed the connection",
    "/short-body": "closed the connection",
    "/ipv6-redirect": "redirect",
    "/port-redirect": "redirect",
    "/empty": "closed the connection",
}


@pytest.mark.parametrize(("path", "reason"), sorted(BROKEN_ANSWERS.items()))
def test_a_broken_http_answer_is_not_included_and_the_rest_goes_out(
    tmp_path: Path, raw_server: str, path: str, reason: str
) -> None:
    result = run(str(good_feed(tmp_path)), raw_server + path, "--state", str(tmp_path / "seen.db"))
    assert_partial(result, path, reason)
    assert "unexpected" not in result.stderr


@pytest.mark.parametrize(("path", "reason"), sorted(BROKEN_ANSWERS.items()))
def test_a_broken_http_answer_to_make_is_one_error_line(raw_server: str, path: str, reason: str) -> None:
    result = CliRunner().invoke(cli, ["make", raw_server + path])
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Error: ") and reason in result.stderr
    assert "unexpected" not in result.stderr


@pytest.mark.parametrize("address", ["http://[::1/feed", "http://127.0.0.1:99999999/", "http://exa mple.org/\x01"])
def test_a_malformed_url_source_is_not_included(tmp_path: Path, address: str) -> None:
    result = run(str(good_feed(tmp_path)), address, "--state", str(tmp_path / "seen.db"))
    assert result.exit_code == 3, result.stderr
    assert "unexpected" not in result.stderr
    assert any(line.startswith("Error: not included: ") for line in result.stderr.splitlines())
