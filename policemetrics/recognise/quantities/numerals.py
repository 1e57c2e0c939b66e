"""Turns the digits of a number expression into a float: Arabic, Chinese (via cn2an) and mixed forms."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

MULTIPLIERS = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1e4, "亿": 1e8, "萬": 1e4, "億": 1e8}
ZH_DIGITS = "零〇一二两俩三四五六七八九壹贰叁肆伍陆柒捌玖"
ZH_UNITS = "十百千万亿拾佰仟萬億"


class NumeralError(ValueError):
    """The digits could not be read as a number."""


@cache
def _cn2an() -> Any:
    import cn2an  # imported on first use: it costs ~0.15 s

    return cn2an


def arabic_value(digits: str) -> float:
    cleaned = digits.replace(",", "").replace(" ", "")
    try:
        return float(cleaned)
    except ValueError as exc:
        raise NumeralError(digits) from exc


def multiplier_value(mult: str) -> float:
    value = 1.0
    for ch in mult:
        value *= MULTIPLIERS[ch]
    return value


@lru_cache(maxsize=4096)
def chinese_value(numeral: str) -> float:
    """Chinese numeral (possibly with 点 decimals) -> float; bare 百/千/万 mean one of them."""
    text = numeral.replace("點", "点").replace("俩", "两")
    if text and text[0] in ZH_UNITS and text[0] not in "十拾":
        text = "一" + text
    if "〇" in text and not any(u in text for u in ZH_UNITS):
        # digit-by-digit form such as 二〇一九
        table = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
        table["零"] = "0"
        try:
            return float("".join(table[c] for c in text))
        except KeyError as exc:
            raise NumeralError(numeral) from exc
    try:
        value = _cn2an().cn2an(text, "normal")
    except (ValueError, KeyError, IndexError) as exc:
        raise NumeralError(numeral) from exc
    return float(value)


def mixed_value(head: str, mult: str, tail: str) -> float:
    """``3万4000`` / ``25万6千`` / ``1.5万``: head x multiplier, plus a tail in the next lower unit."""
    if tail and any(ch in MULTIPLIERS for ch in tail):
        try:  # 5亿1万4千6百: cn2an's smart mode reads digit-and-unit chains
            return float(_cn2an().cn2an(head + mult + tail, "smart"))
        except (ValueError, KeyError, IndexError) as exc:
            raise NumeralError(head + mult + tail) from exc
    if not mult:
        return arabic_value(head) + (arabic_value(tail) if tail else 0.0)
    # decimal arithmetic: 2.3亿 is 230000000, not 229999999.99999997
    try:
        exact = Decimal(head.replace(",", "").replace(" ", "")) * Decimal(int(multiplier_value(mult)))
    except InvalidOperation as exc:
        raise NumeralError(head) from exc
    return float(exact + (Decimal(tail) if tail else 0))
