"""A learned decision for Commitments and Next steps, measured by cross-validation (not shipped).

The rules in `briefer.extract.commitments` and `briefer.extract.next_steps` propose; a logistic
regression per task decides which sentences keep an item, from the words of the sentence, its
cue and tense marks (including which of the commitment rule's checks turned a cue down), its
time phrases, its place in the article and whether a rule fired on it. A sentence is a positive
example when one of its gold phrases lies in it. The fit is numpy, full-batch Adam with L2 and a
fixed number of steps, over features seen in at least MIN_COUNT training sentences; the
threshold is the best F1 on out-of-fold probabilities of an inner cross-validation over the
training articles only. No randomness: folds deal sorted article ids round-robin.

`bench/extract_eval.py` fits it once per fold and scores the held-out fold. Over the 109 gold
articles it does not beat the rules it starts from (docs/benchmarks.md), so the product keeps
the rules and ships no weights; this module stays so the comparison can be rerun.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import EVAL_DIR

from briefer.article.sentences import split_sentences
from briefer.extract.amounts import article_dollar, find_money, first_amount
from briefer.extract.clauses import (
    CONDITION,
    FUTURE,
    HEDGE,
    MAX_ITEM_WORDS,
    PREDICTION,
    QUESTION,
    REPORTING,
    balance_quotes,
    clauses,
    trim_words,
    word_count,
)
from briefer.extract.commitments import cue_verdicts, extract_commitments
from briefer.extract.dates import find_times
from briefer.extract.next_steps import extract_next_steps, planned_event
from briefer.extract.resolve import resolve_actor
from briefer.extract.who import extract_who
from briefer.models import Commitment, Entity, NextStep, Sentence

TASKS = ("commitment", "next_step")
TOOLS_DIR = EVAL_DIR.parent / "tools"
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+")
_QUOTE = re.compile(r"[“”\"]")
_NEGATION = re.compile(r"\b(?:not|no|never|n['’]t)\b", re.IGNORECASE)
_PAST_DID = re.compile(r"\b(?:was|were|had|did|has been|have been)\b", re.IGNORECASE)
_MODAL = r"(?:will|would|shall|['’]ll|(?:is|are|am) going to|plans? to|intends? to|aims? to|wants? to|(?:is|are) to)"
_PRONOUN_MODAL = re.compile(rf"\b(?:we|i|it|they|he|she)\s+(?:\w+\s+)?{_MODAL}\b", re.IGNORECASE)
_NAME_MODAL = re.compile(rf"(?-i:[A-Z][\w'’.-]+)\s+(?:\w+\s+)?{_MODAL}\b")
_SAID_MODAL = re.compile(
    rf"\b(?:said|says|told|announced|added|confirmed)\s+(?:that\s+)?(?:[\w'’.-]+\s+){{0,4}}?{_MODAL}\b", re.I
)
_MODAL_VERB = re.compile(r"\b(?:will|would|shall|to)\s+(?:not\s+|also\s+|now\s+)?([a-z]+)\b")


@dataclass(frozen=True)
class Context:
    """What the rules said about one sentence, and where it sits."""

    rule_commitment: bool
    rule_next_step: bool
    position: int
    sentences: int


@dataclass(frozen=True)
class Classifier:
    """One logistic decision: a bias, feature weights and the probability above which it says yes."""

    bias: float
    threshold: float
    weights: dict[str, float]

    def probability(self, features: Sequence[str]) -> float:
        total = self.bias + sum(self.weights.get(name, 0.0) for name in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def says_yes(self, features: Sequence[str]) -> bool:
        return self.probability(features) >= self.threshold


def features(sentence: Sentence, context: Context) -> list[str]:
    """The names of the features that are on for `sentence` (each counts 1)."""
    text = sentence.text
    lower = text.lower()
    words = _WORD.findall(lower)
    found = {f"w:{w}" for w in words}
    if words:
        found.add(f"first:{words[0]}")
    found.update(_cue_features(text))
    found.update(_time_features(text))
    found.update(_shape_features(text, words, context))
    return sorted(found)


def _cue_features(text: str) -> set[str]:
    marks = {
        "cue:future": FUTURE.search(text),
        "cue:hedge": HEDGE.search(text),
        "cue:prediction": PREDICTION.search(text),
        "cue:question": QUESTION.search(text),
        "cue:reporting": REPORTING.search(text),
        "cue:condition": CONDITION.search(text),
        "cue:negation": _NEGATION.search(text),
        "cue:past": _PAST_DID.search(text),
        "cue:quote": _QUOTE.search(text),
        "cue:money": find_money(text),
        "cue:pronoun_modal": _PRONOUN_MODAL.search(text),
        "cue:name_modal": _NAME_MODAL.search(text),
        "cue:said_modal": _SAID_MODAL.search(text),
        "cue:planned": planned_event(text),
    }
    found = {name for name, hit in marks.items() if hit}
    verdicts = cue_verdicts(text)
    found.update(f"ccue:{verdict}" for verdict in verdicts)
    found.update(f"ccue:{verdict.split(':')[0]}" for verdict in verdicts)
    found.update(f"mv:{m.group(1)}" for m in _MODAL_VERB.finditer(text.lower()))
    return found


def _time_features(text: str) -> set[str]:
    phrases = find_times(text)
    if not phrases:
        return {"time:none"}
    return {f"time:{phrase.tense}" for phrase in phrases}


def _shape_features(text: str, words: list[str], context: Context) -> set[str]:
    found = {f"len:{_bucket(len(words), (8, 16, 28, 40))}", f"pos:{_bucket(context.position, (1, 3, 6, 12))}"}
    share = context.position / max(1, context.sentences - 1)
    found.add(f"share:{_bucket(int(share * 10), (2, 5, 8))}")
    if context.rule_commitment:
        found.add("rule:commitment")
    if context.rule_next_step:
        found.add("rule:next_step")
    if context.rule_commitment and context.rule_next_step:
        found.add("rule:both")
    return found


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value < edge:
            return f"<{edge}"
    return f">={edges[-1]}"


_CONTENT = re.compile(r"[a-z0-9]{4,}")
SAME_ITEM = 0.6  # share of content words two items share to be one


def contexts(
    sentences: Sequence[Sentence], commitments: Sequence[Commitment], steps: Sequence[NextStep]
) -> list[Context]:
    """Each sentence's place and whether a rule fired on it."""
    committed = {item.sentence for item in commitments}
    stepped = {item.sentence for item in steps}
    total = len(sentences)
    return [Context(s.index in committed, s.index in stepped, s.index, total) for s in sentences]


def decide(
    sentences: Sequence[Sentence],
    who: Sequence[Entity],
    published: date | None,
    proposed: tuple[Sequence[Commitment], Sequence[NextStep]],
    classifiers: Mapping[str, Classifier],
) -> tuple[tuple[Commitment, ...], tuple[NextStep, ...]]:
    """The commitments and next steps the classifiers keep, in article order."""
    rule_commitments, rule_steps = proposed
    dollar = article_dollar([s.text for s in sentences])
    committed: list[Commitment] = []
    stepped: list[NextStep] = []
    for sentence, context in zip(sentences, contexts(sentences, rule_commitments, rule_steps), strict=True):
        on = features(sentence, context)
        if classifiers["commitment"].says_yes(on):
            own = [item for item in rule_commitments if item.sentence == sentence.index]
            committed.extend(own or [_commitment(sentence, who, dollar)])
        if classifiers["next_step"].says_yes(on):
            own_steps = [item for item in rule_steps if item.sentence == sentence.index]
            stepped.extend(own_steps or [_step(sentence, published)])
    return tuple(_merge_commitments(committed)), tuple(_merge_steps(stepped))


def _commitment(sentence: Sentence, who: Sequence[Entity], dollar: str) -> Commitment:
    text = _item_text(sentence.text)
    return Commitment(text, _actor(text, who), first_amount(text, dollar), sentence.index)


def _step(sentence: Sentence, published: date | None) -> NextStep:
    text = _item_text(sentence.text)
    phrase = next((p for p in find_times(text, published) if p.tense != "past"), None)
    if phrase is None:
        return NextStep(text, None, None, None, sentence.index)
    return NextStep(text, phrase.text, phrase.date, phrase.date_end, sentence.index)


def _item_text(sentence: str) -> str:
    """The sentence when it is short enough to be one item, else its longest clause."""
    if word_count(sentence) <= MAX_ITEM_WORDS:
        return sentence.strip()
    longest = max(clauses(sentence), key=lambda c: word_count(c.text))
    return balance_quotes(trim_words(longest.text.strip(" ,;:—–-"), MAX_ITEM_WORDS))


def _actor(text: str, who: Sequence[Entity]) -> str | None:
    """The first person or organisation the item names."""
    best: tuple[int, str] | None = None
    for entity in who:
        if entity.kind == "place":
            continue
        for mention in {entity.name, entity.name.split()[-1]}:
            position = text.find(mention)
            if position >= 0 and (best is None or position < best[0]):
                best = (position, entity.name)
    return resolve_actor(best[1], who) if best else None


def _content(text: str) -> set[str]:
    return set(_CONTENT.findall(text.lower()))


def _same(one: str, other: str) -> bool:
    a, b = _content(one), _content(other)
    return bool(a and b) and len(a & b) >= SAME_ITEM * min(len(a), len(b))


def _merge_commitments(items: list[Commitment]) -> list[Commitment]:
    kept: list[Commitment] = []
    for item in items:
        if not any(_same(item.text, other.text) for other in kept):
            kept.append(item)
    return kept


def _merge_steps(items: list[NextStep]) -> list[NextStep]:
    kept: list[NextStep] = []
    for item in items:
        if not any(_same(item.text, other.text) for other in kept):
            kept.append(item)
    return kept


MIN_COUNT = 2
L2 = 3e-3
STEPS = 300
RATE = 0.05
INNER_FOLDS = 3
FIELDS = {"commitment": "commitments", "next_step": "next_steps"}


@dataclass(frozen=True)
class Example:
    """One sentence of a gold article: its features and whether it holds a gold phrase of each task."""

    article: str
    features: tuple[str, ...]
    labels: tuple[bool, ...]  # in the order of TASKS


def _norm():  # the shared scorer's normalisation, so a label means what the scorer will count
    sys.path.insert(0, str(TOOLS_DIR))
    from score_brief import norm  # type: ignore[import-not-found]

    return norm


def article_examples(case_id: str, article: str, gold: dict[str, Any]) -> list[Example]:
    """The examples of one gold article."""
    norm = _norm()
    sentences = split_sentences(article)
    who = extract_who(sentences, None)
    proposed = extract_commitments(sentences, who), extract_next_steps(sentences, None)
    phrases = [[norm(p) for p in gold.get(FIELDS[task], [])] for task in TASKS]
    out = []
    for sentence, context in zip(sentences, contexts(sentences, *proposed), strict=True):
        text = norm(sentence.text)
        labels = tuple(any(p and p in text for p in task_phrases) for task_phrases in phrases)
        out.append(Example(case_id, tuple(features(sentence, context)), labels))
    return out


def _sparse(examples: Sequence[Example], vocabulary: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Row and column of every feature that is on, as two index arrays."""
    rows: list[int] = []
    columns: list[int] = []
    for row, example in enumerate(examples):
        on = [vocabulary[name] for name in example.features if name in vocabulary]
        rows += [row] * len(on)
        columns += on
    return np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)


def _vocabulary(examples: Iterable[Example]) -> dict[str, int]:
    counts = Counter(name for example in examples for name in example.features)
    names = sorted(name for name, count in counts.items() if count >= MIN_COUNT)
    return {name: column for column, name in enumerate(names)}


def _adam(cells: tuple[np.ndarray, np.ndarray], width: int, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Weights and bias of an L2-regularised logistic regression, by full-batch Adam on sparse rows."""
    rows, columns = cells
    count = len(labels)
    params = np.zeros(width + 1)
    first, second = np.zeros_like(params), np.zeros_like(params)
    for step in range(1, STEPS + 1):
        margin = np.bincount(rows, weights=params[columns], minlength=count) + params[-1]
        residual = 1.0 / (1.0 + np.exp(-np.clip(margin, -30, 30))) - labels
        grad = np.empty_like(params)
        grad[:-1] = np.bincount(columns, weights=residual[rows], minlength=width) / count + L2 * params[:-1]
        grad[-1] = residual.mean()
        first = 0.9 * first + 0.1 * grad
        second = 0.999 * second + 0.001 * grad * grad
        params -= RATE * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return float(params[-1]), params[:-1]


def _weights(examples: Sequence[Example], task: int) -> tuple[float, dict[str, float]]:
    vocabulary = _vocabulary(examples)
    labels = np.array([float(e.labels[task]) for e in examples])
    bias, weights = _adam(_sparse(examples, vocabulary), len(vocabulary), labels)
    rounded = {name: round(float(weights[column]), 4) for name, column in vocabulary.items()}
    return round(bias, 4), {name: value for name, value in rounded.items() if value != 0.0}


SEED = 15


def folds_of(articles: Sequence[str], folds: int) -> dict[str, int]:
    """Each article's fold: sorted ids shuffled with a fixed seed, then dealt round-robin."""
    ordered = sorted(set(articles))
    order = np.random.default_rng(SEED).permutation(len(ordered))
    return {ordered[index]: number % folds for number, index in enumerate(order)}


def _best_threshold(scored: list[tuple[float, bool]]) -> float:
    positives = sum(label for _, label in scored)
    best, best_f1, hits = 0.5, -1.0, 0
    for count, (probability, label) in enumerate(sorted(scored, reverse=True), start=1):
        hits += label
        f1 = 2 * hits / (count + positives) if positives else 0.0
        if f1 > best_f1:
            best, best_f1 = probability, f1
    return round(best, 4)


def fit_task(examples: Sequence[Example], task: int) -> Classifier:
    """One task's classifier, its threshold chosen by an inner cross-validation."""
    fold = folds_of([e.article for e in examples], INNER_FOLDS)
    scored: list[tuple[float, bool]] = []
    for number in range(INNER_FOLDS):
        train = [e for e in examples if fold[e.article] != number]
        bias, weights = _weights(train, task)
        inner = Classifier(bias, 0.5, weights)
        scored += [(inner.probability(e.features), e.labels[task]) for e in examples if fold[e.article] == number]
    bias, weights = _weights(examples, task)
    return Classifier(bias, _best_threshold(scored), weights)


def fit(examples: Sequence[Example]) -> dict[str, Classifier]:
    """Both tasks' classifiers fitted on `examples`."""
    return {task: fit_task(examples, number) for number, task in enumerate(TASKS)}


def cross_validated(cases: Sequence[tuple[str, str, dict[str, Any]]], folds: int) -> dict[str, dict[str, list[str]]]:
    """For each article, the commitment and next-step texts the model fitted without its fold keeps."""
    fold = folds_of([case_id for case_id, _, _ in cases], folds)
    examples = {case_id: article_examples(case_id, article, gold) for case_id, article, gold in cases}
    out: dict[str, dict[str, list[str]]] = {}
    for number in range(folds):
        classifiers = fit([e for case_id, group in examples.items() if fold[case_id] != number for e in group])
        for case_id, article, _ in cases:
            if fold[case_id] == number:
                out[case_id] = _decided(article, classifiers)
    return out


def _decided(article: str, classifiers: Mapping[str, Classifier]) -> dict[str, list[str]]:
    sentences = split_sentences(article)
    who = extract_who(sentences, None)
    proposed = extract_commitments(sentences, who), extract_next_steps(sentences, None)
    commitments, steps = decide(sentences, who, None, proposed, classifiers)
    return {"commitments": [c.text for c in commitments], "next_steps": [s.text for s in steps]}
