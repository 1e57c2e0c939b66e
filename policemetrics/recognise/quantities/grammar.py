"""The number-expression grammar, composed from the rule table into one linear-time pattern.

Dates are not this grammar's business: the scanner runs it only between the mentions of the date
grammar (:mod:`policemetrics.recognise.dates`). Alternatives are tried in order at each position:
first the masks of the table (digits that are neither dates nor quantities: phone numbers, codes,
clock times, programme names such as 1+4+N), which are consumed so their digits never become
quantities; then ordinals; then quantities proper. Spaces inside a numeral (十 余 万, 7万 5千) are
allowed, at most two at a time.
"""

from __future__ import annotations

from functools import cache

import regex

from policemetrics.recognise.quantities.table import QuantityTable, quantity_table
from policemetrics.resources import alternation as _alt

ZH_NUM = "零〇○一二两俩三四五六七八九十百千万亿兆壹贰叁肆伍陆柒捌玖拾佰仟"  # ○ (U+25CB): zero in many HK/TW texts
_ZH_START = ZH_NUM.replace("兆", "")
_ZH_DIGITS = "零〇○一二两三四五六七八九壹贰叁肆伍陆柒捌玖"
_SP = r"\x20{0,2}"
_MULT = "十百千万亿兆"
_HAN = r"\p{Han}"
# 十一.三亿, 四十三.一件 (Taiwan): a dot for 点 only when 万/亿 or a counter follows the decimals, so 十一.三大举措 (a
# numbered heading) is no number
_DOT_DECIMALS = r"\.[{digits}]{{1,3}}(?=[万亿]|{counters})"


def _chinese(chars: str, start: str, most: int, guard: str = "", counters: str = "(?!)") -> str:
    """A run of Chinese numerals (spaces allowed between them), with 点 decimals (or a dot before 万/亿 or one of
    ``counters``); ``guard`` follows each numeral."""
    run = rf"[{start}]{guard}(?:{_SP}[{chars}]{guard}){{0,{most}}}"
    decimals = rf"{_SP}点{_SP}[{_ZH_DIGITS}](?:{_SP}[{_ZH_DIGITS}]){{0,7}}"
    dot = _DOT_DECIMALS.format(digits=_ZH_DIGITS, counters=counters)
    return rf"{run}(?:(?:{decimals}|{dot})(?:{_SP}[万亿]{{1,2}})?)?"  # 三点五万, 十一.三亿


_ARABIC = (
    r"\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,8})?(?!\d)"  # 12,345.5
    r"|\d{1,3}(?:[ ]\d{3}){1,6}(?![\d.])"  # 54 321
    r"|\d{1,15}(?:(?<!\d\.\d{1,15})\.\d{1,8}+(?!\.\d))?"  # 2222.2222.22 is three numbers
    r"|(?<![\d.])\.\d{1,8}"  # .5
)
_SCIENTIFIC = r"(?:[eE](?P<exp>[+-]?\d{1,3})(?![A-Za-z0-9])|\^(?P<pow>[+-]{0,2}\d{1,3})(?![\d.]))"
_KILO = r"(?:\x20?(?P<kilo>[kK])(?![A-Za-z0-9_]))"


def _tail(units: str) -> str:
    """One step after a multiplier: 3万4000, 7万5千4百, 1千零1, 2亿1,324万2,520 (thousands grouped, as in HK)."""
    digits = r"(?:\d,\d{3}(?![\d,])|\d{1,4})"
    return rf"(?:{_SP}零?{digits}{_SP}[{units}]|零?{digits}(?![\d.]))"


def _masks(table: QuantityTable, units: str) -> str:
    return "|".join(m.pattern.replace("{units}", f"(?:{units}|[万亿余多])") for m in table.masks)


def _units(table: QuantityTable) -> str:
    """Longest first, so that 个百分点 wins over 个; a unit may carry a guard on what follows."""
    ordered = sorted(table.units, key=lambda u: len(u.surface), reverse=True)
    return "|".join(u.pattern for u in ordered)


def _quantity(table: QuantityTable) -> str:
    units = _units(table)
    count_units = _alt([u.surface for u in table.units if u.kind == "count"])
    prefix = _alt(list(table.approx_prefix))
    middle = _alt(list(table.approx_middle))
    suffix = _alt(list(table.approx_suffix))
    # 10千克 is 10 kilograms: a multiplier that starts a unit (千克, 千米, 百分点) is left to the unit
    unit_rest = _alt([u.surface[1:] for u in table.units if u.surface[0] in _MULT and len(u.surface) > 1])
    chinese = _chinese(ZH_NUM, _ZH_START, 29, counters=f"(?:{count_units})")
    pct_chars = "零〇一二两三四五六七八九十百千万"
    pct_zh = _chinese(pct_chars, pct_chars, 15, guard="(?!分)")  # 百分之七十百分位: 70
    short = _chinese(ZH_NUM, ZH_NUM.replace("零", ""), 7)
    half = r"半(?:百(?!\p{Han})|(?=成))"  # 半百 is 50, 半成 5%
    # 七成六 is 76% when the digit ends the figure: before 的, an approximator or no word (not 三成五年)
    numer = rf"\d{{1,8}}(?:\.\d{{1,8}})?|{chinese}"
    return rf"""
        (?P<pre>{prefix})?
        (?P<neg>负|(?<![\w.])-(?=\.?\d))?
        (?:
            百{_SP}分{_SP}之{_SP}(?:(?P<pct>\d{{1,3}}(?:,\d{{3}}){{1,4}}(?:\.\d{{1,8}})?|\d{{1,6}}(?:\.\d{{1,8}})?){_KILO}?|(?P<pct>{pct_zh}))
          | (?:(?P<whole>\d{{1,8}}|{chinese}){_SP}又{_SP})?
            (?P<den>\d{{1,8}}|{short}){_SP}分{_SP}之{_SP}(?P<fneg>负)?(?P<frac>{numer})
          | (?:(?P<swhole>\d{{1,3}})\x20)?(?<![\d/.])(?P<snum>\d{{1,3}})/(?P<sden>\d{{1,3}})(?![\d/.])
          | (?P<ar>{_ARABIC}){_SCIENTIFIC}?{_KILO}?
            (?:{_SP}(?P<mid>{middle}))?
            (?:{_SP}(?P<mult>[{_MULT}]{{1,2}})(?!{unit_rest}))?
            (?P<tail>(?<=[万亿千兆]){_tail("万千百十")}{_tail("千百十")}{{0,3}})?
          | (?P<halfshare>半数)
          | (?P<zh>{chinese}|{half})(?:{_SP}(?P<zmid>{middle}|几){_SP}(?P<zmult>[万亿兆]{{1,2}}))?
        )
        (?P<suf>{middle})?
        (?P<big>大(?=(?:{count_units})))?
        (?:(?P<unit>{units})(?P<ctail>(?<=成){_SP}[一二三四五六七八九半](?!\d|(?!的|{suffix}){_HAN}))?|\x20{{1,2}}(?P<unit>[成折])(?![\p{{Han}}\d]))?
        (?P<post>{suffix})?
    """


@cache
def quantity_pattern() -> regex.Pattern[str]:
    table: QuantityTable = quantity_table()
    units = _alt([u.surface for u in table.units])
    pattern = rf"""
    (?P<mask>{_masks(table, units)})
    | (?P<ordinal>第(?P<ordnum>\d{{1,4}}|[一二三四五六七八九十百两]{{1,4}})(?P<ordunit>年|名|位)?|首位)
    | (?P<q>{_quantity(table)})
    """
    # Every alternative starts with a digit, a numeral, a letter, a dot or an approximator's first
    # character: checking that first lets the scan skip ordinary text quickly.
    starters = (
        set(ZH_NUM) | {"第", "首", "负", "-", ".", "半"} | {w[0] for w in (*table.approx_prefix, *table.approx_middle)}
    )
    first = "".join(sorted(regex.escape(c) for c in starters))
    return regex.compile(rf"(?=[\dA-Za-z{first}])(?:{pattern})", regex.VERBOSE | regex.V1)
