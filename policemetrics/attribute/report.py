"""The report's own region, period and main police body, from the headline, lead and dates of the article."""

from __future__ import annotations

from collections import Counter
from datetime import date

import regex

from policemetrics.recognise.dates import DateMention, find_dates
from policemetrics.recognise.regions import RegionMention

_REVIEW_HEADING = regex.compile(r"(?P<y>\d{4})年[^\n]{0,24}?(?:巡礼|回顾|盘点|成绩单|工作总结|年度|年终)")
_ORG_SUFFIX = regex.compile(r"(?:省|市|区|县|州)?(?:公安厅|公安局|公安分局|分局|派出所|公安机关|公安|警方)")
_TOP_CHARS = 400
MIN_YEAR, MAX_YEAR = 1949, 2100


def _explicit_years(dates: list[DateMention], published: date | None) -> list[int]:
    years = []
    for d in dates:
        if d.relative or d.year is None or not MIN_YEAR <= d.year <= MAX_YEAR:
            continue
        if published is None or d.year <= published.year:
            years.append(d.year)
    return years


def report_period(text: str, dates: list[DateMention], published: date | None) -> tuple[int, int] | None:
    """A 2022年…巡礼 heading; else N年来 counted back from the publication date (or the latest year
    the article names); else the year the article names most often. None unless both are plausible."""
    found = _report_period(text, dates, published)
    if found is None or not (MIN_YEAR <= found[0] <= found[1] <= MAX_YEAR):
        return None
    return found


def _report_period(text: str, dates: list[DateMention], published: date | None) -> tuple[int, int] | None:
    heading = _REVIEW_HEADING.search(text, 0, min(len(text), _TOP_CHARS))
    if heading:
        year = int(heading.group("y"))
        return year, year
    years = _explicit_years(dates, published)
    end = published.year if published else (max(years) if years else None)
    back = next((d for d in dates if d.kind == "duration_back"), None)
    if back is not None and end is not None:
        ref = date(end, 12, 31) if published is None else published
        resolved = find_dates(back.text, ref)
        if resolved and resolved[0].start_year is not None and resolved[0].end_year is not None:
            n = resolved[0].end_year - resolved[0].start_year + 1
            if published is not None:
                return published.year - n, published.year
            return (end - n, end) if n > 1 else (end, end)
    if years:
        counts = Counter(years)
        best = max(counts, key=lambda y: (counts[y], y))
        return best, best
    if published is not None:
        return published.year, published.year
    return None


def report_region(text: str, regions: list[RegionMention]) -> str | None:
    """The region the headline block names first, else the one the article names most often."""
    top = [m for m in regions if m.start < _TOP_CHARS and m.region.level != "county"]
    if top:
        return top[0].region.name
    if not regions:
        return None
    counts = Counter(m.region.name for m in regions)
    return max(counts, key=lambda n: counts[n])


def main_actor(text: str, regions: list[RegionMention]) -> str | None:
    counts: Counter[str] = Counter()
    for m in regions:
        suffix = _ORG_SUFFIX.match(text, m.end)
        if suffix and m.region.level != "county":
            counts[text[m.start : suffix.end()]] += 1
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -len(n)))
