"""Worst-case inputs: time per MB of `extract` on long runs of one pattern, and whether it grows.

    python benchmarks/adversarial.py                     # all cases at 0.01, 0.03, 0.1, 1 and 10 MB
    python benchmarks/adversarial.py --cases digits,dun --sizes 0.1,1 --budget 30
    python benchmarks/adversarial.py --fn find_quantities   # the number layer alone

Each measurement runs in a fresh subprocess (warmed up on a short article first, so table loading is
not counted) and is killed after ``--budget`` seconds. A size whose time, extrapolated from the two
previous sizes, would exceed the budget is not run. Sizes are MB of UTF-8 (10**6 bytes).

Verdict per case: the ratio of time/MB at the largest size to time/MB at the size ten times smaller
(1.0 = linear; > 1.5 is flagged SUPER-LINEAR), and the fitted exponent k in time ~ size**k. A ``*``
marks a case where a size was skipped or killed by the time budget (slow, not necessarily growing).
Prints figures only; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# name -> the unit repeated to the requested size
CASES: dict[str, str] = {
    "digits": "1234567890",
    "dun": "、",  # enumeration comma
    "quote": "“",  # opening quote marks only
    "wan": "万",  # 万万万
    "tongbi": "同比上升",
    "paren": "(",  # nested brackets ((((
    "lt": "<",  # <<<<
    "amp": "&",  # &&&&
    # extras: shapes that hit the metric reader inside one long clause
    "digit_dot": "1.",
    "baifenzhi": "百分之",
    "count_list": "1起、",
    "change_run": "同比上升1%",
    # the number layer: spaced numerals, zero places, dotted digits, fractions, date ranges
    "spaced": "一 ",
    "ling": "零",
    "dotted": "2222.",
    "slash": "1/",
    "you": "三又",
    "fenzhi": "三分之",
    "cheng": "七成",
    "kilo": "1k",
    "month_range": "1-9月",
    "half": "半",
    "circle": "一千○",
    "wan_group": "1万1,111",
    "dot_yi": "十.三亿",
    "point_wan": "三点五万",
}
DEFAULT_CASES = list(CASES)
SUPER_LINEAR_RATIO = 1.5

_CHILD = r"""
import json, sys, time
from policemetrics import extract, find_quantities
# warm up: tables and OpenCC load on first use and are not what is measured
extract("2023年，全省电诈警情同比下降26.4%，抓获犯罪嫌疑人1381人，破获案件一万二千起，三千余家。<p>&nbsp;</p>")
unit, size, fn = sys.argv[1], int(sys.argv[2]), sys.argv[3]
n = max(1, size // len(unit.encode("utf-8")))
text = unit * n
t = time.perf_counter()
if fn == "extract":
    found = len(extract(text, max_chars=len(text) + 1).metrics)
else:
    found = len(find_quantities(text))
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "chars": len(text), "bytes": len(text.encode("utf-8")), "metrics": found}))
"""


@dataclass
class Point:
    mb: float
    seconds: float | None  # None: not run (predicted over budget) or killed at the budget
    note: str = ""
    chars: int = 0
    metrics: int = 0

    @property
    def per_mb(self) -> float | None:
        return None if self.seconds is None else self.seconds / self.mb


def measure(unit: str, mb: float, budget: float, fn: str = "extract") -> Point:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    try:
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, unit, str(int(mb * 1_000_000)), fn],
            capture_output=True,
            text=True,
            timeout=budget,
            env=env,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return Point(mb, None, f"killed after {budget:.0f} s")
    except subprocess.CalledProcessError as exc:
        return Point(mb, None, "failed: " + exc.stderr.strip().splitlines()[-1])
    data = json.loads(out.stdout)
    return Point(mb, data["seconds"], chars=data["chars"], metrics=data["metrics"])


def predicted(points: list[Point], mb: float) -> float | None:
    done = [p for p in points if p.seconds is not None and p.seconds > 0]
    if not done:
        return None
    if len(done) == 1:
        return done[-1].seconds * (mb / done[-1].mb) ** 2  # pessimistic: assume quadratic
    a, b = done[-2], done[-1]
    assert a.seconds is not None and b.seconds is not None
    k = max(1.0, math.log(b.seconds / a.seconds) / math.log(b.mb / a.mb))
    return b.seconds * (mb / b.mb) ** k


def exponent(points: list[Point]) -> float | None:
    done = [p for p in points if p.seconds is not None and p.seconds >= 0.02]  # ignore timer noise
    if len(done) < 2:
        return None
    a, b = done[-2], done[-1]
    assert a.seconds is not None and b.seconds is not None
    return math.log(b.seconds / a.seconds) / math.log(b.mb / a.mb)


def verdict(points: list[Point]) -> str:
    by_mb = {p.mb: p for p in points if p.seconds is not None}
    sizes = sorted(by_mb)
    k = exponent(points)
    ratio = None
    for big in reversed(sizes):
        small = big / 10
        if small in by_mb and (by_mb[small].seconds or 0) >= 0.02:
            ratio = by_mb[big].per_mb / by_mb[small].per_mb  # type: ignore[operator]
            label = f"t/MB {big:g} MB vs {small:g} MB = {ratio:.2f}"
            break
    else:
        label = "ratio n/a"
    # a size skipped or killed by the fixed time budget says the case is slow, not that it grows
    # faster than linearly: the verdict rests on the measured sizes only
    budget_hit = any(p.seconds is None for p in points)
    flag = (
        "SUPER-LINEAR"
        if (ratio is not None and ratio > SUPER_LINEAR_RATIO) or (k is not None and k > 1.3)
        else "linear"
    )
    if budget_hit:
        flag += "*"
    k_text = f"k={k:.2f}" if k is not None else "k=n/a"
    if 1.0 not in by_mb and k is not None:
        last = max(sizes)
        projected = by_mb[last].seconds * (1.0 / last) ** k  # type: ignore[operator]
        k_text += f"; projected 1 MB: {projected:,.0f} s"
    return f"{flag:12s} {label}; {k_text}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default=",".join(DEFAULT_CASES), help=f"comma-separated, from {', '.join(CASES)}")
    parser.add_argument(
        "--sizes",
        default="0.01,0.03,0.1,1,10",
        help="MB of UTF-8, ascending (0.01 and 0.03 calibrate the growth exponent)",
    )
    parser.add_argument("--budget", type=float, default=60.0, help="seconds allowed per measurement")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--fn",
        choices=("extract", "find_quantities"),
        default="extract",
        help="the function timed (the number layer alone: find_quantities)",
    )
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    names = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown cases {unknown}")
    budget = f"budget {args.budget:.0f} s per run; nproc={os.cpu_count()}"
    print(f"# adversarial inputs, {args.fn}: seconds per MB of UTF-8 ({budget})")
    header = f"{'case':11s} {'unit':8s} " + " ".join(f"{s:>9g}MB" for s in sizes) + "  verdict"
    print(header)
    results: dict[str, list[dict[str, object]]] = {}
    started = time.perf_counter()
    for name in names:
        unit = CASES[name]
        points: list[Point] = []
        for mb in sizes:
            guess = predicted(points, mb)
            if points and points[-1].seconds is None:
                points.append(Point(mb, None, "skipped: a smaller size was already over budget"))
            elif guess is not None and guess > args.budget:
                points.append(Point(mb, None, f"skipped: predicted {guess:.0f} s"))
            else:
                points.append(measure(unit, mb, args.budget, args.fn))
        cells = []
        for p in points:
            if p.per_mb is not None:
                cells.append(f"{p.per_mb:9.3f}s ")
            else:
                cells.append(f"{'>budget' if p.note.startswith('killed') else 'skip':>10s} ")
        print(f"{name:11s} {unit!r:8s} " + " ".join(cells) + " " + verdict(points), flush=True)
        for p in points:
            if p.note:
                print(f"{'':20s}{p.mb:g} MB: {p.note}")
        results[name] = [
            {
                "mb": p.mb,
                "seconds": p.seconds,
                "per_mb": p.per_mb,
                "note": p.note,
                "chars": p.chars,
                "metrics": p.metrics,
            }
            for p in points
        ]
    print(f"# total {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
