"""policemetrics.evaluate: the scoring semantics on small hand-written cases, the seeds against their
gold (a copy in tests/gold) as a regression floor, and agreement with the project's referee."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import policemetrics
from policemetrics import extract
from policemetrics.evaluate import Evaluation, GoldError, Score, char_f1, evaluate, load_gold, score_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD_DIR = ROOT / "tests" / "gold"
GOLD = sorted(GOLD_DIR.glob("*.jsonl"))
REFEREE = ROOT.parent / "shared" / "eval" / "score.py"

TEXT = "全省电诈警情同比下降26.4%，抓获犯罪嫌疑人1381人，其中一人被刺15刀。"


def sp(part: str, text: str = TEXT) -> dict[str, Any]:
    i = text.index(part)
    return {"start": i, "end": i + len(part), "text": part}


def gold_metric(quote: str, number: str, value: float, unit: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": "metric", "quote": quote, "number": number, "value": value, "unit": unit, "kind": kind, **extra}


GOLD_LINES = [
    {"type": "report", "title": "成绩单", "published": None, "source": None, "authors": [], "region": "湖北省"},
    gold_metric("电诈警情同比下降26.4%", "26.4%", 26.4, "%", "change", direction="down", indicator="电诈警情"),
    gold_metric("抓获犯罪嫌疑人1381人", "1381人", 1381, "人", "count", indicator="抓获犯罪嫌疑人", subject="湖北省"),
    gold_metric("被刺15刀", "15刀", 15, "刀", "count", role="anecdote"),
]


def pred_metric(part: str, value: float, unit: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"span": sp(part), "value": value, "unit": unit, "kind": kind, **extra}


def test_metric_matching_value_strict_and_anecdotes() -> None:
    pred = {
        "title": "成绩单",
        "region": "湖北",
        "metrics": [
            pred_metric("26.4%", 26.4, "%", "change", direction="up", indicator="电诈警情"),  # direction wrong
            pred_metric("1381人", 1381, "人", "count", indicator="犯罪嫌疑人", subject="全省"),
            pred_metric("15刀", 15, "刀", "count"),  # an anecdote: neutral
            pred_metric("一人", 1, "人", "count"),  # extra
        ],
    }
    result = score_document(TEXT, GOLD_LINES, pred, "t")
    assert result.metric_detection == Score(tp=2, predicted=3, gold=2)
    assert result.metric_value == Score(2, 3, 2)
    assert result.metric_strict == Score(1, 3, 2)
    assert result.indicator_accuracy == 1.0  # 犯罪嫌疑人 is inside 抓获犯罪嫌疑人
    assert result.attribute_accuracy["subject"] == 0.0  # 全省 vs 湖北省: character F1 below 0.6
    assert result.span_validity == 1.0
    assert result.report_fields == 1.0  # title, region (湖北 in 湖北省), and the empty fields agree
    assert [(m.kind, m.quote) for m in result.misses] == [
        ("metric-kind", "电诈警情同比下降26.4%"),
        ("metric-extra", "一人"),
    ]


def test_unit_approx_and_bad_spans() -> None:
    pred = {
        "metrics": [
            pred_metric("26.4%", 26.4, "个百分点", "change", direction="down"),  # unit wrong
            {**pred_metric("1381人", 1381, "人", "count"), "approx": "more_than"},  # approx wrong
            {"span": {"start": 0, "end": 2, "text": "不对"}, "value": 1, "kind": "count"},  # invalid span text
        ]
    }
    result = score_document(TEXT, GOLD_LINES, pred)
    assert result.metric_detection.tp == 2
    assert result.metric_value.tp == 0
    assert result.span_validity == round(2 / 3, 4)


def test_a_gold_number_overlapped_by_two_predictions_takes_the_larger_overlap() -> None:
    pred = {"metrics": [pred_metric("26", 26, "%", "change"), pred_metric("26.4%", 26.4, "%", "change")]}
    result = score_document(TEXT, GOLD_LINES[1:2], pred)
    assert result.metric_detection == Score(1, 2, 1)
    assert result.metric_value.tp == 1  # the 26.4% reading was paired, not the partial one


def test_honours_and_initiatives_are_entities() -> None:
    text = "市局荣获全国优秀公安局称号。全国优秀公安局的荣誉来之不易。开展清风行动。"
    gold = [
        {"type": "honour", "quote": "荣获全国优秀公安局称号", "title": "全国优秀公安局", "recipient": "市局"},
        {"type": "honour", "quote": "全国优秀公安局的荣誉", "title": "全国优秀公安局", "recipient": "市局"},
        {"type": "initiative", "quote": "清风行动", "name": "清风行动", "category": "campaign"},
    ]
    pred = {
        "honours": [{"title": "全国优秀公安局", "span": sp("全国优秀公安局的荣誉", text)}],  # the second mention
        "initiatives": [{"name": "清风", "span": sp("清风", text)}, {"name": "行动", "span": sp("行动", text)}],
    }
    result = score_document(text, gold, pred)
    assert result.honours == Score(1, 1, 1)  # two gold lines, one entity
    assert result.initiatives == Score(1, 2, 1)  # 清风 matches by name F1 (0.67); 行动 does not (0.5)


def test_report_fields() -> None:
    gold = [
        {
            "type": "report",
            "title": "湖北交出五年成绩单",
            "published": "2024-01-10",
            "source": "湖北日报",
            "authors": ["张三", "李四"],
            "region": "湖北省",
            "period": {"start": "2019", "end": "2023"},
        }
    ]
    good = {
        "title": "湖北交出五年成绩单",
        "published": "2024-01-10",
        "source": "湖北日报",
        "authors": ["李四", "张三"],
        "region": "湖北",
        "period": {"start": "2019", "end": "2023"},
    }
    assert score_document("正文", gold, good).report_fields == 1.0
    bad = {**good, "published": "2024-01-11", "authors": ["张三"], "period": {"start": "2023", "end": "2023"}}
    result = score_document("正文", gold, bad)
    assert result.report_fields == 0.5
    assert [m.kind for m in result.misses] == ["report-published", "report-authors", "report-period"]


def test_char_f1() -> None:
    assert char_f1("破案率", "刑事案件破案率") == 1.0
    assert char_f1("“平安”建设", "平安建设") == 1.0  # quote marks do not count
    assert char_f1("abcd", "abxy") == 0.5
    assert char_f1(None, "x") == 0.0


def test_score_arithmetic() -> None:
    s = Score(tp=3, predicted=4, gold=6)
    assert (s.precision, s.recall) == (0.75, 0.5)
    assert s.f1 == pytest.approx(0.6)
    assert Score(0, 0, 0).f1 == 1.0
    assert Score(0, 3, 0).precision == 0.0 and Score(0, 0, 2).precision == 0.0
    assert s.to_dict() == {"precision": 0.75, "recall": 0.5, "f1": 0.6, "tp": 3, "pred": 4, "gold": 6}


def test_malformed_gold_is_a_gold_error(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="quote not found"):
        score_document(TEXT, [gold_metric("不在文中", "1", 1, "个", "count")], {})
    with pytest.raises(GoldError, match="not inside quote"):
        score_document(TEXT, [gold_metric("1381人", "999", 999, "人", "count")], {})
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"type": "report"}\nnot json\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"x\.jsonl:2"):
        load_gold(bad)
    with pytest.raises(FileNotFoundError, match="no gold files"):
        evaluate(tmp_path / "texts", tmp_path / "empty")


def test_every_seed_has_gold() -> None:
    assert len(GOLD) == 5
    for g in GOLD:
        assert (SEEDS / f"{g.stem}.txt").exists()


@pytest.fixture(scope="module")
def seed_eval() -> Evaluation:
    return evaluate(SEEDS, GOLD_DIR)


def test_seed_metrics_stay_above_the_floor(seed_eval: Evaluation) -> None:
    # measured 0.978 / 0.978 when this floor was set
    assert seed_eval.metric_detection.f1 >= 0.95
    assert seed_eval.metric_strict.f1 >= 0.95
    assert seed_eval.span_validity == 1.0


def test_saved_predictions_and_the_callable_module(seed_eval: Evaluation, tmp_path: Path) -> None:
    for path in SEEDS.glob("*.txt"):
        report = extract(path.read_text(encoding="utf-8"))
        (tmp_path / f"{path.stem}.json").write_text(report.model_dump_json(), encoding="utf-8")
    assert evaluate(SEEDS, GOLD_DIR, tmp_path).to_dict() == seed_eval.to_dict()
    assert policemetrics.evaluate(SEEDS, GOLD_DIR, tmp_path).to_dict() == seed_eval.to_dict()  # type: ignore[operator]
    (tmp_path / next(SEEDS.glob("*.txt")).with_suffix(".json").name).unlink()  # a missing prediction: empty
    assert evaluate(SEEDS, GOLD_DIR, tmp_path).metric_detection.tp < seed_eval.metric_detection.tp


def test_the_same_figures_as_the_referee(seed_eval: Evaluation, tmp_path: Path) -> None:
    if not REFEREE.exists():
        pytest.skip("the referee (../shared/eval/score.py) is not beside this checkout")
    for path in SEEDS.glob("*.txt"):
        report = extract(path.read_text(encoding="utf-8"))
        (tmp_path / f"{path.stem}.json").write_text(report.model_dump_json(), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(REFEREE), "--texts", str(SEEDS), "--gold", str(GOLD_DIR), "--pred", str(tmp_path)],
        capture_output=True,
        check=True,
    )
    assert json.loads(proc.stdout) == seed_eval.to_dict()
