"""Per-article referee figures for the seeds and the development articles -> tests/regression/articles.json.

    python scripts/article_table.py            # from the repository root, with the project's venv

Regenerate the table whenever the readers change on purpose (and commit it): ``tests/test_regression.py``
recomputes the same figures and fails when any article loses more than 0.05 of metric strict F1, honours F1,
initiatives F1 or report fields, which the aggregate F1 over 41 articles hides.

For each article: ``extract(text)`` (no ``published``, as ``../shared/eval/predict.py`` runs it), scored by
``score_doc`` of the referee ``../shared/eval/score.py`` (imported by path, so the semantics are the
referee's own) into metric detection and strict F1, honours F1, initiatives F1 and the share of report
fields right, with the counts behind them. Seeds: ``seeds/*.txt`` with ``tests/gold/*.jsonl`` (the copy of
``../shared/gold/seeds``); dev: ``../shared/dev/articles`` with ``../shared/dev/gold`` (skipped when absent).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REFEREE = SHARED / "eval" / "score.py"
TABLE = ROOT / "tests" / "regression" / "articles.json"
# set name -> (folder of article .txt, folder of gold .jsonl)
SETS = {
    "seeds": (ROOT / "seeds", ROOT / "tests" / "gold"),
    "dev": (SHARED / "dev" / "articles", SHARED / "dev" / "gold"),
}
FIGURES = ("strict", "detection", "honours", "initiatives", "report")


def referee() -> ModuleType:
    """The referee's score.py as a module (FileNotFoundError when ../shared is not there)."""
    if not REFEREE.is_file():
        raise FileNotFoundError(f"the referee {REFEREE} is not present")
    spec = importlib.util.spec_from_file_location("referee_score", REFEREE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def available(name: str) -> bool:
    texts, gold = SETS[name]
    return texts.is_dir() and gold.is_dir() and any(gold.glob("*.jsonl"))


def score_article(score: ModuleType, text: str, gold: list[dict[str, Any]], pred: dict[str, Any]) -> dict[str, Any]:
    """The referee's figures for one article (F1 of a part with no gold and no prediction is 1.0)."""
    tally = score.Tally()
    score_doc = score.score_doc
    score_doc(text, gold, pred, tally, [])
    c = tally.c

    def f1(tp: str, pred_n: str, gold_n: str) -> dict[str, Any]:
        p = score.prf(c.get(tp, 0), c.get(pred_n, 0), c.get(gold_n, 0))
        return {"f1": p["f1"], "tp": p["tp"], "pred": p["pred"], "gold": p["gold"]}

    report_n = c.get("report_n", 0)
    return {
        "strict": f1("m_strict_ok", "m_pred", "m_gold"),
        "detection": f1("m_tp", "m_pred", "m_gold"),
        "honours": f1("honour_tp", "honour_pred", "honour_gold"),
        "initiatives": f1("initiative_tp", "initiative_pred", "initiative_gold"),
        "report": {"f1": round(c.get("report_ok", 0) / report_n, 4) if report_n else 1.0, "tp": c.get("report_ok", 0)},
    }


def article_figures(name: str) -> dict[str, dict[str, Any]]:
    """Article stem -> its figures, for one set ("seeds" or "dev")."""
    from policemetrics import extract  # imported here so --help works without the package

    score = referee()
    texts, gold_dir = SETS[name]
    out = {}
    for gold_path in sorted(gold_dir.glob("*.jsonl")):
        text = (texts / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        lines = gold_path.read_text(encoding="utf-8").splitlines()
        gold = [json.loads(line) for line in lines if line.strip()]
        pred = json.loads(json.dumps(extract(text).model_dump(mode="json")))  # exactly what predict.py writes
        out[gold_path.stem] = score_article(score, text, gold, pred)
    return out


def _dumps(table: dict[str, Any]) -> str:
    """JSON with one line per article, so a regenerated table diffs article by article."""
    parts = []
    for key, value in table.items():
        if key in SETS:
            rows = [f"  {json.dumps(stem)}: {json.dumps(figures)}" for stem, figures in value.items()]
            parts.append(f" {json.dumps(key)}: {{\n" + ",\n".join(rows) + "\n }")
        else:
            parts.append(f" {json.dumps(key)}: {json.dumps(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=TABLE, help=f"where to write the table (default {TABLE})")
    args = parser.parse_args(argv)
    old = json.loads(args.out.read_text(encoding="utf-8")) if args.out.is_file() else {}
    table: dict[str, Any] = {"generated_by": "python scripts/article_table.py", "figures": list(FIGURES)}
    for name in SETS:
        if not available(name) and name in old:  # a checkout without ../shared keeps the committed figures
            table[name] = old[name]
            print(f"{name}: not present ({SETS[name][0]}), committed figures kept", file=sys.stderr)
        elif available(name):
            table[name] = article_figures(name)
            mean = sum(a["strict"]["f1"] for a in table[name].values()) / max(len(table[name]), 1)
            print(f"{name}: {len(table[name])} articles, mean strict F1 {mean:.3f}", file=sys.stderr)
        else:
            print(f"{name}: not present ({SETS[name][0]}), left out of the table", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(_dumps(table), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
