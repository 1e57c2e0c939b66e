"""Report metadata: headline, publication date, outlet, authors, region and period."""

from __future__ import annotations

from datetime import date

import pytest

from policemetrics import extract

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


def test_one_year_back_from_the_publication_date() -> None:
    r = extract(PAGE)
    assert r.period is not None and (r.period.start, r.period.end) == ("2022", "2023")


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
        ("齐齐哈尔警方破获电信诈骗案件120起。", "齐齐哈尔市"),
    ],
)
def test_region_recognised_for_places_not_in_the_seeds(text: str, region: str) -> None:
    assert extract(text).region == region


def test_no_date_is_guessed_from_unrelated_numbers() -> None:
    r = extract("群众安全感达96.21%,破案率同比上升25%。")
    assert r.published is None
