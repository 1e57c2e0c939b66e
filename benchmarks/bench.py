"""Speed and size of policemetrics, with optional peers, in one run. Prints figures; asserts nothing.

    python benchmarks/bench.py                 # everything (a few minutes; the 10 MB run is capped)
    python benchmarks/bench.py --quick         # skip the 10 MB run and the peers' 1 MB runs
    python benchmarks/bench.py --profile       # also profile extract() on 1 MB with pyinstrument

Figures (MB = 10**6 bytes of UTF-8; KB = 10**3):

* warm throughput of ``extract`` on ONE ~1 MB text (the five seeds, repeated) and per article (each
  seed on its own), after a warm-up call, on one core;
* cold ``import policemetrics`` time (fresh interpreter, median of several) and cold first call;
* peak RSS of a fresh process that extracts the 1 MB text (``VmHWM`` on Linux, else
  ``resource.getrusage``);
* throughput at 10 MB vs 1 MB (one text each; the 10 MB run is a fresh process killed after
  ``--big-budget`` seconds, which then bounds its throughput from above);
* peers on the same texts, if installed (``pip install jionlp recognizers-text-suite``):
  JioNLP ``jio.ner.extract_money`` (JioNLP has no general number extractor) and Microsoft
  Recognizers-Text ``recognize_number(text, Culture.Chinese)``. They do less than policemetrics (number or
  money recognition only, no metric reading), so their throughput is an upper bound for that step.

Targets: >= 1 MB/s warm on one core, import < 0.3 s, peak RSS < 100 MB, 10 MB within 10% of 1 MB.

The seeds' web-page furniture after the article end (编辑:..., 联系我们) would make the normaliser stop
reading a concatenation at the first seed's end, so each seed is cut where the normaliser ends its
article before the seeds are repeated into one text.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
MB = 1_000_000
TARGETS = {"throughput_mb_s": 1.0, "import_s": 0.3, "peak_rss_mb": 100.0, "scaling_10_vs_1": 0.10}

sys.path.insert(0, str(ROOT))


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEEDS]


def article_bodies() -> list[str]:
    """Each seed up to the end of the article as the normaliser sees it (see the module docstring)."""
    from policemetrics.text import normalise

    out = []
    for text in seed_texts():
        doc = normalise(text)
        out.append(text[: doc.offsets.ends[-1]] if len(doc.text) else text)
    return out


def corpus(size: int) -> str:
    """The article bodies joined and repeated until the text has at least ``size`` bytes of UTF-8."""
    one = "\n\n".join(article_bodies())
    reps = -(-size // len(one.encode("utf-8")))
    return "\n\n".join([one] * reps)


def nbytes(text: str) -> int:
    return len(text.encode("utf-8"))


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median seconds of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def run_child(code: str, *args: str, timeout: float = 600) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=_env(), timeout=timeout, check=True
    )
    return out.stdout.strip()


# ---------------------------------------------------------------- policemetrics itself


def bench_import(runs: int) -> dict[str, float]:
    code = "import time; t = time.perf_counter(); import policemetrics; print(time.perf_counter() - t)"
    imports = [float(run_child(code)) for _ in range(runs)]
    first = (
        "import time; t = time.perf_counter(); import policemetrics; "
        "policemetrics.extract('2023年，全省电诈警情同比下降26.4%，抓获犯罪嫌疑人1381人。'); "
        "print(time.perf_counter() - t)"
    )
    firsts = [float(run_child(first)) for _ in range(max(3, runs // 2))]
    return {
        "import_s": statistics.median(imports),
        "import_min_s": min(imports),
        "first_call_s": statistics.median(firsts),
    }


_RSS_CHILD = r"""
import json, resource, sys
sys.path.insert(0, sys.argv[2])
from benchmarks.bench import corpus
import policemetrics


def peak_mb():
    # VmHWM is this process's own peak. ru_maxrss is not usable on Linux after fork + exec: it keeps
    # the high-water mark of the forked copy of the (possibly large) parent.
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1e6 if sys.platform == "darwin" else rss * 1024 / 1e6


text = corpus(int(sys.argv[1]))
before = peak_mb()
report = policemetrics.extract(text)
print(json.dumps({"peak_rss_mb": peak_mb(), "before_extract_rss_mb": before, "metrics": len(report.metrics)}))
"""


def bench_rss(size: int) -> dict[str, float]:
    result: dict[str, float] = json.loads(run_child(_RSS_CHILD, str(size), str(ROOT)))
    return result


def bench_throughput() -> dict[str, Any]:
    from policemetrics import extract

    seeds = seed_texts()
    for text in seeds:  # warm: tables, OpenCC, cn2an
        extract(text)
    per_article_s, _ = timed(lambda: [extract(t) for t in seeds], repeat=5)
    out: dict[str, Any] = {
        "per_article_kb_s": sum(nbytes(t) for t in seeds) / per_article_s / 1e3,
        "per_article_ms": per_article_s / len(seeds) * 1e3,
    }
    text = corpus(MB)
    seconds, report = timed(lambda: extract(text), repeat=3)
    out.update(
        one_mb_bytes=nbytes(text),
        one_mb_s=seconds,
        one_mb_kb_s=nbytes(text) / seconds / 1e3,
        one_mb_metrics=len(report.metrics),
        one_mb_metrics_if_linear=_expected_metrics(text),
    )
    return out


_BIG_CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[2])
from benchmarks.bench import corpus, seed_texts
import policemetrics
for t in seed_texts():
    policemetrics.extract(t)  # warm
text = corpus(int(sys.argv[1]))
t = time.perf_counter()
report = policemetrics.extract(text)
seconds = time.perf_counter() - t
print(json.dumps({"bytes": len(text.encode("utf-8")), "seconds": seconds, "metrics": len(report.metrics)}))
"""


def bench_big(size: int, one_mb: dict[str, Any], budget: float) -> dict[str, Any]:
    """One ``size``-byte text in a fresh process, killed after ``budget`` seconds."""
    try:
        data = json.loads(run_child(_BIG_CHILD, str(size), str(ROOT), timeout=budget))
    except subprocess.TimeoutExpired:
        return {
            "big_mb": size / MB,
            "big_killed_after_s": budget,
            "big_kb_s_below": size / budget / 1e3,
            "scaling_big_vs_1_below": size / budget / 1e3 / one_mb["one_mb_kb_s"] - 1,
        }
    kb_s = data["bytes"] / data["seconds"] / 1e3
    return {
        "big_mb": size / MB,
        "big_bytes": data["bytes"],
        "big_s": data["seconds"],
        "big_kb_s": kb_s,
        "big_metrics": data["metrics"],
        "scaling_big_vs_1": kb_s / one_mb["one_mb_kb_s"] - 1,
    }


def _expected_metrics(text: str) -> int:
    """Metrics of one copy of the bodies times the number of copies (checks nothing was cut off)."""
    from policemetrics import extract

    one = "\n\n".join(article_bodies())
    return len(extract(one).metrics) * (text.count(one[:200]))


# ---------------------------------------------------------------- peers


def _peer_jionlp() -> Callable[[str], Any]:
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):  # JioNLP prints a banner on import
        import jionlp

    return jionlp.ner.extract_money  # type: ignore[no-any-return]


def _peer_recognizers() -> Callable[[str], Any]:
    from recognizers_number import Culture, recognize_number

    return lambda text: recognize_number(text, Culture.Chinese)


PEERS: dict[str, tuple[str, Callable[[], Callable[[str], Any]]]] = {
    "jionlp.ner.extract_money": ("pip install jionlp", _peer_jionlp),
    "recognizers_number.recognize_number(Chinese)": ("pip install recognizers-text-suite 'emoji<2'", _peer_recognizers),
}


def bench_peers(ours: dict[str, Any], with_1mb: bool, budget: float) -> dict[str, Any]:
    seeds = seed_texts()
    per_article_bytes = sum(nbytes(t) for t in seeds)
    results: dict[str, Any] = {}
    for name, (install, load) in PEERS.items():
        try:
            fn = load()
        except Exception as exc:  # not installed or broken: say so and go on
            results[name] = {"skipped": f"{type(exc).__name__}: {exc} ({install})"}
            continue
        for text in seeds:
            fn(text)  # warm
        seconds, found = timed(lambda fn=fn: [fn(t) for t in seeds], repeat=3)
        entry: dict[str, Any] = {
            "per_article_kb_s": per_article_bytes / seconds / 1e3,
            "per_article_found": sum(len(f) for f in found),
            "ours_vs_peer_per_article": ours["per_article_kb_s"] / (per_article_bytes / seconds / 1e3),
        }
        predicted = seconds * MB / per_article_bytes
        if with_1mb and predicted < budget:
            text = corpus(MB)
            s1, found1 = timed(lambda fn=fn, text=text: fn(text), repeat=1)
            entry.update(
                one_mb_kb_s=nbytes(text) / s1 / 1e3,
                one_mb_found=len(found1),
                ours_vs_peer_1mb=ours["one_mb_kb_s"] / (nbytes(text) / s1 / 1e3),
            )
        elif with_1mb:
            entry["one_mb"] = f"skipped: predicted {predicted:.0f} s > budget {budget:.0f} s"
        results[name] = entry
    return results


# ---------------------------------------------------------------- profile


def profile(top: int) -> list[dict[str, Any]]:
    from pyinstrument import Profiler

    from policemetrics import extract

    text = corpus(MB)
    extract(seed_texts()[0])
    profiler = Profiler(interval=0.0005)
    profiler.start()
    extract(text)
    profiler.stop()
    session = profiler.last_session
    assert session is not None
    total = session.duration
    self_time: dict[tuple[str, int, str], float] = {}
    cumulative: dict[tuple[str, int, str], float] = {}

    def walk(frame: Any, on_stack: frozenset[tuple[str, int, str]]) -> None:
        if frame.is_synthetic:  # pyinstrument's "[self]" / "[await]" leaves: counted in their parent
            return
        key = (_short(frame.file_path or "?"), int(frame.line_no or 0), str(frame.function))
        self_time[key] = self_time.get(key, 0.0) + frame.total_self_time
        if key not in on_stack:  # recursion: count a function's total once per stack
            cumulative[key] = cumulative.get(key, 0.0) + frame.time
        for child in frame.children:
            walk(child, on_stack | {key})

    root = session.root_frame()
    if root is not None:
        walk(root, frozenset())
    rows = []
    for key, seconds in sorted(self_time.items(), key=lambda kv: -kv[1])[:top]:
        rows.append(
            {
                "where": f"{key[0]}:{key[1]}",
                "function": key[2],
                "self_s": seconds,
                "self_share": seconds / total,
                "total_s": cumulative.get(key, 0.0),
            }
        )
    print(profiler.output_text(unicode=False, color=False, show_all=False))
    return rows


# Stages of policemetrics.pipeline.extract timed without a profiler (a profiler inflates code made of
# many tiny Python frames). Names missing from the pipeline are ignored.
STAGES = (
    "normalise",
    "scan",
    "read_metrics",
    "read_metadata",
    "build_context",
    "find_honours",
    "find_initiatives",
    "_metric",
    "_honours",
    "_initiatives",
)


def stage_times() -> dict[str, float]:
    import functools

    import policemetrics.pipeline as pipeline

    spent: dict[str, float] = {}
    originals = {name: getattr(pipeline, name) for name in STAGES if hasattr(pipeline, name)}

    def timed_stage(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t

        return wrapper

    text = corpus(MB)
    pipeline.extract(seed_texts()[0])
    try:
        for name, fn in originals.items():
            setattr(pipeline, name, timed_stage(name, fn))
        t = time.perf_counter()
        pipeline.extract(text)
        spent["(total)"] = time.perf_counter() - t
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)
    return spent


def _short(path: str) -> str:
    for marker in ("site-packages/", str(ROOT) + "/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


# ---------------------------------------------------------------- report


def _mark(ok: bool) -> str:
    return "OK  " if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip the 10 MB run and the peers' 1 MB runs")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--profile", action="store_true", help="profile extract() on 1 MB (needs pyinstrument)")
    parser.add_argument("--top", type=int, default=15, help="hot spots to list with --profile")
    parser.add_argument("--import-runs", type=int, default=9)
    parser.add_argument("--peer-budget", type=float, default=120.0, help="seconds a peer may take on 1 MB")
    parser.add_argument("--big-mb", type=float, default=10.0, help="size of the large text (default 10 MB)")
    parser.add_argument("--big-budget", type=float, default=300.0, help="seconds allowed for the large text")
    parser.add_argument("--json", type=Path, help="also write all figures here")
    args = parser.parse_args(argv)

    figures: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "nproc": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
    }
    print(f"# policemetrics benchmark  python {figures['python']}  nproc={figures['nproc']}  {figures['platform']}")
    figures["import"] = imp = bench_import(args.import_runs)
    print(
        f"cold import           {imp['import_s'] * 1e3:8.1f} ms median (min {imp['import_min_s'] * 1e3:.1f} ms)   "
        f"[{_mark(imp['import_s'] < TARGETS['import_s'])} target < {TARGETS['import_s'] * 1e3:.0f} ms]"
    )
    print(f"cold import + 1st call{imp['first_call_s'] * 1e3:8.1f} ms median (tables, OpenCC, cn2an load lazily)")
    figures["throughput"] = tp = bench_throughput()
    mb_s = tp["one_mb_kb_s"] / 1e3
    print(f"per article (5 seeds) {tp['per_article_kb_s']:8.1f} KB/s  ({tp['per_article_ms']:.1f} ms per article)")
    print(
        f"one text, {tp['one_mb_bytes'] / MB:.2f} MB   {tp['one_mb_kb_s']:8.1f} KB/s  ({tp['one_mb_s']:.2f} s; "
        f"{tp['one_mb_metrics']} metrics; one copy's metrics x copies = {tp['one_mb_metrics_if_linear']})   "
        f"[{_mark(mb_s >= TARGETS['throughput_mb_s'])} target >= {TARGETS['throughput_mb_s'] * 1e3:.0f} KB/s]",
        flush=True,
    )
    if not args.quick:
        figures["big"] = big = bench_big(int(args.big_mb * MB), tp, args.big_budget)
        if "big_kb_s" in big:
            ok = abs(big["scaling_big_vs_1"]) <= TARGETS["scaling_10_vs_1"]
            print(
                f"one text, {big['big_bytes'] / MB:.2f} MB  {big['big_kb_s']:8.1f} KB/s  ({big['big_s']:.2f} s; "
                f"{big['big_metrics']} metrics)  vs 1 MB throughput {big['scaling_big_vs_1']:+.1%}   "
                f"[{_mark(ok)} target within 10%]",
                flush=True,
            )
        else:
            print(
                f"one text, {big['big_mb']:g} MB   killed after {big['big_killed_after_s']:.0f} s: "
                f"< {big['big_kb_s_below']:.1f} KB/s, vs 1 MB throughput < {big['scaling_big_vs_1_below']:+.1%}"
                f"   [MISS target within 10%]",
                flush=True,
            )
    figures["rss"] = rss = bench_rss(MB)
    print(
        f"peak RSS, 1 MB        {rss['peak_rss_mb']:8.1f} MB   "
        f"(RSS before extract {rss['before_extract_rss_mb']:.1f} MB)   "
        f"[{_mark(rss['peak_rss_mb'] < TARGETS['peak_rss_mb'])} target < {TARGETS['peak_rss_mb']:.0f} MB]"
    )
    if not args.no_peers:
        figures["peers"] = peers = bench_peers(tp, with_1mb=not args.quick, budget=args.peer_budget)
        print("# peers, same texts (ratio > 1: policemetrics faster)")
        for name, entry in peers.items():
            if "skipped" in entry:
                print(f"{name:46s} skipped: {entry['skipped']}")
                continue
            line = (
                f"{name:46s} per article {entry['per_article_kb_s']:8.1f} KB/s "
                f"(ours/peer {entry['ours_vs_peer_per_article']:.2f}, {entry['per_article_found']} found)"
            )
            if "one_mb_kb_s" in entry:
                line += (
                    f"; 1 MB {entry['one_mb_kb_s']:8.1f} KB/s (ours/peer {entry['ours_vs_peer_1mb']:.2f}, "
                    f"{entry['one_mb_found']} found)"
                )
            elif "one_mb" in entry:
                line += f"; 1 MB {entry['one_mb']}"
            print(line)
    if args.profile:
        figures["stages"] = stages = stage_times()
        total = stages["(total)"]
        print("# stages of extract() on one 1 MB text, no profiler (policemetrics/pipeline.py)")
        for name, seconds in sorted(stages.items(), key=lambda kv: -kv[1]):
            print(f"{seconds:8.3f} s {seconds / total:6.1%}  {name}")
        print("# profile of extract() on one 1 MB text (pyinstrument)")
        figures["profile"] = rows = profile(args.top)
        print(f"# top {args.top} by self time")
        for row in rows:
            print(
                f"{row['self_share']:6.1%} {row['self_s']:7.3f} s self  {row['total_s']:7.3f} s total  "
                f"{row['where']}  {row['function']}"
            )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
