#!/usr/bin/env python3
"""Concept accuracy on the metrics matched to the gold (seeds and development set).

A predicted metric matches a gold metric as the referee matches them (``shared/eval/score.py``): its ``span``
overlaps the gold ``number``, largest overlap first (ties: nearest start), one-to-one. For every matched gold
metric with a label in ``shared/concepts/labels-dev.jsonl`` (role "metric"), the predicted ``Metric.concept`` is
right when it equals the label (``other`` and null count as the same answer: not a comparable statistic).

Usage::

    python scripts/concept_accuracy.py [--shared ../shared] [--half odd|even|all] [--misses N]

``--half`` selects the odd- or even-numbered development articles (d01, d03 ... or d02, d04 ...); the seeds are
always scored separately. Prints one line per set and, with ``--misses``, the wrong answers.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOT_COMPARABLE = "other"


@dataclass
class Outcome:
    doc: str
    quote: str
    gold: str
    got: str
    indicator: str | None
    rule: str | None


def _key(doc: str, g: dict) -> tuple[str, str, str, int]:
    return doc, g["quote"], g["number"], g.get("occurrence") or 0


def _labels(path: Path) -> dict[str, dict[tuple[str, str, str, int], str]]:
    out: dict[str, dict[tuple[str, str, str, int], str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.setdefault(row["set"], {})[_key(row["doc"], row)] = row["concept"]
    return out


def _gold(gold_dir: Path, doc: str) -> list[dict]:
    lines = (gold_dir / f"{doc}.jsonl").read_text(encoding="utf-8").splitlines()
    return [g for g in (json.loads(x) for x in lines if x.strip()) if g["type"] == "metric"]


def _outcomes(
    texts: Path, gold_dir: Path, labels: dict[tuple[str, str, str, int], str], docs: list[str]
) -> Iterator[Outcome]:
    import policemetrics
    from policemetrics.evaluate import match_metrics

    for doc in docs:
        text = (texts / f"{doc}.txt").read_text(encoding="utf-8")
        gold = _gold(gold_dir, doc)
        metrics = policemetrics.extract(text).metrics
        pairs = match_metrics(text, gold, [(m.span.start, m.span.end) for m in metrics])
        for gi, pi in sorted(pairs.items()):
            label = labels.get(_key(doc, gold[gi])) if gold[gi].get("role") != "anecdote" else None
            if label is not None:
                m = metrics[pi]
                got = m.concept or NOT_COMPARABLE
                yield Outcome(doc, gold[gi]["quote"], label, got, m.indicator, m.derivation.concept)


def _docs(gold_dir: Path, half: str) -> list[str]:
    docs = sorted(p.stem for p in gold_dir.glob("*.jsonl"))
    if half == "all":
        return docs
    want = 1 if half == "odd" else 0
    return [d for d in docs if d[1:].isdigit() and int(d[1:]) % 2 == want]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--half", choices=("odd", "even", "all"), default="all")
    ap.add_argument("--misses", type=int, default=0, help="print up to N wrong answers")
    ap.add_argument("--skip-seeds", action="store_true")
    a = ap.parse_args(argv)
    labels = _labels(a.shared / "concepts" / "labels-dev.jsonl")
    sets = [("dev", a.shared / "dev" / "articles", a.shared / "dev" / "gold", a.half)]
    if not a.skip_seeds:
        sets.insert(0, ("seeds", a.shared / "seeds", a.shared / "gold" / "seeds", "all"))
    wrong: list[Outcome] = []
    for name, texts, gold_dir, half in sets:
        outcomes = list(_outcomes(texts, gold_dir, labels.get(name, {}), _docs(gold_dir, half)))
        right = sum(o.gold == o.got for o in outcomes)
        share = right / len(outcomes) if outcomes else 0.0
        print(f"{name} ({half}): concept accuracy {share:.3f} ({right}/{len(outcomes)} matched, labelled metrics)")
        wrong += [o for o in outcomes if o.gold != o.got]
    for o in wrong[: a.misses]:
        print(f"{o.doc[:3]} | {o.quote} | ind {o.indicator!r} | gold {o.gold} | got {o.got} ({o.rule})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
