"""Speed: start-up, per-article time, scaling with document length, each beside a baseline.

Baselines run in the same invocation: the interpreter alone (start-up floor), reading and
sentence-splitting the same text (the floor no ranker can beat), and sumy's LexRank and TextRank
on the same sentences and tokens.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import time
from argparse import Namespace
from pathlib import Path

from common import ROOT, eval_file, load_average, median, read_jsonl, write_section

NAME = "speed"
COMMAND = "python bench/run.py speed"
RUNS = 7
SCALE_SIZES = (100, 1_000, 10_000, 50_000)
SCALE_LIMIT_S = 60.0
PER_ARTICLE_METHODS = ("floor", "news", "lead", "lexrank", "textrank", "lsa", "luhn", "edmundson", "sumbasic", "kl",
                       "reduction", "make_brief")  # fmt: skip
SCALE_METHODS = ("floor", "news", "lead", "make_brief", "lexrank", "textrank", "lsa", "luhn", "edmundson", "sumbasic",
                 "kl", "reduction")  # fmt: skip
SHORT_ARTICLE = ROOT / "examples" / "harbour-bridge.txt"

# Runs one method over one text in a fresh interpreter; prints seconds and peak RSS in MB.
_ONE_RUN = """
import json, resource, sys, time
from briefer.article.sentences import split_sentences
from briefer.rank import Length, summarise
from briefer.pipeline import make_brief
text = open(sys.argv[1], encoding="utf-8").read()
method = sys.argv[2]
warm_up = split_sentences("Warm up here. The models load now. Imports happen before timing.")
if method not in ("floor", "make_brief"):
    summarise(warm_up, title=None, method=method, length=Length(sentences=1))
make_brief("Warm up here. The models load now.") if method == "make_brief" else None
start = time.perf_counter()
if method == "make_brief":
    make_brief(text)
else:
    sentences = split_sentences(text)
    if method != "floor":
        summarise(sentences, title=None, method=method, length=Length(sentences=3))
seconds = time.perf_counter() - start
# VmHWM is this process's own high-water mark; ru_maxrss can carry the parent's across fork and exec.
status = open("/proc/self/status").read() if sys.platform == "linux" else ""
peak = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
peak_mb = int(peak[0]) / 1024 if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))
"""


def main(args: Namespace) -> int:
    """Start-up (its own section, also run alone by the `startup` part), then per-article and scaling."""
    startup_main(args)
    sections: list[str] = []
    articles = _articles(args)
    if articles is None:
        print("speed: ../shared/eval/cnndm_validation.jsonl is absent; per-article and scaling parts skipped")
    else:
        sections.append(per_article_section(articles, args))
        sections.append(scaling_section(articles, args))
    sections.append(_load_line())
    body = "\n\n".join(sections)
    print(body)
    write_section(NAME, body, COMMAND + (" --quick" if args.quick else ""))
    return 0


def startup_main(args: Namespace) -> int:
    """Only the start-up times: whole processes, seconds to run."""
    body = "## Speed\n\n" + startup_section(args) + "\n\n" + _load_line()
    print(body)
    write_section("speed-startup", body, "python bench/run.py startup")
    return 0


def _load_line() -> str:
    return (f"Load average at the end of the run: {load_average()} (other work on the "
            "machine slows every row alike; compare rows of one run, not runs of different days).")  # fmt: skip


def _articles(args: Namespace) -> list[str] | None:
    path = eval_file("cnndm_validation.jsonl")
    if path is None:
        return None
    return [row["article"] for row in read_jsonl(path, limit=100 if args.quick else None)]


def _briefer_command() -> list[str]:
    return [sys.executable, "-m", "briefer"] if _module_entry() else [str(Path(sys.executable).parent / "briefer")]


def _module_entry() -> bool:
    return not (Path(sys.executable).parent / "briefer").exists()


def _wall(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return median(times)


def startup_section(args: Namespace) -> str:
    runs = 3 if args.quick else RUNS
    briefer = _briefer_command()
    rows = [
        ("python -c pass (interpreter floor)", _wall([sys.executable, "-c", "pass"], runs), None),
        ("import sumy LexRank + numpy (baseline)", _wall([sys.executable, "-c", _SUMY_IMPORT], runs), None),
        ("briefer --help", _wall([*briefer, "--help"], runs), 0.15),
        (f"briefer make {SHORT_ARTICLE.name} (341 words)", _wall([*briefer, "make", str(SHORT_ARTICLE)], runs), 0.4),
        ("briefer make, 800-word article", _wall([*briefer, "make", str(_eight_hundred_words())], runs), 0.4),
    ]
    lines = [
        f"### Start-up (whole processes, median of {runs})",
        "",
        "| command | median s | target |",
        "|---|---|---|",
    ]
    lines += [
        f"| {name} | {seconds:.3f} | {'' if target is None else f'< {target}'} |" for name, seconds, target in rows
    ]
    return "\n".join(lines)


_SUMY_IMPORT = "import numpy, sumy.summarizers.lex_rank, sumy.nlp.stemmers"


def _eight_hundred_words() -> Path:
    text = SHORT_ARTICLE.read_text(encoding="utf-8").splitlines()
    title, body, source = text[0], [line for line in text[2:-1] if line.strip()], text[-1]
    paragraphs = (body * 3)[: max(1, round(len(body) * 800 / 341))]
    path = Path(tempfile.gettempdir()) / "briefer-bench-800-words.txt"
    path.write_text(title + "\n\n" + "\n".join(paragraphs) + "\n" + source + "\n", encoding="utf-8")
    return path


def per_article_section(articles: list[str], args: Namespace) -> str:
    from briefer.article.sentences import split_sentences
    from briefer.pipeline import make_brief
    from briefer.rank import Length, summarise

    split = [split_sentences(text) for text in articles]
    lines = [f"### Per article, Python API, {len(articles)} articles of cnndm_validation (after start-up)", "",
             "| method | median ms | p95 ms | target |", "|---|---|---|---|"]  # fmt: skip
    for method in PER_ARTICLE_METHODS:
        times = []
        for text, sentences in zip(articles, split, strict=True):
            start = time.perf_counter()
            if method == "make_brief":
                make_brief(text)
            elif method == "floor":
                split_sentences(text)
            else:
                summarise(sentences, title=None, method=method, length=Length(sentences=3))
            times.append((time.perf_counter() - start) * 1000)
        target = {"news": "< 5 (ranking only)", "make_brief": "< 25 (whole brief)"}.get(method, "")
        lines.append(f"| {method} | {median(times):.2f} | {_percentile(times, 95):.2f} | {target} |")
    lines.append("")
    lines.append("`floor` is sentence splitting alone; every method but `floor` and `make_brief` times ranking and "
                 "selection on already split sentences; `make_brief` is the whole brief from raw text.")  # fmt: skip
    return "\n".join(lines)


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(percent / 100 * len(ordered)) - 1)]


def scaling_section(articles: list[str], args: Namespace) -> str:
    sizes = SCALE_SIZES[:2] if args.quick else SCALE_SIZES
    documents = {size: _document_of(articles, size) for size in sizes}
    lines = ["### Scaling: one document of N sentences (fresh process per run)", "",
             "| method | " + " | ".join(f"{n:,} s / MB" for n in sizes) + " | exponent |",
             "|---|" + "---|" * (len(sizes) + 1)]  # fmt: skip
    for method in SCALE_METHODS:
        cells, points = _scale_method(method, documents)
        exponent = _fit_exponent(points)
        lines.append(f"| {method} | " + " | ".join(cells) + f" | {exponent} |")
    lines.append("")
    lines.append(f"Documents are real articles concatenated to N sentences. A method stops at the first size it "
                 f"does not finish within {SCALE_LIMIT_S:.0f} s (shown as '> {SCALE_LIMIT_S:.0f} s'; larger sizes "
                 "are not run). Exponent: slope of log time against log N over the sizes run. Median of 3 runs at "
                 "sizes up to 1,000 (one where a run takes over 5 s), one run above. Targets: 10,000 sentences "
                 "under 2 s and 50,000 under 15 s for "
                 "the default; peak memory under 200 MB except at 50,000.")  # fmt: skip
    return "\n".join(lines)


def _document_of(articles: list[str], size: int) -> Path:
    from briefer.article.sentences import split_sentences

    chosen: list[str] = []
    count = 0
    for text in _cycle(articles):
        chosen.append(text)
        count += len(split_sentences(text))
        if count >= size:
            break
    path = Path(tempfile.gettempdir()) / f"briefer-bench-{size}.txt"
    path.write_text("\n\n".join(chosen), encoding="utf-8")
    return path


def _cycle(articles: list[str]):  # type: ignore[no-untyped-def]
    while True:
        yield from articles


def _scale_method(method: str, documents: dict[int, Path]) -> tuple[list[str], list[tuple[int, float]]]:
    cells: list[str] = []
    points: list[tuple[int, float]] = []
    stopped = False
    for size, path in documents.items():
        if stopped:
            cells.append("—")
            continue
        result = _run_once(method, path, runs=3 if size <= 1_000 else 1)
        if result is None:
            cells.append(f"> {SCALE_LIMIT_S:.0f} s")
            stopped = True
            continue
        seconds, peak = result
        cells.append(f"{seconds:.3f} / {peak:.0f}")
        points.append((size, seconds))
    return cells, points


def _run_once(method: str, path: Path, runs: int) -> tuple[float, float] | None:
    results: list[tuple[float, float]] = []
    for _ in range(runs):
        if results and results[0][0] > 5:
            break  # one run of a slow method is enough
        try:
            completed = subprocess.run([sys.executable, "-c", _ONE_RUN, str(path), method], capture_output=True,
                                       text=True, timeout=SCALE_LIMIT_S + 30, check=True, env=_env())  # fmt: skip
        except subprocess.TimeoutExpired:
            return None
        data = json.loads(completed.stdout)
        if data["seconds"] > SCALE_LIMIT_S:
            return None
        results.append((data["seconds"], data["peak_mb"]))
    return median([r[0] for r in results]), max(r[1] for r in results)


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _fit_exponent(points: list[tuple[int, float]]) -> str:
    usable = [(math.log(n), math.log(max(t, 1e-6))) for n, t in points if t > 0.001]
    if len(usable) < 2:
        return "—"
    mean_x = sum(x for x, _ in usable) / len(usable)
    mean_y = sum(y for _, y in usable) / len(usable)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in usable) / sum((x - mean_x) ** 2 for x, _ in usable)
    return f"{slope:.2f}"
