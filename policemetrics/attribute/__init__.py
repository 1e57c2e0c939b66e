"""Where and when: the report's region and period, and each metric's subject and period.

Regions come from the administrative-division table (:mod:`policemetrics.recognise.regions`), dates from the
Chinese date grammar (:mod:`policemetrics.recognise.dates`), resolved against the publication date when known.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date

import regex

from policemetrics.attribute.report import main_actor, report_period, report_region
from policemetrics.recognise.dates import DateMention, find_dates
from policemetrics.recognise.regions import RegionMention, find_regions
from policemetrics.text.segments import Segments

_ORG_SUFFIX = regex.compile(r"(?:省|市|区|县|州)?(?:公安厅|公安局|公安分局|分局|派出所|公安机关|公安|警方)")
# police bodies named without a place: 省公安厅, 市公安局, 武昌区分局, 茅店派出所
_ORG = regex.compile(
    r"(?:省|市|区|县|州)(?:公安厅|公安局|公安机关)"
    r"|(?:(?![由在对向经将被与和及把的])\p{Han}){2,4}(?:分局|派出所)"  # no function word inside the name
)
_SUBJECT_WINDOW = 120  # characters: bounds the work per figure on text without sentence ends
_PERIOD_WINDOW = 600
_LOOKBACK_LINES = 1
# a place after these is where someone goes or comes from (赴台湾), not who the figure is about
_DESTINATION = ("赴", "到", "去", "往", "前往", "来自", "至", "从", "经")
_FUNCTION_WORDS = "由在对向经将被与和及把"  # a date opening the previous paragraph still governs the next one
_SCOPE = regex.compile(r"全(?:省|市|区|县|州)(?:公安机关)?")
_COMPARED = ("同比", "相比", "较", "比", "由", "与", "对比")  # 同比2019年: a baseline year, not the period


@dataclass(frozen=True)
class Context:
    text: str
    seg: Segments
    regions: list[RegionMention]
    region_starts: list[int]
    dates: list[DateMention]
    date_starts: list[int]
    published: date | None
    period: tuple[int, int] | None
    region: str | None
    actor: str | None  # the police body the article is mostly about (十堰公安), the subject by default

    def period_text(self) -> str | None:
        if self.period is None:
            return None
        a, b = self.period
        return str(a) if a == b else f"{a}-{b}"


def build_context(text: str, seg: Segments, published: date | None) -> Context:
    regions = find_regions(text)  # the recogniser itself prefers provinces the text establishes
    region = report_region(text, regions)
    dates = find_dates(text, published)
    period = report_period(text, dates, published)
    if published is None and period is not None:
        # relative dates (今年, 去年) need a reference: the last year the report covers. Only those
        # few mentions are read again, at their own offsets.
        ref = date(period[1], 12, 31)
        dates = [_resolve_against(d, ref) if d.relative and not d.resolved else d for d in dates]
    return Context(
        text,
        seg,
        regions,
        [m.start for m in regions],
        dates,
        [d.start for d in dates],
        published,
        period,
        region,
        main_actor(text, regions),
    )


def _line_start(text: str, pos: int, window: int) -> int:
    """Start of the line holding ``pos``, looking back at most ``window`` characters (linear time)."""
    lo = max(0, pos - window)
    found = text.rfind("\n", lo, pos)
    return found + 1 if found >= 0 else lo


def _resolve_against(d: DateMention, ref: date) -> DateMention:
    again = find_dates(d.text, ref)
    if len(again) != 1 or again[0].end - again[0].start != d.end - d.start:
        return d
    return replace(again[0], start=d.start, end=d.end)


def subject_before(ctx: Context, start: int, floor: int) -> tuple[str, int] | None:
    """The place or police body named last before ``start`` (not before ``floor``), as written."""
    floor = max(floor, start - _SUBJECT_WINDOW)
    best: tuple[str, int] | None = None
    i = bisect.bisect_left(ctx.region_starts, start) - 1
    while i >= 0 and ctx.regions[i].start >= floor:
        m = ctx.regions[i]
        if m.end <= start and not ctx.text.endswith(_DESTINATION, max(0, m.start - 2), m.start):
            suffix = _ORG_SUFFIX.match(ctx.text, m.end, start)
            end = suffix.end() if suffix else m.end
            best = (ctx.text[m.start : end], m.start)
            break
        i -= 1
    for pattern in (_SCOPE, _ORG):
        for s in pattern.finditer(ctx.text, floor, start):
            if best is None or s.start() >= best[1] + len(best[0]):  # not inside 十堰市公安局
                best = (s.group(), s.start())
    return best


def subject_of(ctx: Context, start: int) -> str | None:
    """The subject named in the figure's sentence, else earlier in its paragraph, else the article's
    main police body."""
    sent_start, _ = ctx.seg.sentence(start)
    found = subject_before(ctx, start, sent_start)
    if found is None:
        line_start = _line_start(ctx.text, start, _SUBJECT_WINDOW)
        found = subject_before(ctx, sent_start, line_start) if line_start < sent_start else None
    return found[0] if found else ctx.actor


def subject_and_indicator(ctx: Context, start: int, indicator: str | None) -> tuple[str | None, str | None]:
    """The subject named before the figure in its sentence; a subject that opens the indicator
    (湖北省群众安全感) is moved out of it."""
    subject = subject_of(ctx, start)
    if subject is None:
        return None, indicator
    if indicator and subject in indicator:
        rest = indicator[indicator.index(subject) + len(subject) :].lstrip("的")
        if len(rest) >= 2:  # 武汉市公安局武昌区分局破案率 -> 破案率
            indicator = rest
    return subject, indicator


def period_at(ctx: Context, pos: int) -> str | None:
    """The time a figure refers to: the last date named earlier in its sentence, else in its line,
    else the report's period."""
    sent_start, _ = ctx.seg.sentence(pos)
    line_start = _line_start(ctx.text, pos, _PERIOD_WINDOW)
    floor = line_start
    for _ in range(_LOOKBACK_LINES):
        if floor <= 0:
            break
        floor = _line_start(ctx.text, floor - 1, _PERIOD_WINDOW)
    floor = max(floor, pos - _PERIOD_WINDOW)
    i = bisect.bisect_left(ctx.date_starts, pos) - 1
    while i >= 0 and ctx.dates[i].start >= floor:
        d = ctx.dates[i]
        compared = ctx.text[max(0, d.start - 2) : d.start].endswith(_COMPARED)
        if d.end <= pos and d.resolved and d.start_year is not None and not compared:
            opens = d.start == 0 or ctx.text[d.start - 1] == "\n"  # a date opening a paragraph governs it
            if d.start >= sent_start or opens or ctx.text[d.end : d.end + 1] in ",以":
                a = d.start_year
                b = d.end_year if d.end_year is not None else a
                return str(a) if a == b else f"{a}-{b}"
        i -= 1
    return ctx.period_text()


def year_at(ctx: Context, pos: int) -> str | None:
    p = period_at(ctx, pos)
    return p[-4:] if p else None
