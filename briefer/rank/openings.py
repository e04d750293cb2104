"""Feature openings: an article that opens on a scene or an anecdote rather than on the news.

"If only it were the worst thing a priest has been caught doing." or "On television nowadays,
drinking is the password ..." carry no news: no named actor doing something newsworthy, no
number, nothing of the headline. The news ranker then lets the sentences after the opening (the
nut graf) compete for its place, by scoring the opening sentence down by OPENING_PENALTY.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefer.article.sentences import words
from briefer.models import Sentence
from briefer.rank.features import content_terms

# Score taken off a feature opening: about the position weight's step from the first sentence
# to the third, so the opening still competes but no longer leads (chosen on cnndm_validation).
OPENING_PENALTY = 3.0
MIN_BODY = 4  # an article this short has no room for a nut graf

_NEWS_VERBS = re.compile(
    r"\b(?:said|says|told|tells|announced|announces|confirmed|reported|warned|voted|approved|agreed|"
    r"signed|launched|ruled|charged|arrested|killed|died|won|lost|rose|fell|pledged|plans|planned|"
    r"filed|sued|issued|ordered|denied|accused|demanded|urged|called|named|elected|resigned|fired|"
    r"released|unveiled|revealed|found|struck|hit|sent|passed|rejected|banned|backed|cut|raised|"
    r"closed|opened|will|would)\b",
    re.IGNORECASE,
)


def carries_news(text: str, headline_terms: set[str]) -> bool:
    """A number, a named actor with a news verb, or a content word of the headline."""
    tokens = words(text)
    if any(ch.isdigit() for ch in text):
        return True
    named = any(token[:1].isupper() for token in tokens[1:])
    if named and _NEWS_VERBS.search(text):
        return True
    return bool(headline_terms & set(content_terms(text)))


def feature_opening(body: Sequence[Sentence], headline: str | None) -> bool:
    """Whether the body's first sentence is a scene or anecdote and not the news."""
    if len(body) < MIN_BODY:
        return False
    terms = set(content_terms(headline)) if headline else set()
    return not carries_news(body[0].text, terms)
