"""Span invariants that are NOT true by construction.

``text[span.start:span.end] == span.text`` holds whatever offsets ``Document.span`` computes, so it cannot
catch a span that is one character too long. These tests record what each rule matched (the normalised
``[s, e)`` passed to ``Document.span``) and check that the original span maps back to exactly those
characters:

- the offset map is monotone, so it can be inverted by binary search;
- inverting the emitted span gives back the normalised ``[s, e)`` the rule matched, and no wider original range;
- normalising the original slice gives the matched normalised slice (up to whitespace, which the layout pass
  decides from the surrounding lines);
- a span begins or ends on a separator only where the matched normalised text does;
- every span of a metric, honour or initiative was produced by ``Document.span``.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policemetrics import extract
from policemetrics.models import Report, Span
from policemetrics.text import normalise
from policemetrics.text.document import Document

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "dev" / "articles"
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# article-like text: report vocabulary, numbers, and everything the normaliser rewrites (markup, entities,
# pinyin ruby, full-width digits, Traditional characters, broken lines, layout spaces)
FRAGMENTS = [
    *("全市", "全省", "我市", "同比", "上升", "下降", "由", "升至", "降至", "分别", "达", "占比", "破案率", "满意率"),
    *("抓获", "犯罪嫌疑人", "刑事案件", "警情", "挽回损失", "第一", "全国", "荣获", "授予", "称号", "行动", "机制"),
    *("万", "亿", "余", "多", "近", "约", "不足", "起", "名", "人次", "元", "%", "个百分点", "倍", "成"),
    *("2023年", "1-9月", "去年6月13日", "12.5", "三千", "１２３", "１２．５％", "百分之", "“", "”", "《", "》"),
    *("，", "。", "、", "；", "：", "(", ")", "（", "）", " ", "  ", "\n", "\n\n", "\r\n", "\u3000", "\u200b"),
    *("<p>", "</p>", "<br/>", '<a href="x">', "</a>", "&nbsp;", "&amp;", "&#20013;", "國(guó)", "萬餘", "警察局"),
    *("臺灣", "責任編輯：王某", "来源：某某日报", "【打印】", "\t"),
]
ARTICLE_LIKE = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.integers(0, 10**7).map(str), st.text(max_size=3)), max_size=60
).map("".join)


@dataclass(frozen=True)
class Made:
    """One call of ``Document.span``: the normalised range a rule matched and the span it became."""

    doc: Document
    start: int
    end: int
    span: Span


@contextmanager
def recording() -> Iterator[list[Made]]:
    """Records every ``Document.span`` call made inside the block (whatever ``Document.span`` does)."""
    made: list[Made] = []
    real = Document.span

    def spy(self: Document, start: int, end: int) -> Span:
        span = real(self, start, end)
        made.append(Made(self, start, end, span))
        return span

    Document.span = spy  # type: ignore[method-assign]
    try:
        yield made
    finally:
        Document.span = real  # type: ignore[method-assign]


def normalised_range(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The normalised [s, e) whose characters all come from inside original [start, end).

    Binary search is valid because the offset map is monotone (tested below)."""
    return bisect.bisect_left(doc.offsets.starts, start), bisect.bisect_right(doc.offsets.ends, end)


def _separator(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch)[0] in "PZC"


def _squash(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace())


def span_problems(m: Made) -> list[str]:
    """Every way the span fails to stand for exactly what the rule matched (empty: none)."""
    where = f"span {m.span.text!r} [{m.span.start}:{m.span.end}] for normalised {m.doc.text[m.start : m.end]!r}"
    return [f"{where} [{m.start}:{m.end}] {p}" for p in _mapping_problems(m) + _text_problems(m)]


def _mapping_problems(m: Made) -> list[str]:
    doc, s, e, span = m.doc, m.start, m.end, m.span
    problems = []
    back = normalised_range(doc, span.start, span.end)
    if back != (s, e):
        problems.append(f"maps back to normalised {back}, not ({s}, {e})")
    if e > s and doc.orig_range(s, e) != (span.start, span.end):
        problems.append(f"is not the original range of the match {doc.orig_range(s, e)}")
    return problems


def _text_problems(m: Made) -> list[str]:
    matched, renormalised = m.doc.text[m.start : m.end], normalise(m.span.text).text
    problems = []
    if _squash(renormalised) != _squash(matched):
        problems.append(f"normalising the original slice gives {renormalised!r}")
    # compared after normalising: the original "&#20013;" ends with ';' but stands for 中
    for end, ch in (("begins", 0), ("ends", -1)):
        if renormalised and _separator(renormalised[ch]) and not (matched and _separator(matched[ch])):
            problems.append(f"{end} with a separator the match does not have")
    return problems


def object_spans(report: Report) -> list[Span]:
    """The spans of what was read (Unparsed spans may cover text the normaliser never kept, a page footer)."""
    return report.spans(unparsed=False)


def check_extract(text: str) -> int:
    """Runs extract on ``text`` and checks every span it made; returns how many spans were checked."""
    with recording() as made:
        report = extract(text)
    problems = [p for m in made for p in span_problems(m)]
    produced = {(m.span.start, m.span.end) for m in made}
    problems += [
        f"span {s.text!r} [{s.start}:{s.end}] was not made by Document.span"
        for s in object_spans(report)
        if (s.start, s.end) not in produced
    ]
    assert not problems, "\n".join(problems[:20])
    return len(made)


# ---------------------------------------------------------------- the offset map


def _assert_monotone(text: str) -> None:
    doc = normalise(text)
    starts, ends = doc.offsets.starts, doc.offsets.ends
    assert len(starts) == len(ends) == len(doc.text)
    for i in range(len(starts)):
        assert 0 <= starts[i] < ends[i] <= len(text), (i, starts[i], ends[i])
        if i:
            assert starts[i - 1] <= starts[i], f"starts decrease at {i}: {starts[i - 1]} > {starts[i]} in {text!r}"
            assert ends[i - 1] <= ends[i], f"ends decrease at {i}: {ends[i - 1]} > {ends[i]} in {text!r}"


@PROPERTY
@given(st.text())
def test_offset_map_is_monotone_on_any_text(text: str) -> None:
    _assert_monotone(text)


@PROPERTY
@given(ARTICLE_LIKE)
def test_offset_map_is_monotone_on_article_like_text(text: str) -> None:
    _assert_monotone(text)


def test_offset_map_is_monotone_on_the_seeds(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        _assert_monotone(text)


def test_inverting_the_map_across_a_rewritten_entity() -> None:
    """&amp; is one normalised character for five original ones."""
    doc = normalise("A&amp;B 12起")
    assert doc.text == "A&B 12起"
    assert doc.orig_range(1, 2) == (1, 6)
    assert normalised_range(doc, 1, 6) == (1, 2)
    assert normalised_range(doc, 1, 5) == (1, 1)  # part of the entity stands for no whole character


def test_inverting_the_map_across_dropped_ruby_and_tags() -> None:
    """The ruby (guó) and the tags stand for no normalised character."""
    ruby = normalise("全國(guó)12起")
    assert ruby.text == "全国12起"
    assert ruby.orig_range(1, 4) == (1, 9)
    assert normalised_range(ruby, 1, 9) == (1, 4)
    assert normalised_range(ruby, 2, 7) == (2, 2)  # the ruby alone: nothing
    tags = normalise("<b>12</b>起")
    assert (tags.text, tags.orig_range(0, 3)) == ("12起", (3, 10))
    assert normalised_range(tags, 3, 10) == (0, 3)


# ---------------------------------------------------------------- emitted spans


def test_emitted_spans_stand_for_what_the_rule_matched_on_the_seeds(seed_texts: dict[str, str]) -> None:
    checked = sum(check_extract(text) for text in seed_texts.values())
    assert checked > 500  # the seeds yield hundreds of spans: the check ran on real output


@pytest.mark.skipif(not DEV.is_dir(), reason=f"development articles not present at {DEV}")
def test_emitted_spans_stand_for_what_the_rule_matched_on_the_dev_articles() -> None:
    checked = sum(check_extract(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.txt")))
    assert checked > 1000


@pytest.mark.parametrize(
    "text",
    [
        "全省電詐警情同比下降２６．４％，抓獲犯罪嫌疑人1381人。",
        "<p>全市共破获刑事案件<b>1,200</b>起，</p><p>挽回损失&nbsp;3.5亿元。</p>",
        "全國(guó)命案破案率由95.2%升至99.1%，群眾安全感達到98.7%。",
        "全市共抓获犯罪\n嫌疑人86名，同比上升\n\n12.5%。",
        "荣获“全国优秀公安局”称号。开展“雷霆2023”专项行动，建立“情指行”一体化运行机制。",
    ],
)
def test_emitted_spans_stand_for_what_the_rule_matched_through_normalisation(text: str) -> None:
    assert check_extract(text) > 0


@PROPERTY
@given(ARTICLE_LIKE)
def test_emitted_spans_stand_for_what_the_rule_matched_on_article_like_text(text: str) -> None:
    check_extract(text)


@PROPERTY
@given(st.text(max_size=200))
def test_emitted_spans_stand_for_what_the_rule_matched_on_any_text(text: str) -> None:
    check_extract(text)


def test_a_span_one_character_too_long_is_caught() -> None:
    """The checks above are not true by construction: a Document.span that overshoots by one fails them."""
    text = "全市共破获刑事案件120起，同比上升5%。"
    doc = normalise(text)
    s = doc.text.index("120起")
    a, b = doc.orig_range(s, s + 4)  # built here, not by Document.span, so this test checks the checks
    good = Made(doc, s, s + 4, Span(start=a, end=b, text=text[a:b]))
    long = Made(doc, s, s + 4, Span(start=a, end=b + 1, text=text[a : b + 1]))
    assert span_problems(good) == []
    assert len(span_problems(long)) >= 3  # maps back wider, not the match's range, ends with a separator
