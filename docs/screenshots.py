"""Take the screenshots in docs/: the brief page, the brief as mail and the digest, at phone and desktop widths.

    python docs/screenshots.py            # writes docs/<name>-phone.png and docs/<name>-desktop.png

Needs headless Chromium (Debian: apt-get install -y chromium). The pages come from the bundled
example article and the self-written digest sources in tests/data/digest; the time is fixed so
the pictures only change when the output does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from chromium import Chromium  # noqa: E402  (tests/ is put on the path above)

WIDTHS = {"phone": 375, "desktop": 1280}
EXAMPLE = ROOT / "examples" / "harbour-bridge.txt"
DIGEST_SOURCES = ROOT / "tests" / "data" / "digest"


def example_brief() -> object:
    from briefer.article.read import read_article
    from briefer.pipeline import brief_article
    from briefer.rank import Length

    return brief_article(read_article(str(EXAMPLE)), Length())


def brief_page() -> str:
    from briefer.render.templates import render

    return render(example_brief(), "html")  # type: ignore[arg-type]


def brief_mail() -> str:
    from briefer.mail.body import brief_content

    return brief_content(example_brief()).html  # type: ignore[arg-type]


def digest_page(fmt: str = "html") -> str:
    from briefer.digest.run import DigestOptions, run_digest
    from briefer.sources.items import SourceSpec

    written: list[str] = []
    specs = [SourceSpec(str(DIGEST_SOURCES / name)) for name in ("folder", "feed.rss", "feed.atom")]
    with tempfile.TemporaryDirectory() as state:
        run_digest(specs, DigestOptions(fmt=fmt), Path(state) / "seen.db", written.append)
    return written[0]


def digest_mail() -> str:
    from briefer.mail.body import digest_content

    return digest_content(json.loads(digest_page("json"))).html


PAGES: dict[str, Callable[[], str]] = {
    "brief": brief_page,
    "mail-brief": brief_mail,
    "digest": digest_page,
    "mail-digest": digest_mail,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNG files (default: docs/)")
    parser.add_argument("pages", nargs="*", choices=[*PAGES, []], help="pages to take (default: all)")
    args = parser.parse_args(argv)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1772500000")
    with tempfile.TemporaryDirectory() as folder, Chromium() as browser:
        for name in args.pages or PAGES:
            page = Path(folder) / f"{name}.html"
            page.write_text(PAGES[name](), encoding="utf-8")
            for label, width in WIDTHS.items():
                target = args.out / f"{name}-{label}.png"
                browser.screenshot(page, width, target)
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
