"""Precision, recall and F1 of extracted metrics against gold annotations (the gold JSONL format of
``tests/gold/SCHEMA.md``), with offset-aware matching: a predicted metric matches a gold metric when
its span overlaps the gold number expression, one to one, largest overlap first."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policemetrics.models import Metric, Report


@dataclass(frozen=True)
class Score:
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class MetricScores:
    detection: Score
    value: Score  # value, unit and approx equal
    strict: Score  # value plus kind and direction


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _gold_number_span(text: str, g: dict[str, Any]) -> tuple[int, int]:
    pos = -1
    for _ in range((g.get("occurrence") or 0) + 1):
        pos = text.find(g["quote"], pos + 1)
        if pos < 0:
            raise ValueError(f"gold quote not in text: {g['quote']!r}")
    inner = g["quote"].find(g["number"])
    if inner < 0:
        raise ValueError(f"gold number {g['number']!r} not in its quote")
    return pos + inner, pos + inner + len(g["number"])


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def score_metrics(text: str, gold: list[dict[str, Any]], report: Report) -> MetricScores:
    """Gold lines with role "anecdote" are neutral: missing them costs nothing, finding them neither."""
    golds = [g for g in gold if g.get("type") == "metric"]
    spans = [_gold_number_span(text, g) for g in golds]
    pairs: dict[int, Metric] = {}
    used: set[int] = set()
    candidates = []
    for gi, (a, b) in enumerate(spans):
        for pi, m in enumerate(report.metrics):
            overlap = min(b, m.span.end) - max(a, m.span.start)
            if overlap > 0:
                candidates.append((overlap, -abs(a - m.span.start), gi, pi))
    for _, _, gi, pi in sorted(candidates, reverse=True):
        if gi not in pairs and pi not in used:
            pairs[gi] = report.metrics[pi]
            used.add(pi)
    anecdotes = sum(1 for gi in pairs if golds[gi].get("role") == "anecdote")
    n_gold = sum(1 for g in golds if g.get("role") != "anecdote")
    n_pred = len(report.metrics) - anecdotes
    tp = value_ok = strict_ok = 0
    for gi, m in pairs.items():
        g = golds[gi]
        if g.get("role") == "anecdote":
            continue
        tp += 1
        unit_ok = g.get("unit") is None or g.get("unit") == m.unit
        value = _same(float(g["value"]), m.value) and unit_ok and (g.get("approx") or None) == m.approx
        strict = value and g.get("kind") == m.kind and (g.get("direction") or None) == m.direction
        value_ok += value
        strict_ok += strict
    return MetricScores(Score(tp, n_pred, n_gold), Score(value_ok, n_pred, n_gold), Score(strict_ok, n_pred, n_gold))
