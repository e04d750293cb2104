"""Digests: same-story grouping, only what is new, seen only once written, failures listed, rendering."""

from __future__ import annotations

import io
import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefer.digest.group import cluster, multi_summary
from briefer.digest.run import DigestOptions, parse_since, render_digest, run_digest
from briefer.errors import BrieferError, UsageError
from briefer.scale.progress import progress
from briefer.sources.items import SourceSpec

DATA = Path(__file__).parent / "data" / "digest"
EPOCH = "1772500000"  # 2026-03-03T01:06:40Z


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def run(specs: list[SourceSpec], state: Path, **options: object) -> tuple[object, list[str]]:
    written: list[str] = []
    result = run_digest(specs, DigestOptions(**options), state, written.append)  # type: ignore[arg-type]
    return result, written


def sources(*names: str) -> list[SourceSpec]:
    return [SourceSpec(str(DATA / name)) for name in names]


def test_same_story_from_several_outlets_is_one_entry(tmp_path: Path) -> None:
    result, [text] = run(sources("folder", "feed.rss", "feed.atom"), tmp_path / "seen.db", fmt="json")
    data = json.loads(text)
    assert result.exit_code == 0
    titles = [story["title"] for story in data["stories"]]
    assert len(titles) == 4
    bridge = data["stories"][0]  # the biggest story comes first
    assert "bridge" in bridge["title"].lower()
    assert sorted(item["source"] for item in bridge["sources"]) == ["Coast Times", "Coast Times", "Valley Post"]
    assert "Mayor Ruth Okafor" in bridge["summary"]
    assert set(bridge["brief"]) >= {"what", "who", "commitments", "next_steps", "stats"}
    assert data["generated"] == "2026-03-03T01:06:40+00:00"
    assert data["not_included"] == []


def test_facts_from_other_outlets_are_merged_and_named(tmp_path: Path) -> None:
    _, [text] = run(sources("folder"), tmp_path / "seen.db", fmt="json")
    bridge = json.loads(text)["stories"][0]
    merged = [
        entry for key in ("who", "commitments", "next_steps") for entry in bridge["brief"][key] if "from" in entry
    ]
    assert merged, "the other outlet's extra facts should be merged in"
    assert all(entry["from"] in {"Coast Times", "Valley Post"} for entry in merged)


def test_nothing_twice_and_nothing_new_writes_nothing(tmp_path: Path) -> None:
    state = tmp_path / "seen.db"
    first, written = run(sources("folder"), state)
    assert first.recorded == 3 and len(written) == 1
    again, written = run(sources("folder"), state)
    assert again.exit_code == 0 and written == [] and again.digest is None
    _, [text] = run(sources("folder"), state, always=True)
    assert "All quiet" in text


def test_new_items_only_on_the_next_run(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(DATA / "folder" / "library.txt", folder)
    state = tmp_path / "seen.db"
    run([SourceSpec(str(folder))], state)
    shutil.copy(DATA / "folder" / "bridge-coast.txt", folder)
    _, [text] = run([SourceSpec(str(folder))], state, fmt="json")
    assert [s["title"] for s in json.loads(text)["stories"]] == [
        "Port Alder harbour bridge reopens after six weeks of repairs"
    ]


def test_not_seen_when_writing_fails(tmp_path: Path) -> None:
    state = tmp_path / "seen.db"

    def broken(text: str) -> None:
        raise BrieferError("disk full")

    with pytest.raises(BrieferError):
        run_digest(sources("folder"), DigestOptions(), state, broken)
    again, written = run(sources("folder"), state)
    assert again.recorded == 3 and len(written) == 1


def test_failed_source_is_listed_and_others_still_go_out(tmp_path: Path) -> None:
    specs = [*sources("feed.atom"), SourceSpec(str(tmp_path / "gone.xml"), name="Gone Gazette")]
    result, [text] = run(specs, tmp_path / "seen.db", fmt="json")
    data = json.loads(text)
    assert result.exit_code == 3
    assert data["not_included"] == [{"source": "Gone Gazette", "reason": "no such file, folder or pattern"}]
    assert len(data["stories"]) == 1


def test_all_sources_failing_produces_nothing(tmp_path: Path) -> None:
    result, written = run([SourceSpec(str(tmp_path / "gone.xml"))], tmp_path / "seen.db")
    assert result.exit_code == 1 and written == []


def test_max_items_leaves_the_rest_for_the_next_run(tmp_path: Path) -> None:
    state = tmp_path / "seen.db"
    spec = SourceSpec(str(DATA / "feed.rss"), max_items=1)
    first, [text] = run([spec], state, fmt="json")
    assert first.exit_code == 0 and first.recorded == 1  # information (-v), not a failure
    assert json.loads(text)["not_included"] == []
    second, [text] = run([spec], state, fmt="json")
    assert second.recorded == 1 and json.loads(text)["not_included"] == []


def test_since_skips_old_items(tmp_path: Path) -> None:
    result, written = run(sources("feed.rss", "feed.atom"), tmp_path / "seen.db", since=timedelta(hours=1))
    assert written == [] and result.recorded == 0  # the fixtures date from March 2026


def test_mark_seen_records_without_writing_and_dry_run_changes_nothing(tmp_path: Path) -> None:
    state = tmp_path / "seen.db"
    dry, written = run(sources("feed.rss"), state, dry_run=True)
    assert len(written) == 1 and dry.recorded == 0
    marked, written = run(sources("feed.rss"), state, mark_seen=True)
    assert written == [] and marked.recorded == 2
    after, written = run(sources("feed.rss"), state)
    assert written == [] and after.recorded == 0


def test_output_is_deterministic_for_the_same_inputs(tmp_path: Path) -> None:
    for fmt in ("md", "html", "txt", "json"):
        first = run(sources("folder", "feed.rss"), tmp_path / f"{fmt}1.db", fmt=fmt)[1]
        second = run(sources("feed.rss", "folder"), tmp_path / f"{fmt}2.db", fmt=fmt)[1]
        assert first == second and len(first) == 1


def test_html_escapes_article_text_and_refuses_script_links(tmp_path: Path) -> None:
    feed = (
        (DATA / "feed.atom")
        .read_text()
        .replace("Farmers face water limits", "Farmers &lt;script&gt;alert(1)&lt;/script&gt; face water limits")
        .replace("https://valley.example/water", "javascript:alert(1)")
    )
    (tmp_path / "evil.atom").write_text(feed)
    _, [html] = run([SourceSpec(str(tmp_path / "evil.atom"))], tmp_path / "seen.db", fmt="html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html


def test_markdown_and_text_formats_have_contents_and_not_included(tmp_path: Path) -> None:
    specs = [*sources("folder"), SourceSpec(str(tmp_path / "gone"), name="Gone")]
    _, [md] = run(specs, tmp_path / "a.db", fmt="md")
    assert "## Contents" in md and "## Not included" in md and "also reported by" in md
    _, [txt] = run(specs, tmp_path / "b.db", fmt="txt")
    assert "CONTENTS" in txt and "NOT INCLUDED" in txt and "Also reported by" in txt


def test_parse_since() -> None:
    assert parse_since("24h") == timedelta(hours=24)
    assert parse_since("7d") == timedelta(days=7)
    assert parse_since("30m") == timedelta(minutes=30)
    with pytest.raises(UsageError, match="24h"):
        parse_since("yesterday")


def test_clustering_keeps_different_stories_apart() -> None:
    texts = [
        "The harbour bridge in Port Alder reopened after repairs to its expansion joints, the council said.",
        "Port Alder's harbour bridge reopened on Monday; engineers replaced worn expansion joints.",
        "The Northfield library will open on Sundays from April, the county board agreed.",
        "Farmers in the Esk valley face water limits as the reservoir falls, the water board said.",
    ]
    assert cluster(texts) == [[0, 1], [2], [3]]


def test_multi_summary_skips_repeats_and_keeps_budget() -> None:
    docs = [
        ["The bridge reopened on Monday after repairs.", "Traffic was heavy by noon."],
        ["The bridge reopened on Monday after the repairs.", "The mayor promised a cycle lane."],
    ]
    summary = multi_summary(docs, words=100)
    assert summary.count("The bridge reopened on Monday after repairs.") == 1
    assert not any("after the repairs" in s for s in summary)
    assert len(multi_summary(docs, words=5)) == 1


def test_unknown_format_is_an_error(tmp_path: Path) -> None:
    from briefer.digest.run import Digest

    with pytest.raises(BrieferError):
        render_digest(Digest("t", datetime(2026, 3, 3, tzinfo=UTC), (), ()), "pdf")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert list(progress(iter("abc"), "briefing", 3)) == ["a", "b", "c"]
    assert terminal.getvalue() == (
        "\rbriefing [########................] 1/3"
        "\rbriefing [################........] 2/3"
        "\rbriefing [########################] 3/3\n"
    )
    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    assert list(progress(iter("abc"), "briefing", 3)) == ["a", "b", "c"]
    assert piped.getvalue() == ""  # under cron: silent


def test_two_reports_of_one_story_alone_are_grouped() -> None:
    # In a pool of two, every shared word is in every document: the idf must not zero them out.
    texts = [
        (DATA / "folder" / "bridge-coast.txt").read_text(),
        (DATA / "folder" / "bridge-valley.txt").read_text(),
    ]
    assert cluster(texts) == [[0, 1]]
    assert cluster([texts[0], (DATA / "folder" / "library.txt").read_text()]) == [[0], [1]]


def test_blocking_finds_the_same_pairs_as_comparing_all(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [p.read_text() for p in sorted((DATA / "folder").glob("*.txt"))]
    texts += ["The Esk valley water board limited water for farmers as the reservoir fell to 41 percent."]
    exact = cluster(texts)
    monkeypatch.setattr("briefer.digest.group.ALL_PAIRS", 0)
    assert cluster(texts) == exact == [[0, 1], [2], [3]]
