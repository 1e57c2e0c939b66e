"""Police bodies and organisations named in a document, found once per document.

One pass of one pattern (``data/attribute.json``) finds the bodies named without a place (全省公安机关, 省公安厅,
茅店派出所, 警方, self-references such as 我省 or 该局); the place mentions of
:func:`policemetrics.recognise.regions.find_regions` are extended by what names a body after them (十堰市公安局,
陕西各级公安机关环食药部门, 湖北全省). Each body also records, once, why it cannot be the subject of a figure after
it (``blocked``): a destination (赴台湾), a beneficiary (为全县), a leadership frame (在市委的领导下), the scope of a
rank (居全省首位), a dateline (今报南宁讯), a quotation or bracket around it, or a place that names something else
(湖北日报). Attribution then looks bodies up by position (bisect), with no regex per figure.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from sys import intern  # the same few names recur thousands of times in a long text: one string each
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from policemetrics.attribute.table import AttributeTable
    from policemetrics.recognise.regions import Region, RegionMention
    from policemetrics.text.segments import Segments

# generic: 警方, 公安机关 on their own, the police of the article's place
BodyKind = Literal["place", "place_org", "org", "scope", "generic", "self_region", "self_body"]
Blocked = Literal["destination", "beneficiary", "frame", "rank_scope", "dateline", "quoted", "bracketed", "modifier"]


@dataclass(slots=True)  # read-only by convention: a frozen one costs three times as much to build, per body
class Body:
    """``text == source[start:end]``; ``kind`` says how it was named; ``blocked`` why it is no subject (or None)."""

    start: int
    end: int
    text: str
    kind: BodyKind
    blocked: Blocked | None = None
    place: Region | None = None  # the division a place-based body names


def find_bodies(text: str, regions: list[RegionMention], seg: Segments) -> list[Body]:
    """Every body in ``text`` (normalised), in order, non-overlapping; place-based bodies win over the others."""
    # imported here: the table module belongs to the attribute package, which imports this one
    from policemetrics.attribute.table import attribute_table

    table = attribute_table()
    places: list[Body] = []
    for m in regions:
        if not places or m.start >= places[-1].end:  # 武昌区 inside 武汉市公安局武昌区分局 is part of it
            places.append(_place_body(text, m, table))
    opens = [m.start() for m in _OPENING.finditer(text)]
    out = []
    for b in _merge(places, _named_bodies(text, table)):
        why = _blocked(text, b, seg, table, opens)
        out.append(b if why is None else Body(b.start, b.end, b.text, b.kind, why, b.place))
    return out


_OPENING = re.compile(r"[(\[]")


def _named_bodies(text: str, table: AttributeTable) -> list[Body]:
    named = [
        Body(m.start(), m.end(), intern(m.group()), _KIND[m.lastgroup or "bare"])
        for m in table.body_pattern.finditer(text)
    ]
    return _merge(_named_units(text, table), named)  # both in text order; a named unit wins an overlap


def _named_units(text: str, table: AttributeTable) -> list[Body]:
    """茅店派出所, 柯山分局: a head, and 2-4 characters of name before it read backwards (one literal search for
    the heads, no pattern tried at every character). The name holds no function word, numeral or classifier and
    starts after a non-Chinese character or 的/和/与/及; after a numeral or classifier (四个管辖派出所) it counts
    units and names none."""
    from policemetrics.attribute.table import COUNTING, NOT_IN_NAME

    out = []
    for m in table.unit_head.finditer(text):
        start = _name_start(text, m.start(), NOT_IN_NAME)
        if start is not None and (start == 0 or text[start - 1] not in COUNTING):
            out.append(Body(start, m.end(), intern(text[start : m.end()]), "org"))
    return out


def _name_start(text: str, head: int, not_in_name: str) -> int | None:
    """The earliest start of a 2-4 character name ending at ``head`` that opens after a boundary, or None."""
    k = head
    while k > max(0, head - _NAME_MAX) and _is_han(text[k - 1]) and text[k - 1] not in not_in_name:
        k -= 1
    for start in range(k, head - _NAME_MIN + 1):  # earliest (longest) first, as a left-to-right scan would
        if start == 0 or not _is_han(text[start - 1]) or text[start - 1] in _NAME_OPENERS:
            return start
    return None


_NAME_MIN, _NAME_MAX = 2, 4
_NAME_OPENERS = "的和与及"


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0002fa1f"


def _merge(places: list[Body], named: list[Body]) -> list[Body]:
    """Both lists in text order; a ``named`` body overlapping one of ``places`` is left out (linear)."""
    out: list[Body] = []
    i = 0
    for b in named:
        while i < len(places) and places[i].end <= b.start:
            out.append(places[i])
            i += 1
        if i < len(places) and places[i].start < b.end:  # overlaps the next place-based body
            continue
        out.append(b)
    out += places[i:]
    return out


_KIND: dict[str, BodyKind] = {
    "self_region": "self_region",
    "self_body": "self_body",
    "scope": "scope",
    "level": "org",
    "name": "org",
    "bare": "org",
    "generic": "generic",
}


def _place_body(text: str, m: RegionMention, table: AttributeTable) -> Body:
    suffix = table.org_suffix.match(text, m.end) if _suffix_may_follow(text, m.end, table) else None
    if suffix is None or suffix.end() == m.end:
        return Body(m.start, m.end, m.text, "place", place=m.region)
    return Body(m.start, suffix.end(), intern(text[m.start : suffix.end()]), "place_org", place=m.region)


def _suffix_may_follow(text: str, end: int, table: AttributeTable) -> bool:
    """Whether :attr:`AttributeTable.org_suffix` can match more than nothing at ``end``: it opens with 全, 各级 or
    an org head, or names a unit of 1-4 characters and a bare head (most places are followed by none of these)."""
    if text[end : end + 1] in table.org_suffix_firsts:
        return True
    window = text[end + 1 : end + 4 + table.bare_head_chars]
    return any(h in window for h in table.bare_heads)


def _blocked(text: str, b: Body, seg: Segments, table: AttributeTable, opens: list[int]) -> Blocked | None:
    """The first reason, in this order, why ``b`` is no subject. One function, not one call per check: most
    bodies pass every check, and a pattern after the body runs only when the next character can start it."""
    before = text[max(0, b.start - 3) : b.start].replace(" ", "")
    if before.endswith(table.destination):
        return "destination"
    if before.endswith(table.beneficiary):
        return "beneficiary"
    kind, end = b.kind, b.end
    nxt = text[end : end + 1]
    if kind == "scope" and _rank_scope(text, end, nxt, before, table):
        return "rank_scope"
    if kind in ("place", "place_org") and _dateline(text, end, nxt, table):
        return "dateline"
    if _modifier(text, b, nxt, before, table):
        return "modifier"
    if seg.quote_around(b.start, end) is not None:
        return "quoted"
    if _in_brackets(text, b.start, opens):
        return "bracketed"
    if _in_frame(text, b, seg, table) or (nxt == "的" and table.directive.match(text, end) is not None):
        return "frame"  # 在市委的领导下; 公安部的决策部署: the body that leads or directs, not the one that acts
    return None


def _rank_scope(text: str, end: int, nxt: str, before: str, table: AttributeTable) -> bool:
    """居全省首位, 全国第一: the scope of a rank."""
    if before.endswith(table.rank_verbs):
        return True
    return nxt in table.rank_after_firsts and table.rank_scope_after.match(text, end) is not None


def _dateline(text: str, end: int, nxt: str, table: AttributeTable) -> bool:
    """今报南宁讯, 西安3月3日电: a Chinese character after the place starts no dateline unless it is the outlet's."""
    if "\u4e00" <= nxt <= "\u9fff" and nxt not in table.dateline_firsts:
        return False
    return table.dateline.match(text, end) is not None


def _modifier(text: str, b: Body, nxt: str, before: str, table: AttributeTable) -> bool:
    """湖北日报, 公安部A级逃犯, 县级公安机关: the body qualifies a noun, or is a class of bodies."""
    if b.kind == "place" and nxt in table.place_modifier_firsts and table.place_modifier.match(text, b.end):
        return True
    if b.kind == "generic" and before.endswith(table.generic_not_after):
        return True
    return nxt in table.body_modifier_firsts and table.body_modifier.match(text, b.end) is not None


def _in_brackets(text: str, pos: int, opens: list[int]) -> bool:
    """An opening bracket before ``pos`` on its line (80 characters at most) and not closed before it; ``opens``:
    where the text opens a bracket, so a body with none in reach costs one bisect."""
    i = bisect.bisect_left(opens, pos) - 1
    if i < 0 or opens[i] < pos - 80:
        return False
    line = text.rfind("\n", max(0, pos - 80), pos) + 1 or max(0, pos - 80)
    opened = max(text.rfind("(", line, pos), text.rfind("[", line, pos))
    return opened >= 0 and max(text.rfind(")", opened, pos), text.rfind("]", opened, pos)) < 0


def _in_frame(text: str, b: Body, seg: Segments, table: AttributeTable) -> bool:
    """在X(、Y和Z)的坚强领导下: the clause opens with 在 before the body and closes the frame after it."""
    if text.find("在", max(0, b.start - _FRAME_CHARS), b.start) < 0:  # the clause starts no earlier
        return False
    clause_start = max(seg.clause(b.start)[0], b.start - _FRAME_CHARS)  # bounded: linear on text without commas
    if text.find("在", clause_start, b.start) < 0:
        return False
    return table.frame.match(text, b.end) is not None


_FRAME_CHARS = 40
