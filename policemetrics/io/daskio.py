"""Corpus-scale extraction with Dask (optional extra: ``pip install "policemetrics[dask]"``).

:func:`extract_bag` maps :func:`policemetrics.extract_file` over a ``dask.bag`` of file paths and gives
one JSON-able record per path; :func:`write_corpus` writes those records as JSON Lines or Parquet,
one file per partition. Both run on whatever Dask scheduler is active: the local default, or a
``distributed.Client`` (then every worker must be able to read the paths: a shared file system, or
fsspec URLs such as ``s3://bucket/a.html`` when the matching fsspec backend is installed).

A record (``dict``, JSON-able)::

    {"index": 0, "source": "a.txt", "ok": true, "error": null,
     "report": {...Report.model_dump(mode="json")...}}

A document that fails (undecodable, too large, unreadable, ...) has ``"ok": false``, ``"report": null``
and ``"error": {"type": ..., "message": ..., "expected": ..., "traceback": ...}`` (as
:class:`policemetrics.io.batch.ErrorRecord`); it never fails the computation. Spans index the DECODED text
of each file (see :mod:`policemetrics.io.files`).

Dask is imported inside the functions, so this module imports without the extra.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from policemetrics.validation import DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from dask.bag import Bag

__all__ = ["PARQUET_COLUMNS", "CorpusSummary", "extract_bag", "extract_record", "write_corpus"]

_EXTRA = 'pip install "policemetrics[dask]"'
Format = Literal["jsonl", "parquet"]
_SUFFIX: dict[str, str] = {"jsonl": ".jsonl", "parquet": ".parquet"}

#: Parquet columns (one row per document; the Report is kept whole, as a JSON string, so the schema
#: never depends on which fields a partition happens to fill).
PARQUET_COLUMNS = (
    "index",
    "source",
    "ok",
    "error_type",
    "error_message",
    "n_metrics",
    "n_honours",
    "n_initiatives",
    "report_json",
)


def _require(module: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(f"{what} needs the optional Dask extra, which is not installed: {_EXTRA}") from exc


@dataclass(frozen=True)
class CorpusSummary:
    """What :func:`write_corpus` wrote: the files (one per partition) and the document counts."""

    files: list[str]
    documents: int
    errors: int


def _read(source: str, max_chars: int) -> bytes:
    """Local paths are read directly; ``scheme://`` URLs through fsspec (a Dask dependency)."""
    if "://" in source:
        fsspec = _require("fsspec", "reading URLs")

        from policemetrics.errors import FileTooLargeError
        from policemetrics.io.files import MAX_BYTES_PER_CHAR

        limit = MAX_BYTES_PER_CHAR * max_chars
        with fsspec.open(source, "rb") as fh:
            data: bytes = fh.read(limit + 1)
        if len(data) > limit:
            raise FileTooLargeError(source, len(data), max_chars)
        return data
    from policemetrics.io.files import read_bytes

    return read_bytes(source, max_chars=max_chars)


def extract_record(
    index: int,
    source: str,
    *,
    encoding: str | None = None,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> dict[str, Any]:
    """Extract one file into a JSON-able record; every exception becomes the record's ``error``."""
    from policemetrics.io.batch import ErrorRecord
    from policemetrics.io.files import extract_bytes

    try:
        report = extract_bytes(
            _read(source, max_chars), source=source, encoding=encoding, published=published, max_chars=max_chars
        )
    except Exception as exc:  # one bad document must never fail the computation
        error = ErrorRecord.from_exception(exc).model_dump(mode="json")
        return {"index": index, "source": source, "ok": False, "error": error, "report": None}
    return {"index": index, "source": source, "ok": True, "error": None, "report": report.model_dump(mode="json")}


def _sources(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    if isinstance(paths, (str, bytes, os.PathLike)):
        from policemetrics.errors import InputTypeError

        raise InputTypeError(paths, "pass a list of file paths, e.g. sorted(Path('corpus').glob('*.html'))")
    return [os.fspath(p) for p in paths]


def extract_bag(
    paths: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    npartitions: int | None = None,
    partition_size: int | None = None,
) -> Bag:
    """A lazy ``dask.bag.Bag`` of one record per path (see the module docstring), in path order.

    ``paths``: file paths or fsspec URLs; ``index`` in a record is the position in ``paths``.
    ``npartitions`` / ``partition_size`` partition them (default: up to 100 partitions); ``encoding``,
    ``published`` and ``max_chars`` apply to every file as in :func:`policemetrics.extract_file`.
    """
    db = _require("dask.bag", "policemetrics.io.daskio.extract_bag")
    options: dict[str, Any] = {"encoding": encoding, "published": published, "max_chars": max_chars}
    sources = _sources(paths)
    kwargs: dict[str, int] = {}
    if npartitions is not None:
        kwargs["npartitions"] = npartitions
    if partition_size is not None:
        kwargs["partition_size"] = partition_size
    if not kwargs:
        kwargs["npartitions"] = max(1, min(len(sources), 100))
    indexed = db.from_sequence(list(enumerate(sources)), **kwargs)
    bag: Bag = indexed.map(_record_of_pair, **options)
    return bag


def _record_of_pair(pair: tuple[int, str], **options: Any) -> dict[str, Any]:
    index, source = pair
    return extract_record(index, source, **options)


def _parquet_table(records: Sequence[dict[str, Any]]) -> Any:
    pa = _require("pyarrow", "write_corpus(format='parquet')")
    schema = pa.schema(
        [
            ("index", pa.int64()),
            ("source", pa.string()),
            ("ok", pa.bool_()),
            ("error_type", pa.string()),
            ("error_message", pa.string()),
            ("n_metrics", pa.int32()),
            ("n_honours", pa.int32()),
            ("n_initiatives", pa.int32()),
            ("report_json", pa.string()),
        ]
    )
    columns: dict[str, list[Any]] = {name: [] for name in PARQUET_COLUMNS}
    for r in records:
        report, error = r["report"], r["error"]
        columns["index"].append(r["index"])
        columns["source"].append(r["source"])
        columns["ok"].append(r["ok"])
        columns["error_type"].append(error["type"] if error else None)
        columns["error_message"].append(error["message"] if error else None)
        for key in ("metrics", "honours", "initiatives"):
            columns[f"n_{key}"].append(len(report[key]) if report else None)
        columns["report_json"].append(json.dumps(report, ensure_ascii=False) if report else None)
    return pa.table(columns, schema=schema)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _write_partition(records: list[dict[str, Any]], target: str, fmt: str) -> tuple[str, int, int]:
    """Write one partition atomically (temporary file, then rename); returns (path, documents, errors)."""
    tmp = f"{target}.{uuid.uuid4().hex}.tmp"
    try:
        if fmt == "jsonl":
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                for r in records:
                    line = json.dumps(r, ensure_ascii=False)
                    if not line.isascii() and _has_surrogate(line):
                        line = json.dumps(r)  # \ud800 escapes: still valid JSON, and the file stays valid UTF-8
                    fh.write(line)
                    fh.write("\n")
        else:
            pq = _require("pyarrow.parquet", "write_corpus(format='parquet')")
            pq.write_table(_parquet_table(records), tmp)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return target, len(records), sum(1 for r in records if not r["ok"])


def write_corpus(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    format: Format = "jsonl",
    *,
    encoding: str | None = None,
    published: date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    npartitions: int | None = None,
    overwrite: bool = False,
) -> CorpusSummary:
    """Extract every path and write the records to ``out_dir`` (one ``part-NNNNN.jsonl`` or
    ``part-NNNNN.parquet`` per partition), computing on the active Dask scheduler.

    JSONL lines are the records of :func:`extract_bag`. Parquet rows have the columns
    :data:`PARQUET_COLUMNS`; ``report_json`` holds ``Report.model_dump(mode="json")`` as a JSON string
    (``None`` for failed documents). ``out_dir`` is created; if it already holds ``part-*`` files of
    this format, ``overwrite=True`` is required (then the old ones are replaced or removed once the new
    ones are written, so no stale partition survives). Each partition is written atomically.
    ``npartitions`` is the number of output files (default: up to 100). Returns a :class:`CorpusSummary`.
    """
    dask = _require("dask", "policemetrics.io.daskio.write_corpus")
    if format not in _SUFFIX:
        raise ValueError(f"format must be 'jsonl' or 'parquet', got {format!r}")
    if format == "parquet":
        _require("pyarrow.parquet", "write_corpus(format='parquet')")
    suffix = _SUFFIX[format]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    old = sorted(out.glob(f"part-*{suffix}"))
    if old and not overwrite:
        raise FileExistsError(f"{out} already holds {len(old)} part-*{suffix} files; pass overwrite=True")
    bag: Any = extract_bag(paths, encoding=encoding, published=published, max_chars=max_chars, npartitions=npartitions)
    delayed_write = dask.delayed(_write_partition, pure=False)
    parts = bag.to_delayed()
    writes = [delayed_write(part, str(out / f"part-{i:05d}{suffix}"), format) for i, part in enumerate(parts)]
    written: tuple[tuple[str, int, int], ...] = dask.compute(*writes)
    fresh = {w[0] for w in written}
    for stale in old:
        if str(stale) not in fresh:
            stale.unlink()
    return CorpusSummary(
        files=[w[0] for w in written], documents=sum(w[1] for w in written), errors=sum(w[2] for w in written)
    )
