"""One test per number form: exact value, unit, approximation and span."""

from __future__ import annotations

import pytest

from policemetrics import find_quantities

CASES = [
    # text, expected span text, value, unit, approx
    ("破案1万余起", "1万余起", 10000, "起", "more_than"),
    ("返还被骗资金6587.95万元", "6587.95万元", 65879500, "元", None),
    ("规模以上重点企业三千余家", "三千余家", 3000, "家", "more_than"),
    ("提升25.35个百分点", "25.35个百分点", 25.35, "个百分点", None),
    ("指挥响应速度提升3.2倍", "3.2倍", 3.2, "倍", None),
    ("召开恳谈会百余场", "百余场", 100, "场", "more_than"),
    ("确保了近千场大型活动", "近千场", 1000, "场", "nearly"),
    ("挽回经济损失40亿余元", "40亿余元", 4e9, "元", "more_than"),
    ("组建社区警务团队2万多支", "2万多支", 20000, "支", "more_than"),
    ("1.5万余人次参观", "1.5万余人次", 15000, "人次", "more_than"),
    ("群防力量50余万名", "50余万名", 500000, "名", "more_than"),
    ("12,345元", "12,345元", 12345, "元", None),
    ("共计54 321人", "54 321人", 54321, "人", None),
    ("满意率达９７．６１％", "９７．６１％", 97.61, "%", None),
    ("占比百分之12.5", "百分之12.5", 12.5, "%", None),
    ("百分之三十", "百分之三十", 30, "%", None),
    ("排查风险约96个", "约96个", 96, "个", "about"),
    ("100人左右", "100人左右", 100, "人", "about"),
    ("不足20%", "不足20%", 20, "%", "less_than"),
    ("不到300人", "不到300人", 300, "人", "less_than"),
    ("超过500起", "超过500起", 500, "起", "more_than"),
    ("平台用户突破1800万", "突破1800万", 1.8e7, None, "more_than"),
    ("接近90%", "接近90%", 90, "%", "nearly"),
    ("将近200名", "将近200名", 200, "名", "nearly"),
    ("抓获300人以上", "300人以上", 300, "人", "more_than"),
    ("评价达到92.39分", "92.39分", 92.39, "分", None),
    ("3万4000人", "3万4000人", 34000, "人", None),
    ("二十万亿元", "二十万亿元", 2e13, "元", None),
    ("两名民警", "两名", 2, "名", None),
    ("十项业务工作", "十项", 10, "项", None),
    ("5个工作日之内", "5个工作日之内", 5, "工作日", "less_than"),
    ("安全使用炸药1057万公斤", "1057万公斤", 1.057e7, "公斤", None),
    ("宣传展示先进典型230余人（次）", "230余人（次）", 230, "人次", "more_than"),
    ("明确了9大方面", "9大方面", 9, "方面", None),
]


@pytest.mark.parametrize(("text", "span", "value", "unit", "approx"), CASES)
def test_number_forms(text: str, span: str, value: float, unit: str | None, approx: str | None) -> None:
    found = [q for q in find_quantities(text) if q.span.text == span]
    assert len(found) == 1, find_quantities(text)
    q = found[0]
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.approx == approx
    assert text[q.span.start : q.span.end] == span


@pytest.mark.parametrize(
    ("text", "value"),
    [("排名全国第一", 1), ("获奖数全国首位", 1), ("排名重回全国第七", 7), ("第17年", 17)],
)
def test_ordinals(text: str, value: int) -> None:
    (q,) = [q for q in find_quantities(text) if q.kind == "ordinal"]
    assert q.value == value


@pytest.mark.parametrize(
    "text",
    [
        "2019年5月",  # dates
        "9月10日19时20分",
        "2022-02-16 08:57:00",
        "全国咨询热线:010-67877741/42/43",  # phone numbers
        "13910555092",
        "京ICP备18014261号-2",  # licence numbers
        "G5517长常北线高速",
        "“1+4+N”的警务运转机制",  # programme names
        "“7·25”严打整治专项行动",
        "五年来",
        "千家万户",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_traditional_and_ruby_spans_point_into_original() -> None:
    text = "湖北經(jīng)濟(jì)總量首次達(dá)到4萬(wàn)億元"
    (q,) = find_quantities(text)
    assert q.value == 4e12 and q.unit == "元"
    assert q.span.text == "4萬(wàn)億元"
    assert text[q.span.start : q.span.end] == q.span.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1-9月，全市共破获刑事案件120起。", [("120起", 120)]),
        ("2019-2023年，累计抓获嫌疑人300人。", [("300人", 300)]),
        ("5月10日至20日，开展集中行动3次。", [("3次", 3)]),
        ("2024年1月至9月，破获案件45起。", [("45起", 45)]),
        ("去年6月13日以来，查处违法行为86起。", [("86起", 86)]),
        ("今年第三季度，接报警情1.2万起。", [("1.2万起", 12000)]),
        ("三年来，发案数下降12%。", [("12%", 12)]),
        ("晚上8点，出动警力20名。", [("20名", 20)]),
    ],
)
def test_no_quantity_inside_a_date(text: str, expected: list[tuple[str, float]]) -> None:
    """Quantities skip every mention of the date grammar: the digits of 1-9月 are not counts."""
    assert [(q.span.text, q.value) for q in find_quantities(text)] == expected


def test_a_prefixed_year_count_stays_a_quantity() -> None:
    """近三年 is a period to the date grammar, and its count of years is a quantity (近20年最低)."""
    found = [(q.span.text, q.value, q.unit) for q in find_quantities("刑事警情降至近20年最低，这五年来下降12%。")]
    assert found == [("近20年", 20, "年"), ("五年", 5, "年"), ("12%", 12, "%")]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "kind"),
    [
        ("五兆六十二亿四万五千二", "五兆六十二亿四万五千二", 5_006_200_045_200, None, "number"),
        ("四万万同胞", "四万万", 4e8, None, "number"),
        ("五万三千亿元", "五万三千亿元", 5.3e12, "元", "money"),
        ("十 余 万", "十 余 万", 1e5, None, "number"),
        ("共计7万 5千 4百人", "7万 5千 4百人", 75_400, "人", "count"),
        ("一千零一", "一千零一", 1001, None, "number"),
        ("2千零30万", "2千零30万", 20_300_000, None, "number"),
        ("一亿七二四四万元", "一亿七二四四万元", 172_440_000, "元", "money"),
        ("三成半", "三成半", 35, "%", "percent"),
        ("七成六", "七成六", 76, "%", "percent"),
        ("半成", "半成", 5, "%", "percent"),
        ("年过半百", "半百", 50, None, "number"),
        ("百分之七十百分位", "百分之七十", 70, "%", "percent"),
        ("千分之三", "千分之三", 0.3, "%", "percent"),
        ("一千分之一", "一千分之一", 0.001, None, "number"),
        ("三百五十又3分之1", "三百五十又3分之1", 350 + 1 / 3, None, "number"),
        ("负3分之负一百五十七", "负3分之负一百五十七", 157 / 3, None, "number"),
        ("3/5的人", "3/5", 0.6, None, "number"),
        ("2e5", "2e5", 2e5, None, "number"),
        ("40k", "40k", 40_000, None, "number"),
        (".5", ".5", 0.5, None, "number"),
        ("10千克", "10千克", 10, "千克", "count"),
        ("一打", "一打", 12, "个", "count"),
    ],
)
def test_numeral_forms(text: str, span: str, value: float, unit: str | None, kind: str) -> None:
    (q,) = find_quantities(text)
    assert (q.span.text, q.unit, q.kind) == (span, unit, kind)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "落实“十四五”规划",  # a plan's name, not 55
        "开展“三打”行动",  # a campaign, not three dozen
        "三打两建",
        "抓获嫌疑人四万万万亿亿人",  # unreadable: reported by extract, never a value
        "5G基站",
    ],
)
def test_names_are_not_numbers(text: str) -> None:
    assert find_quantities(text) == []


def test_dotted_digits_are_separate_numbers() -> None:
    assert [q.value for q in find_quantities("2222.2222.22222.222")] == [2222, 2222, 22222, 222]


def test_quantity_table_cross_checks() -> None:
    """The approximator tables refer to each other; a table that breaks a reference is refused when loaded."""
    from pydantic import ValidationError

    from policemetrics.recognise.quantities.table import QuantityTable, VerbApprox, quantity_table

    data = quantity_table().model_dump()
    with pytest.raises(ValidationError, match="duration_only_suffixes"):
        QuantityTable.model_validate({**data, "duration_only_suffixes": ["之后"]})
    with pytest.raises(ValidationError, match="share_verb"):
        VerbApprox.model_validate({**data["approx_before_verb"], "share_verb": "占有"})


def test_verb_approximator_hint_follows_its_words() -> None:
    """The cheap test before the 约占 pattern is derived from the table: any listed word passes it."""
    from policemetrics.recognise.quantities.table import VerbApprox, quantity_table

    data = quantity_table().approx_before_verb.model_dump()
    rule = VerbApprox.model_validate({**data, "words": {**data["words"], "大概": "about"}})
    for word in rule.words:
        assert rule.hint.search(word) is not None
        assert rule.pattern.search(f"{word}占") is not None
    assert rule.hint.search("同比上升") is None
