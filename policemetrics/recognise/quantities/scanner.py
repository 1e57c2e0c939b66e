"""Finds number expressions in normalised text and parses their values.

Returns :class:`Candidate` objects in NORMALISED coordinates; the public
:func:`policemetrics.recognise.quantities.find_quantities` maps them back to the original text.
The text inside date mentions (found by the one date grammar, :mod:`policemetrics.recognise.dates`)
is never scanned: 1-9月, 2019-2023年 and 5月10日至20日 hold no quantity.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from policemetrics.models import Approx, QuantityKind
from policemetrics.recognise.dates import date_spans
from policemetrics.recognise.quantities.grammar import ZH_NUM, quantity_pattern
from policemetrics.recognise.quantities.numerals import NumeralError, numeral_value
from policemetrics.recognise.quantities.table import UnitRule, quantity_table

_HAN = regex.compile(r"\p{Han}")
_ONE = frozenset("一壹1")
_COUNTABLE = frozenset({"number.arabic", "number.chinese"})  # fractions and percentages take no counter

Groups = dict[str, Any]


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class _Number:
    """The numeric core of one match, before the unit is applied."""

    value: float
    kind: QuantityKind
    rule: str
    multiplied: bool
    chinese: bool
    approx: Approx | None = None  # an approximator inside the numeral (十余万)
    unit: str | None = None


@cache
def _approx_groups() -> tuple[tuple[str, dict[str, Approx]], ...]:
    table = quantity_table()
    return (
        ("pre", table.approx_prefix),
        ("mid", table.approx_middle),
        ("suf", table.approx_middle),
        ("post", table.approx_suffix),
    )


def _approx(g: Groups, with_post: bool) -> Approx | None:
    groups = _approx_groups()
    for group, mapping in groups if with_post else groups[:3]:
        word = g[group]
        if word:
            return mapping[word]
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


def _percent(g: Groups) -> _Number:
    pct = g["pct"]
    value = numeral_value(pct) * (1000 if g["kilo"] else 1)
    return _Number(value, "percent", "percent.baifenzhi", False, not pct[0].isdigit(), unit="%")


def _fraction(g: Groups) -> _Number | None:
    """X分之Y: a fraction; 千分之/万分之 (a power of ten) read as a percentage, like 百分之, unless
    the denominator says 一 (一千分之一 is 0.001)."""
    den_text = g["den"].strip()
    den, num = numeral_value(den_text), numeral_value(g["frac"])
    if den == 0:
        return None
    chinese = not g["frac"][0].isdigit()
    if g["fneg"]:
        num = -num
    whole = g["whole"]
    if den >= 100 and math.log10(den).is_integer() and den_text[0] not in _ONE and not whole:
        return _Number(num / den * 100, "percent", "percent.fraction", False, chinese, unit="%")
    value = (numeral_value(whole) if whole else 0.0) + num / den
    return _Number(value, "number", "number.fraction", False, chinese)


def _slash(g: Groups) -> _Number | None:
    """3/5, 1 3/5: a written fraction."""
    den = numeral_value(g["sden"])
    if den == 0:
        return None
    whole = numeral_value(g["swhole"]) if g["swhole"] else 0.0
    return _Number(whole + numeral_value(g["snum"]) / den, "number", "number.fraction", False, False)


def _arabic(g: Groups) -> _Number:
    """1.5万, 3万4000, 2e5, 2^5, 40k."""
    mult, tail = g["mult"] or "", g["tail"] or ""
    value = numeral_value(g["ar"] + mult + tail)
    if g["exp"]:
        value *= 10.0 ** int(g["exp"])
    elif g["pow"]:
        sign = -1 if g["pow"].count("-") % 2 else 1
        value = value ** (sign * int(g["pow"].lstrip("+-")))
    if g["kilo"]:
        value *= 1000
    return _Number(value, "number", "number.arabic", bool(mult), False)


def _chinese(g: Groups) -> _Number:
    zh, zmult = g["zh"], g["zmult"] or ""
    value = numeral_value(zh) * (numeral_value(zmult) if zmult else 1.0)
    approx: Approx | None = "more_than" if g["zmid"] else None
    return _Number(value, "number", "number.chinese", any(c in zh + zmult for c in "万亿兆"), True, approx)


def _number(g: Groups) -> _Number | None:
    if g["pct"] is not None:
        return _percent(g)
    if g["den"] is not None:
        return _fraction(g)
    if g["snum"] is not None:
        return _slash(g)
    if g["ar"] is not None:
        return _arabic(g)
    return _chinese(g)


@cache
def _less_than_posts() -> frozenset[str]:
    """之内/以内/以下 (the table's less-than suffixes)."""
    return frozenset(w for w, approx in quantity_table().approx_suffix.items() if approx == "less_than")


def _end_and_post(m: regex.Match[str], g: Groups, rule: UnitRule | None) -> tuple[int, str | None]:
    """内/以内 only bound durations; elsewhere the word belongs to the sentence."""
    post = g["post"]
    if post and (rule is None or (post in _less_than_posts() and rule.kind != "duration")):
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
    return value, rule.unit, rule.kind, f"{rule.kind}.{rule.unit}"


@cache
def _group_names() -> tuple[str, ...]:
    """Group names in group-number order (every group of the grammar is named)."""
    pattern = quantity_pattern()
    names = [""] * pattern.groups
    for name, number in pattern.groupindex.items():
        names[number - 1] = name
    return tuple(names)


def _from_quantity(m: regex.Match[str]) -> Candidate | None:
    # zip with m.groups() is ~6x cheaper than m.groupdict() on this pattern (duplicate group names)
    g = dict(zip(_group_names(), m.groups(), strict=True))
    n = _number(g)
    if n is None:
        return None
    rule = quantity_table().unit_by_surface[g["unit"]] if g["unit"] else None
    end, post = _end_and_post(m, g, rule)
    reading = _with_unit(n, rule)
    if reading is None:
        return None
    value, unit, kind, name = reading
    if g["ctail"]:  # 七成六 is 76%, 三成半 35%
        value += 5.0 if g["ctail"].strip() == "半" else numeral_value(g["ctail"])
    if g["neg"]:
        value = -value
    approx = _approx(g, with_post=post is not None) or n.approx
    start = m.start()
    num_start = m.end("pre") if g["pre"] else start
    return Candidate(start, end, num_start, value, unit, approx, kind, name, n.multiplied, n.chinese)


def _noise(text: str, c: Candidate) -> bool:
    """A lone Chinese digit inside a word (一体化, 十堰, 三甲) is a word, not a number; so is a bare
    百/千/万 without an approximator (千家万户, 万名警察)."""
    nxt_num = text[c.num_start + 1] if c.num_start + 1 < len(text) else ""
    if (
        c.chinese
        and c.kind != "percent"
        and text[c.num_start] in "百千万亿"
        and nxt_num not in ZH_NUM
        and nxt_num not in "余多"
        and c.num_start == c.start
    ):
        return True
    if not c.chinese or c.unit is not None or c.approx is not None or c.kind != "number":
        return False
    if c.end - c.start > 1:
        return False
    nxt = text[c.end] if c.end < len(text) else ""
    return bool(nxt) and _HAN.match(nxt) is not None and nxt not in "是和或与到至比这那而却"


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
            if m.lastgroup == "mask":
                continue
            cand = _read(m, unreadable)
            if cand is not None and cand.end > cand.start and not _noise(text, cand):
                out.append(cand)
    return out
