"""The command line: parse options, call the library, print. No text processing here.

Exit codes, the same for every command: 0 success (also when there is simply nothing new),
1 failure with nothing produced, 2 misuse, 3 output produced but some inputs failed or were
left out, 4 output produced but delivery failed (saved for a retry).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from briefer import __version__
from briefer.errors import BrieferError

EXIT_OK, EXIT_FAILURE, EXIT_MISUSE, EXIT_PARTIAL, EXIT_UNDELIVERED = 0, 1, 2, 3, 4
FORMAT_CHOICES = ("md", "html", "txt", "json")
METHOD_HELP = "ranking method: news (default), lead, lexrank, textrank, lsa, luhn, edmundson, sumbasic, kl, reduction"

LANGUAGE_HELP = "auto: refuse articles that are not in English (the language briefs support); english: skip the check"
MAX_CHARS_HELP = "brief at most this many characters of ARTICLE (0: no limit)"
JOBS_HELP = "brief on a local Dask cluster of N worker processes"

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn library errors into one line on stderr and their exit code; never show a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except BrieferError as error:
            fail(str(error), error.exit_code)
        except KeyboardInterrupt:
            fail("interrupted; nothing was written", 130)
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as a pipe expects
            _quiet_stdout()
            sys.exit(EXIT_OK)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except Exception as error:  # the last line of defence: a bug must not print a traceback
            if os.environ.get("BRIEFER_DEBUG"):
                raise
            fail(f"unexpected {type(error).__name__}: {error}; rerun with BRIEFER_DEBUG=1 and report it")

    return wrapper  # type: ignore[return-value]


def talk_options(command: F) -> F:
    """-v/--verbose and -q/--quiet: set the log level, and whether `note` prints the success line."""

    @functools.wraps(command)
    def wrapper(*args: Any, verbose: bool, quiet: bool, **kwargs: Any) -> Any:
        import logging

        level = logging.ERROR if quiet else logging.INFO if verbose else logging.WARNING
        logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr, force=True)
        click.get_current_context().meta["briefer.quiet"] = quiet
        return command(*args, **kwargs)

    wrapper = click.option("-q", "--quiet", is_flag=True, help="only errors on stderr")(wrapper)
    return click.option("-v", "--verbose", is_flag=True, help="log progress on stderr")(wrapper)  # type: ignore[return-value]


def note(message: str) -> None:
    """The one line on stderr that says what a command did, unless -q."""
    context = click.get_current_context(silent=True)
    if not (context and context.meta.get("briefer.quiet")):
        click.echo(message, err=True)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that Python's own flush at exit does not complain either."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def fail(message: str, code: int = EXIT_FAILURE) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def warn(message: str) -> None:
    """A note on stderr about a result that was produced but is not complete."""
    click.echo(f"Warning: {message}", err=True)


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD") from None


def mail_options(what: str, default_subject: str, attachment: str) -> Callable[[F], F]:
    """The options that send a command's output as a mail, worded for `what` it sends."""
    options = [
        click.option("--mail-to", "mail_to", metavar="ADDRESS", multiple=True,
                     help=f"mail the {what} to ADDRESS (repeatable)"),
        click.option("--subject",
                     help=f"mail subject; {{title}} and {{date}} are filled in (default: {default_subject})"),
        click.option("--attach", type=click.Choice(("md", "html", "none")),
                     help=f"attach {attachment} to the mail (default: md)"),
        click.option("--eml", metavar="FILE", help="write the mail to FILE as .eml instead of sending it"),
        click.option("--config", metavar="FILE",
                     help="general settings such as SMTP (default: $BRIEFER_CONFIG, else XDG)"),
    ]  # fmt: skip

    def decorate(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


MAIN_EPILOG = """\b
Exit codes, the same for every command:
  0 success (also when there is simply nothing new)
  1 failure, nothing produced
  2 misuse: unknown option, method or format, options that do not fit
  3 output produced, but some inputs failed or were left out
  4 output produced, but delivery failed (saved for a retry)

\b
Settings (SMTP, mail): --config FILE, else $BRIEFER_CONFIG, else
$XDG_CONFIG_HOME/briefer/config.toml (~/.config/briefer/config.toml);
the keys and variables: briefer mail --help. Each command's --help says more.

\b
Shell completion, e.g. in ~/.bashrc (zsh: zsh_source, fish: fish_source):
  eval "$(_BRIEFER_COMPLETE=bash_source briefer)"
"""

DIGEST_EPILOG = """\b
A .toml config holds title, format, output, since, always, state and
[[sources]] tables with url or path (relative to the config file), name,
include, exclude (globs), max_items, full_text and encoding; an unknown key
is an error; flags win over the file. Items count as seen once the digest is
written or mailed; briefer state list shows them.
"""

MAIL_EPILOG = """\b
The config file ([smtp] and [mail] tables):
  [smtp] host, port (587 starttls, 465 ssl, 25 none), user, password,
         tls = starttls | ssl | none, timeout, retries, retry_delay
  [mail] from, subject ({title} and {date} filled in), attach = md | html | none,
         spool (default $XDG_STATE_HOME/briefer/spool)
The environment overrides the file: BRIEFER_SMTP_HOST, BRIEFER_SMTP_PORT,
BRIEFER_SMTP_USER, BRIEFER_SMTP_PASSWORD, BRIEFER_SMTP_TLS, BRIEFER_MAIL_FROM,
BRIEFER_SPOOL, BRIEFER_CONFIG (which file to read).

\b
A mail that cannot be delivered is saved in the spool and the command exits 4;
briefer mail list shows what waits there, briefer mail resend sends it again.
"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=MAIN_EPILOG)
@click.version_option(__version__, prog_name="briefer")
def cli() -> None:
    """Turn news articles into short, structured briefs you can trust."""


@cli.command()
@click.argument("article", metavar="ARTICLE")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    help="output format (default: from -o's extension, else md)",
)
@click.option("-o", "--output", metavar="FILE", help="write to FILE atomically instead of stdout")
@click.option("--template", metavar="FILE", type=click.Path(dir_okay=False), help="render with your own Jinja template")
@click.option("-m", "--method", metavar="NAME", help=METHOD_HELP)
@click.option("-n", "--sentences", type=click.IntRange(min=1), help="sentences in the What section")
@click.option(
    "--ratio",
    type=click.FloatRange(min=0, max=1, min_open=True),
    help="fraction of the article's sentences instead",
)
@click.option("-w", "--words", type=click.IntRange(min=1), help="hard cap on the What section's words")
@click.option("--date", "published", metavar="YYYY-MM-DD", callback=parse_date, help="publication date")
@click.option("--title", help="headline, instead of the one in the file")
@click.option("--source", help="source name, instead of the one in the file")
@click.option("--encoding", default="utf-8", show_default=True, help="text encoding of ARTICLE")
@click.option("--language", type=click.Choice(("auto", "english")), default="auto", help=LANGUAGE_HELP)
@click.option("--max-bytes", metavar="SIZE", default="50M", show_default=True, help="refuse larger files (K, M, G)")
@click.option("--max-chars", type=click.IntRange(min=0), default=200_000, show_default=True, help=MAX_CHARS_HELP)
@mail_options("brief", "the article title", "the brief")
@talk_options
@reports_errors
def make(
    article: str,
    fmt: str | None,
    output: str | None,
    template: str | None,
    method: str | None,
    sentences: int | None,
    ratio: float | None,
    words: int | None,
    published: date | None,
    title: str | None,
    source: str | None,
    encoding: str,
    language: str,
    max_bytes: str,
    max_chars: int,
    mail_to: tuple[str, ...],
    subject: str | None,
    attach: str | None,
    eml: str | None,
    config: str | None,
) -> None:
    """Brief one ARTICLE: a text or HTML file, an article URL, or - for stdin.

    With --mail-to or --eml, the brief goes out as a mail (settings: briefer mail --help).
    """
    from briefer.article.limits import Limits, parse_size
    from briefer.article.location import read_single
    from briefer.pipeline import brief_article
    from briefer.rank import Length
    from briefer.render.output import write_output
    from briefer.render.templates import format_for, render

    if sentences is not None and ratio is not None:
        raise click.UsageError("give --sentences or --ratio, not both")
    mailing = bool(mail_to or eml)
    if (subject or attach) and not mailing:
        raise click.UsageError("--subject and --attach need --mail-to or --eml")
    limits = Limits(max_bytes=parse_size(max_bytes), max_chars=max_chars)
    read = read_single(article, encoding, published=published, limits=limits, language=language, warn=warn)
    read = _with_overrides(read, title=title, source=source)
    brief = brief_article(read, Length(sentences=sentences, ratio=ratio, words=words), method)
    if output or not mailing:
        write_output(render(brief, format_for(output, fmt), template=template), output)
        if output:
            note(f"brief written to {output}")
    if mailing:
        _mail_brief(brief, mail_to, subject=subject, attach=attach, eml=eml, config=config)


def _mail_brief(brief: Any, to: tuple[str, ...], *, eml: str | None, config: str | None, **flags: str | None) -> None:
    """Send the brief as a mail, or write it to `eml`; an undelivered mail exits 4 naming its spool file."""
    from briefer.config import load_settings, with_flags
    from briefer.mail.body import brief_content
    from briefer.mail.send import mail

    settings = with_flags(load_settings(config), **flags)
    outcome = mail(brief_content(brief, settings.mail.attach), settings, to, eml=eml)
    if not outcome.delivered:
        fail(outcome.error or "the mail was not delivered", EXIT_UNDELIVERED)
    note(f"mail written to {eml}" if eml else f"sent to {', '.join(to)}")


def _with_overrides(article: Any, **fields: str | None) -> Any:
    from dataclasses import replace

    given = {name: value for name, value in fields.items() if value is not None}
    return replace(article, **given) if given else article


@cli.command(epilog=DIGEST_EPILOG)
@click.argument("sources", nargs=-1, metavar="SOURCE...")
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMAT_CHOICES), help="output format (default: from -o, else md)"
)
@click.option("-o", "--output", metavar="FILE", help="write the digest to FILE atomically instead of stdout")
@click.option("--since", metavar="SPAN", help="only items published in the last SPAN, such as 24h or 7d")
@click.option("--state", metavar="FILE", help="seen-state store (default: $BRIEFER_STATE, else under $XDG_STATE_HOME)")
@click.option("--always", is_flag=True, default=None, help='write an "all quiet" digest when nothing is new')
@click.option("--mark-seen", is_flag=True, default=None, help="record every new item as seen and write nothing")
@click.option("--dry-run", is_flag=True, default=None, help="print the digest to stdout; record nothing")
@click.option("--title", help="the digest's title")
@click.option("--template", metavar="FILE", type=click.Path(dir_okay=False), help="render with your own Jinja template")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help=JOBS_HELP)
@click.option("--scheduler", metavar="ADDRESS", help="brief on the Dask cluster at ADDRESS (pip install '.[cluster]')")
@mail_options("digest", "the digest's title", "the whole digest")
@talk_options
@reports_errors
def digest(sources: tuple[str, ...], **flags: Any) -> None:
    """Digest what is new in SOURCE...: text or HTML files, folders, globs, article URLs, RSS/Atom
    feeds (files or URLs), OPML lists, or a .toml config. Each story once, briefed; exit 3 when some
    sources failed or items were left for the next run."""
    from briefer.digest.run import prepare, run_digest
    from briefer.render.output import write_output

    mail = {key: flags.pop(key) for key in ("mail_to", "subject", "attach", "eml", "config")}
    job = prepare(sources, flags)
    options, write = job.options, lambda text: write_output(text, job.output)
    if (mail["mail_to"] or mail["eml"]) and not job.options.dry_run:
        from briefer.mail.send import mail_digest_step

        options, write = mail_digest_step(job.options, job.output, **mail)
    elif mail["subject"] or mail["attach"]:
        raise click.UsageError("--subject and --attach need --mail-to or --eml")
    result = run_digest(job.specs, options, job.state, write)
    for failure in result.failures:
        click.echo(f"Error: not included: {failure.source}: {failure.reason}", err=True)
    if result.exit_code in (EXIT_OK, EXIT_PARTIAL):
        note(digest_summary(result.digest, len(job.specs), job.output, mail["mail_to"], mail["eml"]))
    sys.exit(result.exit_code)


def digest_summary(done: Any, sources: int, output: str | None, mail_to: tuple[str, ...], eml: str | None) -> str:
    """`12 stories from 30 items, 3 sources, written to digest.html` (or sent, or nothing new)."""
    from_sources = _count(sources, "source")
    if done is None:
        return f"nothing new from {from_sources}; nothing written"
    stories = len(done.stories)
    items = sum(len(story.items) for story in done.stories)
    where = [f"written to {output}"] if output else []
    where += [f"sent to {', '.join(mail_to)}"] if mail_to and not eml else []
    where += [f"mail written to {eml}"] if eml else []
    counts = f"{_count(stories, 'story', 'stories')} from {_count(items, 'item')}"
    return f"{counts}, {from_sources}, " + (", ".join(where) or "written to stdout")


def _count(number: int, word: str, plural: str | None = None) -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"


@cli.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option("-o", "--output", metavar="FILE", help="write the JSON lines to FILE atomically instead of stdout")
@click.option("-m", "--method", metavar="NAME", help=METHOD_HELP)
@click.option("-n", "--sentences", type=click.IntRange(min=1), help="sentences in each What section")
@click.option("-w", "--words", type=click.IntRange(min=1), help="hard cap on each What section's words")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, help=JOBS_HELP)
@click.option("--scheduler", metavar="ADDRESS", help="brief on the Dask cluster at ADDRESS (pip install '.[cluster]')")
@talk_options
@reports_errors
def batch(sources: tuple[str, ...], output: str | None, method: str | None, **flags: Any) -> None:
    """Brief every article of SOURCE... (as digest reads them) as JSON lines: the make JSON plus id
    and source; what fails is a line with "error". Exit 3 when some lines are errors."""
    from briefer.rank import Length
    from briefer.scale.batch import BatchOptions, open_output, run_batch, specs_for

    length = Length(sentences=flags.pop("sentences"), words=flags.pop("words"))
    options = BatchOptions(length=length, method=method, **flags)
    with open_output(output) as out:
        result = run_batch(specs_for(sources), options, out)
    if result.errors:
        warn(f'{result.errors} of {result.written} lines are errors (they hold an "error" key)')
    elif output:
        note(f"{result.written} briefs written to {output}")
    sys.exit(result.exit_code)


@cli.group()
def state() -> None:
    """List, prune or forget the items that digests have carried (the seen-state store)."""


STATE_OPTION = click.option("--state", "path", metavar="FILE", help="the store (default as for digest)")


@state.command("list")
@STATE_OPTION
@talk_options
@reports_errors
def state_list(path: str | None) -> None:
    """Print every recorded item: when, source, title and identity, tab-separated."""
    from briefer.digest.stores import open_store

    with open_store(path, must_exist=True) as store:
        for item in store.items():
            click.echo("\t".join([item.seen_at, item.source, item.title or "", item.id]))


@state.command("prune")
@STATE_OPTION
@click.option("--older-than", metavar="SPAN", required=True, help="such as 90d: forget items recorded before that")
@talk_options
@reports_errors
def state_prune(path: str | None, older_than: str) -> None:
    """Forget items recorded longer ago than --older-than (they could then be sent again)."""
    from briefer.digest.run import parse_since
    from briefer.digest.stores import open_store

    with open_store(path, must_exist=True) as store:
        note(f"forgot {store.prune(parse_since(older_than, '--older-than'))} items")


@state.command("forget")
@STATE_OPTION
@click.argument("pattern")
@talk_options
@reports_errors
def state_forget(path: str | None, pattern: str) -> None:
    """Forget items whose identity, link or source matches PATTERN (a glob), so they are sent again."""
    from briefer.digest.stores import open_store

    with open_store(path, must_exist=True) as store:
        note(f"forgot {store.forget(pattern)} items")


@cli.group("mail", epilog=MAIL_EPILOG)
def mail_group() -> None:
    """List or send again the mails that could not be delivered (the spool folder)."""


CONFIG_OPTION = click.option(
    "--config", metavar="FILE", help="general settings such as SMTP (default: $BRIEFER_CONFIG, else XDG)"
)


@mail_group.command("list")
@CONFIG_OPTION
@talk_options
@reports_errors
def mail_list(config: str | None) -> None:
    """Print each mail waiting in the spool: file, date, recipients and subject, tab-separated."""
    from briefer.config import load_settings
    from briefer.mail.spool import spooled

    folder = load_settings(config).mail.spool
    waiting = spooled(folder)
    for item in waiting:
        click.echo("\t".join([str(item.path), item.date, ", ".join(item.to), item.subject]))
    note(f"{len(waiting)} mails waiting in {folder}" if waiting else f"no mail waiting in {folder}")


@mail_group.command("resend")
@click.argument("files", nargs=-1, metavar="[FILE.eml...]")
@CONFIG_OPTION
@talk_options
@reports_errors
def mail_resend(files: tuple[str, ...], config: str | None) -> None:
    """Send again the spooled mails FILE... (default: all of them); a sent mail leaves the spool.
    Exit 4 when some could still not be delivered (they stay in the spool)."""
    from pathlib import Path

    from briefer.config import load_settings
    from briefer.mail.spool import read_spooled, resend, spooled

    settings = load_settings(config)
    items = [read_spooled(Path(name)) for name in files] if files else spooled(settings.mail.spool)
    result = resend(items, settings)
    for item, reason in result.failed:
        click.echo(f"Error: {item.path}: still not delivered ({reason}); it stays in the spool", err=True)
    note(f"sent {len(result.sent)} of {len(items)} spooled mails" if items else "no mail waiting in the spool")
    sys.exit(EXIT_UNDELIVERED if result.failed else EXIT_OK)
