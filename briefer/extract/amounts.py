"""Sums of money and counted quantities in news text, normalised to a number and an ISO currency."""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefer.models import Amount

# Written before the number: "US$", "C$", "£", "€", "Rs".
_PREFIXES = {
    "us$": "USD",
    "u.s.$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "cdn$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "r$": "BRL",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
}
# Written after the number: "15 million pounds", "887 billion yuan".
_SUFFIXES = {
    "dollars": None,  # the article's dollar, decided by the caller
    "dollar": None,
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "euros": "EUR",
    "euro": "EUR",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "rupees": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "francs": "CHF",
    "usd": "USD",
    "cad": "CAD",
    "gbp": "GBP",
    "eur": "EUR",
}
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
}
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a": 1,
    "half a": 0.5,
}
# Nouns that make a bare number a quantity worth reporting ("200 new jobs", "1,000 troops").
_COUNTED = (
    r"jobs?|troops?|soldiers?|personnel|workers?|staff|homes?|houses?|beds?|vaccines?|doses?|tonnes?|tons?"
    r"|tanks?|jets?|aircraft|planes?|missiles?|ships?|vessels?|refugees?|places?|officers?|nurses?|doctors?"
    r"|teachers?|police|schools?|hospitals?|units?|vehicles?|weapons?|drones?|advisers?|advisors?"
)

_PREFIX_RE = r"(?P<prefix>US\$|U\.S\.\$|C\$|CA\$|Cdn\$|A\$|AU\$|NZ\$|HK\$|S\$|R\$|Rs\.?\s?|[$£€¥₹])"
_NUM_RE = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_RANGE_RE = r"(?:\s?(?:-|–|to)\s?[$£€]?(?P<num2>\d+(?:\.\d+)?))?"
_SCALE_RE = r"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|mln|bn|mn|tn|trn|m|b|k)\b)?"
_WORDNUM_RE = r"(?P<wordnum>half a|one|two|three|four|five|six|seven|eight|nine|ten|a)"

_MONEY = re.compile(
    r"(?<![\w$£€])(?:" + _PREFIX_RE + _NUM_RE + _RANGE_RE + _SCALE_RE + r"(?:[\s-]dollars?\b)?"
    r"|(?:" + _NUM_RE.replace("num", "pnum") + r"(?:\s(?P<pscale>thousand|million|billion|trillion))?"
    r"|"
    + _WORDNUM_RE
    + r"\s(?P<wscale>thousand|million|billion|trillion))\s(?P<psuffix>"
    + "|".join(sorted(_SUFFIXES, key=len, reverse=True))
    + r")\b)",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"(?<![\w$£€.,])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s(?P<scale>thousand|million|billion))?"
    r"(?:\s(?:new|more|extra|additional|further|british|us|u\.s\.|american|military|ground|combat))*"
    r"\s(?P<noun>" + _COUNTED + r")\b",
    re.IGNORECASE,
)
_SCALED = re.compile(
    r"(?<![\w$£€.,])(?P<num>\d+(?:\.\d+)?)[\s-]?(?P<scale>million|billion|trillion|bn|tn)\b", re.IGNORECASE
)
_PERCENT = re.compile(r"(?<![\w.])(?P<num>\d+(?:\.\d+)?)\s?(?:%|per\s?cent|percent)", re.IGNORECASE)


def find_money(text: str, dollar: str = "USD") -> list[Amount]:
    """Every sum of money in `text`, in order; a bare "$" is `dollar`."""
    return [_money(match, dollar) for match in _MONEY.finditer(text)]


def find_amounts(text: str, dollar: str = "USD") -> list[Amount]:
    """Sums of money first, then counted quantities ("200 new jobs") and percentages."""
    found = find_money(text, dollar)
    for pattern in (_QUANTITY, _SCALED):
        found += [_quantity(m) for m in pattern.finditer(text) if not _inside(m, found)]
    found += [Amount(m.group(0), float(m.group("num")), None) for m in _PERCENT.finditer(text)]
    return found


def first_amount(text: str, dollar: str = "USD") -> Amount | None:
    """The sum of money `text` states first, else its first quantity, else None."""
    found = find_amounts(text, dollar)
    return found[0] if found else None


def article_dollar(texts: Iterator[str] | list[str]) -> str:
    """Which dollar a bare "$" means in an article: local when the article also writes "US$"."""
    joined = " ".join(texts)
    if not re.search(r"\bUS\$|\bU\.S\.\s?\$", joined):
        return "USD"
    for pattern, code in _LOCAL_DOLLARS:
        if pattern.search(joined):
            return code
    return "USD"


_LOCAL_DOLLARS = (
    (re.compile(r"\bCanad(?:a|ian)\b"), "CAD"),
    (re.compile(r"\bAustralia(?:n)?\b"), "AUD"),
    (re.compile(r"\bNew Zealand\b"), "NZD"),
    (re.compile(r"\bHong Kong\b"), "HKD"),
    (re.compile(r"\bSingapore\b"), "SGD"),
)


def _money(match: re.Match[str], dollar: str) -> Amount:
    groups = match.groupdict()
    if groups["prefix"] is not None:
        value = _number(groups["num"]) * _SCALES.get((groups["scale"] or "").lower(), 1.0)
        code = _PREFIXES.get(groups["prefix"].strip().lower(), dollar)
        return Amount(match.group(0).strip(), value, code)
    if groups["pnum"]:
        value = _number(groups["pnum"]) * _SCALES.get((groups["pscale"] or "").lower(), 1.0)
    else:
        value = _NUMBER_WORDS[groups["wordnum"].lower()] * _SCALES[groups["wscale"].lower()]
    code = _SUFFIXES[groups["psuffix"].lower()] or dollar
    return Amount(match.group(0).strip(), value, code)


def _quantity(match: re.Match[str]) -> Amount:
    value = _number(match.group("num")) * _SCALES.get((match.group("scale") or "").lower(), 1.0)
    return Amount(match.group(0), value, None)


def _inside(match: re.Match[str], found: list[Amount]) -> bool:
    return any(match.group(0) in amount.text or amount.text in match.group(0) for amount in found)


def _number(text: str) -> float:
    return float(text.replace(",", ""))
