"""Pages as other outlets publish them (self-written copies): declared charsets, site suffixes in
headlines, the publisher's name, and widgets and credit lines that are not the article."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_fetch import LocalServer, serve

from briefer.cli import cli

PAGES = Path(__file__).parent / "data" / "pages"


def brief_of(location: str) -> dict:
    result = CliRunner().invoke(cli, ["make", location, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    with serve() as running:
        yield running


@pytest.mark.parametrize("name", ["latin1-meta.html", "latin1-charset.html"])
def test_a_page_declaring_latin1_in_a_meta_tag_is_read_in_that_charset(name: str) -> None:
    brief = brief_of(str(PAGES / name))
    assert brief["title"] == "Café owners in Port Elms win a reprieve on rents"
    assert "Renée Lefèvre" in [person["name"] for person in brief["who"]]


def test_a_served_page_without_a_charset_header_is_read_in_its_declared_charset(server: LocalServer) -> None:
    server.routes["/cafe"] = (200, {"Content-Type": "text/html"}, (PAGES / "latin1-meta.html").read_bytes())
    brief = brief_of(server.url("/cafe"))
    assert brief["title"].startswith("Café owners")


def test_a_charset_header_wins_over_the_page_declaration(server: LocalServer) -> None:
    body = (PAGES / "latin1-meta.html").read_bytes().decode("latin-1").encode("utf-8")
    server.routes["/cafe"] = (200, {"Content-Type": "text/html; charset=utf-8"}, body)
    assert brief_of(server.url("/cafe"))["title"].startswith("Café owners")


def test_a_site_name_suffix_is_stripped_from_the_headline() -> None:
    brief = brief_of(str(PAGES / "suffix-dash.html"))
    assert brief["title"] == "Orbital freighter launch slips to spring after valve fault"
    assert brief["source"] == "OrbitWatch"


def test_a_site_and_date_suffix_is_stripped_from_the_headline() -> None:
    brief = brief_of(str(PAGES / "suffix-pipe.html"))
    assert brief["title"] == "River ferry strike ends after three days of talks"


def test_the_source_is_the_publisher_not_the_hosting_subdomain() -> None:
    assert brief_of(str(PAGES / "hosted-wire.html"))["source"] == "Wire Press"


def test_credit_lines_and_reading_lists_are_not_article_text() -> None:
    brief = brief_of(str(PAGES / "boilerplate.html"))
    names = [entity["name"] for entity in brief["who"]]
    for outsider in ("Felix Dorn", "Jonas Ekberg", "Lucia Ferro", "Ada Kowal", "Hugo Brandt", "Nina Solberg"):
        assert outsider not in names
    assert "Victor Pell" not in names  # the related-links widget
    assert "Priya Nair" in names
    texts = " ".join(item["text"] for item in brief["commitments"])
    assert "veto" not in texts and "museum" not in texts and "rebuild" not in texts


def test_a_headline_s_own_dash_stays() -> None:
    from briefer.article.page import strip_site_suffix

    title = "Council approves the harbour bridge repair - but the cost keeps rising"
    assert strip_site_suffix(title, "Port Elms Courier") == title
    assert strip_site_suffix(title + " | Port Elms Courier", None) == title


def test_an_unknown_encoding_given_for_a_page_is_reported_not_replaced() -> None:
    result = CliRunner().invoke(cli, ["make", str(PAGES / "latin1-meta.html"), "--encoding", "latin-9000"])
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown encoding 'latin-9000': give a name such as utf-8 or latin-1\n"
