"""What makes two items the same item: the identity the seen-state records and batch lines carry."""

from __future__ import annotations

import hashlib
import re


def identity(guid: str | None, url: str | None, title: str | None, body: str) -> str:
    """An item's identity: its feed guid, else its link with a hash of its title, else a hash of its text.

    A re-dated or re-published item keeps its identity; two items sharing a link but not a title differ.
    """
    if guid and guid.strip():
        return "guid:" + guid.strip()
    if url and url.strip():
        return f"link:{url.strip()}#{_digest(_normalise(title or ''))[:16]}"
    return "text:" + _digest(_normalise(body))


def _normalise(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
