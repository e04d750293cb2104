"""Who, Commitments and Next steps against the gold briefs in ../shared/eval/gold and the seed.

Scored by the shared scorer (../shared/tools/score_brief.py, its `score()` imported at run time,
not reimplemented): people precision, recall and role accuracy, organisation and place recall,
commitment and next-step precision and recall, per article and in total.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import EVAL_DIR, read_jsonl, write_section

from briefer import make_brief
from briefer.article.sentences import split_sentences
from briefer.extract.quotes import extract_quotes
from briefer.extract.who import extract_who

NAME = "extract"
COMMAND = "python bench/run.py extract"
GOLD_DIR = EVAL_DIR / "gold"
TOOLS_DIR = EVAL_DIR.parent / "tools"
SEED_DIR = EVAL_DIR.parent / "seed"
Scorer = Callable[[dict[str, Any], dict[str, Any]], dict[str, int]]
# (label, numerator key, denominator key) of each number in the totals table.
MEASURES = (
    ("people precision", "p_ext_ok", "p_ext"),
    ("people recall", "p_tp", "p_n"),
    ("role accuracy", "role_ok", "role_n"),
    ("organisation recall", "o_tp", "o_n"),
    ("place recall", "g_tp", "g_n"),
    ("commitments precision", "c_ext_ok", "c_ext"),
    ("commitments recall", "c_tp", "c_n"),
    ("next steps precision", "n_ext_ok", "n_ext"),
    ("next steps recall", "n_tp", "n_n"),
)


def _scorer() -> Scorer | None:
    if not (TOOLS_DIR / "score_brief.py").is_file():
        return None
    sys.path.insert(0, str(TOOLS_DIR))
    from score_brief import score  # type: ignore[import-not-found]

    return score


def gold_cases() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(id, article text, gold brief) for every gold file whose article is present."""
    wanted: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        wanted.setdefault(gold["file"], {})[gold["id"]] = gold
    for file_name, golds in sorted(wanted.items()):
        data = EVAL_DIR / file_name
        if data.is_file():
            for row in read_jsonl(data):
                if row["id"] in golds:
                    yield row["id"], row["article"], golds[row["id"]]


def seed_case() -> tuple[str, str, dict[str, Any]] | None:
    """The seed article without its headline and its source tag, and its expected brief."""
    text_path, expected = SEED_DIR / "ukraine-canada-security.txt", SEED_DIR / "expected.json"
    if not (text_path.is_file() and expected.is_file()):
        return None
    lines = text_path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    body = "\n".join(lines[2:-1])
    return "seed", body, json.loads(expected.read_text(encoding="utf-8"))


def _ratio(totals: dict[str, int], top: str, bottom: str) -> float:
    return totals[top] / totals[bottom] if totals[bottom] else 1.0


def _row(case_id: str, r: dict[str, int]) -> str:
    return (
        f"{case_id[:28]:28} people {r['p_tp']}/{r['p_n']} (ext {r['p_ext_ok']}/{r['p_ext']}, "
        f"bad {r['not_people_hits']}) role {r['role_ok']}/{r['role_n']} "
        f"org {r['o_tp']}/{r['o_n']} place {r['g_tp']}/{r['g_n']} "
        f"commit {r['c_tp']}/{r['c_n']} (ext {r['c_ext_ok']}/{r['c_ext']}) "
        f"next {r['n_tp']}/{r['n_n']} (ext {r['n_ext_ok']}/{r['n_ext']})"
    )


def _table(groups: dict[str, dict[str, int]]) -> str:
    names = list(groups)
    lines = ["| measure | " + " | ".join(names) + " |", "| --- |" + " ---: |" * len(names)]
    for label, top, bottom in MEASURES:
        cells = [f"{_ratio(groups[n], top, bottom):.2f} ({groups[n][top]}/{groups[n][bottom]})" for n in names]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    bad = [str(groups[n]["not_people_hits"]) for n in names]
    lines.append("| not-people listed as people | " + " | ".join(bad) + " |")
    return "\n".join(lines)


def _who_and_quotes_seconds(articles: list[str]) -> float:
    """Seconds that Who and Quotes take over all `articles`, best of three runs."""
    split = [split_sentences(article) for article in articles]
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for sentences in split:
            extract_quotes(sentences, extract_who(sentences, None))
        best = min(best, time.perf_counter() - started)
    return best


def _add(totals: dict[str, int], result: dict[str, int]) -> None:
    for key, value in result.items():
        totals[key] = totals.get(key, 0) + value


def main(args: argparse.Namespace | None = None) -> int:
    score = _scorer()
    cases = list(gold_cases()) if GOLD_DIR.is_dir() else []
    if score is None or not cases:
        print("extract: ../shared/eval/gold or the scorer is absent; skipped")
        return 0
    gold_totals: dict[str, int] = {}
    elapsed = 0.0
    for case_id, article, gold in cases:
        started = time.perf_counter()
        brief = make_brief(article).to_dict()
        elapsed += time.perf_counter() - started
        result = score(brief, gold)
        _add(gold_totals, result)
        print(_row(case_id, result))
    groups = {f"gold ({len(cases)} articles)": gold_totals}
    seed = seed_case()
    if seed is not None:
        seed_result = score(make_brief(seed[1]).to_dict(), seed[2])
        print(_row("seed", seed_result))
        groups["seed"] = seed_result
    table = _table(groups)
    print(table)
    ms = 1000 * elapsed / len(cases)
    who_ms = 1000 * _who_and_quotes_seconds([article for _, article, _ in cases]) / len(cases)
    body = (
        f"### Extraction (Who, Commitments, Next steps)\n\n"
        "Scored by the shared scorer (`../shared/tools/score_brief.py`) against the gold briefs in "
        "`../shared/eval/gold` and the seed article's `expected.json`. Precision counts extracted items "
        "that match a gold item; role accuracy is over matched people whose gold role is not null; "
        "organisations and places are scored for recall only.\n\n"
        f"{table}\n\n"
        f"Time an article: whole brief {ms:.1f} ms, of which Who and Quotes {who_ms:.1f} ms."
    )
    write_section(NAME, body, COMMAND)
    return 0


if __name__ == "__main__":
    sys.exit(main())
