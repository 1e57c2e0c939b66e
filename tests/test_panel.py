"""The panel across articles: one row per cell (region_code, concept, period, kind, unit), with its sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policemetrics import extract
from policemetrics.io.panel import COLUMNS, cells, panel, run_cli
from policemetrics.models import Metric, Period, Report

pd = pytest.importorskip("pandas")

KEY = ["region_code", "concept", "period", "kind", "unit"]
# two outlets, one figure; a third that disagrees; all written for this test
OUTLET_A = "2023年，湖北省公安机关共抓获电信网络诈骗犯罪嫌疑人1381人。"
OUTLET_B = "湖北省公安厅通报：2023年全省打击电诈犯罪，抓获犯罪嫌疑人1381人，战果显著。"
OUTLET_C = "2023年湖北省抓获电信网络诈骗犯罪嫌疑人1400余人。"


def _row(df: pd.DataFrame, concept: str) -> pd.Series:
    rows = df[df["concept"] == concept]
    assert len(rows) == 1
    return rows.iloc[0]


def test_same_figure_from_two_sources_is_one_cell() -> None:
    df = panel([extract(OUTLET_A), extract(OUTLET_B)], files=["a.txt", "b.txt"])
    assert list(df.columns) == list(COLUMNS)
    row = _row(df, "fraud.telecom.suspects_arrested")
    assert (row["region_code"], row["region"], row["period"], row["kind"], row["unit"]) == (
        "420000",
        "湖北省",
        "2023",
        "count",
        "人",
    )
    assert (row["value"], row["n_sources"], bool(row["conflict"])) == (1381.0, 2, False)
    sources = json.loads(row["sources"])
    assert [(s["file"], s["text"]) for s in sources] == [("a.txt", "1381人"), ("b.txt", "1381人")]
    for source, text in zip(sources, (OUTLET_A, OUTLET_B), strict=True):
        assert text[source["start"] : source["end"]] == source["text"]


def test_disagreeing_sources_are_a_conflict() -> None:
    df = panel([extract(OUTLET_A), extract(OUTLET_C)], files=["a.txt", "c.txt"])
    row = _row(df, "fraud.telecom.suspects_arrested")
    assert (row["n_sources"], bool(row["conflict"])) == (2, True)
    assert row["value"] == 1381.0  # a tie: the first source's value


def test_most_sources_win_the_value() -> None:
    df = panel([extract(OUTLET_C), extract(OUTLET_A), extract(OUTLET_B)])
    row = _row(df, "fraud.telecom.suspects_arrested")
    assert (row["value"], row["n_sources"], bool(row["conflict"])) == (1381.0, 3, True)
    assert [s["file"] for s in json.loads(row["sources"])] == [None, None, None]


def test_a_figure_repeated_in_one_article_is_one_cell() -> None:
    text = "2023年湖北省群众安全感达98.7%。报告指出，2023年湖北省群众安全感达98.7%。"
    df = panel([extract(text)])
    row = _row(df, "public.sense_of_security")
    assert (row["n_sources"], bool(row["conflict"])) == (2, False)


def test_figures_without_concept_or_region_stay_out() -> None:
    no_region = extract("2023年共抓获犯罪嫌疑人1381人。")
    not_comparable = extract("2023年湖北省常住人口5838万人。")
    df = panel([no_region, not_comparable])
    assert df.empty
    assert list(df.columns) == list(COLUMNS)
    assert df.attrs["left_out"] == {"no_concept": 1, "no_region": 1, "figures": 2}


def test_cell_keys_are_unique() -> None:
    texts = [OUTLET_A, OUTLET_B, OUTLET_C, "2023年武汉市破获电诈案件1670起，抓获犯罪嫌疑人2650人。"]
    df = panel([extract(t) for t in texts])
    assert not df.duplicated(KEY).any()
    assert set(df["region_code"]) == {"420000", "420100"}


def test_bad_input() -> None:
    with pytest.raises(TypeError):
        panel(["not a report"])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        cells([Report(), Report()], files=["only one"])
    assert panel([]).empty


def _articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(OUTLET_A, encoding="utf-8")
    (folder / "b.txt").write_text(OUTLET_B, encoding="utf-8")
    (folder / "notes.md").write_text(OUTLET_C, encoding="utf-8")  # not an article file: skipped
    return folder


def test_cli_writes_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "panel.csv"
    assert run_cli([str(_articles(tmp_path)), "-o", str(out)]) == 0
    df = pd.read_csv(out, dtype={"region_code": str, "period": str})
    row = _row(df, "fraud.telecom.suspects_arrested")
    assert (row["n_sources"], bool(row["conflict"])) == (2, False)
    assert [Path(s["file"]).name for s in json.loads(row["sources"])] == ["a.txt", "b.txt"]
    assert "cells from" in capsys.readouterr().err


def test_cli_writes_parquet(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "panel.parquet"
    assert run_cli([str(_articles(tmp_path)), "-o", str(out)]) == 0
    df = pd.read_parquet(out)
    assert list(df.columns) == list(COLUMNS)
    assert not df.duplicated(KEY).any()


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli([str(tmp_path / "x.txt"), "-o", str(tmp_path / "out.xlsx")]) == 2
    missing = tmp_path / "missing.txt"
    out = tmp_path / "p.csv"
    assert run_cli([str(missing), str(_articles(tmp_path) / "a.txt"), "-o", str(out)]) == 1  # the rest still runs
    assert len(pd.read_csv(out)) == 1
    assert "missing.txt" in capsys.readouterr().err
    assert run_cli([]) == 2  # usage error from argparse


def _metric(text: str, number: str, **fields: object) -> Metric:
    start = text.index(number)
    span = {"start": start, "end": start + len(number), "text": number}
    return Metric.model_validate({"value": 1.0, "kind": "count", "span": span, "evidence": span, "rule": "t", **fields})


def test_period_falls_back_to_the_report_and_anecdotes_stay_out() -> None:
    text = "湖北省抓获犯罪嫌疑人1381人，其中一名嫌疑人被刺3刀。"
    report = Report(
        region="湖北省",
        region_code="420000",
        period=Period(start="2019", end="2023"),
        metrics=[
            _metric(text, "1381人", value=1381, unit="人", concept="crime.suspects.arrested"),
            _metric(text, "3刀", value=3, unit="刀", concept="crime.suspects.arrested", role="anecdote"),
        ],
    )
    df = panel([report])
    assert len(df) == 1
    row = df.iloc[0]
    assert (row["period"], row["value"], row["n_sources"]) == ("2019-2023", 1381.0, 1)
    assert df.attrs["left_out"]["figures"] == 1  # the anecdote is not a figure of the panel


def test_subject_code_wins_over_the_report_region() -> None:
    text = "十堰市抓获犯罪嫌疑人1381人。"
    report = Report(
        region="湖北省",
        region_code="420000",
        metrics=[
            _metric(text, "1381人", value=1381, unit="人", concept="crime.suspects.arrested", subject_code="420300")
        ],
    )
    row = panel([report]).iloc[0]
    assert (row["region_code"], row["region"]) == ("420300", "十堰市")


def test_panel_is_a_top_level_function() -> None:
    import policemetrics

    assert policemetrics.panel is panel
