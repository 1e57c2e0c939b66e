"""The metric rule table (``data/metrics.json``), validated and compiled once."""

from __future__ import annotations

from functools import cache, cached_property

import regex

from policemetrics.models import Direction
from policemetrics.resources import RuleTable, load_table
from policemetrics.resources import alternation as _alt


class MetricTable(RuleTable):
    change_verbs: dict[str, Direction]
    rate_words: dict[str, Direction]
    rank_verbs: list[str]
    to_verbs: dict[str, Direction]
    bridge_words: list[str]
    level_verbs: list[str]
    strip_prefix: list[str]
    scope_words: list[str]
    list_separators: str

    @cached_property
    def change_tail(self) -> regex.Pattern[str]:
        """Comparison words and a change verb right before the number: 同比2019年分别上升 / 提升."""
        bridge = rf"(?:{_alt(self.bridge_words)}|\d{{4}}年(?:同期)?)"
        # REVERSE: matched from the end of the text, so an end-anchored search fails fast everywhere else
        return regex.compile(
            rf"(?P<bridge>{bridge}){{0,6}}(?P<verb>{_alt(self.change_verbs)})(?:了)?{bridge}{{0,2}}$", regex.REVERSE
        )

    @cached_property
    def rate_word(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{_alt(self.rate_words)})$")

    @cached_property
    def to_verb(self) -> regex.Pattern[str]:
        return regex.compile(_alt(self.to_verbs))

    @cached_property
    def level_tail(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{_alt(self.bridge_words)})?(?:{_alt(self.level_verbs)})(?:了)?$", regex.REVERSE)

    @cached_property
    def compare(self) -> regex.Pattern[str]:
        """同比 (year on year) or a comparison with a named year: 同比2019年 / 相比2020年 / 较2021年."""
        return regex.compile(
            r"(?P<yoy>同比|较去年|比去年|较上年|比上年|与去年同期|与上年同期|和去年同期|同去年同期)(?:(?P<year>\d{4})年)?|(?:相比|较|比|对比)(?P<year2>\d{4})年"
        )

    @cached_property
    def leading_noise(self) -> regex.Pattern[str]:
        return regex.compile(rf"^(?:{_alt(self.strip_prefix)})+")

    @cached_property
    def scope(self) -> regex.Pattern[str]:
        return regex.compile(rf"^(?:{_alt(self.scope_words)})")


@cache
def metric_table() -> MetricTable:
    return load_table("metrics.json", MetricTable)
