"""Many documents at once: :func:`extract_many` runs :func:`policemetrics.extract` over texts and files
in a process pool and returns exactly one :class:`BatchResult` per input, in input order.

A document that fails yields an :class:`ErrorRecord` in its result and never stops the batch. This
includes a worker process that dies (segmentation fault, out-of-memory kill): the pool is restarted,
the documents that were in flight are re-run one at a time, and the one that kills a worker on its own
gets a ``WorkerCrashed`` error record. Everything else is retried transparently.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from multiprocessing.context import BaseContext
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from policemetrics.errors import InputTypeError, PolicemetricsError
from policemetrics.models import Report
from policemetrics.validation import DEFAULT_MAX_CHARS

__all__ = ["BatchResult", "ErrorRecord", "Progress", "extract_many"]

#: ``progress(done, total)``: called in the calling process each time documents finish.
Progress = Callable[[int, int], None]

_ITEMS_HINT = (
    "pass a list (or any iterable) of article texts (str) and/or file paths (pathlib.Path); "
    "for one article use policemetrics.extract(text) or policemetrics.extract_file(path)"
)
_ITEM_HINT = "each item must be article text (str) or a file path (os.PathLike, e.g. pathlib.Path)"
_IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: keeps workers busy without pickling everything up front
_MAX_AUTO_CHUNK = 32
_GUIDED_SHARE = 4


class ErrorRecord(BaseModel):
    """Why one document produced no Report."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: str  # exception class name, e.g. "DecodeError", "InputTypeError", "WorkerCrashed"
    message: str
    expected: bool  # True for input problems (PolicemetricsError, OSError); False means a bug: please report it
    traceback: str | None = None  # for unexpected errors only

    @classmethod
    def from_exception(cls, exc: BaseException) -> ErrorRecord:
        expected = isinstance(exc, (PolicemetricsError, OSError))
        tb = None if expected else "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return cls(type=type(exc).__name__, message=str(exc), expected=expected, traceback=tb)


class BatchResult(BaseModel):
    """The outcome for the input at ``index``: exactly one of ``report`` and ``error`` is set."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    index: int
    source: str | None = None  # the file path for path inputs; None for in-memory text
    report: Report | None = None
    error: ErrorRecord | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class _Options:
    published: date | None
    max_chars: int


def _source(item: object) -> str | None:
    if isinstance(item, os.PathLike):
        try:
            return os.fsdecode(item)
        except TypeError:
            return repr(item)
    return None


def _prepare(item: object) -> str | Path | BatchResult:
    """What is sent to a worker: the text, or the path as a plain Path; an error record for anything else."""
    if isinstance(item, str):
        return item
    try:
        if isinstance(item, os.PathLike):
            path = os.fspath(item)
            if isinstance(path, str):
                return Path(path)
        raise InputTypeError(item, _ITEM_HINT)
    except Exception as exc:
        return BatchResult(index=0, source=_source(item), error=ErrorRecord.from_exception(exc))


def _extract_one(index: int, item: object, options: _Options) -> BatchResult:
    """Extract one input; every exception becomes an error record (runs inside the worker)."""
    source = _source(item)
    try:
        if isinstance(item, str):
            from policemetrics.pipeline import extract

            report = extract(item, published=options.published, max_chars=options.max_chars)
        elif isinstance(item, os.PathLike):
            from policemetrics.io.files import extract_file

            report = extract_file(item, published=options.published, max_chars=options.max_chars)
        else:
            raise InputTypeError(item, _ITEM_HINT)
    except Exception as exc:  # one bad document must never stop the batch
        return BatchResult(index=index, source=source, error=ErrorRecord.from_exception(exc))
    return BatchResult(index=index, source=source, report=report)


def _run_chunk(chunk: list[tuple[int, object]], options: _Options) -> list[BatchResult]:
    return [_extract_one(i, item, options) for i, item in chunk]


def _crashed(index: int, item: object) -> BatchResult:
    message = "the worker process died while extracting this document alone (crash or out of memory); not retried"
    return BatchResult(
        index=index, source=_source(item), error=ErrorRecord(type="WorkerCrashed", message=message, expected=False)
    )


def _chunks(sendable: list[tuple[int, object]], workers: int, chunksize: int | None) -> list[list[tuple[int, object]]]:
    """``chunksize`` documents a chunk when given; else guided: each chunk a quarter of a worker's share of what
    is left (at most 32), so chunks shrink towards the end and no worker idles long while another finishes a
    large last chunk."""
    if chunksize is not None:
        return [sendable[a : a + chunksize] for a in range(0, len(sendable), chunksize)]
    chunks = []
    a = 0
    while a < len(sendable):
        size = max(1, min(_MAX_AUTO_CHUNK, (len(sendable) - a) // (workers * _GUIDED_SHARE)))
        chunks.append(sendable[a : a + size])
        a += size
    return chunks


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _check_items(texts_or_paths: object) -> list[object]:
    if isinstance(texts_or_paths, (str, bytes, bytearray, os.PathLike)) or not isinstance(texts_or_paths, Iterable):
        raise InputTypeError(texts_or_paths, _ITEMS_HINT)
    return list(texts_or_paths)


def _checked_counts(workers: int | None, chunksize: int | None) -> int:
    """The number of workers to use; ValueError for a bad ``workers`` or ``chunksize``."""
    if workers is None:
        workers = _usable_cpus()
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive int, got {workers!r}")
    if chunksize is not None and (not isinstance(chunksize, int) or chunksize < 1):
        raise ValueError(f"chunksize must be a positive int, got {chunksize!r}")
    return workers


def _split(items: list[object]) -> tuple[list[BatchResult | None], list[tuple[int, object]]]:
    """Results for the items refused here (never pickled, never sent to a worker), and the rest."""
    results: list[BatchResult | None] = [None] * len(items)
    sendable: list[tuple[int, object]] = []
    for i, item in enumerate(items):
        prepared = _prepare(item)
        if isinstance(prepared, BatchResult):
            results[i] = prepared.model_copy(update={"index": i})
        else:
            sendable.append((i, prepared))
    return results, sendable


def extract_many(
    texts_or_paths: Iterable[str | os.PathLike[str]],
    workers: int | None = None,
    *,
    published: date | None = None,
    progress: Progress | None = None,
    chunksize: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    mp_context: BaseContext | None = None,
) -> list[BatchResult]:
    """Extract every input; one :class:`BatchResult` per input, in input order, nothing dropped.

    ``texts_or_paths``: article texts (``str``; a str is always text, never a path) and file paths
    (``pathlib.Path`` or any ``os.PathLike``, read with :func:`policemetrics.extract_file`). Any other
    item (bytes, None, ...) gets an ``InputTypeError`` record. ``workers``: processes (default: the
    usable CPUs); ``workers=1`` runs in this process. ``chunksize``: documents sent to a worker at a
    time (default: up to 32, smaller for short batches). ``progress(done, total)`` is called in this
    process as documents finish. ``published`` and ``max_chars`` apply to every document.
    ``mp_context``: a ``multiprocessing`` context for the pool (default: the platform's).
    """
    items = _check_items(texts_or_paths)
    workers = _checked_counts(workers, chunksize)
    options = _Options(published=published, max_chars=max_chars)
    total = len(items)
    results, sendable = _split(items)
    done = total - len(sendable)
    if done and progress is not None:
        progress(done, total)
    workers = min(workers, max(len(sendable), 1))
    if workers == 1:
        batches: Iterator[list[BatchResult]] = ([_extract_one(i, item, options)] for i, item in sendable)
    else:
        batches = _pooled(_chunks(sendable, workers, chunksize), workers, options, mp_context)
    for batch in batches:
        for result in batch:
            results[result.index] = result
        done += len(batch)
        if progress is not None:
            progress(done, total)
    missing = [i for i, r in enumerate(results) if r is None]
    if missing:  # cannot happen: every chunk yields one result per document
        raise AssertionError(f"no result for inputs {missing[:10]}")
    return [r for r in results if r is not None]


def _pooled(
    chunks: list[list[tuple[int, object]]], workers: int, options: _Options, mp_context: BaseContext | None
) -> Iterator[list[BatchResult]]:
    """Run chunks in a pool, yielding each chunk's results as it finishes; survives dying workers.

    When a worker dies, every chunk then in flight is suspect: the pool is rebuilt and the suspects are
    re-run one document at a time in a one-process pool ("isolation"), so the document that kills a
    worker on its own is known exactly and the innocent ones are simply retried.
    """
    _warm_for_fork(mp_context)
    with _frozen_heap():
        yield from _pooled_frozen(chunks, workers, options, mp_context)


_WARM_TEXT = (
    "2023年1-9月，江州市公安局共破获刑事案件1.2万余起，同比上升12.5%，抓获犯罪嫌疑人3000余名。"
    "该局推出“警保联动”机制，荣获“全国优秀公安局”称号。"
)
_warmed = False


def _warm_for_fork(mp_context: BaseContext | None) -> None:
    """Forked workers inherit the parent's compiled grammars and loaded tables; a cold parent would let
    every worker of every pool build them again (~0.4 s each). Done once per process."""
    global _warmed
    start_method = (mp_context or multiprocessing.get_context()).get_start_method()
    if _warmed or start_method != "fork":
        return
    from policemetrics.pipeline import extract

    extract(_WARM_TEXT)
    _warmed = True


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Forked workers share the parent's heap copy-on-write; a cyclic collection in a worker would walk
    (and so copy) every object of a large parent. Frozen objects are left out of collections. The parent's
    collector is paused while it unpickles the (acyclic) results; workers turn theirs back on (``_worker_start``)."""
    gc.freeze()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.unfreeze()


def _worker_start() -> None:
    gc.enable()


def _pooled_frozen(
    chunks: list[list[tuple[int, object]]], workers: int, options: _Options, mp_context: BaseContext | None
) -> Iterator[list[BatchResult]]:
    pending: deque[list[tuple[int, object]]] = deque(chunks)
    suspects: deque[tuple[int, object]] = deque()
    while pending or suspects:
        if suspects:
            yield from _isolate(suspects, options, mp_context)
            continue
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp_context, initializer=_worker_start) as pool:
            in_flight: dict[Future[list[BatchResult]], list[tuple[int, object]]] = {}
            broken = False
            while (pending or in_flight) and not broken:
                while pending and len(in_flight) < workers * _IN_FLIGHT_PER_WORKER:
                    chunk = pending.popleft()
                    try:
                        in_flight[pool.submit(_run_chunk, chunk, options)] = chunk
                    except BrokenProcessPool:
                        pending.appendleft(chunk)
                        broken = True
                        break
                if not in_flight:
                    break
                finished, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    chunk = in_flight.pop(future)
                    outcome = _outcome(future, chunk)
                    if outcome is None:
                        suspects.extend(chunk)
                        broken = True
                    else:
                        yield outcome
            if broken:
                for future, chunk in in_flight.items():
                    outcome = _outcome(future, chunk) if future.done() else None
                    if outcome is None:
                        suspects.extend(chunk)
                    else:
                        yield outcome
                pool.shutdown(wait=True, cancel_futures=True)


def _outcome(future: Future[list[BatchResult]], chunk: list[tuple[int, object]]) -> list[BatchResult] | None:
    """A finished chunk's results; None if its worker died; error records if it failed in transit."""
    try:
        return future.result()
    except BrokenProcessPool:
        return None
    except Exception as exc:  # e.g. a result that could not be sent back: record it, do not stop
        record = ErrorRecord.from_exception(exc)
        return [BatchResult(index=i, source=_source(item), error=record) for i, item in chunk]


def _isolate(
    suspects: deque[tuple[int, object]], options: _Options, mp_context: BaseContext | None
) -> Iterator[list[BatchResult]]:
    """Run suspects one by one in a one-worker pool until they are done or the pool breaks."""
    with ProcessPoolExecutor(max_workers=1, mp_context=mp_context, initializer=_worker_start) as pool:
        while suspects:
            index, item = suspects.popleft()
            future = pool.submit(_run_chunk, [(index, item)], options)
            try:
                outcome = _outcome(future, [(index, item)])
            except BrokenProcessPool:  # pragma: no cover - _outcome maps it to None
                outcome = None
            if outcome is None:
                yield [_crashed(index, item)]
                return  # this pool is broken: the caller builds a fresh one for the rest
            yield outcome
