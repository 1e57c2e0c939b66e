"""Tests for policemetrics.recognise.dates: the date grammar, its resolution rules and its negatives."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policemetrics.recognise.dates import (
    DateMention,
    find_dates,
    find_durations,
    parse_timestamp,
    with_context_years,
    years_of,
)

PUB = date(2024, 3, 1)  # a publication date used by most cases
PREFIX, SUFFIX = "据悉,", ",全省公安机关"


def only(text: str, published: date | None = None) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def fields(m: DateMention) -> dict[str, Any]:
    return {k: v for k, v in asdict(m).items() if k not in ("start", "end", "text")}


# Every form from the specification, embedded in a sentence so that the offsets are checked too.
# Only the fields named in the dict are asserted, in addition to start/end/text and kind.
FORMS: list[tuple[str, date | None, str, dict[str, Any]]] = [
    ("2019年5月", PUB, "point", {"year": 2019, "month": 5, "day": None, "start_year": 2019, "end_year": 2019,
                               "relative": False, "resolved": True, "year_from": "explicit"}),
    ("2019年5月13日", PUB, "point", {"year": 2019, "month": 5, "day": 13, "hour": None, "start_year": 2019,
                                   "end_year": 2019, "relative": False}),
    ("2023年", PUB, "point", {"year": 2023, "month": None, "start_year": 2023, "end_year": 2023, "relative": False}),
    ("2023年4月", PUB, "point", {"year": 2023, "month": 4, "day": None, "start_year": 2023, "end_year": 2023}),
    ("9月10日19时20分", date(2024, 10, 1), "point", {"year": 2024, "month": 9, "day": 10, "hour": 19, "minute": 20,
                                                   "relative": True, "resolved": True, "year_from": "published"}),
    ("9月5日晚", date(2024, 10, 1), "point", {"year": 2024, "month": 9, "day": 5, "hour": None, "part": "晚"}),
    ("6月17日上午8时许", date(2024, 10, 1), "point", {"year": 2024, "month": 6, "day": 17, "hour": 8,
                                                    "minute": None, "part": "上午", "approx": True}),
    ("11时许", PUB, "point", {"year": None, "month": None, "day": None, "hour": 11, "minute": None, "approx": True,
                             "relative": True, "resolved": False, "start_year": None}),
    ("去年6月13日", PUB, "point", {"year": 2023, "month": 6, "day": 13, "start_year": 2023, "end_year": 2023,
                                 "relative": True, "resolved": True, "year_from": "relative"}),
    ("今年3月9日", PUB, "point", {"year": 2024, "month": 3, "day": 9, "relative": True, "resolved": True}),
    ("今年1月1日起", PUB, "since", {"year": 2024, "month": 1, "day": 1, "start_year": 2024, "end_year": 2024,
                                  "relative": True}),
    ("上半年", PUB, "point", {"year": 2024, "half": 1, "quarter": None, "start_year": 2024, "end_year": 2024,
                             "relative": True, "year_from": "published"}),
    ("今年上半年", PUB, "point", {"year": 2024, "half": 1, "start_year": 2024, "end_year": 2024,
                               "year_from": "relative"}),
    ("2024年第一季度", PUB, "point", {"year": 2024, "quarter": 1, "half": None, "month": None, "relative": False}),
    ("二〇一九年", PUB, "point", {"year": 2019, "month": None, "start_year": 2019, "end_year": 2019}),
    ("二〇二三年十月", PUB, "point", {"year": 2023, "month": 10, "start_year": 2023, "end_year": 2023}),
    ("截至2023年底", PUB, "until", {"year": 2023, "part": "年底", "start_year": 2023, "end_year": 2023,
                                  "relative": False, "resolved": True}),
    ("今年截至目前", PUB, "until", {"year": 2024, "part": "目前", "start_year": 2024, "end_year": 2024,
                                 "relative": True}),
    ("2023年以来", PUB, "since", {"year": 2023, "month": None, "start_year": 2023, "end_year": 2024,
                                "relative": True, "resolved": True}),
    ("2020年以来", PUB, "since", {"year": 2020, "start_year": 2020, "end_year": 2024}),
    ("今年以来", PUB, "since", {"year": 2024, "start_year": 2024, "end_year": 2024, "year_from": "relative"}),
    ("近年来", PUB, "duration_back", {"year": None, "years_back": None, "start_year": None, "end_year": None,
                                     "relative": True, "resolved": False}),
    ("五年来", PUB, "duration_back", {"years_back": 5, "start_year": 2020, "end_year": 2024, "resolved": True}),
    ("一年来", PUB, "duration_back", {"years_back": 1, "start_year": 2024, "end_year": 2024}),
    ("近三年", PUB, "duration_back", {"years_back": 3, "start_year": 2022, "end_year": 2024, "part": "近"}),
    ("过去的五年", PUB, "duration_back", {"years_back": 5, "start_year": 2020, "end_year": 2024}),
    ("这五年", PUB, "duration_back", {"years_back": 5, "start_year": 2020, "end_year": 2024}),
    ("2023年1月以来", PUB, "since", {"year": 2023, "month": 1, "start_year": 2023, "end_year": 2024}),
    ("2021年11月", PUB, "point", {"year": 2021, "month": 11, "start_year": 2021, "end_year": 2021}),
    ("年初", PUB, "point", {"year": 2024, "part": "年初", "relative": True, "start_year": 2024, "end_year": 2024}),
    ("年底", PUB, "point", {"year": 2024, "part": "年底", "relative": True}),
    ("去年11月13日", PUB, "point", {"year": 2023, "month": 11, "day": 13, "start_year": 2023, "end_year": 2023}),
    ("前年", PUB, "point", {"year": 2022, "month": None, "start_year": 2022, "end_year": 2022, "relative": True}),
    ("明年", PUB, "point", {"year": 2025, "start_year": 2025, "end_year": 2025, "relative": True}),
    ("2022-02-16 08:57:00", None, "point", {"year": 2022, "month": 2, "day": 16, "hour": 8, "minute": 57,
                                             "second": 0, "relative": False, "resolved": True}),
    ("2020-05-07 21:47:22", None, "point", {"year": 2020, "month": 5, "day": 7, "hour": 21, "minute": 47,
                                             "second": 22}),
    ("2022年02月16日", None, "point", {"year": 2022, "month": 2, "day": 16, "hour": None, "resolved": True}),
    ("2022/2/16", None, "point", {"year": 2022, "month": 2, "day": 16, "hour": None}),
    ("2022.02.16", None, "point", {"year": 2022, "month": 2, "day": 16}),
    # beyond the list of the specification
    ("2019年至2023年", None, "range", {"year": 2019, "start_year": 2019, "end_year": 2023, "resolved": True}),
    ("2019-2023年", None, "range", {"year": 2019, "start_year": 2019, "end_year": 2023}),
    ("2023年1-9月", None, "range", {"year": 2023, "month": 1, "end_month": 9, "start_year": 2023, "end_year": 2023}),
    ("5月10日至20日", PUB, "range", {"year": 2023, "month": 5, "day": 10, "end_month": None, "end_day": 20,
                                   "start_year": 2023, "end_year": 2023}),
    ("12月至次年1月", PUB, "range", {"year": 2023, "month": 12, "end_month": 1, "start_year": 2023, "end_year": 2024}),
    ("今年前三季度", PUB, "range", {"year": 2024, "month": 1, "end_month": 9, "quarter": None, "part": "前"}),
    ("从2019年到2023年", None, "range", {"start_year": 2019, "end_year": 2023}),
    ("2023年至今", PUB, "since", {"start_year": 2023, "end_year": 2024}),
    ("截至6月30日", PUB, "until", {"year": 2023, "month": 6, "day": 30, "start_year": 2023, "end_year": 2023}),
    ("2021年7月22日晚", None, "point", {"year": 2021, "month": 7, "day": 22, "part": "晚", "relative": False}),
    ("下午3点半", None, "point", {"hour": 15, "minute": 30, "part": "下午", "resolved": False}),
    ("凌晨三时许", None, "point", {"hour": 3, "part": "凌晨", "approx": True}),
    ("十月一日上午十时", date(2020, 5, 7), "point", {"year": 2019, "month": 10, "day": 1, "hour": 10}),
    ("本月13日", PUB, "point", {"year": 2024, "month": 3, "day": 13, "year_from": "relative"}),
    ("上个月", date(2024, 1, 15), "point", {"year": 2023, "month": 12, "day": None, "relative": True}),
    ("2023年度", None, "point", {"year": 2023, "start_year": 2023, "end_year": 2023}),
    ("5月上旬", PUB, "point", {"year": 2023, "month": 5, "part": "上旬"}),
    ("二十多年来", PUB, "duration_back", {"years_back": 20, "approx": True, "resolved": False}),
    ("多年来", PUB, "duration_back", {"years_back": None, "resolved": False, "part": "多年来"}),
]  # fmt: skip


@pytest.mark.parametrize(("form", "published", "kind", "expected"), FORMS, ids=[f[0] for f in FORMS])
def test_form(form: str, published: date | None, kind: str, expected: dict[str, Any]) -> None:
    text = PREFIX + form + SUFFIX
    m = only(text, published)
    assert (m.start, m.end, m.text, m.kind) == (len(PREFIX), len(PREFIX) + len(form), form, kind)
    got = fields(m)
    assert {k: got[k] for k in expected} == expected


def test_full_record_of_one_mention() -> None:
    m = only("去年6月13日,省委召开", date(2020, 5, 7))
    assert m == DateMention(
        start=0, end=7, text="去年6月13日", kind="point", year=2019, month=6, day=13, hour=None, minute=None,
        relative=True, resolved=True, start_year=2019, end_year=2019, half=None, quarter=None, year_from="relative",
    )  # fmt: skip
    assert years_of(m) == (2019, 2019)


# ---------------------------------------------------------------------------------------------
# Resolution with and without a publication date
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "kind", "year", "start_year"),
    [
        ("去年6月13日", "point", None, None),
        ("今年以来", "since", None, None),
        ("6月13日", "point", None, None),
        ("五年来", "duration_back", None, None),
        ("上半年", "point", None, None),
        ("今年截至目前", "until", None, None),
        ("2023年以来", "since", 2023, 2023),  # the start is known, the end ("now") is not
    ],
)
def test_relative_without_published_is_unresolved(form: str, kind: str, year: int | None, start_year: int) -> None:
    m = only(form)
    assert (m.kind, m.year, m.start_year, m.end_year) == (kind, year, start_year, None)
    assert m.relative is True
    assert m.resolved is False
    assert years_of(m) is None


@pytest.mark.parametrize("form", ["2019年5月", "二〇一九年", "2022-02-16 08:57:00", "2019年至2023年", "截至2023年底"])
def test_explicit_is_resolved_without_published(form: str) -> None:
    m = only(form)
    assert m.relative is False
    assert m.resolved is True
    assert years_of(m) is not None


@pytest.mark.parametrize(
    ("form", "year", "month", "day"),
    [
        ("11月13日", 2019, 11, 13),  # after 2020-05-07 -> the year before
        ("5月", 2020, 5, None),  # the publication month itself
        ("5月7日", 2020, 5, 7),
        ("5月8日", 2019, 5, 8),
        ("1月", 2020, 1, None),
    ],
)
def test_yearless_month_rolls_back_after_publication(form: str, year: int, month: int, day: int | None) -> None:
    m = only(form + ",", date(2020, 5, 7))
    assert (m.year, m.month, m.day, m.year_from, m.relative, m.resolved) == (year, month, day, "published", True, True)


def test_bare_day_takes_publication_month_or_the_one_before() -> None:
    assert (only("13日上午,在", date(2020, 5, 17)).month, only("13日上午,在", date(2020, 5, 17)).year) == (5, 2020)
    m = only("13日上午,在", date(2020, 1, 7))
    assert (m.year, m.month, m.day, m.part) == (2019, 12, 13, "上午")
    assert only("。13日,国务委员", date(2020, 5, 17)).day == 13
    assert find_dates("3日内完成") == []


def test_duration_back_counts_inclusively() -> None:
    m = only("五年来,", date(2024, 1, 2))
    assert (m.years_back, m.start_year, m.end_year) == (5, 2020, 2024)
    assert years_of(only("近3年", date(2020, 5, 7))) == (2018, 2020)


def test_since_with_a_future_start() -> None:
    m = only("自2025年1月1日起施行", PUB)
    assert (m.kind, m.start_year, m.end_year) == ("since", 2025, 2025)


def test_part_of_day_moves_hours_to_the_afternoon() -> None:
    assert only("12月31日晚上8点", PUB).hour == 20
    assert only("深夜11点", PUB).hour == 23
    assert only("中午12时", PUB).hour == 12
    assert only("凌晨3时", PUB).hour == 3


def test_with_context_years() -> None:
    text = "2023年,全省。6月13日,发生。11月,又。去年5月1日,然后7月3日。"
    got = [(m.text, m.year, m.year_from) for m in with_context_years(find_dates(text))]
    assert got == [
        ("2023年", 2023, "explicit"),
        ("6月13日", 2023, "context"),
        ("11月", 2023, "context"),
        ("去年5月1日", None, "relative"),
        ("7月3日", None, None),  # after an unresolved 去年 the year is unknown
    ]
    got = [(m.text, m.year, m.year_from) for m in with_context_years(find_dates(text, date(2020, 5, 7)))]
    assert got[-2:] == [("去年5月1日", 2019, "relative"), ("7月3日", 2019, "context")]
    assert all(m.resolved for m in with_context_years(find_dates(text, date(2020, 5, 7))))
    halves = with_context_years(find_dates("2022年,全市。上半年,下降。13日上午,发生", date(2024, 3, 1)))
    assert [(m.text, m.year, m.year_from) for m in halves] == [
        ("2022年", 2022, "explicit"),
        ("上半年", 2022, "context"),
        ("13日上午", 2024, "published"),  # a bare day keeps the publication-date reading
    ]


# ---------------------------------------------------------------------------------------------
# Not dates
# ---------------------------------------------------------------------------------------------

NOT_DATES = [
    "湖北群众安全感由96.21%升至98.72%",
    "聚焦“专业+机制+大数据”,推行1+4+N模式",
    "“7·25”专项行动",
    "开展为期半年的“7?25”严打整治专项行动",
    "“3·31”案",
    "拨打110报警",
    "惠及12万人",
    "举办政治轮训班3118期",
    "组织6000余名民警",
    "湖北连续17年获评全国平安建设优秀省份",
    "全国咨询热线:010-67877741/42/43",
    "联系电话13910555092",
    "提升2.65个百分点",
    "京ICP备18014261号-2",
    "“雷火2022”行动",
    "9月14日,2024长江文化艺术季开幕",  # only 9月14日
    "侦办“11.07套路贷案”",
    "以上年龄段",
    "年前年后",
    "过去年代",
    "将近5年",
    "每一季度",
    "17年底",
    "2020年代",
    "起诉",
    "24小时无人值守",
    "第一时间",
    "傍晚散步时间",
]


@pytest.mark.parametrize("text", NOT_DATES)
@pytest.mark.parametrize("published", [None, PUB])
def test_not_dates(text: str, published: date | None) -> None:
    found = [m.text for m in find_dates(text, published)]
    assert found == (["9月14日"] if text.startswith("9月14日") else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("群众安全感由2019年的96.21%升至2023年的98.72%", ["2019年", "2023年"]),
        ("2023年初步建成", ["2023年"]),
        ("9月5日晚会", ["9月5日"]),
        ("2019年起诉", ["2019年"]),
        ("刚刚过去的2022年,十堰公安", ["2022年"]),
        ("一年成功帮助", []),
        ("回望5年来的湖北公安", ["5年来"]),
        ("2023年第三个『中国人民警察节』", ["2023年"]),
    ],
)
def test_longest_and_only_the_date(text: str, expected: list[str]) -> None:
    assert [m.text for m in find_dates(text, PUB)] == expected


def test_jin_nian_lai() -> None:
    assert [(m.text, m.kind) for m in find_dates("今年来,全市", PUB)] == [("今年来", "since")]
    assert [(m.text, m.kind) for m in find_dates("今年来汉的游客", PUB)] == [("今年", "point")]


def test_durations_are_separate() -> None:
    got = [(d.text, d.value, d.unit) for d in find_durations("连续17年获评,为期半年,上半年,36小时后,两个多月来,五年来")]
    assert got == [("17年", 17, "年"), ("半年", None, "年"), ("36小时", 36, "小时"), ("两个多月", 2, "个多月")]
    assert find_dates("连续17年获评") == []


def test_invalid_calendar_dates_are_dropped() -> None:
    assert find_dates("2022-02-30") == []
    assert find_dates("2023年2月29日") == []
    assert [m.text for m in find_dates("2024年2月29日")] == ["2024年2月29日"]


# ---------------------------------------------------------------------------------------------
# parse_timestamp
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-02-16 08:57:00", datetime(2022, 2, 16, 8, 57)),
        ("2020-05-07 21:47:22", datetime(2020, 5, 7, 21, 47, 22)),
        ("2022/2/16", datetime(2022, 2, 16)),
        ("2022.02.16", datetime(2022, 2, 16)),
        ("2022-02-16T08:57:00+08:00", datetime(2022, 2, 16, 8, 57)),
        (" 2022-02-16 ", datetime(2022, 2, 16)),
        ("2022年02月16日", datetime(2022, 2, 16)),
        ("2022年2月16日 08:57", datetime(2022, 2, 16, 8, 57)),
        ("2022年2月16日下午3时", datetime(2022, 2, 16, 15)),
        ("二〇一九年十月一日", datetime(2019, 10, 1)),
        ("2022-02-30", None),
        ("2023年", None),  # partial
        ("2023年4月", None),
        ("去年6月13日", None),  # relative
        ("9月5日晚", None),
        ("96.21", None),
        ("010-67877741", None),
        ("", None),
        ("2022-02-16 和 2022-02-17", None),
    ],
)
def test_parse_timestamp(text: str, expected: datetime | None) -> None:
    got = parse_timestamp(text)
    assert got == expected
    if got is not None:
        assert got.tzinfo is None


def test_import_is_light_and_find_dates_never_imports_dateparser() -> None:
    code = (
        "import sys, policemetrics.recognise.dates as d\n"
        "assert 'dateparser' not in sys.modules and 'regex' not in sys.modules\n"
        "d.find_dates('2022-02-16 08:57:00 去年6月13日')\n"
        "assert 'dateparser' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])


# ---------------------------------------------------------------------------------------------
# The sample articles
# ---------------------------------------------------------------------------------------------

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _seed(name: str) -> str:
    from policemetrics.text import normalise

    return normalise((SEEDS / name).read_text(encoding="utf-8")).text


@pytest.mark.skipif(not SEEDS.is_dir(), reason="sample articles not present")
def test_seed_articles() -> None:
    text = _seed("004_e886dedfbc77f709.txt")
    found = {m.text: m for m in find_dates(text, date(2020, 5, 7))}
    assert found["2020-05-07 21:47:22"].hour == 21
    assert years_of(found["去年6月13日"]) == (2019, 2019)
    assert years_of(found["今年以来"]) == (2020, 2020)
    assert found["一年来"].kind == "duration_back"
    for m in found.values():
        assert text[m.start : m.end] == m.text

    text = _seed("000_1e94a34fa0e2d2d5.txt")
    texts = [m.text for m in find_dates(text)]
    assert texts[:3] == ["2019年5月", "五年来", "过去的五年"]
    assert "2023年1月以来" in texts
    assert not any("96" in t or "98" in t for t in texts)


# ---------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------

_ALPHABET = (
    "0123456789.-/: 年月日号时点分秒许前后上下半季度第今去明本近过这来以起至截止目初底末旬晚早凌晨午夜"
    "〇一二两三四五六七八九十百千万自从多余几数个天周,。、“”的在是"
)
texts = st.one_of(st.text(alphabet=_ALPHABET, max_size=60), st.text(max_size=40))
published_dates = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))


@settings(max_examples=400, deadline=None)
@given(texts, published_dates)
def test_find_dates_properties(text: str, published: date | None) -> None:
    found = find_dates(text, published)
    previous_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end  # in order and non-overlapping
        previous_end = m.end
        assert m.resolved == (m.start_year is not None and m.end_year is not None)
        if not m.relative:
            assert m.resolved
        if m.resolved:
            assert m.start_year is not None and m.end_year is not None and m.start_year <= m.end_year
    assert find_dates(text, published) == found  # deterministic
    _check_context_years(found)


def _check_context_years(found: list[DateMention]) -> None:
    """with_context_years keeps every span and changes a mention only by giving it the year of the
    last preceding mention whose year was written."""
    given = with_context_years(found)
    assert [(m.start, m.end, m.text, m.kind) for m in given] == [(m.start, m.end, m.text, m.kind) for m in found]
    anchor: int | None = None
    for before, after in zip(found, given, strict=True):
        if before.year_from in ("explicit", "relative"):
            anchor = before.year
        if after == before:
            continue
        assert anchor is not None
        assert (after.year, after.start_year, after.year_from, after.resolved) == (anchor, anchor, "context", True)
        assert after.end_year in (anchor, anchor + 1)


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_find_dates_is_local(left: str, right: str) -> None:
    """A mention inside a clause is found the same way whatever is around the separators."""
    middle = "2019年5月13日"
    found = find_dates(left + "。" + middle + "。" + right)
    assert any(m.text == middle and m.start == len(left) + 1 for m in found)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_parse_timestamp_is_none_or_the_one_date_found(text: str) -> None:
    """A timestamp comes back only when the whole text is one absolute date with a day."""
    got = parse_timestamp(text)
    if got is None:
        return
    stripped = text.strip()
    found = find_dates(stripped)
    if len(found) == 1 and found[0].text == stripped:  # Chinese form: read by the date grammar itself
        m = found[0]
        assert (got.year, got.month, got.day) == (m.year, m.month, m.day)
    else:  # ISO form: its digits are the date's
        assert f"{got.year}" in stripped and str(got.day) in stripped


@pytest.mark.parametrize(
    ("text", "count", "first"),
    [
        ("0123456789" * 10_000, 0, None),  # one digit run: never a date
        ("年" * 100_000, 0, None),
        ("月日" * 50_000, 0, None),
        ("一年" * 20_000, 0, None),  # one numeral run and 年, again and again: no 一年来, no date
        ("近" * 50_000, 0, None),
        ("2019年" * 10_000, 10_000, ("2019年", "point", 2019, 2019)),
        ("1-9月," * 10_000, 10_000, ("1-9月", "range", 2024, 2024)),
        ("5月10日至20日" * 5_000, 5_000, ("5月10日至20日", "range", 2023, 2023)),  # May after March 2024: 2023
    ],
)
def test_adversarial_inputs(text: str, count: int, first: tuple[str, str, int, int] | None) -> None:
    """Long repetitive inputs: the exact mentions (no timing assertion here; see benchmarks/adversarial.py)."""
    found = find_dates(text, PUB)
    assert len(found) == count
    if first is not None:
        step = len(first[0]) + (1 if text[len(first[0])] == "," else 0)
        assert [(m.start, m.end) for m in found] == [(k * step, k * step + len(first[0])) for k in range(count)]
        assert {(m.text, m.kind, m.start_year, m.end_year) for m in found} == {first}


def _non_junk(pattern: Any, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    out = []
    for m in pattern.finditer(text):
        groups = m.groupdict()
        if groups["_junk"] is None:
            out.append((m.span(), groups))
    return out


@pytest.fixture(scope="module")
def patterns() -> tuple[Any, Any]:
    import regex

    from policemetrics.recognise import dates

    return dates._pattern(), regex.compile(dates._pattern_source(second_char_test=False), regex.V0)


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_second_char_test_changes_nothing(patterns: tuple[Any, Any], text: str) -> None:
    fast, plain = patterns
    assert _non_junk(fast, text) == _non_junk(plain, text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="sample articles not present")
def test_second_char_test_changes_nothing_on_seeds(patterns: tuple[Any, Any]) -> None:
    fast, plain = patterns
    for path in sorted(SEEDS.glob("*.txt")):
        text = _seed(path.name)
        assert _non_junk(fast, text) == _non_junk(plain, text)


# The grammar writes the second point (a range or 截至) and the time of day once each: these pin what the shared
# parts must keep doing (截至 alone or after a date, no 截至 after 自/从, a time of day before a day range, a
# separator with no date before it).
@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("截至目前，全市共破案", [("截至目前", "until", 2023, None, None)]),
        ("今年截至10月底，全市", [("今年截至10月底", "until", 2023, 10, None)]),
        ("自2020年截至10月", [("2020年截至10月", "until", 2020, 10, None)]),
        ("自2020年3月起施行", [("自2020年3月起", "since", 2020, 3, None)]),
        ("截止到2023年6月30日为止", [("截止到2023年6月30日为止", "until", 2023, 6, 30)]),
        ("5月5日晚8时至7日", [("5月5日晚8时至7日", "range", 2023, 5, 5)]),
        ("从1月至今", [("从1月至今", "since", 2023, 1, None)]),
        ("至5月底", [("5月底", "point", 2023, 5, None)]),
    ],
)
def test_shared_second_point_and_time(text: str, found: list[tuple[str, str, int, int | None, int | None]]) -> None:
    got = find_dates(text, date(2023, 11, 20))
    assert [(text[m.start : m.end], m.kind, m.year, m.month, m.day) for m in got] == found
