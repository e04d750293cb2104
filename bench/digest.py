"""Digest quality on Multi-News: same-story clustering (pairwise P/R) and the multi-article summary (ROUGE).

Clustering: every article of every Multi-News item goes into one pool, as in a day's digest; two
articles should share a group exactly when they come from the same item. The baseline is tf-idf
cosine with one threshold over all pairs (single linkage). The set holds boilerplate pages (a
Twitter notice, a web-archive notice) that are identical across items; any deduplicating method
must merge those, so the numbers are given with and without them.

Summary: ROUGE F1 (rouge-score, stemmed) against the Multi-News reference, beside First-3 (the
first three sentences of each article), LexRank and TextRank (sumy, same sentence
splitter, same 250-word budget as ours).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence
from itertools import combinations

from common import eval_file, load_average, read_jsonl, write_section

from briefer.article.sentences import split_sentences
from briefer.digest.group import SUMMARY_WORDS, candidate_pairs, cluster, cosine, multi_summary, terms, tfidf

NAME = "digest"
COMMAND = "python bench/run.py digest"
BASELINE_THRESHOLD = 0.2
DUPLICATE = 0.8  # cosine above which two pages are the same page


def main(args: argparse.Namespace) -> int:
    path = eval_file("multinews_test.jsonl")
    if path is None:
        print("digest: ../shared/eval/multinews_test.jsonl is absent; skipped")
        return 0
    items = list(read_jsonl(path, limit=40 if args.quick else None))
    body = clustering_section(items) + "\n\n" + summary_section(items) + "\n\n" + scale_section(args.quick)
    print(body)
    if not args.quick:
        write_section(NAME, body, COMMAND)
    return 0


def clustering_section(items: list[dict]) -> str:  # type: ignore[type-arg]
    docs = [a for item in items for a in item["articles"]]
    labels = [n for n, item in enumerate(items) for _ in item["articles"]]
    noise = _cross_item_duplicates(docs, labels)
    kept = [i for i in range(len(docs)) if i not in noise]
    rows = []
    for name, subset in (("all articles", list(range(len(docs)))), ("boilerplate duplicates removed", kept)):
        texts, truth = [docs[i] for i in subset], [labels[i] for i in subset]
        start = time.perf_counter()
        ours = _labels(cluster(texts), len(texts))
        seconds = time.perf_counter() - start
        base = _single_link(texts, BASELINE_THRESHOLD)
        rows.append(
            f"| {name} ({len(texts)}) | {_fmt(pairwise(base, truth))} | {_fmt(pairwise(ours, truth))} "
            f"| {seconds:.2f} s |"
        )
    head = (
        "### Same-story clustering (Multi-News test, pairwise precision / recall)\n\n"
        f"{len(items)} items, {len(docs)} articles in one pool; {len(noise)} articles are pages "
        "near-identical to a page of another item (Twitter and web-archive notices).\n\n"
        f"| articles | tf-idf cosine ≥ {BASELINE_THRESHOLD}, single link, all pairs | briefer "
        "(names, blocking, average link) | briefer time |\n| --- | --- | --- | --- |"
    )
    rows.append(
        f"| small digests: 3 random items at a time, 150 draws | — | {_fmt(_small_pools(docs, labels, noise))} | — |"
    )
    limits = (
        "What limits the numbers: the boilerplate pages (identical text filed under different items, which any "
        "deduplicator must merge); items whose articles share almost no words (an item can hold reports on "
        "related events in different cities); and one similarity threshold for every pool (0.16, average cosine "
        "of tf-idf vectors with multi-word names as terms). A pool of one outlet's articles from the same weeks "
        "(the scale run below) also merges follow-ups of one running story, which a digest reader may or may "
        "not want as one entry."
    )
    return head + "\n" + "\n".join(rows) + "\n\n" + limits


def _small_pools(docs: list[str], labels: list[int], noise: set[int], draws: int = 150) -> tuple[float, float]:
    """Pairwise P/R summed over many small pools (the articles of 3 random items), as in a short digest."""
    rng = random.Random(7)
    items = sorted(set(labels))
    predicted: list[int] = []
    truth: list[int] = []
    for draw in range(draws):
        chosen = set(rng.sample(items, 3))
        subset = [i for i in range(len(docs)) if labels[i] in chosen and i not in noise]
        groups = _labels(cluster([docs[i] for i in subset]), len(subset))
        offset = draw * len(docs)  # keep pools apart: no pair across two draws counts
        predicted += [offset + g for g in groups]
        truth += [offset + labels[i] for i in subset]
    return pairwise(predicted, truth)


def _cross_item_duplicates(docs: list[str], labels: list[int]) -> set[int]:
    vectors = tfidf([terms(d) for d in docs])
    found: set[int] = set()
    for (i, j), score in candidate_pairs(vectors).items():
        if score > DUPLICATE and labels[i] != labels[j]:
            found |= {i, j}
    return found


def _labels(groups: list[list[int]], size: int) -> list[int]:
    owner = [0] * size
    for number, members in enumerate(groups):
        for index in members:
            owner[index] = number
    return owner


def _single_link(texts: list[str], threshold: float) -> list[int]:
    vectors = tfidf([terms(t) for t in texts])
    parent = list(range(len(texts)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in combinations(range(len(texts)), 2):
        if cosine(vectors[i], vectors[j]) >= threshold:
            parent[root(i)] = root(j)
    return [root(i) for i in range(len(texts))]


def pairwise(predicted: Sequence[int], truth: Sequence[int]) -> tuple[float, float]:
    both = same_pred = same_true = 0
    for i, j in combinations(range(len(truth)), 2):
        p, t = predicted[i] == predicted[j], truth[i] == truth[j]
        both += p and t
        same_pred += p
        same_true += t
    return (both / same_pred if same_pred else 0.0, both / same_true if same_true else 0.0)


def _fmt(pr: tuple[float, float]) -> str:
    return f"P {pr[0]:.3f} / R {pr[1]:.3f}"


def summary_section(items: list[dict]) -> str:  # type: ignore[type-arg]
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    systems = {"First-3": _first3, "LexRank": _sumy("lexrank"), "TextRank": _sumy("textrank"), "briefer": _ours}
    totals = {name: [0.0, 0.0, 0.0] for name in systems}
    for item in items:
        docs = [[s.text for s in split_sentences(a)] for a in item["articles"]]
        for name, system in systems.items():
            scores = scorer.score(item["summary"], " ".join(system(docs)))
            for k, key in enumerate(("rouge1", "rouge2", "rougeL")):
                totals[name][k] += scores[key].fmeasure
    rows = [
        f"| {name} | " + " | ".join(f"{100 * v / len(items):.1f}" for v in values) + " |"
        for name, values in totals.items()
    ]
    head = (
        f"### Multi-article summary (Multi-News test, {len(items)} items, ROUGE F1, about "
        f"{SUMMARY_WORDS} words)\n\n| system | R-1 | R-2 | R-L |\n| --- | --- | --- | --- |"
    )
    return head + "\n" + "\n".join(rows)


def _first3(docs: list[list[str]]) -> list[str]:
    return [s for doc in docs for s in doc[:3]]


def _ours(docs: list[list[str]]) -> list[str]:
    from briefer.digest.group import central

    lead = central([" ".join(d) for d in docs])
    return multi_summary([docs[lead]] + [d for i, d in enumerate(docs) if i != lead])


def _sumy(method: str):  # type: ignore[no-untyped-def]
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    from briefer.article.sentences import SumyTokenizer

    summarizer = (LexRankSummarizer if method == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def run(docs: list[list[str]]) -> list[str]:
        sentences = [s for doc in docs for s in doc]
        parser = PlaintextParser.from_string("\n\n".join(sentences), SumyTokenizer())
        return [str(s) for s in summarizer(parser.document, _within_budget)]

    return run


def _within_budget(ranked: list) -> list:  # type: ignore[type-arg]
    """sumy's count callable: the best-rated sentences (given best first) within the word budget."""
    chosen, used = [], 0
    for info in ranked:
        if used >= SUMMARY_WORDS:
            break
        chosen.append(info)
        used += len(str(info.sentence).split())
    return chosen


def scale_section(quick: bool) -> str:
    """Time a whole digest (grouping, briefing every article, rendering HTML) of 1,000 articles on one core."""
    from briefer.digest.run import DigestOptions, NewItem, build_digest, render_digest
    from briefer.sources.identity import identity
    from briefer.sources.items import Item

    path = eval_file("cnndm_validation.jsonl")
    if path is None:
        return "### Scale\n\n../shared/eval/cnndm_validation.jsonl is absent; skipped."
    rows = list(read_jsonl(path, limit=100 if quick else 1000))
    items = [Item(source="CNN", body=row["article"]) for row in rows]
    chosen = [NewItem(identity(None, None, None, item.body), item) for item in items]
    from briefer.article.sentences import split_sentences

    start = time.perf_counter()
    for item in items:
        split_sentences(item.body)
    floor = time.perf_counter() - start
    lines = [
        f"### Scale\n\nA digest of {len(items):,} CNN/DailyMail validation articles (one source): grouping, "
        "briefing every article, summaries and HTML, beside the floor of sentence-splitting the same texts.",
        "",
        "| run | wall s | CPU s (this process) | articles/s | stories |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| floor: split sentences only | {floor:.1f} | | {len(items) / floor:.0f} | |",
    ]
    for jobs in (1, 2):
        start, cpu = time.perf_counter(), time.process_time()
        digest = build_digest(chosen, [], DigestOptions(jobs=jobs))
        render_digest(digest, "html")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        rate = len(items) / seconds
        lines.append(f"| `--jobs {jobs}` | {seconds:.1f} | {cpu:.1f} | {rate:.0f} | {len(digest.stories)} |")
    lines += ["", f"`--jobs 2` includes starting its local cluster of two worker processes. Load average while "
              f"measuring: {load_average()}."]  # fmt: skip
    return "\n".join(lines)
