"""What every benchmark part shares: where the evaluation data is, and writing its section of the docs."""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
DOCS = ROOT / "docs" / "benchmarks.md"


def eval_file(name: str) -> Path | None:
    """The path of an evaluation set, or None where ../shared/eval is not beside the project."""
    path = EVAL_DIR / name
    return path if path.is_file() else None


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)


def machine_line() -> str:
    return f"{date.today().isoformat()} · {platform.machine()} · Python {platform.python_version()}"


def load_average() -> str:
    """The machine's one-minute load average and core count, for a benchmark's fine print."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{load:.1f} on {os.cpu_count()} cores"


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def write_section(name: str, body: str, command: str) -> None:
    """Replace (or append) the section of docs/benchmarks.md between this part's markers."""
    begin, end = f"<!-- bench:{name}:begin -->", f"<!-- bench:{name}:end -->"
    section = f"{begin}\n{body.rstrip()}\n\nCommand: `{command}` · {machine_line()}\n{end}"
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text.rstrip() + "\n", encoding="utf-8")
