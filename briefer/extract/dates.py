"""Time phrases in news text ("on Wednesday", "within 10 days", "April 17") and the dates they name.

A phrase is only taken when its words are used as time words: "may" the verb, "March" the verb,
"August" the name and "Sunday Times" the paper name no date. Dates resolve forward from the
publication date, since the callers look for what happens next.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

Tense = str  # "future" (next week), "past" (last week), "any" (Wednesday, April 17)


@dataclass(frozen=True)
class TimePhrase:
    """A time phrase found in a text, with the dates it names when the publication date is known."""

    text: str
    start: int
    end: int
    tense: Tense
    date: date | None = None
    date_end: date | None = None


_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {calendar.month_name[number].lower(), calendar.month_abbr[number].lower()}
}
_MONTHS["sept"] = 9
_WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}
_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_COUNTS = {word: n for n, word in enumerate(_NUMBER_WORDS, start=1)} | {
    **dict.fromkeys(("a", "an"), 1),
    **dict.fromkeys(("couple of", "a couple of"), 2),
    **dict.fromkeys(("few", "a few"), 3),
    "several": 5,
}
_UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_COUNT = (
    r"(?P<count>\d+|a couple of|couple of|a few|few|several|an?|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve)"
)
_UNIT = r"(?P<unit>(?:hour|day|week|fortnight|month|year)s?)"
_DAY = r"(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Words before a bare month or year that make it a time ("in April", "by 2007", "early next year").
_LEAD = r"(?:in|by|until|till|before|after|since|from|through|during|early|late|mid-?|next|last|this|of|end of)"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        # "within six weeks of the attack" counts from another event, not from publication
        ("within", rf"(?i:\bwithin (?:the )?(?:next )?{_COUNT} {_UNIT}\b(?! of\b))"),
        ("coming", rf"(?i:\b(?P<lead>in |over |during )?the (?P<which>coming|next) (?:{_COUNT} )?{_UNIT}\b)"),
        ("next_n", rf"(?i:\bnext {_COUNT} {_UNIT}\b)"),
        ("in_n", rf"(?i:\bin (?:just |about |around )?{_COUNT} {_UNIT}(?:['’] time)?\b)"),
        ("in_units", r"(?i:\bin (?:the next )?(?P<unit>days|weeks|months)\b)"),
        ("ago", rf"(?i:\b{_COUNT} {_UNIT} ago\b)"),
        ("relative", r"(?i:\b(?P<rel>today|tonight|tomorrow|yesterday|shortly|soon)\b(?! afterwards| after that))"),
        (
            "this_next",
            r"(?i:\b(?P<mod>this|next|last|later this|early next|earlier this|late next|end of this|"
            r"end of next|the end of the|the end of this|end of the)"
            r" (?P<period>week|weekend|month|year|spring|summer|autumn|fall|winter|season)\b)",
        ),
        (
            "holiday",
            r"\b(?P<holiday>Black Friday|Christmas Eve|Christmas Day|Christmas|New Year['’]s (?:Day|Eve)"
            r"|Thanksgiving|Halloween|Boxing Day|Valentine['’]s Day)\b",
        ),
        ("month_day", rf"\b(?P<month>{_MONTH}) {_DAY}\b(?:,? {_YEAR}\b)?"),
        ("day_month", rf"\b{_DAY} (?:of )?(?P<month>{_MONTH})(?: {_YEAR}\b)?"),
        ("month_year", rf"\b(?P<month>{_MONTH}),? {_YEAR}\b"),
        (
            "month",
            rf"(?i:\b(?P<lead>{_LEAD}))(?:(?<=-)|\s)(?P<month>{_MONTH})\b(?:,? (?:of )?{_YEAR}\b)?(?! [A-Z]|['’])",
        ),
        (
            "year",
            rf"(?i:\b(?P<lead>in|by|until|till|before|from|through|between|during|early|late|mid-?|end of)) {_YEAR}\b",
        ),
        (
            "weekday",
            rf"\b(?:(?P<mod>(?i:this|next|last|on|by|until|from|before|every|each)) )?(?P<weekday>{_WEEKDAY})\b",
        ),
    )
)
_UNIT_WORDS = ("hour", "day", "week", "fortnight", "month", "year")
_MONTH_WORDS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Words a pattern cannot match without: a substring test is far cheaper than the pattern itself.
# Lower-case gates are tested on the lower-cased text, capitalised ones on the text as written.
_GATES: dict[str, tuple[str, ...]] = {
    "within": ("within",),
    "coming": ("coming", "next"),
    "next_n": ("next",),
    "in_n": _UNIT_WORDS,
    "in_units": ("days", "weeks", "months"),
    "ago": (" ago",),
    "relative": ("today", "tonight", "tomorrow", "yesterday", "shortly", "soon"),
    "this_next": ("week", "month", "year", "spring", "summer", "autumn", "fall", "winter", "season"),
    "holiday": ("Christmas", "New Year", "Thanksgiving", "Halloween", "Boxing Day", "Valentine", "Black Friday"),
    "month_day": _MONTH_WORDS,
    "day_month": _MONTH_WORDS,
    "month_year": _MONTH_WORDS,
    "month": _MONTH_WORDS,
    "year": ("19", "20"),
    "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def _gate_pattern(words: tuple[str, ...], on_lower: bool) -> re.Pattern[str] | None:
    chosen = [re.escape(w) for w in words if (w.islower() or w.isdigit()) == on_lower]
    return re.compile("|".join(chosen)) if chosen else None


# Each gate as two literal alternations: one searched in the lower-cased text, one in the text as written.
_GATE_PATTERNS = {name: (_gate_pattern(words, True), _gate_pattern(words, False)) for name, words in _GATES.items()}


def _gate_open(name: str, text: str, lower: str) -> bool:
    on_lower, on_text = _GATE_PATTERNS[name]
    return bool((on_lower and on_lower.search(lower)) or (on_text and on_text.search(text)))


# A weekday that is part of a name: the Sunday Times, the Mail on Sunday, Good Friday Agreement.
_WEEKDAY_NAME_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Independent|Agreement|Star|People|Sport"
    r"|Record|Tribune|Night|Morning|Service|Club|League|Accords?|Show|Edition|Magazine|Review|Politics|Live"
    r"|Programme|Program|Supplement|Sun|World|Business|Best|School)\b"
)
_WEEKDAY_NAME_BEFORE = re.compile(
    r"(?:(?:Mail|Independent|Express|Mirror|Sport) on|Good|Bloody|Holy|Palm|Easter|Ash|Super|Cyber|Black)\s+$"
)
_JOIN = re.compile(r"^(?:\s*,?\s*(?:on|at|of|the)?\s*)$")
_CLOCK = re.compile(
    r"(?i:\b(?:at |by |until |from |before )?"
    r"(?:\d{1,2}(?::\d\d)?\s?(?:[ap]\.?m\.?)(?:\s?[A-Z]{0,3}T\b)?|noon|midnight))"
)


def find_times(text: str, published: date | None = None) -> list[TimePhrase]:
    """Every time phrase in `text` in order, joined when adjacent ("6pm GMT on Friday")."""
    found: list[TimePhrase] = []
    taken: list[tuple[int, int]] = []
    lower = text.lower()
    for name, pattern in _PATTERNS:
        if not _gate_open(name, text, lower):
            continue  # a cheap test first: most sentences hold no word the pattern needs
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if name == "weekday" and _weekday_is_name(text, match):
                continue
            phrase = _phrase(name, match, published)
            found.append(phrase)
            taken.append((match.start(), match.end()))
    return _join_adjacent(text, sorted(found, key=lambda p: p.start))


def _weekday_is_name(text: str, match: re.Match[str]) -> bool:
    after = text[match.end() : match.end() + 20]
    before = text[max(0, match.start("weekday") - 20) : match.start("weekday")]
    compound = after.startswith("-")  # "a Saturday-night stay": a kind of thing, not a day
    return compound or bool(_WEEKDAY_NAME_AFTER.match(after) or _WEEKDAY_NAME_BEFORE.search(before))


def _join_adjacent(text: str, phrases: list[TimePhrase]) -> list[TimePhrase]:
    joined: list[TimePhrase] = []
    for phrase in _with_clocks(text, phrases):
        if joined and _JOIN.match(text[joined[-1].end : phrase.start]):
            joined[-1] = _merge(text, joined[-1], phrase)
        else:
            joined.append(phrase)
    return [p for p in joined if p.text.strip() and not _CLOCK.fullmatch(p.text)]


def _with_clocks(text: str, phrases: list[TimePhrase]) -> list[TimePhrase]:
    clocks = [
        TimePhrase(m.group(0), m.start(), m.end(), "any")
        for m in _CLOCK.finditer(text)
        if not any(p.start <= m.start() < p.end for p in phrases)
    ]
    return sorted(phrases + clocks, key=lambda p: p.start)


def _merge(text: str, first: TimePhrase, second: TimePhrase) -> TimePhrase:
    dated = second if second.date is not None and (first.date is None or _narrower(second, first)) else first
    tense = first.tense if first.tense != "any" else second.tense
    return TimePhrase(text[first.start : second.end], first.start, second.end, tense, dated.date, dated.date_end)


def _narrower(one: TimePhrase, other: TimePhrase) -> bool:
    return _span_days(one) < _span_days(other)


def _span_days(phrase: TimePhrase) -> int:
    if phrase.date is None:
        return 10_000
    return ((phrase.date_end or phrase.date) - phrase.date).days


def _phrase(name: str, match: re.Match[str], published: date | None) -> TimePhrase:
    tense, dates = _RESOLVERS[name](match.groupdict(), published)
    if published is None:
        dates = (None, None)
    return TimePhrase(match.group(0), match.start(), match.end(), tense, *dates)


Dates = tuple[date | None, date | None]


def _count(groups: dict[str, str | None]) -> int:
    plural = (groups.get("unit") or "s").endswith("s")
    raw = (groups.get("count") or ("few" if plural else "one")).lower()  # "the coming days", "the coming year"
    return int(raw) if raw.isdigit() else _COUNTS.get(raw, 3)


def _unit_days(groups: dict[str, str | None]) -> int:
    return _UNIT_DAYS[(groups.get("unit") or "day").lower().rstrip("s")]


def _within(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    if published is None:
        return "future", (None, None)
    return "future", (published, published + timedelta(days=_count(groups) * _unit_days(groups)))


def _coming(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    if (groups.get("which") or "").lower() == "next" and not groups.get("count") and not groups.get("lead"):
        return "any", (None, None)  # "the boy died the next day": next after the story's day, not publication
    if published is None:
        return "future", (None, None)
    days = _count(groups) * _unit_days(groups)
    return "future", (published + timedelta(days=1), published + timedelta(days=max(days, 1)))


def _in_n(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    raw = (groups.get("count") or "").lower()
    days = _count(groups) * _unit_days(groups)
    if published is None:
        return "any", (None, None)
    if raw.isdigit() or raw in {"a", "an", "one", "two", "three", "four", "five", "six", "seven", "ten"}:
        return "any", (published + timedelta(days=days), None)
    return "any", (published + timedelta(days=1), published + timedelta(days=days))


def _vague_future(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    return "future", (None, None)


def _ago(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    return "past", (None, None)


def _relative(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    word = (groups["rel"] or "").lower()
    if word == "yesterday":
        return "past", (published - timedelta(days=1) if published else None, None)
    if word == "today":
        return "past", (None, None)  # the day of publication: what happens today is news, not a next step
    if word == "tonight":
        return "any", (published, None)
    if word == "tomorrow":
        return "future", (published + timedelta(days=1) if published else None, None)
    return "any", (None, None)  # "soon", "shortly": also "shortly afterwards" in a past account


def _this_next(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    mod = (groups["mod"] or "").lower()
    period = (groups["period"] or "").lower()
    tense = "past" if mod in {"last", "earlier this"} else "future" if "next" in mod or "later" in mod else "any"
    if published is None or tense == "past":
        return tense, (None, None)
    shift = 1 if "next" in mod else 0
    start, end = _period(period, published, shift)
    if start is None or end is None:
        return tense, (None, None)
    if mod.startswith("end of") or mod.startswith("the end"):
        start = max(end - timedelta(days=6 if period != "year" else 30), published)
    elif mod == "early next":
        end = start + (end - start) / 3
    elif mod == "later this":
        start = max(start, published + timedelta(days=1))
    return tense, (max(start, published), end)


def _period(period: str, published: date, shift: int) -> tuple[date | None, date | None]:
    if period == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
        return monday, monday + timedelta(days=6)
    if period == "weekend":
        saturday = published + timedelta(days=(5 - published.weekday()) % 7) + timedelta(weeks=shift)
        return saturday, saturday + timedelta(days=1)
    if period == "month":
        year, month = divmod(published.month - 1 + shift, 12)
        return _month_range(published.year + year, month + 1)
    if period == "year":
        year = published.year + shift
        return date(year, 1, 1), date(year, 12, 31)
    return _season(period, published, shift)


_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _season(period: str, published: date, shift: int) -> tuple[date | None, date | None]:
    if period not in _SEASONS:
        return None, None
    first, last = _SEASONS[period]
    year = published.year + shift
    if (year, last) < (published.year, published.month):
        year += 1
    return date(year, first, 1), _month_range(year, last)[1]


def _month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _month_number(raw: str | None) -> int:
    return _MONTHS[(raw or "").lower().rstrip(".")]


def _month_day(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    if published is None:
        return "any", (None, None)
    month, day = _month_number(groups["month"]), int(groups["day"] or 1)
    year = int(groups["year"]) if groups.get("year") else published.year
    try:
        found = date(year, month, day)
    except ValueError:
        return "any", (None, None)
    if not groups.get("year") and found < published - timedelta(days=3):
        found = found.replace(year=year + 1) if not (month == 2 and day == 29) else found
    return "any", (found, None)


def _month_only(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    lead = (groups.get("lead") or "").lower()
    tense = "past" if lead in {"last", "since"} else "future" if lead == "next" else "any"
    if published is None or tense == "past":
        return tense, (None, None)
    month = _month_number(groups["month"])
    year = int(groups["year"]) if groups.get("year") else published.year
    if not groups.get("year") and month < published.month:
        year += 1
    first, last = _month_range(year, month)
    part = {"early": (1, 10), "mid": (11, 20), "mid-": (11, 20), "late": (21, last.day)}.get(lead)
    if part is not None:
        first, last = first.replace(day=part[0]), first.replace(day=part[1])
    return tense, (max(first, published) if last >= published else first, last)


def _year(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    year = int(groups["year"] or 0)
    lead = (groups.get("lead") or "").lower()
    tense = "any" if published is None else "past" if year < published.year else "any"
    if published is None or tense == "past":
        return tense, (None, None)
    first, last = {"early": (1, 4), "late": (9, 12)}.get(lead, (5, 8) if lead.startswith("mid") else (1, 12))
    if lead in {"by", "until", "till", "before", "end of"}:
        first = 12 if lead == "end of" else 1
        return tense, (max(published, date(year, first, 1)), date(year, 12, 31))
    return tense, (date(year, first, 1), _month_range(year, last)[1])


def _weekday(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    mod = (groups.get("mod") or "").lower()
    tense = "past" if mod in {"last", "every", "each"} else "future" if mod in {"next", "by", "until"} else "any"
    if published is None or tense == "past":
        return tense, (None, None)
    ahead = (_WEEKDAYS[(groups["weekday"] or "").lower()] - published.weekday()) % 7 or 7
    return tense, (published + timedelta(days=ahead), None)


def _holiday(groups: dict[str, str | None], published: date | None) -> tuple[Tense, Dates]:
    if published is None:
        return "any", (None, None)
    name = (groups["holiday"] or "").lower().replace("’", "'")
    found = _holiday_date(name, published.year)
    if found is not None and found < published:
        found = _holiday_date(name, published.year + 1)
    return "any", (found, None)


def _holiday_date(name: str, year: int) -> date | None:
    fixed = {
        "christmas": (12, 25),
        "christmas day": (12, 25),
        "christmas eve": (12, 24),
        "new year's day": (1, 1),
        "new year's eve": (12, 31),
        "halloween": (10, 31),
        "boxing day": (12, 26),
        "valentine's day": (2, 14),
    }
    if name in fixed:
        return date(year, *fixed[name])
    thanksgiving = _nth_weekday(year, 11, 3, 4)
    return thanksgiving + timedelta(days=1) if name == "black friday" else thanksgiving


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


_RESOLVERS = {
    "within": _within,
    "coming": _coming,
    "next_n": _coming,
    "in_n": _in_n,
    "in_units": _vague_future,
    "ago": _ago,
    "relative": _relative,
    "this_next": _this_next,
    "holiday": _holiday,
    "month_day": _month_day,
    "day_month": _month_day,
    "month_year": _month_only,
    "month": _month_only,
    "year": _year,
    "weekday": _weekday,
}
