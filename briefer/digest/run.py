"""Many articles → what is new → same-story groups → one ordered digest, each story briefed once.

`run_digest` is the whole job behind `briefer digest`: read the sources, keep what earlier digests
did not carry, group the same story from several outlets, brief each story's best article, render,
hand the text to a writer, and only then record the items as seen. Anything that could not be
read, or was left for the next run, is listed under "Not included".
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from briefer.article.fetch import Validators
from briefer.article.sentences import same_text
from briefer.digest.group import central, cluster, multi_summary
from briefer.digest.state import SeenItem, SeenStore
from briefer.digest.stores import locked_store, state_location
from briefer.errors import BrieferError, UsageError
from briefer.models import Article, Brief
from briefer.scale.progress import progress
from briefer.sources.config import specs_from_arguments
from briefer.sources.identity import identity
from briefer.sources.items import Failure, Item, SourceResult, SourceSpec
from briefer.sources.read import read_source

log = logging.getLogger(__name__)
T = TypeVar("T")
READERS = 8  # sources read at once

EXIT_OK, EXIT_FAILURE, EXIT_PARTIAL = 0, 1, 3
DEFAULT_TITLE = "News digest"
FORMATS = ("md", "html", "txt", "json")
SAME_FACT = 0.6  # word overlap at which a fact from another outlet restates one already there
_SINCE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
MAX_SPAN = timedelta(days=36_525)  # 100 years: a longer --since or --older-than is a typo


@dataclass(frozen=True)
class NewItem:
    """An item not carried by an earlier digest, with its identity in the seen-state store."""

    id: str
    item: Item


@dataclass(frozen=True)
class Story:
    """One story: the best article briefed, the other outlets listed, and a summary across them."""

    title: str
    items: tuple[NewItem, ...]  # the lead article first
    summary: str
    brief: dict[str, Any]  # the `make` JSON of the lead article, facts from the others merged in
    latest: datetime | None

    def to_dict(self) -> dict[str, Any]:
        sources = [{"title": n.item.title, "source": n.item.source, "url": n.item.url} for n in self.items]
        return {"title": self.title, "sources": sources, "summary": self.summary, "brief": self.brief}


@dataclass(frozen=True)
class Digest:
    """The finished digest."""

    title: str
    generated: datetime
    stories: tuple[Story, ...]
    not_included: tuple[Failure, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "generated": self.generated.isoformat(timespec="seconds"),
            "stories": [story.to_dict() for story in self.stories],
            "not_included": [{"source": f.source, "reason": f.reason} for f in self.not_included],
        }


@dataclass(frozen=True)
class DigestOptions:
    """How a run behaves; the defaults are those of a plain `briefer digest SOURCES`."""

    fmt: str = "md"
    title: str = DEFAULT_TITLE
    since: timedelta | None = None
    always: bool = False
    mark_seen: bool = False
    dry_run: bool = False
    jobs: int = 1
    scheduler: str | None = None  # a Dask scheduler's address: brief on that cluster
    template: str | None = None


@dataclass
class RunResult:
    """What a run did: the digest written (None when there was nothing to write) and its exit code."""

    digest: Digest | None
    exit_code: int
    recorded: int = 0
    failures: list[Failure] = field(default_factory=list)


def parse_since(text: str, what: str = "since") -> timedelta:
    """`30m`, `24h`, `7d` or `2w` as a time span, above 0 and at most MAX_SPAN; `what` names it in errors."""
    match = _SINCE.match(text)
    hint = "give a number above 0 and a unit m, h, d or w, such as 24h or 90d"
    if not match:
        raise UsageError(f"{what} {text!r} is not a time span: {hint}")
    try:
        span = timedelta(**{_UNITS[match.group(2)]: float(match.group(1))})
    except OverflowError:
        span = MAX_SPAN * 2
    if not timedelta(0) < span <= MAX_SPAN:
        raise UsageError(f"{what} {text!r} is not a usable time span: {hint}, at most 100 years")
    return span


def generated_at() -> datetime:
    """Now in UTC, or the time in SOURCE_DATE_EPOCH when it is set (reproducible output)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Job:
    """A digest run as the command line asks for it: sources, options, store and output."""

    specs: tuple[SourceSpec, ...]
    options: DigestOptions
    state: Path | str  # a file, or a postgresql:// URL
    output: str | None


def prepare(arguments: Sequence[str], flags: dict[str, Any]) -> Job:
    """Merge a config file's options with command-line flags (flags win) into one Job.

    `flags` holds the command line's fmt, output, since, state, title, always, mark_seen, dry_run,
    jobs and template, None (or False) where not given.
    """
    from briefer.render.templates import format_for

    specs, config = specs_from_arguments(arguments)
    given = {key: value for key, value in flags.items() if value not in (None, False)}
    merged = {**config, **{k: v for k, v in given.items() if k != "fmt"}}
    output = None if merged.get("dry_run") else merged.get("output")
    since = merged.get("since")
    options = DigestOptions(
        fmt=format_for(output, given.get("fmt") or config.get("format")),  # type: ignore[arg-type]
        title=str(merged.get("title") or DEFAULT_TITLE),
        since=parse_since(str(since)) if since else None,
        always=bool(merged.get("always")),
        mark_seen=bool(merged.get("mark_seen")),
        dry_run=bool(merged.get("dry_run")),
        jobs=int(merged.get("jobs") or 1),
        scheduler=merged.get("scheduler"),  # type: ignore[arg-type]
        template=merged.get("template"),  # type: ignore[arg-type]
    )
    if options.fmt not in FORMATS:
        raise UsageError(f"unknown format {options.fmt!r}: use one of {', '.join(FORMATS)}")
    state = state_location(merged.get("state"))  # type: ignore[arg-type]
    return Job(tuple(specs), options, state, output)  # type: ignore[arg-type]


def run_digest(
    specs: Sequence[SourceSpec], options: DigestOptions, state_path: Path | str, write: Callable[[str], None]
) -> RunResult:
    """Read, select, group, brief, render, write, then record: the whole digest job, under the run lock."""
    with locked_store(state_path, readonly=options.dry_run) as store:
        results = read_all(specs, store.all_validators())
        failures = [failure for result in results for failure in result.failures]
        if results and all(r.failures and not r.items for r in results):
            return RunResult(None, EXIT_FAILURE, failures=failures)
        chosen, left, held = select_new(results, store, options.since, datetime.now(UTC))
        log.info("%d items read from %d sources, %d new", sum(len(r.items) for r in results), len(specs), len(chosen))
        failures += left
        complete = [r for r in results if r.spec.label not in held]  # a 304 next time must not hide held items
        return _finish(store, results, chosen, failures, options, write, _validators_to_keep(complete, failures))


def _finish(
    store: SeenStore,
    results: list[SourceResult],
    chosen: list[NewItem],
    failures: list[Failure],
    options: DigestOptions,
    write: Callable[[str], None],
    validators: dict[str, Validators],
) -> RunResult:
    code = EXIT_PARTIAL if failures else EXIT_OK
    if options.mark_seen:
        count = 0 if options.dry_run else store.record(_seen(chosen), validators)
        return RunResult(None, code, count, failures)
    if not chosen and not options.always:
        if not options.dry_run:
            store.record([], validators)
        return RunResult(None, code, 0, failures)
    digest = build_digest(chosen, failures, options)
    write(render_digest(digest, options.fmt, options.template))
    count = 0 if options.dry_run else store.record(_seen(chosen), validators)
    return RunResult(digest, code, count, failures)


def _seen(chosen: Sequence[NewItem]) -> list[SeenItem]:
    return [SeenItem(n.id, n.item.source, n.item.title, n.item.url) for n in chosen]


def _validators_to_keep(results: list[SourceResult], failures: list[Failure]) -> dict[str, Validators]:
    """Feed validators only for sources that gave everything: a 304 next time must not hide items left out."""
    incomplete = {failure.source for failure in failures}
    kept: dict[str, Validators] = {}
    for result in results:
        if result.spec.label not in incomplete:
            kept.update(result.validators)
    return kept


def select_new(
    results: Sequence[SourceResult], store: SeenStore, since: timedelta | None, now: datetime
) -> tuple[list[NewItem], list[Failure], set[str]]:
    """Items not seen before (and recent enough), each once; a source's `max_items` leaves the rest unseen.

    Also the items refused for their language (not included), and the sources that held items back.
    """
    cutoff = now - since if since else None
    taken: dict[str, NewItem] = {}
    left: list[Failure] = []
    held: set[str] = set()
    for result in results:
        fresh = [NewItem(_identity(item), item) for item in result.items if _recent(item, cutoff)]
        seen = store.seen_ids(n.id for n in fresh)
        fresh = [n for n in fresh if n.id not in seen and n.id not in taken]
        fresh, foreign = _in_briefed_language(fresh, result.spec.label)
        left += foreign
        limit = result.spec.max_items
        if limit is not None and len(fresh) > limit:
            more = len(fresh) - limit
            fresh = sorted(fresh, key=_newest_first)[:limit]
            log.info("%s: %d more items left for the next run (max_items = %d)", result.spec.label, more, limit)
            held.add(result.spec.label)
        taken.update((n.id, n) for n in fresh)
    return list(taken.values()), left, held


def _in_briefed_language(fresh: list[NewItem], label: str) -> tuple[list[NewItem], list[Failure]]:
    """Feed and page items in a language briefer cannot brief are listed as not included (and stay
    unseen), as a text file in that language is; a brief of them would look real and be wrong."""
    from briefer.article.language import refusal

    kept: list[NewItem] = []
    refused: list[Failure] = []
    for new in fresh:
        reason = refusal(new.item.body, name=repr(new.item.title or new.item.location or "an item"))
        if reason is None:
            kept.append(new)
        else:
            refused.append(Failure(label, reason))
    return kept, refused


def _identity(item: Item) -> str:
    return identity(item.guid, item.url, item.title, item.body)


def _recent(item: Item, cutoff: datetime | None) -> bool:
    return cutoff is None or item.published is None or item.published >= cutoff


def _newest_first(new: NewItem) -> tuple[float, str]:
    stamp = new.item.published.timestamp() if new.item.published else 0.0
    return (-stamp, new.id)


def build_digest(chosen: Sequence[NewItem], failures: Sequence[Failure], options: DigestOptions) -> Digest:
    """Group the items by story, brief each story, and order the stories by importance."""
    ordered = sorted(chosen, key=lambda n: n.id)  # the same items give the same digest, in any order
    texts = [_text(n.item) for n in ordered]
    groups = [_lead_first(g, texts) for g in cluster(texts)] if ordered else []
    leads = {g[0] for g in groups}
    jobs = [(_article(n.item), i in leads) for i, n in enumerate(ordered)]
    briefs = _brief_all(jobs, options)
    stories = [_story([ordered[i] for i in g], [briefs[i] for i in g]) for g in groups]
    stories.sort(key=_importance)
    return Digest(options.title, generated_at(), tuple(stories), tuple(failures))


def _text(item: Item) -> str:
    return f"{item.title or ''}\n\n{item.body}"


def _importance(story: Story) -> tuple[int, float, str]:
    stamp = story.latest.timestamp() if story.latest else 0.0
    return (-len(story.items), -stamp, story.title.casefold())


def _lead_first(group: list[int], texts: Sequence[str]) -> list[int]:
    """The group with its best article (the one closest to the story's centre) first."""
    lead = group[central([texts[i] for i in group])]
    return [lead] + [i for i in group if i != lead]


def _story(items: list[NewItem], briefs: list[Brief]) -> Story:
    """A story from its items and their briefs, the lead article first."""
    summary = multi_summary([list(b.article_sentences) for b in briefs])
    stamps = [n.item.published for n in items if n.item.published]
    title = items[0].item.title or _first_words(briefs[0])
    merged = merge_facts(briefs[0].to_dict(), [(n.item.source, b) for n, b in zip(items[1:], briefs[1:], strict=True)])
    return Story(title, tuple(items), " ".join(summary), merged, max(stamps) if stamps else None)


def _first_words(brief: Brief, count: int = 12) -> str:
    words = (brief.article_sentences[0] if brief.article_sentences else "").split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def merge_facts(lead: dict[str, Any], others: Sequence[tuple[str, Brief]]) -> dict[str, Any]:
    """The lead brief with the Who, Commitments and Next steps that other articles add.

    A merged item keeps its sentence index into its own article and names that article's `from`.
    """
    merged = {**lead, "who": list(lead["who"]), "commitments": list(lead["commitments"])}
    merged["next_steps"] = list(lead["next_steps"])
    names = {entry["name"].casefold() for entry in lead["who"]}
    known = [_words(entry["text"]) for key in ("commitments", "next_steps") for entry in lead[key]]
    for source, brief in others:
        data = brief.to_dict()
        for entry in data["who"]:
            if entry["name"].casefold() not in names:
                names.add(entry["name"].casefold())
                merged["who"].append({**entry, "from": source})
        for key in ("commitments", "next_steps"):
            for entry in data[key]:
                words = _words(entry["text"])
                if all(_overlap(words, other) < SAME_FACT for other in known):
                    known.append(words)
                    merged[key].append({**entry, "from": source})
    return merged


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def _overlap(a: set[str], b: set[str]) -> float:
    """Jaccard overlap of two facts' words: 1.0 when one restates the other word for word."""
    return len(a & b) / (len(a | b) or 1)


def read_all(specs: Sequence[SourceSpec], validators: dict[str, Validators]) -> list[SourceResult]:
    """Read every source, several at a time (mostly waiting on the network), results in source order."""
    with ThreadPoolExecutor(max_workers=READERS) as pool:
        results = pool.map(lambda spec: read_source(spec, validators.get), specs)
        return list(progress(results, "reading sources", len(specs)))


def _brief_all(articles: Sequence[tuple[Article, bool]], options: DigestOptions) -> list[Brief]:
    """Brief in this process, on a local Dask cluster (--jobs) or on the one at --scheduler."""
    from briefer.scale.engine import open_engine

    jobs = options.jobs if len(articles) > 1 else 1
    with open_engine(jobs, options.scheduler if articles else None) as engine:
        return list(progress(engine.map(_brief_one, articles), "briefing", len(articles)))


def _article(item: Item) -> Article:
    """The item as an article within the article limits; a title that is all the text is the body only."""
    from briefer.article.limits import bound_text

    published = item.article_date
    body = bound_text(item.body or item.title or "", name=item.location or item.source)
    title = None if same_text(body, item.title or "") else item.title
    return Article(body=body, title=title, source=item.source, published=published)


def _brief_one(job: tuple[Article, bool]) -> Brief:
    """The full brief of a story's lead article; for the others only their facts matter (cheap ranking)."""
    from briefer.pipeline import brief_article
    from briefer.rank import Length

    article, lead = job
    length, method = (Length(), None) if lead else (Length(sentences=1), "lead")
    try:
        return brief_article(article, length, method)
    except BrieferError:  # a title-only feed entry: brief its title
        return brief_article(replace(article, body=article.title or "(no text)"), length, method)


def render_digest(digest: Digest, fmt: str, template: str | None = None) -> str:
    """The digest in `fmt` (md, html, txt, json), or through a user's own template."""
    return render_digest_data(digest.to_dict(), fmt, template)


def render_digest_data(data: dict[str, Any], fmt: str, template: str | None = None) -> str:
    """A digest's JSON dict in `fmt`, or through a user's own template (what a mail step gets back)."""
    from briefer.render.templates import render_file, render_template, to_json

    if template:
        return render_file(Path(template), digest=data)
    if fmt == "json":
        return to_json(data)
    return render_template(f"digest.{fmt}.j2", digest=data)
