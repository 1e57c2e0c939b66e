"""From many Reports to one table: one row per cell (region, concept, period, kind, unit), with every source.

>>> import policemetrics
>>> from policemetrics.io.panel import panel
>>> a = policemetrics.extract("2023年，湖北省电诈警情同比下降26.4%。")
>>> b = policemetrics.extract("湖北省2023年电诈警情同比下降26.4%。")
>>> row = panel([a, b], files=["a.txt", "b.txt"]).iloc[0]
>>> print(row["region_code"], row["concept"], row["period"], row["value"], row["n_sources"], row["conflict"])
420000 fraud.telecom.cases 2023 26.4 2 False

A figure enters the panel when it has a concept other than ``other`` and a region: its subject's code
(``Metric.subject_code``), else the report's (``Report.region_code``); its period is its own, else the report's.
Figures left out are counted in ``DataFrame.attrs["left_out"]``. ``conflict`` is true when the sources of a
cell give different values (or directions). pandas is an optional dependency: ``pip install "policemetrics[pandas]"``
(``[parquet]`` adds pyarrow for ``.parquet`` output).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policemetrics.concepts import OTHER
from policemetrics.models import Metric, Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "CellKey", "Cells", "cells", "panel", "run_cli"]

#: the columns of the panel, in order; the first five are the cell key
COLUMNS = (
    "region_code",
    "concept",
    "period",
    "kind",
    "unit",
    "region",
    "value",
    "approx",
    "direction",
    "compare_to",
    "indicator",
    "n_sources",
    "conflict",
    "sources",
)
_ARTICLE_SUFFIXES = (".txt", ".html", ".htm")

CellKey = tuple[str, str, str | None, str, str | None]


@dataclass
class _Cell:
    key: CellKey
    figures: list[tuple[Metric, str | None]] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        first = self.figures[0][0]
        return {
            **dict(zip(COLUMNS[:5], self.key, strict=True)),
            "region": _region_name(self.key[0]),
            "value": _most_common([m.value for m, _ in self.figures]),
            "approx": first.approx,
            "direction": first.direction,
            "compare_to": "|".join(_distinct(m.compare_to for m, _ in self.figures)) or None,
            "indicator": "|".join(_distinct(m.indicator for m, _ in self.figures)) or None,
            "n_sources": len(self.figures),
            "conflict": _conflict([m for m, _ in self.figures]),
            "sources": json.dumps(
                [{"file": f, "start": m.span.start, "end": m.span.end, "text": m.span.text} for m, f in self.figures],
                ensure_ascii=False,
            ),
        }


def _distinct(values: Iterable[str | None]) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return out


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _most_common(values: list[float]) -> float:
    """The value most sources give (the earliest on a tie)."""
    return max(values, key=lambda v: sum(_same(v, w) for w in values))


def _conflict(metrics: list[Metric]) -> bool:
    first = metrics[0]
    return any(not _same(m.value, first.value) or m.direction != first.direction for m in metrics[1:])


def _region_name(code: str) -> str | None:
    from policemetrics.recognise.regions import region_by_code

    region = region_by_code(code)
    return region.name if region is not None else None


def _period(m: Metric, report: Report) -> str | None:
    if m.period:
        return m.period
    p = report.period
    if p is None:
        return None
    return p.start if p.start == p.end else f"{p.start}-{p.end}"


@dataclass
class Cells:
    """Cells in order of first appearance, and the figures left out (no concept / no region)."""

    cells: dict[CellKey, _Cell] = field(default_factory=dict)
    figures: int = 0
    no_concept: int = 0
    no_region: int = 0

    def add(self, report: Report, file: str | None) -> None:
        for m in report.metrics:
            if m.role != "metric":
                continue
            self.figures += 1
            code = m.subject_code or report.region_code
            if not m.concept or m.concept == OTHER:
                self.no_concept += 1
            elif code is None:
                self.no_region += 1
            else:
                key: CellKey = (code, m.concept, _period(m, report), m.kind, m.unit)
                self.cells.setdefault(key, _Cell(key)).figures.append((m, file))


def cells(reports: Iterable[Report], files: Sequence[str | None] | None = None) -> Cells:
    """Group the figures of ``reports`` into cells (no pandas needed). ``files[i]`` names the source of
    ``reports[i]`` in the ``sources`` column (None when not given)."""
    out = Cells()
    names = list(files) if files is not None else None
    for i, report in enumerate(reports):
        if not isinstance(report, Report):
            raise TypeError(f"panel() takes Reports, got {type(report).__name__} at position {i}")
        if names is not None and i >= len(names):
            raise ValueError(f"{len(names)} file names for more reports")
        out.add(report, names[i] if names is not None else None)
    return out


def panel(reports: Iterable[Report], files: Sequence[str | None] | None = None) -> pd.DataFrame:
    """One row per cell (region_code, concept, period, kind, unit): see the module docstring. The counts of
    figures left out are in ``df.attrs["left_out"]`` (``{"no_concept": n, "no_region": m, "figures": k}``)."""
    import pandas as pd

    grouped = cells(reports, files)
    df = pd.DataFrame([c.row() for c in grouped.cells.values()], columns=list(COLUMNS))
    df = df.astype({"n_sources": "int64", "conflict": "bool", "value": "float64"})
    df.attrs["left_out"] = {
        "no_concept": grouped.no_concept,
        "no_region": grouped.no_region,
        "figures": grouped.figures,
    }
    return df


def _articles(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder stands for its article files (.txt, .html, .htm), sorted."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.iterdir() if q.is_file() and q.suffix.lower() in _ARTICLE_SUFFIXES)
        else:
            out.append(p)
    return out


def _write(df: pd.DataFrame, out: Path | None) -> None:
    if out is None:
        df.to_csv(sys.stdout, index=False)
    elif out.suffix.lower() == ".parquet":
        df.to_parquet(out, index=False)
    else:
        df.to_csv(out, index=False)


def run_cli(argv: list[str]) -> int:
    """``policemetrics panel PATH... [-o OUT.csv|OUT.parquet]``: 0 on success, 1 when some file could not be
    read (the others are still in the panel), 2 on a usage error or a missing optional dependency."""
    parser = argparse.ArgumentParser(prog="policemetrics.io.panel", description="one row per cell across articles")
    parser.add_argument("paths", nargs="+", type=Path, help="article files, or folders of .txt/.html articles")
    parser.add_argument("-o", "--output", type=Path, help="OUT.csv or OUT.parquet (default: CSV on stdout)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on bad usage; a delegating CLI wants a status
        return int(exc.code or 0)
    if args.output is not None and args.output.suffix.lower() not in (".csv", ".parquet"):
        print("policemetrics panel: -o must end in .csv or .parquet", file=sys.stderr)
        return 2
    try:
        import pandas  # noqa: F401
    except ModuleNotFoundError:
        print('policemetrics panel: needs pandas: pip install "policemetrics[pandas]"', file=sys.stderr)
        return 2
    return _run(_articles(args.paths), args.output)


def _run(files: list[Path], out: Path | None) -> int:
    from policemetrics.errors import PolicemetricsError
    from policemetrics.io.files import extract_file

    reports: list[Report] = []
    names: list[str | None] = []
    status = 0
    for path in files:
        try:
            reports.append(extract_file(path))
        except (PolicemetricsError, OSError) as exc:
            print(f"policemetrics panel: {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        names.append(str(path))
    df = panel(reports, names)
    try:
        _write(df, out)
    except ImportError as exc:  # .parquet without pyarrow
        print(f'policemetrics panel: {exc} (pip install "policemetrics[parquet]")', file=sys.stderr)
        return 2
    left = df.attrs["left_out"]
    print(
        f"policemetrics panel: {len(df)} cells from {left['figures']} figures in {len(reports)} articles; "
        f"left out: {left['no_concept']} without a concept, {left['no_region']} without a region",
        file=sys.stderr,
    )
    return status
