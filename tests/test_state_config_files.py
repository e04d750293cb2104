"""State, config and files: a damaged store, typos, odd values, relative paths, odd file names and outputs.

Each case gets a one-line `Error: …` that says what to do and a documented exit code, and never
half a result: a digest is not written or mailed from a store that cannot be trusted.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefer.cli import cli

DATA = Path(__file__).parent / "data" / "digest"


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772500000")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state-home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
    monkeypatch.delenv("BRIEFER_STATE", raising=False)
    monkeypatch.delenv("BRIEFER_DEBUG", raising=False)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_error_line(result: Result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    return lines[0]


# --- a damaged seen-state store -----------------------------------------------------------------------


def a_store_with_items(tmp_path: Path, count: int = 400) -> Path:
    state = tmp_path / "seen.db"
    with sqlite3.connect(state) as db:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("CREATE TABLE seen (id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, url TEXT, seen_at TEXT)")
        db.execute("CREATE INDEX seen_at ON seen (seen_at)")
        db.execute("CREATE TABLE http_cache (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT)")
        rows = [
            (f"guid:{n}", "Coast Times", f"Story {n} " + "x" * 200, None, "2026-03-01T06:00:00+00:00")
            for n in range(count)
        ]
        db.executemany("INSERT INTO seen VALUES (?, ?, ?, ?, ?)", rows)
    return state


def truncated(state: Path) -> Path:
    data = state.read_bytes()
    state.write_bytes(data[: len(data) // 2])
    return state


def garbage(state: Path) -> Path:
    state.write_bytes(b"SQLite format 3\x00" + b"\xff" * 3000)
    return state


@pytest.mark.parametrize("damage", [truncated, garbage], ids=["truncated", "garbage"])
def test_a_damaged_store_stops_the_digest_before_anything_is_written(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    state = damage(a_store_with_items(tmp_path))
    out = tmp_path / "digest.md"
    result = invoke("digest", str(DATA / "folder"), "--state", str(state), "-o", str(out))
    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(state) in line and "damaged" in line and "move it aside" in line and "briefer state list" in line
    assert not out.exists()


@pytest.mark.parametrize("command", [["list"], ["prune", "--older-than", "90d"], ["forget", "*"]])
@pytest.mark.parametrize("damage", [truncated, garbage], ids=["truncated", "garbage"])
def test_state_commands_on_a_damaged_store_say_what_to_do(tmp_path: Path, damage, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    state = damage(a_store_with_items(tmp_path))
    result = invoke("state", *command, "--state", str(state))
    assert result.exit_code == 1
    line = one_error_line(result)
    assert str(state) in line and "damaged" in line and "move it aside" in line


def test_state_list_on_a_mistyped_path_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    for command in (["list"], ["prune", "--older-than", "90d"], ["forget", "*"]):
        result = invoke("state", *command, "--state", "typo/x.db")
        assert result.exit_code == 1
        assert "typo/x.db" in one_error_line(result) and "--state" in result.stderr
    assert sorted(tmp_path.rglob("*")) == before


def test_a_dry_run_creates_no_file_or_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    result = invoke("digest", str(DATA / "folder"), "--dry-run", "--state", "new/seen.db", "-o", "out.md")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# News digest")
    default = invoke("digest", str(DATA / "folder"), "--dry-run")
    assert default.exit_code == 0 and default.stdout.startswith("# News digest")
    assert sorted(tmp_path.rglob("*")) == before


def test_a_dry_run_reads_an_existing_store_and_changes_nothing(tmp_path: Path) -> None:
    state = tmp_path / "seen.db"
    assert invoke("digest", str(DATA / "feed.rss"), "--state", str(state)).exit_code == 0
    shutil.copy(DATA / "feed.rss", tmp_path / "copy.rss")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    dry = invoke("digest", str(DATA / "feed.rss"), str(DATA / "folder"), "--state", str(state), "--dry-run")
    assert dry.exit_code == 0 and "Port Alder" in dry.stdout and "Fishing fleet" not in dry.stdout
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


# --- config values ----------------------------------------------------------------------------------


def mail_config(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[smtp]\nhost = "127.0.0.1"\n{line}\n[mail]\nfrom = "a@example.org"\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("timeout = nan", "smtp.timeout"),
        ("timeout = inf", "smtp.timeout"),
        ("timeout = -1", "smtp.timeout"),
        ("timeout = 1e12", "smtp.timeout"),
        ("retries = -2", "smtp.retries"),
        ("retries = 100000000", "smtp.retries"),
        ("retry_delay = nan", "smtp.retry_delay"),
        ("retry_delay = -inf", "smtp.retry_delay"),
        ("retry_delay = 1e300", "smtp.retry_delay"),
    ],
)
def test_an_absurd_mail_setting_is_misuse_naming_the_key(tmp_path: Path, line: str, key: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Bridge repair approved\n\nThe council approved the repair of the bridge on Monday.\n")
    config = mail_config(tmp_path, line)
    result = invoke("make", str(article), "--eml", str(tmp_path / "a.eml"), "--config", str(config))
    assert result.exit_code == 2, result.stderr
    assert key in one_error_line(result)


def digest_config(tmp_path: Path, top: str = "", source: str = "") -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(f'{top}\n[[sources]]\npath = "{DATA / "feed.rss"}"\n{source}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("top", "source", "key"),
    [
        ('since = "nan"', "", "since"),
        ('since = "inf h"', "", "since"),
        ('since = "-5h"', "", "since"),
        ('since = "99999999999999d"', "", "since"),
        ('since = "0h"', "", "since"),
        ("", "max_items = -3", "max_items"),
        ("", "max_items = 0", "max_items"),
        ("", "max_items = 9223372036854775807", "max_items"),
        ("", "max_items = nan", "max_items"),
    ],
)
def test_an_absurd_digest_setting_is_misuse_naming_the_key(tmp_path: Path, top: str, source: str, key: str) -> None:
    result = invoke("digest", str(digest_config(tmp_path, top, source)), "--state", str(tmp_path / "s.db"))
    assert result.exit_code == 2, result.stderr
    assert key in one_error_line(result)


@pytest.mark.parametrize("span", ["99999999999999d", "0h", "nan"])
def test_an_absurd_since_flag_is_misuse(tmp_path: Path, span: str) -> None:
    result = invoke("digest", str(DATA / "feed.rss"), "--since", span, "--state", str(tmp_path / "s.db"))
    assert result.exit_code == 2
    assert "since" in one_error_line(result).lower() or "time span" in result.stderr


def test_a_config_file_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    general = tmp_path / "config.toml"
    general.write_bytes(b'[mail]\nfrom = "Jos\xe9 <a@example.org>"\n')
    article = tmp_path / "a.txt"
    article.write_text("Bridge repair approved\n\nThe council approved the repair of the bridge on Monday.\n")
    result = invoke("make", str(article), "--eml", str(tmp_path / "a.eml"), "--config", str(general))
    assert result.exit_code == 2
    assert str(general) in one_error_line(result) and "UTF-8" in result.stderr
    feeds = tmp_path / "feeds.toml"
    feeds.write_bytes(b'title = "Caf\xe9 news"\n[[sources]]\npath = "x"\n')
    digest = invoke("digest", str(feeds), "--state", str(tmp_path / "s.db"))
    assert digest.exit_code == 2
    assert str(feeds) in one_error_line(digest) and "UTF-8" in digest.stderr


# --- relative paths in a digest config ----------------------------------------------------------------


def test_output_and_sources_in_a_config_are_relative_to_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "conf"
    (folder / "news").mkdir(parents=True)
    shutil.copy(DATA / "folder" / "library.txt", folder / "news" / "library.txt")
    (folder / "feeds.toml").write_text('output = "out/digest.md"\n[[sources]]\npath = "news"\n', encoding="utf-8")
    (folder / "out").mkdir()
    elsewhere = tmp_path / "cron-cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = invoke("digest", str(folder / "feeds.toml"), "--state", str(tmp_path / "s.db"))
    assert result.exit_code == 0, result.stderr
    assert (folder / "out" / "digest.md").read_text().startswith("# News digest")
    assert list(elsewhere.iterdir()) == []


# --- dates of files -------------------------------------------------------------------------------------


def test_a_file_without_a_date_is_not_dated_by_its_modification_time(tmp_path: Path) -> None:
    story = tmp_path / "news" / "meeting.txt"
    story.parent.mkdir()
    story.write_text(
        "Council sets bridge meeting\n\nThe council will hold a public meeting on March 3 about the bridge repairs, "
        "Mayor Linda Okafor said on Monday.\n\nThe repairs will cost $4 million.\n",
        encoding="utf-8",
    )
    stamp = 1796428800  # 2026-12-05: the file was copied long after the story was written
    os.utime(story, (stamp, stamp))
    digest = invoke("digest", str(story.parent), "-f", "json", "--state", str(tmp_path / "s.db"))
    assert digest.exit_code == 0, digest.stderr
    steps = json.loads(digest.stdout)["stories"][0]["brief"]["next_steps"]
    assert steps and all(step["date"] in (None, "2026-03-03") for step in steps)
    assert json.loads(digest.stdout)["stories"][0]["brief"]["published"] is None
    batch = invoke("batch", str(story.parent))
    assert batch.exit_code == 0, batch.stderr
    line = json.loads(batch.stdout.splitlines()[0])
    assert line["published"] is None and all(step["date"] is None for step in line["next_steps"])


# --- max_items ---------------------------------------------------------------------------------------


def test_items_left_by_max_items_are_information_not_an_error(tmp_path: Path) -> None:
    config = digest_config(tmp_path, source="max_items = 1")
    state = str(tmp_path / "s.db")
    result = invoke("digest", str(config), "--state", state, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "Error" not in result.stderr
    assert json.loads(result.stdout)["not_included"] == []
    assert len(json.loads(result.stdout)["stories"]) == 1
    verbose = invoke("digest", str(config), "--state", str(tmp_path / "t.db"), "-f", "json", "-v")
    assert "left for the next run (max_items" in verbose.stderr
    second = invoke("digest", str(config), "--state", state, "-f", "json")
    assert second.exit_code == 0 and len(json.loads(second.stdout)["stories"]) == 1


# --- templates, Dask, feeds given to make ------------------------------------------------------------------


def test_a_template_that_fails_while_rendering_is_a_template_error(tmp_path: Path, example_article: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("{{ brief.title }} {{ 1 / 0 }} {{ data.stats.words + 'x' }}\n", encoding="utf-8")
    result = invoke("make", str(example_article), "--template", str(template))
    assert result.exit_code == 1
    assert one_error_line(result).startswith("Error: the template failed: ")
    digest = invoke("digest", str(DATA / "feed.rss"), "--template", str(template), "--state", str(tmp_path / "s.db"))
    assert digest.exit_code == 1
    assert one_error_line(digest).startswith("Error: the template failed: ")


def test_the_dask_hint_names_an_install_that_works(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import builtins

    real_import = builtins.__import__

    def no_dask(name: str, *args: object, **kwargs: object) -> object:
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_dask)
    result = invoke("batch", str(DATA / "folder"), "--jobs", "2")
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "pip install '.[cluster]'" in line and "briefer[cluster]" not in line


@pytest.mark.parametrize("name", ["feed.rss", "feed.atom", "feeds.opml"])
def test_make_on_a_feed_says_to_use_digest(name: str) -> None:
    result = invoke("make", str(DATA / name))
    assert result.exit_code == 2
    assert "briefer digest" in one_error_line(result) and result.stdout == ""


def test_make_on_a_feed_with_another_ending_or_a_config_says_to_use_digest(tmp_path: Path) -> None:
    feed = tmp_path / "news.txt"
    shutil.copy(DATA / "feed.rss", feed)
    config = digest_config(tmp_path)
    for path in (feed, config):
        result = invoke("make", str(path))
        assert result.exit_code == 2
        assert "briefer digest" in one_error_line(result) and result.stdout == ""


# --- outputs: symlinks, FIFOs, devices, a full or closed stdout, a reader that goes away ------------


def test_output_onto_a_symlink_replaces_its_target_and_keeps_the_link(tmp_path: Path, example_article: Path) -> None:
    target = tmp_path / "real" / "brief.md"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "brief.md"
    link.symlink_to(target)
    for command in (["make", str(example_article)], ["batch", str(example_article)]):
        result = invoke(*command, "-o", str(link))
        assert result.exit_code == 0, result.stderr
        assert link.is_symlink() and os.readlink(link) == str(target)
        assert target.read_text() != "old\n"
        target.write_text("old\n")


@pytest.mark.parametrize("command", ["make", "batch"])
def test_output_onto_a_fifo_writes_into_it(tmp_path: Path, example_article: Path, command: str) -> None:
    import subprocess
    import sys

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    import threading

    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()  # opening a FIFO waits for its writer: in a thread, so a writer that never comes fails the test
    process = subprocess.Popen([sys.executable, "-m", "briefer", command, str(example_article), "-o", str(fifo)])
    assert process.wait(timeout=120) == 0
    reader.join(timeout=10)
    assert stat_is_fifo(fifo)
    assert received and "harbour bridge" in received[0].lower()


def stat_is_fifo(path: Path) -> bool:
    import stat

    return stat.S_ISFIFO(path.stat().st_mode)


def test_output_onto_a_device_never_replaces_it(example_article: Path) -> None:
    result = invoke("make", str(example_article), "-o", "/dev/null")
    assert result.exit_code == 0, result.stderr
    assert Path("/dev/null").is_char_device()
    full = invoke("make", str(example_article), "-o", "/dev/full")
    assert full.exit_code == 1 and "/dev/full" in one_error_line(full)
    assert Path("/dev/full").is_char_device()


def run_process(args: list[str], **streams: object) -> tuple[int, str]:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "briefer", *args], stderr=subprocess.PIPE, timeout=180, **streams)  # type: ignore[call-overload]
    return done.returncode, done.stderr.decode()


@pytest.mark.parametrize("command", ["make", "batch", "digest"])
def test_a_full_stdout_is_a_clean_error(tmp_path: Path, example_article: Path, command: str) -> None:
    extra = ["--state", str(tmp_path / "s.db")] if command == "digest" else []
    with open("/dev/full", "w") as full:
        code, stderr = run_process([command, str(example_article), *extra], stdout=full)
    assert code == 1
    assert stderr.startswith("Error: cannot write to stdout") and len(stderr.splitlines()) == 1, stderr


@pytest.mark.parametrize("command", ["make", "batch"])
def test_a_closed_stdout_is_a_clean_error(example_article: Path, command: str) -> None:
    import subprocess
    import sys

    code = (
        f"import os, sys; os.close(1); sys.argv = ['briefer', {command!r}, {str(example_article)!r}]; "
        "from briefer.cli import cli; cli(prog_name='briefer')"
    )
    done = subprocess.run([sys.executable, "-c", code], stderr=subprocess.PIPE, timeout=180)
    stderr = done.stderr.decode()
    assert done.returncode == 1
    assert stderr.startswith("Error: cannot write to stdout") and len(stderr.splitlines()) == 1, stderr


@pytest.mark.parametrize("command", ["make", "batch", "digest"])
def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path, command: str) -> None:
    import subprocess
    import sys

    folder = tmp_path / "news"
    folder.mkdir()
    for number in range(30):
        shutil.copy(DATA / "folder" / "library.txt", folder / f"library-{number:02}.txt")
    source = str(folder / "library-00.txt") if command == "make" else str(folder)
    extra = ["--state", str(tmp_path / "s.db")] if command == "digest" else []
    process = subprocess.Popen(
        [sys.executable, "-m", "briefer", command, source, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.read(1)  # type: ignore[union-attr]
    process.stdout.close()  # type: ignore[union-attr]  # as `| head -c 1` does
    stderr = process.stderr.read().decode()  # type: ignore[union-attr]
    assert process.wait(timeout=180) == 0, stderr
    # Nothing but the digest's one success line, when the pipe took the whole digest before it closed.
    assert [line for line in stderr.splitlines() if "written to stdout" not in line] == []


# --- file names that are not UTF-8 -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "md", "html", "txt"])
def test_a_file_name_that_is_not_utf8_is_briefed(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    text = (DATA / "folder" / "library.txt").read_text().replace("Northfield Herald\n", "")
    (Path(os.fsdecode(bytes(folder) + b"/caf\xe9-library.txt"))).write_text(text, encoding="utf-8")
    result = invoke("digest", str(folder), "-f", fmt, "--state", str(tmp_path / "s.db"))
    assert result.exit_code == 0, result.stderr
    assert "Northfield" in result.stdout and "caf\ufffd-library.txt" in result.stdout
    batch = invoke("batch", str(folder))
    assert batch.exit_code == 0, batch.stderr
    assert json.loads(batch.stdout)["source"] == "caf\ufffd-library.txt"


def test_a_mail_of_a_folder_with_a_file_name_that_is_not_utf8_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    text = (DATA / "folder" / "library.txt").read_text().replace("Northfield Herald\n", "")
    (Path(os.fsdecode(bytes(folder) + b"/caf\xe9.txt"))).write_text(text, encoding="utf-8")
    eml = tmp_path / "d.eml"
    result = invoke("digest", str(folder), "--eml", str(eml), "--state", str(tmp_path / "s.db"))
    assert result.exit_code == 0, result.stderr
    assert "Northfield" in eml.read_text()
