"""English word lists the rankers share: function words, and Edmundson's cue words for news."""

from __future__ import annotations


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = _word_set(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself yourselves said says say told s t don won ll ve re
    one two new year years last first like get got make made may might must us mr mrs ms
    """
)

# Edmundson's cue method: words that mark a sentence as worth keeping (bonus) or not (stigma).
BONUS_WORDS = _word_set(
    """
    announced agreed approved pledged promised committed signed launched confirmed decided
    ruled voted found killed arrested charged elected won lost rose fell increased cut
    important significant major key main first new largest biggest record billion million
    government president minister police court officials
    """
)
STIGMA_WORDS = _word_set(
    """
    perhaps maybe possibly hardly seemingly reportedly apparently anyway incidentally meanwhile
    click subscribe follow photo video advertisement scroll read watch
    """
)
