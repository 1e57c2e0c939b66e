"""Honours: awards, titles and commendations, with recipient, conferrer and counted recipients.

Rules (named in ``Honour.rule``): ``award.quoted`` (荣获“A”“B”等称号), ``award.plain`` (被评为全国…先进单位),
``merit`` (记集体二等功 / 荣立一、二等功), ``commendation`` (受到党中央、国务院表彰) and ``appositive``
(“最美基层民警”曾祥富).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

import regex

from policemetrics.resources import RuleTable, alternation, load_table
from policemetrics.text.segments import Segments

_QUOTE_RUN = regex.compile(r"(?:[“\"][^“”\"\n\ufffc]{2,30}[”\"](?:和|、|及)?){1,6}")
_ONE_QUOTE = regex.compile(r"[“\"](?P<t>[^“”\"\n\ufffc]{2,30})[”\"]")
_RECIPIENT_NOISE = regex.compile(r"(?:先后|连续(?:第)?\d{1,3}年|连续|均|被|再次|一举|同样|\d{4}年|,)+$")
_RECIPIENT_MAX = 40
_BY = regex.compile(r"被(?P<c>[^,。;被]{2,12})$")
_FOLLOWER = regex.compile(r"\p{Han}{2,8}")
_NAME = regex.compile(r"\p{Han}{2,6}?(?:派出所|公安局|分局|大队|中队)|\p{Han}{2,3}")
_COUNT = regex.compile(r"^(?P<n>\d+|[一二两三四五六七八九十]+)(?:名|个|位|家)")


class HonourTable(RuleTable):
    award_verbs: list[str]
    title_suffixes: list[str]
    title_heads: list[str]
    merit_pattern: str
    commend_pattern: str

    @cached_property
    def award(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?P<verb>{alternation(self.award_verbs)})(?:首批|了)?")

    @cached_property
    def suffix(self) -> regex.Pattern[str]:
        return regex.compile(rf"^(?:等)?(?:{alternation(self.title_suffixes)})")

    @cached_property
    def plain_title(self) -> regex.Pattern[str]:
        heads, sfx = alternation(self.title_heads), alternation(self.title_suffixes)
        return regex.compile(rf"(?P<t>[\p{{Han}}0-9]{{2,24}}?(?:{heads}))(?:{sfx})?(?=[,。;、\n]|$|和)")

    @cached_property
    def merit(self) -> regex.Pattern[str]:
        return regex.compile(self.merit_pattern)

    @cached_property
    def commend(self) -> regex.Pattern[str]:
        return regex.compile(self.commend_pattern)


@cache
def honour_table() -> HonourTable:
    return load_table("honours.json", HonourTable)


@dataclass(frozen=True)
class HonourDraft:
    title: str
    recipient: str | None
    conferrer: str | None
    count: int | None
    start: int
    end: int
    rule: str


def _recipient(text: str, clause_start: int, verb_start: int) -> tuple[str | None, int | None]:
    clause_start = max(clause_start, verb_start - _RECIPIENT_MAX)
    phrase = _RECIPIENT_NOISE.sub("", text[clause_start:verb_start]).strip(" ,、")
    if not phrase:
        return None, None
    m = _COUNT.match(phrase)
    count = None
    if m:
        from policemetrics.recognise.quantities.numerals import NumeralError, arabic_value, chinese_value

        try:
            n = m.group("n")
            count = int(arabic_value(n) if n[0].isdigit() else chinese_value(n))
        except NumeralError:
            count = None
    return phrase, count


def find_honours(text: str, seg: Segments) -> list[HonourDraft]:
    table = honour_table()
    out: list[HonourDraft] = []
    for v in table.award.finditer(text):
        cs, ce = seg.clause(v.start())
        at = v.end()
        recipient, count = _recipient(text, cs, v.start())
        run = _QUOTE_RUN.match(text, at)
        if run is not None:
            after = text[run.end() : run.end() + 6]
            if v.group("verb") in ("获得", "获") and not table.suffix.match(after):
                continue  # 获得“…” without 称号/荣誉 is usually praise, not a title
            for q in _ONE_QUOTE.finditer(run.group()):
                out.append(
                    HonourDraft(
                        q.group("t"),
                        recipient,
                        None,
                        count,
                        run.start() + q.start(),
                        run.start() + q.end(),
                        "award.quoted",
                    )
                )
            continue
        m = table.plain_title.match(text, at, ce)
        if m is not None:
            title = m.group("t")
            out.append(HonourDraft(title, recipient, None, count, v.start(), m.end(), "award.plain"))
    for m in table.merit.finditer(text):
        cs, _ = seg.clause(m.start())
        recipient, count = _recipient(text, cs, m.start())
        conferrer = None
        by = _BY.search(text, max(cs, m.start() - _RECIPIENT_MAX), m.start())
        if by:
            conferrer = by.group("c")
            recipient = text[cs : by.start()].strip() or recipient
        grades = m.group("grades").split("、")
        prefix = "集体" if m.group("collective") else ""
        title = "/".join(f"{prefix}{g}等功" for g in grades)
        out.append(HonourDraft(title, recipient, conferrer, count, m.start(), m.end(), "merit"))
    for m in table.commend.finditer(text):
        cs, _ = seg.clause(m.start())
        recipient, count = _recipient(text, cs, m.start())
        conferrer = m.group("conferrer")
        out.append(
            HonourDraft(
                f"{conferrer}表彰", recipient, conferrer, count, cs if recipient else m.start(), m.end(), "commendation"
            )
        )
    heads = tuple(table.title_heads)
    claimed = {q.start() for d in out for q in _ONE_QUOTE.finditer(text, d.start, d.end)}
    for q in _ONE_QUOTE.finditer(text):
        title = q.group("t")
        follower = _FOLLOWER.match(text, q.end(), q.end() + 8)
        if title.endswith(heads) and follower and q.start() not in claimed:
            name = _NAME.match(follower.group())
            if name:
                out.append(
                    HonourDraft(title, name.group(), None, None, q.start(), q.end() + len(name.group()), "appositive")
                )
    return sorted(out, key=lambda d: (d.start, d.end))
