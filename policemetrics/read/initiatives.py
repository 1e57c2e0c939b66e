"""Named initiatives: campaigns, mechanisms, platforms, programmes and reforms.

Three rules, each named in ``Initiative.rule``:
- ``quoted.head``: a quoted name and the head noun that follows it (“剥茧”战法, “一市一台”警务运行机制改革);
- ``quoted.launched``: a quoted name right after a launch verb (全面推行“延期办”);
- ``plain.head``: an unquoted phrase ending in a head noun, bounded by a launch verb, 的 or punctuation
  (深入开展公安队伍教育整顿).
Repeated mentions of one name become one object whose ``mentions`` lists every span.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache, cached_property

import regex

from policemetrics.models import InitiativeCategory
from policemetrics.resources import RuleTable, alternation, load_table
from policemetrics.text.segments import Segments

_QUOTED = regex.compile(r"[“\"‘「『](?P<name>[^“”\"‘’「」『』\n\ufffc]{1,40})[”\"’」』]")
_NAME_STRIP = '“”"‘’「」『』'
_SLOGAN = regex.compile(r"[,、;。!?]")  # a quoted list or sentence is a slogan unless a head noun names it
_STEM = regex.compile(r"[\p{Han}A-Za-z+]+")
_COUNTED = regex.compile(r"[0-9一二三四五六七八九十百千万两几每各多余近][个项条场次名件所支座处]")
_BOOK_TITLE = regex.compile(r"《[^《》\n]{1,80}》")  # names inside a document title are part of that title


class InitiativeTable(RuleTable):
    heads: dict[str, InitiativeCategory]
    launch_verbs: list[str]
    quote_head_gap: int
    plain_max: int
    plain_min: int
    plain_heads: list[str]
    plain_generic_heads: dict[str, list[str]]
    plain_min_generic: int
    boundary_words: list[str]  # where an unquoted name starts: after a verb, particle or determiner
    head_continues: list[str]  # the head only starts a longer word: 中心城区, 系统观念, 改革强警, 湖北改革奖
    organisation_before_head: list[str]  # 公安系统, 政法系统: organisations, not platforms
    self_named_suffixes: list[str]  # quoted names that name themselves: “AI警局”, “一网通办”

    @cached_property
    def head_alt(self) -> str:
        return alternation(self.heads)

    @cached_property
    def after_quote(self) -> regex.Pattern[str]:
        """What may follow a quoted name: more quoted names, then an optional 等 and a head noun."""
        return regex.compile(
            rf"(?P<mid>[\p{{Han}}A-Za-z+]{{0,{self.quote_head_gap}}}?)(?P<head>{self.head_alt})(?![\p{{Han}}])"
            rf"|(?P<mid2>[\p{{Han}}A-Za-z+]{{0,{self.quote_head_gap}}}?)(?P<head2>{self.head_alt})"
        )

    @cached_property
    def plain_head(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{alternation(self.plain_heads)})")

    @cached_property
    def core_strip(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{self.head_alt})$")

    @cached_property
    def self_headed(self) -> regex.Pattern[str]:
        suffixes = alternation([*self.heads, *self.self_named_suffixes])
        return regex.compile(rf"(?:{suffixes})$|^一\p{{Han}}{{1,3}}一\p{{Han}}{{1,3}}$|\+")

    @cached_property
    def launch_tail(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{alternation(self.launch_verbs)})$")

    @cached_property
    def launch_any(self) -> regex.Pattern[str]:
        return regex.compile(alternation([*self.launch_verbs, *self.boundary_words]))

    @cached_property
    def head_goes_on(self) -> regex.Pattern[str]:
        return regex.compile(alternation(self.head_continues))


@cache
def initiative_table() -> InitiativeTable:
    return load_table("initiatives.json", InitiativeTable)


@dataclass(frozen=True)
class InitiativeDraft:
    name: str
    category: InitiativeCategory
    start: int  # normalised offsets
    end: int
    rule: str


def _category(table: InitiativeTable, name: str) -> InitiativeCategory:
    for head in sorted(table.heads, key=len, reverse=True):
        if name.endswith(head):
            return table.heads[head]
    return "programme"


def _quoted(text: str, table: InitiativeTable) -> list[InitiativeDraft]:
    out: list[InitiativeDraft] = []
    matches = list(_QUOTED.finditer(text))
    i = 0
    while i < len(matches):
        run = [matches[i]]
        while (
            i + 1 < len(matches)
            and matches[i + 1].start() - run[-1].end() <= 1
            and text[run[-1].end() : matches[i + 1].start()] in ("", "和", "、")
        ):
            i += 1
            run.append(matches[i])
        i += 1
        tail_at = run[-1].end()
        etc = text.startswith("等", tail_at)
        m = table.after_quote.match(text, tail_at + (1 if etc else 0))
        head = (m.group("head") or m.group("head2")) if m else None
        mid = (m.group("mid") if m.group("head") else m.group("mid2")) if m else ""
        launched = table.launch_tail.search(text, max(0, run[0].start() - 6), run[0].start()) is not None
        for k, q in enumerate(run):
            name = q.group("name").strip()
            if head and len(run) == 1 and m is not None:
                full = name if (name + mid).endswith(head) and not mid else name + mid + head
                out.append(InitiativeDraft(full, table.heads[head], q.start(), m.end(), "quoted.head"))
            elif head and etc and m is not None:
                end = m.end() if k == len(run) - 1 else q.end()
                # “A”“B”等系列打击整治行动: each takes the bare head (A行动), not the words between
                short = min((h for h in table.heads if (mid + head).endswith(h)), key=len) if mid else head
                same = _category(table, name) == table.heads[head] and name != _core(table, name)
                full = name if same else name + short
                out.append(InitiativeDraft(full, table.heads[head], q.start(), end, "quoted.head.each"))
            elif (head or launched) and len(name) >= 3 and not _SLOGAN.search(name):
                out.append(InitiativeDraft(name, _category(table, name), q.start(), q.end(), "quoted.launched"))
            elif (
                len(name) >= 3
                and table.self_headed.search(name)
                and not _SLOGAN.search(name)
                and not name.endswith("+")  # 互联网+: a slogan, not a named programme
            ):
                out.append(InitiativeDraft(name, _category(table, name), q.start(), q.end(), "quoted.named"))
    return out


class _Ranges:
    """Membership in a union of ranges in O(log n): sorted starts with a running maximum of ends."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []
        best = -1
        for _, b in ordered:
            best = max(best, b)
            self.reach.append(best)

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos


def _plain(text: str, seg: Segments, table: InitiativeTable, taken: list[tuple[int, int]]) -> list[InitiativeDraft]:
    out: list[InitiativeDraft] = []
    covered = _Ranges(taken)
    for m in table.plain_head.finditer(text):
        if table.head_goes_on.match(text, m.end()) or text.endswith(
            tuple(table.organisation_before_head), 0, m.start()
        ):
            continue  # the head is inside a longer word (中心城区, 系统性, 改革开放)
        if covered.covers(m.start()):
            continue
        cs, _ = seg.clause(m.start())
        lo = max(cs, m.start() - table.plain_max)
        window = text[lo : m.start()]
        cut = -1
        for b in table.launch_any.finditer(window):
            cut = b.end()
        if cut < 0 and lo > cs:
            continue  # no boundary in reach: the phrase would start mid-sentence
        stem = window[max(cut, 0) :]
        head = m.group()
        if len(stem) < table.plain_min - 1 or not _STEM.fullmatch(stem) or _COUNTED.search(stem):
            continue
        if head in table.plain_generic_heads:
            prefixes = table.plain_generic_heads[head]
            if len(stem) < table.plain_min_generic or (prefixes and not stem.startswith(tuple(prefixes))):
                continue
        start = m.start() - len(stem)
        out.append(InitiativeDraft(stem + m.group(), table.heads[m.group()], start, m.end(), "plain.head"))
    return out


_BRAND_LIST = regex.compile(r"(?:\p{Han}{2,4}[“\"][^“”\"\n]{2,12}[”\"]、){2,8}\p{Han}{2,4}[“\"][^“”\"\n]{2,12}[”\"]")


def _brands(text: str) -> list[InitiativeDraft]:
    """硚口“海燕直通车”、江岸“默默为您”、汉阳“知音航班”: a list of place + quoted brand."""
    out = []
    for run in _BRAND_LIST.finditer(text):
        for q in _QUOTED.finditer(run.group()):
            name = q.group("name").strip()
            out.append(
                InitiativeDraft(name, "programme", run.start() + q.start(), run.start() + q.end(), "quoted.brand")
            )
    return out


def find_initiatives(text: str, seg: Segments) -> list[InitiativeDraft]:
    """Initiative mentions in normalised text, in order (not yet merged by name)."""
    table = initiative_table()
    titles = _Ranges([(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)])
    quoted = [d for d in _quoted(text, table) if not titles.covers(d.start)]
    starts = {d.start for d in quoted}
    quoted += [b for b in _brands(text) if b.start not in starts]
    taken = [(d.start, d.end) for d in quoted]
    # quotations that were not initiatives (slogans, speech) must not feed the plain rule either
    taken += [(q.start(), q.end()) for q in _QUOTED.finditer(text)]
    plain = [d for d in _plain(text, seg, table, taken) if not titles.covers(d.start)]
    return sorted(quoted + plain, key=lambda d: (d.start, -d.end))


def _core(table: InitiativeTable, name: str) -> str:
    return table.core_strip.sub("", name)


def name_key(name: str) -> str:
    return "".join(ch for ch in name if ch not in _NAME_STRIP)


def merge_keys(names: list[str]) -> dict[str, str]:
    """Map each name key to its group key. Equal keys group; a bare name (“雷火2022”) joins the one
    headed name whose core it is (“雷火2022”行动), but never two headed names with different heads."""
    table = initiative_table()
    keys = {name_key(n) for n in names}
    by_core: dict[str, list[str]] = {}
    for k in keys:
        core = table.core_strip.sub("", k)
        if core and core != k:
            by_core.setdefault(core, []).append(k)
    return {k: (by_core[k][0] if k in by_core and len(by_core[k]) == 1 else k) for k in keys}
