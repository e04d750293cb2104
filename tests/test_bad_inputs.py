"""`briefer make` on hostile and broken input: each case gets its brief or one error line and exit code.

The small files are in tests/data/bad/ (written for these tests); large ones are generated here.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_fetch import serve

from briefer.cli import cli

BAD = Path(__file__).parent / "data" / "bad"


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["make", *args], input=stdin)


def assert_error(result: Result, code: int, *fragments: str) -> None:
    """One line on stderr starting `Error: `, naming every fragment; nothing on stdout; no traceback."""
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def brief_json(*args: str) -> dict:
    result = run(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def all_text(brief: dict) -> str:
    return json.dumps(brief, ensure_ascii=False)


# file, exit code, fragments of the error line
REFUSED = [
    ("empty.txt", 1, ["is empty", "at least one sentence"]),
    ("whitespace.txt", 1, ["is empty"]),
    ("image.png.txt", 1, ["a PNG image", "binary"]),
    ("article.txt.gz", 1, ["gzip-compressed", "gunzip"]),
    ("scan.pdf", 1, ["a PDF document", "pdftotext"]),
    ("archive.zip", 1, ["zip archive", "plain text"]),
    ("noise.bin", 1, ["binary file"]),
    ("latin1.txt", 1, ["not valid utf-8", "--encoding latin-1"]),
    ("cp1252.txt", 1, ["not valid utf-8", "--encoding cp1252"]),
    ("french.txt", 1, ["looks like French", "English articles only", "--language english"]),
    ("german.txt", 1, ["looks like German", "English"]),
    ("spanish.txt", 1, ["looks like Spanish", "English"]),
    ("chinese.txt", 1, ["looks like Chinese", "English"]),
    ("arabic.txt", 1, ["looks like Arabic", "English"]),
]


@pytest.mark.parametrize(("name", "code", "fragments"), REFUSED, ids=[case[0] for case in REFUSED])
def test_unusable_inputs_are_refused_with_one_line(name: str, code: int, fragments: list[str]) -> None:
    assert_error(run(str(BAD / name)), code, *fragments)


def test_html_that_is_only_navigation_is_refused() -> None:
    page = (BAD / "navigation-only.html").read_bytes()
    assert_error(run("-", stdin=page), 1, "no article text", "menus")


def test_a_refused_input_never_touches_the_output_file(tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    target.write_text("the old brief", encoding="utf-8")
    assert_error(run(str(BAD / "scan.pdf"), "-o", str(target)), 1, "PDF")
    assert target.read_text(encoding="utf-8") == "the old brief"


def test_one_word_is_a_brief_of_that_word() -> None:
    brief = brief_json(str(BAD / "one-word.txt"))
    assert [pick["text"] for pick in brief["what"]] == ["Tariffs"]


@pytest.mark.parametrize("name", ["utf16-bom.txt", "utf16le-no-bom.txt", "utf16be-no-bom.txt", "utf32-bom.txt"])
def test_utf16_and_utf32_are_recognised_with_or_without_a_byte_order_mark(name: str) -> None:
    brief = brief_json(str(BAD / name))
    assert brief["title"] == "Harbour ferry returns after repairs"
    assert brief["what"][0]["text"].startswith("The harbour ferry returned")


@pytest.mark.parametrize(("name", "encoding"), [("latin1.txt", "latin-1"), ("cp1252.txt", "cp1252")])
def test_legacy_encodings_read_with_the_option_the_error_named(name: str, encoding: str) -> None:
    brief = brief_json(str(BAD / name), "--encoding", encoding)
    assert brief["title"] == "Café owners meet the mayor"
    assert "Rue Süd" in all_text(brief)


def test_windows_1252_quotes_and_dashes_survive() -> None:
    assert "“terrace fee” – again" in all_text(brief_json(str(BAD / "cp1252.txt"), "--encoding", "cp1252"))


def test_sparse_nul_bytes_are_dropped_and_the_article_briefed() -> None:
    brief = brief_json(str(BAD / "nul-bytes.txt"))
    assert "\x00" not in all_text(brief)
    assert "three weeks" in all_text(brief)


def test_mixed_line_endings_give_the_same_paragraphs_as_unix_ones() -> None:
    brief = brief_json(str(BAD / "mixed-line-endings.txt"))
    assert brief["title"] == "Harbour ferry returns after repairs"
    assert brief["stats"]["sentences"] == 4
    assert "\r" not in all_text(brief) and "\u2029" not in all_text(brief)


def test_mojibake_is_repaired() -> None:
    brief = brief_json(str(BAD / "mojibake.txt"))
    assert brief["title"] == "Café owners meet the mayor"
    text = all_text(brief)
    assert "Rue Süd" in text and "“terrace fee”" in text and "Ã" not in text


def test_right_to_left_and_combining_text_is_kept_composed_without_bidi_overrides() -> None:
    text = all_text(brief_json(str(BAD / "rtl-combining.txt")))
    assert "חיפה" in text and "قلقيلية" in text
    assert "Renée Lefèvre" in text  # composed: e + U+0301 became é
    assert "\u202e" not in text and "\u202c" not in text


def test_emoji_pass_through_whole() -> None:
    text = all_text(brief_json(str(BAD / "emoji.txt")))
    assert "👩‍👩‍👧" in text and "👍🏽" in text


def test_terminal_escape_sequences_are_removed() -> None:
    result = run(str(BAD / "terminal-escapes.txt"), "-f", "txt")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "ferry returned to service" in result.stdout


def test_a_non_english_article_is_briefed_when_the_user_says_it_is_english() -> None:
    assert brief_json(str(BAD / "french.txt"), "--language", "english")["what"]


def test_an_english_article_with_a_foreign_quotation_is_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "quote.txt"
    path.write_text(
        "The mayor of Port Elms opened the bridge on Monday and said «nous sommes très fiers du pont». "
        "The work took two years and cost $48 million, the council said in a statement.",
        encoding="utf-8",
    )
    assert brief_json(str(path))["what"]


def test_a_one_megabyte_sentence_is_briefed_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "run-on.txt"
    path.write_text(" ".join(f"word{n % 97}" for n in range(160_000))[:1_000_000], encoding="utf-8")
    started = time.monotonic()
    result = run(str(path), "-f", "json", "--words", "60")
    assert result.exit_code == 0, result.stderr
    assert time.monotonic() - started < 60
    brief = json.loads(result.stdout)
    assert brief["stats"]["brief_words"] <= 60
    assert "--max-chars" in result.stderr  # says that only part of it was briefed, and how to brief more


def test_a_hundred_megabyte_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: no disk or memory is spent
    started = time.monotonic()
    assert_error(run(str(path)), 1, "larger than the 50 MB limit", "--max-bytes")
    assert time.monotonic() - started < 5


def test_stdin_over_the_limit_is_refused_after_reading_only_the_limit() -> None:
    data = b"The council met again today. " * 40_000  # about 1.2 MB
    assert_error(run("-", "--max-bytes", "1M", stdin=data), 1, "stdin is larger than the 1 MB limit")


def test_the_size_limit_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The council approved the harbour bridge repair on Monday. " * 40, encoding="utf-8")
    assert_error(run(str(path), "--max-bytes", "1K"), 1, "1 KB limit")
    assert run(str(path), "--max-bytes", "10K").exit_code == 0


def test_a_size_that_is_not_a_size_is_misuse(tmp_path: Path) -> None:
    assert_error(run(str(BAD / "one-word.txt"), "--max-bytes", "lots"), 2, "not a size")


def test_the_character_limit_says_what_was_left_out_and_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("The council met again on Tuesday to discuss the budget.\n" * 200, encoding="utf-8")
    cut = run(str(path), "-f", "json", "--max-chars", "1000")
    assert cut.exit_code == 0
    assert json.loads(cut.stdout)["stats"]["sentences"] < 20
    assert "--max-chars" in cut.stderr
    whole = run(str(path), "-f", "json", "--max-chars", "0")
    assert json.loads(whole.stdout)["stats"]["sentences"] == 200
    assert "--max-chars" not in whole.stderr


def test_many_tiny_sentences_are_briefed_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "yes.txt"
    path.write_text("Yes. " * 100_000, encoding="utf-8")
    started = time.monotonic()
    brief = brief_json(str(path))
    assert time.monotonic() - started < 60
    assert brief["stats"]["sentences"] <= 5_000


def test_an_article_that_only_repeats_its_headline_is_briefed() -> None:
    brief = brief_json(str(BAD / "headline-twice.txt"))
    assert [pick["text"] for pick in brief["what"]] == ["Bridge reopens after repairs"]
    assert brief["source"] == "Reuters"


FUZZ_FINDINGS = sorted((BAD / "fuzz").iterdir())


@pytest.mark.parametrize("path", FUZZ_FINDINGS, ids=[path.name for path in FUZZ_FINDINGS])
def test_fuzz_findings_get_a_brief_or_one_error_line(path: Path, tmp_path: Path) -> None:
    """Inputs that made the fuzzer (bench/fuzz.py) fail, replayed as its target saw them: the first byte
    chose the target (0: an article file for make, 1: a feed for digest, 2: text for the pipeline)."""
    target, data = path.read_bytes()[0] % 3, path.read_bytes()[1:]
    if target == 1:
        feed = tmp_path / "fuzz.rss"
        feed.write_bytes(data)
        result = CliRunner().invoke(cli, ["digest", str(feed), "--dry-run", "--state", str(tmp_path / "s.db")])
        assert result.exit_code in (0, 1, 3), result.stderr
        assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
        return
    result = run("-", "-f", "json", "--language", "english" if target == 2 else "auto", stdin=data)
    if result.exit_code == 0:
        json.loads(result.stdout)
    else:
        assert_error(result, 1)
        assert "unexpected" not in result.stderr


def page(body: str, title: str = "Port Elms news") -> bytes:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>".encode()


def test_an_html_file_that_is_only_navigation_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_bytes((BAD / "navigation-only.html").read_bytes())
    assert_error(run(str(path)), 1, "no article text", "menus")


def test_a_page_in_another_language_is_refused_by_url_too(tmp_path: Path) -> None:
    french = "".join(f"<p>{line}</p>" for line in (BAD / "french.txt").read_text(encoding="utf-8").splitlines()[2:])
    body = page(f"<article>{french}</article>", "Le conseil approuve le pont")
    with serve() as server:
        server.routes["/article"] = (200, {"Content-Type": "text/html; charset=utf-8"}, body)
        url = server.url("/article")
        assert_error(run(url), 1, "looks like French", "--language english")
        assert run(url, "--language", "english").exit_code == 0


def test_a_long_html_page_is_briefed_within_the_character_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.html"
    paragraphs = "".join(
        f"<p>The council met for the {n}th time on Tuesday to discuss item {n} of the harbour budget.</p>"
        for n in range(300)
    )
    path.write_bytes(page(f"<article><h1>Budget talks</h1>{paragraphs}</article>"))
    result = run(str(path), "-f", "json", "--max-chars", "2000")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["stats"]["sentences"] < 30
    assert "--max-chars" in result.stderr
