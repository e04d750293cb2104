"""How an item reads: the pledge or event in its own clause, led by its actor, never opening mid-sentence.

`text` stays the evidence (a clause or the sentence); `action` is what a reader scans after the
actor: the same words without a leading "but" or "and", without the attribution ("…, the
minister said"; "Reyes said he …") and without the actor's own name at its start.
"""

from __future__ import annotations

import re

_LEADING_LINK = re.compile(
    r"^(?:(?:but|and|while|whereas|although|though|so|yet|however|also|meanwhile|instead)\b,?\s+)+", re.I
)
_SPEECH = r"(?:said|says|told\s+[\w\s'’.-]{1,40}?|announced|added|confirmed|insisted|stressed|explained|noted|argued)"
# "…, the federal government says." / "…, Reyes announced in a statement on Monday."
_TRAILING = re.compile(
    rf",\s*(?:(?:[\w'’.-]+\s+){{0,6}}?{_SPEECH}(?:\s+[^,]{{1,80}}?)?|according\s+to\s+[^,]{{1,80}}|{_SPEECH}\s+[^,]{{1,80}})"
    r"[.!]?[”\"]?$",
    re.I,
)
# "Reyes said he would …", "The council announced that it will …": the speaker reports their own plan.
_LEADING_REPORT = re.compile(
    rf"^(?P<who>[^,;:“\"]{{1,60}}?)\s+(?:has\s+|had\s+|have\s+)?{_SPEECH}(?:\s+on\s+\w+)?,?\s+(?:that\s+)?"
    r"(?P<pronoun>he|she|it|they|we|i)\s+",
    re.I,
)
_TITLES = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Dame|President|Prime Minister|Minister|Mayor|Senator|Sen|Gov|Governor|Chancellor)"
    r"\.?\s+)?"
)
MIN_ACTION_WORDS = 3


def action(text: str, actor: str | None) -> str:
    """The words an item shows after its actor."""
    out = _LEADING_LINK.sub("", text.strip()).strip()
    out = _drop_trailing_attribution(out)
    if actor:
        out = _drop_actor(out, actor)
    out = out.rstrip(" ,;:—–-")
    return out if actor else _capitalised(out)


def _drop_trailing_attribution(text: str) -> str:
    if "“" in text or text.count('"') >= 2:
        return text  # a quotation's attribution belongs to it
    cut = _TRAILING.search(text)
    if cut is None or len(text[: cut.start()].split()) < MIN_ACTION_WORDS + 2:
        return text
    return text[: cut.start()].rstrip(" ,") + "."


def _drop_actor(text: str, actor: str) -> str:
    mentions = [re.escape(actor)] + ([re.escape(actor.split()[-1])] if len(actor.split()) > 1 else [])
    report = _LEADING_REPORT.match(text)
    if report and re.search(rf"\b(?:{'|'.join(mentions)})\b", report.group("who")):
        return text[report.end() :]
    own = re.match(rf"^(?:the\s+)?{_TITLES}(?:{'|'.join(mentions)})\s+(?=[a-z])", text)
    if own and len(text[own.end() :].split()) >= MIN_ACTION_WORDS:
        return text[own.end() :]
    return text


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
