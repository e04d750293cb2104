"""Where the per-article work runs: in this process, on a local Dask cluster, or on an existing one.

Every engine has one method, `map(function, values)`, that returns `function(value)` for each value,
in the order of `values`, whatever order the workers finish in. So a run gives the same bytes in one
process, on `--jobs N` local worker processes, and on a cluster named by `--scheduler ADDRESS`.
Values travel in chunks (several articles a task), which keeps the scheduler's per-task cost small
beside the work. Dask is imported only when a cluster is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from briefer.errors import BrieferError, UsageError

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 8  # values per task: enough to hide the scheduler's cost, few enough to balance the workers
CONNECT_TIMEOUT = 30  # seconds to reach a scheduler


class EngineError(BrieferError):
    """The cluster could not be started or reached, or lost the work."""


class Engine(Protocol):
    def map(self, function: Callable[[T], R], values: Sequence[T]) -> Iterator[R]:
        """`function(value)` for every value, in the order of `values`."""
        ...


class InProcess:
    """Runs everything here, one value after another."""

    def map(self, function: Callable[[T], R], values: Sequence[T]) -> Iterator[R]:
        return map(function, values)


class DaskEngine:
    """Runs chunks of values as tasks on the Dask cluster behind `client`."""

    def __init__(self, client: Any, chunk: int = CHUNK) -> None:
        self.client = client
        self.chunk = chunk

    def map(self, function: Callable[[T], R], values: Sequence[T]) -> Iterator[R]:
        chunks = [list(values[start : start + self.chunk]) for start in range(0, len(values), self.chunk)]
        futures = self.client.map(apply_chunk, [function] * len(chunks), chunks, pure=False)
        return _in_order(futures)


def apply_chunk(function: Callable[[T], R], chunk: list[T]) -> list[R]:
    """The task a worker runs: `function` over one chunk."""
    return [function(value) for value in chunk]


def _in_order(futures: list[Any]) -> Iterator[Any]:
    try:
        for future in futures:
            yield from future.result()
    except BrieferError:
        raise
    except Exception as error:
        if not _lost(error):
            raise  # the work itself failed: the same error as in one process
        raise EngineError(f"the cluster lost the work ({error}); check the scheduler and its workers") from None
    finally:
        for future in futures:
            future.release()


def _lost(error: Exception) -> bool:
    """Whether `error` says the cluster failed (workers died, the scheduler went away), not the task."""
    from concurrent.futures import CancelledError

    cluster_failure = type(error).__module__.startswith("distributed")
    return cluster_failure or isinstance(error, OSError | TimeoutError | CancelledError)


@contextmanager
def open_engine(jobs: int = 1, scheduler: str | None = None) -> Iterator[Engine]:
    """In-process (jobs 1, no scheduler), a local cluster of `jobs` processes, or the cluster at `scheduler`."""
    if scheduler and jobs > 1:
        raise UsageError("give --jobs or --scheduler, not both: --jobs starts a local cluster")
    if scheduler:
        with _client(scheduler) as client:
            yield DaskEngine(client)
    elif jobs > 1:
        with _local_cluster(jobs) as client:
            yield DaskEngine(client)
    else:
        yield InProcess()


@contextmanager
def _local_cluster(workers: int) -> Iterator[Any]:
    """A Dask cluster of `workers` single-threaded processes on loopback, closed afterwards."""
    distributed = _distributed()
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # a free port on loopback: never clash with a running cluster
        silence_logs=40,  # errors only
    )
    try:
        with distributed.Client(cluster) as client:
            yield client
    finally:
        cluster.close()


@contextmanager
def _client(address: str) -> Iterator[Any]:
    distributed = _distributed()
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise EngineError(f"cannot reach the Dask scheduler at {address} ({error}); check the address") from None
    with client:
        yield client


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError(
            "--jobs and --scheduler need Dask: from a clone of briefer, pip install '.[cluster]' "
            "(the name briefer on PyPI belongs to another project)"
        ) from None
    return distributed
