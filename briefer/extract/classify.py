"""What one run of capitalised words names: a person (with a role), an organisation, a place or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from briefer.extract import cues, places, roles, wordlists
from briefer.extract.names import NAME_JOINERS, NAME_PARTICLES, Run, Token, capitalised_runs, run_text, tokenize
from briefer.extract.wordlists import word_set

FindingKind = Literal["person", "candidate", "single", "organization", "place"]

# Capitalised words that open a sentence or a clause and name nobody.
_STARTERS = word_set("""the a an and but or so yet if in on at by for from to of with as after before when while where
    since until although though because however meanwhile still also then there here this that these
    those it its he she they we you i his her their our my your one some many most all both each every
    no not what which who why how asked speaking according earlier later last next either neither once like
    unlike calling find despite during following among amid born now today yesterday tonight instead indeed
    overall even perhaps maybe only just please thanks welcome meet watch read see look let make get take
    keep remember imagine consider without within another enter did does do is was are were has have had can
    could will would should shall""")
# Surnames that are also organisation or facility words ("Tony Hall", "Charlotte Church").
_SURNAME_LIKE = word_set("hall house post church field bank banks guard park press")
_TITLE_ONLY_BEFORE_ONE_NAME = word_set("mr mrs ms miss mx")
# Titles that are followed by a surname alone ("Gov. Herbert", "Chancellor Merkel").
_TITLES_BEFORE_SURNAME = word_set(
    """president pres prime minister premier chancellor secretary gov governor sen senator rep representative
    congressman congresswoman mayor speaker gen adm admiral col colonel capt captain lt lieutenant sgt sergeant
    maj cmdr commander det detective insp inspector supt judge justice
    ambassador commissioner sheriff coach ayatollah sheikh cardinal bishop archbishop rabbi pope prof professor"""
)
_PLACE_PREFIXES = word_set("santa santo san st saint fort port mount lake cape los las el le la")
_MONTH_SURNAMES = word_set("may june april august")  # "Theresa May"
_ROYAL_TITLES = word_set("king queen prince princess emperor empress sir dame lord lady")


@dataclass(frozen=True)
class Finding:
    """One capitalised name in one sentence, and what it names."""

    kind: FindingKind
    name: str
    sentence: int
    position: int  # token index in the sentence, for ordering
    role: str | None = None
    cue: bool = False  # a structural cue marks a person (title, speech verb, appositive)


def findings(text: str, sentence: int) -> list[Finding]:
    """Every name found in one sentence."""
    tokens = tokenize(text)
    parts: list[tuple[int, int, list[Finding]]] = []
    for run in _join_possessive_organizations(tokens, capitalised_runs(tokens)):
        for first, last in _parts(tokens, run):
            initial = run.sentence_initial and first == run.first
            parts.append((first, last, _classify(text, tokens, first, last, initial, sentence)))
    return [_in_list_with_person(tokens, parts, j, item) for j, (_, _, found) in enumerate(parts) for item in found]


def _join_possessive_organizations(tokens: list[Token], runs: list[Run]) -> list[Run]:
    """ "District Attorney's Office", "People's Liberation Army": a possessive inside an organisation's name."""
    joined: list[Run] = []
    for run in runs:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and tokens[previous.last].possessive
            and run.first == previous.last + 1
            and cues.is_org_word(tokens[run.last])
        ):
            joined[-1] = Run(previous.first, run.last, previous.sentence_initial)
        else:
            joined.append(run)
    return joined


def _in_list_with_person(
    tokens: list[Token], parts: list[tuple[int, int, list[Finding]]], j: int, item: Finding
) -> Finding:
    """A candidate name listed beside a person ("CNN's A B and C D contributed") is a person too."""
    if item.kind != "candidate":
        return item
    first, last, _ = parts[j]
    for k in (j - 1, j + 1):
        if not 0 <= k < len(parts) or not any(f.kind == "person" for f in parts[k][2]):
            continue
        gap = parts[k][0] - last - 1 if k > j else first - parts[k][1] - 1
        between = tokens[parts[k][0] - 1] if k > j else tokens[first - 1]
        if gap == 1 and between.lower in {"and", ","}:
            return Finding("person", item.name, item.sentence, item.position, item.role, cue=True)
    return item


def _parts(tokens: list[Token], run: Run) -> list[tuple[int, int]]:
    """Split a run at "and", except inside an organisation's name: where the words before the "and" are
    one word or hold an organisation word ("Trade and Industry Committee"), unless two whole names
    meet there. A run with "&" is one name."""
    first, last = run.first, run.last
    has_org_word = any(cues.is_org_word(tokens[k]) for k in range(first, last + 1))
    parts, start = [], first
    if any(tokens[k].lower == "&" for k in range(first, last + 1)):
        return [(first, last)]  # "Pacific Gas & Electric Co.", "Procter & Gamble": one company
    for k in range(first, last + 1):
        if tokens[k].lower != "and":
            continue
        left_org = any(cues.is_org_word(tokens[j]) or tokens[j].lower in NAME_JOINERS for j in range(start, k))
        left_place = run_text(tokens, start, k - 1).lower() in wordlists.places()
        right_listed = k + 1 <= last and _listed(tokens[k + 1].text) in {"place", "organization"}
        plain = k - start > 1 and not left_org
        if not has_org_word or left_place or right_listed or plain or _two_names(tokens, start, k, last):
            parts.append((start, k - 1))
            start = k + 1
    parts.append((start, last))
    return [piece for a, b in parts if a <= b for piece in _split_after_person(tokens, a, b)]


def _two_names(tokens: list[Token], start: int, k: int, last: int) -> bool:
    """Two whole names joined by "and": "Manchester United and Real Madrid" (a name of two words or more
    ending in an organisation word, then two words or more), "the Guardian and the New York Times" (a
    listed name after it), "the X Bank and the Y Authority" ("the" and a name ending in an organisation word)."""
    the = k + 1 <= last and tokens[k + 1].lower == "the"
    right = k + 1 + the
    if right <= last and _listed(run_text(tokens, right, last)) in {"place", "organization"}:
        return True
    if the and right < last and cues.is_org_word(tokens[last]):
        return True  # "the Bank of England and the Financial Conduct Authority"
    left_whole = k - start >= 2 and cues.is_org_word(tokens[k - 1]) and tokens[k - 2].lower not in NAME_JOINERS
    return left_whole and last - right >= 1 and not any(t.lower in NAME_JOINERS for t in tokens[right : last + 1])


def _split_after_person(tokens: list[Token], first: int, last: int) -> list[tuple[int, int]]:
    """ "Isaac Herzog of the Zionist Union": a person's name, then "of" and an organisation."""
    for k in range(first + 2, last):
        if tokens[k].lower == "of":
            if any(cues.is_given(tokens[j]) and _name_span_ok(tokens, j, k - 1) for j in range(first, k - 1)):
                after = k + 1 + (tokens[k + 1].lower == "the")
                return [(first, k - 1), (after, last)] if after <= last else [(first, k - 1)]
            break
    return [(first, last)]


def _classify(text: str, tokens: list[Token], first: int, last: int, initial: bool, index: int) -> list[Finding]:
    while first <= last and (
        tokens[first].lower in _STARTERS or not tokens[first].capitalised or roles.is_rank(tokens[first])
    ):
        if _listed(run_text(tokens, first, last)):
            break
        first, initial = first + 1, False
    if first > last:
        return []
    name = run_text(tokens, first, last)
    listed = _listed(name)
    if listed == "organization" or listed == "place":
        return [Finding(listed, name, index, first)]
    if listed == "none":
        return []
    person = _titled_person(text, tokens, first, last, index)
    if person:
        return person
    if _is_organization(tokens, first, last):
        return [Finding("organization", _as_written(text, tokens, first, last), index, first)]
    if first < last and tokens[last].lower in wordlists.place_words():
        return [Finding("place", name, index, first)]  # "Kent County", "Orleans Parish"
    if _is_facility(tokens, first, last):
        return []
    return _name_or_places(text, tokens, first, last, initial, index)


def _as_written(text: str, tokens: list[Token], first: int, last: int) -> str:
    """The name as the article writes it, possessives inside included ("Attorney's Office")."""
    return text[tokens[first].start : tokens[last].start + len(tokens[last].text)]


def _listed(name: str) -> Literal["organization", "place", "none"] | None:
    """What a word list says the name is: an organisation, a place, nothing (a day, a nationality), or unknown."""
    lower = name.lower()
    if lower in wordlists.not_names():
        return "none"
    if lower in wordlists.organizations():
        return "organization"
    if lower in wordlists.places():
        return "place"
    return "none" if lower in wordlists.demonyms() else None


def _is_organization(tokens: list[Token], first: int, last: int) -> bool:
    if any(tokens[k].lower == "&" for k in range(first + 1, last)):
        return True  # "Marks & Spencer"
    if first == last:  # "NATO"; a lone "Police" or "Guard" names no one organisation
        return cues.is_acronym(tokens[first].text) and not roles.is_role_head(tokens[first])
    if (roles.is_role_head(tokens[first]) or roles.is_honorific(tokens[first])) and not cues.is_org_word(tokens[last]):
        return False  # a title on its own: "President of the United States", but "Justice Department"
    if not any(cues.is_org_word(tokens[k]) for k in range(first, last + 1)):
        return False
    return not _surname_exception(tokens, first, last)


def _is_facility(tokens: list[Token], first: int, last: int) -> bool:
    facility = tokens[last].lower in wordlists.facility_words()
    return facility and not _surname_exception(tokens, first, last)


def _surname_exception(tokens: list[Token], first: int, last: int) -> bool:
    """ "Tony Hall" is a person: a given name, then a surname that is also an organisation word."""
    return last - first == 1 and cues.is_given(tokens[first]) and tokens[last].lower in _SURNAME_LIKE


def is_name_token(token: Token, leading: bool) -> bool:
    """A word that can be part of a person's name; `leading` for the first word of the name."""
    word, lower = token.text, token.lower
    if not leading and (lower in NAME_PARTICLES or (len(word) == 2 and word.endswith(".") and word[0].isupper())):
        return True
    if not token.capitalised or lower in _STARTERS or lower in NAME_JOINERS:
        return False
    if lower in wordlists.demonyms() or lower.removesuffix("s") in wordlists.demonyms() or cues.is_org_word(token):
        return False
    if lower in wordlists.not_names() and (leading or lower not in _MONTH_SURNAMES):
        return False
    if word.isupper() and len(word) > 1:
        return False
    if any(part[:1].islower() for part in word.split("-")[1:]):
        return False  # "Nicholls-trained", "Tory-led"
    return not leading or not (roles.is_role_head(token) or roles.is_honorific(token))


def _name_span_ok(tokens: list[Token], first: int, last: int) -> bool:
    if not (0 <= last - first <= 3) or len(tokens[last].text.rstrip(".")) < 2:
        return False
    if not all(is_name_token(tokens[k], k == first) for k in range(first, last + 1)):
        return False
    if tokens[last].lower in wordlists.facility_words() and not _surname_exception(tokens, first, last):
        return False  # "Marshall Plan", "Asia Remembered"
    if roles.is_role_head(tokens[last]) and (last - first > 1 or not cues.is_given(tokens[first])):
        return False  # "Prime Minister", "Jefferson Parish Sheriff", but "John Major"
    if first < last and tokens[last].lower in wordlists.organizations():
        return False  # "the official Millwall Twitter account"
    if any(roles.is_role_head(tokens[k]) and cues.is_given(tokens[k + 1]) for k in range(first, last)):
        return False  # "Prime Minister John Prescott" still holds its title
    if tokens[first].lower in _PLACE_PREFIXES and first < last:
        return False  # "Santa Monica", "Fort Worth", "Le Parisien"
    return last == first or not any(tokens[k].lower in wordlists.places() for k in (first, last))


def _titled_person(text: str, tokens: list[Token], first: int, last: int, index: int) -> list[Finding]:
    """ "Prime Minister Mark Carney", "Secretary of State John Kerry", "Mr Blair", "Gen. X"."""
    for h in range(first, last):
        title = tokens[h]
        plural_lead = (  # "Officers Wenjian Liu", but not "Bankers Life Fieldhouse"
            h == first and h + 1 <= last and roles.is_role_head(title, plural=True) and cues.is_given(tokens[h + 1])
        )
        if not (roles.is_role_head(title) or roles.is_honorific(title) or plural_lead):
            continue
        start = _name_start(tokens, h, last)
        if start is None:
            continue
        if start == last and not _one_name_after(title, tokens[start]):
            return []
        joins = [k for k in range(first, h) if tokens[k].lower in {"and", "&", "of", "for"}]
        before = _classify(text, tokens, first, joins[-1] - 1, False, index) if joins else []
        role_start = joins[-1] + 1 if joins else first
        title_end = max((k for k in range(role_start, start) if not roles.is_honorific(tokens[k])), default=-1)
        in_title = roles.title_role(text, tokens, role_start, title_end) if title_end >= 0 else None
        role = roles.role_after(text, tokens, last) or in_title
        person = Finding("person", run_text(tokens, start, last), index, start, role, cue=True)
        return [*before, person, *_named_in_title(text, tokens, role_start, h, index)]
    return []


def _named_in_title(text: str, tokens: list[Token], first: int, end: int, index: int) -> list[Finding]:
    """Organisations and places inside a title: "US Treasury Under-Secretary", "U.S. President"."""
    capitals = [k for k in range(first, end) if tokens[k].capitalised and not roles.is_role_head(tokens[k])]
    if (
        capitals
        and _is_organization(tokens, capitals[0], capitals[-1])
        and capitals == list(range(capitals[0], capitals[-1] + 1))
    ):
        return [Finding("organization", run_text(tokens, capitals[0], capitals[-1]), index, capitals[0])]
    return _places_in(tokens, first, end, index)


def _one_name_after(title: Token, name: Token) -> bool:
    """A title before a single word: "Mr Blair", "President Obama", "Queen Elizabeth", but not
    "Dr. Phil" or "Judge Judy" (shows), "General Election" or "Fellow Nigerians"."""
    lower = title.lower
    if lower in _TITLE_ONLY_BEFORE_ONE_NAME:
        return True
    if lower in _ROYAL_TITLES:
        return cues.is_given(name)
    return lower in _TITLES_BEFORE_SURNAME and not cues.is_given(name)


def _name_start(tokens: list[Token], h: int, last: int) -> int | None:
    start = h + 1
    if tokens[start].lower in {"of", "for"}:  # "Secretary of State John Kerry"
        givens = [k for k in range(start + 1, last + 1) if cues.is_given(tokens[k])]
        if not givens or givens[0] <= h + 2:
            return None
        start = givens[0]
    return start if _name_span_ok(tokens, start, last) else None


def _name_or_places(text: str, tokens: list[Token], first: int, last: int, initial: bool, index: int) -> list[Finding]:
    if first < last and tokens[first].lower in wordlists.demonyms():
        return _name_or_places(text, tokens, first + 1, last, False, index)  # "the Canadian Eugenie Bouchard"
    if initial and last - first >= 2 and not cues.is_given(tokens[first]) and cues.is_given(tokens[first + 1]):
        return _name_or_places(text, tokens, first + 1, last, False, index)  # "Passenger Rebecca Crow …"
    if (
        _name_span_ok(tokens, first, last)
        and not cues.work_follows(tokens, last)
        and not cues.quoted_title(tokens, first, last)
    ):
        if first == last:
            return [_single(tokens, first, index)]
        role = (
            roles.role_before_comma(text, tokens, first)
            or roles.role_after(text, tokens, last)
            or roles.role_before(text, tokens, first)
            or roles.role_after_copula(text, tokens, last)
        )
        cue = (
            role is not None
            or cues.speech_cue(tokens, first, last)
            or cues.honorific_before(tokens, first)
            or cues.relative_who_after(tokens, last)
            or cues.organization_before(tokens, first)
            or cues.age_after(tokens, last)
            or cues.relative_after(tokens, last)
        )
        given = cues.is_given(tokens[first]) and not (
            initial and first == last - 1 and cues.ambiguous_start(tokens[first])
        )
        if not (cue or given) and places.place_cue(tokens, first, last):
            return [Finding("place", run_text(tokens, first, last), index, first)]
        kind: FindingKind = "person" if cue or given else "candidate"
        return [Finding(kind, run_text(tokens, first, last), index, first, role, cue=cue)]
    return _places_in(tokens, first, last + 1, index) or _cued_place(tokens, first, last, index)


def _single(tokens: list[Token], at: int, index: int) -> Finding:
    """One capitalised word: a surname mention, or a place when "in" puts it on the map."""
    token = tokens[at]
    cued = _cued_place(tokens, at, at, index)
    if cued and not token.possessive and not cues.is_given(token):
        return cued[0]
    cue = cues.speech_cue(tokens, at, at) or cues.personal_pronoun_after(tokens, at)
    return Finding("single", token.text, index, at, cue=cue)


def _cued_place(tokens: list[Token], first: int, last: int, index: int) -> list[Finding]:
    """ "R-Ohio", "Jacksonville, Ark.", "in Gleneagles": places that no list holds."""
    if first == last:
        state = places.party_state(tokens[first].text)
        if state is not None:
            return [Finding("place", state, index, first)]
        if places.state_after_town(tokens, first):
            return [Finding("place", tokens[first].text, index, first)]
    names_ok = not any(
        cues.is_org_word(tokens[k]) or tokens[k].lower in wordlists.not_names() for k in range(first, last + 1)
    )
    if names_ok and tokens[first].capitalised and places.place_cue(tokens, first, last):
        return [Finding("place", run_text(tokens, first, last), index, first)]
    return []


def _places_in(tokens: list[Token], first: int, end: int, index: int) -> list[Finding]:
    """Places named inside a run that is not itself a name ("U.S. President", "Kyiv Region")."""
    found: list[Finding] = []
    k = first
    while k < end:
        for size in (3, 2, 1):
            if k + size <= end and run_text(tokens, k, k + size - 1).lower() in wordlists.places():
                found.append(Finding("place", run_text(tokens, k, k + size - 1), index, k))
                k += size
                break
        else:
            k += 1
    return found
