"""The times a figure can refer to, found once per document (``Context.times``).

Dates come from the one date grammar (:mod:`policemetrics.recognise.dates`); on top of them this module adds
streaks (连续16年), five-year plans (“十四五”期间), whole-year words (全年) and "now" words (目前). Each time records
how far it reaches: its clause, its sentence (``opens``) or what follows (``governs``); and whether it is a
comparison year (``compared``: 较2019年, 2019年同期), which is never a period.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from policemetrics.read.metrics.table import metric_table
from policemetrics.recognise.dates import DateMention, find_durations

if TYPE_CHECKING:
    import re

    import regex

    from policemetrics.attribute.table import AttributeTable
    from policemetrics.text.segments import Segments

TimeKind = Literal["date", "since", "back", "streak", "year", "now"]


@dataclass(slots=True, frozen=True)
class Time:
    """A dated year span (``date``: first..last); ``since`` a year to the end year; ``back``: the ``years`` years
    ending with the end year (五年来, 近3年); a ``streak`` (连续16年): the same span, for its own clause only;
    ``year`` (全年): the report's last year; ``now`` (目前): the publication year."""

    start: int
    end: int
    kind: TimeKind
    first: int | None = None
    last: int | None = None
    years: int | None = None
    governs: bool = False  # opens its paragraph or heads what follows (2022年,): it reaches later sentences
    opens: bool = False  # first in its sentence: a span then covers the sentence, else only its clause
    compared: bool = False  # 与2020年同期: only the figure right after it (2020年同期(7092宗)) is of that year


_LAYOUT = " \t\u3000■●·•-—>》】]"


def find_times(
    text: str, seg: Segments, dates: list[DateMention], compared: list[bool], table: AttributeTable
) -> list[Time]:
    out = [t for d, c in zip(dates, compared, strict=True) if (t := _of_date(text, seg, d, c)) is not None]
    out += _streaks(text, seg, table)
    for m in table.named_period.finditer(text):  # “十四五”期间: the years of a five-year plan
        first = table.plan_years[m.group("plan")]
        a, b = m.span()
        out.append(Time(a, b, "date", first, first + 4, governs=governs(text, a, b), opens=_opens(text, seg, a)))
    words: tuple[tuple[TimeKind, re.Pattern[str]], ...] = (("year", table.whole_year), ("now", table.now))
    for kind, pattern in words:
        out += [Time(m.start(), m.end(), kind, opens=_opens(text, seg, m.start())) for m in pattern.finditer(text)]
    out.sort(key=lambda t: t.start)
    return out


def _streaks(text: str, seg: Segments, table: AttributeTable) -> list[Time]:
    """连续16年, 连续第17年: a duration of years after a streak word; 10年最低: one before a record word (the
    metric readers' record words), which frames the record."""
    prefixes = sorted(table.span_back_prefixes, key=len, reverse=True)
    record = metric_table().record_after
    out = []
    for lo, hi in _streak_clauses(text, seg, prefixes, record):
        for du in find_durations(text[lo:hi]):
            if du.unit == "年" and du.value:
                start = _streak_start(text, lo + du.start, lo + du.end, prefixes, record)
                if start is not None:
                    out.append(Time(start, lo + du.end, "streak", years=du.value))
    return out


def _streak_clauses(text: str, seg: Segments, prefixes: list[str], record: regex.Pattern[str]) -> list[tuple[int, int]]:
    """The clauses right after a streak word or right before a record word, in order: the only places a streak
    can be. No duration holds a clause end, and none looks further than the character next to it, so a clause
    read alone gives the durations that a reading of the whole text finds in it."""
    found = set()
    for p in prefixes:
        at = text.find(p)
        while at >= 0:
            found.add(seg.clause(at + len(p)))
            at = text.find(p, at + 1)
    m = record.search(text)
    while m is not None:  # every position a record word starts at, overlapping ones included
        if m.start() > 0:
            found.add(seg.clause(m.start() - 1))
        m = record.search(text, m.start() + 1)
    return sorted(found)


def _streak_start(text: str, start: int, end: int, prefixes: list[str], record: regex.Pattern[str]) -> int | None:
    prefix = next((p for p in prefixes if text.endswith(p, 0, start)), None)
    if prefix is not None:
        return start - len(prefix)
    return start if record.match(text, end) else None


def governs(text: str, start: int, end: int) -> bool:
    """Opens its paragraph, or heads what follows (2022年, / 2020年以来)."""
    return start == 0 or text[start - 1] == "\n" or text[end : end + 1] in (",", "以")


def _opens(text: str, seg: Segments, start: int) -> bool:
    """Nothing but layout before it in its sentence: 五年来, … covers the sentence, not only its clause."""
    sent_start = seg.sentence(start)[0]
    return start - sent_start <= _OPEN_CHARS and not text[sent_start:start].strip(_LAYOUT)


_OPEN_CHARS = 8  # layout before a time that opens its sentence (■ , indentation) is short


def _of_date(text: str, seg: Segments, d: DateMention, compared: bool) -> Time | None:
    if compared:
        return _compared_time(d)
    # a dated event (10月11日,) heads its own sentence only; a year, half or quarter governs what follows
    g, o = d.day is None and governs(text, d.start, d.end), _opens(text, seg, d.start)
    if d.kind == "duration_back":
        return Time(d.start, d.end, "back", years=d.years_back, governs=g, opens=o) if d.years_back else None
    if d.kind == "since":
        return Time(d.start, d.end, "since", first=d.start_year, governs=g, opens=o) if d.start_year else None
    if d.resolved and d.start_year is not None:
        last = d.end_year if d.end_year is not None else d.start_year
        return Time(d.start, d.end, "date", d.start_year, last, governs=g, opens=o)
    return None


def _compared_time(d: DateMention) -> Time | None:
    if d.kind not in ("point", "range") or not d.resolved or d.start_year is None:
        return None
    return Time(d.start, d.end, "date", d.start_year, d.end_year, compared=True)
