"""`briefer digest` killed at random points (SIGKILL, as an OOM killer or a reboot would) never leaves a
partial output file or a seen-state that skips an item, and runs started together never both send one.

Each run is a real process (`python -m briefer digest …`) over a folder of articles written here.
"""

from __future__ import annotations

import email
import json
import os
import random
import signal
import subprocess
import sys
import time
from email import policy
from pathlib import Path

import pytest

KILLS = 12  # SIGKILLs per test; the points are random but seeded, so a failure can be replayed
STORIES = [  # topic, person, place, what happens: distinct enough that no two are taken for one story
    ("bridge", "Linda Okafor", "Port Elms", "close for welding until spring"),
    ("ferry", "Tomas Berg", "Alder Bay", "add a night crossing to the islands"),
    ("library", "Priya Nandakumar", "Northfield", "lend tools and sewing machines"),
    ("reservoir", "Marek Nowak", "Greyhill", "release water to the drought farms"),
    ("school", "Aisha Bello", "Riverton", "open a science wing with telescopes"),
    ("stadium", "Carlos Ruiz", "Eastport", "host the regional athletics final"),
    ("tram", "Mei Chen", "Lakeside", "run electric carriages every six minutes"),
    ("clinic", "Olu Adeyemi", "Westbrook", "offer free vaccinations to seniors"),
    ("market", "Sofia Rossi", "Old Quay", "move its fishmongers under a glass roof"),
    ("orchard", "Jonas Weber", "Cedar Hill", "replant apple trees lost to frost"),
]


def write_articles(folder: Path, count: int = 10) -> list[str]:
    """`count` distinct articles; their titles."""
    folder.mkdir(parents=True, exist_ok=True)
    titles = []
    for n, (topic, person, place, plan) in enumerate(STORIES[:count]):
        title = f"{place} {topic} will {plan}"
        body = (
            f"{person} announced on Monday that the {place} {topic} will {plan}. "
            f"The {topic} plan for {place} was approved after a long debate, {person} said. "
            f"Residents of {place} asked for a timetable for the {topic} before the next meeting."
        )
        (folder / f"article-{n:02}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        titles.append(title)
    write_articles.titles = titles  # type: ignore[attr-defined]
    return titles


def environment(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BRIEFER_")}
    env.update(SOURCE_DATE_EPOCH="1772500000", XDG_STATE_HOME=str(tmp_path / "state-home"))
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config-home"), PYTHONHASHSEED="0")
    return env


def digest_command(folder: Path, output: Path, state: Path) -> list[str]:
    """A digest written to `output`: a JSON file, or a mail saved as .eml (--eml: written, not sent)."""
    target = ["--eml", str(output)] if output.suffix == ".eml" else ["-o", str(output)]
    return [sys.executable, "-m", "briefer", "digest", str(folder), *target, "--state", str(state), "-q"]


def carried(output: Path) -> list[str] | None:
    """Titles of every item in the digest file (None when there is no file); fails on a cut-short file."""
    if not output.exists():
        return None
    if output.suffix == ".eml":
        return _mailed_titles(output)
    data = json.loads(output.read_text(encoding="utf-8"))  # a partial file would not parse
    return [source["title"] for story in data["stories"] for source in story["sources"]]


def _mailed_titles(path: Path) -> list[str]:
    """The article titles that a saved mail's parts mention; the message must be complete."""
    raw = path.read_bytes()
    assert raw.rstrip().endswith(b"--"), "the .eml is cut short (no closing MIME boundary)"
    message = email.message_from_bytes(raw, policy=policy.default)
    text = " ".join(part.get_content() for part in message.walk() if part.get_content_maintype() == "text")
    folder_titles = write_articles.titles  # type: ignore[attr-defined]
    return [title for title in folder_titles if title in text]


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


def run_timing(tmp_path: Path, env: dict[str, str], suffix: str) -> tuple[float, float]:
    """When an uninterrupted run here writes its file, and when it ends (seconds from its start)."""
    folder, output = tmp_path / "timing", tmp_path / f"timing{suffix}"
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


@pytest.mark.parametrize("suffix", [".json", ".eml"])
def test_sigkill_at_random_points_never_leaves_a_partial_file_or_skips_an_item(tmp_path: Path, suffix: str) -> None:
    """A third of the kills fall anywhere in a run, a third in its last part, a third at the moment it writes."""
    env = environment(tmp_path)
    written_at, ended_at = run_timing(tmp_path, env, suffix)
    chance = random.Random(20260228)
    outcomes: list[str] = []
    for number in range(KILLS):
        folder, output, state = tmp_path / f"news{number}", tmp_path / f"d{number}{suffix}", tmp_path / f"s{number}.db"
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
