"""The engines behind --jobs and --scheduler: a real local Dask cluster of 2 worker processes on
loopback gives the same bytes, in the same order, as one process, for batch and for digest."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from synthetic import article, write_articles

from briefer.cli import cli
from briefer.errors import UsageError
from briefer.scale import engine
from briefer.scale.engine import DaskEngine, EngineError, InProcess, open_engine

distributed = pytest.importorskip("distributed", reason="the cluster tests need dask[distributed]")
ARTICLES = 200


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A running cluster of 2 single-threaded worker processes on loopback: its scheduler's address."""
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=40,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_articles(tmp_path_factory.mktemp("news"), ARTICLES)


def slow_square(value: int) -> int:
    time.sleep(0.02 * (value % 3 == 0))  # some tasks finish late, out of order
    return value * value


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_in_process_maps_in_order() -> None:
    assert list(InProcess().map(slow_square, range(7))) == [0, 1, 4, 9, 16, 25, 36]


def test_a_cluster_gives_results_in_the_order_of_the_values(scheduler: str) -> None:
    with distributed.Client(scheduler) as client:
        got = list(DaskEngine(client, chunk=3).map(slow_square, list(range(40))))
        assert got == [value * value for value in range(40)]
        assert len(client.scheduler_info()["workers"]) == 2


def test_workers_that_die_are_a_one_line_error_and_the_cluster_goes_on(scheduler: str) -> None:
    with distributed.Client(scheduler) as client:
        with pytest.raises(EngineError, match=r"the cluster lost the work .* workers died"):
            list(DaskEngine(client).map(os._exit, [1]))  # each worker that runs it dies
        assert list(DaskEngine(client).map(abs, [-1, -2])) == [1, 2]


def test_jobs_and_scheduler_do_not_go_together() -> None:
    with pytest.raises(UsageError, match="--jobs or --scheduler"), open_engine(2, "tcp://127.0.0.1:1"):
        pass


def test_an_unreachable_scheduler_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 1)
    where = re.escape("cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    with pytest.raises(EngineError, match=where), open_engine(1, "tcp://127.0.0.1:9"):
        pass


def test_batch_is_the_same_bytes_in_one_process_on_jobs_2_and_on_a_scheduler(
    news: Path, scheduler: str, tmp_path: Path
) -> None:
    outputs = []
    for name, flags in [("one", []), ("jobs", ["--jobs", "2"]), ("cluster", ["--scheduler", scheduler])]:
        out = tmp_path / f"{name}.jsonl"
        result = run("batch", str(news), "-o", str(out), *flags)
        assert result.exit_code == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].count(b"\n") == ARTICLES and b'"error"' not in outputs[0]


def test_digest_is_the_same_bytes_in_one_process_on_jobs_2_and_on_a_scheduler(
    news: Path, scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772500000")
    outputs = []
    for name, flags in [("one", []), ("jobs", ["--jobs", "2"]), ("cluster", ["--scheduler", scheduler])]:
        result = run("digest", str(news), "--state", str(tmp_path / f"{name}.db"), "-f", "json", *flags)
        assert result.exit_code == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    stories = json.loads(outputs[0])["stories"]
    assert len(stories) > 1 and sum(len(story["sources"]) for story in stories) == ARTICLES


def test_the_synthetic_articles_differ() -> None:
    assert len({article(n) for n in range(ARTICLES)}) == ARTICLES
