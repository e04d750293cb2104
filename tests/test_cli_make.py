"""`briefer make` as a user runs it: exit codes, stdout, one-line errors on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefer import __version__
from briefer.cli import cli

SECTIONS_MD = ["## What", "## Who", "## Commitments", "## Next steps", "## Quotes"]


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


def assert_one_line_error(result: Result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[-1]


def test_markdown_brief_has_title_source_and_every_section(example_article: Path) -> None:
    result = run("make", str(example_article))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Port Elms council approves $48-million harbour bridge repair")
    assert "Port Elms Courier" in result.stdout.splitlines()[2]
    positions = [result.stdout.index(heading) for heading in SECTIONS_MD]
    assert positions == sorted(positions)


def test_json_brief_follows_the_contract(example_article: Path) -> None:
    result = run("make", str(example_article), "-f", "json", "--date", "2026-02-16")
    data = json.loads(result.stdout)
    assert list(data) == [
        "title", "source", "published", "what", "who", "commitments", "next_steps", "quotes", "stats",
    ]  # fmt: skip
    assert data["published"] == "2026-02-16"
    assert data["what"] and all({"text", "sentence", "score"} <= set(p) for p in data["what"])
    assert [p["sentence"] for p in data["what"]] == sorted(p["sentence"] for p in data["what"])
    assert data["stats"]["sentences"] == 17 and data["stats"]["words"] > 300


@pytest.mark.parametrize(("fmt", "marker"), [("html", "<!DOCTYPE html>"), ("txt", "WHAT\n"), ("md", "## What")])
def test_each_format_renders(example_article: Path, fmt: str, marker: str) -> None:
    result = run("make", str(example_article), "-f", fmt)
    assert result.exit_code == 0
    assert marker in result.stdout


def test_output_extension_chooses_the_format(example_article: Path, tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    result = run("make", str(example_article), "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_stdin_is_read_for_a_dash(example_article: Path) -> None:
    result = run("make", "-", stdin=example_article.read_bytes())
    assert result.exit_code == 0
    assert result.stdout.startswith("# Port Elms council")


def test_same_input_gives_byte_identical_output(example_article: Path) -> None:
    assert (
        run("make", str(example_article), "-f", "json").stdout == run("make", str(example_article), "-f", "json").stdout
    )


def test_one_sentence_article_gets_a_brief(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("The mayor resigned on Friday after a vote of no confidence.\n", encoding="utf-8")
    result = run("make", str(path), "-f", "json")
    assert result.exit_code == 0
    assert [p["text"] for p in json.loads(result.stdout)["what"]] == [
        "The mayor resigned on Friday after a vote of no confidence."
    ]


def test_word_cap_is_never_exceeded(example_article: Path) -> None:
    data = json.loads(run("make", str(example_article), "-f", "json", "--words", "12").stdout)
    assert 0 < sum(len(p["text"].split()) for p in data["what"]) <= 12


def test_user_template_renders_the_brief(example_article: Path, tmp_path: Path) -> None:
    template = tmp_path / "mine.txt.j2"
    template.write_text("{{ brief.title }} | {{ data.stats.sentences }} sentences\n", encoding="utf-8")
    result = run("make", str(example_article), "--template", str(template))
    assert (
        result.stdout
        == "Port Elms council approves $48-million harbour bridge repair after months of delays | 17 sentences\n"
    )


def test_version_is_printed() -> None:
    assert __version__ in run("--version").stdout


@pytest.mark.parametrize(
    ("content", "hint"),
    [(b"", "empty"), (b"   \n\n  ", "empty"), (b"GIF89a\x00\x01\x00\x01", "binary"), (b"caf\xe9 ol\xe9", "--encoding")],
    ids=["empty", "whitespace", "binary", "undecodable"],
)
def test_unreadable_articles_fail_with_one_line(tmp_path: Path, content: bytes, hint: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert_one_line_error(run("make", str(path)), 1, hint)


def test_missing_file_and_folder_fail_with_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run("make", str(tmp_path / "missing.txt")), 1, "no such file")
    assert_one_line_error(run("make", str(tmp_path)), 1, "folder")


def test_unknown_method_is_misuse_and_lists_the_methods(example_article: Path) -> None:
    assert_one_line_error(run("make", str(example_article), "--method", "magic"), 2, "lead", "news")


@pytest.mark.parametrize(
    "args",
    [["--sentences", "2", "--ratio", "0.5"], ["--date", "16/02/2026"], ["--sentences", "0"], ["-f", "pdf"]],
    ids=["sentences-and-ratio", "bad-date", "zero-sentences", "unknown-format"],
)
def test_misuse_exits_2(example_article: Path, args: list[str]) -> None:
    result = run("make", str(example_article), *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_failed_run_leaves_an_existing_output_untouched(example_article: Path, tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("yesterday's brief\n", encoding="utf-8")
    assert run("make", str(tmp_path / "missing.txt"), "-o", str(target)).exit_code == 1
    broken = tmp_path / "broken.md.j2"
    broken.write_text("{{ brief.title | no_such_filter }}", encoding="utf-8")
    assert run("make", str(example_article), "-o", str(target), "--template", str(broken)).exit_code == 1
    assert target.read_text(encoding="utf-8") == "yesterday's brief\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_into_a_missing_folder_fails_cleanly(example_article: Path, tmp_path: Path) -> None:
    assert_one_line_error(run("make", str(example_article), "-o", str(tmp_path / "no" / "b.md")), 1, "does not exist")


def test_a_five_megabyte_article_gets_a_brief(tmp_path: Path) -> None:
    paragraph = (
        "The committee of {n} members met again on Tuesday to discuss the harbour budget. "
        "Officials said the repairs would cost more than planned, and residents asked for answers.\n"
    )
    path = tmp_path / "long.txt"
    path.write_text("".join(paragraph.format(n=n) for n in range(30_000)), encoding="utf-8")
    assert path.stat().st_size > 5_000_000
    result = run("make", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["what"]


def test_an_html_article_is_briefed_from_its_main_text(tmp_path: Path) -> None:
    page = tmp_path / "article.html"
    page.write_text(
        "<html><head><title>Council approves bridge repair</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Council approves bridge repair</h1>"
        "<p>The Port Elms council voted on Monday to repair the Harbour Street bridge at a cost of $48 million.</p>"
        "<p>Mayor Linda Okafor said the bridge would stay open to pedestrians while crews work.</p>"
        "<p>Work is scheduled to begin in April and should be finished by the end of next year.</p>"
        "</article><footer>Copyright notice</footer></body></html>",
        encoding="utf-8",
    )
    result = run("make", str(page), "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "Council approves bridge repair"
    assert "Harbour Street bridge" in data["what"][0]["text"]
    assert "Copyright" not in result.stdout and "Home" not in result.stdout


@pytest.mark.parametrize("method", ["lexrank", "lsa"])
def test_json_stays_strict_json_when_no_two_sentences_share_a_word(tmp_path: Path, method: str) -> None:
    path = tmp_path / "bare.txt"
    path.write_text("He was there. She was here.\n", encoding="utf-8")
    result = run("make", str(path), "-f", "json", "--method", method)
    assert result.exit_code == 0 and result.stderr == ""

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    data = json.loads(result.stdout, parse_constant=refuse)
    assert [p["text"] for p in data["what"]] == ["He was there.", "She was here."]
