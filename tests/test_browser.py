"""The HTML a reader sees, in a real browser (headless Chromium): no sideways scrolling on a phone or a
desktop, and nothing in the console. Skips with an install hint where Chromium is absent."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM, INSTALL_HINT, Chromium

from briefer.digest.run import DigestOptions, run_digest
from briefer.mail.body import brief_content, digest_content
from briefer.models import Brief
from briefer.pipeline import make_brief
from briefer.render.templates import render
from briefer.sources.items import SourceSpec

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=INSTALL_HINT)

WIDTHS = {"phone": 375, "desktop": 1280}
DIGEST_DATA = Path(__file__).parent / "data" / "digest"
LONG_WORD = "Hydroelectricityinfrastructurereinvestmentprogrammeannouncement" * 2
ARTICLE = (
    "The Riverside library board approved a plan on Tuesday to open on Sundays from next spring. "
    f"Board chair Amara Lindqvist said the {LONG_WORD} would cost about $120,000 a year. "
    "The city council will vote on the budget on March 3. "
    '"People asked for this for years," Lindqvist said.'
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    with Chromium() as running:
        yield running


def brief(long_words: bool = False) -> Brief:
    text = ARTICLE if long_words else ARTICLE.replace(LONG_WORD, "plan")
    return make_brief(text, title="Riverside library to open on Sundays", source="Riverside Courier")


def digest_page(tmp_path: Path, fmt: str = "html") -> str:
    written: list[str] = []
    specs = [SourceSpec(str(DIGEST_DATA / name)) for name in ("folder", "feed.rss")]
    run_digest(specs, DigestOptions(fmt=fmt), tmp_path / "seen.db", written.append)
    return written[0]


def digest_mail(tmp_path: Path) -> str:
    return digest_content(json.loads(digest_page(tmp_path, "json"))).html


PAGES: dict[str, Callable[[Path], str]] = {
    "mail brief": lambda _: brief_content(brief()).html,
    "mail brief, long words": lambda _: brief_content(brief(long_words=True)).html,
    "brief page": lambda _: render(brief(), "html"),
    "digest page": digest_page,
    "mail digest": digest_mail,
}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_the_screen_without_console_errors(browser: Chromium, tmp_path: Path, name: str, width: int) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text(PAGES[name](tmp_path), encoding="utf-8")
    page = browser.load(page_file, width)
    assert page.client_width == width
    assert not page.scrolls_sideways, f"{name} is {page.scroll_width}px wide in a {width}px screen"
    assert page.errors == []
    assert page.height > 200


def test_brief_page_wraps_long_words_on_a_phone(browser: Chromium, tmp_path: Path) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text(render(brief(long_words=True), "html"), encoding="utf-8")
    assert not browser.load(page_file, WIDTHS["phone"]).scrolls_sideways


def test_a_console_error_would_be_seen(browser: Chromium, tmp_path: Path) -> None:
    page_file = tmp_path / "bad.html"
    page_file.write_text('<img src="missing.png"><div style="width:2000px">wide</div>', encoding="utf-8")
    page = browser.load(page_file, 375)
    assert page.scrolls_sideways
    assert any("missing.png" in error or "ERR_FILE_NOT_FOUND" in error for error in page.errors)


def test_install_hint_names_the_package() -> None:
    assert "apt-get install -y chromium" in INSTALL_HINT
    assert shutil.which(str(CHROMIUM))
