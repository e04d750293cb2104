"""What a reader sees in the HTML brief, the HTML digest and their mails: mentions, dates, Who, outlets."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from briefer.digest.run import DigestOptions, run_digest
from briefer.sources.items import SourceSpec

DATA = Path(__file__).parent / "data" / "digest"


@pytest.fixture(autouse=True)
def fixed_time_and_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772500000")  # 2026-03-03T01:06:40Z
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def digest_html(tmp_path: Path) -> str:
    written: list[str] = []
    specs = [SourceSpec(str(DATA / name)) for name in ("folder", "feed.rss", "feed.atom")]
    run_digest(specs, DigestOptions(fmt="html"), tmp_path / "seen.db", written.append)
    return written[0]


def bridge_meta(html: str) -> str:
    return re.search(r'<article id="story-1">.*?<p class="meta">(.*?)</p>', html, re.S).group(1)


def test_the_digest_header_shows_a_readable_local_date(tmp_path: Path) -> None:
    html = digest_html(tmp_path)
    header = re.search(r"<header>.*?</header>", html, re.S).group(0)
    assert "3 March 2026, 02:06" in header
    assert "T01:06:40" not in re.sub(r'datetime="[^"]*"', "", header)


def test_also_reported_by_names_other_outlets_only(tmp_path: Path) -> None:
    meta = bridge_meta(digest_html(tmp_path))
    lead = re.sub(r"<[^>]+>", "", meta).split(" · ")[0]
    also = re.sub(r"<[^>]+>", "", meta).split("also reported by ")[1]
    others = also.split(", ")
    assert {lead, *others} == {"Coast Times", "Valley Post"}
    assert lead not in others and len(others) == len(set(others))


def test_the_story_count_says_articles_and_outlets(tmp_path: Path) -> None:
    html = digest_html(tmp_path)
    assert "(3 articles from 2 outlets)" in html
    assert "(3 sources)" not in html


def test_people_organisations_and_places_are_separate_lines_in_the_digest(tmp_path: Path) -> None:
    blocks = re.findall(r"<h3>Who</h3>(.*?)<h3>", digest_html(tmp_path), re.S)
    assert "<strong>People:</strong>" in blocks[0]
    for block in blocks:
        for line in block.strip().split("</p>"):
            assert len(re.findall(r"<strong>(People|Organisations|Places):</strong>", line)) <= 1


def test_the_mentions_count_is_not_followed_by_a_superscript() -> None:
    from briefer import make_brief, render

    text = (Path(__file__).parent.parent / "examples" / "harbour-bridge.txt").read_text()
    html = render(make_brief(text), "html")
    assert not re.search(r"<td>\d+ <sup>", html)
    assert re.search(r"<td>3 · first in <a class=\"ref\" href=\"#s\d+\"", html)
