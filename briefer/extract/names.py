"""Tokens and runs of capitalised words: the raw material of names in a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from briefer.extract.wordlists import word_set

# Initialisms (U.S.), words with inner apostrophes or hyphens, numbers, any other single character.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_](?:[\w'’&-]*[^\W_])?(?:['’]s?)?|\S")
_POSSESSIVE = re.compile(r"['’]s?$")
# Short forms written with a period inside a name or title: "Gen. Alexus", "George W. Bush".
ABBREVIATIONS = word_set(
    "adm brig capt cdr cmdr col cpl det dr gen gov hon insp jr lt maj messrs mr mrs ms mt pres prof pvt "
    "rep rev sen sgt sr st supt amb atty sec"
)
# Lower-case words that may sit inside a person's or an organisation's name.
NAME_PARTICLES = word_set("de da del della der di du dos das van von bin ibn al el la le ter ten y")
NAME_JOINERS = word_set("of the for and &")
_INSIDE_NAMES = NAME_PARTICLES | NAME_JOINERS


class Token(NamedTuple):
    """One word or punctuation mark of a sentence (a named tuple: sentences make them by the hundred)."""

    text: str  # the word without a possessive ending
    start: int
    end: int
    possessive: bool
    lower: str  # lower case, without a final period
    capitalised: bool  # an upper-case first letter, or a particle joined to one ("al-Abadi")
    is_word: bool


def make_token(text: str, start: int, end: int, possessive: bool = False) -> Token:
    """A token with its lower-case form and its shape worked out once."""
    return Token(text, start, end, possessive, text.lower().rstrip("."), _capitalised(text), text[:1].isalnum())


def _capitalised(text: str) -> bool:
    if text[:1].isupper():
        return True
    prefix, _, rest = text.partition("-")
    return prefix in NAME_PARTICLES and rest[:1].isupper()


@dataclass(frozen=True)
class Run:
    """Capitalised words in a row (with particles and joiners between them), as token positions."""

    first: int  # index of the first token
    last: int  # index of the last token (inclusive)
    sentence_initial: bool


def tokenize(text: str) -> list[Token]:
    """The tokens of a sentence; an abbreviation or an initial keeps its period."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        if word == "." and tokens and _takes_period(tokens[-1], start):
            last = tokens[-1]
            tokens[-1] = make_token(last.text + ".", last.start, end, last.possessive)
            continue
        ending = _possessive_ending(word)
        possessive = ending > 0 and len(word) > 2 and word[0].isalnum()
        tokens.append(make_token(word[:-ending] if possessive else word, start, end, possessive))
    return tokens


def _possessive_ending(word: str) -> int:
    """How many characters of a possessive ending ("'s", "’s", "'", "’") close `word`."""
    if word.endswith(("'s", "’s")):
        return 2
    return 1 if word.endswith(("'", "’")) else 0


def _takes_period(token: Token, at: int) -> bool:
    if token.end != at or token.possessive:
        return False
    word = token.text
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def capitalised_runs(tokens: list[Token]) -> list[Run]:
    """Every maximal run of capitalised words; a possessive word ends its run."""
    runs: list[Run] = []
    first_word = next((i for i, t in enumerate(tokens) if t.is_word), -1)
    i = 0
    while i < len(tokens):
        if not (tokens[i].is_word and tokens[i].capitalised):
            i += 1
            continue
        last = _run_end(tokens, i)
        runs.append(Run(i, last, sentence_initial=i == first_word))
        i = last + 1
    return runs


def _run_end(tokens: list[Token], first: int) -> int:
    last = first
    j = first + 1
    while j < len(tokens) and not tokens[last].possessive:
        token = tokens[j]
        if token.is_word and token.capitalised:
            last = j
        elif token.lower not in _INSIDE_NAMES or not _capital_follows(tokens, j):
            break
        j += 1
    return last


def _capital_follows(tokens: list[Token], at: int) -> bool:
    for token in tokens[at + 1 :]:
        if token.is_word and token.capitalised:
            return True
        if token.lower not in _INSIDE_NAMES:
            return False
    return False


def run_text(tokens: list[Token], first: int, last: int) -> str:
    """The words of tokens[first..last] joined as written (possessive ending dropped)."""
    parts = [tokens[first].text]
    for k in range(first + 1, last + 1):
        gap = " " if tokens[k].start > tokens[k - 1].end else ""
        parts.append(gap + tokens[k].text)
    return "".join(parts)
