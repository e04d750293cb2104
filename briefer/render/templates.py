"""Turn a Brief into Markdown, HTML, plain text or JSON through one Jinja environment."""

from __future__ import annotations

import contextlib
import json
import re
import textwrap
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefer.errors import TemplateError, UsageError
from briefer.models import Brief

if TYPE_CHECKING:
    import jinja2

FORMATS = ("md", "html", "txt", "json")
EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".txt": "txt", ".json": "json"}
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Characters that would let article text turn into Markdown links, images, HTML, code or emphasis.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.M)


def format_for(output: str | None, fmt: str | None) -> str:
    """The format to render: the one asked for, else the one `output`'s extension names, else md."""
    if fmt:
        return fmt
    if output and output != "-":
        return EXTENSIONS.get(Path(output).suffix.lower(), "md")
    return "md"


def render(brief: Brief, fmt: str = "md", *, template: str | Path | None = None) -> str:
    """The brief in format `fmt` (md, html, txt, json), or through a user's own template file."""
    if template is not None:
        return render_file(Path(template), brief=brief, data=brief.to_dict())
    if fmt == "json":
        return to_json(brief.to_dict())
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return render_template(f"brief.{fmt}.j2", brief=brief, data=brief.to_dict())


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_template(name: str, **context: Any) -> str:
    """Render one of the packaged templates by name."""
    import jinja2

    try:
        return environment().get_template(name).render(**context).rstrip("\n") + "\n"
    except jinja2.TemplateNotFound:
        raise TemplateError(f"no template named {name!r} ships with briefer") from None


def render_file(path: Path, **context: Any) -> str:
    """Render a user's template file; the packaged templates stay available to include or extend."""
    import jinja2

    if not path.is_file():
        raise UsageError(f"template {path} not found: give the path of a Jinja template file")
    try:
        source = path.read_text(encoding="utf-8")
        template = user_environment(_is_html(path), path.parent).from_string(source)
        return template.render(**context)
    except UnicodeDecodeError:
        raise UsageError(f"template {path} is not UTF-8 text: save it as UTF-8") from None
    except jinja2.TemplateError as error:
        raise TemplateError(f"the template failed: {path}: {error.message}; fix the template") from None
    except Exception as error:  # the template's own code went wrong: 1 / 0, "a" + 1, a missing attribute
        raise TemplateError(f"the template failed: {path}: {type(error).__name__}: {error}; fix the template") from None


def _is_html(path: Path) -> bool:
    return any(suffix in (".html", ".htm") for suffix in path.suffixes)


def template_dir() -> Path:
    """Where the packaged templates are: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The one environment for packaged templates: autoescape for every HTML template."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir()),
        bytecode_cache=_bytecode_cache(),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "htm")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    _add_filters(env)
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept under the user's cache folder: compiling them anew costs about
    0.1 s at every start. A folder that cannot be written just means no cache."""
    import jinja2

    from briefer.paths import user_dir

    folder = user_dir("XDG_CACHE_HOME", ".cache") / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    return QuietCache(str(folder))


def user_environment(html: bool, folder: Path) -> jinja2.Environment:
    """An environment for a user's template: its own folder first, then the packaged templates."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([folder, template_dir()]),
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    _add_filters(env)
    return env


def _add_filters(env: jinja2.Environment) -> None:
    env.filters.update(
        md=escape_markdown,
        sup=superscript,
        wrap=wrap,
        thousands=lambda n: f"{n:,}",
        plural=lambda n, word: f"{n:,} {word}" + ("" if n == 1 else "s"),
        local_time=local_time,
        reports=reports,
    )


def local_time(value: str | datetime) -> str:
    """A time as a reader says it, in this machine's time zone: `Tuesday 3 March 2026, 02:06`."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    local = moment.astimezone()
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M}"


def reports(sources: list[dict[str, Any]]) -> str:
    """How many reports a story has: `2 outlets`, or `3 articles from 2 outlets`."""
    outlets = len({item.get("source") for item in sources})
    if outlets == len(sources):
        return f"{outlets} outlets"
    return f"{len(sources)} articles from {outlets} outlet" + ("" if outlets == 1 else "s")


def escape_markdown(text: str) -> str:
    """Article text as Markdown that shows the text and nothing else: no links, HTML or headings."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    return _MARKDOWN_LINE_START.sub(r"\1\\\2", escaped)


def superscript(indices: int | list[int] | tuple[int, ...]) -> str:
    """Sentence numbers (1-based, as a reader counts) in superscript digits."""
    numbers = [indices] if isinstance(indices, int) else list(indices)
    return " ".join(str(i + 1).translate(_SUPERSCRIPT) for i in numbers)


def wrap(text: str, width: int = 78, indent: str = "", first: str | None = None) -> str:
    """Text wrapped for a terminal, with a hanging indent."""
    return textwrap.fill(
        " ".join(str(text).split()),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )
