"""The quantity rule table (``data/quantities.json``): units, counters, approximators."""

from __future__ import annotations

from functools import cache, cached_property

import regex
from pydantic import Field

from policemetrics.models import Approx, QuantityKind
from policemetrics.resources import RuleTable, alternation, load_table


class UnitRule(RuleTable):
    surface: str = Field(min_length=1)
    unit: str
    kind: QuantityKind
    factor: float = 1.0
    max_value: float | None = None
    scale_below: float | None = None  # apply ``factor`` only below this (九折 -> 90%, 75折 -> 75%)


class QuantityTable(RuleTable):
    approx_prefix: dict[str, Approx]
    approx_middle: dict[str, Approx]
    approx_suffix: dict[str, Approx]
    units: list[UnitRule]
    idiom_after: list[str]
    rank_scopes: list[str]
    rank_blockers: list[str]

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
