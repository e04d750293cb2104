"""Coverage-guided fuzzing (atheris) of the readers and the pipeline, for a bounded time.

    python bench/fuzz.py --seconds 600          # alone
    python bench/run.py fuzz                    # as a benchmark part (300 s; 30 s with --quick)

Each input goes to one of three targets, chosen by its first byte: the article reader (bytes →
decode → plain-text convention → limits → brief → every format), the feed and page readers
(feedparser, the feed HTML-to-text converter, the HTML article reader), and the text pipeline
directly (any Unicode string → brief). A target may refuse an input only with a BrieferError; the
JSON must parse; the HTML brief must hold no tag that its template does not write. Anything else
is a finding: its input is saved under bench/.cache/fuzz/findings/ and the run goes on. The corpus
starts from the bad-input files of the tests and grows in bench/.cache/fuzz/corpus/. The summary
goes to docs/robustness.md between this part's markers. Needs `pip install atheris` (the `fuzz` extra).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import time
import traceback
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache" / "fuzz"
SEEDS = [ROOT / "tests" / "data" / "bad", ROOT / "tests" / "data" / "digest", ROOT / "examples"]
REPORT = ROOT / "docs" / "robustness.md"
NAME = "fuzz"
MAX_LEN = 4096  # bytes per input: long enough for a few paragraphs or a small feed
TEMPLATE_TAGS = frozenset(
    {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "article",
        "h1",
        "h2",
        "p",
        "sup",
        "a",
        "time",
        "table",
        "tr",
        "th",
        "td",
        "strong",
        "br",
        "ul",
        "li",
        "ol",
        "blockquote",
    }
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def check_brief(brief: object) -> None:
    """Every format renders; JSON parses; the HTML holds only the template's own tags."""
    from briefer.render.templates import render

    for fmt in ("md", "txt"):
        render(brief, fmt)  # type: ignore[arg-type]
    json.loads(render(brief, "json"))  # type: ignore[arg-type]
    parser = _Tags()
    parser.feed(render(brief, "html"))  # type: ignore[arg-type]
    if not parser.tags <= TEMPLATE_TAGS:
        raise AssertionError(f"HTML brief carries tags from the article: {sorted(parser.tags - TEMPLATE_TAGS)}")


def article_target(data: bytes) -> None:
    from briefer.article.language import check_language
    from briefer.article.limits import bound_text
    from briefer.article.read import decode, parse_plain_text
    from briefer.pipeline import brief_article
    from briefer.rank import Length

    article = parse_plain_text(decode(data, "utf-8", "fuzz"))
    check_language(article.body)
    article = type(article)(bound_text(article.body, warn=lambda _: None), article.title, article.source)
    check_brief(brief_article(article, Length()))


def reader_target(data: bytes) -> None:
    from briefer.article.read import parse_html
    from briefer.sources.feeds import html_to_text, parse_feed
    from briefer.sources.items import SourceSpec

    try:
        parse_feed(data, SourceSpec("fuzz"), "fuzz")
    finally:
        text = data.decode("utf-8", "replace")
        html_to_text(text)
        parse_html(text, "fuzz")


def text_target(data: bytes) -> None:
    import atheris

    from briefer.pipeline import make_brief

    provider = atheris.FuzzedDataProvider(data)
    method = ["news", "lead", "luhn", "textrank", "lexrank", "lsa", "sumbasic"][provider.ConsumeIntInRange(0, 6)]
    words = provider.ConsumeIntInRange(0, 60) or None
    check_brief(make_brief(provider.ConsumeUnicodeNoSurrogates(MAX_LEN), method=method, words=words))


TARGETS = (article_target, reader_target, text_target)


def one_input(data: bytes) -> None:
    """Run one input through its target; keep anything but a BrieferError as a finding."""
    from briefer.errors import BrieferError

    if not data:
        return
    try:
        TARGETS[data[0] % len(TARGETS)](data[1:])
    except BrieferError:
        pass
    except Exception as error:  # every other exception is what the fuzzer looks for
        save_finding(data, error)


def save_finding(data: bytes, error: Exception) -> None:
    frames = traceback.extract_tb(error.__traceback__)
    where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames) if "briefer" in f.filename), "?")
    key = f"{type(error).__name__} at {where}"
    folder = CACHE / "findings" / re.sub(r"\W+", "-", key)
    if not folder.exists():
        folder.mkdir(parents=True)
        (folder / "error.txt").write_text(f"{key}: {error}\n\n{''.join(traceback.format_exception(error))}")
        print(f"\nFINDING {key}: {error}", file=sys.stderr, flush=True)
    (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def seed_corpus(corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    for folder in SEEDS:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.stat().st_size <= MAX_LEN):
            for target in range(len(TARGETS)):
                (corpus / f"seed-{target}-{path.name}").write_bytes(bytes([target]) + path.read_bytes())


def child(seconds: int) -> None:
    """Run atheris in this process until `seconds` have passed (libFuzzer then exits the process)."""
    import atheris

    with atheris.instrument_imports():
        pass
    corpus = CACHE / "corpus"
    seed_corpus(corpus)
    flags = [f"-max_total_time={seconds}", f"-max_len={MAX_LEN}", "-timeout=30", "-rss_limit_mb=3072"]
    atheris.Setup([sys.argv[0], *flags, "-print_final_stats=1", str(corpus)], one_input)
    atheris.Fuzz()


def run(seconds: int) -> dict[str, object]:
    """Fuzz for `seconds` in a child process; the figures of the run."""
    started = time.monotonic()
    command = [sys.executable, __file__, "--child", "--seconds", str(seconds)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, errors="replace")
    log = done.stdout + done.stderr
    (CACHE / "last-run.log").write_text(log, encoding="utf-8")
    runs = re.findall(r"Done (\d+) runs in (\d+) second", log)
    coverage = re.findall(r"cov: (\d+) ft: (\d+) corp: (\d+)", log)
    findings = sorted(p.name for p in (CACHE / "findings").glob("*")) if (CACHE / "findings").exists() else []
    return {
        "seconds": round(time.monotonic() - started),
        "exit": done.returncode,
        "runs": int(runs[-1][0]) if runs else None,
        "coverage": coverage[-1] if coverage else None,
        "corpus": len(list((CACHE / "corpus").glob("*"))),
        "findings": findings,
        "crashed": "==ERROR" in log or "Timeout" in log or "out-of-memory" in log,
    }


def summary(result: dict[str, object]) -> str:
    cov = result["coverage"] or ("?", "?", "?")
    lines = [
        f"- Run of {result['seconds']} s: {result['runs']} inputs, coverage {cov[0]} edges / {cov[1]} features,"  # type: ignore[index]
        f" corpus {result['corpus']} inputs (seeded from tests/data/bad, tests/data/digest, examples).",
        f"- libFuzzer stopped {'on a crash, timeout or memory limit' if result['crashed'] else 'at the time limit'}"
        f" (exit {result['exit']}).",
        f"- Findings kept in bench/.cache/fuzz/findings/: {', '.join(result['findings']) or 'none'}",  # type: ignore[arg-type]
    ]
    return "\n".join(lines)


def write_report(body: str, command: str) -> None:
    begin, end = f"<!-- bench:{NAME}:begin -->", f"<!-- bench:{NAME}:end -->"
    stamp = f"{time.strftime('%Y-%m-%d')} · Python {sys.version.split()[0]}"
    section = f"{begin}\n{body}\n\nCommand: `{command}` · {stamp}\n{end}"
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Robustness\n"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    REPORT.write_text(text.rstrip() + "\n", encoding="utf-8")


def main(args: argparse.Namespace) -> int:
    """The benchmark part: fuzz, then write the figures."""
    if shutil.which(sys.executable) is None or not _has_atheris():
        print("fuzz: atheris is not installed; pip install '.[fuzz]' (or pip install atheris)", file=sys.stderr)
        return 0
    seconds = getattr(args, "seconds", None) or (30 if getattr(args, "quick", False) else 300)
    CACHE.mkdir(parents=True, exist_ok=True)
    result = run(seconds)
    body = summary(result)
    print(body)
    write_report(body, f"python bench/fuzz.py --seconds {seconds}")
    return 1 if result["findings"] or result["crashed"] else 0


def _has_atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=300, help="how long to fuzz (default 300)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        child(options.seconds)
    else:
        sys.exit(main(options))
