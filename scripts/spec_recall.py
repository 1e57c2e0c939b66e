#!/usr/bin/env python3
"""Measures find_quantities on Recognizers-Text's Chinese Number/Percent spec files.

Usage: spec_recall.py [SPEC_DIR] [--misses]   (default ../shared/specs/recognizers)
An expected result counts as found when a returned quantity overlaps its span (Start..End, End
inclusive, code points) and has its value (percent values compared without the % sign).

Deliberate exclusions: items inside a date mention (the date grammar's spans, mapped back to the
input). Reports need those digits masked (2019年5月 is not the quantity 2019), so they are listed and
left out of the rate; every other item counts.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

from policemetrics import find_quantities
from policemetrics.recognise.dates import date_spans
from policemetrics.text import normalise

FILES = ["Number/Chinese/NumberModel.json", "Number/Chinese/PercentModel.json"]
DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared/specs/recognizers"


@dataclass
class Tally:
    found: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)
    deliberate: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.found / self.total if self.total else 0.0


def _value(raw: str) -> float | None:
    try:
        return float(raw.rstrip("%").replace(",", ""))
    except ValueError:
        return None


def _date_ranges(text: str) -> list[tuple[int, int]]:
    doc = normalise(text)
    return [doc.orig_range(a, b) for a, b in date_spans(doc.text)]


def _tally_case(case: dict[str, object], tally: Tally) -> None:
    text = str(case["Input"])
    quantities = find_quantities(text)
    dates = _date_ranges(text)
    results = case.get("Results", [])
    for res in results if isinstance(results, list) else []:
        if "Start" not in res:
            continue
        start, end = res["Start"], res["End"] + 1
        want = _value(str(res["Resolution"].get("value", "")))
        label = f"  {text[:40]!r} -> {res['Text']!r} = {want}"
        if any(a <= start and end <= b for a, b in dates):
            tally.deliberate.append(label)
            continue
        tally.total += 1
        ok = want is not None and any(
            q.span.start < end and start < q.span.end and math.isclose(q.value, want, rel_tol=1e-6, abs_tol=1e-9)
            for q in quantities
        )
        tally.found += ok
        if not ok:
            tally.misses.append(label)


def measure(root: Path = DEFAULT_ROOT) -> dict[str, Tally]:
    """One tally per spec file, and "all" for both together."""
    out: dict[str, Tally] = {}
    overall = Tally()
    for name in FILES:
        tally = Tally()
        for case in json.loads((root / name).read_text(encoding="utf-8-sig")):
            _tally_case(case, tally)
        out[name] = tally
        overall.found += tally.found
        overall.total += tally.total
        overall.misses += tally.misses
        overall.deliberate += tally.deliberate
    out["all"] = overall
    return out


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = Path(args[0]) if args else DEFAULT_ROOT
    if not root.is_dir():
        print(f"spec directory {root} not found", file=sys.stderr)
        return 2
    tallies = measure(root)
    for name, tally in tallies.items():
        print(
            f"{name}: {tally.found}/{tally.total} = {tally.rate:.1%} (deliberate exclusions: {len(tally.deliberate)})"
        )
    overall = tallies["all"]
    print("deliberate exclusions (inside a date mention):")
    print("\n".join(overall.deliberate))
    if "--misses" in sys.argv:
        print("misses:")
        print("\n".join(overall.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
