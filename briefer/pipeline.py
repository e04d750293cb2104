"""The one place that knows the order of the stages: sentences → rank → extract → Brief."""

from __future__ import annotations

from datetime import date

from briefer.article.sentences import count_words, split_sentences
from briefer.errors import InputError
from briefer.extract import extract
from briefer.models import Article, Brief, Stats
from briefer.rank import DEFAULT_METHOD, Length, summarise


def make_brief(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    published: date | None = None,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    method: str | None = None,
) -> Brief:
    """Brief one article body. `text` is the body only; see `briefer.article.read` for file conventions."""
    article = Article(body=text, title=title, source=source, published=published)
    return brief_article(article, Length(sentences=sentences, ratio=ratio, words=words), method)


def brief_article(article: Article, length: Length, method: str | None = None) -> Brief:
    """Brief an `Article` that has been read already."""
    split = split_sentences(article.body)
    if not split:
        raise InputError("the article has no text: give a file with at least one sentence")
    what = summarise(split, title=article.title, method=method, length=length)
    found = extract(split, title=article.title, published=article.published)
    stats = Stats(
        sentences=len(split),
        words=count_words(article.body),
        brief_sentences=len(what),
        brief_words=sum(count_words(pick.text) for pick in what),
        method=method or DEFAULT_METHOD,
    )
    return Brief(
        title=article.title,
        source=article.source,
        published=article.published,
        what=what,
        who=found.who,
        commitments=found.commitments,
        next_steps=found.next_steps,
        quotes=found.quotes,
        stats=stats,
        article_sentences=tuple(s.text for s in split),
    )
