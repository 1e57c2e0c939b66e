"""Report metadata: headline, publication date, outlet, authors, region and period."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from policemetrics import extract
from policemetrics.attribute.report import _report_period
from policemetrics.read.metadata import MetadataTable, _split_names, head_of, read_metadata
from policemetrics.recognise.dates import find_dates
from policemetrics.resources import load_table
from policemetrics.rules import is_declared
from policemetrics.text import normalise

PAGE = """首页 要闻 时政 交通 交警 公路 物流 汽车 民航 铁路

云南公安交出年度成绩单 破案率再创新高

2023-01-12 09:30:00 来源:云南日报网 字体:

本报记者 张三 通讯员 李四 王小五

一年来,云南公安机关破获刑事案件1.2万起,同比上升8.5%。去年6月13日,勐腊县公安局成立专班。

关于我们 | 联系我们 | 版权所有 Copyright 2023
"""


def test_headline_skips_navigation_and_reads_the_byline() -> None:
    r = extract(PAGE)
    assert r.title == "云南公安交出年度成绩单 破案率再创新高"
    assert r.published == date(2023, 1, 12)
    assert r.source == "云南日报网"
    assert r.authors == ["张三", "李四", "王小五"]
    assert r.region == "云南省"


def test_one_year_back_from_an_early_publication_date() -> None:
    # published 12 January: the twelve months before it are (nearly all) 2022 (SCHEMA: early reviews end at P-1)
    r = extract(PAGE)
    assert r.period is not None and (r.period.start, r.period.end) == ("2022", "2022")


def test_published_argument_is_used_when_the_page_has_no_date() -> None:
    text = "# 某市公安工作巡礼\n\n今年以来,全市电诈警情同比下降20.5%。"
    assert extract(text).published is None
    r = extract(text, published=date(2024, 9, 1))
    assert r.published == date(2024, 9, 1)
    (m,) = r.metrics
    assert m.period == "2024"


def test_markdown_heading_is_the_title() -> None:
    r = extract("栏目名\n\n# 武汉公安护航超大城市新发展\n\n文/魏娜 杨槐柳 王威本版策划/武汉市公安局\n\n正文。")
    assert r.title == "武汉公安护航超大城市新发展"
    assert r.authors == ["魏娜", "杨槐柳", "王威"]
    assert r.region == "武汉市"


def test_review_heading_sets_the_period() -> None:
    r = extract("忠诚警魂 踔厉奋发\n\n——2022年某某公安工作巡礼\n\n记者吴守全\n\n一年来,成绩显著。2023年第三个警察节。")
    assert r.period is not None and (r.period.start, r.period.end) == ("2022", "2022")
    assert r.authors == ["吴守全"]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("勐腊县公安局开展专项行动,抓获嫌疑人12名。", "勐腊县"),
        ("广州市天河区公安分局破获案件35起。", "广州市"),
        ("# 广州市天河区公安分局破获案件35起\n正文。", "天河区"),
        ("齐齐哈尔警方破获电信诈骗案件120起。", "齐齐哈尔市"),
    ],
)
def test_region_recognised_for_places_not_in_the_seeds(text: str, region: str) -> None:
    assert extract(text).region == region


def test_no_date_is_guessed_from_unrelated_numbers() -> None:
    r = extract("群众安全感达96.21%,破案率同比上升25%。")
    assert r.published is None


# ---------------------------------------------------------------- rules, table, names


def test_every_field_names_the_rule_that_read_it() -> None:
    meta = read_metadata(normalise(PAGE).text)
    assert meta.rules == {
        "title": "report.title.head_block",
        "published": "report.published.stamp",
        "source": "report.source.label",
        "authors": "report.authors.byline",
    }
    assert all(is_declared(rule) for rule in meta.rules.values())


def test_title_offsets_index_the_normalised_text() -> None:
    text = normalise(PAGE).text
    meta = read_metadata(text)
    assert meta.title_at is not None
    a, b = meta.title_at
    assert text[a:b] == meta.title


@pytest.mark.parametrize(
    ("run", "names"),
    [
        ("吕子豪马玲娜", ["吕子豪", "马玲娜"]),
        ("吴涛赵伟", ["吴涛", "赵伟"]),
        ("欧阳娜娜李强", ["欧阳娜娜", "李强"]),
        ("王威", ["王威"]),
        ("放大缩小", None),
        ("获悉", None),
        ("", []),
    ],
)
def test_runs_are_cut_into_names_led_by_surnames(run: str, names: list[str] | None) -> None:
    assert _split_names(run) == names


def test_the_table_rejects_inconsistent_entries() -> None:
    raw = load_table("metadata.json", MetadataTable).model_dump()
    with pytest.raises(ValidationError):
        MetadataTable.model_validate({**raw, "title_min": 90})
    with pytest.raises(ValidationError):
        MetadataTable.model_validate({**raw, "photo_credits": ["摄", "快门"]})
    with pytest.raises(ValidationError):
        MetadataTable.model_validate({**raw, "surnames": raw["surnames"] + "王"})
    with pytest.raises(ValidationError):
        MetadataTable.model_validate({**raw, "unknown_list": []})


@pytest.mark.parametrize(
    ("text", "published", "rule", "years"),
    [
        ("——2022年某某公安工作巡礼\n一年来,成绩显著。", None, "report.period.review_heading", (2022, 2022)),
        ("五年来,全省破获案件5万起。", date(2024, 6, 1), "report.period.spans", (2020, 2024)),
        ("2021年,全市破案率较2019年上升5%。", None, "report.period.frequent_year", (2021, 2021)),
        ("今年,全区开展“清源2023”行动,破获案件12起。", None, "report.period.campaign_year", (2023, 2023)),
        ("今年以来,全区破获案件12起。", date(2023, 8, 1), "report.period.spans", (2023, 2023)),
        ("全区破获案件12起。", date(2023, 8, 1), "report.period.published", (2023, 2023)),
    ],
)
def test_report_period_rules(text: str, published: date | None, rule: str, years: tuple[int, int]) -> None:
    found = _report_period(head_of(text), find_dates(text, published), published)
    assert found == (years, rule)


def test_no_period_without_any_year() -> None:
    text = "近年来,全区破获案件12起。"
    assert _report_period(head_of(text), find_dates(text), None) is None


@pytest.mark.parametrize(
    "text",
    [
        "记者",
        "记者 ",
        "(记者",
        "来源:",
        "■",
        "文/",
        "中新网北京电(",
        "# ",
        "\n\n\n",
        "记者" * 5000,
        "王" * 20000,
        "2024-13-45 99:99 来源:某某日报",
    ],
)
def test_fragments_never_crash(text: str) -> None:
    meta = read_metadata(normalise(text).text)
    assert meta.published is None
    assert all(len(n) <= 4 for n in meta.authors)
