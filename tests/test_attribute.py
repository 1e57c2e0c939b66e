"""Attribution: the bodies recogniser, what bodies stand for, the times of a document, and the subject and period
rules (the sentences are written for these tests; tests/corpus/attribution.jsonl holds the end-to-end cases)."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from typing import Any

import pytest
from pydantic import ValidationError

import policemetrics
from policemetrics.attribute import build_context, period_reading, subject_and_indicator, subject_at, year_at
from policemetrics.attribute import context as context_module
from policemetrics.attribute.period import end_year
from policemetrics.attribute.table import AttributeTable, attribute_table
from policemetrics.recognise import bodies as bodies_module
from policemetrics.recognise.bodies import find_bodies
from policemetrics.recognise.regions import find_regions
from policemetrics.rules import catalogue
from policemetrics.text import normalise
from policemetrics.text.segments import Segments


def _ctx(text: str, published: date | None = None) -> context_module.Context:
    norm = normalise(text).text
    return build_context(norm, Segments.of(norm), published)


def _bodies(text: str) -> list[tuple[str, str, str | None]]:
    return [(b.text, b.kind, b.blocked) for b in find_bodies(text, find_regions(text), Segments.of(text))]


def _raw_table() -> dict[str, Any]:
    path = resources.files("policemetrics").joinpath("data").joinpath("attribute.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# ---------------------------------------------------------------- the rule table


def test_table_loads_and_compiles() -> None:
    table = attribute_table()
    assert table.body_pattern.search("该局") is not None
    assert table.named_period.fullmatch("“十四五”期间") is not None


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("scope_levels", {"省": 1, "市": 7}, "level 0-3"),
        ("scope_levels", {"省份": 1}, "single characters"),
        ("bare_heads", ["派出所", "警务室"], "bare head"),
        ("region_self", ["我省", "我省"], "repeats"),
        ("region_self", ["我省", "该局"], "either to a place or to a body"),
        ("region_self", ["我们"], "ends with a scope character"),
        ("unknown_key", [], "Extra inputs"),
    ],
)
def test_table_rejects_inconsistent_data(key: str, value: Any, message: str) -> None:
    data = _raw_table()
    data[key] = value
    with pytest.raises(ValidationError, match=message):
        AttributeTable.model_validate(data)


# ---------------------------------------------------------------- bodies, found once per document


def test_place_bodies_take_their_suffix() -> None:
    found = _bodies("武汉市公安局武昌区分局和陕西各级公安机关环食药部门，福州车站派出所")
    assert found == [
        ("武汉市公安局", "place_org", None),
        ("武昌区分局", "place_org", None),  # a sub-unit with its own place is a body of its own
        ("陕西各级公安机关环食药部门", "place_org", None),
        ("福州车站派出所", "place_org", None),
    ]


def test_a_place_inside_a_body_is_part_of_it() -> None:
    assert _bodies("湖北全省") == [("湖北全省", "place_org", None)]
    assert _bodies("六盘水公安出入境大队") == [("六盘水公安", "place_org", None)]


def test_bodies_named_without_a_place() -> None:
    found = _bodies("全省公安机关、省公安厅、茅店派出所、公安部和我省，该局")
    assert [(t, k) for t, k, _ in found] == [
        ("全省公安机关", "scope"),
        ("省公安厅", "org"),
        ("茅店派出所", "org"),
        ("公安部", "org"),
        ("我省", "self_region"),
        ("该局", "self_body"),
    ]


def test_counted_units_are_no_names() -> None:
    assert _bodies("全市四个管辖派出所") == [("全市", "scope", None)]
    assert _bodies("推动该分局") == [("该分局", "self_body", None)]
    assert _bodies("在中心城区分局组建案审队") == []  # 区 + 分局 is no body named by its level
    assert _bodies("记者从市公安局获悉") == [("市公安局", "org", "destination")]


@pytest.mark.parametrize(
    ("text", "body", "why"),
    [
        ("民警赴广东追逃", "广东", "destination"),
        ("为全县稳定作出贡献", "全县", "beneficiary"),
        ("代表湖北出战", "湖北", "beneficiary"),
        ("增幅居全省首位", "全省", "rank_scope"),
        ("位列全国第6名", "全国", "rank_scope"),
        ("今报南宁讯 全区", "南宁", "dateline"),
        ("西安3月3日电 记者", "西安", "dateline"),
        ("湖北日报记者", "湖北", "modifier"),
        ("抓获公安部A级逃犯", "公安部", "modifier"),
        ("83个县级公安机关", "公安机关", "modifier"),
        ("“平安武汉”建设", "武汉", "quoted"),
        ("(其中十堰拦截5万元)", "十堰", "bracketed"),
        ("在市公安局的坚强领导下,", "市公安局", "frame"),
        ("按照公安部的统一部署,", "公安部", "frame"),
    ],
)
def test_blocked_bodies(text: str, body: str, why: str) -> None:
    found = {t: b for t, _, b in _bodies(text)}
    assert found[body] == why


def test_bodies_found_once_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = bodies_module.find_bodies

    def counting(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(context_module, "find_bodies", counting)
    report = policemetrics.extract("2023年，十堰市公安局破获案件120起，抓获嫌疑人98人，挽回损失300万元。")
    assert len(report.metrics) == 3
    assert len(calls) == 1


# ---------------------------------------------------------------- what bodies stand for


def test_self_references_resolve() -> None:
    ctx = _ctx("十堰市公安局发布数据\n我省共接报警情52万起。我市共接报4万起。我国共破获案件1万起。")
    named = {b.text: ctx.names[i] for i, b in enumerate(ctx.bodies)}
    assert named["我省"] == "湖北省"  # the province of the report's city
    assert named["我市"] == "十堰市"
    assert named["我国"] == "全国"


def test_wider_scope_stands_for_nothing_unless_the_article_speaks_for_it() -> None:
    city = _ctx("十堰市公安局召开总结会\n全省共破获案件5万起。")
    assert city.names[[b.text for b in city.bodies].index("全省")] is None
    speaks = _ctx("十堰市公安局召开总结会\n我省还将推广。全省共破获案件5万起。")
    assert speaks.names[[b.text for b in speaks.bodies].index("全省")] == "全省"


def test_unit_self_reference_takes_the_last_unit() -> None:
    ctx = _ctx("襄阳市公安局樊城分局深化改革，该局破获案件980起。")
    assert ctx.names[-1] == "樊城分局"


# ---------------------------------------------------------------- subject rules


def test_subject_rules_in_order() -> None:
    text = "宜昌市公安局召开总结会\n2021年，全市公安机关持续开展专项行动。\n共破获电诈案件350起。"
    ctx = _ctx(text)
    pos = ctx.text.index("350")
    assert subject_at(ctx, pos) == ("全市公安机关", "subject.previous_paragraph")
    assert subject_at(ctx, ctx.text.index("专项")) == ("全市公安机关", "subject.sentence")
    assert subject_at(ctx, ctx.text.index("召开")) == ("宜昌市公安局", "subject.sentence")


def test_no_body_at_all() -> None:
    ctx = _ctx("共破获电诈案件350起。")
    assert subject_at(ctx, ctx.text.index("350")) == (None, None)


def test_subject_moves_out_of_the_indicator() -> None:
    ctx = _ctx("2023年，武昌区分局破案率同比上升25%。")
    assert subject_and_indicator(ctx, ctx.text.index("25"), "武昌区分局破案率") == ("武昌区分局", "破案率")
    assert subject_and_indicator(ctx, ctx.text.index("25"), "破案率") == ("武昌区分局", "破案率")


# ---------------------------------------------------------------- times and period rules


def test_times_of_a_document() -> None:
    ctx = _ctx("“十四五”期间，全省连续4年保持全破，较2020年同期下降5%，全年破获案件900起。")
    kinds = [(ctx.text[t.start : t.end], t.kind, t.compared) for t in ctx.times]
    assert kinds == [
        ("“十四五”期间", "date", False),
        ("连续4年", "streak", False),
        ("2020年", "date", True),
        ("全年", "year", False),
    ]


def test_end_year_prefers_the_sentence_then_the_paragraph() -> None:
    ctx = _ctx("2021年至2024年，连续四年保持在98%以上，2025年上半年达到99%。\n2019年，全市连续3年命案全破。")
    assert end_year(ctx, ctx.text.index("98"), 0) == 2024
    assert end_year(ctx, ctx.text.index("99%"), 0) == 2024  # a half year is not a finished year
    assert end_year(ctx, ctx.text.index("98"), 0, after=2025) is None
    second = ctx.text.index("3年")
    assert end_year(ctx, second, ctx.seg.sentence(second)[0]) == 2019


def test_record_spans_end_with_the_end_year() -> None:
    ctx = _ctx("2021年，全市刑事警情近5年连创新低，街头发案10年最低。")
    assert period_reading(ctx, ctx.text.index("近5年")) == ("2017-2021", "period.span_back")
    assert period_reading(ctx, ctx.text.index("10年")) == ("2012-2021", "period.streak")


def test_since_end_year_is_after_its_start() -> None:
    ctx = _ctx("2018年以来，全市共打掉团伙60个。", published=date(2020, 12, 7))
    assert period_reading(ctx, ctx.text.index("60")) == ("2018-2020", "period.since")


def test_period_falls_back_to_the_report_then_the_publication() -> None:
    ctx = _ctx("全市共打掉团伙60个。", published=date(2020, 12, 7))
    assert period_reading(ctx, ctx.text.index("60")) == ("2020", "period.report")
    assert year_at(ctx, ctx.text.index("60")) == "2020"
    bare = _ctx("全市共打掉团伙60个。")
    assert period_reading(bare, bare.text.index("60")) == (None, None)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("2023年是攻坚之年。五年来，全省共破获刑事案件12万起。", None),
        ("五年来，全省共破获刑事案件12万起。", date(2024, 6, 20)),
        ("回首五年，成绩斐然。五年来，全省共破获刑事案件12万起。", date(2022, 3, 1)),
    ],
)
def test_five_years_mean_the_same_for_report_and_metric(text: str, published: date | None) -> None:
    report = policemetrics.extract(text, published=published)
    assert report.period is not None
    assert report.metrics[0].period == f"{report.period.start}-{report.period.end}"
    assert int(report.period.end) - int(report.period.start) == 4


# ---------------------------------------------------------------- provenance


def test_every_derivation_names_a_declared_rule() -> None:
    declared = catalogue()
    assert any(name.startswith("subject.") for name in declared)
    assert any(name.startswith("period.") for name in declared)
    report = policemetrics.extract(
        "湖北交警通报\n我省2023年共查处酒驾2.1万起。五年来，全省共破获案件12万起，连续3年命案全破。"
    )
    assert report.metrics
    for m in report.metrics:
        assert m.derivation.subject in declared
        assert m.derivation.period in declared
