"""Article text can never become markup: the OWASP XSS filter-evasion vectors, written out here, go through
the HTML brief, the Markdown brief (as Python-Markdown turns it into HTML) and the mail HTML, and are
checked twice: statically (no new tags or attributes, no script, no event handler, no javascript: or
data: URL, no CSS expression) and in headless Chromium (no script runs, no request leaves the page,
counted by a loopback HTTP server that every vector points at).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import markdown
import pytest
from chromium import CHROMIUM, INSTALL_HINT, Chromium

from briefer.errors import BrieferError
from briefer.models import Brief
from briefer.pipeline import make_brief
from briefer.render.templates import render

HARMLESS = "Researchers said the council page was fixed. The council will vote on the repair on Monday."
# {url} is the loopback server that counts requests; {js} marks that a script ran and makes a request.
JS = "window.__xss=1;(new Image).src='{url}/js'"
VECTORS = [
    "<SCRIPT SRC={url}/xss.js></SCRIPT>",
    "<SCRIPT>{js}</SCRIPT>",
    '<IMG SRC="javascript:{js};">',
    "<IMG SRC=javascript:{js}>",
    "<IMG SRC=JaVaScRiPt:{js}>",
    "<IMG SRC=`javascript:{js}`>",
    '<a onmouseover="{js}">xxs link</a>',
    '<IMG """><SCRIPT>{js}</SCRIPT>">',
    '<IMG SRC=# onmouseover="{js}">',
    '<IMG SRC=/ onerror="{js}"></img>',
    '<img src=x onerror="{js}">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;{js}>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A{js}>",
    '<IMG SRC="jav\tascript:{js};">',
    '<IMG SRC="jav&#x0A;ascript:{js};">',
    '<IMG SRC=" &#14;  javascript:{js};">',
    '<SCRIPT/XSS SRC="{url}/xss2.js"></SCRIPT>',
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`={js}>",
    "<<SCRIPT>{js};//\\<</SCRIPT>",
    "<SCRIPT SRC={url}/xss3.js?< B >",
    '<IMG SRC="`{js}"`',
    "<iframe src={url}/scriptlet.html <",
    '\\";{js};//',
    "</TITLE><SCRIPT>{js}</SCRIPT>",
    "</p></li></ol></article></body><script>{js}</script>",
    '<INPUT TYPE="IMAGE" SRC="{url}/input.png">',
    '<BODY BACKGROUND="{url}/body.png">',
    '<IMG DYNSRC="{url}/dynsrc">',
    '<STYLE>li {{list-style-image: url("{url}/list.png");}}</STYLE><UL><LI>XSS</br>',
    "<svg/onload={js}>",
    '<svg><image href="{url}/svg.png"/></svg>',
    "<BODY ONLOAD={js}>",
    '<LINK REL="stylesheet" HREF="{url}/link.css">',
    "<STYLE>@import'{url}/import.css';</STYLE>",
    '<META HTTP-EQUIV="Link" Content="<{url}/meta-link.css>; REL=stylesheet">',
    '<STYLE>BODY{{background:url("{url}/style-bg.png")}}</STYLE>',
    '<IMG STYLE="xss:expr/*XSS*/ession({js})">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url={url}/refresh">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">',
    '<IFRAME SRC="javascript:{js};"></IFRAME>',
    '<FRAMESET><FRAME SRC="{url}/frame"></FRAMESET>',
    '<TABLE BACKGROUND="{url}/table.png">',
    '<DIV STYLE="background-image: url({url}/div.png)">',
    '<DIV STYLE="width: expression({js});">',
    '<BASE HREF="{url}/base/">',
    '<OBJECT TYPE="text/x-scriptlet" DATA="{url}/object"></OBJECT>',
    '<EMBED SRC="{url}/embed.svg" type="image/svg+xml">',
    "<video poster={url}/poster.png></video>",
    "<!--[if gte IE 4]><SCRIPT>{js}</SCRIPT><![endif]-->",
    '<A HREF="{url}/link">XSS</A>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
    "＜script＞{js}＜/script＞",
    "\u003cscript\u003e{js}\u003c/script\u003e",
    "%3Cscript%3E{js}%3C/script%3E",
    "[click me](javascript:{js})",
    "![tracker]({url}/md.png)",
    "<{url}/autolink>",
    "[ref link][r] and [r]: {url}/ref",
    "# Fake heading <img src={url}/heading.png>",
    "`<img src={url}/code.png>`",
    "*emphasis* _under_ **bold** <b>bold</b> &lt;escaped&gt; &#60;img src={url}/entity.png&#62;",
]


class Counter(BaseHTTPRequestHandler):
    """Counts every request; answers with an empty 200."""

    def do_GET(self) -> None:
        self.server.paths.append(self.path)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Counter)
    httpd.paths = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def vectors(url: str = "http://127.0.0.1:9") -> list[str]:
    return [vector.format(url=url, js=JS.format(url=url)) for vector in VECTORS]


def hostile_brief(vector: str) -> Brief:
    """A brief whose title, source, What, article sentences and quote carry the vector."""
    text = f"Researchers said the page carried {vector} before it was fixed. " + HARMLESS
    text += f' "We found {vector} on the page," said Dana Reyes, a spokeswoman for the council.'
    return make_brief(text, title=f"Page carried {vector}", source=vector[:40])


def markdown_html(brief: Brief) -> str:
    return markdown.markdown(render(brief, "md"), extensions=["tables"])


def mail_html(brief: Brief) -> str:
    from briefer.mail.body import brief_content

    return brief_content(brief).html


class Markup(HTMLParser):
    """Tags, attributes, URLs and styles in a page, as a browser's tokenizer sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.values: list[str] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            self.attributes.add((tag, name))
            self.values.append((value or "").strip().lower())
            if name == "style":
                self.styles.append(value or "")

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
            self._in_style = False


def assert_inert(html: str, baseline: str) -> None:
    """No tag or attribute that the harmless brief lacks; no script, handler, script URL or CSS expression."""
    found, expected = Markup(html), Markup(baseline)
    assert found.tags <= expected.tags, found.tags - expected.tags
    assert found.attributes <= expected.attributes, found.attributes - expected.attributes
    assert "script" not in found.tags
    assert not any(name.startswith("on") for _, name in found.attributes)
    assert not any(re.match(r"\s*(javascript|data|vbscript):", value) for value in found.values)
    assert not any(
        re.search(r"expression\s*\(|javascript:|@import|url\(\s*['\"]?\s*http", s, re.I) for s in found.styles
    )


RENDERERS = {"html": lambda brief: render(brief, "html"), "markdown": markdown_html, "mail": mail_html}


@pytest.mark.parametrize("vector", vectors(), ids=[f"v{n}" for n in range(len(VECTORS))])
@pytest.mark.parametrize("view", ["html", "markdown"])
def test_vectors_stay_text_in_the_brief(view: str, vector: str) -> None:
    to_html = RENDERERS[view]
    assert_inert(to_html(hostile_brief(vector)), to_html(hostile_brief("plain words")))


@pytest.mark.parametrize("vector", vectors(), ids=[f"v{n}" for n in range(len(VECTORS))])
def test_vectors_stay_text_in_the_mail(vector: str) -> None:
    baseline = mail_html(hostile_brief("plain words"))
    try:
        html = mail_html(hostile_brief(vector))
    except BrieferError as error:
        raise AssertionError(f"the mail was refused for article text: {error}") from None
    assert_inert(html, baseline)


def test_markdown_article_text_makes_no_links_images_or_headings() -> None:
    html = markdown_html(hostile_brief("[x](http://127.0.0.1:9/a) ![y](http://127.0.0.1:9/b) # not a heading"))
    assert "<a " not in html and "<img" not in html
    assert html.count("<h1>") == 1


# In the browser: every vector in one brief; the Content-Security-Policy of the HTML brief is removed,
# so escaping alone has to keep the page inert (the policy is a second line of defence, not the first).
CSP = re.compile(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", re.I)


def all_vectors_brief(url: str) -> Brief:
    sentences = " ".join(f"Researchers found case {n}: {v} on the page." for n, v in enumerate(vectors(url)))
    return make_brief(sentences + " " + HARMLESS, title=f"Everything {vectors(url)[1]}", source="Lab")


def page(view: str, brief: Brief) -> str:
    if view == "html":
        return CSP.sub("", render(brief, "html"))
    if view == "mail":
        return mail_html(brief)
    body = markdown_html(brief)
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>"


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    if not CHROMIUM.exists():
        pytest.skip(INSTALL_HINT)
    with Chromium() as running:
        yield running


@pytest.mark.parametrize("view", ["html", "markdown", "mail"])
def test_no_script_runs_and_no_request_leaves_the_page(
    view: str, browser: Chromium, server: ThreadingHTTPServer, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{server.server_address[1]}"
    path = tmp_path / f"{view}.html"
    path.write_text(page(view, all_vectors_brief(url)), encoding="utf-8")
    before = len(server.paths)  # type: ignore[attr-defined]
    browser.load(path, 1000)
    time.sleep(1.5)  # meta refreshes, lazy images and stylesheets would have gone out by now
    ran = browser.call("Runtime.evaluate", True, expression="String(window.__xss)", returnByValue=True)
    assert ran["result"]["value"] == "undefined", "a script from the article ran"
    assert server.paths[before:] == []  # type: ignore[attr-defined]
    assert not any(e.get("method") == "Page.javascriptDialogOpening" for e in browser.events)


def test_the_request_counter_would_see_an_unescaped_vector(
    browser: Chromium, server: ThreadingHTTPServer, tmp_path: Path
) -> None:
    """The check above can fail: the same page with one vector left raw makes a request and runs a script."""
    url = f"http://127.0.0.1:{server.server_address[1]}"
    path = tmp_path / "raw.html"
    raw = vectors(url)[10]  # <img src=x onerror="...">
    path.write_text(f"<!DOCTYPE html><html><body><p>{raw}</p></body></html>", encoding="utf-8")
    before = len(server.paths)  # type: ignore[attr-defined]
    browser.load(path, 1000)
    time.sleep(1.0)
    ran = browser.call("Runtime.evaluate", True, expression="String(window.__xss)", returnByValue=True)
    assert ran["result"]["value"] == "1"
    assert "/js" in server.paths[before:]  # type: ignore[attr-defined]


# The digest: article files whose titles and text carry the vectors, rendered as HTML, as Markdown
# through Python-Markdown, and as the digest mail's HTML part (--eml writes the message, sends nothing).
DIGEST_VECTORS = [vectors()[n] for n in (1, 3, 6, 10, 23, 29, 33, 37, 43, 50, 54, 55, 56, 58)]


def write_digest_sources(folder: Path, vector: str | None) -> None:
    folder.mkdir(parents=True)
    for n, topic in enumerate(["bridge", "library", "ferry"]):
        mark = vector if vector is not None else "plain words"
        (folder / f"{topic}.txt").write_text(
            f"The {topic} story {n} carried {mark}\n\nThe council said on Monday that the {topic} would reopen "
            f"in April after repairs costing {n + 2} million dollars. Officials said {mark} was found "
            f"on the {topic} page, Mayor Linda Okafor said. Residents asked for a timetable before the next meeting.\n",
            encoding="utf-8",
        )


def digest_views(tmp_path: Path, vector: str | None, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    import email
    from email import policy

    from click.testing import CliRunner

    from briefer.cli import cli

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772500000")
    monkeypatch.setenv("BRIEFER_MAIL_FROM", "briefer@example.org")
    name = "plain" if vector is None else "hostile"
    folder = tmp_path / name
    write_digest_sources(folder, vector)
    views = {}
    for fmt in ("html", "md"):
        arguments = ["digest", str(folder), "-f", fmt, "--dry-run", "--state", str(tmp_path / "s")]
        result = CliRunner().invoke(cli, arguments)
        assert result.exit_code == 0, result.stderr
        views[fmt] = result.stdout if fmt == "html" else markdown.markdown(result.stdout, extensions=["tables"])
    eml = tmp_path / f"{name}.eml"
    state = str(tmp_path / f"{name}.db")
    result = CliRunner().invoke(cli, ["digest", str(folder), "--eml", str(eml), "--state", state])
    if result.exit_code == 0:
        message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
        views["mail"] = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    else:
        views["mail-refused"] = result.stderr
    return views


@pytest.mark.parametrize("vector", DIGEST_VECTORS, ids=[f"v{n}" for n in range(len(DIGEST_VECTORS))])
def test_vectors_stay_text_in_the_digest(vector: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    baseline = digest_views(tmp_path / "a", None, monkeypatch)
    hostile = digest_views(tmp_path / "b", vector, monkeypatch)
    for view in ("html", "md"):
        assert_inert(hostile[view], baseline[view])
    assert "mail-refused" not in hostile, f"the digest mail was refused: {hostile.get('mail-refused', '').strip()}"
    assert_inert(hostile["mail"], baseline["mail"])
