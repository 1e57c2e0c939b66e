"""Adversarial input: extract() never raises, every span is valid, and the output is deterministic.

Hypothesis budgets (examples per test): arbitrary Unicode incl. surrogates 300, mixed scripts and
markup 300, long lines (500-6,000 characters without a break) 40, JSON round trip 150, decoding of
arbitrary bytes 300. Line lengths are kept moderate because runs of digits or of 百分之 inside one
clause currently cost quadratic time (see benchmarks/adversarial.py); the file runs in about 20 s.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policemetrics import extract
from policemetrics.errors import DecodeError
from policemetrics.io.files import decode
from policemetrics.models import Report, validate_report

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LONG = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

# Every plane, control characters, lone surrogates, private use, noncharacters: nothing excluded.
ANY_CHAR = st.characters(codec=None, exclude_categories=())
ANY_TEXT = st.text(alphabet=ANY_CHAR, max_size=400)

FRAGMENTS = [
    # police-report vocabulary and number forms
    "2023年",
    "全省",
    "电诈警情",
    "同比",
    "上升",
    "下降",
    "26.4%",
    "1381人",
    "破案率",
    "达",
    "98.64%",
    "万",
    "亿",
    "余",
    "多",
    "近",
    "起",
    "名",
    "个百分点",
    "第一",
    "全国第",
    "三千",
    "一万二千",
    "百分之",
    "倍",
    "元",
    "万元",
    "由",
    "升至",
    "降至",
    "分别",
    "、",
    "，",
    "。",
    "：",
    "；",
    "“",
    "”",
    "‘",
    "’",
    "《",
    "》",
    "「",
    "」",
    "(",
    ")",
    "（",
    "）",
    "【",
    "】",
    "……",
    "——",
    "·",
    "•",
    "－",
    "-",
    "+",
    "~",
    "～",
    "/",
    # Traditional, full-width, ruby
    "全國",
    "群眾",
    "安全感",
    "達",
    "萬",
    "億",
    "１２３",
    "４５．６％",
    "國(guó)",
    "万(wàn)",
    "（ｇｕó）",
    # markup, entities (valid and broken), CR/LF variants
    "<p>",
    "</p>",
    "<br/>",
    '<div class="x">',
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<",
    ">",
    "&nbsp;",
    "&amp;",
    "&#37;",
    "&#x4e07;",
    "&#xD800;",
    "&#99999999;",
    "&bogus;",
    "&",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    # other scripts and tricky code points
    "Police",
    "ПОЛИЦИЯ",
    "الشرطة",
    "경찰",
    "ตำรวจ",
    "पुलिस",
    "🚓",
    "👮\u200d♀️",
    "𠮷",
    "\U0002a6a5",
    "\U000e0001",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\ufeff",
    "\u00ad",
    "\u2028",
    "\u2029",
    "\x85",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x00",
    "\x7f",
    "\ufffd",
    "\ud800",
    "\udfff",
    "\ue000",
    "\uffff",
    "\U0010ffff",
    "e\u0301",
    "\u3000",
    "\xa0",
]
MIXED = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.integers(min_value=-(10**15), max_value=10**15).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.text(alphabet=ANY_CHAR, max_size=4),
    ),
    max_size=60,
).map("".join)


_SURROGATE = re.compile("[\ud800-\udfff]")


def check(text: str) -> Report:
    """The properties every input must satisfy; returns the report."""
    report = extract(text)
    spans = list(report.spans())
    for m in report.metrics:
        spans += [m.span, m.evidence]
        assert m.evidence.start <= m.span.start <= m.span.end <= m.evidence.end
    for h in report.honours:
        spans += [h.span, *h.mentions]
    for i in report.initiatives:
        spans += [i.span, *i.mentions]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text), span
        assert text[span.start : span.end] == span.text, span
    assert extract(text) == report, "output is not deterministic"
    return report


@FAST
@given(ANY_TEXT)
def test_any_unicode_never_raises_and_spans_are_valid(text: str) -> None:
    check(text)


@FAST
@given(MIXED)
def test_mixed_scripts_markup_and_numbers(text: str) -> None:
    check(text)


@LONG
@given(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map("".join),
    st.integers(min_value=500, max_value=6_000),
    ANY_TEXT,
)
def test_very_long_lines(unit: str, times: int, tail: str) -> None:
    line = (unit * (times // len(unit) + 1))[:times]
    check(line + tail)
    check(tail + line.replace("\n", "").replace("\r", ""))


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), MIXED.map(lambda t: _SURROGATE.sub("", t))))
def test_reports_of_valid_unicode_round_trip_through_json(text: str) -> None:
    report = check(text)
    assert Report.model_validate_json(report.model_dump_json()) == report
    assert validate_report(report.model_dump(mode="json"), text) == report


@FAST
@given(st.binary(max_size=600))
def test_any_bytes_decode_to_text_or_raise_decode_error(data: bytes) -> None:
    try:
        text = decode(data, "fuzz.bin")
    except DecodeError as exc:
        assert "fuzz.bin" in str(exc)
        return
    check(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\ud800",
        "\x00" * 1000,
        "1" * 4_000,
        "一" * 10_000,
        "万" * 10_000,
        "、" * 10_000,
        "“" * 10_000,
        "(" * 10_000 + ")" * 10_000,
        "<" * 10_000,
        "&" * 10_000,
        "&#" * 5_000,
        "同比上升" * 2_500,
        "1." * 2_000,
        "1,0" * 3_000,
        "%" * 10_000,
        "<p>" * 3_000,
        "<!--" * 2_000,
        "国(guó)" * 2_000,
        "\n" * 10_000,
        "\r" * 10_000,
        " " * 10_000,
        "１" * 4_000,
        "第" * 10_000,
        "百分之" * 1_300,
        "近" * 10_000 + "1万余起",
        "1起、" * 800,
        "同比上升1%" * 300,
    ],
    ids=lambda t: f"{t[:6]!r}x{len(t)}",
)
def test_pathological_repetitions(text: str) -> None:
    check(text)


def test_report_with_lone_surrogate_serialises_to_json() -> None:
    text = "\ud800抓获犯罪嫌疑人1381人\udfff"
    report = check(text)
    assert [m.value for m in report.metrics] == [1381.0]
    report.model_dump_json()
