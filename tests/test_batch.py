"""`briefer batch`: one JSON line per article, error lines instead of a stopped run, exit codes, order."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from synthetic import write_articles

from briefer.cli import cli
from briefer.scale.batch import BatchOptions, expand, run_batch
from briefer.sources.items import SourceSpec

DATA = Path(__file__).parent / "data" / "digest"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["batch", *args])


def lines(text: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in text.splitlines()]


def test_every_article_of_a_folder_and_a_feed_is_one_line_with_the_make_json() -> None:
    result = run(str(DATA / "folder"), str(DATA / "feed.rss"))
    assert result.exit_code == 0, result.stderr
    rows = lines(result.stdout)
    assert [(row["source"], row["title"]) for row in rows] == [
        ("Coast Times", "Port Alder harbour bridge reopens after six weeks of repairs"),
        ("Valley Post", "Harbour bridge in Port Alder open again after repairs"),
        ("Northfield Herald", "Northfield library to open on Sundays from April"),
        ("Coast Times", "Harbour bridge reopens in Port Alder"),
        ("Coast Times", "Fishing fleet returns early as storm nears"),
    ]
    assert [row["id"][:5] for row in rows] == ["text:", "text:", "text:", "guid:", "guid:"]
    assert rows[3]["url"] == "https://coast.example/bridge" and rows[0]["url"] is None
    for row in rows:
        assert {"what", "who", "commitments", "next_steps", "quotes", "stats"} <= row.keys()
        assert row["what"] and "error" not in row


def test_a_missing_source_is_an_error_line_and_the_rest_still_comes_out(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "news", 2)
    result = run(str(tmp_path / "gone.txt"), str(folder))
    assert result.exit_code == 3
    rows = lines(result.stdout)
    assert rows[0] == {"source": str(tmp_path / "gone.txt"), "error": "no such file, folder or pattern"}
    assert [row["title"] for row in rows[1:]] == [
        "Port Alder council approves $4 million harbour bridge plan",
        "Elm Falls council approves $5 million harbour bridge plan",
    ]


def test_exit_codes_all_good_and_nothing_made(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "news", 3)
    good = run(str(folder))
    assert good.exit_code == 0 and len(lines(good.stdout)) == 3 and good.stderr == ""
    (tmp_path / "empty.txt").write_text("  \n")
    bad = run(str(tmp_path / "empty.txt"), str(tmp_path / "missing"))
    assert bad.exit_code == 1
    assert [sorted(row) for row in lines(bad.stdout)] == [["error", "source"], ["error", "source"]]


def test_output_file_is_written_whole_and_a_bad_method_leaves_it_alone(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "news", 3)
    out = tmp_path / "briefs.jsonl"
    assert run(str(folder), "-o", str(out), "-n", "1").exit_code == 0
    first = out.read_text(encoding="utf-8")
    assert [len(row["what"]) for row in lines(first)] == [1, 1, 1]
    result = run(str(folder), "-o", str(out), "--method", "nonsense")
    assert result.exit_code == 2 and result.stderr.startswith("Error: ") and "nonsense" in result.stderr
    assert out.read_text(encoding="utf-8") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefs.jsonl", "news"]


def test_a_config_file_names_sources_with_their_options(tmp_path: Path) -> None:
    shutil.copytree(DATA / "folder", tmp_path / "folder")
    (tmp_path / "feeds.toml").write_text(
        '[[sources]]\npath = "folder"\nname = "Desk"\ninclude = ["*bridge*"]\n', encoding="utf-8"
    )
    result = run(str(tmp_path / "feeds.toml"))
    assert result.exit_code == 0, result.stderr
    rows = lines(result.stdout)
    assert len(rows) == 2 and {row["source"] for row in rows} == {"Desk"}


def test_folders_and_opml_lists_open_into_one_task_per_file_or_feed(tmp_path: Path) -> None:
    tasks = expand([SourceSpec(str(DATA / "folder")), SourceSpec(str(DATA / "feeds.opml"))])
    assert [(Path(task.location).name, task.name) for task in tasks] == [
        ("bridge-coast.txt", None),
        ("bridge-valley.txt", None),
        ("library.txt", None),
        ("feed.rss", "Coast Times"),
        ("feed.atom", "Valley Post"),
    ]
    nothing = SourceSpec(str(tmp_path / "none*.txt"))
    assert expand([nothing]) == [nothing]  # left whole, so that reading it says why


def test_run_batch_gives_the_same_lines_in_the_order_of_the_sources(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "news", 12)
    forward, backward = io.StringIO(), io.StringIO()
    specs = [SourceSpec(str(folder / f"article-{n:04d}.txt")) for n in range(12)]
    run_batch(specs, BatchOptions(), forward)
    run_batch(specs[::-1], BatchOptions(), backward)
    assert forward.getvalue().splitlines() == backward.getvalue().splitlines()[::-1]
    assert forward.getvalue().endswith("\n") and len(forward.getvalue().splitlines()) == 12


@pytest.mark.parametrize("flag", ["--jobs", "--scheduler"])
def test_help_names_the_cluster_options(flag: str) -> None:
    assert flag in run("--help").stdout


def test_a_bug_on_one_article_is_an_error_line_not_a_stopped_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefer.pipeline

    real = briefer.pipeline.brief_article

    def flaky(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "Elm Falls" in (article.title or ""):
            raise KeyError("models")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(briefer.pipeline, "brief_article", flaky)
    result = run(str(write_articles(tmp_path / "news", 3)))
    assert result.exit_code == 3
    rows = lines(result.stdout)
    assert "error" not in rows[0] and "error" not in rows[2]
    assert rows[1]["error"].startswith("unexpected KeyError: 'models'") and rows[1]["title"].startswith("Elm Falls")
