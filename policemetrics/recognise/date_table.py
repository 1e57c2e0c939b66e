"""The date vocabulary (``data/dates.json``): the words the date grammar is generated from."""

from __future__ import annotations

from functools import cache, cached_property
from typing import Literal

from pydantic import model_validator

from policemetrics.resources import RuleTable, load_table

_Digits = Literal[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]


class DateVocabulary(RuleTable):
    """Each ``*_not_after`` / ``*_not_before`` entry is a string of characters that must not come
    before / after the word (年前年后 is no 前年, 初步 no 年初)."""

    cn_digits: dict[str, _Digits]  # Chinese digits, also read one by one in years such as 二〇一九
    rel_years: dict[str, int]  # 去年 -> -1: offset from the publication year
    rel_year_not_after: dict[str, str]
    rel_months: dict[str, int]  # 上月 -> -1: offset from the publication month
    rel_month_not_after: dict[str, str]
    parts_of_day: dict[str, tuple[int, int] | None]  # clock hours in this range move to the afternoon (+12)
    pod_not_before: str  # after a one-character part of the day (晚会, 早已, 夜市)
    not_before_bare_year_part: str  # before a bare 年初/年底/上半年 (17年底, 每年初, 全年)
    not_before_cn_numeral: str  # before a numeral starting a duration (十一年 is not 一年)
    halves: dict[str, Literal[1, 2]]  # 上半年 / 下半年
    year_parts: dict[str, str]  # 年初/年底/年末 and what must not follow them (初步, 底线)
    since_suffixes: list[str]
    since_prefixes: list[str]
    qi_not_before: str  # 起 is not a since-suffix in 起诉, 起草, 起步
    until_words: list[str]  # 截至 / 截止
    until_now: list[str]  # 截至目前
    next_year: list[str]  # 11月至次年1月: one year after the start
    range_separators: list[str]
    duration_prefixes: list[str]  # 近三年, 过去的五年
    near_not_after: str  # 接近, 将近 mean "nearly", not "the last"
    duration_suffixes: list[str]
    duration_vague: list[str]  # 近年来, 多年来: no count
    hour_not_before: str  # after 时/点 in a clock time (时间, 点赞)
    time_approx: list[str]  # 8时许
    duration_units: list[str]  # for find_durations

    @model_validator(mode="after")
    def _guards_name_known_words(self) -> DateVocabulary:
        for guards, words in ((self.rel_year_not_after, self.rel_years), (self.rel_month_not_after, self.rel_months)):
            unknown = set(guards) - set(words)
            if unknown:
                raise ValueError(f"guards for unknown words: {sorted(unknown)}")
        if any(lo > hi for span in self.parts_of_day.values() if span for lo, hi in [span]):
            raise ValueError("an hour range of parts_of_day is reversed")
        return self

    @cached_property
    def month_parts(self) -> dict[str, str]:
        return {"上旬": "", "中旬": "", "下旬": "", **self.year_parts}


@cache
def date_vocabulary() -> DateVocabulary:
    return load_table("dates.json", DateVocabulary)
