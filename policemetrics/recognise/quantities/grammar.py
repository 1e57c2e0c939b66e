"""The number-expression grammar, composed from the rule table into one linear-time pattern.

Alternatives are tried in order at each position: first things that only LOOK like numbers
(dates, clock times, phone numbers, codes, programme names such as 1+4+N), which are consumed so
their digits never become quantities; then ordinals; then quantities proper.
"""

from __future__ import annotations

from functools import cache

import regex

from policemetrics.recognise.quantities.table import QuantityTable, quantity_table
from policemetrics.resources import alternation as _alt

ZH_NUM = "零〇一二两俩三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_ZH_YEAR_DIGITS = "〇零一二三四五六七八九"

# Not quantities. Bounded repetitions only, so the scan stays linear on adversarial input.
_MASKS = [
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]{1,2}\d{1,2}:\d{2}(?::\d{2})?)?",  # 2022-02-16 08:57:00
    r"\d{1,2}:\d{2}(?::\d{2})?",  # clock time
    rf"(?:\d{{4}}|[{_ZH_YEAR_DIGITS}]{{4}})年(?:[0-9一二三四五六七八九十]{{1,3}}月(?:[0-9一二三四五六七八九十]{{1,3}}[日号])?)?",
    r"[0-9一二三四五六七八九十]{1,3}月[0-9一二三四五六七八九十]{1,3}[日号](?:[0-9一二三四五六七八九十]{1,3}[时点](?:[0-9]{1,2}分)?)?",
    r"\d{1,2}月(?=份|上旬|中旬|下旬|初|底|末|中|以来|起)",
    r"\d{1,2}[时点](?:\d{1,2}分|许|左右)?(?=\P{Han}|许|左右|前|后|至|到)",
    rf"(?:[{ZH_NUM}]{{1,3}}|\d{{1,2}})年(?:来|以来|间)",  # 五年来: a period, not a count
    r"\d{3,4}-\d{7,8}(?:/\d{1,4}){0,4}",  # landline
    r"(?<!\d)1[3-9]\d{9}(?!\d)(?!{units})",  # mobile (unless a counter follows)
    r"[A-Za-z]{1,10}[-]?\d[\w-]{0,30}",  # codes: G5517, B2-20201704, hnzs2020
    r"\d{1,10}[A-Za-z][\w-]{0,30}",  # 5G, 3D
    r"[\dA-Za-z]{1,6}(?:[+＋][\dA-Za-z]{1,6}){1,8}",  # programme names: 1+4+N, 3+N
    r"\d{1,2}[·•?]\d{1,2}",  # case names: 7·25, 3·31
]


@cache
def quantity_pattern() -> regex.Pattern[str]:
    table: QuantityTable = quantity_table()
    units = _alt([u.surface for u in table.units])
    count_units = _alt([u.surface for u in table.units if u.kind == "count"])
    prefix = _alt(list(table.approx_prefix))
    middle = _alt(list(table.approx_middle))
    suffix = _alt(list(table.approx_suffix))
    arabic = r"\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,8})?(?!\d)|\d{1,3}(?:[ ]\d{3}){1,6}(?![\d.])|\d{1,15}(?:\.\d{1,8})?"
    chinese = rf"[{ZH_NUM}]{{1,30}}(?:点[零〇一二三四五六七八九]{{1,8}})?"
    pattern = rf"""
    (?P<mask>{"|".join(_MASKS).replace("{units}", f"(?:{units}|[万亿余多])")})
    | (?P<ordinal>第(?P<ordnum>\d{{1,4}}|[一二三四五六七八九十百两]{{1,4}})(?P<ordunit>年|名|位)?|首位)
    | (?P<q>
        (?P<pre>{prefix})?
        (?P<neg>负|(?<![\w.])-(?=\d))?
        (?:
            百分之(?P<pct>\d{{1,3}}(?:,\d{{3}}){{1,4}}(?:\.\d{{1,8}})?|\d{{1,6}}(?:\.\d{{1,8}})?|[零〇一二两三四五六七八九十百千点]{{1,10}})
          | (?P<den>\d{{1,8}}|[{ZH_NUM}]{{1,6}})分之(?P<frac>\d{{1,8}}(?:\.\d{{1,8}})?|{chinese})
          | (?P<ar>{arabic})(?P<mid>{middle})?
            (?P<mult>[十百千万亿]{{1,2}})?
            (?P<tail>(?<=[万亿千])(?:\d{{1,4}}[万千百十]?){{1,4}}(?!\d))?
          | (?P<zh>{chinese})(?:(?P<zmid>{middle}|几)(?P<zmult>[万亿]{{1,2}}))?
        )
        (?P<suf>{middle})?
        (?P<big>大(?=(?:{count_units})))?
        (?P<unit>{units})?
        (?P<post>{suffix})?
      )
    """
    # Every alternative starts with a digit, a numeral, a letter or an approximator's first character:
    # checking that first lets the scan skip ordinary text quickly.
    starters = set(ZH_NUM) | {"第", "首", "负", "-"} | {w[0] for w in (*table.approx_prefix, *table.approx_middle)}
    first = "".join(sorted(regex.escape(c) for c in starters))
    return regex.compile(rf"(?=[\dA-Za-z{first}])(?:{pattern})", regex.VERBOSE | regex.V1)
