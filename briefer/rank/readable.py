"""Whether a sentence reads on its own in the "What": non-sentences, and sentences that point back.

A *non-sentence* is text the splitter hands over that no reader would take for a sentence of the
story: a sub-heading, a "Read more:" link line, a caption or photo credit, a byline or dateline,
a fragment left by a bad split. It is never a candidate (unless the article has nothing else).

A sentence *points back* when its first words lean on the sentence before it ("It", "This",
"That number", "He", "But", "However", "The move"): shown alone, the reader cannot tell what it
is about. The selection shows it only together with the sentence it points to.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefer.article.sentences import same_text, words
from briefer.models import Sentence
from briefer.rank.features import headline_index

# Openers that lean on what came before: pronouns, connectives, and "the/this + a noun that
# names an earlier event" ("The move", "That number", "The decision").
_POINTERS = (
    r"it|its|it's|it’s|this|that|these|those|he|she|they|him|her|his|hers|their|them|we|our"
    r"|but|however|yet|and|or|so|also|still|instead|nevertheless|nonetheless|moreover|furthermore"
    r"|meanwhile|otherwise|besides|thus|hence|therefore|then|too|even so|as a result|in addition"
    r"|in turn|by contrast|in contrast|on the other hand|despite this|because of this|after that"
    r"|such|both|neither|either|another|other|others|the latter|the former|the same|there"
)
_EVENT_NOUNS = (
    r"move|decision|announcement|statement|deal|plan|proposal|figure|number|figures|numbers|report"
    r"|comments?|remarks?|news|measure|step|change|changes|incident|attack|case|claim|claims|call"
    r"|letter|ruling|vote|result|results|findings?|study|agreement|offer|request|policy|law|bill"
    r"|latest|program|programme|effort|idea|episode|discovery|revelation|development|situation"
)
_POINTS_BACK = re.compile(
    rf"^[\"“‘']?(?:(?:{_POINTERS})\b(?![-’'])|(?:the|this|that|these|those|such a)\s+(?:{_EVENT_NOUNS})\b)",
    re.IGNORECASE,
)
# "There" opens plenty of self-contained sentences ("There were 12 deaths"); "It" in "It is
# expected that" is often a dummy subject, but in a brief it still reads as a reference.
_SELF_CONTAINED = re.compile(r"^(?:there (?:is|are|was|were|have|has|had|will)\b)", re.IGNORECASE)

# Lines that are links, calls to act, captions, credits or bylines, wherever they stand.
_LINK_OR_CALL = re.compile(
    r"^(?:read more|read next|more:|related:|see also|watch:|watch more|listen:|click here|sign up|"
    r"subscribe|follow (?:us|@)|scroll down|share this|advertisement|media playback|image caption|"
    r"image copyright|image source|picture:|pictured:|photo:|photograph:|video:|credit:|source:|"
    r"getty images|copyright|©|published:|updated:|last updated|reporting by|editing by|"
    r"additional reporting|written by|contributed to this report)",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"\((?:AP|Reuters|AFP|Getty|EPA|PA)?\s*Photo\b|\bPhoto(?:graph)?:|\(pictured\)", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+(?:\.\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s*[,.|]|$)")
_DATELINE_ONLY = re.compile(
    r"^(?:[A-Z][a-z]+\.? \d{1,2}, \d{4}|\d{1,2}/\d{1,2}/\d{4}.*\b[AP]M\b.*|[A-Z][a-z]{2} \d{1,2}, \d{4})\W*$"
)
_END = tuple(".!?\"”’'…)")
_OPENS_LOWER_OR_CLOSING = re.compile(r"^(?:[a-z](?![a-z]*[A-Z])|[)\]},;:.!?%”’]|[-–—]\s)")
_FEW_WORDS = 4
_HEADING_MAX_WORDS = 14


def points_back(text: str) -> bool:
    """Whether `text` opens by pointing back to an earlier sentence ("It", "But", "The move"…)."""
    stripped = text.lstrip()
    return bool(_POINTS_BACK.match(stripped)) and not _SELF_CONTAINED.match(stripped)


def non_sentence(sentence: Sentence, sentences: Sequence[Sentence], sizes: Counter[int] | None = None) -> bool:
    """Whether `sentence` is not a sentence of the story (heading, link, caption, byline, fragment).

    `sizes` (sentences per paragraph, see `paragraph_sizes`) saves counting them for each sentence.
    """
    sizes = sizes if sizes is not None else paragraph_sizes(sentences)
    text = sentence.text.strip()
    size = len(words(text))
    return (
        size < _FEW_WORDS
        or bool(_LINK_OR_CALL.match(text) or _CAPTION.search(text) or _DATELINE_ONLY.match(text))
        or (size <= _HEADING_MAX_WORDS and bool(_BYLINE.match(text)))
        or bool(_OPENS_LOWER_OR_CLOSING.match(text))
        or _unbalanced(text)
        or _heading(sentence, sizes, size)
    )


def paragraph_sizes(sentences: Sequence[Sentence]) -> Counter[int]:
    """How many sentences each paragraph holds."""
    return Counter(s.paragraph for s in sentences)


def _unbalanced(text: str) -> bool:
    """Brackets or curly quotes opened and not closed, or closed and not opened: a broken split."""
    return text.count("(") != text.count(")") or text.count("“") != text.count("”")


def _heading(sentence: Sentence, sizes: Counter[int], size: int) -> bool:
    """A short line alone in its paragraph with no closing punctuation: a sub-heading or label."""
    if size > _HEADING_MAX_WORDS or sentence.text.rstrip().endswith(_END):
        return False
    return sizes[sentence.paragraph] == 1


def is_headline(sentence: Sentence, title: str | None) -> bool:
    """Whether `sentence` repeats the headline (but for case, spacing and closing punctuation)."""
    if not title:
        return False
    return same_text(sentence.text.rstrip(".!?:;"), title.rstrip(".!?:;"))


def antecedent(sentences: Sequence[Sentence], place: int) -> int | None:
    """The place of the sentence that the one at `place` points back to (None if none precedes it)."""
    return place - 1 if place > 0 and points_back(sentences[place].text) else None


@dataclass(frozen=True)
class Rules:
    """What the selection must respect for a readable "What", by sentence place.

    `barred`: places never picked (non-sentences, the headline) while anything else is left;
    `needs`: for each place, the place it points back to, which must be shown with it (or None).
    """

    barred: frozenset[int]
    needs: tuple[int | None, ...]


def rules_for(sentences: Sequence[Sentence], title: str | None) -> Rules:
    """The readability rules for one article's sentences (see `Rules`)."""
    top = headline_index(sentences, title) if sentences else None
    headline = title or (sentences[top].text if top is not None else None)
    sizes = paragraph_sizes(sentences)
    barred = {
        place
        for place, sentence in enumerate(sentences)
        if place == top or is_headline(sentence, headline) or non_sentence(sentence, sentences, sizes)
    }
    first = 1 if top == 0 else 0
    needs = tuple(antecedent(sentences, place) if place > first else None for place in range(len(sentences)))
    return Rules(frozenset(barred), needs)
