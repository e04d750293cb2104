"""Reading sources: files, folders, globs, HTML, feeds (files and URLs), OPML and the TOML config."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_fetch import LocalServer, serve

from briefer.article.fetch import Validators
from briefer.article.location import read_single
from briefer.errors import InputError, UsageError
from briefer.sources.config import load_config
from briefer.sources.feeds import html_to_text
from briefer.sources.items import SourceSpec
from briefer.sources.read import read_source

DATA = Path(__file__).parent / "data" / "digest"


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with serve() as running:
        yield running


def test_folder_reads_text_files_with_headline_and_source() -> None:
    result = read_source(SourceSpec(str(DATA / "folder")))
    assert not result.failures
    titles = sorted(item.title or "" for item in result.items)
    assert titles[0] == "Harbour bridge in Port Alder open again after repairs"
    assert len(result.items) == 3  # notes.bin is not an article suffix
    coast = next(item for item in result.items if item.source == "Coast Times")
    assert coast.body.startswith("The harbour bridge in Port Alder reopened")
    assert coast.published is not None and coast.published.tzinfo is UTC


def test_glob_and_missing_paths(tmp_path: Path) -> None:
    result = read_source(SourceSpec(str(DATA / "folder" / "bridge-*.txt")))
    assert [item.source for item in result.items] == ["Coast Times", "Valley Post"]
    nothing = read_source(SourceSpec(str(tmp_path / "*.txt")))
    assert nothing.items == [] and "matches no files" in nothing.failures[0].reason
    missing = read_source(SourceSpec(str(tmp_path / "gone.txt"), name="Gone"))
    assert missing.failures[0].source == "Gone" and "no such file" in missing.failures[0].reason


def test_one_bad_file_in_a_folder_fails_alone(tmp_path: Path) -> None:
    shutil.copy(DATA / "folder" / "library.txt", tmp_path)
    (tmp_path / "broken.txt").write_bytes(b"caf\xe9 au lait, \xff\xfe broken bytes")
    result = read_source(SourceSpec(str(tmp_path)))
    assert [item.source for item in result.items] == ["Northfield Herald"]
    assert result.failures[0].source.endswith("broken.txt")
    assert "--encoding" in result.failures[0].reason


def test_html_file_main_text_without_navigation() -> None:
    [item] = read_source(SourceSpec(str(DATA / "page.html"))).items
    assert item.title == "Ferry strike called off after late-night deal"
    assert item.source == "Island Echo"
    assert item.body.startswith("A ferry strike planned for Thursday")
    assert "Home" not in item.body and "Copyright" not in item.body
    assert item.published == datetime(2026, 3, 3, tzinfo=UTC)


def test_feed_files_rss_and_atom() -> None:
    rss = read_source(SourceSpec(str(DATA / "feed.rss"))).items
    assert [item.guid for item in rss] == ["coast-1001", "coast-1002"]
    assert rss[0].source == "Coast Times" and rss[0].url == "https://coast.example/bridge"
    assert rss[0].body.split("\n\n")[1].startswith("Mayor Ruth Okafor")  # HTML paragraphs kept
    assert rss[0].published == datetime(2026, 3, 2, 9, tzinfo=UTC)
    [atom] = read_source(SourceSpec(str(DATA / "feed.atom"), name="Valley")).items
    assert atom.source == "Valley" and atom.guid == "urn:valley-post:77" and "<p>" not in atom.body


def test_opml_lists_feeds_relative_to_itself() -> None:
    result = read_source(SourceSpec(str(DATA / "feeds.opml")))
    assert not result.failures
    assert sorted({item.source for item in result.items}) == ["Coast Times", "Valley Post"]


def test_include_and_exclude_patterns() -> None:
    spec = SourceSpec(str(DATA / "feed.rss"), include=("*bridge*",))
    assert [item.guid for item in read_source(spec).items] == ["coast-1001"]
    spec = SourceSpec(str(DATA / "feed.rss"), exclude=("*STORM*",))
    assert [item.guid for item in read_source(spec).items] == ["coast-1001"]


def test_feed_url_with_conditional_request_and_validators(server: LocalServer) -> None:
    feed = (DATA / "feed.rss").read_bytes()

    def answer(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if headers.get("if-none-match") == '"r1"':
            return 304, {}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"r1"'}, feed

    server.routes["/feed"] = answer
    first = read_source(SourceSpec(server.url("/feed")))
    assert len(first.items) == 2 and first.validators == {server.url("/feed"): Validators('"r1"', None)}
    again = read_source(SourceSpec(server.url("/feed")), lambda url: first.validators.get(url))
    assert again.items == [] and again.failures == []


def test_full_text_replaces_a_teaser(server: LocalServer) -> None:
    teaser = (DATA / "feed.rss").read_text().replace("https://coast.example/bridge", server.url("/bridge"))
    server.routes["/feed"] = (200, {"Content-Type": "application/rss+xml"}, teaser.encode())
    server.routes["/bridge"] = (200, {"Content-Type": "text/html"}, (DATA / "page.html").read_bytes())
    items = read_source(SourceSpec(server.url("/feed"), full_text=True)).items
    assert items[0].body.startswith("A ferry strike planned")  # the page's text, not the teaser
    assert items[0].guid == "coast-1001"


def test_failing_url_is_a_failure_not_an_exception(server: LocalServer) -> None:
    result = read_source(SourceSpec(server.url("/gone"), name="Gone Daily"))
    assert result.items == []
    assert result.failures[0].source == "Gone Daily" and "404" in result.failures[0].reason


def test_broken_feed_is_reported(tmp_path: Path) -> None:
    (tmp_path / "bad.rss").write_text("<rss><channel><item><title>oops")
    result = read_source(SourceSpec(str(tmp_path / "bad.rss")))
    assert result.failures and "feed" in result.failures[0].reason


def test_article_url_and_read_single(server: LocalServer) -> None:
    server.routes["/ferry"] = (
        200,
        {"Content-Type": "text/html; charset=utf-8"},
        (DATA / "page.html").read_bytes(),
    )
    article = read_single(server.url("/ferry"))
    assert article.title == "Ferry strike called off after late-night deal"
    assert article.source == "Island Echo"
    assert read_single(str(DATA / "page.html")).body == article.body
    assert read_single(str(DATA / "folder" / "library.txt")).source == "Northfield Herald"
    with pytest.raises(InputError, match="404"):
        read_single(server.url("/missing"))


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    text = html_to_text("<p>One &amp; two.</p><script>alert(1)</script><p>Three<br>four.</p>")
    assert text == "One & two.\n\nThree\n\nfour."
    assert html_to_text("Plain &lt;b&gt; text") == "Plain <b> text"


def test_config_file(tmp_path: Path) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text(
        'title = "Morning"\nformat = "html"\n\n[[sources]]\npath = "news"\nname = "Local"\nmax_items = 5\n'
        '\n[[sources]]\nurl = "https://coast.example/feed.xml"\nfull_text = true\ninclude = ["*port*"]\n'
    )
    loaded = load_config(config)
    assert loaded.options == {"title": "Morning", "format": "html"}
    local, coast = loaded.sources
    assert local.location == str(tmp_path / "news") and local.max_items == 5 and local.name == "Local"
    assert coast.full_text and coast.include == ("*port*",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('colour = "red"\n[[sources]]\npath = "x"\n', "unknown key 'colour'"),
        ('[[sources]]\npath = "x"\nmax_item = 3\n', "unknown key 'max_item'"),
        ('[[sources]]\nname = "x"\n', "exactly one of url or path"),
        ('[[sources]]\npath = "x"\nmax_items = "ten"\n', "max_items must be a int"),
        ('title = "no sources"\n', "no sources"),
        ("[[sources]\n", "not valid TOML"),
    ],
)
def test_config_mistakes_are_usage_errors(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text(text)
    with pytest.raises(UsageError, match=message):
        load_config(config)
