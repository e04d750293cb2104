"""`briefer digest` killed at random points (SIGKILL, as an OOM killer or a reboot would) never leaves a
partial output file or a seen-state that skips an item, and runs started together never both send one.

Each run is a real process (`python -m briefer digest …`) over a folder of articles written here.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

KILLS = 12  # SIGKILLs per test; the points are random but seeded, so a failure can be replayed
TOPICS = ["bridge", "ferry", "library", "water", "school", "harbour", "market", "stadium", "tram", "clinic"]


def write_articles(folder: Path, count: int = 10) -> list[str]:
    """`count` distinct articles; their titles."""
    folder.mkdir(parents=True, exist_ok=True)
    titles = []
    for n in range(count):
        topic = TOPICS[n % len(TOPICS)]
        title = f"Council approves the {topic} plan number {n}"
        body = (
            f"The Port Elms council voted on Monday to approve the {topic} plan number {n} after a long debate. "
            f"Mayor Linda Okafor said work on the {topic} would begin in April and cost {n + 2} million dollars. "
            f"Residents asked the council to publish the {topic} timetable before the next meeting."
        )
        (folder / f"article-{n:02}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        titles.append(title)
    return titles


def environment(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BRIEFER_")}
    env.update(SOURCE_DATE_EPOCH="1772500000", XDG_STATE_HOME=str(tmp_path / "state-home"))
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config-home"), PYTHONHASHSEED="0")
    return env


def digest_command(folder: Path, output: Path, state: Path) -> list[str]:
    return [sys.executable, "-m", "briefer", "digest", str(folder), "-o", str(output), "--state", str(state), "-q"]


def carried(output: Path) -> list[str] | None:
    """Titles of every item in the digest file (None when there is no file); fails on a cut-short file."""
    if not output.exists():
        return None
    data = json.loads(output.read_text(encoding="utf-8"))  # a partial file would not parse
    return [source["title"] for story in data["stories"] for source in story["sources"]]


def seen_titles(state: Path, env: dict[str, str]) -> list[str]:
    """Titles the store says were carried (an empty list when it does not exist yet)."""
    if not state.exists():
        return []
    listed = subprocess.run(
        [sys.executable, "-m", "briefer", "state", "list", "--state", str(state)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    return [line.split("\t")[2] for line in listed.stdout.splitlines() if line.strip()]


def run_timing(tmp_path: Path, env: dict[str, str]) -> tuple[float, float]:
    """When an uninterrupted run here writes its file, and when it ends (seconds from its start)."""
    folder, output = tmp_path / "timing", tmp_path / "timing.json"
    write_articles(folder)
    started = time.monotonic()
    process = subprocess.Popen(digest_command(folder, output, tmp_path / "timing.db"), env=env)
    written = None
    while process.poll() is None:
        if written is None and output.exists():
            written = time.monotonic() - started
        time.sleep(0.005)
    assert process.returncode == 0
    ended = time.monotonic() - started
    return written or ended, ended


def test_sigkill_at_random_points_never_leaves_a_partial_file_or_skips_an_item(tmp_path: Path) -> None:
    """A third of the kills fall anywhere in a run, a third in its last part, a third at the moment it writes."""
    env = environment(tmp_path)
    written_at, ended_at = run_timing(tmp_path, env)
    chance = random.Random(20260228)
    outcomes: list[str] = []
    for number in range(KILLS):
        folder, output, state = tmp_path / f"news{number}", tmp_path / f"d{number}.json", tmp_path / f"s{number}.db"
        titles = write_articles(folder)
        window = [(0.0, ended_at), (written_at - 0.3, ended_at), (written_at - 0.05, written_at + 0.05)][number % 3]
        process = subprocess.Popen(digest_command(folder, output, state), env=env, stderr=subprocess.DEVNULL)
        time.sleep(max(0.0, chance.uniform(*window)))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        first = carried(output) or []  # a cut-short file would fail to parse here
        seen = seen_titles(state, env)
        assert set(seen) <= set(first), "items recorded as seen but never written"
        outcomes.append("recorded" if seen else "written" if first else "nothing")
        again = subprocess.run(digest_command(folder, output, state), env=env, capture_output=True, timeout=300)
        assert again.returncode == 0, again.stderr
        assert set(titles) <= set(first) | set(carried(output) or []), "an item was skipped"
        assert sorted(seen_titles(state, env)) == sorted(titles)
    strays = [p.name for p in tmp_path.iterdir() if p.name.startswith(".d")]
    print(f"kills: {len(outcomes)}, state after each: {outcomes}; stray temporary files: {strays}")


@pytest.mark.parametrize("runs", [2, 4])
def test_runs_started_together_never_both_send_an_item(tmp_path: Path, runs: int) -> None:
    env = environment(tmp_path)
    folder, state = tmp_path / "news", tmp_path / "seen.db"
    titles = write_articles(folder)
    outputs = [tmp_path / f"digest-{n}.json" for n in range(runs)]
    processes = [
        subprocess.Popen(digest_command(folder, out, state), env=env, stderr=subprocess.PIPE, text=True)
        for out in outputs
    ]
    codes = [process.wait(timeout=300) for process in processes]
    assert all(code == 0 for code in codes), [p.stderr.read() for p in processes if p.stderr]
    sent = [title for out in outputs for title in carried(out) or []]
    for title in titles:
        assert sent.count(title) == 1, f"{title!r} was sent {sent.count(title)} times"
