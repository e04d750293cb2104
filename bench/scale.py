"""Scale: `briefer batch` in one process against a local Dask cluster of 2 workers, and the cost of
same-story clustering at 1k, 10k and 100k articles with its fitted growth.

Batch reads real articles from ../shared/eval (cnndm_validation.jsonl, skipped where absent), written
as text files into a temporary folder; both runs must give the same bytes. Clustering runs on
synthetic article fingerprints (term lists: Zipf-distributed background words plus a few terms and
names of the article's own story), so the pool can grow to 100,000 without any real text.
`BRIEFER_BENCH_ARTICLES` sets the number of batch articles (default 1,000; real articles are reused
in turn past the set's size).
"""

from __future__ import annotations

import io
import itertools
import math
import os
import random
import resource
import sys
import tempfile
import time
from argparse import Namespace
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import ROOT, eval_file, load_average, read_jsonl, write_section

sys.path.insert(0, str(ROOT))

NAME = "scale"
COMMAND = "python bench/run.py scale"
WORKERS = 2
CLUSTER_SIZES = (1_000, 10_000, 100_000)
VOCABULARY = 50_000  # background words, Zipf-distributed
STORY_TERMS = 12  # distinctive words and names of one story
WORDS = 160  # background words per article
STORY_WORDS = 30  # words of its story per article


def main(args: Namespace) -> int:
    sections = [batch_section(args), clustering_section(args)]
    body = "## Scale: batch on a Dask cluster, clustering growth\n\n" + "\n\n".join(s for s in sections if s)
    articles = os.environ.get("BRIEFER_BENCH_ARTICLES")
    command = (f"BRIEFER_BENCH_ARTICLES={articles} " if articles else "") + COMMAND
    write_section(NAME, body, command + (" --quick" if args.quick else ""))
    print(body)
    return 0


# --- batch: one process against --jobs 2 -------------------------------------------------------


def batch_section(args: Namespace) -> str:
    path = eval_file("cnndm_validation.jsonl")
    if path is None:
        return "Batch: skipped (../shared/eval/cnndm_validation.jsonl is absent)."
    count = 200 if args.quick else int(os.environ.get("BRIEFER_BENCH_ARTICLES", "1000"))
    articles = [row["article"] for row in read_jsonl(path)]
    with tempfile.TemporaryDirectory(prefix="briefer-scale-") as folder:
        for number in range(count):
            text = articles[number % len(articles)]
            (Path(folder) / f"{number:06d}.txt").write_text(f"Article {number}\n\n{text}\n", encoding="utf-8")
        return _batch_runs(Path(folder), count)


def _batch_runs(folder: Path, count: int) -> str:
    from briefer.scale.batch import BatchOptions, run_batch
    from briefer.sources.items import SourceSpec

    specs = [SourceSpec(str(folder))]
    cpu = time.process_time()
    one, one_seconds = _timed(lambda: _run(run_batch, specs, BatchOptions()))
    one_cpu = time.process_time() - cpu
    one_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    (two, two_seconds), start_seconds, workers = _on_cluster(lambda address: _timed(
        lambda: _run(run_batch, specs, BatchOptions(scheduler=address))))  # fmt: skip
    two_cpu = sum(cpu for cpu, _ in workers)
    same = "identical" if one == two else "DIFFERENT"
    rows = [
        "| run | articles/s | wall ms per article | CPU ms per article | wall (s) | peak memory |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
        f"| one process | {count / one_seconds:.1f} | {1000 * one_seconds / count:.1f} | {1000 * one_cpu / count:.1f} "
        f"| {one_seconds:.1f} | {one_peak:.0f} MB (the whole process) |",
        f"| `--jobs {WORKERS}` ({WORKERS} worker processes) | {count / two_seconds:.1f} "
        f"| {1000 * two_seconds / count:.1f} | {1000 * two_cpu / count:.1f} (workers) "
        f"| {two_seconds:.1f} + {start_seconds:.1f} start-up "
        f"| {' / '.join(f'{mb:.0f}' for _, mb in workers)} MB per worker |",
    ]
    return (
        f"Batch over {count:,} news articles (cnndm_validation, as text files): "
        f"speed-up {one_seconds / two_seconds:.2f}× on {WORKERS} workers, output {same} "
        f"({one.count(chr(10)):,} lines). Load average at the end: {load_average()} "
        "(other jobs share the cores, so wall times and the speed-up are lower bounds; CPU time per "
        "article is the figure to plan with).\n\n" + "\n".join(rows) + "\n\n"
        "Start-up is the time `--jobs` takes to start its local cluster (paid once per run). CPU per "
        "article on the cluster adds up the workers' CPU time during the run (reading, briefing, "
        "serialising). Peak memory per worker is each worker process's maximum resident size."
    )


def _run(run_batch: Callable[..., Any], specs: list[Any], options: Any) -> str:
    out = io.StringIO()
    run_batch(specs, options, out)
    return out.getvalue()


def _timed(work: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def _on_cluster(work: Callable[[str], Any]) -> tuple[Any, float, list[tuple[float, float]]]:
    """Run `work(scheduler address)` on a fresh local cluster: its result, the cluster's start-up time,
    and each worker's CPU seconds during the work and peak resident memory in MB."""
    import distributed

    start = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=WORKERS, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address="127.0.0.1:0", silence_logs=40,
    )  # fmt: skip
    started = time.perf_counter() - start
    try:
        with distributed.Client(cluster) as client:
            before = client.run(_usage)
            result = work(cluster.scheduler_address)
            after = client.run(_usage)
        workers = [(after[w][0] - before[w][0], after[w][1]) for w in sorted(after)]
        return result, started, workers
    finally:
        cluster.close()


def _usage() -> tuple[float, float]:
    """This process's CPU seconds so far and its peak resident memory in MB."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


# --- clustering growth ------------------------------------------------------------------------


def clustering_section(args: Namespace) -> str:
    from briefer.digest import group as cluster

    sizes = CLUSTER_SIZES[:2] if args.quick else CLUSTER_SIZES
    rows = ["| articles | tf-idf (s) | candidate pairs (s) | pairs compared | grouping (s) | total (s) | groups |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    totals = []
    for size in sizes:
        documents = fingerprints(size, random.Random(size))
        vectors, t_tfidf = _timed(lambda: cluster.tfidf(documents, cluster.BACKGROUND))  # noqa: B023
        pairs, t_pairs = _timed(lambda: cluster.candidate_pairs(vectors))  # noqa: B023
        groups, t_group = _timed(lambda: cluster.group(size, pairs))  # noqa: B023
        total = t_tfidf + t_pairs + t_group
        totals.append((size, total))
        rows.append(f"| {size:,} | {t_tfidf:.2f} | {t_pairs:.2f} | {len(pairs):,} | {t_group:.2f} | {total:.2f} "
                    f"| {len(groups):,} |")  # fmt: skip
    exponent = _growth(totals)
    return (
        "Same-story clustering (`briefer.digest.group`: tf-idf, blocking on each article's "
        f"{cluster.TOP_TERMS} most distinctive terms, average linkage) on synthetic article fingerprints "
        f"({WORDS} Zipf-distributed background words and {STORY_WORDS} words of the article's own story; "
        f"stories of 1 to 8 articles). Beyond {cluster.STRICT_POOL:,} articles a pair is compared only when it "
        f"shares two blocking terms, or one that at most {cluster.FEW} articles have.\n\n" + "\n".join(rows) + "\n\n"
        f"Fitted growth: time ∝ n^{exponent:.2f} (least squares on log time against log n; 1.0 is linear, "
        "2.0 would be all pairs). All pairs at 100,000 articles would be 5·10⁹ comparisons."
    )


def fingerprints(count: int, rng: random.Random) -> list[list[str]]:
    """`count` term lists: each article is background words plus words of its story (1 to 8 articles a story)."""
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(VOCABULARY)))
    background = [f"w{rank}" for rank in range(VOCABULARY)]
    documents: list[list[str]] = []
    story = 0
    while len(documents) < count:
        size = min(count - len(documents), rng.choice((1, 1, 1, 1, 2, 2, 3, 4, 6, 8)))
        own = [f"s{story}t{k}" for k in range(STORY_TERMS)] + [f"name:s{story}n{k}" for k in range(3)]
        for _ in range(size):
            documents.append(rng.choices(background, cum_weights=cumulative, k=WORDS) + rng.choices(own, k=STORY_WORDS))
        story += 1
    return documents


def _growth(points: list[tuple[int, float]]) -> float:
    """The exponent k of time ≈ c·n^k, fitted by least squares in log–log space."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-9)) for _, t in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs) or 1.0
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
