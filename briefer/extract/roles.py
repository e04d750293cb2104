"""The role an article gives a person: a title before the name, or an appositive after it."""

from __future__ import annotations

import re

from briefer.extract import wordlists
from briefer.extract.names import Token
from briefer.extract.wordlists import word_set

# Words that end a walk back from a name through the words of its title.
_STOP = word_set("""a an the and or but nor of to in on at by for from with as into onto over under after before
    about against between during without within than then that this these those which who whom whose
    what when where while if because although though so not no is are was were be been being has have
    had do does did will would shall should can could may might must said says say told tells added
    says according asked warned wrote posted called named met meets meet joined joins urged also
    he she it they we you i his her its their our my your him them us me there here one two three
    new other another such both each every all any some many much more most""")
# Lower-case words that may stand in a title before its head ("former", "air force", "coal").
_LOWER_MODIFIERS = word_set(
    """former ex then acting interim deputy assistant associate senior junior chief vice lead top longtime
    long-time first second principal special general managing executive press foreign defence defense air
    force naval army military security intelligence state federal national regional local city county
    provincial police party opposition shadow finance financial health education interior justice trade
    energy environment coal oil economy economic economics transport home labour labor public information
    communications media campaign election team club union group world global international political legal
    policy research science technology tv television radio reality news business sports football tennis
    golf cricket film music fashion art investment project programme program communication development
    relations affairs operations marketing sales design creative technical medical nursing emergency fire
    rescue border immigration tax treasury budget water agriculture industry industries culture tourism
    veterans prime co badminton basketball baseball hockey rugby boxing athletics swimming cycling racing
    chess volleyball skating skiing snooker darts soccer olympic theatre theater opera dance comedy pop rock
    jazz hip-hop country classical"""
)
# Participles that belong to a title ("managing director", "acting president", "retired general").
_ROLE_PARTICIPLES = word_set(
    """managing acting leading founding presiding ruling reigning retired elected appointed serving outgoing
    incoming visiting supervising consulting ranking commanding governing sitting retiring designated"""
)
# Words that may open an appositive before its role ("X, who serves as Y", "X, the Y of Z").
_APPOSITIVE_OPENERS = word_set(
    "who is was serves served as also the a an his her its their now currently then formerly long-time"
)
# An appositive's role stops before these words ("consul general in Toronto").
_ROLE_END = word_set("in at on who which that said says told when while since after")
_RANK = re.compile(r"No\d+")
_ROLE_WORDS_MAX = 8
_TITLE_WORDS_MAX = 8
_COMPLEMENTS = word_set("of for at")
_TITLE_JOINERS = word_set("of for the and")
_DETERMINERS = word_set("the a an his her their its our")
_WALK_BACK_MAX = 4


def is_role_head(token: Token, *, plural: bool = False) -> bool:
    """A word that ends a role: "secretary", "Gen.", "Under-Secretary"; with `plural`, "stars" too."""
    heads = wordlists.role_heads()
    lower = token.lower
    last = lower.rsplit("-", 1)[-1]
    if lower in heads or last in heads:
        return True
    return plural and len(last) > 3 and last.endswith("s") and last[:-1] in heads


def is_rank(token: Token) -> bool:
    """A ranking written as one word: "No2", "No35"."""
    return bool(_RANK.fullmatch(token.text))


def is_honorific(token: Token) -> bool:
    return token.lower in wordlists.honorifics()


def text_between(text: str, tokens: list[Token], first: int, last: int) -> str:
    """The sentence text from token `first` to token `last`, without a final possessive or period."""
    end = tokens[last].start + len(tokens[last].text)
    return text[tokens[first].start : end].rstrip(".")


def title_role(text: str, tokens: list[Token], first: int, last: int) -> str | None:
    """The role in a title that runs from `first` to `last` (inclusive), with modifiers before it
    ("former", "U.S. air force"), or None for a courtesy title alone."""
    heads = [k for k in range(first, last + 1) if is_role_head(tokens[k], plural=True)]
    if not heads:
        return None
    start = walk_back(tokens, first)
    return text_between(text, tokens, start, last)


def walk_back(tokens: list[Token], at: int) -> int:
    """The first token of the modifiers right before `at` ("former", "White House press")."""
    start = at
    while start > 0 and at - start < _WALK_BACK_MAX:
        token = tokens[start - 1]
        if not token.is_word or token.possessive or token.lower in _STOP or token.text.isdigit():
            break
        measure = token.text[:1].isdigit()  # "100m champion", "14th seed"
        if not (token.capitalised or measure or is_role_head(token) or token.lower in _LOWER_MODIFIERS):
            break
        start -= 1
    return start


def role_before(text: str, tokens: list[Token], name_first: int) -> str | None:
    """A role written in lower case right before a name ("press secretary Karoline Leavitt"),
    or a ranking ("world No2 Novak Djokovic")."""
    head = name_first - 1
    if head > 0 and is_rank(tokens[head]) and tokens[head - 1].lower == "world":
        return text_between(text, tokens, head - 1, head)
    if head < 0 or not is_role_head(tokens[head], plural=True) or tokens[head].possessive:
        return None
    return text_between(text, tokens, walk_back(tokens, head), head)


def role_after(text: str, tokens: list[Token], name_last: int) -> str | None:
    """An appositive role after a name: "X, who serves as Y", "X, the Y of Z", "X, 52, a Y"."""
    k = name_last + 1
    if tokens[name_last].possessive or k >= len(tokens):
        return None
    if tokens[k].text in {",", "—", "–"}:
        k += 1
    elif tokens[k].text == "-" and k + 1 < len(tokens) and tokens[k + 1].text == "-":
        k += 2  # "Isaac Herzog -- the Labor Party chairman"
    else:
        return None
    if k + 1 < len(tokens) and tokens[k].text.isdigit() and tokens[k + 1].text == ",":
        k += 2  # an age
    if k < len(tokens) and tokens[k].lower == "as":
        return None  # "…, as a suspect": how they appear, not what they are
    return _role_phrase(text, tokens, k)


def role_after_copula(text: str, tokens: list[Token], name_last: int) -> str | None:
    """ "X is executive producer", "X was the party's candidate"."""
    k = name_last + 1
    if k >= len(tokens) or tokens[k].lower not in {"is", "was", "became", "remains"}:
        return None
    return _role_phrase(text, tokens, k + 1)


def _role_phrase(text: str, tokens: list[Token], k: int) -> str | None:
    opened = k
    while k < len(tokens) and tokens[k].lower in _APPOSITIVE_OPENERS:
        k += 1
    end = _phrase_end(tokens, k)
    if k < end < len(tokens) and _starts_name(tokens[end]) and is_role_head(tokens[end - 1]):
        return None  # "Eddie Brannock, manager Alan Moss and …": the role of the next name in a list
    heads = [j for j in range(k, end) if is_role_head(tokens[j])]
    if end <= k or not heads or heads[0] - k > 3 or not _plain_modifiers(tokens, k, heads[0], k > opened):
        return None
    return text_between(text, tokens, k, _trim(tokens, k, end - 1, heads[0]))


def _starts_name(token: Token) -> bool:
    return token.capitalised and not token.possessive and token.lower in wordlists.given_names()


def _phrase_end(tokens: list[Token], k: int) -> int:
    end = k
    while end < len(tokens) and tokens[end].is_word and (tokens[end].lower not in _ROLE_END or _in_chief(tokens, end)):
        if end > k and _starts_name(tokens[end]) and is_role_head(tokens[end - 1]):
            break
        if tokens[end].lower == "and" and not (end + 1 < len(tokens) and is_role_head(tokens[end + 1])):
            break  # "…, manager Alex Morrison and coach Tony Sim": a list, not one role
        end += 1
    return end


def _in_chief(tokens: list[Token], k: int) -> bool:
    """ "editor in chief", "commander in chief": an "in" inside a title."""
    return tokens[k].lower == "in" and k + 1 < len(tokens) and tokens[k + 1].lower == "chief"


def _plain_modifiers(tokens: list[Token], first: int, head: int, opened: bool) -> bool:
    """The words before the head look like modifiers ("the IMF's managing director"), not a clause
    ("…, adding the president")."""
    words = tokens[first:head]
    if any(t.lower in _STOP for t in words):
        return False
    verb_like = bool(words) and words[0].lower.endswith(("ing", "ed")) and words[0].lower not in _ROLE_PARTICIPLES
    return opened or not verb_like


def _trim(tokens: list[Token], first: int, last: int, head: int) -> int:
    """Where a role ends: its heads ("chief operating officer", "president and CEO"), then one
    "of", "for" or "at" complement ("director of communications"), within eight words."""
    end = head
    for k in range(head + 1, last + 1):
        if tokens[k].lower in _COMPLEMENTS:
            break
        if is_role_head(tokens[k]):
            end = k
    if end + 2 <= last and tokens[end + 1].lower in _COMPLEMENTS:
        stop = next((k for k in range(end + 2, last + 1) if _ends_complement(tokens[k])), last + 1)
        if stop - first <= _ROLE_WORDS_MAX:
            end = stop - 1
    return min(end, first + _ROLE_WORDS_MAX - 1)


def _ends_complement(token: Token) -> bool:
    """A word after which a role's complement cannot go on: another preposition, a verb, a day."""
    verb = not token.capitalised and token.lower.endswith("ed")
    return token.lower in _COMPLEMENTS or verb or token.lower in wordlists.not_names()


def role_before_comma(text: str, tokens: list[Token], name_first: int) -> str | None:
    """A title, a comma, then the name: "The Chancellor, Gordon Brown, said", "India's former Prime
    Minister, Manmohan Singh", "Missouri's secretary of state, Robin Carnahan"."""
    comma = name_first - 1
    if comma < 1 or tokens[comma].text != "," or name_first + 2 > len(tokens):
        return None
    head = _head_before(tokens, comma)
    if head is None:
        return None
    start = walk_back(tokens, head)
    before = tokens[start - 1] if start > 0 else None
    if before is not None and before.is_word and not before.possessive and before.lower not in _DETERMINERS:
        return None  # "…, Gordon Brown": a list, not a title
    return text_between(text, tokens, start, comma - 1)


def _head_before(tokens: list[Token], comma: int) -> int | None:
    """The role head in the title that ends at a comma: "secretary of state", "Shadow Secretary of
    State for the Family"."""
    for k in range(comma - 1, max(comma - _TITLE_WORDS_MAX, -1), -1):
        token = tokens[k]
        if is_role_head(token):
            between = tokens[k + 1 : comma]
            return k if not between or between[0].lower in {"of", "for"} else None  # not "spokesman Marie Harf,"
        title_word = token.capitalised or token.lower in _TITLE_JOINERS or token.lower in _LOWER_MODIFIERS
        if not token.is_word or token.possessive or not title_word:
            return None
    return None
