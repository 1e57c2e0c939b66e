"""Tidy tables: one row per metric, honour or initiative, with the report's file, title, published date
and region on every row (``to_records``, ``to_dataframe``; the CLI's CSV and Parquet use the same rows).

>>> from policemetrics import extract, to_records
>>> rows = to_records({"a.txt": extract("2023年，全省电诈警情同比下降26.4%。")})
>>> [(r["file"], r["indicator"], r["value"], r["unit"], r["kind"], r["direction"]) for r in rows]
[('a.txt', '电诈警情', 26.4, '%', 'change', 'down')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from policemetrics.errors import InputTypeError
from policemetrics.models import Derivation, Honour, Initiative, Metric, Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "KINDS", "Kind", "to_dataframe", "to_records"]

Kind = Literal["metrics", "honours", "initiatives"]
KINDS: tuple[Kind, ...] = ("metrics", "honours", "initiatives")

# Column name -> type ("str", "float", "int", "date"); every row has every column, in this order.
_REPORT_COLUMNS = {"file": "str", "report_title": "str", "published": "date", "region": "str", "region_code": "str"}
_SPAN_COLUMNS = {"start": "int", "end": "int", "text": "str", "rule": "str"}
COLUMNS: dict[Kind, dict[str, str]] = {
    "metrics": {
        **_REPORT_COLUMNS,
        "indicator": "str",
        "value": "float",
        "unit": "str",
        "approx": "str",
        "kind": "str",
        "direction": "str",
        "baseline": "float",
        "compare_to": "str",
        "subject": "str",
        "subject_code": "str",
        "period": "str",
        "concept": "str",
        "role": "str",
        **_SPAN_COLUMNS,
        "evidence_start": "int",
        "evidence_end": "int",
        **{f"derivation_{name}": "str" for name in Derivation.model_fields},
        "warnings": "str",
    },
    "honours": {
        **_REPORT_COLUMNS,
        "title": "str",
        "recipient": "str",
        "conferrer": "str",
        "year": "str",
        "count": "int",
        "mentions": "int",
        **_SPAN_COLUMNS,
    },
    "initiatives": {
        **_REPORT_COLUMNS,
        "name": "str",
        "category": "str",
        "year": "str",
        "actor": "str",
        "mentions": "int",
        **_SPAN_COLUMNS,
    },
}

Record = dict[str, Any]
ReportsLike = Report | Mapping[str, Report] | Iterable[Any]


def _report_fields(file: str | None, report: Report) -> Record:
    published: date | None = report.published
    return {
        "file": file,
        "report_title": report.title,
        "published": published,
        "region": report.region,
        "region_code": report.region_code,
    }


def _metric_row(m: Metric) -> Record:
    return {
        **m.model_dump(include=set(COLUMNS["metrics"]) & set(Metric.model_fields)),
        "start": m.span.start,
        "end": m.span.end,
        "text": m.span.text,
        "evidence_start": m.evidence.start,
        "evidence_end": m.evidence.end,
        **{f"derivation_{name}": value for name, value in m.derivation.model_dump().items()},
        "warnings": "; ".join(m.warnings) or None,
    }


def _entity_row(obj: Honour | Initiative, kind: Kind) -> Record:
    return {
        **obj.model_dump(include=set(COLUMNS[kind]) & set(type(obj).model_fields)),
        "mentions": 1 + len(obj.mentions),
        "start": obj.span.start,
        "end": obj.span.end,
        "text": obj.span.text,
    }


def _rows(report: Report, kind: Kind) -> Iterator[Record]:
    if kind == "metrics":
        yield from (_metric_row(m) for m in report.metrics)
    elif kind == "honours":
        yield from (_entity_row(h, kind) for h in report.honours)
    else:
        yield from (_entity_row(i, kind) for i in report.initiatives)


def _pairs(reports: ReportsLike) -> Iterator[tuple[str | None, Report]]:
    """(file, report) from a Report, a {file: Report} mapping, or an iterable of Reports, (file, Report)
    pairs or batch results (``source`` and ``report``; failed ones have no rows)."""
    if isinstance(reports, Report):
        yield None, reports
        return
    if isinstance(reports, Mapping):
        yield from ((str(k), v) for k, v in reports.items())
        return
    if isinstance(reports, (str, bytes)) or not isinstance(reports, Iterable):
        raise InputTypeError(reports, "pass a Report, a {file: Report} mapping or an iterable of Reports")
    for item in reports:
        pair = _pair(item)
        if pair is not None:
            yield pair


def _pair(item: object) -> tuple[str | None, Report] | None:
    if isinstance(item, Report):
        return None, item
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], Report):
        return (None if item[0] is None else str(item[0])), item[1]
    if hasattr(item, "report") and hasattr(item, "source"):  # a BatchResult; a failed one has no report
        return (item.source, item.report) if isinstance(item.report, Report) else None
    raise InputTypeError(item, "each item must be a Report, a (file, Report) pair or a batch result")


def to_records(reports: ReportsLike, kind: Kind = "metrics") -> list[Record]:
    """One dict per metric (``kind="metrics"``), honour or initiative, columns as in ``COLUMNS[kind]``.

    ``reports``: a Report, a ``{file: Report}`` mapping, or an iterable of Reports, ``(file, Report)``
    pairs or :class:`~policemetrics.io.batch.BatchResult` (failed results give no rows). Values are plain
    Python (``published`` a ``datetime.date``); missing values are None.
    """
    if kind not in COLUMNS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    columns = COLUMNS[kind]
    out = []
    for file, report in _pairs(reports):
        head = _report_fields(file, report)
        for row in _rows(report, kind):
            merged = {**head, **row}
            out.append({c: merged.get(c) for c in columns})
    return out


def to_dataframe(reports: ReportsLike, kind: Kind = "metrics") -> pd.DataFrame:
    """:func:`to_records` as a pandas DataFrame (same columns, also when empty); needs the ``pandas`` extra."""
    try:
        import pandas as pd
    except ImportError as exc:  # an optional extra
        raise ImportError('to_dataframe needs pandas: pip install "policemetrics[pandas]"') from exc
    records = to_records(reports, kind)
    frame = pd.DataFrame.from_records(records, columns=list(COLUMNS[kind]))
    for name, typ in COLUMNS[kind].items():
        if typ == "int":
            frame[name] = frame[name].astype("Int64")
        elif typ == "float":
            frame[name] = frame[name].astype("float64")
    return frame
