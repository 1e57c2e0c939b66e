#!/usr/bin/env python3
"""Measures find_quantities on Recognizers-Text's Chinese Number/Percent spec files.

Usage: spec_recall.py [SPEC_DIR]   (default ../shared/specs/recognizers)
An expected result counts as found when a returned quantity overlaps its span (Start..End, End
inclusive, code points) and has its value (percent values compared without the % sign).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from policemetrics import find_quantities

FILES = ["Number/Chinese/NumberModel.json", "Number/Chinese/PercentModel.json"]


def _value(raw: str) -> float | None:
    try:
        return float(raw.rstrip("%").replace(",", ""))
    except ValueError:
        return None


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/specs/recognizers"
    for name in FILES:
        cases = json.loads((root / name).read_text(encoding="utf-8-sig"))
        found = total = 0
        misses: list[str] = []
        for case in cases:
            quantities = find_quantities(case["Input"])
            for res in case.get("Results", []):
                if "Start" not in res:
                    continue
                total += 1
                start, end = res["Start"], res["End"] + 1
                want = _value(str(res["Resolution"].get("value", "")))
                ok = any(
                    q.span.start < end
                    and start < q.span.end
                    and want is not None
                    and math.isclose(q.value, want, rel_tol=1e-6, abs_tol=1e-9)
                    for q in quantities
                )
                found += ok
                if not ok and len(misses) < 15:
                    misses.append(f"  {case['Input'][:40]!r} -> {res['Text']!r} = {want}")
        print(f"{name}: {found}/{total} = {found / total:.1%}")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
