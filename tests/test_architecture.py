"""The package reads as the pipeline: one folder per stage, imports only toward earlier stages, no circles.

STAGES lists the stages in pipeline order, from reading an article to the command line. A module may
import from its own stage and from stages before it, never from a later one; README's "How it works"
names the same stages in the same order.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefer"

# Pipeline order: each stage may import the ones before it (and its own modules), never one after it.
STAGES = (
    "briefer.about",
    "briefer.errors",
    "briefer.models",
    "briefer.paths",
    "briefer.config",
    "briefer.article",
    "briefer.rank",
    "briefer.extract",
    "briefer.render",
    "briefer.pipeline",
    "briefer.sources",
    "briefer.scale",
    "briefer.digest",
    "briefer.mail",
    "briefer",  # the public API: make_brief, read_article, render, Brief, BrieferError
    "briefer.cli",
    "briefer.__main__",
)
# The stages README's "How it works" walks through, by folder or file.
DOCUMENTED = ("article", "rank", "extract", "render", "pipeline", "sources", "scale", "digest", "mail", "cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def stage_of(module: str) -> str:
    """The longest stage name that is the module or one of its packages."""
    candidates = [stage for stage in STAGES if module == stage or module.startswith(stage + ".")]
    if not candidates:
        raise AssertionError(f"{module} belongs to no stage: add it to a stage folder or to STAGES")
    return max(candidates, key=len)


def imports_of(module: str) -> set[str]:
    """The briefer modules `module` imports anywhere in its file (top level, functions, TYPE_CHECKING)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {name for name in found if name in MODULES and name != module}


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
    return ".".join([*parts, node.module] if node.module else parts)


GRAPH = {module: imports_of(module) for module in MODULES}


def test_every_module_belongs_to_a_stage() -> None:
    for module in MODULES:
        stage_of(module)


def test_imports_point_only_to_earlier_stages() -> None:
    rank = {stage: index for index, stage in enumerate(STAGES)}
    against = [
        f"{module} ({stage_of(module)}) imports {target} ({stage_of(target)})"
        for module, targets in sorted(GRAPH.items())
        for target in sorted(targets)
        if rank[stage_of(target)] > rank[stage_of(module)]
    ]
    assert not against, "imports against the stage order:\n" + "\n".join(against)


def test_no_import_circles() -> None:
    circles = _circles(GRAPH)
    assert not circles, "import circles:\n" + "\n".join(" → ".join(circle) for circle in circles)


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One path per circle found by a depth-first walk (empty when the graph has none)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_the_circle_finder_sees_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("stage", [s for s in STAGES if "." in s and (PACKAGE / s.partition(".")[2]).is_dir()])
def test_each_stage_folder_says_what_it_owns_and_may_import(stage: str) -> None:
    doc = ast.get_docstring(ast.parse(MODULES[stage].read_text(encoding="utf-8"))) or ""
    assert "May import" in doc, f"{stage}/__init__.py's docstring should say what it owns and may import"


def test_readme_walks_the_stages_in_pipeline_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How it works", 1)[1].split("\n## ", 1)[0]
    places = [re.search(rf"`briefer/{re.escape(name)}(/|\.py)`", section) for name in DOCUMENTED]
    missing = [name for name, place in zip(DOCUMENTED, places, strict=True) if place is None]
    assert not missing, f"README's How it works does not name: {', '.join(missing)}"
    starts = [place.start() for place in places if place]
    assert starts == sorted(starts), "README's How it works should name the stages in pipeline order"
