"""When a figure is about: named rules over the time mentions of the document (see ``Context.times``).

One meaning for spans, shared with the report period (SCHEMA.md): ``N年来`` / ``近N年`` / ``连续N年`` are the N years
ending with the end year E, ``(E-N+1)-E``; ``YYYY年以来`` is ``YYYY-E``; E is the latest year the figure's
paragraph names, else the report period's end, else the publication year. Years after 较/比/与…相比/同期 are
comparison years and never a period (they are left out of ``Context.times``); vague spans (近年来) have no N and
are no time at all.

1. ``period.sentence`` / ``period.since`` / ``period.span_back``: the last time named before the figure in its
   sentence (or the span the figure itself counts: 连续16年);
2. ``period.governing``: a time that opens the figure's paragraph or heads a sentence (2022年,) earlier in the
   paragraph or in the one before;
3. ``period.report``: the report's period; 4. ``period.published``: the publication year.
"""

from __future__ import annotations

import bisect

from policemetrics.attribute.context import Context
from policemetrics.attribute.table import attribute_table
from policemetrics.attribute.times import Time
from policemetrics.rules import RuleBook

BOOK = RuleBook(
    "period",
    {
        "period.sentence": "the last date named before the figure in its sentence (no comparison year)",
        "period.since": "YYYY年以来 before the figure: YYYY to the end year",
        "period.span_back": "N年来, 近N年 before the figure in its sentence: the N years ending with the end year",
        "period.streak": "连续N年 before or around the figure in its clause: the N years ending with the end year",
        "period.governing": "a year opening the paragraph or heading a sentence (2022年,), a paragraph back at most",
        "period.whole_year": "全年, 年内 before the figure: the report's (last) year",
        "period.now": "目前, 截至目前 before the figure: the publication year, else the report's last year",
        "period.compared_value": "a figure right after a comparison year (2020年同期(7092宗)) is that year's",
        "period.year_list": "2019年、2020年…分别/依次 A、B: each value takes the year in the same place of the list",
        "period.report": "the report's period",
        "period.published": "the publication year",
    },
)

# BOOK.name as a lookup (asked once per figure): an undeclared name still fails, with a KeyError
_DECLARED = {name: name for name in BOOK.rules}
_WINDOW = 600  # characters looked back for a governing date
_RULE = {
    "date": "period.sentence",
    "since": "period.since",
    "back": "period.span_back",
    "streak": "period.streak",
    "year": "period.whole_year",
    "now": "period.now",
}


def period_reading(ctx: Context, pos: int) -> tuple[str | None, str | None]:
    """(period, rule) of a figure starting at ``pos``."""
    sent_start, _ = ctx.seg.sentence(pos)
    clause_start, _ = ctx.seg.clause(pos)
    line = bisect.bisect_right(ctx.line_starts, pos) - 1
    floor = ctx.line_starts[line - 1] if line > 0 else 0  # the start of the paragraph before
    floor = max(floor, pos - _WINDOW)
    markers = ctx.markers  # most figures have no list marker before them: skip the list rule at once
    listed = _year_list(ctx, pos, sent_start) if markers and markers[0][0] < pos else None
    if listed is not None:
        return listed, _DECLARED["period.year_list"]
    i = bisect.bisect_right(ctx.time_starts, pos) - 1  # a time may start at the figure: 近5年 in 近5年连创新低
    while i >= 0 and ctx.times[i].start >= floor:
        t = ctx.times[i]
        rule = _applies(ctx, t, pos, sent_start, clause_start)
        if rule is not None:
            text = _span_text(ctx, t, pos, sent_start)
            if text is not None:
                return text, _DECLARED[rule]
        i -= 1
    if ctx.period is not None:
        return ctx.period_text(), _DECLARED["period.report"]
    if ctx.published is not None:
        return str(ctx.published.year), _DECLARED["period.published"]
    return None, None


def _year_list(ctx: Context, pos: int, sent_start: int) -> str | None:
    """2019年、2020年、2021年…分别为A、B、C (or 2019年至2021年…依次): the k-th value is of the k-th year, unless a
    list of indicators stands between the years and 分别 (刑事案件、治安案件分别…: the values are theirs)."""
    table = attribute_table()
    sent_start = max(sent_start, pos - _WINDOW)
    marker = _last_marker(ctx, sent_start, pos)
    if marker < 0:
        return None
    years, end = _listed_years(ctx, sent_start, marker)
    if len(years) < 2 or any(sep in ctx.text[end:marker] for sep in table.value_separators):
        return None
    k = sum(ctx.text.count(sep, marker, pos) for sep in table.value_separators)
    return str(years[k]) if k < len(years) else None


def _last_marker(ctx: Context, lo: int, hi: int) -> int:
    """The start of the last list marker lying within [lo, hi), or -1 (as ``str.rfind`` of each marker would)."""
    i = bisect.bisect_left(ctx.markers, (hi, 0)) - 1
    while i >= 0 and ctx.markers[i][0] >= lo:
        if ctx.markers[i][1] <= hi:
            return ctx.markers[i][0]
        i -= 1
    return -1


def _listed_years(ctx: Context, start: int, stop: int) -> tuple[list[int], int]:
    """The years of a list of single years, or of one range of years, named in [start, stop); where it ends."""
    lo = bisect.bisect_left(ctx.time_starts, start)
    hi = bisect.bisect_left(ctx.time_starts, stop)
    spans = [y for t in ctx.times[lo:hi] if (y := _year_span(t)) is not None]
    if len(spans) == 1 and spans[0][0] != spans[0][1]:
        first, last, end = spans[0]
        return list(range(first, last + 1)), end
    if len(spans) >= 2 and all(a == b for a, b, _ in spans):
        return [a for a, _, _ in spans], spans[-1][2]
    return [], stop


def _year_span(t: Time) -> tuple[int, int, int] | None:
    """(first year, last year, end offset) of a dated time that is no comparison."""
    if t.kind != "date" or t.compared or t.first is None or t.last is None:
        return None
    return t.first, t.last, t.end


def _applies(ctx: Context, t: Time, pos: int, sent_start: int, clause_start: int) -> str | None:
    """The rule by which time ``t`` (before the figure at ``pos``) is the figure's time, or None."""
    if t.compared:  # only for the figure right after it
        return "period.compared_value" if _attached(ctx, t, pos, sent_start) else None
    if t.kind == "streak" or (t.kind in ("back", "since") and not t.opens and not t.governs):
        return _RULE[t.kind] if t.start >= clause_start else None  # 近10年来首降: its own clause
    if t.start >= sent_start:
        return _RULE[t.kind]
    return "period.governing" if t.governs else None


def _attached(ctx: Context, t: Time, pos: int, sent_start: int) -> bool:
    return t.start >= sent_start and attribute_table().attached.match(ctx.text[t.end : pos]) is not None


def end_year(ctx: Context, pos: int, sent_start: int, after: int = 0) -> int | None:
    """E: the latest year named before the figure in its sentence, else in its paragraph, else the report period's
    end, else the publication year; a candidate not after ``after`` (the start of 2018年以来) does not count."""
    start, stop = ctx.line(pos)
    start, stop = max(start, pos - _WINDOW), min(stop, pos + _WINDOW)  # bounded: linear on one endless line
    lo = bisect.bisect_left(ctx.years, (start, 0))
    mid = bisect.bisect_left(ctx.years, (sent_start, 0))
    hi = bisect.bisect_left(ctx.years, (pos, 0))
    top = bisect.bisect_left(ctx.years, (stop, 0))
    in_sentence = max((y for _, y in ctx.years[max(lo, mid) : hi]), default=0)
    in_paragraph = max((y for _, y in ctx.years[lo:top]), default=0)
    report = ctx.period[1] if ctx.period else 0
    for e in (in_sentence, in_paragraph, report, ctx.published.year if ctx.published else 0):
        if e > after:
            return e
    return None


def _span_text(ctx: Context, t: Time, pos: int, sent_start: int) -> str | None:
    a, b = _years(ctx, t, pos, sent_start)
    if a is None or b is None:
        return None
    return str(a) if a == b else f"{a}-{b}"


def _years(ctx: Context, t: Time, pos: int, sent_start: int) -> tuple[int | None, int | None]:
    if t.kind == "date":
        return t.first, t.last
    if t.kind in ("year", "now"):
        y = _year_of(ctx, t.kind == "now")
        return y, y
    if t.kind == "since":
        e = end_year(ctx, pos, sent_start, after=t.first or 0)
        return t.first, e if e is not None else t.first
    e = end_year(ctx, pos, sent_start)
    return (None, None) if e is None else (e - (t.years or 1) + 1, e)


def _year_of(ctx: Context, now: bool) -> int | None:
    """全年: the report's last year (else the publication year); 目前: the publication year (else the report's)."""
    report = ctx.period[1] if ctx.period else None
    published = ctx.published.year if ctx.published else None
    return (published or report) if now else (report or published)


def period_at(ctx: Context, pos: int) -> str | None:
    return period_reading(ctx, pos)[0]


def year_at(ctx: Context, pos: int) -> str | None:
    p = period_at(ctx, pos)
    return p[-4:] if p else None
