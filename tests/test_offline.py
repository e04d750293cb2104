"""The text pipeline needs no network: run it in a fresh interpreter where every socket is refused."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

NO_NETWORK = """
import socket

def refuse(*args, **kwargs):
    raise OSError("network use is not allowed")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""

BRIEF_EVERY_FORMAT = """
import json, sys
from briefer import make_brief, read_article, render
from briefer.pipeline import brief_article
from briefer.rank import Length
article = read_article(sys.argv[1])
brief = brief_article(article, Length())
sizes = {fmt: len(render(brief, fmt)) for fmt in ("md", "html", "txt", "json")}
sizes["api"] = len(make_brief(article.body, title=article.title).what)
print(json.dumps(sizes))
"""


def test_briefs_are_made_with_every_socket_refused(example_article: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", NO_NETWORK + BRIEF_EVERY_FORMAT, str(example_article)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "", "NLTK_DATA": "/nonexistent", "HOME": "/nonexistent"},
    )
    assert completed.returncode == 0, completed.stderr
    sizes = json.loads(completed.stdout)
    assert all(size > 0 for size in sizes.values())
