"""Which language an article is written in, offline, so that non-English text is refused clearly.

Briefs are English-only: the sentence splitter is trained on English, the ranker's features and
the Who / Commitments / Next steps cues are English word lists. A French article would get a
What section ranked with English stop words and empty or wrong fact sections, which a reader
could take for a real brief. So briefer names the language it sees and refuses, unless told
`--language english` (for an English article that quotes a lot of another language).

Detection: the script of the letters first (Han, kana, Hangul, Arabic, Hebrew, Cyrillic, Greek,
Thai, Devanagari); for Latin script, the share of words that are stop words of each language in
sumy's lists, counting for each foreign language only its stop words that are not English ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from briefer.errors import InputError, UsageError

SUPPORTED = ("english",)
CHOICES = ("auto", *SUPPORTED)
LATIN_LANGUAGES = ("french", "german", "spanish", "italian", "portuguese", "swedish", "polish", "czech", "slovak")
SAMPLE_WORDS = 3_000  # the first words of the article are enough to tell
MIN_WORDS = 8  # fewer words than this is too little evidence: accept the text
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# The first word of a Unicode character name that names its script, for the scripts we tell apart.
_SCRIPTS = {
    "CJK": "chinese",
    "HIRAGANA": "japanese",
    "KATAKANA": "japanese",
    "HANGUL": "korean",
    "ARABIC": "arabic",
    "HEBREW": "hebrew",
    "CYRILLIC": "a Cyrillic-script language",
    "GREEK": "greek",
    "THAI": "thai",
    "DEVANAGARI": "a Devanagari-script language",
}


def check_language(text: str, language: str = "auto", name: str = "the article") -> None:
    """Refuse `text` when it is not in a language briefer can brief; `language` other than auto trusts the user."""
    if language not in CHOICES:
        raise UsageError(f"unknown language {language!r}: briefer briefs {_supported()} (or auto to detect)")
    if language != "auto":
        return
    reason = refusal(text, name)
    if reason is not None:
        raise InputError(f"{reason}; if it is English, give --language english")


def refusal(text: str, name: str = "the article") -> str | None:
    """Why `text` cannot be briefed ("NAME looks like French, …"), or None when it can be."""
    found = detect(text)
    if found is None or found in SUPPORTED:
        return None
    return (
        f"{name} looks like {found.capitalize() if ' ' not in found else found}, and briefer briefs "
        f"{_supported()} articles only"
    )


def _supported() -> str:
    return ", ".join(name.capitalize() for name in SUPPORTED)


def detect(text: str) -> str | None:
    """The article's language ("english", "french", …), or None when there is too little text to tell."""
    sample = text[: SAMPLE_WORDS * 12]
    by_script = _script_language(sample)
    if by_script is not None:
        return by_script
    tokens = [word.lower().replace("’", "'") for word in _WORD.findall(sample)[:SAMPLE_WORDS]]
    if len(tokens) < MIN_WORDS:
        return None
    return _latin_language(tokens)


def _script_language(sample: str) -> str | None:
    """The language named by the script of most letters, when that script is not Latin."""
    scripts: Counter[str] = Counter()
    for char in sample:
        if char.isalpha():
            scripts[_script(char)] += 1
    letters = sum(scripts.values())
    if not letters:
        return None
    script, count = max(scripts.items(), key=lambda pair: (pair[1], pair[0] == "LATIN"))
    if script == "LATIN" or count < letters / 2:
        return None
    if script == "CJK" and scripts["HIRAGANA"] + scripts["KATAKANA"] > letters / 20:
        return "japanese"
    return _SCRIPTS.get(script, "a language in another script")


def _script(char: str) -> str:
    if char < "\u0250":
        return "LATIN"
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def _latin_language(tokens: list[str]) -> str:
    counts = Counter(tokens)
    english = sum(counts[word] for word in _stop_words("english"))
    scores = {name: sum(counts[word] for word in _foreign_only(name)) for name in LATIN_LANGUAGES}
    best = max(LATIN_LANGUAGES, key=lambda name: scores[name])
    return best if scores[best] > english else "english"


@cache
def _stop_words(language: str) -> frozenset[str]:
    """sumy's stop-word list for `language`, read as a package file: importing sumy.utils would
    pull in requests and cost a tenth of a second at every start."""
    from importlib.resources import files

    text = files("sumy").joinpath("data", "stopwords", f"{language}.txt").read_text(encoding="utf-8")
    return frozenset(word.strip().lower() for word in text.splitlines() if word.strip())


@cache
def _foreign_only(language: str) -> frozenset[str]:
    """A language's stop words that are not English ones (so `a`, `in`, `die` do not count twice)."""
    return _stop_words(language) - _stop_words("english")
