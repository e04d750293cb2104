"""Paragraphs, sentences and words, offline: the splitter's model ships in a pip dependency (nupunkt)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from briefer.models import Sentence

# A line break ends a paragraph when the line before it is at least this long: hard-wrapped text
# keeps its lines shorter, while text with one paragraph a line (as most web copies have) does not.
WRAP_WIDTH = 100

# Titles and other abbreviations that a news sentence never ends on.
_NEVER_FINAL = (
    "Adm|Brig|Capt|Cmdr|Col|Cpl|Det|Dr|Gen|Gov|Insp|Lt|Maj|Mr|Mrs|Ms|Mt|No|Pres|Prof|Pvt|Rep|Rev|"
    "Sen|Sgt|Sr|Jr|St|Supt|Ste|vs|Messrs|Fr|Hon|Sec|Atty|Amb|Cdr|Lt\\.-Gen|Lt\\.-Col|Maj\\.-Gen|"
    "Brig\\.-Gen|Rear Adm|Vice Adm|e\\.g|i\\.e|approx|est|Inc\\.,|Nos"
)
_ENDS_WITH_TITLE = re.compile(rf"(?:^|[\s(\[“\"'‘-])(?:{_NEVER_FINAL})\.$")
# "… at 5 p.m. ET. The …": a time-zone after a clock time closes the sentence.
_TIME_ZONE_END = re.compile(r"\b[ap]\.m\.(?:\s+[A-Z]{1,4}T)?\.?\s+(?=[A-Z“\"‘(])")

_WORD = re.compile(
    r"(?:[A-Za-z]\.){2,}"  # initialisms: U.S., U.K.
    r"|[$£€]?\d+(?:[.,]\d+)*%?"  # numbers, money, percentages
    r"|\w+(?:['’]\w+)*(?:-\w+)*",  # words, contractions, hyphenated compounds
)


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of `body`.

    Blank lines separate paragraphs; a line break after a long line ends one too.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for line in _lines_with_offsets(body):
        line_start, text = line
        stripped = text.strip()
        if not stripped:
            if start is not None:
                spans.append((start, end))
                start = None
            continue
        if start is None:
            start = line_start + (len(text) - len(text.lstrip()))
        end = line_start + len(text.rstrip())
        if len(stripped) >= WRAP_WIDTH:
            spans.append((start, end))
            start = None
    if start is not None:
        spans.append((start, end))
    return spans


def _lines_with_offsets(body: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in body.splitlines(keepends=True):
        yield offset, line.rstrip("\r\n")
        offset += len(line)


def split_sentences(body: str) -> list[Sentence]:
    """Every sentence of `body`, in order, each with its paragraph and character span."""
    sentences: list[Sentence] = []
    for paragraph, (para_start, para_end) in enumerate(paragraph_spans(body)):
        text = body[para_start:para_end]
        for start, end in sentence_spans(text):
            sentence_text = _one_line(text[start:end])
            if sentence_text:
                sentences.append(
                    Sentence(len(sentences), sentence_text, paragraph, para_start + start, para_start + end)
                )
    return sentences


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Spans of the sentences in one paragraph, with news-specific repairs to the splitter's output."""
    spans = _merge_after_titles(paragraph, _splitter_spans(paragraph))
    return [piece for span in spans for piece in _split_after_clock_times(paragraph, span)]


def _splitter_spans(paragraph: str) -> list[tuple[int, int]]:
    return [(start, end) for start, end in _nupunkt_spans(paragraph) if paragraph[start:end].strip()]


def _nupunkt_spans(paragraph: str) -> list[tuple[int, int]]:
    spans = _punkt().span_tokenize(paragraph)
    return [(start, end) for start, end in spans]


@lru_cache(maxsize=1)
def _punkt():  # type: ignore[no-untyped-def]
    from nupunkt import load_default_model

    return load_default_model()


def _merge_after_titles(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _ENDS_WITH_TITLE.search(paragraph[merged[-1][0] : merged[-1][1]].rstrip()):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _split_after_clock_times(paragraph: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    start, end = span
    pieces: list[tuple[int, int]] = []
    for match in _TIME_ZONE_END.finditer(paragraph, start, end):
        if match.group(0).rstrip().endswith("T.") and match.end() < end:
            pieces.append((start, match.end()))
            start = match.end()
    pieces.append((start, end))
    return [(s, e) for s, e in pieces if paragraph[s:e].strip()]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def same_text(a: str, b: str) -> bool:
    """Whether two texts are the same but for case and spacing (a headline repeated as the body)."""
    return _one_line(a).casefold() == _one_line(b).casefold()


def words(text: str) -> list[str]:
    """The word tokens of `text`: initialisms, numbers with their currency sign, hyphenated words."""
    return _WORD.findall(text)


def count_words(text: str) -> int:
    """How many words `text` has, as the length budget counts them."""
    return len(text.split())


class SumyTokenizer:
    """The same sentence splitter and word tokenizer, in the shape sumy's parsers expect."""

    def __init__(self, language: str = "english") -> None:
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(_one_line(paragraph[s:e]) for s, e in sentence_spans(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))
