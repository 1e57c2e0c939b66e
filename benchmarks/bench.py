"""Speed and size of policemetrics next to Recognizers-Text, in one run. Prints figures; asserts nothing.

    python benchmarks/bench.py              # everything (a few minutes)
    python benchmarks/bench.py --quick      # fewer rounds, no 10 MB run
    python benchmarks/bench.py --json       # also print the figures as one JSON object

Texts: the article BODIES of ../shared/dev/articles and ../shared/seeds (each cut where the normaliser
ends its article, so page footers do not end a concatenation early), read at run time and never
copied into the project; the 1 MB and 10 MB texts are those bodies joined and repeated. Without
../shared the script says so and stops.

Comparisons are made in one process with the calls ALTERNATED (A B, then B A, ... so that machine
drift falls on both sides) and summarised as the MEDIAN of rounds; every figure that compares two
things is printed as a ratio (> 1: policemetrics is faster). The peer is Microsoft Recognizers-Text's
Chinese number model (``NumberRecognizer(Culture.Chinese).get_number_model().parse``, built once),
installed by ``pip install -e ".[bench]"``; when it does not import, its ratios are skipped with the
reason. Fresh interpreters measure import, the first call, peak RSS and the 10 MB rate.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SOURCES = [SHARED / "dev" / "articles", SHARED / "seeds"]
MB = 1_000_000
TARGETS = {
    "per_article_vs_rt": 1.5,
    "one_mb_vs_rt": 4.0,
    "find_quantities_vs_rt": 3.0,
    "workers2_vs_workers1": 1.6,
    "import_s": 0.05,
    "first_call_s": 0.3,
    "peak_rss_10mb_mb": 300.0,
    "per_mb_10_vs_1": 0.10,
    "spec_rate": 0.95,
}

sys.path.insert(0, str(ROOT))


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def raw_articles() -> list[str]:
    return [p.read_text(encoding="utf-8") for d in SOURCES if d.is_dir() for p in sorted(d.glob("*.txt"))]


def article_bodies() -> list[str]:
    """Each article up to where the normaliser ends it (its page footer would end a concatenation)."""
    from policemetrics.text import normalise

    out = []
    for text in raw_articles():
        doc = normalise(text)
        out.append(text[: doc.offsets.ends[-1]] if doc.text else text)
    return [t for t in out if t.strip()]


def corpus(size: int) -> str:
    one = "\n\n".join(article_bodies())
    reps = -(-size // nbytes(one))
    return "\n\n".join([one] * reps)


def nbytes(text: str) -> int:
    return len(text.encode("utf-8"))


def alternate(variants: dict[str, Callable[[], Any]], rounds: int) -> dict[str, float]:
    """Median seconds per variant; each round runs every variant once, in a rotated order."""
    names = list(variants)
    times: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        if r % 2:
            order.reverse()
        for name in order:
            t = time.perf_counter()
            variants[name]()
            times[name].append(time.perf_counter() - t)
    return {n: statistics.median(v) for n, v in times.items()}


def alternate_each(texts: Sequence[str], fns: dict[str, Callable[[str], Any]], rounds: int) -> dict[str, float]:
    """Per-article alternation: for every text the variants run back to back (rotated); the total
    per variant is taken for each round, then the median of the rounds."""
    names = list(fns)
    totals: dict[str, list[float]] = {n: [] for n in names}
    for r in range(rounds):
        acc = dict.fromkeys(names, 0.0)
        for i, text in enumerate(texts):
            k = (r + i) % len(names)
            for name in names[k:] + names[:k]:
                t = time.perf_counter()
                fns[name](text)
                acc[name] += time.perf_counter() - t
        for name in names:
            totals[name].append(acc[name])
    return {n: statistics.median(v) for n, v in totals.items()}


def run_child(code: str, *args: str, timeout: float = 900, env: dict[str, str] | None = None) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env or _env(),
        timeout=timeout,
        check=True,
    )
    return out.stdout.strip()


def recognizers_text() -> tuple[Callable[[str], Any] | None, str]:
    try:
        from recognizers_number import Culture, NumberRecognizer
    except Exception as exc:  # the peer is optional: any import failure only skips its ratios
        return (
            None,
            f"skipped: recognizers-text does not import ({type(exc).__name__}: {exc}); pip install -e '.[bench]'",
        )
    model = NumberRecognizer(Culture.Chinese).get_number_model()
    return model.parse, "recognizers-text number model (Chinese)"


# ---------------------------------------------------------------- measurements


def bench_per_article(bodies: list[str], rt: Callable[[str], Any] | None, rounds: int) -> dict[str, Any]:
    from policemetrics import extract, find_quantities

    fns: dict[str, Callable[[str], Any]] = {"extract": extract, "find_quantities": find_quantities}
    if rt is not None:
        fns["rt"] = rt
    for text in bodies:  # warm every variant
        for fn in fns.values():
            fn(text)
    med = alternate_each(bodies, fns, rounds)
    size = sum(nbytes(t) for t in bodies)
    out: dict[str, Any] = {"articles": len(bodies), "kb": size / 1e3}
    out.update({f"{n}_kb_s": size / s / 1e3 for n, s in med.items()})
    if rt is not None:
        out["per_article_vs_rt"] = med["rt"] / med["extract"]
        out["find_quantities_vs_rt"] = med["rt"] / med["find_quantities"]
    return out


def bench_one_mb(rt: Callable[[str], Any] | None, rounds: int) -> dict[str, Any]:
    from policemetrics import extract, find_quantities

    text = corpus(MB)
    variants: dict[str, Callable[[], Any]] = {"extract": lambda: extract(text), "fq": lambda: find_quantities(text)}
    if rt is not None:
        variants["rt"] = lambda: rt(text)
    med = alternate(variants, rounds)
    out: dict[str, Any] = {"bytes": nbytes(text), "extract_kb_s": nbytes(text) / med["extract"] / 1e3}
    out["find_quantities_kb_s"] = nbytes(text) / med["fq"] / 1e3
    if rt is not None:
        out["rt_kb_s"] = nbytes(text) / med["rt"] / 1e3
        out["one_mb_vs_rt"] = med["rt"] / med["extract"]
        out["one_mb_find_quantities_vs_rt"] = med["rt"] / med["fq"]
    return out


def bench_workers(bodies: list[str], rounds: int, copies: int) -> dict[str, Any]:
    from policemetrics import extract_many

    texts = bodies * copies
    extract_many(bodies[:4], workers=1)  # warm this process: forked workers inherit its compiled tables
    med = alternate(
        {"w1": lambda: extract_many(texts, workers=1), "w2": lambda: extract_many(texts, workers=2)}, rounds
    )
    return {
        "documents": len(texts),
        "workers1_s": med["w1"],
        "workers2_s": med["w2"],
        "workers2_vs_workers1": med["w1"] / med["w2"],
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


_FIRST_CALL = r"""
import sys, time
t = time.perf_counter()
import policemetrics
imported = time.perf_counter() - t
policemetrics.extract(open(sys.argv[1], encoding="utf-8").read())
print(imported, time.perf_counter() - t)
"""


def bench_cold(runs: int) -> dict[str, float]:
    """Import and first call in fresh interpreters, as an installed package runs: ``pip install`` byte-compiles
    every module, so the measured runs read bytecode (kept in a temporary PYTHONPYCACHEPREFIX, written by one
    unmeasured run; the source tree is not touched). The same with no bytecode at all (every module, the libraries'
    too, compiled from source: an empty cache and PYTHONDONTWRITEBYTECODE=1) is printed beside it, for information."""
    seed = str(sorted((SHARED / "seeds").glob("*.txt"))[0])
    with tempfile.TemporaryDirectory() as cache:
        cached = {**_env(), "PYTHONPYCACHEPREFIX": cache}
        cached.pop("PYTHONDONTWRITEBYTECODE", None)
        run_child(_FIRST_CALL, seed, env=cached)  # writes the bytecode
        fresh = {**_env(), "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": cache + "-none"}
        pairs, uncached = [], []
        for _ in range(runs):  # alternated, as everywhere
            pairs.append(tuple(map(float, run_child(_FIRST_CALL, seed, env=cached).split())))
            uncached.append(float(run_child(_FIRST_CALL, seed, env=fresh).split()[1]))
    return {
        "import_s": statistics.median(p[0] for p in pairs),
        "first_call_s": statistics.median(p[1] for p in pairs),
        "first_call_no_bytecode_s": statistics.median(uncached),
    }


_SIZE_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[2])
from benchmarks.bench import article_bodies, corpus
import policemetrics


def peak_mb():
    with open("/proc/self/status") as fh:  # VmHWM: this process's own high-water mark (Linux)
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    return float("nan")


for t in article_bodies()[:5]:
    policemetrics.extract(t)  # warm
text = corpus(int(sys.argv[1]))
t = time.perf_counter()
report = policemetrics.extract(text)
seconds = time.perf_counter() - t
print(json.dumps({"bytes": len(text.encode()), "seconds": seconds, "metrics": len(report.metrics), "rss": peak_mb()}))
"""


def bench_sizes(big: int) -> dict[str, Any]:
    """1 MB and ``big`` bytes, each in a fresh process (run alternately: 1, big, 1)."""
    one = [json.loads(run_child(_SIZE_CHILD, str(MB), str(ROOT))) for _ in range(1)]
    large = json.loads(run_child(_SIZE_CHILD, str(big), str(ROOT)))
    one.append(json.loads(run_child(_SIZE_CHILD, str(MB), str(ROOT))))
    per_mb_one = statistics.median(r["seconds"] / r["bytes"] * MB for r in one)
    per_mb_big = large["seconds"] / large["bytes"] * MB
    return {
        "one_mb_s_per_mb": per_mb_one,
        "big_mb": large["bytes"] / MB,
        "big_s_per_mb": per_mb_big,
        "per_mb_big_vs_1": per_mb_big / per_mb_one - 1,
        "peak_rss_big_mb": large["rss"],
        "peak_rss_1mb_mb": statistics.median(r["rss"] for r in one),
    }


def bench_spec() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from spec_recall import DEFAULT_ROOT, measure

    if not DEFAULT_ROOT.is_dir():
        return {"skipped": f"{DEFAULT_ROOT} not found"}
    tallies = measure(DEFAULT_ROOT)
    overall = tallies["all"]
    return {
        "spec_rate": overall.rate,
        "found": overall.found,
        "total": overall.total,
        "deliberate": len(overall.deliberate),
    }


# ---------------------------------------------------------------- report


def _line(label: str, value: float | None, fmt: str, target: str = "", ok: bool | None = None) -> None:
    shown = "n/a" if value is None else format(value, fmt.rstrip("x")) + ("x" if fmt.endswith("x") else "")
    mark = "" if ok is None else ("  met" if ok else "  MISSED")
    print(f"  {label:<48} {shown:>10}  {target}{mark}")


def _ratio(label: str, fig: dict[str, Any], key: str) -> None:
    value = fig.get(key)
    target = TARGETS.get(key)
    _line(
        label,
        value,
        ".2fx",
        f"target >= {target}x" if target else "",
        None if value is None else value >= (target or 0),
    )


def _print(figs: dict[str, Any], peer: str) -> None:
    art, one = figs["per_article"], figs["one_mb"]
    print(f"peer: {peer}")
    print(f"per article ({art['articles']} article bodies, {art['kb']:.0f} KB, median of rounds):")
    _line("extract KB/s", art["extract_kb_s"], ".0f")
    _line("find_quantities KB/s", art["find_quantities_kb_s"], ".0f")
    _line("recognizers-text KB/s", art.get("rt_kb_s"), ".0f")
    _ratio("extract vs recognizers-text", art, "per_article_vs_rt")
    _ratio("find_quantities vs recognizers-text", art, "find_quantities_vs_rt")
    print(f"one text of {one['bytes'] / MB:.2f} MB:")
    _line("extract KB/s", one["extract_kb_s"], ".0f")
    _line("recognizers-text KB/s", one.get("rt_kb_s"), ".0f")
    _ratio("extract vs recognizers-text", one, "one_mb_vs_rt")
    _ratio("find_quantities vs recognizers-text", one, "one_mb_find_quantities_vs_rt")
    w = figs["workers"]
    print(f"extract_many, {w['documents']} documents ({w['usable_cpus']} usable CPUs, load {w['load_average']:.1f}):")
    _ratio("workers=2 vs workers=1", w, "workers2_vs_workers1")
    cold = figs["cold"]
    print("fresh interpreter (median):")
    _line("import policemetrics (s)", cold["import_s"], ".3f", "target < 0.05", cold["import_s"] < TARGETS["import_s"])
    ok = cold["first_call_s"] < TARGETS["first_call_s"]
    _line("import + first extract of a seed (s)", cold["first_call_s"], ".3f", "target < 0.3", ok)
    _line("  the same with no bytecode (every module compiled)", cold["first_call_no_bytecode_s"], ".3f")
    if "sizes" in figs:
        s = figs["sizes"]
        print(f"{s['big_mb']:.1f} MB vs 1 MB (fresh processes):")
        _line("peak RSS at 10 MB (MB)", s["peak_rss_big_mb"], ".0f", "target < 300", s["peak_rss_big_mb"] < 300)
        ok = abs(s["per_mb_big_vs_1"]) <= TARGETS["per_mb_10_vs_1"]
        _line("time per MB, 10 MB vs 1 MB", s["per_mb_big_vs_1"], "+.1%", "target within 10%", ok)
    spec = figs["spec"]
    if "spec_rate" in spec:
        print("number layer on the Recognizers-Text Chinese Number + Percent specs:")
        ok = spec["spec_rate"] >= TARGETS["spec_rate"]
        label = f"found with the right value ({spec['found']}/{spec['total']}, {spec['deliberate']} deliberate)"
        _line(label, spec["spec_rate"], ".1%", "target >= 95%", ok)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, no 10 MB run")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)
    if not any(d.is_dir() for d in SOURCES):
        print(f"skipped: no article texts under {SHARED} (dev/articles, seeds); nothing to measure")
        return 0
    bodies = article_bodies()
    rt, peer = recognizers_text()
    rounds = 3 if args.quick else 5
    figs: dict[str, Any] = {
        "per_article": bench_per_article(bodies, rt, rounds),
        "one_mb": bench_one_mb(rt, 3),
        "workers": bench_workers(bodies, 3, 4 if args.quick else 8),
        "cold": bench_cold(5 if args.quick else 9),
        "spec": bench_spec(),
    }
    if not args.quick:
        figs["sizes"] = bench_sizes(10 * MB)
    _print(figs, peer)
    if args.json:
        print(json.dumps(figs, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
