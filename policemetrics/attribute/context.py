"""Everything attribution needs about one document, computed once: bodies, dates, times, paragraphs.

Per figure, subject and period are then looked up by position (bisect); no pattern runs per figure.
"""

from __future__ import annotations

import bisect
import operator
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Protocol

from policemetrics.attribute.names import Place, body_names, lead_body
from policemetrics.attribute.report import main_actor, report_period, report_region
from policemetrics.attribute.table import AttributeTable, attribute_table
from policemetrics.attribute.times import Time, find_times
from policemetrics.read.metadata import Head, head_of
from policemetrics.recognise.bodies import Body, find_bodies
from policemetrics.recognise.dates import DateMention, DateScan, find_dates, with_context_years
from policemetrics.recognise.regions import RegionMention, find_regions
from policemetrics.text.offsets import typecode
from policemetrics.text.segments import Segments

__all__ = ["Context", "Time", "build_context"]


class _Mention(Protocol):
    @property
    def start(self) -> int: ...


_START = operator.attrgetter("start")


@dataclass(slots=True, frozen=True)
class Context:
    text: str
    seg: Segments
    regions: list[RegionMention]
    region_starts: array[int]
    dates: list[DateMention]
    date_starts: array[int]
    published: date | None
    period: tuple[int, int] | None
    region: str | None
    actor: str | None  # the police body the article is mostly about (十堰公安), from the report reader
    bodies: list[Body]
    body_starts: array[int]
    names: list[str | None]  # what each body stands for as a subject (None: nothing), see attribute.names
    lead: str | None  # the main body named in the headline or lead
    line_starts: array[int]
    times: list[Time]
    time_starts: array[int]
    years: list[tuple[int, int]]  # (position, latest year) of every explicitly written year that is no comparison
    markers: list[tuple[int, int]]  # (start, end) of every list marker (分别, 依次), in order

    def period_text(self) -> str | None:
        if self.period is None:
            return None
        a, b = self.period
        return str(a) if a == b else f"{a}-{b}"

    def line(self, pos: int) -> tuple[int, int]:
        """The paragraph (line) holding ``pos``: its start and the position of its line break (or the text's end)."""
        i = bisect.bisect_right(self.line_starts, pos) - 1
        end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(self.text)
        return self.line_starts[i], end


def build_context(
    text: str, seg: Segments, published: date | None, scanned: DateScan | None = None, head: Head | None = None
) -> Context:
    """Everything the attribution rules look up by position. ``scanned`` (the text's date matches) and ``head``
    (its head block): when the pipeline already made them for the quantity scanner and the metadata reader."""
    table = attribute_table()
    head = head if head is not None else head_of(text)
    regions = find_regions(text)  # the recogniser itself prefers provinces the text establishes
    region = report_region(head, regions)
    dates = find_dates(text, published, scanned)
    period = report_period(head, dates, published)
    if published is None and period is not None:
        dates = _resolve_relative(text, dates, period, table)
    compared = [_compared(text, d, table) for d in dates]
    dates = _context_years(dates, compared)
    bodies = find_bodies(text, regions, seg)
    lead = lead_body(bodies, table.lead_chars)
    names = body_names(bodies, Place.of(_mention_of(regions, region), bodies, table, region, lead), table)
    times = find_times(text, seg, dates, compared, table)
    return Context(
        text=text,
        seg=seg,
        regions=regions,
        region_starts=_starts(text, regions),
        dates=dates,
        date_starts=_starts(text, dates),
        published=published,
        period=period,
        region=region,
        actor=main_actor(text, regions),
        bodies=bodies,
        body_starts=_starts(text, bodies),
        names=names,
        lead=lead.text if lead else None,
        line_starts=_line_starts(text),
        times=times,
        time_starts=_starts(text, times),
        years=_written_years(dates, compared),
        markers=_occurrences(text, table.list_markers),
    )


def _mention_of(regions: list[RegionMention], name: str | None) -> RegionMention | None:
    return next((m for m in regions if m.region.name == name), None)


def _written_years(dates: list[DateMention], compared: list[bool]) -> list[tuple[int, int]]:
    """Where a whole year is written (2019年, 2021年至2024年: its last year); comparison years and parts of a year
    (2025年上半年, 2024年3月: the year is not over) are left out."""
    out = []
    for d, c in zip(dates, compared, strict=True):
        if d.year_from == "explicit" and d.year is not None and not c and _whole(d):
            out.append((d.start, max(d.year, d.end_year or 0)))
    return out


def _whole(d: DateMention) -> bool:
    return d.month is None and d.half is None and d.quarter is None and d.part is None


def _occurrences(text: str, words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of each word, overlapping ones included, in order of start."""
    out = []
    for w in words:
        at = text.find(w)
        while at >= 0:
            out.append((at, at + len(w)))
            at = text.find(w, at + 1)
    out.sort()
    return out


def _starts(text: str, mentions: Sequence[_Mention]) -> array[int]:
    """Where each mention starts, for bisect: 4-byte offsets (a long text has hundreds of thousands)."""
    return array(typecode(len(text) + 1), map(_START, mentions))


def _line_starts(text: str) -> array[int]:
    starts = array(typecode(len(text) + 1), (0,))
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _resolve_relative(
    text: str, dates: list[DateMention], period: tuple[int, int], table: AttributeTable
) -> list[DateMention]:
    """Without a publication date, relative years (今年, 去年) are read against the last year the report covers,
    or the year after it when the article looks back on that year (see :func:`_looks_back`)."""
    year = period[1] + 1 if _looks_back(text, dates, table) else period[1]
    ref = date(year, 12, 31)
    return [_resolve_against(d, _read_alone(d.text, ref)) if d.relative and not d.resolved else d for d in dates]


def _looks_back(text: str, dates: list[DateMention], table: AttributeTable) -> bool:
    """去年 states figures and 今年 only plans (今年将): the article is written the year after the one it covers."""
    last_year = this_year = 0
    for d in dates:
        if d.year_from != "relative" or _compared(text, d, table):
            continue
        last_year += d.text.startswith("去年")
        this_year += d.text.startswith("今年") and not _future(text, d, table)
    return last_year > 0 and this_year == 0


def _context_years(dates: list[DateMention], compared: list[bool]) -> list[DateMention]:
    """1月26日 after 2008年 is in 2008, not in the publication year; a comparison year (同比去年) sets no year."""
    given = iter(with_context_years([d for d, c in zip(dates, compared, strict=True) if not c]))
    return [d if c else next(given) for d, c in zip(dates, compared, strict=True)]


def _future(text: str, d: DateMention, table: AttributeTable) -> bool:
    """今年将…, 还将在今年…: a plan for the year."""
    if text.startswith(table.future_after_year, d.end):
        return True
    return any(w in text[max(0, d.start - 4) : d.start] for w in table.future_before_year)


@lru_cache(maxsize=1024)  # pure; the same few words (今年, 去年, 去年同期) against the same year-ends
def _read_alone(words: str, ref: date) -> tuple[DateMention, ...]:
    return tuple(find_dates(words, ref))


def _resolve_against(d: DateMention, again: tuple[DateMention, ...]) -> DateMention:
    """``again``: what the date grammar reads in ``d.text`` alone against the reference date."""
    if len(again) != 1 or again[0].end - again[0].start != d.end - d.start:
        return d
    return replace(again[0], start=d.start, end=d.end)


def _compared(text: str, d: DateMention, table: AttributeTable) -> bool:
    """同比2019年, 较 113年同期, 与2019年相比: a year the figure is compared with."""
    before = text[max(0, d.start - 4) : d.start].replace(" ", "")
    if before.endswith(table.compared):
        return True
    return text.startswith(table.compared_after, d.end)
