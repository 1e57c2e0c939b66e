"""The metric rule table (``data/metrics.json``), validated and compiled once."""

from __future__ import annotations

import re
from functools import cache, cached_property

import regex
from pydantic import model_validator

from policemetrics.models import Direction
from policemetrics.recognise.dates import ROC_YEAR
from policemetrics.resources import RuleTable, load_table
from policemetrics.resources import alternation as _alt


class StoryWords(RuleTable):
    """Signs that a figure belongs to a single story (role anecdote). Patterns without regex-only features
    compile with stdlib ``re``: faster on plain alternations, same matches."""

    person_words: list[str]  # one person (男子, 事主)
    window_words: list[str]  # before a duration that frames a feat (短短, 潜逃)
    extreme_words: list[str]  # the largest single case (最大一笔)
    aggregate_words: list[str]  # a sentence with these reports totals, not a story (共, 累计, 同比, 获悉)
    dated_words: list[str]  # regex pieces: an event of one day (3月5日, 当晚)

    @cached_property
    def person(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?<![\d一二三四五六七八九十百千万余多])\p{{Han}}某|{_alt(self.person_words)}")

    @cached_property
    def person_hint(self) -> re.Pattern[str]:
        """Every match of :attr:`person` holds 某 or a person word: a cheap test before the \\p{Han} scan."""
        return re.compile(f"某|{_alt(self.person_words)}")

    @cached_property
    def windows(self) -> tuple[str, ...]:
        return tuple(self.window_words)

    @cached_property
    def extreme(self) -> re.Pattern[str]:
        return re.compile(_alt(self.extreme_words))

    @cached_property
    def aggregate(self) -> re.Pattern[str]:
        return re.compile(_alt(self.aggregate_words))

    @cached_property
    def dated(self) -> re.Pattern[str]:
        return re.compile("|".join(self.dated_words))


class SchemeWords(RuleTable):
    """A small count of the parts of a plan or category scheme (16条措施, 八类案件) is no statistic."""

    counters: list[str]
    max_value: int
    nouns: list[str]  # plan parts that follow the count, within a few characters
    any_noun_after: list[str]  # counters that make a scheme whatever noun follows (八类…)

    @cached_property
    def counter_set(self) -> frozenset[str]:
        return frozenset(self.counters)


class MetricTable(RuleTable):
    change_verbs: dict[str, Direction]
    verb_not_after: dict[str, list[str]]  # 增 after 新 (新增) is no change: a single-character verb's blockers
    rate_words: dict[str, Direction]
    # heads a listed name shares with the names before it (盗窃、入室盗窃破案率 -> 盗窃破案率), longest first
    shared_heads: list[str]
    # 警情12.3万起，日均337起: an average named by nothing else is the average of the figure before it
    average_words: list[str]
    share_words: list[str]  # 警情80万起,占比27.6%: a share of the figure before it is named X占比
    distributive_words: list[str]  # 均, 都: each listed name has the value (命案、抢劫破案率均达98%)
    rate_endings: list[str]  # a bare number after a level verb is a level only after one of these (破案率为)
    rank_verbs: list[str]
    to_verbs: dict[str, Direction]
    bridge_words: list[str]
    level_verbs: list[str]
    strip_prefix: list[str]
    leading_time: list[str]  # time words that open an indicator phrase and are not part of it (regex pieces)
    trailing_noise: list[str]  # words that close an indicator phrase and are not part of it (regex pieces)
    scope_words: list[str]
    story: StoryWords
    scheme: SchemeWords
    after_stops: dict[str, list[str]]  # words that end the noun after a count, unless inside a word (参与, 涉及)
    after_stop_not_before: dict[str, list[str]]  # ... or starting one (与会, 及时, 等级)
    fixed_terms: list[str]  # words written with a numeral that are no number (十分 严峻, 三四轮车)
    record_words: list[str]  # 近20年最低: a span of years that frames a record is a figure of its own
    threshold_nouns: list[str]  # 死亡3人以上的事故: a count that defines a class of events is no statistic
    empty_indicators: list[str]  # words that alone never name a figure (至, 则有, 与)
    yoy_words: list[str]  # 同比, 按年 …: a year-on-year comparison
    compare_words: list[str]  # 相比, 较 …: a comparison with the year that follows
    value_separators: list[str]  # between the values of a list (a、b及c)
    counted_items: str  # X、Y两项指标: the items before a count word (regex with group 'items')

    @model_validator(mode="after")
    def _consistent(self) -> MetricTable:
        for verb in self.verb_not_after:
            if verb not in self.change_verbs:
                raise ValueError(f"verb_not_after names {verb!r}, which is not a change verb")
        for word in self.after_stop_not_before:
            if word not in self.after_stops:
                raise ValueError(f"after_stop_not_before names {word!r}, which is not in after_stops")
        regex.compile(self.counted_items)
        for piece in [*self.leading_time, *self.trailing_noise]:
            regex.compile(piece)
        return self

    def _verbs(self) -> str:
        parts = []
        for verb in sorted(self.change_verbs, key=len, reverse=True):
            blockers = self.verb_not_after.get(verb)
            guard = "".join(f"(?<!{regex.escape(b)})" for b in blockers) if blockers else ""
            parts.append(guard + regex.escape(verb))
        return "|".join(parts)

    @cached_property
    def change_tail(self) -> regex.Pattern[str]:
        """Comparison words and a change verb right before the number: 同比2019年分别上升 / 提升."""
        bridge = rf"(?:{_alt(self.bridge_words)}|\x20?(?:\d{{4}}|{ROC_YEAR})年(?:同期)?)"  # 较 113年同期: Taiwan
        # REVERSE: matched from the end of the text, so an end-anchored search fails fast everywhere else
        return regex.compile(
            rf"(?P<bridge>{bridge}){{0,6}}(?P<verb>{self._verbs()})(?:了)?{bridge}{{0,2}}$", regex.REVERSE
        )

    @cached_property
    def change_hint(self) -> re.Pattern[str]:
        """The last characters of the change verbs: a text without one has no :attr:`change_tail` match."""
        return re.compile(f"[{''.join(sorted({re.escape(v[-1]) for v in self.change_verbs}))}]")

    @cached_property
    def change_anywhere(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{_alt(self.bridge_words)})*(?:{self._verbs()})")

    @cached_property
    def rate_word(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{_alt(self.rate_words)})$")

    @cached_property
    def fixed_term_set(self) -> frozenset[str]:
        return frozenset(self.fixed_terms)

    @cached_property
    def rate_ending(self) -> tuple[str, ...]:
        return tuple(self.rate_endings)

    @cached_property
    def to_verb(self) -> re.Pattern[str]:
        return re.compile(_alt(self.to_verbs))  # plain words: stdlib re, same matches

    @cached_property
    def level_tail(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{_alt(self.bridge_words)})?(?:{_alt(self.level_verbs)})(?:了)?$", regex.REVERSE)

    @cached_property
    def level_only(self) -> regex.Pattern[str]:
        """A phrase that is nothing but a level or change verb (保持, 达到, 增加): it names no figure."""
        words = rf"{_alt(self.level_verbs)}|{self._verbs()}|{_alt(self.empty_indicators)}"
        return regex.compile(rf"^(?:{_alt(self.bridge_words)})*(?:{words})$")

    @cached_property
    def after_stop(self) -> regex.Pattern[str]:
        """Where the noun phrase after a count ends: punctuation, a digit, a space, or a joining word that is not
        part of a longer word (参与 and 涉及 do not end it)."""
        words = []
        for word, before in self.after_stops.items():
            guard = "".join(f"(?<!{regex.escape(b)})" for b in before)
            after = "".join(f"(?!{regex.escape(a)})" for a in self.after_stop_not_before.get(word, []))
            words.append(guard + regex.escape(word) + after)
        # a space left by layout tidying separates headline parts (…821起 案值8亿余元): the phrase ends there too
        return regex.compile(rf"[、,。;:!?\n\ufffc\d()\x20]|……|以及|{'|'.join(words)}")

    @cached_property
    def record_after(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:来)?(?:{_alt(self.record_words)})")

    @cached_property
    def threshold_after(self) -> regex.Pattern[str]:
        return regex.compile(rf"的|[^,。;]{{0,8}}?(?:{_alt(self.threshold_nouns)})")

    @cached_property
    def scheme_noun(self) -> regex.Pattern[str]:
        return regex.compile(rf"\p{{Han}}{{0,4}}?(?:{_alt(self.scheme.nouns)})")

    @cached_property
    def compare(self) -> regex.Pattern[str]:
        """同比 (year on year) or a comparison with a named year: 同比2019年 / 相比2020年 / 较2021年 / 较113年同期
        (a year of the Republic of China calendar, Taiwan)."""
        return regex.compile(
            rf"(?P<yoy>{_alt(self.yoy_words)})(?:(?P<year>\d{{4}})年)?"
            rf"|(?:{_alt(self.compare_words)})\x20?(?:(?P<year2>\d{{4}})年|(?P<roc>{ROC_YEAR})年同期)"
        )

    @cached_property
    def compare_hint(self) -> re.Pattern[str]:
        """Every :attr:`compare` match opens with one of these words."""
        return re.compile(_alt([*self.yoy_words, *self.compare_words]))

    @cached_property
    def leading_time_pattern(self) -> regex.Pattern[str]:
        return regex.compile(rf"^(?:(?:与|和|同)?(?:{'|'.join(self.leading_time)})[的,]?)+")

    @cached_property
    def trailing_noise_pattern(self) -> regex.Pattern[str]:
        """The noise closing a phrase; a distributive word (均) closes it only where it ends no average (日均)."""
        guard = self._average_guard
        pieces = [guard + w if w in self.distributive_words else w for w in self.trailing_noise]
        return regex.compile(rf"(?:{'|'.join(pieces)})+$")

    @cached_property
    def respectively_tail(self) -> regex.Pattern[str]:
        """分别 / 均 (+ 为, 达…) closing a phrase: the list's words, not the indicator's (日均 stays)."""
        distributive = "|".join(regex.escape(w) for w in self.distributive_words)
        return regex.compile(rf"(?:分别|{self._average_guard}(?:{distributive}))(?:为|是|达到|达)?$")

    @cached_property
    def _average_guard(self) -> str:
        """A lookbehind: not after the character that makes a distributive word an average (日均, 人均, 平均)."""
        before = {w[-2] for w in self.average_words if len(w) > 1 and w[-1] in self.distributive_words}
        return f"(?<![{''.join(sorted(before))}])" if before else ""

    @cached_property
    def leading_noise(self) -> regex.Pattern[str]:
        return regex.compile(rf"^(?:{_alt(self.strip_prefix)})+")

    @cached_property
    def scope(self) -> regex.Pattern[str]:
        return regex.compile(rf"^(?:{_alt(self.scope_words)})")

    @cached_property
    def counted_item_list(self) -> regex.Pattern[str]:
        return regex.compile(self.counted_items)


@cache
def metric_table() -> MetricTable:
    return load_table("metrics.json", MetricTable)
