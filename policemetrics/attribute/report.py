"""The report's own region, period and main police body, from the headline, lead and dates of the article.

Periods follow ../gold/SCHEMA.md: N年来 / 近N年 -> the N years ending with E; YYYY年以来 -> YYYY..E; E is the
publication year (the year before for a review published in January-March about the past year), else the latest
year the article names. Years after comparison words (较2019年, 与2020年同期相比) are never periods.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import regex

from policemetrics.read.metadata import BOOK, Head, metadata_table
from policemetrics.recognise.dates import DateMention
from policemetrics.recognise.regions import Region, RegionMention

_ORG_SUFFIX = regex.compile(r"(?:省|市|区|县|州)?(?:公安厅|公安局|公安分局|分局|派出所|公安机关|公安|警方)")
_LEAD_CHARS = 150  # the lead's first sentence, as far as the report region is read
_SPAN_PARAGRAPHS = 5  # stated spans count in the head and the first prose paragraphs
_SINCE_BACK, _SINCE_AHEAD = 12, 40  # 自<place>2018年12月<reason>以来: how far 自 and 以来 may stand
_QUARTER_DAYS = 90  # a calendar year counts in 一年来 when the window covers a quarter of it
_CAMPAIGN_YEAR = regex.compile(r"“[^”\n]{0,12}?(?<!\d)(?P<y>20\d\d)(?!\d)[^”\n]{0,12}”")
MIN_YEAR, MAX_YEAR = 1949, 2100
_CLOSING = regex.compile(r"[)）\]】〕]")
_QUOTE = regex.compile(r"“[^”\n]{0,40}”|「[^」\n]{0,40}」|《[^》\n]{0,40}》")
_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}
_STOP = regex.compile(r"[,,。;;!?\n]")


# ---------------------------------------------------------------- period


def _compared(text: str, d: DateMention) -> bool:
    table = metadata_table()
    before = text[max(0, d.start - 4) : d.start].rstrip()
    return before.endswith(tuple(table.comparison_before)) or text.startswith(tuple(table.comparison_after), d.end)


def _founded(text: str, d: DateMention) -> bool:
    """成立于1958年12月: the age of a body, not a year of its work."""
    return text[max(0, d.start - 4) : d.start].endswith(tuple(metadata_table().founding_words))


def _names_event(text: str, d: DateMention) -> bool:
    """召开2023年全市公安工作会议: the year names a meeting (held early in the year to review the last one)."""
    return d.kind == "point" and d.month is None and metadata_table().event_name.match(text, d.end) is not None


def _named_years(text: str, dates: list[DateMention]) -> list[int]:
    """Years the article names for its own figures: points and ranges with a resolved year; not comparisons,
    founding dates or the page's own time stamp."""
    out = []
    for d in dates:
        if d.kind not in ("point", "range", "until") or d.start_year is None or d.hour is not None:
            continue
        if _compared(text, d) or _founded(text, d) or _names_event(text, d):
            continue
        if d.year_from in ("explicit", "relative") and MIN_YEAR <= d.start_year <= MAX_YEAR:
            out.append(d.start_year)
    return out


def _end_year(years: list[int], published: date | None) -> int | None:
    """E: the publication year, or the year before for an early review about the past year; without a
    publication date the latest year named twice (a single later mention is often a plan), else the latest."""
    if published is not None:
        p = published.year
        early = published.month <= metadata_table().early_months
        return p - 1 if early and years and years.count(p - 1) >= years.count(p) else p
    if not years:
        return None
    counts = Counter(years)
    twice = [y for y, n in counts.items() if n >= 2]
    return max(twice) if twice else max(years)


def _one_year_back(published: date) -> tuple[int, int]:
    """一年来 from a date: the calendar years the twelve months before it cover by a quarter or more."""
    day = published.timetuple().tm_yday
    start = published.year - 1 if 365 - day >= _QUARTER_DAYS else published.year
    end = published.year if day >= _QUARTER_DAYS else published.year - 1
    return start, end


def _far_since(text: str, d: DateMention) -> bool:
    """自安居区2018年12月因…以来: a point date inside a 自…以来 clause."""
    back = text[max(0, d.start - _SINCE_BACK) : d.start]
    ahead = text[d.end : d.end + _SINCE_AHEAD]
    opens = back.rfind("自")
    closes = ahead.find("以来")
    return opens >= 0 and closes >= 0 and not _STOP.search(back, opens) and not _STOP.search(ahead, 0, closes)


def _record(text: str, end: int) -> bool:
    """近20年最低, 近5年连创新低, 自2017年开始至今已有6个年头: a record or an age, not the years reported on."""
    return text.startswith(tuple(metadata_table().span_not_before), end)


def _span_of(text: str, d: DateMention, end: int, ref: date | None) -> tuple[int, int] | None:
    far = d.kind == "point" and d.year_from == "explicit" and _far_since(text, d)
    if d.kind == "point" and not far:
        return None
    close = text.index("以来", d.end) + 2 if far else d.end
    if _record(text, close):
        return None
    return _years_of_span(text, d, end, ref)


def _years_back(d: DateMention, end: int, ref: date | None) -> tuple[int, int] | None:
    n = d.years_back
    if n is None or d.approx or n < 1:
        return None  # 近年来, 多年来: no count, no span
    if n == 1 and ref is not None:
        return _one_year_back(ref)
    return end - n + 1, end


def _years_of_span(text: str, d: DateMention, end: int, ref: date | None) -> tuple[int, int] | None:
    if d.kind == "duration_back":
        return _years_back(d, end, ref)
    if d.start_year is None or _compared(text, d):
        return None
    if d.kind in ("since", "point"):  # a point here stands inside 自…以来
        return d.start_year, max(d.start_year, end)
    if d.kind == "range" and d.end_year is not None and d.end_year > d.start_year:
        return d.start_year, d.end_year
    return None


def _reference(text: str, dates: list[DateMention], published: date | None, limit: int) -> date | None:
    """The date 一年来 counts back from: the publication date, else the first full date of the head or lead."""
    if published is not None:
        return published
    for d in dates:
        if d.start >= limit:
            break
        if d.year_from == "explicit" and d.year and d.month and d.day and MIN_YEAR <= d.year <= MAX_YEAR:
            return date(d.year, d.month, d.day)
    return None


def _plan_spans(text: str, end: int, limit: int) -> list[tuple[int, int]]:
    """“十四五”期间: the years of a five-year plan; 党的十八大以来: from a party congress to the end year."""
    table = metadata_table()
    out = [table.plan_periods[m.group("p")] for m in table.plan.finditer(text, 0, limit)]
    for m in table.era.finditer(text, 0, limit):
        start = table.era_starts[m.group("e")]
        if not _record(text, m.end()) and start <= end:
            out.append((start, end))
    return out


def _spans(head: Head, dates: list[DateMention], end: int, published: date | None) -> list[tuple[int, int]]:
    text = head.text
    prose = head.prose[:_SPAN_PARAGRAPHS]
    limit = head.lines[prose[-1]][1] if prose else len(text)
    ref = _reference(text, dates, published, head.lines[prose[0]][1] if prose else limit)
    out = _plan_spans(text, end, limit)
    for d in dates:
        if d.start >= limit:
            break
        found = _span_of(text, d, end, ref)
        if found is not None:
            out.append(found)
    return out


def report_period(head: Head, dates: list[DateMention], published: date | None) -> tuple[int, int] | None:
    """The years the article reports on (rules ``report.period.*``); None unless plausible. ``head``: the head block
    of the normalised text (``read.metadata.head_of``)."""
    found = _report_period(head, dates, published)
    if found is None or not (MIN_YEAR <= found[0][0] <= found[0][1] <= MAX_YEAR):
        return None
    return found[0]


def _review_year(head: Head) -> int | None:
    """2022年…工作巡礼 in a heading line above the first paragraph (not a sentence of the body)."""
    heading = metadata_table().review_heading
    for a, b in head.head:
        m = heading.search(head.text, a, b)
        if m:
            return int(m.group("y"))
    return None


@dataclass(frozen=True)
class _Facts:
    head: Head
    text: str
    dates: list[DateMention]
    published: date | None
    years: list[int]  # the years the article names for its own figures


def _by_review(f: _Facts) -> tuple[int, int] | None:
    year = _review_year(f.head)
    return (year, year) if year is not None else None


def _by_spans(f: _Facts) -> tuple[int, int] | None:
    end = _end_year(f.years, f.published)
    spans = _spans(f.head, f.dates, end, f.published) if end is not None else []
    return (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None


def _by_frequency(f: _Facts) -> tuple[int, int] | None:
    if not f.years:
        return None
    counts = Counter(f.years)
    best = max(counts, key=lambda y: (counts[y], y))
    return best, best


def _by_campaign(f: _Facts) -> tuple[int, int] | None:
    """今年 ... “亮剑2021”: with no year named, the campaign names it."""
    campaign = _CAMPAIGN_YEAR.search(f.text)
    if campaign is None or not any(d.relative and d.kind in ("point", "since") for d in f.dates):
        return None
    y = int(campaign.group("y"))
    return y, y


def _by_publication(f: _Facts) -> tuple[int, int] | None:
    return (f.published.year, f.published.year) if f.published is not None else None


_PERIOD_RULES: tuple[tuple[str, Callable[[_Facts], tuple[int, int] | None]], ...] = (
    ("report.period.review_heading", _by_review),
    ("report.period.spans", _by_spans),
    ("report.period.frequent_year", _by_frequency),
    ("report.period.campaign_year", _by_campaign),
    ("report.period.published", _by_publication),
)


def _report_period(head: Head, dates: list[DateMention], published: date | None) -> tuple[tuple[int, int], str] | None:
    text = head.text
    facts = _Facts(head, text, dates, published, _named_years(text, dates))
    for name, rule in _PERIOD_RULES:
        found = rule(facts)
        if found is not None:
            return found, BOOK.name(name)
    return None


# ---------------------------------------------------------------- region


def _inside(child: Region, parent: Region) -> bool:
    if _LEVEL_RANK[child.level] <= _LEVEL_RANK[parent.level]:
        return False
    return child.adcode.startswith(parent.adcode[: 2 if parent.level == "province" else 4])


def _zone(head: Head) -> list[tuple[int, int]]:
    """The headline lines and the lead's first sentence (after its dateline and byline)."""
    text, table = head.text, metadata_table()
    out = [head.title[1]] if head.title else []
    if head.prose:
        a, b = head.lines[head.prose[0]]
        opening = table.dateline_in(text, a, min(b, a + _LEAD_CHARS))
        start = opening.end() if opening else a
        credit = _CLOSING.search(text, start, min(b, start + 40))
        if credit and table.role.search(text, start, credit.start()):
            start = credit.end()  # (记者 王斯): the byline's station is not the story's place
        stop = text.find("。", start, b)
        out.append((start, min(stop if stop >= 0 else b, start + _LEAD_CHARS)))
    return out


def _quoted(text: str, a: int, b: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text, a, b)]


def _head_places(head: Head, regions: list[RegionMention]) -> tuple[list[RegionMention], bool]:
    """Places of the headline and lead outside quotes (“四川省优秀公安局” names an honour, not the story's
    place), and whether a national body (公安部) speaks there of the whole country (全国, outside quotes: 全国优秀…
    in an honour of a local unit is not the story's scope)."""
    table, text = metadata_table(), head.text
    found: list[RegionMention] = []
    national = speaker = False
    for a, b in _zone(head):
        quotes = _quoted(text, a, b)
        found += [m for m in regions if a <= m.start and m.end <= b and not _within(m.start, quotes)]
        national = national or _names_any(text, table.national_words, a, b, quotes)
        speaker = speaker or _names_any(text, table.national_speakers, a, b, [])
    return found, national and speaker


def _names_any(text: str, words: list[str], a: int, b: int, quotes: list[tuple[int, int]]) -> bool:
    return any(_unquoted(text, w, a, b, quotes) for w in words)


def _within(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _unquoted(text: str, word: str, a: int, b: int, quotes: list[tuple[int, int]]) -> bool:
    at = text.find(word, a, b)
    return at >= 0 and not _within(at, quotes)


def _head_region(found: list[RegionMention]) -> Region | None:
    if not found:
        return None
    best = found[0].region
    for m in found[1:]:
        if _inside(m.region, best):
            best = m.region  # 河南省 ... 新乡市: the more specific place of the same story
    return best


def report_region(head: Head, regions: list[RegionMention]) -> str | None:
    """The first place of the headline and lead, refined to a more specific place inside it named there; else a
    police force that names its region; else the place the article names most often. ``head``: the head block of
    the normalised text (``read.metadata.head_of``)."""
    return _report_region(head, regions)[0]


def _report_region(head: Head, regions: list[RegionMention]) -> tuple[str | None, str | None]:
    text = head.text
    found, national = _head_places(head, regions)
    first = _head_region(found)
    if first is not None:
        return first.name, BOOK.name("report.region.head")
    for word, region in metadata_table().implied_regions.items():
        if word in text:
            return region, BOOK.name("report.region.implied")
    if national:
        return "全国", BOOK.name("report.region.national")
    if not regions:
        return None, None
    counts = Counter(m.region.name for m in regions)
    return max(counts, key=lambda n: counts[n]), BOOK.name("report.region.frequent")


def main_actor(text: str, regions: list[RegionMention]) -> str | None:
    counts: Counter[str] = Counter()
    for m in regions:
        suffix = _ORG_SUFFIX.match(text, m.end)
        if suffix and m.region.level != "county":
            counts[text[m.start : suffix.end()]] += 1
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -len(n)))
