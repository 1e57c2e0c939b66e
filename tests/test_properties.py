"""Hypothesis properties of the whole pipeline and of the number grammar."""

from __future__ import annotations

from decimal import Decimal

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from policemetrics import extract, find_quantities
from policemetrics.text import normalise

VOCAB = [
    "同比",
    "上升",
    "下降",
    "破案率",
    "抓获",
    "万",
    "余",
    "起",
    "名",
    "%",
    "、",
    "，",
    "。",
    "“",
    "”",
    "由",
    "升至",
    "國(guó)",
    "１２",
    "\n\n",
    "<p>",
    "&nbsp;",
    "第一",
    "全国",
    "分别",
    "2023年",
    "三千",
    "近",
    "个百分点",
]
article_like = st.lists(
    st.one_of(st.sampled_from(VOCAB), st.integers(0, 10**6).map(str), st.text(max_size=5)), max_size=40
).map("".join)


def _all_spans_valid(text: str) -> None:
    report = extract(text)
    for span in report.spans():
        assert text[span.start : span.end] == span.text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_extract_never_raises_and_spans_are_valid_on_any_text(text: str) -> None:
    _all_spans_valid(text)


@settings(max_examples=300, deadline=None)
@given(article_like)
def test_spans_valid_and_output_deterministic_on_article_like_text(text: str) -> None:
    _all_spans_valid(text)
    assert extract(text) == extract(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_offset_map_covers_original(text: str) -> None:
    doc = normalise(text)
    assert len(doc.offsets) == len(doc.text)
    for i in range(len(doc.text)):
        a, b = doc.orig_range(i, i + 1)
        assert 0 <= a < b <= len(text)


def _single(text: str) -> float:
    found = find_quantities(text)
    assert len(found) == 1, (text, found)
    assert found[0].span.text == text
    return found[0].value


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_integers_parse_back(n: int) -> None:
    assert _single(f"{n}起") == n
    assert _single(f"{n:,}人") == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**12))
def test_chinese_numerals_parse_back(n: int) -> None:
    written = cn2an.an2cn(n, "low")
    assert _single(f"{written}起") == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99999), st.sampled_from([("万", 10**4), ("亿", 10**8)]))
def test_mixed_forms_parse_back(n: int, mult: tuple[str, int]) -> None:
    word, factor = mult
    assert _single(f"{n}{word}元") == n * factor
    assert _single(f"{n}{word}余人") == n * factor
    written = f"{n / 100:.2f}"
    assert _single(f"{written}{word}件") == float(Decimal(written) * factor)  # exact: 2.3亿 is 230000000
