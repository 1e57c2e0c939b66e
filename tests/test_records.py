"""Tidy tables: one row per metric, honour or initiative with the report's fields on every row."""

from __future__ import annotations

from datetime import date

import pytest

from policemetrics import extract, extract_many, to_dataframe, to_records
from policemetrics.errors import InputTypeError
from policemetrics.io.records import COLUMNS

A = "2023年，全省电诈警情同比下降26.4%，抓获犯罪嫌疑人1381人。"
B = "2022年，市公安局荣获“全国优秀公安局”称号，开展“雷霆2022”专项行动，全市破案率达97.5%。"


def test_metric_rows_carry_the_metric_and_its_report() -> None:
    report = extract(A, published=date(2024, 1, 10))
    rows = to_records({"a.txt": report})
    assert [(r["file"], r["indicator"], r["value"], r["unit"], r["kind"], r["direction"]) for r in rows] == [
        ("a.txt", "电诈警情", 26.4, "%", "change", "down"),
        ("a.txt", "抓获犯罪嫌疑人", 1381.0, "人", "count", None),
    ]
    first = rows[0]
    assert first["published"] == date(2024, 1, 10)
    assert first["compare_to"] == "yoy" and first["period"] == "2023"
    assert A[first["start"] : first["end"]] == first["text"] == "26.4%"
    assert first["evidence_start"] <= first["start"] < first["end"] <= first["evidence_end"]
    assert first["rule"] == report.metrics[0].rule
    assert list(first) == list(COLUMNS["metrics"])


def test_every_kind_has_its_columns_and_the_report_fields() -> None:
    report = extract(B)
    honours = to_records([("b.txt", report)], "honours")
    initiatives = to_records([("b.txt", report)], "initiatives")
    assert [h["title"] for h in honours] == [h.title for h in report.honours]
    assert [i["name"] for i in initiatives] == [i.name for i in report.initiatives]
    assert honours and initiatives
    for row in (*honours, *initiatives):
        assert row["file"] == "b.txt"
        assert row["report_title"] == report.title
        assert B[row["start"] : row["end"]] == row["text"]
    assert list(honours[0]) == list(COLUMNS["honours"])
    assert list(initiatives[0]) == list(COLUMNS["initiatives"])


def test_inputs_accepted_and_refused() -> None:
    a, b = extract(A), extract(B)
    assert len(to_records(a)) == 2 and to_records(a)[0]["file"] is None
    assert [r["value"] for r in to_records([a, b])] == [26.4, 1381.0, 97.5]
    batch = extract_many([A, None], workers=1)  # type: ignore[list-item]
    assert [r["value"] for r in to_records(batch)] == [26.4, 1381.0]  # the failed result has no rows
    with pytest.raises(InputTypeError):
        to_records("not reports")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError):
        to_records([1, 2])
    with pytest.raises(ValueError, match="kind must be one of"):
        to_records(a, "sentences")  # type: ignore[arg-type]


def test_dataframe_has_the_same_rows_and_typed_columns() -> None:
    pytest.importorskip("pandas")
    frame = to_dataframe({"a.txt": extract(A), "b.txt": extract(B)})
    assert list(frame.columns) == list(COLUMNS["metrics"])
    assert frame["value"].tolist() == [26.4, 1381.0, 97.5]
    assert str(frame["start"].dtype) == "Int64"
    assert frame["file"].tolist() == ["a.txt", "a.txt", "b.txt"]
    empty = to_dataframe([], "honours")
    assert list(empty.columns) == list(COLUMNS["honours"]) and len(empty) == 0
