"""Self-written news articles in any number, for tests that need many distinct articles.

Each article combines a town, an official, a project and figures, so every one differs in its
names, numbers and wording, and a few share a story (the same town and project) to be grouped.
"""

from __future__ import annotations

from pathlib import Path

TOWNS = ["Port Alder", "Elm Falls", "Granite Bay", "Millbrook", "Cedar Point", "Ravenford", "Oakmere", "Stonehaven"]
PEOPLE = ["Ruth Okafor", "Daniel Reyes", "Mira Lindqvist", "Tomas Berg", "Amara Osei", "Hugo Varga", "Lena Park"]
PROJECTS = ["harbour bridge", "water plant", "rail station", "public library", "flood wall", "bus depot", "school roof"]


def article(number: int) -> str:
    """The text of article `number`, in briefer's plain-text convention (headline, blank line, body)."""
    town = TOWNS[number % len(TOWNS)]
    person = PEOPLE[(number // 3) % len(PEOPLE)]
    project = PROJECTS[(number // 2) % len(PROJECTS)]
    cost = 4 + number % 37
    votes = 5 + number % 4
    return (
        f"{town} council approves ${cost} million {project} plan\n\n"
        f"The {town} city council voted {votes}-2 on Tuesday to approve a ${cost} million plan for the {project}. "
        f"Mayor {person} said the work would begin in May and take about {number % 9 + 3} months.\n\n"
        f'"We have waited long enough for this {project}," {person} told reporters after the vote. '
        f"The provincial government has agreed to pay ${cost // 2} million of the cost, officials said.\n\n"
        f"Residents will be able to comment on the plan at a public meeting on June {number % 27 + 1}. "
        f"Critics said the council had not explained how it would pay for the rest of the {project}.\n"
    )


def write_articles(folder: Path, count: int) -> Path:
    """`count` articles as text files in `folder` (created), named so that they sort in number order."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"article-{number:04d}.txt").write_text(article(number), encoding="utf-8")
    return folder
