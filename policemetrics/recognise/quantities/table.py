"""The quantity rule table (``data/quantities.json``): units, counters, approximators."""

from __future__ import annotations

import re
from functools import cache, cached_property

import regex
from pydantic import Field, field_validator, model_validator

from policemetrics.models import Approx, QuantityKind
from policemetrics.resources import RuleTable, alternation, load_table


class UnitRule(RuleTable):
    surface: str = Field(min_length=1)
    unit: str
    kind: QuantityKind
    factor: float = 1.0
    max_value: float | None = None
    scale_below: float | None = None  # apply ``factor`` only below this (九折 -> 90%, 75折 -> 75%)
    followed_by_not: str | None = None  # a regex the text after the unit must not match
    note: str = ""

    @cached_property
    def rule_name(self) -> str:
        return f"{self.kind}.{self.unit}"

    @property
    def pattern(self) -> str:
        word = regex.escape(self.surface)
        return f"{word}(?!{self.followed_by_not})" if self.followed_by_not else word


class Mask(RuleTable):
    """Digits that are not a quantity and not a date (phone numbers, codes, clock times); ``{units}``
    in the pattern stands for any unit surface."""

    name: str = Field(min_length=1)
    pattern: str = Field(min_length=1)
    note: str = ""

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        regex.compile(value.replace("{units}", "x"), regex.V1)
        return value


class VerbApprox(RuleTable):
    """An approximator separated from its number by a verb (约占15%): the number keeps its own span."""

    words: dict[str, Approx]
    verbs: list[str] = Field(min_length=1)
    share_verb: str
    not_after: str = ""  # characters that make 约 part of a word (节约, 签约)
    note: str = ""

    @model_validator(mode="after")
    def _share_is_a_verb(self) -> VerbApprox:
        if self.share_verb not in self.verbs:
            raise ValueError("share_verb must be one of verbs")
        return self

    @cached_property
    def hint(self) -> re.Pattern[str]:
        """The last characters of the words: a window without one holds no match (a cheap test per number)."""
        return re.compile(f"[{re.escape(''.join(sorted({w[-1] for w in self.words})))}]")

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Matches at the end of the text before a number: 约占 / 约为 / 约占全市刑事案件的."""
        words, verbs = alternation(list(self.words)), alternation(self.verbs)
        share = re.escape(self.share_verb)
        guard = f"(?<![{re.escape(self.not_after)}])" if self.not_after else ""
        return re.compile(rf"{guard}(?P<w>{words})(?:{share}[^,。;!?、:\n]{{1,12}}的|{verbs})\Z")


class QuantityTable(RuleTable):
    approx_prefix: dict[str, Approx]
    approx_middle: dict[str, Approx]
    approx_suffix: dict[str, Approx]
    # suffixes that bound a duration only (3日内); after a count they belong to the sentence (在3个社区内)
    duration_only_suffixes: list[str]
    approx_before_verb: VerbApprox
    masks: list[Mask]
    units: list[UnitRule]
    idiom_after: list[str]
    rank_scopes: list[str]
    rank_blockers: list[str]

    @model_validator(mode="after")
    def _consistent(self) -> QuantityTable:
        if not set(self.duration_only_suffixes) <= set(self.approx_suffix):
            raise ValueError("duration_only_suffixes must be approx_suffix words")
        return self

    @cached_property
    def unit_by_surface(self) -> dict[str, UnitRule]:
        return {u.surface: u for u in self.units}

    @cached_property
    def idiom(self) -> regex.Pattern[str]:
        """Words that turn the number before them into a name or idiom: 十件实事, 两个多月."""
        return regex.compile(alternation([*self.idiom_after, "月"]))


@cache
def quantity_table() -> QuantityTable:
    return load_table("quantities.json", QuantityTable)
