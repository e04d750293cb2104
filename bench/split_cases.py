"""Splitting errors on the self-written case set of sentences broken inside quotations and brackets.

Each case of tests/data/split_cases.txt is a paragraph and the sentences a reader sees in it; a
case is an error when the split differs in any sentence. Counted for nupunkt alone and for
briefer's splitter (nupunkt with its news repairs).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from briefer.article import sentences

CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "split_cases.txt"


def read_cases(path: Path = CASES) -> list[tuple[str, list[str]]]:
    """(paragraph, expected sentences) pairs from the case file."""
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    cases = []
    for block in text.strip().split("\n\n"):
        paragraph, *expected = block.strip().splitlines()
        cases.append((paragraph, [line.removeprefix("| ") for line in expected]))
    return cases


def errors(split: Callable[[str], list[str]]) -> int:
    return sum(split(paragraph) != expected for paragraph, expected in read_cases())


def nupunkt_alone(paragraph: str) -> list[str]:
    return [" ".join(paragraph[s:e].split()) for s, e in sentences._splitter_spans(paragraph)]


def briefer_split(paragraph: str) -> list[str]:
    return [s.text for s in sentences.split_sentences(paragraph)]


def table() -> str:
    total = len(read_cases())
    return "\n".join(
        [
            "### Sentence splitting inside quotations and brackets",
            "",
            (__doc__ or "").split("\n\n", 1)[1].strip(),
            "",
            "| splitter | cases | errors |",
            "| --- | ---: | ---: |",
            f"| nupunkt alone | {total} | {errors(nupunkt_alone)} |",
            f"| briefer (nupunkt + repairs) | {total} | {errors(briefer_split)} |",
        ]
    )
