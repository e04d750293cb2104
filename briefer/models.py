"""The values passed between pipeline stages: frozen dataclasses, turned into dicts only at the edges."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

EntityKind = Literal["person", "organization", "place"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article body, with where it sits."""

    index: int  # position among the article's sentences, from 0
    text: str
    paragraph: int  # position of its paragraph, from 0
    start: int  # character offsets into Article.body
    end: int


@dataclass(frozen=True)
class Article:
    """One article as read: the body text and what is known about it."""

    body: str
    title: str | None = None
    source: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Pick:
    """A sentence chosen for the brief's "What" section."""

    text: str
    sentence: int
    score: float


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place named in the article."""

    name: str
    kind: EntityKind
    role: str | None
    mentions: int
    sentences: tuple[int, ...]


@dataclass(frozen=True)
class Amount:
    """A sum of money or a quantity, as written and as a number."""

    text: str
    value: float
    currency: str | None  # ISO 4217 code where the article states one


@dataclass(frozen=True)
class Commitment:
    """Who committed, pledged, agreed, offered or refused to do what."""

    text: str
    actor: str | None
    amount: Amount | None
    sentence: int
    sentences: tuple[int, ...] = ()  # every sentence that states it (the same pledge said twice is one item)
    action: str = ""  # the pledge itself, without its actor and its attribution, for display

    def __post_init__(self) -> None:
        _fill_evidence(self)


@dataclass(frozen=True)
class NextStep:
    """Something expected to happen, and when."""

    text: str
    when: str | None
    date: date | None
    date_end: date | None
    sentence: int
    sentences: tuple[int, ...] = ()  # every sentence that states it
    action: str = ""  # the event itself, without its attribution, for display

    def __post_init__(self) -> None:
        _fill_evidence(self)


def _fill_evidence(item: Commitment | NextStep) -> None:
    """An item made without them cites its own sentence and shows its own text."""
    if not item.sentences:
        object.__setattr__(item, "sentences", (item.sentence,))
    if not item.action:
        object.__setattr__(item, "action", item.text)


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it."""

    text: str
    speaker: str | None
    sentence: int


@dataclass(frozen=True)
class Stats:
    """Sizes of the article and of its brief."""

    sentences: int
    words: int
    brief_sentences: int
    brief_words: int
    method: str


@dataclass(frozen=True)
class Brief:
    """The finished brief of one article."""

    title: str | None
    source: str | None
    published: date | None
    what: tuple[Pick, ...]
    who: tuple[Entity, ...]
    commitments: tuple[Commitment, ...]
    next_steps: tuple[NextStep, ...]
    quotes: tuple[Quote, ...]
    stats: Stats
    article_sentences: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract: the same dict that `briefer make -f json` prints."""
        data = _jsonable(asdict(self))
        del data["article_sentences"]
        return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
