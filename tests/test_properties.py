"""Properties that hold for any input: a brief or a clean error, the ranker's promises, valid JSON, safe HTML.

Hypothesis generates the inputs; example counts stay modest so the suite stays fast. Failures that
Hypothesis (or the fuzzer in bench/fuzz.py) found are pinned as explicit examples.
"""

from __future__ import annotations

import contextlib
import json
import os
from html.parser import HTMLParser

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefer.article.read import decode, parse_plain_text
from briefer.errors import BrieferError
from briefer.models import Brief
from briefer.pipeline import make_brief
from briefer.render.templates import render

# More examples for a long run: BRIEFER_HYPOTHESIS_EXAMPLES=2000 pytest tests/test_properties.py
EXAMPLES = int(os.environ.get("BRIEFER_HYPOTHESIS_EXAMPLES", "40"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAST_METHODS = ["news", "lead", "luhn", "lexrank", "textrank", "lsa", "sumbasic", "edmundson", "reduction"]

VOCABULARY = (
    "the council mayor Okafor said on Monday it will vote bridge $48 million U.S. Gen. Dr. 5 p.m. promised",
    "agreed to pay March 3 next week 2026 residents asked “quote” ‘single’ (aside) e.g. café Zürich",
    "חיפה قلقيلية 市议会 👍🏽 <b> </i> & &amp; \\ ` * _ # > | [link](x) javascript:",
)
WORDS = st.sampled_from(" ".join(VOCABULARY).split())
PUNCTUATION = st.sampled_from([".", "!", "?", "…", ".”", '?"', ";", ":", ","])
SENTENCE = st.builds(
    lambda words, end: " ".join(words).capitalize() + end, st.lists(WORDS, min_size=1, max_size=25), PUNCTUATION
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=5).map(" ".join)
ARTICLE = st.lists(PARAGRAPH, min_size=1, max_size=6).map("\n\n".join)
INJECTIONS = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "</p></li></ol><script>alert(1)</script>",
        '<a href="javascript:alert(1)">click</a>',
        "<svg/onload=alert(1)>",
        '"><iframe src="data:text/html,<script>alert(1)</script>">',
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<!--",
        "]]><![CDATA[<script>",
    ]
)


def brief_or_error(text: str, **options: object) -> Brief | None:
    """The brief of `text`, or None when the library refused it with its own error."""
    try:
        return make_brief(text, **options)  # type: ignore[arg-type]
    except BrieferError as error:
        assert str(error), "an error must say what is wrong"
        return None


@FAST
@given(st.text(max_size=400))
@example("")
@example("\x00\x00")
@example("\u2029\u2028\x85")
@example(".")
@example("?!…")
@example("a" * 5000)
def test_any_string_gives_a_brief_or_a_clean_error(text: str) -> None:
    brief = brief_or_error(text)
    if brief is not None:
        json.loads(render(brief, "json"))


def test_an_article_that_is_only_its_headline_gets_a_brief() -> None:
    assert make_brief("Bridge reopens", title="Bridge reopens").what


@FAST
@given(st.binary(max_size=300))
@example(b"\xff\xfe")
@example(b"\xfe\xff\x00")
@example(b"\xef\xbb\xbf")
@example(b"\x00\x00\xfe\xff\x00")
def test_any_bytes_decode_to_text_or_a_clean_error(data: bytes) -> None:
    try:
        text = decode(data, "utf-8", "a.txt")
    except BrieferError as error:
        assert str(error).startswith(("a.txt", "unknown encoding"))
        return
    assert "\x00" not in text and "\r" not in text
    with contextlib.suppress(BrieferError):
        parse_plain_text(text)


@FAST
@given(ARTICLE, st.sampled_from(FAST_METHODS), st.one_of(st.none(), st.integers(1, 40)))
def test_the_ranker_keeps_its_promises(text: str, method: str, words: int | None) -> None:
    brief = brief_or_error(text, method=method, words=words)
    assert brief is not None, "an article of sentences is always briefed"
    assert brief.what, "never empty for an article with at least one sentence"
    indices = [pick.sentence for pick in brief.what]
    assert indices == sorted(set(indices)), "in article order, each sentence once"
    assert all(0 <= i < brief.stats.sentences for i in indices)
    if words is not None:
        assert brief.stats.brief_words <= words
        assert sum(len(pick.text.split()) for pick in brief.what) <= words
    again = make_brief(text, method=method, words=words)
    assert render(again, "json") == render(brief, "json"), "the same input gives the same brief"


@FAST
@given(ARTICLE, st.integers(1, 6), st.floats(0.05, 1.0))
def test_sentences_and_ratio_give_briefs_within_the_article(text: str, sentences: int, ratio: float) -> None:
    by_count = make_brief(text, sentences=sentences)
    assert 1 <= len(by_count.what) <= max(sentences, 1)
    by_ratio = make_brief(text, ratio=ratio)
    assert 1 <= len(by_ratio.what) <= by_ratio.stats.sentences


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name in ("href", "src"):
                self.urls.append(value or "")


TEMPLATE_TAGS = {"html", "head", "meta", "title", "style", "body", "article", "h1", "h2", "p", "sup", "a", "time"}
TEMPLATE_TAGS |= {"table", "tr", "th", "td", "strong", "br", "ul", "li", "ol", "blockquote"}


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


@FAST
@given(st.lists(st.one_of(SENTENCE, INJECTIONS), min_size=1, max_size=12), st.sampled_from(["html", "md"]))
def test_rendered_html_never_carries_a_tag_from_the_article(parts: list[str], fmt: str) -> None:
    text = " ".join(parts)
    brief = brief_or_error(text, title=f"Headline {parts[0]}", source=parts[-1])
    if brief is None:
        return
    if fmt == "md":
        import markdown

        html = markdown.markdown(render(brief, "md"), extensions=["tables"])
        allowed = {"h1", "h2", "p", "em", "strong", "table", "thead", "tbody", "tr", "th", "td", "ul", "li"}
        allowed |= {"blockquote", "hr", "sup", "code"}
    else:
        html = render(brief, "html")
        allowed = TEMPLATE_TAGS
    found = _tags(html)
    assert found.tags <= allowed, found.tags - allowed
    assert not any(name.startswith("on") for name in found.attributes)
    assert all(url.startswith("#") for url in found.urls), found.urls
