"""What each police body of a document stands for as a subject, resolved once per document.

A body stands for itself (十堰市公安局, 全市); a self-reference for the report's place (我省 -> 湖北省, or the
province of the report's city) or for the unit named before it (该局); a generic body (警方, 公安机关) for the
police of the report's place (澳门警方); a scope wider than the article's own level (全国 in a provincial report,
全省 in a city's) for nothing. The lead body is the main body of the headline and lead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policemetrics.attribute.table import AttributeTable
    from policemetrics.recognise.bodies import Body
    from policemetrics.recognise.regions import RegionMention

_LEVEL = {"province": 1, "prefecture": 2, "county": 3}
_LEAD_RANK = {"place_org": 0, "place": 1, "org": 2}
# a self-reference to a body stands for the last unit named before it, even one inside a frame or after 为
_UNIT_BLOCKS = (None, "frame", "beneficiary")


@dataclass(slots=True, frozen=True)
class Place:
    """The report's region as attribution needs it: its name, how the article writes it, its level (0 the
    country .. 3 a county) and its province; ``level`` is lowered by self-references (我省 in a city's paper)."""

    name: str | None
    written: str
    level: int | None
    province: str | None
    autonomous: bool  # 全区, 我区 name a province-level autonomous region

    @classmethod
    def of(
        cls, m: RegionMention | None, bodies: list[Body], table: AttributeTable, name: str | None, lead: Body | None
    ) -> Place:
        """``m``: the report region's first mention; ``name``: the report region (the text may not name it);
        ``lead``: the lead body, whose place also sets how wide the article speaks (湖北省公安厅发布)."""
        if m is None:
            return cls(name, name or "", None, None, False)
        autonomous = m.region.level == "province" and m.region.name.endswith("自治区")
        level = _LEVEL[m.region.level]
        if lead is not None and lead.place is not None:
            level = min(level, _LEVEL[lead.place.level])
        level = min([level, *_self_levels(bodies, autonomous, table)])
        return cls(m.region.name, m.text, level, m.region.province, autonomous)

    def wider(self, head: str, table: AttributeTable) -> bool:
        """全省 in a city's report: a scope wider than the article's own level."""
        if self.level is None:
            return False
        return (1 if self.autonomous and head == "区" else table.scope_levels[head]) < self.level

    def self_name(self, own: int | None) -> str | None:
        if own == 0:
            return "全国"
        if own == 1 and self.province and not self.autonomous:
            return self.province  # 我省 in a report about one of its cities
        return self.name


def _self_levels(bodies: list[Body], autonomous: bool, table: AttributeTable) -> list[int]:
    """The levels the article speaks for: 我省 -> 1, 我市 -> 2 (我区 in an autonomous region -> 1)."""
    out = []
    for b in bodies:
        own = table.scope_levels.get(b.text[-1]) if b.kind == "self_region" else None
        if own is not None:
            out.append(1 if autonomous and b.text[-1] == "区" else own)
    return out


def body_names(bodies: list[Body], place: Place, table: AttributeTable) -> list[str | None]:
    """What each body stands for (None: nothing; see the module docstring)."""
    names: list[str | None] = []
    last_unit: str | None = None
    for b in bodies:
        name = _name(b, place, last_unit, table)
        names.append(name)
        if b.kind in ("place_org", "org") and b.blocked in _UNIT_BLOCKS:
            last_unit = b.text
    return names


def _name(b: Body, place: Place, last_unit: str | None, table: AttributeTable) -> str | None:
    if b.kind == "self_region":
        return place.self_name(table.scope_levels.get(b.text[-1]))
    if b.kind == "self_body":
        return last_unit
    if b.kind == "generic":
        return place.written + b.text
    if b.kind == "scope" and place.wider(b.text[1], table):
        return None
    return b.text


def lead_body(bodies: list[Body], lead_chars: int) -> Body | None:
    """The headline's or lead's main body: a body with its place (十堰市公安局), else a place, else a unit."""
    best: tuple[int, Body] | None = None
    for b in bodies:
        if b.start >= lead_chars:
            break
        rank = _LEAD_RANK.get(b.kind)
        if rank is not None and b.blocked is None and (best is None or rank < best[0]):
            best = (rank, b)
    return best[1] if best else None
