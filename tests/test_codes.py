"""Region names -> GB/T 2260 codes (policemetrics.attribute.codes) and the codes the pipeline fills in."""

from __future__ import annotations

from pathlib import Path

import pytest

from policemetrics import extract
from policemetrics.attribute.codes import region_code
from policemetrics.concepts import enrich
from policemetrics.io.files import extract_file
from policemetrics.models import Metric, Report

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("湖北省", "420000"),
        ("湖北", "420000"),
        ("十堰市", "420300"),
        ("十堰", "420300"),
        ("武汉市", "420100"),
        ("湖南省", "430000"),
        ("香港", "810000"),
        ("香港特别行政区", "810000"),
        ("澳门", "820000"),
        ("台湾", "710000"),
        ("茅箭区", "420302"),
        ("湖北省十堰市", "420300"),
    ],
)
def test_divisions(name: str, code: str) -> None:
    assert region_code(name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("武昌区公安分局", "420106"),
        ("武昌区分局", "420106"),
        ("湖北省公安厅", "420000"),
        ("十堰市公安局", "420300"),
        ("澳门警方", "820000"),
        ("十堰公安", "420300"),
    ],
)
def test_police_bodies_resolve_to_their_division(name: str, code: str) -> None:
    assert region_code(name) == code


@pytest.mark.parametrize(
    ("name", "report", "code"),
    [
        ("全省", "420000", "420000"),
        ("全市", "420300", "420300"),
        ("我市", "420300", "420300"),
        ("市公安局", "420100", "420100"),
        ("全省", "420300", "420000"),  # 全省 in a city's report is the province
        ("本澳", "820000", "820000"),
        ("全省", None, None),  # no report region: nothing to refer to
        ("全省", "999999", None),  # not a division
        ("朝阳区", "110000", "110105"),  # the report's province picks among same-named districts
        ("朝阳区", "220000", "220104"),
    ],
)
def test_self_references_take_the_report_region(name: str, report: str | None, code: str | None) -> None:
    assert region_code(name, report_code=report) == code


@pytest.mark.parametrize("name", [None, "", "   ", "平安", "全国", "公安部", "某某单位", "湖" * 100, 12])
def test_unresolved_is_none(name: object) -> None:
    assert region_code(name) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("stem", "code"),
    [
        ("000_1e94a34fa0e2d2d5", "420000"),
        ("001_0d718bd05eb70c1e", "420300"),
        ("002_3ef606f064a08f8b", "420100"),
        ("004_e886dedfbc77f709", "430000"),
    ],
)
def test_seed_report_codes(stem: str, code: str) -> None:
    assert extract_file(SEEDS / f"{stem}.txt").region_code == code


def test_codes_in_extract_follow_the_attributed_names() -> None:
    report = extract("湖北省公安厅发布：2023年，十堰市电诈警情同比下降26.4%，全省抓获犯罪嫌疑人1381人。")
    assert report.region_code is not None
    assert report.region_code == region_code(report.region)
    assert report.metrics
    for m in report.metrics:
        assert m.subject_code == region_code(m.subject, report_code=report.region_code)


def test_enrich_fills_subject_codes() -> None:
    text = "十堰市电诈警情同比下降26.4%，全省抓获犯罪嫌疑人1381人。"
    span = {"start": 11, "end": 16, "text": "26.4%"}
    count = {"start": 26, "end": 31, "text": "1381人"}
    report = Report(
        region="湖北省",
        metrics=[
            Metric(value=26.4, unit="%", kind="change", subject="十堰市", span=span, evidence=span, rule="test"),
            Metric(value=1381, unit="人", kind="count", subject="全省", span=count, evidence=count, rule="test"),
            Metric(value=1381, unit="人", kind="count", subject="某单位", span=count, evidence=count, rule="test"),
        ],
    )
    out = enrich(report, text)
    assert out.region_code == "420000"
    assert [m.subject_code for m in out.metrics] == ["420300", "420000", None]


def test_no_region_no_code() -> None:
    report = extract("全年抓获犯罪嫌疑人1381人。")
    assert report.region_code is None
    assert [m.subject_code for m in report.metrics] == [None]
