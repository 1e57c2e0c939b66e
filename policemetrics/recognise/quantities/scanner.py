"""Finds number expressions in normalised text and parses their values.

Returns :class:`Candidate` objects in NORMALISED coordinates; the public
:func:`policemetrics.recognise.quantities.find_quantities` maps them back to the original text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import regex

from policemetrics.models import Approx, QuantityKind
from policemetrics.recognise.quantities.grammar import ZH_NUM, quantity_pattern
from policemetrics.recognise.quantities.numerals import (
    NumeralError,
    arabic_value,
    chinese_value,
    mixed_value,
    multiplier_value,
)
from policemetrics.recognise.quantities.table import quantity_table

_HAN = regex.compile(r"\p{Han}")
_LESS_THAN_POSTS = frozenset({"之内", "以内", "内", "以下"})


@dataclass(frozen=True)
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


def _approx(g: dict[str, str | None], with_post: bool) -> Approx | None:
    table = quantity_table()
    groups = (
        ("pre", table.approx_prefix),
        ("mid", table.approx_middle),
        ("suf", table.approx_middle),
        ("post", table.approx_suffix),
    )
    for group, mapping in groups if with_post else groups[:3]:
        word = g[group]
        if word:
            return mapping[word]
    return None


def _from_ordinal(m: regex.Match[str]) -> Candidate | None:
    if m.group() == "首位":
        return Candidate(m.start(), m.end(), m.start(), 1.0, None, None, "ordinal", "ordinal.first_place", False, True)
    digits = m.group("ordnum")
    value = arabic_value(digits) if digits[0].isdigit() else chinese_value(digits)
    unit = m.group("ordunit")
    end = m.end() if unit else m.end("ordnum")
    return Candidate(
        m.start(), end, m.start("ordnum"), value, unit, None, "ordinal", "ordinal.di", False, not digits[0].isdigit()
    )


def _from_quantity(m: regex.Match[str]) -> Candidate | None:
    table = quantity_table()
    g = m.groupdict()  # one call instead of a dozen m.group() calls: this runs for every number
    unit_surface = g["unit"]
    rule = table.unit_by_surface[unit_surface] if unit_surface else None
    end = m.end()
    post = g["post"]
    if post and (rule is None or (post in _LESS_THAN_POSTS and rule.kind != "duration")):
        end = m.start("post")  # 内/以内 only bound durations; elsewhere the word belongs to the sentence
        post = None
    pre = g["pre"]
    start = m.start()
    num_start = m.start("pre") + len(pre) if pre else start
    approx = _approx(g, with_post=post is not None)
    multiplied = bool(g["mult"])
    chinese = False
    if g["pct"] is not None:
        pct = g["pct"]
        value = _number(pct)
        return Candidate(
            start, end, num_start, value, "%", approx, "percent", "percent.baifenzhi", False, not pct[0].isdigit()
        )
    if g["den"] is not None:
        return _fraction(m, start, end, num_start, approx)
    if g["ar"] is not None:
        value = mixed_value(g["ar"], g["mult"] or "", g["tail"] or "")
    else:
        zh = g["zh"]
        chinese = True
        zmult = g["zmult"] or ""
        multiplied = any(c in zh + zmult for c in "万亿")
        value = chinese_value(zh) * (multiplier_value(zmult) if zmult else 1.0)
        if g["zmid"]:
            approx = approx or "more_than"
    if g["neg"]:
        value = -value
    if rule is None:
        return Candidate(
            start,
            end,
            num_start,
            value,
            None,
            approx,
            "number",
            "number.chinese" if chinese else "number.arabic",
            multiplied,
            chinese,
        )
    if rule.max_value is not None and value > rule.max_value:
        return None
    if rule.scale_below is None or value < rule.scale_below:
        value *= rule.factor
    return Candidate(
        start, end, num_start, value, rule.unit, approx, rule.kind, f"{rule.kind}.{rule.unit}", multiplied, chinese
    )


def _number(digits: str) -> float:
    return arabic_value(digits) if digits[0].isdigit() else chinese_value(digits)


def _fraction(m: regex.Match[str], start: int, end: int, num_start: int, approx: Approx | None) -> Candidate | None:
    """X分之Y: a fraction; 千分之/万分之 (a power of ten) read as a percentage, like 百分之."""
    den, num = _number(m.group("den")), _number(m.group("frac"))
    if den == 0:
        return None
    chinese = not m.group("frac")[0].isdigit()
    if den >= 100 and math.log10(den).is_integer():
        return Candidate(
            start, end, num_start, num / den * 100, "%", approx, "percent", "percent.fraction", False, chinese
        )
    return Candidate(start, end, num_start, num / den, None, approx, "number", "number.fraction", False, chinese)


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
    return bool(nxt) and _HAN.match(nxt) is not None and nxt not in "是和或与到至比"


@dataclass(frozen=True)
class Unreadable:
    """A number expression with a unit or approximator whose digits could not be read (四万万亿亿)."""

    start: int
    end: int
    reason: str


def scan(text: str, unreadable: list[Unreadable] | None = None) -> list[Candidate]:
    """All number expressions in normalised ``text``, left to right, non-overlapping. Expressions that
    look like statistics but cannot be read are appended to ``unreadable`` when it is given."""
    out: list[Candidate] = []
    for m in quantity_pattern().finditer(text):
        kind = m.lastgroup  # the outermost alternative that matched: mask, ordinal or q
        if kind == "mask":
            continue
        try:
            if kind == "ordinal":
                cand = _from_ordinal(m)
            elif kind == "q":
                cand = _from_quantity(m)
            else:  # pragma: no cover - every alternative is named
                raise AssertionError(kind)
        except NumeralError as exc:
            if unreadable is not None and (m.group("unit") or m.group("pre") or m.group("suf")):
                unreadable.append(Unreadable(m.start(), m.end(), f"cannot read the number {exc.args[0]!r}"))
            continue
        if cand is not None and cand.end > cand.start and not _noise(text, cand):
            out.append(cand)
    return out
