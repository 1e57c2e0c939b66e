"""The seeds against their gold (a copy in tests/gold): a regression floor, measured with
policemetrics.evaluate (the same matching as the project's referee)."""

from __future__ import annotations

from pathlib import Path

import pytest

from policemetrics import extract
from policemetrics.evaluate import Score, load_gold, score_metrics

ROOT = Path(__file__).resolve().parent.parent
GOLD = sorted((ROOT / "tests" / "gold").glob("*.jsonl"))


def test_every_seed_has_gold() -> None:
    assert len(GOLD) == 5
    for g in GOLD:
        assert (ROOT / "seeds" / f"{g.stem}.txt").exists()


def test_seed_metrics_stay_above_the_floor() -> None:
    totals = {"detection": [0, 0, 0], "strict": [0, 0, 0]}
    for g in GOLD:
        text = (ROOT / "seeds" / f"{g.stem}.txt").read_text(encoding="utf-8")
        scores = score_metrics(text, load_gold(g), extract(text))
        for name in totals:
            s = getattr(scores, name)
            totals[name] = [totals[name][0] + s.tp, totals[name][1] + s.predicted, totals[name][2] + s.gold]
    detection, strict = Score(*totals["detection"]), Score(*totals["strict"])
    # measured 0.979 / 0.979 when this floor was set; the acceptance is 0.92 / 0.85
    assert detection.f1 >= 0.95
    assert strict.f1 >= 0.95


def test_score_arithmetic() -> None:
    s = Score(tp=3, predicted=4, gold=6)
    assert (s.precision, s.recall) == (0.75, 0.5)
    assert s.f1 == pytest.approx(0.6)
    assert Score(0, 0, 0).f1 == 1.0
