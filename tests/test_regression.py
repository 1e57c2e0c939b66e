"""Per-article regression: no seed or development article may lose more than 0.05 of metric strict F1,
honours F1, initiatives F1 or report fields against the committed table ``tests/regression/articles.json``
(the aggregate over 41 articles hides a loss on one). The figures are the referee's
(``../shared/eval/score.py``), computed by ``scripts/article_table.py``; after an intended change, regenerate
the table with ``python scripts/article_table.py`` and commit it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TABLE_PATH = ROOT / "tests" / "regression" / "articles.json"
SCRIPT_PATH = ROOT / "scripts" / "article_table.py"
TOLERANCE = 0.05
GATED = ("strict", "honours", "initiatives", "report")


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("article_table", SCRIPT_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def regressions(committed: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """One line per article figure that dropped by more than TOLERANCE, or per article scored on one side only."""
    problems = []
    for stem, old in sorted(committed.items()):
        new = current.get(stem)
        if new is None:
            problems.append(f"{stem}: in the committed table but not scored now (article or gold missing)")
            continue
        for figure in GATED:
            before, after = old[figure]["f1"], new[figure]["f1"]
            if before - after > TOLERANCE + 1e-9:
                problems.append(
                    f"{stem}: {figure} F1 {before:.3f} -> {after:.3f} (-{before - after:.3f}); "
                    f"tp/pred/gold {_counts(old[figure])} -> {_counts(new[figure])}"
                )
    problems += [
        f"{stem}: not in the committed table (run python scripts/article_table.py)"
        for stem in sorted(current.keys() - committed.keys())
    ]
    return problems


def _counts(figure: dict[str, Any]) -> str:
    return "/".join(str(figure.get(k, "-")) for k in ("tp", "pred", "gold"))


def _check(name: str) -> None:
    script = _script()
    if not script.REFEREE.is_file():
        pytest.skip(f"the referee {script.REFEREE} is not present (it lives in ../shared, outside the repository)")
    if not script.available(name):
        texts, gold = script.SETS[name]
        pytest.skip(f"the {name} articles are not present ({texts}, {gold}): ../shared is outside the repository")
    table = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    assert name in table, f"{TABLE_PATH} has no {name!r} part: run python scripts/article_table.py"
    problems = regressions(table[name], script.article_figures(name))
    assert not problems, (
        f"{name}: articles lost more than {TOLERANCE} against {TABLE_PATH.name} "
        "(if intended, regenerate it: python scripts/article_table.py)\n" + "\n".join(problems)
    )


def test_no_seed_article_regresses() -> None:
    _check("seeds")


def test_no_dev_article_regresses() -> None:
    _check("dev")


# ---------------------------------------------------------------- the comparison itself


def _fig(f1: float) -> dict[str, Any]:
    return {"f1": f1, "tp": 0, "pred": 0, "gold": 0}


def _article(strict: float, honours: float = 1.0, initiatives: float = 1.0, report: float = 1.0) -> dict[str, Any]:
    return {"strict": _fig(strict), "honours": _fig(honours), "initiatives": _fig(initiatives), "report": _fig(report)}


def test_a_drop_beyond_the_tolerance_names_the_article_and_figure() -> None:
    committed = {"d01": _article(0.90), "d02": _article(0.80, honours=0.5), "d03": _article(1.0)}
    current = {"d01": _article(0.85), "d02": _article(0.80, honours=0.44), "d03": _article(0.94)}
    problems = regressions(committed, current)
    assert [p.split(":")[0] + " " + p.split()[1] for p in problems] == ["d02 honours", "d03 strict"]


def test_gains_and_small_drops_pass() -> None:
    committed = {"d01": _article(0.90, initiatives=0.5)}
    assert regressions(committed, {"d01": _article(0.85, initiatives=0.9)}) == []


def test_articles_on_one_side_only_are_reported() -> None:
    problems = regressions({"d01": _article(1.0)}, {"d02": _article(1.0)})
    assert len(problems) == 2
    assert problems[0].startswith("d01: in the committed table")
    assert problems[1].startswith("d02: not in the committed table")


def test_the_committed_table_covers_the_gated_figures() -> None:
    table = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    assert table["seeds"], "the seeds part is always committed"
    for name in ("seeds", "dev"):
        for stem, figures in table.get(name, {}).items():
            for figure in GATED:
                assert 0.0 <= figures[figure]["f1"] <= 1.0, (name, stem, figure)
