"""Turns the digits of a number expression into a float: Arabic, Chinese and mixed forms.

One reader for every form (``1.5万``, ``三千余``, ``五兆六十二亿``, ``四万万``, ``2千零30万``, ``二〇一九``,
``八千三百二十六点三三``); spaces inside the expression are ignored. Arithmetic is decimal so that
``2.3亿`` is 230000000, not 229999999.99999997.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
_DIGIT = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "俩": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_ARABIC = frozenset("0123456789.")
_ZERO = frozenset("零〇○")
_CHINESE_DOT = re.compile(r"(?<=[^0-9.])\.")
_LARGEST = Decimal(10) ** 16  # 四万万万亿亿 is not a statistic: larger readings are refused


class NumeralError(ValueError):
    """The digits could not be read as a number."""


def arabic_value(digits: str) -> float:
    cleaned = digits.replace(",", "").replace(" ", "")
    try:
        return float(cleaned)
    except ValueError as exc:
        raise NumeralError(digits) from exc


class _Reader:
    """Left-to-right state of one numeral: ``total`` (finished big-unit groups), ``section`` (the
    group being built below 万), ``number`` (the last digits read, not yet given a unit)."""

    __slots__ = ("big", "number", "section", "single", "total", "unit", "zero")

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.section = Decimal(0)
        self.number: Decimal | None = None
        self.single = False  # ``number`` is one Chinese digit (四万五 means 45000)
        self.unit = 0  # the unit read just before ``number`` (0: none, or a 零 came between)
        self.big = 0  # the last big unit applied to ``total``
        self.zero = False

    def digits(self, value: Decimal, single: bool) -> None:
        if self.number is not None:
            raise NumeralError("two numbers in a row")
        self.number, self.single = value, single
        if self.zero:
            self.unit = 0

    def small(self, unit: int) -> None:
        self.section += (self.number if self.number is not None else 1) * unit
        self.number, self.unit, self.zero = None, unit, False

    def large(self, unit: int) -> None:
        group = self.section + (self.number or 0)
        if group == 0 and self.total == 0:
            group = Decimal(1)  # a bare 万 (万分之三) is one of them
        if self.big and (unit > self.big or group == 0):
            self.total = (self.total + group) * unit  # 五万三千亿, 四万万: the unit scales all before it
        else:
            self.total += group * unit
        self.section, self.number, self.unit, self.big, self.zero = Decimal(0), None, unit, unit, False

    def value(self) -> Decimal:
        number = self.number or Decimal(0)
        if self.single and self.unit >= 100 and not self.zero:
            number = number * self.unit / 10  # colloquial: 一百五 is 150, 四万五 is 45000
        return self.total + self.section + number


def _run(text: str, i: int) -> tuple[Decimal, int, bool]:
    """Arabic digits, or a run of Chinese digits (read digit by digit: 二〇一九, 九九) from ``i``."""
    j = i
    if text[i] in _ARABIC:
        while j < len(text) and text[j] in _ARABIC:
            j += 1
        try:
            return Decimal(text[i:j]), j, False
        except InvalidOperation as exc:
            raise NumeralError(text) from exc
    digits = []
    while j < len(text) and text[j] in _DIGIT:
        digits.append(_DIGIT[text[j]])
        j += 1
    if len(digits) > 1 and digits[0] == 0 and len(set(digits)) == 1:
        return Decimal(0), j, False
    return Decimal("".join(map(str, digits))), j, len(digits) == 1


def _decimals(text: str) -> Decimal:
    """What follows 点: Chinese or Arabic digits, read one by one."""
    out = []
    for ch in text:
        if ch in _DIGIT:
            out.append(str(_DIGIT[ch]))
        elif ch.isdigit() and ch.isascii():
            out.append(ch)
        else:
            raise NumeralError(text)
    if not out:
        raise NumeralError(text)
    return Decimal("0." + "".join(out))


@lru_cache(maxsize=8192)
def numeral_value(numeral: str) -> float:
    """Any numeral of this grammar (Arabic, Chinese or both, with units, 零 and 点) -> float."""
    # 十一.三亿 (Taiwan): a dot after Chinese numerals is their decimal point
    text = _CHINESE_DOT.sub("点", numeral.replace(" ", "").replace(",", "").replace("點", "点"))
    if not text:
        raise NumeralError(numeral)
    reader = _Reader()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _ZERO and _empty_place(text, i):
            reader.zero = True
            i += 1
        elif ch == "半":  # 半百, 半成
            reader.digits(Decimal("0.5"), False)
            i += 1
        elif ch in _ARABIC or ch in _DIGIT:
            start = i
            value, i, single = _run(text, i)
            if start and ch in _DIGIT and i - start > 1 and (i == len(text) or text[i] not in _BIG):
                raise NumeralError(numeral)  # 十四五 is a plan's name; 一亿七二四四万 is read digit by digit
            reader.digits(value, single)
        elif ch in _SMALL:
            reader.small(_SMALL[ch])
            i += 1
        elif ch in _BIG:
            reader.large(_BIG[ch])
            i += 1
        elif ch == "点":
            return _checked(_decimal_value(reader.value(), text[i + 1 :]), numeral)
        else:
            raise NumeralError(numeral)
    return _checked(reader.value(), numeral)


def _decimal_value(whole: Decimal, rest: str) -> Decimal:
    """``whole`` + the decimals in ``rest``, times the 万/亿 that close it (三点五万 is 35000)."""
    scale = Decimal(1)
    while rest and rest[-1] in _BIG:
        scale *= _BIG[rest[-1]]
        rest = rest[:-1]
    return (whole + _decimals(rest)) * scale


def _empty_place(text: str, i: int) -> bool:
    """零 (or 〇/○ right after a unit) leaves a place empty: 一千零一, 零点五, 一千〇八十二; a lone 零 is no place,
    and 〇 after a digit is positional (二〇一九)."""
    if not (i or i + 1 < len(text)):
        return False
    return text[i] == "零" or (i > 0 and (text[i - 1] in _SMALL or text[i - 1] in _BIG))


def _checked(value: Decimal, numeral: str) -> float:
    if abs(value) >= _LARGEST:
        raise NumeralError(numeral)
    return float(value)


def chinese_value(numeral: str) -> float:
    """Chinese numeral (possibly with 点 decimals) -> float; bare 百/千/万 mean one of them."""
    return numeral_value(numeral)
