"""`briefer digest` as cron runs it: exit codes, files written or not, one-line errors, repeated runs."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_fetch import LocalServer, serve

from briefer.cli import cli
from briefer.digest.run import DigestOptions, run_digest
from briefer.sources.items import SourceSpec

DATA = Path(__file__).parent / "data" / "digest"


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772500000")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state-home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
    monkeypatch.delenv("BRIEFER_STATE", raising=False)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serve() as running:
        yield running


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["digest", *args])


def test_default_state_path_and_markdown_on_stdout(tmp_path: Path) -> None:
    result = run(str(DATA / "folder"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# News digest")
    assert (tmp_path / "state-home" / "briefer" / "seen.db").is_file()
    again = run(str(DATA / "folder"))
    assert again.exit_code == 0 and again.stdout == ""


def test_output_file_format_from_extension_and_nothing_new_leaves_it(tmp_path: Path) -> None:
    out = tmp_path / "digest.html"
    assert run(str(DATA / "feed.rss"), "-o", str(out)).exit_code == 0
    first = out.read_text()
    assert first.startswith("<!DOCTYPE html>")
    result = run(str(DATA / "feed.rss"), "-o", str(out))
    assert result.exit_code == 0 and out.read_text() == first  # nothing new: no new file
    quiet = run(str(DATA / "feed.rss"), "-o", str(out), "--always")
    assert quiet.exit_code == 0 and "All quiet" in out.read_text()


def test_partial_failure_exits_3_with_the_digest_and_errors_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "digest.json"
    result = run(str(DATA / "feed.atom"), str(tmp_path / "missing.rss"), "-o", str(out))
    assert result.exit_code == 3
    assert result.stderr.startswith("Error: not included: ") and "missing.rss" in result.stderr
    assert json.loads(out.read_text())["not_included"][0]["source"].endswith("missing.rss")


def test_everything_failing_exits_1_and_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "digest.md"
    out.write_text("yesterday's digest")
    result = run(str(tmp_path / "missing.rss"), "-o", str(out))
    assert result.exit_code == 1
    assert out.read_text() == "yesterday's digest"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "no sources"),
        (("--since", "yesterday"), "24h"),
        (("--jobs", "0"), "--jobs"),
        (("-f", "pdf"), "pdf"),
    ],
)
def test_misuse_exits_2(args: tuple[str, ...], message: str) -> None:
    sources = () if not args else (str(DATA / "feed.rss"),)
    result = run(*sources, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_config_file_with_options_and_unknown_keys(tmp_path: Path) -> None:
    shutil.copy(DATA / "feed.atom", tmp_path)
    config = tmp_path / "feeds.toml"
    config.write_text('title = "Valley morning"\nformat = "txt"\n\n[[sources]]\npath = "feed.atom"\nname = "Valley"\n')
    result = run(str(config), "--state", str(tmp_path / "seen.db"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("VALLEY MORNING")
    config.write_text('[[sources]]\npath = "feed.atom"\nfetch_full = true\n')
    bad = run(str(config))
    assert bad.exit_code == 2 and "unknown key 'fetch_full'" in bad.stderr


def test_dry_run_and_mark_seen(tmp_path: Path) -> None:
    state = str(tmp_path / "seen.db")
    out = tmp_path / "digest.md"
    dry = run(str(DATA / "feed.rss"), "--state", state, "--dry-run", "-o", str(out))
    assert dry.exit_code == 0 and dry.stdout.startswith("# News digest") and not out.exists()
    assert run(str(DATA / "feed.rss"), "--state", state, "--mark-seen").stdout == ""
    assert run(str(DATA / "feed.rss"), "--state", state).stdout == ""


def test_three_cron_runs_over_a_changing_folder_and_feed(tmp_path: Path, server: LocalServer) -> None:
    """Every new item exactly once across runs; nothing repeated; the feed is fetched conditionally."""
    folder = tmp_path / "news"
    folder.mkdir()
    feed = _feed(
        [("w1", "Farmers face water limits as reservoir falls", "The Esk valley reservoir fell to 41 percent.")]
    )
    server.routes["/feed.xml"] = _conditional(feed, '"v1"')
    shutil.copy(DATA / "folder" / "library.txt", folder)
    args = [str(folder), server.url("/feed.xml"), "--state", str(tmp_path / "seen.db"), "-f", "json"]

    first = _titles(run(*args))
    shutil.copy(DATA / "folder" / "bridge-coast.txt", folder)
    second = _titles(run(*args))
    server.routes["/feed.xml"] = _conditional(
        _feed([
            ("w1", "Farmers face water limits as reservoir falls", "The Esk valley reservoir fell to 41 percent."),
            ("w2", "Water board lifts limits after heavy rain", "Heavy rain refilled the Esk valley reservoir."),
        ]),
        '"v2"',
    )  # fmt: skip
    third = _titles(run(*args))

    assert first == ["Farmers face water limits as reservoir falls", "Northfield library to open on Sundays from April"]
    assert second == ["Port Alder harbour bridge reopens after six weeks of repairs"]
    assert third == ["Water board lifts limits after heavy rain"]
    conditional = [headers.get("if-none-match") for path, headers in server.requests]
    assert conditional == [None, '"v1"', '"v1"']


def test_two_runs_at_once_do_not_both_send_an_item(tmp_path: Path) -> None:
    state = tmp_path / "seen.db"
    outputs: list[str] = []
    specs = [SourceSpec(str(DATA / "folder"))]
    runs = [
        threading.Thread(target=lambda: run_digest(specs, DigestOptions(fmt="json"), state, outputs.append))
        for _ in range(2)
    ]
    for thread in runs:
        thread.start()
    for thread in runs:
        thread.join(30)
    assert len(outputs) == 1  # the second run found everything seen and wrote nothing


def _titles(result: Result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return sorted(story["title"] for story in json.loads(result.stdout)["stories"]) if result.stdout else []


def _feed(entries: list[tuple[str, str, str]]) -> bytes:
    items = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title><description>{text}</description></item>"
        for guid, title, text in entries
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Post</title>{items}</channel></rss>'.encode()
    )


def _conditional(body: bytes, etag: str):  # type: ignore[no-untyped-def]
    def answer(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if headers.get("if-none-match") == etag:
            return 304, {}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, body

    return answer


def test_state_list_prune_and_forget(tmp_path: Path) -> None:
    state = str(tmp_path / "seen.db")
    assert run(str(DATA / "feed.rss"), "--state", state).exit_code == 0
    listed = CliRunner().invoke(cli, ["state", "list", "--state", state])
    assert listed.exit_code == 0
    assert [line.split("\t")[3] for line in listed.stdout.splitlines()] == ["guid:coast-1001", "guid:coast-1002"]
    pruned = CliRunner().invoke(cli, ["state", "prune", "--older-than", "90d", "--state", state])
    assert pruned.exit_code == 0 and "forgot 0 items" in pruned.stderr
    forgot = CliRunner().invoke(cli, ["state", "forget", "*storm*", "--state", state])
    assert forgot.exit_code == 0 and "forgot 1 items" in forgot.stderr
    again = run(str(DATA / "feed.rss"), "--state", state, "-f", "json")
    assert [s["title"] for s in json.loads(again.stdout)["stories"]] == ["Fishing fleet returns early as storm nears"]
    bad = CliRunner().invoke(cli, ["state", "prune", "--older-than", "soon", "--state", state])
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: ")


def test_user_template_gets_the_digest(tmp_path: Path) -> None:
    template = tmp_path / "mine.txt.j2"
    template.write_text(
        "{{ digest.title }}: {{ digest.stories | length }} stories, first {{ digest.stories[0].title }}\n"
    )
    result = run(str(DATA / "feed.atom"), "--state", str(tmp_path / "seen.db"), "--template", str(template))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "News digest: 1 stories, first Farmers face water limits as reservoir falls\n"


def test_jobs_give_the_same_digest(tmp_path: Path) -> None:
    sources = [str(DATA / "folder"), str(DATA / "feed.rss")]
    one = run(*sources, "--state", str(tmp_path / "one.db"), "-f", "json")
    two = run(*sources, "--state", str(tmp_path / "two.db"), "-f", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and json.loads(one.stdout)["stories"]


FRENCH = (
    "Le conseil municipal a voté lundi la réparation du pont du port. Les travaux commenceront au mois "
    "d'avril et devraient durer deux ans, selon la mairie. Les commerçants de la rue demandent que la "
    "circulation soit maintenue pendant le chantier, et le maire a promis de les rencontrer la semaine prochaine."
)
ENGLISH = (
    "The harbour council voted on Monday to repair the old bridge. Work will start in April and should last "
    "two years, the town hall said. Shop owners on the street asked that traffic keep moving during the work."
)


def test_a_feed_item_in_another_language_is_not_included_and_the_rest_goes_out(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>{title}</title><guid>{guid}</guid><description>{body}</description></item>"
        for title, guid, body in (("Bridge repair approved", "en-1", ENGLISH), ("Le pont sera réparé", "fr-1", FRENCH))
    )
    feed = tmp_path / "feed.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Coast</title>{items}</channel></rss>')
    result = run(str(feed), "-f", "json", "-o", str(tmp_path / "d.json"))
    assert result.exit_code == 3, result.stderr
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert [story["title"] for story in data["stories"]] == ["Bridge repair approved"]
    assert any("Le pont sera réparé" in item["reason"] and "French" in item["reason"] for item in data["not_included"])
