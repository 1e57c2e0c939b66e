"""Chinese date and time expressions, resolved against an article's publication date.

The input is NORMALISED text (Simplified Chinese, half-width digits and punctuation, as produced by
``policemetrics.text.normalise(raw).text``). All offsets refer to the string that was passed in.

>>> from datetime import date
>>> found = find_dates("五年来,2023年以来,去年6月13日", date(2024, 3, 1))
>>> [(m.text, m.kind, m.start_year, m.end_year) for m in found]
[('五年来', 'duration_back', 2020, 2024), ('2023年以来', 'since', 2023, 2024), ('去年6月13日', 'point', 2023, 2023)]

Design
------
* One compiled ``regex`` pattern (an alternation of named groups, ordered so that the longer, more
  specific constructions win at a given start position) is scanned once with ``finditer``.  Every
  repetition in it is bounded (at most four digits, ``{0,2}`` spaces) except the "junk" runs of
  digits / numerals / one repeated character, which are single character loops, so a scan is linear
  in the text length (see "Speed notes" below).  ``regex`` itself and the pattern are loaded on first
  use, so importing this module is cheap and never imports ``dateparser``.
* The vocabulary (relative year words, parts of the day, halves, quarters, ...) lives in
  ``data/dates.json`` (:mod:`policemetrics.recognise.date_table`); the pattern is generated from it.

Resolution rules (``published`` is the article's publication date, or ``None``)
-------------------------------------------------------------------------------
* Explicit years (``2019年``, ``二〇一九年``, ``2022-02-16``) need nothing.
* Relative years (今年 / 去年 / 前年 / 明年 / 上年 / 大前年) are offsets from ``published.year``;
  relative months (本月 / 上月 / 下月) are offsets from ``published``'s month.
* A yearless month or month/day (``6月13日``, ``11月``) takes ``published.year``, or the year before
  when that month/day would fall after the publication date (published 2020-05-07: ``11月13日`` ->
  2019-11-13, ``5月`` -> 2020-05).  A bare day (``13日上午``) takes the publication month the same
  way.  Yearless year parts (``年初``, ``年底``, ``上半年``, ``第一季度``) are read as "this year"
  (``published.year``, no roll-back).  ``find_dates`` never looks at the surrounding text for a
  year; :func:`with_context_years` does that as a separate, explicit step.
* A clock time alone (``11时许``, ``上午8时``) is relative but is never resolved (its day is the day
  of the story, not the publication date).
* ``since`` (``2023年以来``, ``今年1月1日起``, ``自2023年1月1日起``, ``2023年至今``): ``start_year`` =
  the start, ``end_year`` = ``published.year`` (or the start year when that is later: a rule taking
  effect in the future); the open end always needs the reference date, so a ``since`` mention is
  ``relative`` and stays unresolved without a publication date even when its start is explicit.
* ``until`` (``截至2023年底``, ``今年截至目前``): a stock figure at one point:
  ``start_year == end_year ==`` the year of the end point (``截至目前`` -> ``published.year``).
* ``duration_back`` (``五年来``, ``近三年``, ``这五年``, ``过去的五年``, ``一年来``): N years ending
  with ``published.year``, counted inclusively: ``start_year = published.year - N + 1``
  (``五年来`` published in 2024 -> 2020..2024).  Vague forms (``近年来``, ``多年来``) and
  approximate ones (``20多年来``) keep ``years_back`` as written but are not resolved when the count
  is unknown.
* ``range`` (``2019年至2023年``, ``2019-2023年``, ``1-9月``, ``5月10日至20日``, ``前三季度``):
  ``year/month/day`` describe the start, ``end_month/end_day`` the end; a yearless end takes the
  start's year (plus one when it would otherwise precede the start).
* ``relative`` is True when any part of the reading depends on a reference date; ``resolved`` is
  True exactly when both ``start_year`` and ``end_year`` are known.

Not dates: decimals (``96.21``), case code names (``7·25``), bare numbers (``110``, ``2024``),
phone and licence numbers, counts (``6000余名``, ``3118期``) and durations (``连续17年``: a number
below 1000 followed by 年 is a duration; see :func:`find_durations`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from datetime import date, datetime

    import regex

    from policemetrics.recognise.date_table import DateVocabulary

__all__ = [
    "DateMention",
    "Duration",
    "date_spans",
    "find_dates",
    "find_durations",
    "parse_timestamp",
    "with_context_years",
    "years_of",
]

Kind = Literal["point", "range", "since", "duration_back", "until"]
YearSource = Literal["explicit", "relative", "published", "context"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date/time expression. ``text == source[start:end]``.

    Beyond the core fields: ``second``; ``end_month``/``end_day`` (end of a ``range``); ``part``
    (a qualifier: the part of the day as written (上午, 晚), 年初/年底/年末, 月初/月底/月末/上旬/中旬/
    下旬, the "now" word of 截至目前 (目前), 前 for 前三季度, the prefix or phrase of a
    ``duration_back`` (近, 过去的, 这, 近年来)); ``approx`` (许/左右/多/余/几); ``years_back`` (the N of a
    ``duration_back``); ``year_from`` (where ``year`` came from: "explicit" digits in the text, a
    "relative" word, the "published" date for a yearless form, or "context" via
    :func:`with_context_years`).
    """

    start: int
    end: int
    text: str
    kind: Kind
    year: int | None
    month: int | None
    day: int | None
    hour: int | None
    minute: int | None
    relative: bool
    resolved: bool
    start_year: int | None
    end_year: int | None
    half: Literal[1, 2] | None
    quarter: int | None
    second: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    part: str | None = None
    approx: bool = False
    years_back: int | None = None
    year_from: YearSource | None = None


@dataclass(frozen=True)
class Duration:
    """A length of time (``连续17年``, ``3个月``, ``36小时``): never a date."""

    start: int
    end: int
    text: str
    value: int | None
    unit: str
    approx: bool


# ---------------------------------------------------------------------------------------------
# Vocabulary: data/dates.json (the pattern is generated from it), loaded on first use so that
# importing this module stays cheap.
# ---------------------------------------------------------------------------------------------


@cache
def _v() -> DateVocabulary:
    from policemetrics.recognise.date_table import date_vocabulary

    return date_vocabulary()


# ---------------------------------------------------------------------------------------------
# Pattern
#
# Speed notes.  ``regex`` is a backtracking engine that tries the alternatives one by one at every
# start position, so: (1) the pattern opens with a lookahead for the set of characters an expression
# can start with, which lets the engine skip all other positions quickly; (2) runs of digits, of
# Chinese numerals and of one repeated character are consumed whole by a final "junk" branch, so the
# engine never restarts inside them (this also replaces "not preceded by a digit" lookbehinds);
# (3) blocks of alternatives are fronted by a one-character lookahead and word guards are
# lookbehinds placed after the word.  Every repetition is bounded except the junk runs, which are
# single character-class loops, so a scan is linear in the length of the text.
# ---------------------------------------------------------------------------------------------

_CN19 = "一二三四五六七八九"
_CN_NUMERALS = "〇○零一二两三四五六七八九十"
_Y4 = r"(?:1[0-9]{3}|20[0-9]{2})"
_CNY = r"[〇○零一二三四五六七八九]{4}"
# A year of the Republic of China calendar (Taiwan: 114年 = 2025), read only before a month, 度, 同期, a half or a
# quarter (114年9月, 113年同期): a bare 114年 is as often a count of years.
ROC_YEAR = r"(?:1[0-3][0-9])"
_ROC_FOLLOW = (
    r"(?=度|同期|[上下]半年|前?第?[一二三四1-4]季|(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])(?:月|至|到|-))"
)
ROC_OFFSET = 1911
_MD = r"(?:1[0-2]|0?[1-9])"
_MC = rf"(?:十[一二]|十|[{_CN19}])"
_M = rf"(?:1[0-2]|0?[1-9]|十[一二]|十|[{_CN19}])"
_DD = r"(?:[12][0-9]|3[01]|0?[1-9])"
_D = rf"(?:[12][0-9]|3[01]|0?[1-9]|三十一|三十|二十[{_CN19}]|二十|十[{_CN19}]|十|[{_CN19}])"
_HD = r"(?:2[0-4]|[01]?[0-9])"
_HC = r"(?:二十[一二三四]|二十|十[一二]|十|[零一二两三四五六七八九])"
_MI = rf"(?:[0-5]?[0-9]|[一二三四五]十[{_CN19}]?|十[{_CN19}]?|零?[{_CN19}])"
_SS = r"[0-5]?[0-9]"
_NUM_C = rf"(?:[{_CN19}]?十[{_CN19}]?|[一二两三四五六七八九])"
# In the main pattern a number is never matched from inside a longer number, a decimal or a run of
# Chinese numerals because the "junk" branch consumes such runs whole (see _pattern_source); the
# standalone duration pattern uses explicit guards instead.
_DIGIT_HEAD = "(?=[0-9])"  # cheap first-character tests in front of blocks of alternatives
_CN_HEAD = f"(?=[{_CN_NUMERALS}])"
_NB_DIGIT = r"(?<![0-9.])"
_CLAUSE_START = r'(?:^|[,。;!?:\n\x20"“”『』「」])'
_SPECIAL = set(".^$*+?{}[]\\|()-~")


def _esc(word: str) -> str:
    return "".join("\\" + ch if ch in _SPECIAL else ch for ch in word)


def _words(words: Iterable[str], not_after: dict[str, str] | None = None, not_before: str = "") -> str:
    """Longest-first alternation of literal words.  ``not_after[word]``: characters that must not
    precede the word (checked by a lookbehind AFTER the word, so it costs nothing elsewhere);
    ``not_before``: characters that must not follow a one-character word."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    parts = []
    for word in ordered:
        item = _esc(word)
        guard = (not_after or {}).get(word)
        if guard:
            item = f"{item}(?<![{guard}]{item})"
        if not_before and len(word) == 1:
            item = f"{item}(?![{not_before}])"
        parts.append(item)
    # one lookahead for the first characters is cheaper than failing on many words one by one
    firsts = "".join(_esc(c) for c in sorted({w[0] for w in ordered}))
    head = f"(?=[{firsts}])" if len(parts) >= 5 else ""
    return head + "(?:" + "|".join(parts) + ")"


def _guarded(table: dict[str, str]) -> str:
    """Alternation of the keys of a part table, each followed by its not-before guard."""
    return "|".join(
        f"{_esc(k)}(?![{v}])" if v else _esc(k) for k, v in sorted(table.items(), key=lambda kv: -len(kv[0]))
    )


def _first_chars() -> str:
    """Every character a date expression can start with (for the opening lookahead)."""
    words = [
        *_v().rel_years,
        *_v().rel_months,
        *_v().parts_of_day,
        *_v().duration_prefixes,
        *_v().duration_vague,
        *_v().until_words,
        *_v().since_prefixes,
    ]
    chars = {w[0] for w in words} | set(_CN_NUMERALS) | set("年上下前第今每.")
    return "0-9" + "".join(sorted(chars))


def _pod() -> str:
    return _words(_v().parts_of_day, not_before=_v().pod_not_before)


def _hour(chinese: bool) -> str:
    """A clock time: 8时, 19时20分, 8点半, 21:47:22 (+ 许/左右)."""
    hour = rf"(?:{_HD}|{_HC})" if chinese else _HD
    return (
        rf"(?:(?P<hh>{hour})(?:时|点钟|点)"
        rf"(?:(?P<mi>{_MI})分钟?(?:(?P<ss>{_SS})秒)?|(?P<hhalf>半)|(?![{_v().hour_not_before}]))"
        rf"(?P<ap>{_words(_v().time_approx)})?"
        rf"|(?P<hh>2[0-3]|[01]?[0-9]):(?P<mi>[0-5][0-9])(?::(?P<ss>[0-5][0-9]))?(?![0-9])(?P<ap>许|左右)?)"
    )


def _time() -> str:
    """Optional part of the day and clock time after a day (9月5日晚, 6月17日上午8时许, 2022年2月16日 08:57)."""
    return rf"(?:\x20{{0,2}}(?P<pod>{_pod()}))?(?:\x20{{0,2}}{_hour(True)})?"


def _core() -> str:
    """A single date (point), groups without suffix. A day may be followed by a time of day (``_time``): every
    alternative that reads a day ends with it, so it is written once, after them all, for a date with a day."""
    sep = _words(_v().range_separators)
    month_tail = rf"(?:(?P<d>{_D})[日号]|(?P<mp>{_guarded(_v().month_parts)}))?"
    quarter = r"(?:(?P<qpre>前)第?|第)(?P<q>[1-4一二三四])季度"
    year_tail = (
        rf"(?:(?P<m>{_M})月份?{month_tail}"
        rf"|(?P<m>{_MD})(?P<rsep>{sep})(?P<m2>{_MD})月份?"
        rf"|年?(?P<yp>{_guarded(_v().year_parts)})"
        rf"|(?P<hf>[上下])半年度?"
        rf"|{quarter})?"
    )
    digit = (
        rf"{_DIGIT_HEAD}(?:"
        rf"(?P<y>{_Y4})(?P<rsep>{sep})(?P<y2>{_Y4})年度?"
        rf"|(?P<m>{_MD})月份?{month_tail}"
        rf"|(?P<m>{_MD})(?P<rsep>{sep})(?P<m2>{_MD})月份?"
        rf"|(?P<q>[1-4])季度"
        # a bare day only with a time of day after it, or alone at the start of a clause
        rf"|(?P<d>{_DD})日(?=\x20?(?:{_pod()}|{_HD}[时点:]))"
        rf"|(?P<d>{_DD})日(?<={_CLAUSE_START}[0-9]{{1,2}}日)(?=,)"
        r")"
    )
    cn = (
        rf"{_CN_HEAD}(?:"
        rf"(?P<m>{_MC})月(?P<d>{_D})[日号]"
        rf"|(?P<q>[一二三四])季度"
        r")"
    )
    # a year of any form, then one shared tail: the three forms start with different characters, so
    # trying them first keeps the order of alternatives at every position (and the pattern small)
    year = (
        rf"(?:{_DIGIT_HEAD}(?:(?P<y>{_Y4})年(?!代|级(?!别))|(?P<yr>{ROC_YEAR})年{_ROC_FOLLOW})度?|{_CN_HEAD}(?P<yc>{_CNY})年度?"
        rf"|(?P<ry>{_words(_v().rel_years, _v().rel_year_not_after)})度?){year_tail}"
    )
    rel = rf"(?P<rm>{_words(_v().rel_months, _v().rel_month_not_after)})(?:(?P<d>{_D})[日号])?"
    bare = (
        rf"年(?P<yp>{_guarded(_v().year_parts)})(?<![{_v().not_before_bare_year_part}]年.)"
        rf"|(?P<hf>[上下])(?<![{_v().not_before_bare_year_part}].)半年度?"
        rf"|{quarter}"
    )
    return f"(?:{year}|{digit}|{cn}|{rel}|{bare})(?(d){_time()})"


def _core2() -> str:
    """The second date of a range, or the end point of 截至 (groups suffixed with 2)."""
    mp = _guarded(_v().month_parts)
    tail = rf"(?:(?P<m2>{_M})月份?(?:(?P<d2>{_D})[日号]|(?P<mp2>{mp}))?|年?(?P<yp2>{_guarded(_v().year_parts)}))?"
    return (
        rf"(?:{_DIGIT_HEAD}(?:(?:(?P<y2>{_Y4})年|(?P<yr2>{ROC_YEAR})年{_ROC_FOLLOW})度?{tail}|(?P<m2>{_MD})月份?(?:(?P<d2>{_D})[日号]|(?P<mp2>{mp}))?)"
        rf"|{_CN_HEAD}(?:(?P<yc2>{_CNY})年{tail}|(?P<m2>{_MC})月(?:(?P<d2>{_D})[日号])?)"
        rf"|(?P<ry2>{_words(_v().rel_years, _v().rel_year_not_after)})度?{tail}"
        rf"|(?P<ny2>{_words(_v().next_year)}){tail})"
    )


def _since_suffix() -> str:
    parts = {"起": f"起(?![{_v().qi_not_before}])", "至今": "至今(?![年天日])"}
    return "|".join(parts.get(s, _esc(s)) for s in _v().since_suffixes)


def _second_point() -> str:
    """What follows a date: a range separator or 截至, then the second date (groups suffixed with 2). One copy of the
    second date serves both (the grammar compiles in Python on the first call: each copy costs ~5 ms). After 截至
    the point may also be 目前 (``now``) and a 为止 may close it; after a separator a bare day may close a day range
    (5日至7日); after 自/从 (``spre``) there is no 截至."""
    return (
        rf"(?:起?(?P<rsep>{_words(_v().range_separators)})|(?(spre)(?!)|(?P<uk>{_words(_v().until_words)})(?:到|至)?\x20?))"
        rf"(?:(?(uk)(?P<now>{_words(_v().until_now)})|(?!))|{_core2()}|(?(uk)(?!)|(?(d)(?P<d2>{_D})[日号]|(?!))))"
        r"(?(uk)(?:为止|止)?)"
    )


def _duration_back() -> str:
    near = {w: _v().near_not_after for w in (*_v().duration_prefixes, *_v().duration_vague) if w.startswith("近")}
    return (
        rf"(?P<dp>{_words(_v().duration_prefixes, near)})(?P<dn>[0-9]{{1,3}}(?![0-9])|{_NUM_C})(?P<dq>多|余|几)?年"
        rf"(?P<ds>{_words(_v().duration_suffixes)})?"
        rf"|{_DIGIT_HEAD}(?P<dn>[0-9]{{1,3}})(?P<dq>多|余|几)?年(?P<ds>以来|来)"
        rf"|{_CN_HEAD}(?P<dn>{_NUM_C})(?P<dq>多|余|几)?年(?P<ds>以来|来)"
        rf"|(?P<dx>{_words(_v().duration_vague, near)})"
    )


def _iso() -> str:
    return (
        rf"(?P<iy>{_Y4})(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=isep)"
        r"(?P<id>[12][0-9]|3[01]|0?[1-9])(?![0-9]|[.\-/:][0-9])"
        r"(?:(?:\x20{1,2}|T)(?P<ih>2[0-3]|[01]?[0-9]):(?P<imi>[0-5][0-9])(?::(?P<is>[0-5][0-9]))?(?![0-9]))?"
    )


def _dmy() -> str:
    """A day-first date with the year last (18.05.2016, 18/05/2016 04:54): the order of Hong Kong, Macao and European
    pages. Year-first digits are :func:`_iso`; a month-first order is not read (no Chinese page writes it)."""
    return (
        r"(?<![0-9.\-/])(?P<id>[12][0-9]|3[01]|0?[1-9])(?P<isep>[./])(?P<im>1[0-2]|0?[1-9])(?P=isep)"
        rf"(?P<iy>{_Y4})(?![0-9]|[.\-/:][0-9])"
        r"(?:\x20{1,2}(?P<ih>2[0-3]|[01]?[0-9]):(?P<imi>[0-5][0-9])(?::(?P<is>[0-5][0-9]))?(?![0-9]))?"
    )


def _time_only() -> str:
    return (
        rf"(?P<pod>{_pod()})\x20?{_hour(True)}"
        rf"|{_DIGIT_HEAD}(?:(?P<hh>{_HD})时(?:(?P<mi>{_MI})分钟?(?:(?P<ss>{_SS})秒)?|(?![{_v().hour_not_before}]))"
        rf"(?P<ap>许|左右|前后)?"
        rf"|(?P<hh>{_HD})点(?:(?P<mi>{_MI})分|(?P<hhalf>半))(?P<ap>许|左右|前后)?"
        rf"|(?P<hh>{_HD})点(?P<ap>许|左右)"
        rf"|(?P<hh>{_HD})点(?=[^\p{{Han}}0-9.]|[前后至到]))"
        rf"|{_CN_HEAD}(?P<hh>{_HC})时(?P<ap>许)"
    )


def _pattern_source(second_char_test: bool = True) -> str:
    core = _core()
    since = _since_suffix()
    # A date, then a second point (a range or 截至) or a since-suffix, or none; after 自/从 (spre) a range or a
    # since-suffix must follow. 截至 also opens an expression of its own (截至目前): the date is then left out
    # (``_dc`` marks that there was one; without one, only a position that can start 截至 is tried further).
    until_firsts = "".join(sorted({_esc(w[0]) for w in _v().until_words}))
    date = (
        rf"(?:(?:(?P<spre>{_words(_v().since_prefixes)})\x20?)?{core}(?P<_dc>)|(?=[{until_firsts}]))"
        rf"(?:(?P<rt>{_second_point()})|(?(_dc)(?P<ssuf>{since})|(?!)))?"
        r"(?(_dc)(?(spre)(?(rt)|(?(ssuf)|(?!))))|(?(uk)|(?!)))"
    )
    branches = [
        ("jin", r"(?P<ry>今年)(?P<ssuf>来)(?![说看讲汉京沪此这到过了的自])"),
        ("dur", _duration_back()),
        ("iso", f"{_iso()}|{_dmy()}"),
        ("date", date),
        ("time", _time_only()),
        # Runs that cannot start an expression are consumed whole, so the engine does not retry
        # inside them: a digit or Chinese-numeral run, or a run of one repeated character (年年年).
        # (*SKIP)(*FAIL) resumes the scan after the run without making a match of it.
        (
            "junk",
            rf"(?:[0-9]+|\.[0-9]+|[第每]?[{_CN_NUMERALS}百千万亿]+|(?P<_jc>[{_first_chars()[3:]}])(?P=_jc)*(?=(?P=_jc)))"
            r"(*SKIP)(*FAIL)",
        ),
    ]
    body = "|".join(f"(?P<_{name}>{rx})" for name, rx in branches)
    return f"(?=[{_first_chars()}]){_second_char_test() if second_char_test else ''}(?:{body})"


def _second_char_test() -> str:
    """A cheap second test for the two most frequent false starts, Chinese numerals (一体化, 统一)
    and 年: a numeral only starts an expression (or a junk run) before another numeral, a unit or
    年来/年以来; a bare 年 only in 年初/年底/年末.  Results are the same without it (tested)."""
    cn = _CN_NUMERALS
    follow = f"[{cn}百千万亿月日号时点季多余几]|年[来以]"
    # 年年 passes so that the junk branch can swallow a run of 年 in one step
    return f"(?:(?![年{cn}])|(?=年[初底末年]|[{cn}](?:{follow})))"


@cache
def _pattern() -> regex.Pattern[str]:
    import regex

    return regex.compile(_pattern_source(), regex.V0)


@cache
def _group_index() -> dict[str, int]:
    return dict(_pattern().groupindex)


@cache
def _duration_pattern() -> regex.Pattern[str]:
    import regex

    not_cn = rf"(?<![{_v().not_before_cn_numeral}])"
    num = rf"(?:{_NB_DIGIT}[0-9]{{1,3}}(?![0-9])|{not_cn}{_NUM_C}|半(?<![上下]半))"
    units = "|".join(
        "年(?!以来|来|度|级|代)" if u == "年" else u for u in sorted(_v().duration_units, key=len, reverse=True)
    )
    return regex.compile(rf"(?=[0-9{_CN_NUMERALS}半])(?P<n>{num})(?P<q>多|余)?(?P<u>{units})")


# ---------------------------------------------------------------------------------------------
# Interpretation
# ---------------------------------------------------------------------------------------------


def _int(s: str | None) -> int | None:
    """Arabic or Chinese numeral (1-99 with 十, or digit by digit: 二〇一九) -> int."""
    if not s:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _v().cn_digits.get(head, -1) if head else 1
        ones = _v().cn_digits.get(tail, -1) if tail else 0
        return tens * 10 + ones if tens >= 0 and ones >= 0 else None
    value = 0
    for ch in s:
        digit = _v().cn_digits.get(ch)
        if digit is None:
            return None
        value = value * 10 + digit
    return value


class _Groups:
    """Group values of one match by name (one ``groups()`` call instead of one ``group()`` per name)."""

    __slots__ = ("_index", "_values")

    def __init__(self, values: Sequence[str | None], index: Mapping[str, int]) -> None:
        self._values = values
        self._index = index

    def __call__(self, name: str) -> str | None:
        return self._values[self._index[name] - 1] or None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


class _Fields:
    """Mutable scratch record while one match is interpreted."""

    __slots__ = (
        "approx", "day", "end_day", "end_month", "end_year", "half", "hour", "kind", "minute", "month", "part",
        "quarter", "relative", "second", "start_year", "year", "year_from", "years_back",
    )  # fmt: skip

    def __init__(self) -> None:
        self.kind: Kind = "point"
        self.year: int | None = None
        self.month: int | None = None
        self.day: int | None = None
        self.hour: int | None = None
        self.minute: int | None = None
        self.second: int | None = None
        self.relative = False
        self.start_year: int | None = None
        self.end_year: int | None = None
        self.half: Literal[1, 2] | None = None
        self.quarter: int | None = None
        self.end_month: int | None = None
        self.end_day: int | None = None
        self.part: str | None = None
        self.approx = False
        self.years_back: int | None = None
        self.year_from: YearSource | None = None

    @property
    def textual_year(self) -> bool:
        return self.year_from in ("explicit", "relative")


def _read_time(g: _Groups, f: _Fields) -> bool:
    pod = g("pod")
    hour = _int(g("hh"))
    if pod:
        f.part = pod
    if hour is None:
        return True
    if hour > 24:
        return False
    shift = _v().parts_of_day.get(pod) if pod else None
    if shift is not None and shift[0] <= hour <= shift[1]:
        hour += 12
    f.hour = hour
    f.minute = 30 if g("hhalf") else _int(g("mi"))
    f.second = _int(g("ss"))
    f.approx = f.approx or g("ap") is not None
    return (f.minute is None or f.minute < 60) and (f.second is None or f.second < 60)


def _read_date(g: _Groups, f: _Fields, published: date | None, s: str = "") -> bool:
    """Read the date groups with suffix ``s`` (explicit and relative years only); False if invalid."""
    f.month = _int(g("m" + s))
    f.day = _int(g("d" + s))
    if f.month is not None and not 1 <= f.month <= 12:
        return False
    if f.day is not None and not 1 <= f.day <= 31:
        return False
    yp, mp = g("yp" + s), g("mp" + s)
    if yp:
        f.part = "年" + yp
    elif mp:
        f.part = "月" + mp if mp in _v().year_parts else mp
    if not s:
        _read_first_only(g, f, published)
    _read_year(g, f, published, s)
    return True


def _read_first_only(g: _Groups, f: _Fields, published: date | None) -> None:
    """The groups only a first date has: a half, a quarter, a relative month."""
    half, q, rm = g("hf"), g("q"), g("rm")
    if half:
        f.half = _v().halves[half]
    if q:
        f.quarter = _int(q)
        if g("qpre"):
            f.part = "前"
    if rm:
        f.relative, f.year_from = True, "relative"
        if published:
            f.year, f.month = _shift_month(published.year, published.month, _v().rel_months[rm])


def _read_year(g: _Groups, f: _Fields, published: date | None, s: str) -> None:
    y, yc, roc, ry = g("y" + s), g("yc" + s), g("yr" + s), g("ry" + s)
    if y or yc:
        f.year, f.year_from = _int(y or yc), "explicit"
    elif roc:
        f.year, f.year_from = int(roc) + ROC_OFFSET, "explicit"
    elif ry:
        f.relative, f.year_from = True, "relative"
        f.year = published.year + _v().rel_years[ry] if published else None


def _resolve_bare(f: _Fields, published: date | None) -> None:
    """A yearless month/day, day, half, quarter or year part: relative to the publication date."""
    if f.year_from is not None or not (f.month is not None or f.day is not None or f.half or f.quarter or f.part):
        return
    f.relative = True
    if published is None:
        return
    f.year, f.year_from = published.year, "published"
    if f.month is None and f.day is not None:  # bare day: the publication month, or the month before
        f.month = published.month
        if f.day > published.day:
            f.year, f.month = _shift_month(published.year, published.month, -1)
    elif f.month is not None and (f.month, f.day or 1) > (published.month, published.day):
        f.year -= 1


def _interpret(g: _Groups, published: date | None) -> _Fields | None:
    f = _Fields()
    if g("_iso"):
        f.year, f.month, f.day = _int(g("iy")), _int(g("im")), _int(g("id"))
        f.hour, f.minute, f.second = _int(g("ih")), _int(g("imi")), _int(g("is"))
        f.year_from = "explicit"
        f.start_year = f.end_year = f.year
        return f
    if g("_dur"):
        f.kind, f.relative = "duration_back", True
        f.part = g("dp") or g("dx")
        n = _int(g("dn"))
        f.years_back = n
        f.approx = g("dq") is not None
        if n and not f.approx and published:
            f.start_year, f.end_year = published.year - n + 1, published.year
        return f
    if g("_time"):
        f.relative = True
        return f if _read_time(g, f) else None
    if not (_read_date(g, f, published) and _read_time(g, f)):
        return None
    if g("uk"):
        return _until(g, f, published)
    if g("rsep"):
        return _range(g, f, published)
    _resolve_bare(f, published)
    if g("ssuf"):
        f.kind, f.relative = "since", True
        f.start_year = f.year
        # a start after the publication year (自2025年1月1日起施行) covers just that start year
        f.end_year = max(published.year, f.year or published.year) if published else None
        return f
    if f.part == "前" and f.quarter:  # 前三季度: January to the end of the third quarter
        f.kind = "range"
        f.month, f.end_month, f.quarter = 1, 3 * f.quarter, None
        f.end_year = f.year
    else:
        f.end_year = f.year
    f.start_year = f.year
    return f


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_day(year: int | None, month: int | None, day: int | None) -> bool:
    if month is None or day is None:
        return True
    if day > _DAYS_IN_MONTH[month - 1]:
        return False
    leap = year is None or (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
    return not (month == 2 and day == 29 and not leap)


def _until(g: _Groups, f: _Fields, published: date | None) -> _Fields | None:
    """截至 + end point; a date before 截至 (今年截至10月) supplies the year."""
    e = _Fields()
    if not _read_date(g, e, published, "2"):
        return None
    e.kind = "until"
    now = g("now")
    if not e.textual_year and f.textual_year:
        e.year, e.year_from, e.relative = f.year, f.year_from, f.relative
    if now:
        e.part, e.relative = now, True
        if e.year is None and not e.textual_year and published:
            e.year, e.year_from = published.year, "published"
    _resolve_bare(e, published)
    e.start_year = e.end_year = e.year
    return e


def _range(g: _Groups, f: _Fields, published: date | None) -> _Fields | None:
    e = _Fields()
    if not _read_date(g, e, published, "2"):
        return None
    f.kind = "range"
    f.end_month, f.end_day = e.month, e.day
    start_key = (f.month or 0, f.day or 0)
    end_key = (e.month if e.month is not None else f.month or 0, e.day or 0)
    wraps = end_key < start_key  # 12月至1月: the end is in the following year
    if not f.textual_year and e.textual_year and e.year is not None:  # 5月至2023年6月
        f.year, f.year_from = e.year - int(wraps), e.year_from
    _resolve_bare(f, published)
    f.relative = f.relative or e.relative
    if e.textual_year:
        f.end_year = e.year
    elif f.year is not None:
        f.end_year = f.year + 1 if wraps or g("ny2") else f.year
    if e.part:
        f.part = f.part or e.part
    f.start_year = f.year
    return f


_Match = tuple[int, int, "tuple[str | None, ...]"]


@dataclass(frozen=True)
class DateScan:
    """The date grammar's matches in one text, before interpretation (spans and group values; junk runs never
    match). Made once per document by :func:`scan_dates` and shared: the quantity scanner skips their spans, the
    context reads them against the publication date."""

    text: str
    matches: list[_Match]


def scan_dates(text: str) -> DateScan:
    pattern = _pattern()
    found = [
        (m.start(), m.end(), m.groups()) for lo, hi in _anchored_clauses(text) for m in pattern.finditer(text, lo, hi)
    ]
    return DateScan(text, found)


def _matches(text: str, scanned: DateScan | None) -> list[_Match]:
    if scanned is None:
        return scan_dates(text).matches
    if scanned.text is not text and scanned.text != text:
        raise ValueError("the date scan was made of another text")
    return scanned.matches


# Literal prefilter. Every date expression holds one of these characters (年 月 日 时 点 季, 截 of 截至目前,
# : of 21:47, - / . of 2022-02-16), and none crosses a clause separator; the scan state is fresh after a
# separator, so scanning only the clauses that hold an anchor finds exactly what a full scan finds.
_CLAUSE_SEPARATORS = "。,;!?\n"
_ANCHORS = "年月日时点季截:/.\\-"


@cache
def _anchored_runs() -> re.Pattern[str]:
    """Skips the clauses without an anchor, then takes a run of clauses that each hold one, a single
    separator apart; a tail without anchors is consumed whole (so no position is tried twice)."""
    sep, plain = f"[{_CLAUSE_SEPARATORS}]", f"[^{_CLAUSE_SEPARATORS}{_ANCHORS}]"
    clause = f"{plain}*[{_ANCHORS}][^{_CLAUSE_SEPARATORS}]*"
    return re.compile(f"(?:{plain}*{sep})*(?P<run>{clause}(?:{sep}{clause})*)|[^{_ANCHORS}]+\\Z")


def _anchored_clauses(text: str) -> list[tuple[int, int]]:
    """Ranges to scan: runs of clauses that hold an anchor, each with the separator after it (a
    lookahead may test it)."""
    n = len(text)
    return [(m.start("run"), min(m.end("run") + 1, n)) for m in _anchored_runs().finditer(text) if m.group("run")]


def date_spans(text: str, scanned: DateScan | None = None) -> list[tuple[int, int]]:
    """Where the date grammar matches in ``text`` (valid or not: 2月30日 is no quantity either), for
    the quantity scanner to skip. A year count after a prefix (近三年, 过去的五年, 这一年) is left
    out: its number is also a quantity of years (近20年最低 is a record over 20 years). ``scanned``: the
    text's :func:`scan_dates`, when already made."""
    index = _group_index()
    dur, prefix = index["_dur"] - 1, index["dp"] - 1
    return [(start, end) for start, end, v in _matches(text, scanned) if v[dur] is None or v[prefix] is None]


def find_dates(text: str, published: date | None = None, scanned: DateScan | None = None) -> list[DateMention]:
    """Every date/time expression in ``text``, in order, non-overlapping (leftmost, then longest). ``scanned``:
    the text's :func:`scan_dates`, when already made."""
    out: list[DateMention] = []
    index = _group_index()
    for start, end, values in _matches(text, scanned):
        f = _interpret(_Groups(values, index), published)
        if f is None or not _valid_day(f.year, f.month, f.day) or not _valid_day(f.end_year, f.end_month, f.end_day):
            continue
        out.append(
            DateMention(
                start=start, end=end, text=text[start:end], kind=f.kind, year=f.year, month=f.month, day=f.day,
                hour=f.hour, minute=f.minute, relative=f.relative,
                resolved=f.start_year is not None and f.end_year is not None,
                start_year=f.start_year, end_year=f.end_year, half=f.half, quarter=f.quarter, second=f.second,
                end_month=f.end_month, end_day=f.end_day, part=f.part, approx=f.approx,
                years_back=f.years_back, year_from=f.year_from,
            )
        )  # fmt: skip
    return out


def years_of(mention: DateMention) -> tuple[int, int] | None:
    """``(start_year, end_year)`` when both are known, else None."""
    if mention.start_year is None or mention.end_year is None:
        return None
    return mention.start_year, mention.end_year


def with_context_years(mentions: Sequence[DateMention]) -> list[DateMention]:
    """Give yearless mentions the year of the nearest PRECEDING mention whose year came from the
    text (an explicit year, or a relative year word; an unresolved 去年 makes the year unknown).

    Only ``point``/``range`` mentions with a written month (6月13日, 1-9月), a half, a quarter or a
    year part (年底) and no written year (``year_from`` None or "published") are changed; they get
    ``year_from="context"`` and ``resolved=True``.  ``since``/``until``/``duration_back``, bare days
    (13日上午) and clock times are left alone.  The list is returned in order.
    """
    out: list[DateMention] = []
    anchor: int | None = None
    for mention in mentions:
        if mention.year_from in ("explicit", "relative"):
            anchor = mention.year  # None for an unresolved 去年: what follows is unknown too
        elif (
            anchor is not None
            and mention.kind in ("point", "range")
            and mention.year_from in (None, "published")
            and (
                (mention.month is not None and "月" in mention.text)  # not a bare day: its month is not written
                or mention.half is not None
                or mention.quarter is not None
                or mention.part in ("年初", "年底", "年末", "前")
            )
        ):
            end_year = anchor
            if mention.kind == "range":
                start_key = (mention.month, mention.day or 0)
                end_key = (mention.end_month if mention.end_month is not None else mention.month, mention.end_day or 0)
                end_year = anchor + 1 if end_key < start_key else anchor
            mention = replace(
                mention, year=anchor, start_year=anchor, end_year=end_year, resolved=True, year_from="context"
            )
        out.append(mention)
    return out


def find_durations(text: str) -> list[Duration]:
    """Lengths of time (``连续17年``, ``3个月``, ``36小时``, ``半年``): counts, never dates.

    ``N年来``/``N年以来`` are left to :func:`find_dates` (``duration_back``).
    """
    out: list[Duration] = []
    for m in _duration_pattern().finditer(text):
        n = m.group("n")
        start, end = m.span()
        out.append(
            Duration(
                start, end, text[start:end], None if n == "半" else _int(n), m.group("u"), m.group("q") is not None
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Absolute timestamps
# ---------------------------------------------------------------------------------------------

_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "YMD",
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
}


@cache
def _iso_full() -> regex.Pattern[str]:
    import regex

    return regex.compile(
        rf"{_iso()}(?:\.[0-9]{{1,6}})?(?:Z|[+-][0-9]{{2}}:?[0-9]{{2}})?",
    )


def parse_timestamp(s: str) -> datetime | None:
    """An ABSOLUTE timestamp -> naive ``datetime``; None for anything relative, partial or invalid.

    ISO-like forms (``2022-02-16 08:57:00``, ``2022/2/16``, ``2022.02.16``, ``2022-02-16T08:57:00+08:00``,
    the offset is dropped, the wall-clock time kept) go through ``dateparser`` with fixed settings
    and a fixed ``RELATIVE_BASE``, so the result never depends on the clock; Chinese forms with an
    explicit year, month and day (``2022年02月16日``, ``二〇一九年十月一日 8时30分``) are read with the
    grammar of :func:`find_dates`.
    """
    from datetime import datetime

    s = s.strip()
    if not s:
        return None
    iso = _iso_full().fullmatch(s)
    if iso is not None:
        import dateparser

        settings: dict[str, object] = {**_DATEPARSER_SETTINGS, "RELATIVE_BASE": datetime(2000, 1, 1)}
        parsed = dateparser.parse(s, languages=["zh", "en"], settings=settings)
        if not isinstance(parsed, datetime):
            return None
        expected = (_int(iso.group("iy")), _int(iso.group("im")), _int(iso.group("id")))
        if (parsed.year, parsed.month, parsed.day) != expected:
            return None
        return parsed.replace(tzinfo=None)
    mentions = find_dates(s)
    if len(mentions) != 1:
        return None
    m = mentions[0]
    if (m.start, m.end) != (0, len(s)) or m.kind != "point" or m.relative:
        return None
    if m.part is not None and m.hour is None:  # 9月5日晚: no clock time to give
        return None
    if m.year is None or m.month is None or m.day is None:
        return None
    try:
        return datetime(m.year, m.month, m.day, (m.hour or 0) % 24, m.minute or 0, m.second or 0)
    except ValueError:
        return None
