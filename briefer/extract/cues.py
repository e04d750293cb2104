"""Word-level cues for names: speech verbs, pronouns, relative clauses, acronyms, given names."""

from __future__ import annotations

from briefer.extract import roles, wordlists
from briefer.extract.names import Token
from briefer.extract.wordlists import word_set

SPEECH_VERBS = word_set(
    """said says told tells added adds explained explains noted notes stated wrote writes tweeted posted
    asked asks replied replies warned warns insisted insists argued argues claimed claims confirmed
    acknowledged admitted conceded testified recalled declared urged stressed suggested predicted
    complained responded countered commented continued recounted announced contributed"""
)
_ACRONYM_MAX = 6
_PERSONAL_PRONOUNS = word_set("he she his her him himself herself")
_PRONOUN_REACH = 6
_WORKS = word_set(
    """programme program show series film movie album song book novel magazine newspaper podcast documentary
    plan brand model range app game"""
)


def is_org_word(token: Token) -> bool:
    return token.lower in wordlists.org_words()


def is_acronym(word: str) -> bool:
    if "." in word and word.lower() not in wordlists.organizations():
        return False  # "A.J." is a person's initials; "U.N." is listed
    letters = word.replace("-", "")
    if sum(ch.isdigit() for ch in letters) > 2:
        return False  # "A380" is a model, "G20" a group
    if not (2 <= len(letters) <= _ACRONYM_MAX) or not letters.isalnum() or not letters[0].isalpha():
        return False
    return letters.isupper() and word.lower() not in wordlists.not_names()


def is_given(token: Token) -> bool:
    return token.lower in wordlists.given_names()


def personal_pronoun_after(tokens: list[Token], at: int) -> bool:
    """ "Muguruza, in her first final, …": a word that only a person's name takes back."""
    return any(t.lower in _PERSONAL_PRONOUNS for t in tokens[at + 1 : at + 1 + _PRONOUN_REACH])


def work_follows(tokens: list[Token], last: int) -> bool:
    """ "the BBC's Talking Point programme", "the Romney plan": a name used for a work or a thing."""
    return last + 1 < len(tokens) and tokens[last + 1].lower in _WORKS


def ambiguous_start(token: Token) -> bool:
    return token.lower in {"will", "may", "mark", "bill", "rose", "hope", "grant", "joy", "art", "frank"}


def speech_cue(tokens: list[Token], first: int, last: int) -> bool:
    after = tokens[last + 1].lower if last + 1 < len(tokens) else ""
    before = tokens[first - 1].lower if first > 0 else ""
    according = first > 1 and tokens[first - 2].lower == "according" and before == "to"
    return after in SPEECH_VERBS or before in SPEECH_VERBS or according


def relative_who_after(tokens: list[Token], last: int) -> bool:
    """ "X, who …" / "X, whose …": a relative clause that only a person takes."""
    following = [t.lower for t in tokens[last + 1 : last + 3]]
    return following[:1] in (["who"], ["whose"]) or following in (["", "who"], [",", "who"], [",", "whose"])


def organization_before(tokens: list[Token], first: int) -> bool:
    """ "CNN's Vasco Cotovio", "War on Want's John Hilary": an organisation's person."""
    if first == 0 or not tokens[first - 1].possessive:
        return False
    owner = tokens[first - 1]
    return is_acronym(owner.text) or is_org_word(owner) or owner.lower in wordlists.organizations()


def honorific_before(tokens: list[Token], first: int) -> bool:
    return first > 0 and roles.is_honorific(tokens[first - 1])


def quoted_title(tokens: list[Token], first: int, last: int) -> bool:
    """ "“Hot Bench,” a show": a name in quotation marks is the title of a work, not a person."""
    opened = first > 0 and tokens[first - 1].text in {"“", '"'}
    closed = any(t.text in {"”", '"'} for t in tokens[last + 1 : last + 3])
    return opened and closed


def age_after(tokens: list[Token], last: int) -> bool:
    """ "Michelle Carver, 18, was indicted": an age after a name."""
    after = [t.text for t in tokens[last + 1 : last + 4]]
    return len(after) == 3 and after[0] == "," and after[1].isdigit() and int(after[1]) < 120 and after[2] == ","


def relative_after(tokens: list[Token], last: int) -> bool:
    """ "Carver's lawyer", "Rendon's wife": a possessive before a relative or an adviser."""
    return tokens[last].possessive and last + 1 < len(tokens) and tokens[last + 1].lower in _RELATIVES


_RELATIVES = word_set(
    """wife husband son daughter mother father brother sister widow partner girlfriend boyfriend fiancee fiance
    parents children family lawyer attorney spokesman spokeswoman spokesperson aide aides"""
)
