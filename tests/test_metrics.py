"""Metric patterns: kind, direction, baseline, comparison, pairing and indicator, asserted exactly."""

from __future__ import annotations

from datetime import date

import pytest

from policemetrics import extract
from policemetrics.models import Metric


def metrics(text: str) -> list[Metric]:
    report = extract(text)
    for m in report.metrics:
        assert text[m.span.start : m.span.end] == m.span.text
        assert text[m.evidence.start : m.evidence.end] == m.evidence.text
    return report.metrics


def one(text: str) -> Metric:
    found = metrics(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "direction", "compare_to", "indicator"),
    [
        ("破案率同比上升25%。", "change", "up", "yoy", "破案率"),
        ("110有效警情处置平均耗时同比下降9.2%。", "change", "down", "yoy", "110有效警情处置平均耗时"),
        ("刑事案件破案率同比2019年上升28.31%。", "change", "up", "2019", "刑事案件破案率"),
        ("传统案件破案率相比2020年提升25.35个百分点。", "change", "up", "2020", "传统案件破案率"),
        ("全市刑事警情同比去年下降12.9%。", "change", "down", "yoy", "刑事警情"),
        ("指挥响应速度提升3.2倍。", "change", "up", None, "指挥响应速度"),
        ("户籍人口城镇化率同比增长0.4%。", "change", "up", "yoy", "户籍人口城镇化率"),
        ("接处警群众满意率达97.61%。", "level", None, None, "接处警群众满意率"),
        ("群众满意度98.49%。", "level", None, None, "群众满意度"),
        ("派出所警力增至县级公安机关总警力的46.48%。", "level", "up", None, "派出所警力"),
        ("获奖数全国首位。", "rank", None, None, "获奖数"),
        ("排名全国第一。", "rank", None, None, "排名"),
        ("抓获犯罪嫌疑人1381人。", "count", None, None, "抓获犯罪嫌疑人"),
        ("54名民警献出宝贵生命。", "count", None, None, "民警献出宝贵生命"),
        ("12万民警辅警负重前行。", "count", None, None, "民警辅警负重前行"),
    ],
)
def test_semantics(text: str, kind: str, direction: str | None, compare_to: str | None, indicator: str) -> None:
    m = one(text)
    assert (m.kind, m.direction, m.compare_to, m.indicator) == (kind, direction, compare_to, indicator)


def test_from_to_level_with_baseline() -> None:
    m = one("湖北省群众安全感由2019年的96.21%升至2023年的98.72%。")
    assert (m.value, m.unit, m.kind, m.direction, m.baseline, m.compare_to) == (
        98.72,
        "%",
        "level",
        "up",
        96.21,
        "2019",
    )
    assert m.span.text == "98.72%"
    assert (m.indicator, m.subject) == ("群众安全感", "湖北省")


def test_from_to_bare_numbers() -> None:
    m = one("万车死亡率由2.65下降到2.05。")
    assert (m.value, m.unit, m.kind, m.direction, m.baseline, m.indicator) == (
        2.05,
        None,
        "level",
        "down",
        2.65,
        "万车死亡率",
    )


def test_from_to_with_approximate_baseline() -> None:
    m = one("市县警种办案比例由过去不足20%升至83.47%。")
    assert (m.value, m.baseline, m.direction) == (83.47, 20, "up")


def test_from_to_quoted_durations() -> None:
    m = one('安全许可法定时限由"7个工作日之内"缩短至"5个工作日之内"。')
    assert (m.value, m.unit, m.approx, m.kind, m.direction, m.baseline) == (
        5,
        "工作日",
        "less_than",
        "level",
        "down",
        7,
    )


def test_respectively_pairs_indicators_with_values_in_order() -> None:
    found = metrics("全市违法犯罪嫌疑人、治安案件、刑事案件、侵权类案件同比分别下降30.4%、1.1%、7%、20.7%。")
    assert [(m.indicator, m.value, m.direction, m.compare_to) for m in found] == [
        ("违法犯罪嫌疑人", 30.4, "down", "yoy"),
        ("治安案件", 1.1, "down", "yoy"),
        ("刑事案件", 7, "down", "yoy"),
        ("侵权类案件", 20.7, "down", "yoy"),
    ]


def test_respectively_with_year_comparison_and_levels() -> None:
    found = metrics("打击电信诈骗人数、逮捕人数同比2019年分别上升130.8%、91.1%。")
    assert [(m.indicator, m.value, m.compare_to, m.kind) for m in found] == [
        ("打击电信诈骗人数", 130.8, "2019", "change"),
        ("逮捕人数", 91.1, "2019", "change"),
    ]
    found = metrics("社会治安评价、公安队伍建设评价分别达到92.39分、89.47分。")
    assert [(m.indicator, m.value, m.unit, m.kind) for m in found] == [
        ("社会治安评价", 92.39, "分", "level"),
        ("公安队伍建设评价", 89.47, "分", "level"),
    ]


def test_listed_indicators_share_one_rank() -> None:
    found = [m for m in metrics("缉毒执法、禁吸戒毒两项指标排名全国第一。") if m.kind == "rank"]
    assert [(m.indicator, m.value, m.span.text) for m in found] == [("缉毒执法", 1, "第一"), ("禁吸戒毒", 1, "第一")]


@pytest.mark.parametrize(
    "text",
    [
        "2019年5月，习近平总书记在全国公安工作会议上提出要求。",  # dates
        "9月10日19时20分，家住范湖的赵女士领了驾驶证。",
        "全国咨询热线:010-67877741/42/43",  # phone
        "武汉公安正在探索建立“1+4+N”的警务运转机制。",  # programme names
        "抓好“雷火2022”前场，推行“三个一批”工作。",
        "开展为期半年的“7·25”严打整治专项行动。",
        "## 1 以生命赴使命 换来人民的幸福安宁",  # section number
        "第三届湖北改革奖。迈出了改革的第一步。",  # ordinals that are not ranks
        "一条鲜明主线，一支纪律部队。",  # idioms with 一
        "构建内部抓“30件实事”的工作体系。",  # a number inside a quoted name
        "24小时无人值守的AI警局。",  # a duration that is not a statistic
    ],
)
def test_not_metrics(text: str) -> None:
    assert metrics(text) == []


def test_subject_and_period_from_the_sentence() -> None:
    m = one("2023年,全省矛盾纠纷化解群众满意度同比2022年上升14.5%。")
    assert (m.subject, m.period, m.compare_to, m.indicator) == ("全省", "2023", "2022", "矛盾纠纷化解群众满意度")
    m = one("2022年,十堰市公安局破获案件625起。")
    assert (m.subject, m.period) == ("十堰市公安局", "2022")


def test_relative_period_needs_a_publication_date() -> None:
    from datetime import date

    text = "今年以来,全市电诈警情同比下降26.4%。"
    assert extract(text, published=date(2024, 9, 20)).metrics[0].period == "2024"
    assert extract(text).metrics[0].period is None


def test_rule_names_are_recorded() -> None:
    m = one("破案率同比上升25%。")
    assert (m.rule, m.derivation.indicator) == ("metric.change.verb", "indicator.before")
    m = one("抓获犯罪嫌疑人1381人。")
    assert (m.rule, m.derivation.indicator) == ("metric.count.counter", "indicator.before")
    m = one("出动54名民警。")
    assert (m.rule, m.derivation.indicator) == ("metric.count.counter", "indicator.after")
    changes = extract("共破获刑事案件3562起,同比上升12.3%。").metrics
    assert [(m.rule, m.derivation.indicator, m.indicator) for m in changes] == [
        ("metric.count.counter", "indicator.before", "破获刑事案件"),
        ("metric.change.verb", "indicator.carried", "破获刑事案件"),
    ]


def test_every_emitted_rule_is_declared() -> None:
    from policemetrics.rules import catalogue

    declared = catalogue()
    text = "全省破案率由90%升至95.5%,抓获嫌疑人1381人,同比下降-5%,增长率为7%,排名全国第一,连续3年命案全破。"
    report = extract(text)
    assert report.metrics
    for m in report.metrics:
        assert m.rule in declared, m.rule
        assert m.derivation.indicator is None or m.derivation.indicator in declared


def test_unreadable_statistic_is_reported_not_dropped() -> None:
    text = "抓获嫌疑人四万万万亿亿人。"
    report = extract(text)
    assert report.metrics == []
    (u,) = report.unparsed
    assert u.span.text == "四万万万亿亿人" and text[u.span.start : u.span.end] == u.span.text
    assert "cannot read" in u.reason


def test_rank_zero_is_not_a_rank() -> None:
    report = extract("全国第0")
    assert report.metrics == [] and report.unparsed == []


def test_large_text_restores_the_garbage_collector() -> None:
    import gc

    text = "全省电诈警情同比下降26.4%。" * 20_000
    assert gc.isenabled()
    assert len(extract(text).metrics) == 20_000
    assert gc.isenabled()
    gc.disable()
    try:
        extract(text)
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()


def test_a_bare_change_is_about_the_figure_before_it() -> None:
    found = metrics("全市共破获刑事案件3562起,同比上升12.3%。交通事故死亡人数同比减少23人,下降11.4%。")
    assert [(m.value, m.kind, m.indicator, m.compare_to) for m in found] == [
        (3562, "count", "破获刑事案件", None),
        (12.3, "change", "破获刑事案件", "yoy"),
        (23, "change", "交通事故死亡人数", "yoy"),
        (11.4, "change", "交通事故死亡人数", "yoy"),
    ]


def test_money_in_yi_is_exact() -> None:
    assert one("止付冻结资金2.3亿元。").value == 230_000_000


def test_share_of_the_figure_before_it() -> None:
    found = metrics("全县共受理案件1,256起,其中刑事案件312起,占比24.8%。")
    assert [(m.value, m.kind, m.indicator) for m in found] == [
        (1256, "count", "受理案件"),
        (312, "count", "刑事案件"),
        (24.8, "level", "刑事案件占比"),  # the SCHEMA names a share of X "X占比"
    ]


def test_rank_written_with_wei() -> None:
    m = one("群众满意度全市排名第2位。")
    assert (m.value, m.unit, m.kind, m.span.text) == (2, None, "rank", "第2位")


def test_counts_listed_after_fenbie() -> None:
    found = metrics("查处酒驾、醉驾分别为520起、86起。")
    assert [(m.value, m.unit, m.indicator) for m in found] == [(520, "起", "查处酒驾"), (86, "起", "醉驾")]


def test_comparison_frame_counts_and_rates() -> None:
    found = metrics("今年共受理申请2183人,与去年同期1282人相比,增加了901人,增长率为70%。")
    assert [(m.value, m.kind, m.direction, m.compare_to, m.indicator) for m in found] == [
        (2183, "count", None, None, "受理申请"),
        (1282, "count", None, None, "受理申请"),
        (901, "change", "up", "yoy", "受理申请"),
        (70, "change", "up", "yoy", "受理申请"),  # a rate word alone names the figure before it
    ]


def test_destination_is_not_the_subject() -> None:
    m = one("六盘水公安出入境大队共受理赴台湾申请112人次。")
    assert m.subject == "六盘水公安"


def test_named_unit_is_the_subject_and_leaves_the_indicator() -> None:
    m = one("武汉市公安局武昌区分局破案率同比上升25%。")
    assert (m.subject, m.indicator) == ("武昌区分局", "破案率")


def test_an_explicit_publication_date_wins_over_the_pages_own() -> None:
    text = "2024年1月5日 来源:某某日报\n今年全市破获刑事案件100起。"
    assert extract(text).published == date(2024, 1, 5)
    report = extract(text, published=date(2023, 12, 30))
    assert report.published == date(2023, 12, 30)
    assert report.metrics[0].period == "2023"  # 今年 is resolved against the date that won


def test_average_words_guard_the_distributive_word() -> None:
    """均 closes a list (破案率均) but is part of an average (日均, 平均); which averages is read from the table."""
    from policemetrics.read.metrics.table import metric_table

    table = metric_table()
    for pattern in (table.respectively_tail, table.trailing_noise_pattern):
        assert pattern.sub("", "破案率均") == "破案率"
        assert pattern.sub("", "日均") == "日均"
        assert pattern.sub("", "平均") == "平均"
    fewer = type(table).model_validate({**table.model_dump(), "average_words": ["日均"]})
    assert fewer.respectively_tail.sub("", "平均") == "平"  # the guard follows the table, not a list in the code
