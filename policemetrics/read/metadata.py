"""Report metadata: headline, publication date, outlet and authors, read from the page's head block.

The head block is the run of short lines above the first prose paragraph (navigation, headline, stamp,
byline); bylines and datelines may also open the first prose paragraphs (中新网保定6月4日电(吕子豪 马玲娜)).
Each field names the rule that read it (:attr:`Metadata.rules`); the word lists are in ``data/metadata.json``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from typing import TypeVar

import regex
from pydantic import model_validator

from policemetrics.recognise.dates import DateMention, find_dates
from policemetrics.resources import RuleTable, alternation, load_table
from policemetrics.rules import RuleBook

BOOK = RuleBook(
    "report",
    {
        "report.title.heading": "a markdown heading (# ...) among the head lines",
        "report.title.head_block": "the longest headline-like line of the head block (no chrome, stamp, label or deck)",
        "report.title.deck": "the first ■-marked deck of a head flattened into the first prose line",
        "report.published.stamp": "a full date on a stamp line of the head, unless its label names another event",
        "report.published.end_stamp": "a line closing the page that holds only a full date (press releases)",
        "report.source.label": "the value of a 来源: label in the head, cut after its outlet word",
        "report.source.dateline": "the outlet opening a dateline (中新网保定6月4日电, 今报南宁讯, X网-Y日报讯)",
        "report.source.bracket": "the paper named before the reporter inside a dateline's brackets (江西日报吴雅雯)",
        "report.source.reporter": "the outlet that names its reporter (湖北日报全媒体记者)",
        "report.source.site_line": "a head line that is only an outlet's name (六盘水公安信息网)",
        "report.source.end_label": "the value of a 来源: label on the last lines (文章来源: X)",
        "report.authors.byline": "names after byline roles (记者, 通讯员, 文/) in the head or opening the lead",
        "report.authors.dateline": "names alone in the brackets after a dateline (...电(吕子豪 马玲娜))",
        "report.authors.byline_line": "a short line of its own that opens with a byline role, below the head (文/X Y)",
        "report.authors.end_credit": "a bracketed byline or name list closing the article ((记者 张三), (李四))",
        "report.region.head": "the first place of the headline and lead, refined to a place inside it named there",
        "report.region.national": "the headline and lead name no place but the whole country (全国)",
        "report.region.implied": "a police force that names its region (警务处: Hong Kong)",
        "report.region.frequent": "the place the article names most often",
        "report.period.review_heading": "a year in a review heading (2022年...工作巡礼, 2014年度...向人民报告)",
        "report.period.spans": "the union of the spans the lead states (N年来, YYYY年以来, 自...以来, YYYY年至YYYY年)",
        "report.period.frequent_year": "the year the article names most often (comparison years excluded)",
        "report.period.campaign_year": "the year inside a campaign name (亮剑2021) when the text names no other",
        "report.period.published": "the publication year (or the year before, for a review published early in a year)",
    },
)

_FIRST_YEAR, _LAST_YEAR = 1949, 2100  # a publication year outside this is a misread number
_OPENING = 120  # characters of a prose line that may still hold its byline or dateline
_BYLINE_PROSE = 2  # prose lines whose opening may hold the byline
_END_LINES = 6
_SENTENCE_MARK = regex.compile(r"[,，。;；!！?？]")
_CAPTION_MAX = 40  # characters: a shorter sentence on a line of its own is a caption
_WEEKDAY = regex.compile(  # what follows the date on a press release's closing line
    r"[(（]?(?:星期|周)[一二三四五六日天][)）]?|(?:香港|澳门|北京|台北)?时间\s*\d{1,2}[:时]\d{2}分?"
)
_LEAD_STAMP = 20  # characters at the start of the first line that may hold a stamp
_NAME_SEPARATORS = " \t\u3000、,，/|·:："
_T = TypeVar("_T")
_BULLETS = "■□●◆◇▲△★☆•· \t\u3000"
_OPEN, _CLOSE = "(（[【〔", ")）]】〕"
_END_BRACKET = regex.compile(
    rf"[{regex.escape(_OPEN)}](?P<n>[^{regex.escape(_CLOSE)}\n]{{2,40}})[{regex.escape(_CLOSE)}]\s*$"
)
_CLOSER = regex.compile(rf"[{regex.escape(_CLOSE)}]")
_HAN = regex.compile(r"\p{Han}")
_HAN_RUN = regex.compile(r"\p{Han}{0,12}")
_SPACED = regex.compile(r"\p{Han} \p{Han}(?!\p{Han})")
_HEADING = regex.compile(r"#{1,2}\s*(?P<t>\S.{3,80})$")
_DECK = regex.compile(r"■\s*(?P<t>[^■。]{6,60}?)\s*■")
_LEAD_LABEL = regex.compile(r"\s*(?P<l>[A-Za-z\p{Han}]{1,6})\s*[:：]?\s*\d")
_OUTLET_STEM = 10  # characters of an outlet's name before its outlet word
_DATELINE_PLACE = 6  # characters of the place between a dateline's outlet and its date
_CLAUSE_MARK = re.compile(r"[。,;!?]")  # no date expression holds one (recognise.dates scans clause by clause)


class MetadataTable(RuleTable):
    byline_roles: list[str]
    slash_roles: list[str]
    credit_words: list[str]
    place_credits: list[str]
    photo_credits: list[str]
    newspaper_suffixes: list[str]
    outlet_suffixes: list[str]
    outlet_tails: list[str]
    not_outlets: list[str]
    dateline_verbs: list[str]
    surnames: str
    compound_surnames: list[str]
    not_name_words: list[str]
    not_name_endings: str
    title_stop_patterns: list[str]
    meta_patterns: list[str]
    title_min: int
    title_min_han: int
    title_max: int
    prose_min: int
    head_lines: int
    publication_labels: list[str]
    date_label_pattern: str
    review_words: list[str]
    comparison_before: list[str]
    comparison_after: list[str]
    early_months: int
    implied_regions: dict[str, str]
    span_not_before: list[str]
    founding_words: list[str]
    plan_periods: dict[str, tuple[int, int]]
    plan_frames: list[str]
    era_starts: dict[str, int]
    national_words: list[str]
    national_speakers: list[str]
    event_heads: list[str]

    @model_validator(mode="after")
    def _consistent(self) -> MetadataTable:
        if not 0 < self.title_min < self.title_max:
            raise ValueError("title_min must be positive and below title_max")
        if len(set(self.surnames)) != len(self.surnames):
            raise ValueError("surnames repeat a character")
        if any(len(s) < 2 for s in self.compound_surnames):
            raise ValueError("compound surnames have two characters or more")
        if not set(self.place_credits) | set(self.photo_credits) <= set(self.credit_words):
            raise ValueError("place_credits and photo_credits must be credit_words")
        if any(a > b for a, b in self.plan_periods.values()):
            raise ValueError("a plan period ends before it starts")
        for p in (*self.title_stop_patterns, *self.meta_patterns, self.date_label_pattern):
            regex.compile(p)
        return self

    @cached_property
    def role(self) -> regex.Pattern[str]:
        slash = alternation(self.slash_roles)
        return regex.compile(rf"(?:{alternation(self.byline_roles)})|(?:{slash})\s*[/:：|｜丨]")

    @cached_property
    def credit(self) -> regex.Pattern[str]:
        return regex.compile(alternation(self.credit_words))

    @cached_property
    def role_or_credit(self) -> regex.Pattern[str]:
        return regex.compile(rf"{self.role.pattern}|{self.credit.pattern}")

    @cached_property
    def place_credit(self) -> regex.Pattern[str]:
        return regex.compile(alternation(self.place_credits))

    @cached_property
    def photo_credit(self) -> regex.Pattern[str]:
        return regex.compile(rf"\s?(?:{alternation(self.photo_credits)})")

    @cached_property
    def event_name(self) -> regex.Pattern[str]:
        return regex.compile(rf"\p{{Han}}{{0,12}}?(?:{alternation(self.event_heads)})")

    @cached_property
    def not_title(self) -> regex.Pattern[str]:
        return regex.compile("|".join(f"(?:{p})" for p in self.title_stop_patterns))

    @cached_property
    def meta(self) -> regex.Pattern[str]:
        return regex.compile("|".join(f"(?:{p})" for p in self.meta_patterns))

    @cached_property
    def outlet(self) -> str:
        suffixes, tails = alternation(self.outlet_suffixes), alternation(self.outlet_tails)
        return rf"[\p{{Han}}A-Za-z]{{1,{_OUTLET_STEM}}}?(?:{suffixes})(?:{tails})?"

    @cached_property
    def outlet_prefix(self) -> regex.Pattern[str]:
        return regex.compile(rf"^{self.outlet}")

    @cached_property
    def dateline(self) -> regex.Pattern[str]:
        tail = rf"\p{{Han}}{{0,{_DATELINE_PLACE}}}?(?:\d{{1,2}}月\d{{1,2}}日)?\s?(?:{alternation(self.dateline_verbs)})"
        return regex.compile(
            rf"(?P<a>{self.outlet})[-、](?P<s>{self.outlet}){tail}"  # 厦门网-厦门日报讯, 都市消费晨报、亚心网讯
            rf"|(?:^|(?<=[\s■】」”>]))(?P<s>{self.outlet}){tail}"
        )

    @cached_property
    def dateline_verb(self) -> re.Pattern[str]:
        return re.compile(alternation(self.dateline_verbs))

    def dateline_in(self, text: str, a: int, b: int) -> regex.Match[str] | None:
        """The first dateline in ``text[a:b]``; every dateline ends in a dateline verb, a cheap test to run first."""
        verb = self.dateline_verb.search(text, a, b)
        if verb is None:
            return None
        # a dateline holds a verb at or after the first one, so it starts at most dateline_reach before it
        return self.dateline.search(text, max(a, verb.start() - self.dateline_reach), b)

    @cached_property
    def dateline_reach(self) -> int:
        """The most characters a dateline holds before its verb: two outlets, a separator and the tail."""
        outlet = _OUTLET_STEM + max(map(len, self.outlet_suffixes)) + max(map(len, self.outlet_tails), default=0)
        return 2 * outlet + 1 + _DATELINE_PLACE + len("12月31日") + 1

    @cached_property
    def newspaper(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{alternation(self.newspaper_suffixes)})$")

    @cached_property
    def reporter(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:^|(?<=[\s(（]))(?P<s>{self.outlet})(?:全媒体|融媒体|新媒体)?(?:首席)?记者")

    @cached_property
    def source_label(self) -> regex.Pattern[str]:
        return regex.compile(r"来源\s*[:：]\s*(?P<s>[^\s|,，;；]{2,40})")

    @cached_property
    def date_label(self) -> regex.Pattern[str]:
        return regex.compile(self.date_label_pattern)

    @cached_property
    def plan(self) -> regex.Pattern[str]:
        names, frames = alternation(self.plan_periods), alternation(self.plan_frames)
        return regex.compile(rf"(?P<p>{names})[”’\"']?(?:{frames})")

    @cached_property
    def era(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?P<e>{alternation(self.era_starts)})以来")

    @cached_property
    def review_heading(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?P<y>\d{{4}})年[^\n]{{0,24}}?(?:{alternation(self.review_words)})")

    @cached_property
    def single(self) -> frozenset[str]:
        return frozenset(self.surnames)

    @cached_property
    def compound(self) -> frozenset[str]:
        return frozenset(self.compound_surnames)


@cache
def metadata_table() -> MetadataTable:
    return load_table("metadata.json", MetadataTable)


@dataclass(frozen=True)
class Metadata:
    title: str | None
    title_at: tuple[int, int] | None
    published: date | None
    source: str | None
    authors: list[str]
    rules: dict[str, str] = field(default_factory=dict)  # field -> the rule that read it


@dataclass(frozen=True)
class Head:
    """Where the head block lies: ``lines`` are (start, end) of the non-empty lines, ``prose`` the indices of
    prose lines, ``head`` the lines above the first prose line."""

    text: str
    lines: list[tuple[int, int]]
    prose: list[int]

    @cached_property
    def head(self) -> list[tuple[int, int]]:
        """The lines above the first prose line and the first sentence (a caption, 图为…。, ends the head too)."""
        first = self.prose[0] if self.prose else len(self.lines)
        first = min(first, metadata_table().head_lines)
        sentence = next((i for i, (a, b) in enumerate(self.lines[:first]) if "。" in self.text[a:b]), first)
        return self.lines[:sentence]

    @cached_property
    def title(self) -> tuple[str, tuple[int, int], str] | None:
        """The headline: its text, its range and the rule that found it."""
        return _titled(self)

    @cached_property
    def zone(self) -> list[tuple[int, int]]:
        """The head lines and the openings of the first prose lines, where most fields are read."""
        return [*self.head, *self.openings()]

    def openings(self) -> list[tuple[int, int]]:
        """The openings of the line that ends the head and of the first prose lines (where datelines and bylines
        stand), up to the first 。."""
        out = []
        for i in sorted(i for i in {len(self.head), *self.prose[:_BYLINE_PROSE]} if i < len(self.lines)):
            a, b = self.lines[i]
            stop = self.text.find("。", a, min(b, a + _OPENING))
            out.append((a, stop if stop >= 0 else min(b, a + _OPENING)))
        return out


def _is_prose(text: str, a: int, b: int, long: int) -> bool:
    """A paragraph: long and punctuated like sentences (a navigation bar is long but has no comma), or a
    sentence of some length (a photo caption, 图为…。, is short)."""
    if b - a >= long:
        return _SENTENCE_MARK.search(text, a, b) is not None
    return b - a >= _CAPTION_MAX and text.find("。", a, b) >= 0


def head_of(text: str) -> Head:
    table = metadata_table()
    lines, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    # a photo caption (图为…。) is short: prose is long, or a sentence of some length
    prose = [i for i, (a, b) in enumerate(lines) if _is_prose(text, a, b, table.prose_min)]
    return Head(text, lines, prose)


# ---------------------------------------------------------------- title


def _title_line(text: str, a: int, b: int) -> bool:
    table = metadata_table()
    line = text[a:b].strip()
    return (
        table.title_min <= len(line) <= table.title_max
        and "。" not in line
        and len(_HAN.findall(line)) >= table.title_min_han
        and not table.not_title.search(line)
        and not table.meta.search(line)
        and not table.role.match(line)
        and _site_name(line) is None
    )


def _title(head: Head) -> tuple[tuple[int, int], str] | None:
    text = head.text
    for a, b in head.head:
        m = _HEADING.match(text[a:b])
        if m:
            return (a + m.start("t"), b), "report.title.heading"
    above: list[tuple[int, int]] = []
    for a, b in head.head:
        if metadata_table().meta.search(text[a:b]) and above:
            break  # the headline stands above the stamp and byline
        if _title_line(text, a, b):
            above.append((a, b))
    if above:
        return max(above, key=lambda ab: ab[1] - ab[0]), "report.title.head_block"
    if head.prose:
        a, b = head.lines[head.prose[0]]
        deck = _DECK.match(text[a:b])
        if deck:
            return (a + deck.start("t"), a + deck.end("t")), "report.title.deck"
    return None


# ---------------------------------------------------------------- publication date


def _stamp_on(text: str, a: int, b: int) -> date | None:
    return _stamp_of(text, a, find_dates(text[a:b]))


def _stamp_of(text: str, a: int, found: list[DateMention]) -> date | None:
    """The first full date of ``found`` (the dates of a line starting at ``a``) not labelled as another event's."""
    table = metadata_table()
    for d in found:
        if d.year_from != "explicit" or d.month is None or d.day is None or d.year is None:
            continue
        if not _FIRST_YEAR <= d.year <= _LAST_YEAR:
            continue
        label = table.date_label.search(text, a, a + d.start)
        if label and not _publication_label(label.group("label")):
            continue  # 建所时间: 1998-05-01 dates the station, not the page
        return date(d.year, d.month, d.day)
    return None


def _publication_label(label: str) -> bool:
    """时间 alone or a label ending in a publication word (平安天津发布时间), not 建所时间."""
    words = metadata_table().publication_labels
    if label.isascii():
        return True  # a CMS user name (renwu 2010-12-10) or date: never an event label
    return label in words or any(label.endswith(w) for w in words if len(w) >= 4)


def _lead_stamp(head: Head) -> date | None:
    """A labelled stamp opening the page's first line ("date 2025-11-25 ..."); an unlabelled date there is the
    story's (2025年1月10日是…), not the page's."""
    if not head.prose or head.prose[0] != 0:
        return None
    text = head.text
    a, b = head.lines[0]
    label = _LEAD_LABEL.match(text[a : a + _LEAD_STAMP])
    if label is None or not _publication_label(label.group("l")):
        return None
    return _stamp_on(text, a, min(b, a + _LEAD_STAMP))


def _end_stamp(head: Head) -> date | None:
    """A line closing the page that holds only a full date (2007年7月24日(星期二)), as press releases end."""
    text = head.text
    for a, b in reversed(head.lines[-_END_LINES:]):
        if _CLAUSE_MARK.search(text, a, b):
            continue  # a sentence, not a date alone (what _WEEKDAY removes holds no clause mark)
        line = _WEEKDAY.sub("", text[a:b]).strip()
        found = find_dates(line)
        if len(found) == 1 and found[0].text == line and found[0].day is not None:
            return _stamp_of(line, 0, found)
    return None


def _head_stamp(head: Head) -> date | None:
    text, table = head.text, metadata_table()
    for a, b in head.head:
        if b - a <= 40 or table.meta.search(text[a:b]):
            stamp = _stamp_on(text, a, b)
            if stamp is not None:
                return stamp
    return None


# ---------------------------------------------------------------- outlet


def _outlet_of(value: str) -> str | None:
    """The outlet a label names, cut after its outlet word (中国新闻网参与互动 -> 中国新闻网)."""
    table = metadata_table()
    if len(_HAN.findall(value)) < 2:
        return None  # sp20241124: a spam-farm code, not an outlet
    m = table.outlet_prefix.match(value)
    found = m.group() if m else value
    return None if found in table.not_outlets else found


def _dateline_outlet(page: _Page, a: int, b: int) -> str | None:
    table = metadata_table()
    m = page.dateline(a, b)
    if m is None:
        return None
    found = m.group("s")
    if m.group("a") and table.newspaper.search(m.group("a")) and not table.newspaper.search(found):
        found = m.group("a")  # of a paper and a site carrying it, the paper
    return None if found in table.not_outlets else found


def _bracket_outlet(page: _Page, a: int, b: int) -> str | None:
    """大江新闻讯 (江西日报吴雅雯): the paper named inside the dateline's brackets."""
    inner = _dateline_bracket(page, a, b)
    if inner is None:
        return None
    m = metadata_table().outlet_prefix.match(inner)
    if m is None or m.end() == len(inner) or _split_names(inner[m.end() :]) is None:
        return None
    return m.group()


def _label_source(head: Head, lines: list[tuple[int, int]]) -> str | None:
    text, table = head.text, metadata_table()
    for a, b in lines:
        m = table.source_label.search(text, a, b) if text.find("来源", a, b) >= 0 else None
        found = _outlet_of(m.group("s")) if m else None
        if found:
            return found
    return None


def _site_name(line: str) -> str | None:
    """A line that is only an outlet's name (六盘水公安信息网, 香港商报): the site or paper the page is from."""
    table = metadata_table()
    line = line.strip()
    m = table.outlet_prefix.match(line)
    return line if m and m.end() == len(line) and line not in table.not_outlets else None


def _site_line(head: Head) -> str | None:
    for a, b in head.head:
        found = _site_name(head.text[a:b])
        if found:
            return found
    return None


def _reporter_outlet(page: _Page, a: int, b: int) -> str | None:
    table = metadata_table()
    m = table.reporter.search(page.head.text, a, b)
    return m.group("s") if m and m.group("s") not in table.not_outlets else None


class _Page:
    """One reading of a page: its head block, and the datelines of its zone lines (several rules look for one)."""

    __slots__ = ("_datelines", "head")

    def __init__(self, head: Head) -> None:
        self.head = head
        self._datelines: dict[tuple[int, int], regex.Match[str] | None] = {}

    def dateline(self, a: int, b: int) -> regex.Match[str] | None:
        if (a, b) not in self._datelines:
            self._datelines[a, b] = metadata_table().dateline_in(self.head.text, a, b)
        return self._datelines[a, b]


def _in_zone(page: _Page, read: Callable[[_Page, int, int], _T | None]) -> _T | None:
    """The first reading of ``read`` over the head lines and the openings of the first prose lines."""
    for a, b in page.head.zone:
        found = read(page, a, b)
        if found:
            return found
    return None


# ---------------------------------------------------------------- authors


def _is_name(piece: str) -> bool:
    table = metadata_table()
    if piece[-1] in table.not_name_endings:
        return False  # 政治处, 宣传科室: a department signs, not a person
    if piece[:2] in table.compound:
        return 3 <= len(piece) <= 4
    return piece[0] in table.single and 2 <= len(piece) <= 3


def _split_names(run: str) -> list[str] | None:
    """``run`` cut into names led by surnames (吕子豪马玲娜 -> 吕子豪, 马玲娜), three characters tried first;
    None when no cut covers it."""
    if not run:
        return []
    for n in (3, 2, 4):
        piece = run[:n]
        if len(piece) == n and _is_name(piece):
            rest = _split_names(run[n:])
            if rest is not None:
                return [piece, *rest]
    return None


def _run_at(text: str, pos: int, end: int) -> int:
    """End of the Han run at ``pos`` (at most 12 characters), cut before a role or credit word inside it."""
    run = _HAN_RUN.match(text, pos, end)
    stop = run.end() if run else pos
    if stop - pos == 1 and text[stop : stop + 1] == " ":  # 张 昆: a two-character name spaced out
        return _spaced_name(text, pos, end)
    inner = metadata_table().role_or_credit.search(text, pos + 2, stop) if stop - pos > 2 else None
    return inner.start() if inner else stop


def _spaced_name(text: str, pos: int, end: int) -> int:
    """The end of 张 昆 (one character, a space, one character) at ``pos``, or ``pos + 1``."""
    if pos + 3 <= end and _SPACED.match(text[pos : pos + 4]):
        return pos + 3
    return pos + 1


def _names_of_run(text: str, pos: int, stop: int, end: int, relaxed: bool) -> list[str] | None:
    """The names of the Han run ``text[pos:stop]``; None when it is not a run of names (the byline ends)."""
    table = metadata_table()
    if text[pos - 1 : pos] == "/" and table.place_credit.match(text, stop, end):
        return None  # 记者翁伊森/嘉义报导: the place the story was filed from
    run = text[pos:stop].replace(" ", "")
    if any(w in run for w in table.not_name_words):
        return None  # 张家港公安: a body, not two people
    split = _split_names(run)
    if split is None and relaxed and _lone_name(run, stop >= end or text[stop] in _CLOSE + "\n"):
        split = [run]
    return split or None


def _lone_name(run: str, hard_end: bool) -> bool:
    """(记者 阿琳娜): a name right after a role and closing the byline, though its surname is not listed."""
    return hard_end and 2 <= len(run) <= 4 and run[-1] not in metadata_table().not_name_endings


def _names_after(text: str, pos: int, end: int) -> list[str]:
    """The names of a byline from ``pos`` (just after a role word) until something that is not a name."""
    table = metadata_table()
    names: list[str] = []
    relaxed = True  # the first run after a role may be an unlisted surname (阿琳娜) when nothing follows it
    while pos < end:
        while pos < end and text[pos] in _NAME_SEPARATORS:
            pos += 1
        role = table.role.match(text, pos, end)
        if role:
            pos, relaxed = role.end(), True
            continue
        if pos >= end or table.credit.match(text, pos, end):
            break
        stop = _run_at(text, pos, end)
        split = _names_of_run(text, pos, stop, end, relaxed)
        if split is None:
            break
        if table.photo_credit.match(text, stop, end):
            return []  # 记者方一成摄: a photo credit, not a byline
        names += split
        pos, relaxed = stop, False
    return names


def _byline_names(text: str, a: int, b: int) -> list[str]:
    names: list[str] = []
    for role in metadata_table().role.finditer(text, a, b):
        for name in _names_after(text, role.end(), b):
            if name not in names:
                names.append(name)
    return names


def _dateline_bracket(page: _Page, a: int, b: int) -> str | None:
    """The text inside the brackets right after a dateline (中新网保定6月4日电(吕子豪 马玲娜))."""
    text = page.head.text
    m = page.dateline(a, b)
    if m is None:
        return None
    pos = m.end()
    while pos < b and text[pos] == " ":
        pos += 1
    if pos >= b or text[pos] not in _OPEN:
        return None
    close = _CLOSER.search(text, pos, b)
    return text[pos + 1 : close.start()].replace(" ", "") if close else None


def _dateline_names(page: _Page, a: int, b: int) -> list[str]:
    inner = _dateline_bracket(page, a, b)
    if not inner:
        return []
    outlet = metadata_table().outlet_prefix.match(inner)
    if outlet and outlet.end() < len(inner) and _split_names(inner[outlet.end() :]):
        inner = inner[outlet.end() :]  # 江西日报吴雅雯: the paper, then its reporter
    return _split_names(inner) or []


def _credit_lines(head: Head) -> list[str]:
    """Byline lines closing the article (■记者:程功 / ■通讯员:于波), in order."""
    text, table = head.text, metadata_table()
    names: list[str] = []
    for a, b in head.lines[-_END_LINES:]:
        while a < b and text[a] in _BULLETS:
            a += 1
        if b - a <= table.prose_min and table.role.match(text, a, b):
            names += [n for n in _byline_names(text, a, b) if n not in names]
    return names


def _bracket_credit(inner: str) -> list[str]:
    if metadata_table().role.search(inner):
        return _byline_names(inner, 0, len(inner))
    return _split_names(inner.replace(" ", "")) or []


def _closes_bracket(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` ends in a closing bracket and spaces, as a match of _END_BRACKET does (a cheap test:
    the search tries every opening bracket of a long last paragraph)."""
    while b > a and text[b - 1].isspace():
        b -= 1
    return b > a and text[b - 1] in _CLOSE


def _end_credit(head: Head) -> list[str]:
    text = head.text
    lines = _credit_lines(head)
    if lines:
        return lines
    for a, b in reversed(head.lines[-_END_LINES:]):
        m = _END_BRACKET.search(text, a, b) if _closes_bracket(text, a, b) else None
        names = _bracket_credit(m.group("n")) if m else []
        if names:
            return names
    return []


def _line_byline(head: Head) -> list[str]:
    """A short line of its own that opens with a byline role, anywhere in the upper page (文/魏娜 杨槐柳)."""
    text, table = head.text, metadata_table()
    for a, b in head.lines[: table.head_lines * 3]:
        if b - a <= table.prose_min and "。" not in text[a:b] and table.role.match(text, a, b):
            names = _byline_names(text, a, b)
            if names:
                return names
    return []


def _first_rule(page: _Page, rules: tuple[tuple[str, Callable[[_Page], _T | None]], ...]) -> tuple[_T, str] | None:
    """The reading of the first rule that reads something, with that rule's name."""
    for name, rule in rules:
        found = rule(page)
        if found:
            return found, BOOK.name(name)
    return None


_PUBLISHED: tuple[tuple[str, Callable[[_Page], date | None]], ...] = (
    ("report.published.stamp", lambda p: _lead_stamp(p.head)),
    ("report.published.stamp", lambda p: _head_stamp(p.head)),
    ("report.published.end_stamp", lambda p: _end_stamp(p.head)),
)
_SOURCE: tuple[tuple[str, Callable[[_Page], str | None]], ...] = (
    ("report.source.label", lambda p: _label_source(p.head, p.head.head)),
    ("report.source.bracket", lambda p: _in_zone(p, _bracket_outlet)),
    ("report.source.dateline", lambda p: _in_zone(p, _dateline_outlet)),
    ("report.source.reporter", lambda p: _in_zone(p, _reporter_outlet)),
    ("report.source.site_line", lambda p: _site_line(p.head)),
    ("report.source.end_label", lambda p: _label_source(p.head, p.head.lines[-_END_LINES:])),
)
_AUTHORS: tuple[tuple[str, Callable[[_Page], list[str] | None]], ...] = (
    ("report.authors.byline", lambda p: _in_zone(p, lambda p, a, b: _byline_names(p.head.text, a, b))),
    ("report.authors.dateline", lambda p: _in_zone(p, _dateline_names)),
    ("report.authors.byline_line", lambda p: _line_byline(p.head)),
    ("report.authors.end_credit", lambda p: _end_credit(p.head)),
)


def _titled(head: Head) -> tuple[str, tuple[int, int], str] | None:
    found = _title(head)
    if found is None:
        return None
    (a, b), rule = found
    title = head.text[a:b].strip(" \ufffc")  # U+FFFC: a hard break (see text.fold)
    return (title, (a, b), rule) if title else None


def read_metadata(text: str, head: Head | None = None) -> Metadata:
    """Title, publication date, outlet and authors of NORMALISED text; each field None (or []) when unread.
    ``head``: the text's :func:`head_of`, when already made (the context reads the same head block)."""
    head = head if head is not None else head_of(text)
    page = _Page(head)
    title = head.title
    published = _first_rule(page, _PUBLISHED)
    source = _first_rule(page, _SOURCE)
    authors = _first_rule(page, _AUTHORS)
    read = (("title", title), ("published", published), ("source", source), ("authors", authors))
    return Metadata(
        title=title[0] if title else None,
        title_at=title[1] if title else None,
        published=published[0] if published else None,
        source=source[0] if source else None,
        authors=list(authors[0]) if authors else [],
        rules={key: got[-1] for key, got in read if got},
    )
