"""Many articles → one JSON line each: the `briefer make` JSON of every article, plus its id and source.

`run_batch` reads the sources as `briefer digest` does (files, folders, globs, feeds, OPML, article
URLs, a .toml config) but keeps every article: nothing is grouped, nothing is recorded as seen.
Folders, globs and OPML lists are first opened into one source per file or feed, so that a big
folder becomes many small tasks; each task reads its source and briefs its articles (fetch, extract,
brief) wherever the engine runs it. Lines come out in source order, then in the order a source lists
its articles, whatever the engine, so the output is the same bytes in one process and on a cluster.

A line that could not be made is still a line: `{"source": …, "error": …}` for a source that could
not be read, and the article's `id`, `source`, `title` and `url` with `error` for one that could not
be briefed. The run goes on either way.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from briefer.article.fetch import is_url
from briefer.errors import BrieferError, UsageError
from briefer.models import Article
from briefer.rank import Length
from briefer.sources.feeds import read_opml
from briefer.sources.identity import identity
from briefer.sources.items import FOLDER_SUFFIXES, Item, SourceSpec
from briefer.sources.read import read_source

EXIT_OK, EXIT_FAILURE, EXIT_PARTIAL = 0, 1, 3

Line = tuple[bool, str]  # (made, the JSON line without its newline)


@dataclass(frozen=True)
class BatchOptions:
    """How each article is briefed, and where the work runs."""

    length: Length = field(default_factory=Length)
    method: str | None = None
    jobs: int = 1
    scheduler: str | None = None


@dataclass
class BatchResult:
    """How many lines were written, how many of them are errors, and the exit code."""

    written: int = 0
    errors: int = 0

    @property
    def exit_code(self) -> int:
        if self.written == self.errors:
            return EXIT_FAILURE
        return EXIT_PARTIAL if self.errors else EXIT_OK


def run_batch(specs: Sequence[SourceSpec], options: BatchOptions, out: TextIO) -> BatchResult:
    """Brief every article of `specs`, one JSON line each on `out`, in a deterministic order."""
    from briefer.scale.engine import open_engine
    from briefer.scale.progress import progress

    tasks = expand(specs)
    task = partial(brief_source, length=options.length, method=options.method)
    result = BatchResult()
    with open_engine(options.jobs, options.scheduler) as engine:
        for lines in progress(engine.map(task, tasks), "briefing", len(tasks)):
            for made, line in lines:
                out.write(line + "\n")
                result.written += 1
                result.errors += not made
    return result


def expand(specs: Iterable[SourceSpec]) -> list[SourceSpec]:
    """Each folder, glob and OPML list as one source per file or feed, in the order digest reads them.

    A source that lists nothing stays as it is, so that reading it reports why.
    """
    expanded: list[SourceSpec] = []
    for spec in specs:
        parts = [spec] if is_url(spec.location) else _files(spec)
        for part in parts:
            expanded.extend(_feeds(part))
    return expanded


def _files(spec: SourceSpec) -> list[SourceSpec]:
    path = Path(spec.location).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
    elif not path.exists() and any(char in spec.location for char in "*?["):
        files = sorted(Path(p) for p in glob.glob(str(path), recursive=True) if Path(p).is_file())
    else:
        return [spec]
    return [replace(spec, location=str(file)) for file in files] or [spec]


def _feeds(spec: SourceSpec) -> list[SourceSpec]:
    path = Path(spec.location)
    if is_url(spec.location) or path.suffix.lower() != ".opml" or not path.is_file():
        return [spec]
    try:
        return read_opml(path.read_bytes(), spec, path.parent)
    except (BrieferError, OSError):
        return [spec]  # reading it again reports why


def brief_source(spec: SourceSpec, length: Length, method: str | None) -> list[Line]:
    """The task: read one source and brief each of its articles; what fails becomes an error line."""
    result = read_source(spec)
    lines = [brief_item(item, length, method) for item in result.items]
    return lines + [(False, _dumps({"source": f.source, "error": f.reason})) for f in result.failures]


def brief_item(item: Item, length: Length, method: str | None) -> Line:
    """One article's line: the `make` JSON with its `id`, `source` and `url`, or an error line."""
    from briefer.pipeline import brief_article

    head = {"id": identity(item.guid, item.url, item.title, item.body), "source": item.source}
    try:
        brief = brief_article(_article(item), length, method).to_dict()
    except UsageError:
        raise  # a bad --method or length: every article would fail alike
    except BrieferError as error:
        return False, _dumps({**head, "title": item.title, "url": item.url, "error": str(error)})
    except Exception as error:  # a bug on one article must not stop a run of thousands
        reason = f"unexpected {type(error).__name__}: {error}; please report it"
        return False, _dumps({**head, "title": item.title, "url": item.url, "error": reason})
    return True, _dumps({**head, **brief, "source": item.source, "url": item.url})


def _article(item: Item) -> Article:
    """The article to brief; a feed entry with only a title is briefed from its title, as digest does."""
    published = item.article_date
    body = item.body if item.body.strip() else item.title or ""
    return Article(body=body, title=item.title, source=item.source, published=published)


def _dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@contextlib.contextmanager
def open_output(output: str | None) -> Iterator[TextIO]:
    """stdout (no output or `-`), or a temporary file beside `output` renamed into place at the end.

    Lines stream to disk as they are made (a big batch never sits in memory); an existing file is
    replaced only when the run finishes, and left as it was when it fails.
    """
    from briefer.render.output import OutputError, _keep_mode, standard_output, stdout_errors

    if output is None or output == "-":
        with stdout_errors():
            yield standard_output()
            sys.stdout.flush()
        return
    path = Path(os.path.realpath(output)) if Path(output).is_symlink() else Path(output)
    if path.exists() and not path.is_dir() and not path.is_file():  # a FIFO or device: written into as it is
        with stdout_errors(), open(path, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir() or path.is_dir():
        raise OutputError(f"cannot write {path}: give a file in a folder that exists")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        _keep_mode(path, temporary)
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def specs_for(arguments: Sequence[str]) -> list[SourceSpec]:
    """The sources named on the command line, a .toml argument standing for its config's sources."""
    from briefer.sources.config import specs_from_arguments

    return specs_from_arguments(arguments)[0]
