"""Finds number expressions in normalised text and parses their values.

Returns :class:`Candidate` objects in NORMALISED coordinates; the public
:func:`policemetrics.recognise.quantities.find_quantities` maps them back to the original text.
The text inside date mentions (found by the one date grammar, :mod:`policemetrics.recognise.dates`)
is never scanned: 1-9月, 2019-2023年 and 5月10日至20日 hold no quantity.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import NamedTuple

import regex

from policemetrics.models import Approx, QuantityKind
from policemetrics.recognise.dates import date_spans
from policemetrics.recognise.quantities.grammar import ZH_NUM, quantity_pattern
from policemetrics.recognise.quantities.numerals import NumeralError, numeral_value
from policemetrics.recognise.quantities.table import QuantityTable, UnitRule, quantity_table

_HAN = regex.compile(r"\p{Han}")
_ONE = frozenset("一壹1")
_COUNTABLE = frozenset({"number.arabic", "number.chinese"})  # fractions and percentages take no counter


# read-only by convention (replace() makes changed copies): a frozen one costs twice as much to build, and a
# scan builds one per number; the hash stays that of the fields
@dataclass(slots=True, unsafe_hash=True)
class Candidate:
    start: int  # normalised offsets of the whole expression (approximators and unit included)
    end: int
    num_start: int  # where the digits begin (after a prefix such as 近/超过)
    value: float
    unit: str | None
    approx: Approx | None
    kind: QuantityKind
    rule: str
    multiplied: bool  # 万/亿 folded into the value (a bare 12万 is still a count)
    chinese: bool  # written in Chinese numerals


class Groups(NamedTuple):
    """The groups of one quantity match that the readers use, by name."""

    pre: str | None
    neg: str | None
    pct: str | None
    kilo: str | None
    whole: str | None
    den: str | None
    fneg: str | None
    frac: str | None
    swhole: str | None
    snum: str | None
    sden: str | None
    ar: str | None
    exp: str | None
    pow: str | None
    mid: str | None
    mult: str | None
    tail: str | None
    zh: str | None
    halfshare: str | None
    zmid: str | None
    zmult: str | None
    suf: str | None
    big: str | None
    unit: str | None
    ctail: str | None
    post: str | None


class _Number(NamedTuple):
    """The numeric core of one match, before the unit is applied."""

    value: float
    kind: QuantityKind
    rule: str
    multiplied: bool
    chinese: bool
    approx: Approx | None = None  # an approximator inside the numeral (十余万)
    unit: str | None = None


def _approx(table: QuantityTable, g: Groups, with_post: bool) -> Approx | None:
    if g.pre:
        return table.approx_prefix[g.pre]
    if g.mid:
        return table.approx_middle[g.mid]
    if g.suf:
        return table.approx_middle[g.suf]
    if with_post and g.post:
        return table.approx_suffix[g.post]
    return None


def _from_ordinal(m: regex.Match[str]) -> Candidate | None:
    if m.group() == "首位":
        return Candidate(m.start(), m.end(), m.start(), 1.0, None, None, "ordinal", "ordinal.first_place", False, True)
    digits = m.group("ordnum")
    unit = m.group("ordunit")
    end = m.end() if unit else m.end("ordnum")
    chinese = not digits[0].isdigit()
    return Candidate(
        m.start(), end, m.start("ordnum"), numeral_value(digits), unit, None, "ordinal", "ordinal.di", False, chinese
    )


def _percent(pct: str, kilo: str | None) -> _Number:
    value = numeral_value(pct) * (1000 if kilo else 1)
    return _Number(value, "percent", "percent.baifenzhi", False, not pct[0].isdigit(), unit="%")


def _fraction(g: Groups, den_text: str, frac: str) -> _Number | None:
    """X分之Y: a fraction; 千分之/万分之 (a power of ten) read as a percentage, like 百分之, unless
    the denominator says 一 (一千分之一 is 0.001)."""
    den_text = den_text.strip()
    den, num = numeral_value(den_text), numeral_value(frac)
    if den == 0:
        return None
    chinese = not frac[0].isdigit()
    if g.fneg:
        num = -num
    whole = g.whole
    if den >= 100 and math.log10(den).is_integer() and den_text[0] not in _ONE and not whole:
        return _Number(num / den * 100, "percent", "percent.fraction", False, chinese, unit="%")
    value = (numeral_value(whole) if whole else 0.0) + num / den
    return _Number(value, "number", "number.fraction", False, chinese)


def _slash(g: Groups) -> _Number | None:
    """3/5, 1 3/5: a written fraction."""
    den = numeral_value(g.sden)
    if den == 0:
        return None
    whole = numeral_value(g.swhole) if g.swhole else 0.0
    return _Number(whole + numeral_value(g.snum) / den, "number", "number.fraction", False, False)


def _arabic(g: Groups, ar: str) -> _Number:
    """1.5万, 3万4000, 2e5, 2^5, 40k."""
    mult, tail = g.mult or "", g.tail or ""
    value = numeral_value(ar + mult + tail)
    if g.exp:
        value *= 10.0 ** int(g.exp)
    elif g.pow:
        sign = -1 if g.pow.count("-") % 2 else 1
        value = value ** (sign * int(g.pow.lstrip("+-")))
    if g.kilo:
        value *= 1000
    return _Number(value, "number", "number.arabic", bool(mult), False)


def _chinese(g: Groups, zh: str) -> _Number:
    zmult = g.zmult or ""
    value = numeral_value(zh) * (numeral_value(zmult) if zmult else 1.0)
    approx: Approx | None = "more_than" if g.zmid else None
    numeral = zh + zmult
    multiplied = "万" in numeral or "亿" in numeral or "兆" in numeral
    return _Number(value, "number", "number.chinese", multiplied, True, approx)


def _number(g: Groups) -> _Number | None:
    # the grammar sets exactly one of these groups (the `or ""` only satisfies the type checker)
    if g.pct is not None:
        return _percent(g.pct, g.kilo)
    if g.den is not None:
        return _fraction(g, g.den, g.frac or "")
    if g.snum is not None:
        return _slash(g)
    if g.ar is not None:
        return _arabic(g, g.ar)
    if g.halfshare is not None:  # 半数 is a share: 50 % (SCHEMA)
        return _Number(50.0, "percent", "percent.half", False, True, unit="%")
    return _chinese(g, g.zh or "")


@cache
def _duration_only() -> frozenset[str]:
    return frozenset(quantity_table().duration_only_suffixes)


def _end_and_post(m: regex.Match[str], g: Groups, rule: UnitRule | None, n: _Number) -> tuple[int, str | None]:
    """内/以内 only bound durations (3日内); elsewhere the word belongs to the sentence (在3个社区内). 以下/以上 bound
    any figure with a unit (10起以下, 5%以下, 百分之五十以上, 半数以上); after a bare number they are the sentence's."""
    post = g.post
    duration = rule is not None and rule.kind == "duration"
    if post and ((rule is None and n.unit is None) or (post in _duration_only() and not duration)):
        return m.start("post"), None
    return m.end(), post


def _with_unit(n: _Number, rule: UnitRule | None) -> tuple[float, str | None, QuantityKind, str] | None:
    """Apply a counter or unit (九折 -> 90%); None when the value is impossible for it (12成)."""
    if rule is None or n.rule not in _COUNTABLE:
        return n.value, n.unit, n.kind, n.rule
    value = n.value
    if rule.max_value is not None and value > rule.max_value:
        return None
    if rule.scale_below is None or value < rule.scale_below:
        value *= rule.factor
    return value, rule.unit, rule.kind, rule.rule_name


@cache
def _pick() -> Callable[[tuple[str | None, ...]], tuple[str | None, ...]]:
    """Picks the values of :class:`Groups` out of ``m.groups()`` (one C call, no dict per match)."""
    index = quantity_pattern().groupindex
    return itemgetter(*(index[name] - 1 for name in Groups._fields))


def _from_quantity(m: regex.Match[str]) -> Candidate | None:
    g = tuple.__new__(Groups, _pick()(m.groups()))
    n = _number(g)
    if n is None:
        return None
    table = quantity_table()
    rule = table.unit_by_surface[g.unit] if g.unit else None
    end, post = _end_and_post(m, g, rule, n)
    reading = _with_unit(n, rule)
    if reading is None:
        return None
    value, unit, kind, name = reading
    if g.ctail:  # 七成六 is 76%, 三成半 35%
        value += 5.0 if g.ctail.strip() == "半" else numeral_value(g.ctail)
    if g.neg:
        value = -value
    approx = _approx(table, g, with_post=post is not None) or n.approx
    start = m.start()
    num_start = m.end("pre") if g.pre else start
    return Candidate(start, end, num_start, value, unit, approx, kind, name, n.multiplied, n.chinese)


def _bare_multiplier(text: str, pos: int) -> bool:
    """百/千/万/亿 at ``pos`` not followed by another numeral or an approximator (千家万户, 万名警察)."""
    nxt = text[pos + 1] if pos + 1 < len(text) else ""
    return text[pos] in "百千万亿" and nxt not in ZH_NUM and nxt not in "余多"


def _in_word(text: str, end: int) -> bool:
    """A Han character that makes a word with the numeral before ``end`` (一体化, 十堰, 三甲)."""
    nxt = text[end] if end < len(text) else ""
    return bool(nxt) and _HAN.match(nxt) is not None and nxt not in "是和或与到至比这那而却"


def _noise(text: str, c: Candidate) -> bool:
    """A lone Chinese digit inside a word (一体化, 十堰, 三甲) is a word, not a number; so is a bare
    百/千/万 without an approximator (千家万户, 万名警察)."""
    if c.chinese and c.kind != "percent" and c.num_start == c.start and _bare_multiplier(text, c.num_start):
        return True
    if c.chinese and c.value == 0 and _placeholder(text, c.num_start, c.end):
        return True
    if not c.chinese or c.unit is not None or c.approx is not None or c.kind != "number":
        return False
    return c.end - c.start == 1 and _in_word(text, c.end)


_CIRCLE_ZEROS = "〇○"  # 零 is the zero of a figure; these are also the marks of a withheld name


def _placeholder(text: str, start: int, end: int) -> bool:
    """〇〇 or ○○ (王○○, 某〇〇) with value 0: the marks of a withheld name or figure, not the number 0 (a zero
    figure is written 零: 零发案)."""
    return end > start and text[start] in _CIRCLE_ZEROS


def _lone_numeral_noise(text: str, start: int, end: int) -> bool:
    """:func:`_noise` of a one-character match that is a Chinese numeral, decided before it is read:
    such a match is a plain Chinese number (no unit, approximator or sign fits in one character)."""
    return end - start == 1 and text[start] in ZH_NUM and (_bare_multiplier(text, start) or _in_word(text, end))


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A number expression with a unit or approximator whose digits could not be read (四万万亿亿)."""

    start: int
    end: int
    reason: str


def _read(m: regex.Match[str], unreadable: list[Unreadable] | None) -> Candidate | None:
    try:
        return _from_ordinal(m) if m.lastgroup == "ordinal" else _from_quantity(m)
    except (NumeralError, OverflowError) as exc:
        if unreadable is not None and (m.group("unit") or m.group("pre") or m.group("suf")):
            unreadable.append(Unreadable(m.start(), m.end(), f"cannot read the number {exc.args[0]!r}"))
        return None


def _gaps(length: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for start, end in spans:
        if start > pos:
            out.append((pos, start))
        pos = max(pos, end)
    if pos < length:
        out.append((pos, length))
    return out


def scan(
    text: str, unreadable: list[Unreadable] | None = None, dates: Sequence[tuple[int, int]] | None = None
) -> list[Candidate]:
    """All number expressions in normalised ``text``, left to right, non-overlapping, none inside a
    date mention (``dates``: their spans, found by the date grammar when not given). Expressions that
    look like statistics but cannot be read are appended to ``unreadable`` when it is given."""
    out: list[Candidate] = []
    pattern = quantity_pattern()
    for lo, hi in _gaps(len(text), date_spans(text) if dates is None else dates):
        for m in pattern.finditer(text, lo, hi):
            kind = m.lastgroup
            if kind == "mask" or (kind == "q" and _lone_numeral_noise(text, *m.span())):
                continue
            cand = _read(m, unreadable)
            if cand is not None and cand.end > cand.start and not _noise(text, cand):
                if cand.approx is None:
                    cand.approx = _approx_before_verb(text, cand.start)
                out.append(cand)
    return out


_VERB_WINDOW = 18  # 约 + 占 + up to 12 characters + 的, with room to spare


def _approx_before_verb(text: str, start: int) -> Approx | None:
    """约占15%, 约为95%, 约有300人 (``approx_before_verb``): the approximator before the verb qualifies the number."""
    lo = max(0, start - _VERB_WINDOW)
    rule = quantity_table().approx_before_verb
    if rule.hint.search(text, lo, start) is None:
        return None
    found = rule.pattern.search(text, lo, start)
    return rule.words[found.group("w")] if found else None
