"""The working objects of metric reading: a number in its clause (:class:`Site`) and the reading drawn from it
(:class:`Draft`). Slotted and mutable: one is made per number, so they stay cheap."""

from __future__ import annotations

from dataclasses import dataclass

from policemetrics.models import Direction, MetricKind, Role
from policemetrics.recognise.quantities.scanner import Candidate
from policemetrics.text.segments import Segments


@dataclass(slots=True)
class Draft:
    cand: Candidate
    kind: MetricKind
    rule: str  # the reading rule (metric.*): how value, kind and direction were read
    clause: tuple[int, int]
    direction: Direction | None = None
    baseline: float | None = None
    compare_to: str | None = None
    indicator: str | None = None
    indicator_rule: str | None = None  # the indicator rule (indicator.*) that named it
    value: float | None = None  # overrides the candidate's value/unit when set
    unit: str | None = None
    role: Role = "metric"
    role_rule: str | None = None
    listed: tuple[int, int] | None = None  # (k, n): the k-th of n values written as a list (a、b及c)
    exact: bool = False  # the approximator word is no approximation here (近20年最低: the last 20 years)

    def copy(self) -> Draft:
        return Draft(
            self.cand,
            self.kind,
            self.rule,
            self.clause,
            self.direction,
            self.baseline,
            self.compare_to,
            self.indicator,
            self.indicator_rule,
            self.value,
            self.unit,
            self.role,
            self.role_rule,
            self.listed,
            self.exact,
        )

    def name(self, indicator: str | None, rule: str) -> Draft:
        """Set the indicator and the rule that chose it (None when the phrase was empty)."""
        self.indicator = indicator or None
        self.indicator_rule = rule if indicator else None
        return self


@dataclass(slots=True)
class Site:
    """One number candidate with what every reading rule looks at: its clause window and the words before it."""

    text: str
    seg: Segments
    cands: list[Candidate]
    index: int
    cs: int  # clause window start
    ce: int  # clause window end
    keep_list: bool  # the number heads a list of values (a、b、c): keep 、 inside the indicator
    consumed: set[int]  # candidates read as part of another figure (a baseline)
    c: Candidate  # cands[index]
    before: str  # the clause text before the number expression (approximators such as 近/超过 excluded)
