"""The attribution rule table (``data/attribute.json``): who and when a figure is about. Validated and compiled once."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from functools import cache, cached_property

import regex
from pydantic import Field, model_validator

from policemetrics.resources import RuleTable, load_table
from policemetrics.resources import alternation as _alt

# characters that never occur inside the short name of a police unit (茅店派出所): function words, numerals,
# classifiers and determiners, so 推动该分局 or 四个管辖派出所 are not read as names
COUNTING = frozenset("0123456789个各多几数一二三四五六七八九十百千万两余")
NOT_IN_NAME = "由在对向经将被与和及把的个各等多几该本我其这那此全一二三四五六七八九十百千万两每名所、,:;。"


def _check_words(name: str, words: Sequence[str]) -> None:
    if any(not w or w != w.strip() for w in words):
        raise ValueError(f"{name} holds an empty or padded word")
    if len(set(words)) != len(words):
        raise ValueError(f"{name} repeats a word")


class AttributeTable(RuleTable):
    # 全省, 全市 …: the character after 全 and the level it names (0 the country, 1 a province, 2 a prefecture,
    # 3 a county or district): a scope wider than the report's region is not the subject of its figures
    scope_levels: dict[str, int] = Field(min_length=1)
    scope_suffixes: list[str]  # 全省公安机关
    region_self: list[str] = Field(min_length=1)  # 我省, 本澳: the article's own place
    body_self: list[str] = Field(min_length=1)  # 该局, 该所: the unit named before
    org_heads: list[str] = Field(min_length=1)  # after a place: 十堰市公安局, 广西公安, 嘉义县警察局
    org_tails: list[str]  # a department of the body: 陕西各级公安机关环食药部门
    org_prefix_levels: list[str] = Field(min_length=1)  # 省公安厅, 市公安局: a body named by its level only
    bare_heads: list[str] = Field(min_length=1)  # 茅店派出所, 柯山分局: a unit named without a place
    bare_bodies: list[str]  # 公安部: a body on its own
    generic_bodies: list[str]  # 警方, 公安机关 on their own: the police of the article's place
    generic_not_after: tuple[str, ...]  # 县级公安机关, 各级公安机关: a class of bodies, not one
    destination: tuple[str, ...]  # 赴台湾, 从省公安厅: a place someone goes to or comes from
    beneficiary: tuple[str, ...]  # 为全县, 向全市: the place something is done for or to
    frame_close: list[str]  # 在市委的坚强领导下: the body that leads, not the one that acts
    directive_after: list[str]  # 公安部的决策部署: the body that directs, not the one that acts
    rank_verbs: tuple[str, ...]  # 居全省首位: the scope of a rank, not its subject
    rank_after: list[str]  # 全国第一, 全省前列
    not_after_place: list[str]  # 广州籍, 湖北日报: the place names something else
    not_after_body: list[str]  # 公安部A级逃犯, 省级: the body qualifies a noun
    dateline_ends: list[str]  # 今报南宁讯, 西安3月3日电: the place of a dateline
    compared: tuple[str, ...]  # 较2019年, 同比2019年: a comparison year, never the period
    compared_after: tuple[str, ...]  # 2019年同期, 与2019年相比
    span_back_prefixes: tuple[str, ...] = Field(min_length=1)  # 连续5年: a span of years ending with the end year
    future_after_year: tuple[str, ...]  # 今年将: a plan, not a figure's time
    future_before_year: tuple[str, ...]  # 还将在今年
    plan_years: dict[str, int]  # 十四五: the first year of a five-year plan
    plan_suffixes: list[str]  # “十四五”期间, 十四五时期
    whole_year_words: list[str]  # 全年: the year the report is about
    now_words: list[str]  # 目前: the year of publication
    list_markers: list[str]  # 分别, 依次: values that align with a list of years
    value_separators: list[str]  # between the values of such a list: A、B和C
    lead_chars: int = Field(gt=0)  # the headline and lead: where the article's main body is named

    @model_validator(mode="after")
    def _consistent(self) -> AttributeTable:
        words = ("region_self", "body_self", "org_heads", "bare_heads", "rank_verbs", "compared", "rank_after")
        for name in (*words, "not_after_place", "not_after_body", "dateline_ends", "list_markers"):
            _check_words(name, getattr(self, name))
        if any(len(h) != 1 or not 0 <= n <= 3 for h, n in self.scope_levels.items()):
            raise ValueError("scope_levels maps single characters (the character after 全) to a level 0-3")
        if not set(self.bare_heads) <= set(self.org_heads) | set(self.org_tails):
            raise ValueError("every bare head must also be an org head or an org tail")
        if set(self.region_self) & set(self.body_self):
            raise ValueError("a self-reference is either to a place or to a body, not both")
        if any(w[-1] not in self.scope_levels for w in self.region_self):
            raise ValueError("a self-reference to a place ends with a scope character (我省, 本澳)")
        return self

    @cached_property
    def body_pattern(self) -> re.Pattern[str]:
        """Bodies named without a place, in one alternation: self-references, scope words (全省公安机关),
        bodies named by level (省公安厅) or by a short name (茅店派出所), and bare bodies (警方). Stdlib ``re``
        behind a lookahead for the first characters: measured faster than ``regex`` on this plain word list."""
        scope = rf"全[{''.join(self.scope_levels)}](?:{_alt(self.scope_suffixes)})?"
        # 市公安局, 省公安厅: a full organisation after its level (区分局 inside 中心城区分局 is none)
        full = [h for h in self.org_heads if h not in self.bare_heads and len(h) >= 3]
        level = rf"(?:{_alt(self.org_prefix_levels)})(?:{_alt(full)})"
        starts = [*self.region_self, *self.body_self, "全", *self.org_prefix_levels, *self.bare_bodies]
        firsts = "".join(sorted({re.escape(w[0]) for w in [*starts, *self.generic_bodies]}))
        return re.compile(
            rf"(?=[{firsts}])(?:(?P<self_region>{_alt(self.region_self)})|(?P<self_body>{_alt(self.body_self)})"
            rf"|(?P<scope>{scope})|(?P<level>{level})|(?P<bare>{_alt(self.bare_bodies)})"
            rf"|(?P<generic>{_alt(self.generic_bodies)}))"
        )

    @cached_property
    def unit_head(self) -> re.Pattern[str]:
        """The head of a unit named without a place (茅店派出所): found first, its name is read backwards."""
        return re.compile(_alt(self.bare_heads))  # stdlib: faster on a short word list

    @cached_property
    def org_suffix(self) -> regex.Pattern[str]:
        """What follows a place to name a body: 全省, 各级公安机关, 公安局, a department (环食药部门), a unit named
        after the place (福州车站派出所)."""
        scope = rf"(?:全[{''.join(self.scope_levels)}])?"
        head = rf"(?:各级)?(?:{_alt(self.org_heads)})"
        tail = rf"(?:{_alt(self.org_tails)})?"  # a sub-unit with its own name (武昌区分局) is a body of its own
        unit = rf"[^\P{{Han}}{NOT_IN_NAME}]{{1,4}}?(?:{_alt(self.bare_heads)})"  # 福州车站派出所: a unit of the place
        return regex.compile(rf"{scope}(?:{head}{tail}|{unit})?")

    @cached_property
    def org_suffix_firsts(self) -> frozenset[str]:
        """The characters a scope or a head of :attr:`org_suffix` starts with (全, 各 of 各级, 公 of 公安局 ...)."""
        return frozenset(["全", "各", *(h[0] for h in self.org_heads)])

    @cached_property
    def bare_head_chars(self) -> int:
        return max(len(h) for h in self.bare_heads)

    @cached_property
    def named_period(self) -> regex.Pattern[str]:
        return regex.compile(rf"[“\"]?(?P<plan>{_alt(self.plan_years)})[”\"]?(?:{_alt(self.plan_suffixes)})")

    @cached_property
    def whole_year(self) -> re.Pattern[str]:
        return re.compile(_alt(self.whole_year_words))

    @cached_property
    def now(self) -> re.Pattern[str]:
        return re.compile(_alt(self.now_words))

    @cached_property
    def attached(self) -> regex.Pattern[str]:
        """Between a compared year and a figure that is that year's own: 2020年同期(7092宗), 2018年的37人."""
        return regex.compile(rf"\s*(?:{_alt(self.compared_after)})?[的(]?\s*$")

    @cached_property
    def rank_scope_after(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{_alt(self.rank_after)})")

    @cached_property
    def rank_after_firsts(self) -> frozenset[str]:
        """The characters :attr:`rank_scope_after` can start with: any other needs no match."""
        return frozenset(w[0] for w in self.rank_after)

    @cached_property
    def dateline_firsts(self) -> frozenset[str]:
        return frozenset(w[0] for w in self.dateline_ends)

    @cached_property
    def place_modifier_firsts(self) -> frozenset[str]:
        return frozenset(w[0] for w in self.not_after_place)

    @cached_property
    def body_modifier_firsts(self) -> frozenset[str]:
        letters = string.ascii_letters  # the [A-Za-z] of body_modifier
        return frozenset(w[0] for w in self.not_after_body) | frozenset(letters)

    @cached_property
    def body_modifier(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{_alt(self.not_after_body)}|[A-Za-z])")

    @cached_property
    def dateline(self) -> regex.Pattern[str]:
        # the outlet's word ends the dateline: 南宁讯(记者, 西安3月3日电 ; not 十堰市电诈警情
        return regex.compile(rf"(?:\d{{1,2}}月\d{{1,2}}日)?(?:{_alt(self.dateline_ends)})(?!\p{{Han}})")

    @cached_property
    def place_modifier(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{_alt(self.not_after_place)})")

    @cached_property
    def directive(self) -> regex.Pattern[str]:
        return regex.compile(rf"的(?:{_alt(self.directive_after)})")

    @cached_property
    def frame(self) -> regex.Pattern[str]:
        """From a body to the end of 的坚强领导下 (bounded): the body is inside a leadership frame."""
        return regex.compile(rf"[^,;。!?\n]{{0,24}}?(?:{_alt(self.frame_close)})")


@cache
def attribute_table() -> AttributeTable:
    return load_table("attribute.json", AttributeTable)
