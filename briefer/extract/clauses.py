"""Clause boundaries, tense and hedging cues, and the cue patterns of pledges, shared by the extractors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefer.models import Sentence

MAX_ITEM_WORDS = 45  # an item is one commitment or step, never a paragraph

# Verbs a coordinated clause may start with: "Britain would send advisers and provide £15m".
_CLAUSE_VERBS = (
    r"provide|give|send|spend|invest|fund|pay|donate|contribute|deploy|supply|deliver|allocate|offer|pledge"
    r"|promise|commit|agree|sign|support|back|build|create|cut|raise|boost|extend|increase|freeze|write|match"
    r"|visit|meet|hold|vote|decide|consider|review|launch|release|publish|announce|unveil|open|start|begin"
    r"|resume|attend|appear|testify|face|return|host|brief|travel|hear|rule|sentence|ratify|approve|introduce"
)
_BOUNDARY = re.compile(
    r";\s+|:\s+(?=[A-Z“\"])|\s+[—–]\s+|\s+--\s+"
    r"|,\s+(?=(?:and|but|while|whereas|although|though|which|when|after|before|as well as|so)\s)"
    r"|\s+(?=but\s)"
    rf"|\s+(?=and\s+(?:(?:also|then|will|would|to)\s+)?(?:{_CLAUSE_VERBS})(?:s|ed|d)?\b)",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\S+")


@dataclass(frozen=True)
class Clause:
    """A stretch of one sentence that holds one finite verb group, as far as punctuation shows."""

    text: str
    start: int
    end: int


def clauses(sentence: str) -> list[Clause]:
    """The clauses of `sentence`, split at semicolons, dashes and coordinating or relative links."""
    found: list[Clause] = []
    start = 0
    for match in _BOUNDARY.finditer(sentence):
        if match.start() > start:
            found.append(Clause(sentence[start : match.start()], start, match.start()))
        start = match.end()
    if start < len(sentence):
        found.append(Clause(sentence[start:], start, len(sentence)))
    return [c for c in found if c.text.strip()]


def clause_at(sentence: str, position: int) -> Clause:
    """The clause of `sentence` that holds the character at `position`."""
    for clause in clauses(sentence):
        if clause.start <= position < clause.end:
            return clause
    return Clause(sentence, 0, len(sentence))


def item_text(sentence: str, clause: Clause, shared: bool) -> str:
    """The text an item shows: the whole sentence when it carries one item and is short, else the clause."""
    if not shared and word_count(sentence) <= MAX_ITEM_WORDS:
        return sentence.strip()
    text = clause.text.strip(" ,;:—–-")
    if word_count(text) < 5:
        text = _widen(sentence, clause)
    return balance_quotes(trim_words(text, MAX_ITEM_WORDS))


def balance_quotes(text: str) -> str:
    """A clause cut from a quotation loses an opening mark whose closing mark lies outside it."""
    if text.startswith(("“", '"')) and text.count("”") + text.count('"') < 2 - text.startswith("“"):
        return text[1:].lstrip()
    return text


def _widen(sentence: str, clause: Clause) -> str:
    parts = clauses(sentence)
    index = next((i for i, c in enumerate(parts) if c.start == clause.start), 0)
    before = parts[index - 1].text if index > 0 else ""
    return f"{before} {clause.text}".strip(" ,;:—–-")


def trim_words(text: str, limit: int) -> str:
    """`text` cut to its first `limit` words."""
    tokens = _WORDS.findall(text)
    return text if len(tokens) <= limit else " ".join(tokens[:limit]) + " …"


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


# Tense and hedging.
# "due to be introduced" is a plan; "due to rebanding" is a cause.
DUE_VERBS = (
    r"be|start|begin|open|close|take|meet|hold|return|appear|face|go|make|end|expire|arrive|launch|vote|decide|"
    r"hear|sign|report|resume|finish|come|visit|travel|publish|release|announce|deliver|submit|rule|give"
)
FUTURE = re.compile(
    r"\b(?:will|shall|won['’]t|going to|gonna|must)\b|\w['’]ll\b"
    r"|\b(?:is|are|be)\s+(?:(?:also|now|still|not|then)\s+)?"
    r"(?:(?:set|scheduled|slated|expected|poised|planned)\s+(?:to|for)|to)\s+\w+"
    r"|(?<!was )(?<!were )\b(?:expected|scheduled|set|slated) to\b|\b(?:is|are)\s+(?:\w+\s+)?expected\b"
    r"|(?<!was )(?<!were )(?<!been )\bdue to (?:" + DUE_VERBS + r")\b"
    r"|\b(?:plans?|planning|intends?|prepares?|preparing)\s+to\b|\bupcoming\b|\bforthcoming\b"
    r"|\b(?:is|are)\s+due\s+(?:on|in|at|by|out|back|next|this|later|before|for)\b",
    re.IGNORECASE,
)
REPORTING = re.compile(
    r"\b(?:said|says|told|announced|confirmed|indicated|added|insisted|stressed|promised|pledged|warned|"
    r"vowed|declared|stated|agreed|suggested|noted|explained|argued|signalled|signaled|hinted|expects?)\b",
    re.IGNORECASE,
)
HEDGE = re.compile(r"\b(?:could|might|may|perhaps|possibly|(?i:maybe)|seems?|unlikely)\b")
# Statements about numbers to come: "growth is set to accelerate, it forecast".
PREDICTION = re.compile(r"\b(?:forecast(?:s|ed|ing)?|predict(?:s|ed|ing)?|projected|projections?)\b", re.IGNORECASE)
CONDITION = re.compile(
    r"\b(?:if|unless|in case|provided that|should it|were it|assuming|in the event|whether or not|had they|"
    r"had he|had she|had it|(?:would|could|might|should) have)\b",
    re.IGNORECASE,
)
QUESTION = re.compile(r"\?\s*[”\"’']?\s*$")
_WH_BEFORE = re.compile(r"\b(?:what|whether|how much|how many|how)\b[^,;]*$", re.IGNORECASE)
# Wishes, fears and assumptions are not plans: "I hope my body will hold up", "the figures assume".
WISH = re.compile(
    r"\b(?:hope[sd]?|hoping|wish(?:es|ed)?|fear(?:s|ed)?|worr(?:y|ies|ied)|assumes?|thinks?|believes?)\b",
    re.IGNORECASE,
)
# Subjects whose future statements are forecasts, not plans or pledges.
# "The way forward is to talk", "the tactic is to vote": what something is, not what someone will do.
DEFINITION = re.compile(
    r"\b(?:way|answer|solution|aim|goal|idea|job|task|priority|challenge|tactic|plan|point|purpose|key|trick|"
    r"option|hope|intention|strategy|role|mission|quest|ambition|dream|duty|concern|worry|focus)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
FORECASTERS = re.compile(
    r"\b(?:analysts?|economists?|experts?|observers?|commentators?|forecasters?|critics?|pundits?|"
    r"markets?|investors?|traders?|polls?|surveys?|observers?|researchers?|scientists?|studies|study|report)\b"
    r"[^.;]*\b(?:expect|predict|forecast|believe|think|estimate|warn|say|said|suggest|project|told|tells)",
    re.IGNORECASE,
)


# A closing attribution: "…, the spokesman said."
_ATTRIBUTION = re.compile(r"[,”\"]\s*(?:[\w.'’-]+\s+){1,6}?(?:said|says|told|added|announced)\b[^,]*$")


def headline(sentence: Sentence) -> bool:
    """The first line when it is a headline (no closing punctuation): it repeats what the lead says."""
    return sentence.index == 0 and not re.search(r"[.!?”\"’')]\s*$", sentence.text)


def wh_governed(text: str, position: int) -> bool:
    """True when the cue at `position` sits inside a wh- or whether-clause ("what Canada would give")."""
    return bool(_WH_BEFORE.search(text[max(0, position - 100) : position]))


def reported_future(sentence: str, position: int) -> bool:
    """True for a "would" that reports a future plan ("she said ministers would consult")."""
    reported = REPORTING.search(sentence[:position]) or _ATTRIBUTION.search(sentence, position)
    return bool(reported) and not CONDITION.search(sentence)


# The cue patterns of commitments: the words that mark a pledge, a declared readiness, a refusal, a deal
# concluded, a future provision, or money put to a purpose.
_PROVIDE = (
    r"provid|giv|gave|send|spend|spent|invest|fund|pay|paid|donat|contribut|deploy|suppl|allocat|"
    r"earmark|accelerat|funnel|inject|pour|grant|lend|lent|loan|boost|extend|match|support|train|"
    r"build|creat|introduc|ban|scrap|abolish|freez|froze|write off|wrote off|insist|co-ordinat|coordinat|"
    r"crack down|cut|rais|double|triple|hire|recruit|protect|guarante|offer"
)
# What an offer must be followed by to be an undertaking ("offered £960m", "offered to help"), not a sale.
_OFFERED = (
    r"\s+(?:to\b|(?:[\w'’-]+\s+){0,4}?(?:(?<!for )[$£€]|help|support|aid|assistance|troops|compensation|"
    r"concessions?|deal|resignation|guarantees?|talks|asylum|refunds?|funding|money|loans?|"
    r"cash|security|weapons|a place|jobs?|an apology|amnesty))"
)
# "committed a robbery", "committed suicide": a wrong done, not a pledge.
_WRONGS = (
    r"(?:suicide|crimes?|murders?|robber(?:y|ies)|burglar(?:y|ies)|thefts?|assaults?|rapes?|offen[cs]es?|fraud|"
    r"atrocities|sins?|fouls?|errors?|violations?|abuses?|perjury|treason|genocide|adultery|mistakes?|"
    r"war crimes|acts? of)\b"
)
_PLEDGE = re.compile(
    r"\b(?:commit(?:s|ted)?(?!\s+by\b)|pledg(?:e|es|ed|ing)|(?:re)?assur(?:es|ed)|promis(?:e|es|ed)|vow(?:s|ed|ing)?|"
    r"agree(?:s|d|ing)?(?=\s+(?:to|on|a|an|the|terms|in principle|[$£€\d]))|offer(?:s|ed|ing)?(?=" + _OFFERED + r"))\b"
    r"(?!\s+(?:[\w-]+\s+){0,2}?" + _WRONGS + r")"
    r"(?!\s+(?:with|condolences|sympath\w*|prayers|thoughts|tributes|comment|no comment|little|few|insight|hope|"
    r"a glimpse|views?)\b)",
    re.IGNORECASE,
)
_PLEDGE_NOUN = re.compile(
    r"\b(?:affirm|reaffirm|reiterat|underlin|stress|restat|made|make|gave|give|announc|repeat|renew)\w*\s+"
    r"(?:[\w'’-]+\s+){0,4}(?:commitment|pledge|promise|guarantee|undertaking)s?\b",
    re.IGNORECASE,
)
_READY = re.compile(
    r"\b(?:ready|willing|prepared|determined|dedicated|committed|open|resolved)\s+to\b"
    r"(?!\s+(?:interpretation|debate|question|criticism|abuse|challenge|doubt|discussion|the public|visitors|"
    r"attack|exploitation|error|misuse|negotiation|suggestions)\b)"
    r"|(?:\b(?:its|his|her|their|our|my)|['’]s)\s+(?:\w+\s+)?(?:determination|readiness|willingness)"
    r"\s+to\b",
    re.IGNORECASE,
)
# Refusing to comment or to name someone is reporting, not an undertaking.
_NO_COMMENT = (
    r"(?:comment|discuss|say|confirm|elaborate|speculate|reveal|identify|name|disclose|answer|give details|"
    r"be drawn|be pinned down|be named|be identified|rule out|rule it out|give (?:\w+ )?(?:views?|opinions?))\b"
)
_REFUSE = re.compile(
    r"\b(?:refus(?:e|es|ed|ing)\s+to(?!\s+"
    + _NO_COMMENT
    + r")|(?<!\bbe )(?<!\bbeen )(?<!\bbeing )(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )"
    r"(?<!\bto )rul(?:e|es|ed|ing)\s+out|declin(?:e|es|ed|ing)\s+to(?!\s+" + _NO_COMMENT + r")"
    r"|(?:has|have|had)\s+no\s+(?:plans?|intention|intent)\s+to|vetoe[sd]\b|(?:will|would|to)\s+veto\b"
    r"|reject(?:s|ed|ing)?\s+(?:the\s+|a\s+|an\s+|any\s+|calls?\s+)?(?:\w+\s+){0,2}"
    r"(?:proposals?|plans?|offers?|deal|demands?|calls?|bid|request|ultimatum|idea|terms)"
    r"|(?:cannot|can['’]t|will\s+not|won['’]t|would\s+not|wouldn['’]t|not\s+going\s+to|never)\s+(?:\w+\s+)?"
    r"(?:support|accept|agree|back|allow|send|provide|pay|fund|deploy|give|sign|change|negotiate|tolerate|"
    r"recogni[sz]e|do|cut|raise|release|stage|withdraw|resign|step down|drop out|quit|compromise|budge|"
    r"back down|bow|surrender|cede|abandon|retreat))\b",
    re.IGNORECASE,
)
_DEAL = re.compile(
    r"\b(?:back(?:s|ed)?|endors(?:e|es|ed)|approv(?:e|es|ed)|sign(?:s|ed)?|ratif(?:y|ies|ied)|renew(?:s|ed)?|"
    r"reach(?:es|ed)?|strike|struck|seal(?:s|ed)?|clinch(?:es|ed)?|unveil(?:s|ed)?|announc(?:e|es|ed)|"
    r"secur(?:e|es|ed)|negotiat(?:e|es|ed)|finali[sz](?:e|es|ed))\s+"
    r"(?:(?!about\b|on\b|of\b|for\b|with\b|that\b)[\w'’$£€.,-]+\s+){0,5}?(?:plans?|proposals?|deal|agreement|treaty|accord|contract|pact|scheme|package|"
    r"programme|program|investment|funding|aid|initiative|strategy|measures)\b"
    r"|\b(?:deal|agreement|contract|treaty|accord|pact|plan|programme|program)\s+(?:has|have|had|was|were|is|are)"
    r"\s+(?:now\s+|also\s+|already\s+)?(?:been\s+)?(?:agreed|renewed|signed|approved|extended|reached|struck|set)\b",
    re.IGNORECASE,
)
# Undertakings that only a future or planned verb makes a commitment: "will close 20 stores".
_UNDERTAKE = (
    _PROVIDE + r"|reduc|lower|keep|maintain|continu|ensur|pursu|work with|buy|acquir|sell|purchas|take over|"
    r"merg|axe|shed|close|employ|compensat|refund|repay|pay back|honou?r|respect|implement|enforce|tighten|"
    r"lift|restor|rebuild|reform|expand|upgrade|moderni[sz]|withdraw|pull out|halt|stop|suspend|end\b"
)
_FUTURE_PROVIDE = re.compile(
    r"\b(?:will|shall|would|is to|are to|(?:is|are) going to|intends? to|aims? to)\s+"
    r"(?:(?:also|now|then|soon|still|specifically|immediately|far and away|more than|further|"
    r"need to|have to)\s+)*(?:be\s+(?:" + _PROVIDE + r")|(?:" + _UNDERTAKE + r"))\w*\b"
    r"|\w['’]ll\s+(?:" + _UNDERTAKE + r")\w*\b"
    # "BMW plans to close the plant": a plan stated by its maker (not "strengthen plans to")
    r"|(?:\b(?:he|she|it|they|we|government|company|firm|council|ministry|party|union|group|bank)|"
    r"(?-i:\b[A-Z][\w'’.-]+))\s+(?:also\s+|now\s+)?(?P<plan>(?:plans|intends)\s+to\s+\w+)",
    re.IGNORECASE,
)
# A budget figure announced for the future: "defence spending will total 887 billion yuan".
_POLICY_CHANGE = re.compile(
    r"\b(?:budget|spending|pay|aid|funding|tax(?:es)?|wages?|pensions?|investment|benefits?|allowance|"
    r"jobs?|support|grant|subsid(?:y|ies))\b[^,;]{0,40}?\b(?:will|is to|are to|would)\s+(?:\w+\s+)?"
    r"(?:increase|rise|total|reach|double|triple|grow|go up|be increased|be raised|be created|be cut)\b",
    re.IGNORECASE,
)
_MONEY_VERB = re.compile(
    r"\b(?:" + _PROVIDE + r"|announc|unveil|pledg|commit(?!ment)|approv|award)\w*\b", re.IGNORECASE
)
# Verbs that put money to a purpose on their own: "put an extra £0.53bn into", "donated $5m".
STRONG_MONEY_VERB = re.compile(
    r"\b(?:invest|donat|contribut|allocat|earmark|pledg|commit(?!ment)|inject|pour|put|funnel|accelerat|offer|"
    r"lend|lent)\w*\b",
    re.IGNORECASE,
)
AID_NOUN = re.compile(
    r"\b(?:aid|assistance|support|funding|investment|relief|grant|loan|package|spending plan|donation)s?\b",
    re.IGNORECASE,
)
GIVEN_BY = re.compile(
    r"^(?:\s+(?:in|of)\s+\w+)?\s+(?:given|pledged|promised|committed|announced|provided|offered|donated|"
    r"allocated|earmarked|approved)\s+(?:so far\s+)?by\b",
    re.IGNORECASE,
)


_NOUN_ENDINGS = ("ion", "ions", "ment", "ments", "or", "ors", "er", "ers", "ance", "s")


def money_verb(text: str) -> re.Match[str] | None:
    """The first funding verb of `text`, skipping nouns of the same stem ("donations", "investment")."""
    for match in _MONEY_VERB.finditer(text):
        if match.group(0).lower().startswith("rais"):
            continue  # raising money is fundraising, not giving it
        if not match.group(0).lower().endswith(_NOUN_ENDINGS) or match.group(0).lower().endswith("es"):
            return match
    return None


NOT_GIVEN = re.compile(
    r"\b(?:worth|valued at|value of|fortune of|revenues?|sales|profits?|earn\w*|cost\w*|price\w*|salary|"
    r"fined?|lost|loss(?:es)?|debts?|turnover|income)\b[^.;]*$"
    r"|\bfor\s+(?:about\s+|around\s+|just\s+|only\s+)?$",  # "a subscription for £4.99": a price
    re.IGNORECASE,
)


# Each cue pattern with the word stems it cannot match without (tested on the lower-cased text first).
CUE_PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    ("pledge", ("commit", "pledg", "promis", "vow", "agree", "offer", "assur"), _PLEDGE),
    ("pledge", ("commitment", "pledge", "promise", "guarantee", "undertaking"), _PLEDGE_NOUN),
    ("ready", ("ready", "willing", "prepared", "determin", "dedicated", "committed", "open", "resolved"), _READY),
    (
        "refuse",
        ("refus", "rul", "declin", "no plan", "no intent", "veto", "reject", "can", "not", "n't", "n’t", "never"),
        _REFUSE,
    ),
    (
        "deal",
        (
            "plan",
            "propos",
            "deal",
            "agree",
            "treat",
            "accord",
            "contract",
            "pact",
            "scheme",
            "package",
            "program",
            "invest",
            "fund",
            "aid",
            "initiative",
            "strateg",
            "measures",
        ),
        _DEAL,
    ),
    (
        "provide",
        ("will", "shall", "would", "is to", "are to", "going to", "intend", "aim", "'ll", "’ll", "plans"),
        _FUTURE_PROVIDE,
    ),
    ("change", ("will", "is to", "are to", "would"), _POLICY_CHANGE),
)
