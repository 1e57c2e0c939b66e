"""Named initiatives: campaigns, mechanisms, platforms, programmes and reforms.

A registry of small named rules (``BOOK``); every draft names the rule that produced it. Producing rules
read quoted names (from the one quote grammar in :mod:`policemetrics.text.segments`) or unquoted phrases
ending in a head noun; veto rules (``initiative.veto.*``) say what is not an initiative even when a
producing rule fires. Word lists are data (``data/initiatives.json``).
Repeated mentions of one name are grouped later (``assemble.initiatives`` with :func:`group_keys`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property

import regex
from pydantic import model_validator

from policemetrics.models import InitiativeCategory
from policemetrics.resources import RuleTable, alternation, load_table
from policemetrics.rules import RuleBook
from policemetrics.text.segments import Segments

BOOK = RuleBook(
    "initiative",
    {
        "initiative.quoted.head": "a quoted name and the head noun after it: “织网”战法, “1+3+N”的勤务运转机制",
        "initiative.quoted.list": "quoted names in a row share the head after them: “清风”“断链”等专项行动",
        "initiative.quoted.unit_list": "a list of unit + quoted name closed by 等: 甲区“A”、乙区“B”等一批品牌",
        "initiative.quoted.launched": "a quoted name right after a launch verb: 全面推行“掌上办”",
        "initiative.quoted.defined": "将/把 + a quoted name + 作为/列入 + a head: 将“反诈”作为一项民生工程",
        "initiative.quoted.prefixed": "launch verb + whose + a quoted common noun: 建立民警就医“绿色通道”",
        "initiative.quoted.named": "a quoted name that names itself by its ending: “智慧警局”, “全城通办”",
        "initiative.plain.head": "an unquoted phrase ending in a head noun, after a launch verb, particle or comma",
        "initiative.plain.launched": "launch verb + short phrase + a head only trusted there: 推广自助挪车服务",
        "initiative.plain.list": "launch verb + X、Y等 + head: each listed item is a name",
        "initiative.veto.title": "a name inside a 《document title》 belongs to the title",
        "initiative.veto.rejected": "what a verb of rejection governs is abolished, not launched: 改变“一刀切”等模式",
        "initiative.veto.slogan": "a quoted list or clause without a head is a slogan: “安全、规范、高效”",
        "initiative.veto.counted_slogan": "N个X / N条X without a head is a slogan or rule set: “两个维护”, “三个确保”",
        "initiative.veto.descriptor": "a word ending in 性/式 describes, it does not name: “一次性”告知, 基础性工程",
        "initiative.veto.honour": "a name before 先进单位, 称号 or holding honour words (十佳) is an honour title",
        "initiative.veto.generic": "a phrase made only of generic words names nothing: 新型警务模式, 全市公安信息系统",
        "initiative.veto.crime": "活动/网络 after crime words is the crime, not a programme: 违法犯罪活动",
        "initiative.veto.case": "quoted names before 等案件 name criminal cases: “海鸥”专案等案件",
        "initiative.veto.organisation": "a head after an organisation word names a body: 公安系统, 研究中心",
    },
)

_NAME_STRIP = str.maketrans("", "", '“”"‘’「」『』')
_OPENERS = '“"‘「『'
_MAX_NAME = 40  # longer quotations are speech, not names
_SLOGAN = re.compile(r"[,、;。!?]")
_HAN = regex.compile(r"\p{Han}")
_STEM = regex.compile(r"[\p{Han}A-Za-z+]+")
_COUNTED = regex.compile(r"[0-9一二三四五六七八九十百千万两几每各多余近][个项条场次名件所支座处]")
_PLAIN_SEP = ("", "和", "、", "及")
_UNIT_SEP = regex.compile(r"、\p{Han}{1,6}")  # 、 and a short unit name before the next quote: 、乙区“B”
_UNIT_SEP_MAX = 7  # its longest match


class InitiativeTable(RuleTable):
    """The initiative word lists; patterns of plain words compile with stdlib ``re`` (faster here, same meaning)."""

    heads: dict[str, InitiativeCategory]  # after a quoted name
    plain_heads: list[str]  # ending an unquoted name (a subset of heads)
    launched_heads: list[str]  # ending an unquoted name only right after a launch verb (a subset of heads)
    plain_generic_heads: dict[str, list[str]]  # plain heads that need a longer stem, or one of these prefixes
    head_stops: dict[str, list[str]]  # the head is only the start of a word: 制定, 队伍
    head_continues: list[str]  # after any head it makes a longer word: 中心城区, 改革开放, 改革经验
    honour_markers: list[str]  # after a name: the name is inside an honour title
    honour_words: list[str]  # inside a quoted name without a head: the name is an honour title (十佳, 先锋号)
    case_markers: list[str]  # after quoted names: they name criminal cases (“A”等案件)
    launch_verbs: list[str]
    boundary_words: list[str]  # where an unquoted name starts: after a verb, particle or determiner
    boundary_exceptions: list[str]  # words a one-character boundary sits inside: 行为, 对口, 为民
    rejecting_verbs: list[str]  # 改变, 摒弃: their object is not launched
    defining_markers: list[str]  # 将, 把 before a quote whose kind a defining verb states
    defining_verbs: list[str]  # 作为, 列入: 将“A”作为一项民生工程
    organisation_before_head: list[str]  # 公安系统, 政法系统: organisations, not platforms
    organisation_heads: list[str]  # 研究中心: institutions, not platforms
    self_named_suffixes: list[str]  # quoted names that name themselves: “AI警局”, “一网通办”
    scope_words: list[str]  # 全省, 各地: the scope of a name, not part of it
    generic_words: list[str]  # a plain stem made only of these names nothing
    crime_words: list[str]  # 违法, 犯罪: 活动 after them is crime
    crime_heads: list[str]  # heads a crime word turns into the crime: 违法犯罪活动, 违法犯罪网络
    list_heads: list[str]  # kinds after X、Y等 that make each item a name (not 等活动: events)
    counted_heads: list[str]  # heads a count belongs to: 十件实事
    descriptor_suffixes: list[str]  # 性, 式
    numerals: str  # characters of a counted slogan: 两个维护
    slogan_counters: str
    quote_head_gap: int
    launch_window: int
    plain_max: int
    plain_min_stem: int  # before a head of one or two characters
    plain_min_stem_long_head: int  # before a longer, more specific head (禁毒人民战争)
    plain_min_generic: int
    list_item_max: int
    prefix_max: int  # words between a launch verb and a quoted name that belong to the name
    prefix_noun_max: int  # only a short quoted common noun takes them (“一件事”, “绿色通道”)

    @model_validator(mode="after")
    def _consistent(self) -> InitiativeTable:
        heads = set(self.heads)
        fields = ("plain_heads", "launched_heads", "head_stops", "plain_generic_heads", "counted_heads", "list_heads")
        for field in fields:
            extra = set(getattr(self, field)) - heads
            if extra:
                raise ValueError(f"{field} must be heads: {sorted(extra)}")
        if set(self.plain_generic_heads) - set(self.plain_heads):
            raise ValueError("plain_generic_heads must be plain_heads")
        words = [*heads, *self.launch_verbs, *self.boundary_words, *self.generic_words, *self.scope_words]
        if any(not w.strip() for w in words):
            raise ValueError("empty word in the initiative table")
        if min(self.plain_min_stem, self.plain_min_generic, self.quote_head_gap, self.launch_window) < 1:
            raise ValueError("lengths must be positive")
        return self

    @cached_property
    def head_alt(self) -> str:
        return _alt(list(self.heads))

    @cached_property
    def after_quote(self) -> tuple[regex.Pattern[str], regex.Pattern[str]]:
        """What may follow a quoted name: 等, a short modifier (may start with 的) and a head noun; a head
        that ends a word (before punctuation) is preferred to the first head inside one."""
        gap = self.quote_head_gap
        body = rf"(?P<etc>等)?(?P<mid>的?[\p{{Han}}A-Za-z0-9+]{{0,{gap}}}?)(?P<head>{self.head_alt})"
        return regex.compile(body + r"(?![\p{Han}])"), regex.compile(body)

    @cached_property
    def any_head(self) -> re.Pattern[str]:
        return re.compile(self.head_alt)

    @cached_property
    def launched_prefix(self) -> regex.Pattern[str]:
        # atomic: 推广使用“A” is the verb 推广使用, not 推广 + a prefix 使用
        return regex.compile(rf"(?>{_alt(self.launch_verbs)})(?P<prefix>\p{{Han}}{{2,{self.prefix_max}}})$")

    @cached_property
    def defined_as(self) -> regex.Pattern[str]:
        """After a quote: a short modifier, a defining verb (作为, 列入) and, within a few words, a head."""
        verbs = _alt(self.defining_verbs)
        return regex.compile(rf"(?P<mid>\p{{Han}}{{0,4}}?)(?:{verbs})\p{{Han}}{{0,12}}?(?P<head>{self.head_alt})")

    @cached_property
    def plain_head(self) -> re.Pattern[str]:
        return re.compile(_alt([*self.plain_heads, *self.launched_heads]))

    @cached_property
    def stops(self) -> dict[str, tuple[str, ...]]:
        return {head: tuple(words) for head, words in self.head_stops.items()}

    @cached_property
    def organisation_words(self) -> tuple[str, ...]:
        return tuple(self.organisation_before_head)

    @cached_property
    def organisations(self) -> tuple[str, ...]:
        return tuple(self.organisation_heads)

    @cached_property
    def descriptors(self) -> tuple[str, ...]:
        return tuple(self.descriptor_suffixes)

    @cached_property
    def honour_word(self) -> re.Pattern[str]:
        return re.compile(_alt(self.honour_words))

    @cached_property
    def launched_only(self) -> frozenset[str]:
        return frozenset(self.launched_heads) - frozenset(self.plain_heads)

    @cached_property
    def head_lengths(self) -> tuple[int, ...]:
        return tuple(sorted({len(h) for h in self.heads}, reverse=True))

    def head_suffix(self, name: str) -> str:
        """The longest head ``name`` ends with, or "" (a few dict look-ups instead of a scan)."""
        for n in self.head_lengths:
            if name[-n:] in self.heads:
                return name[-n:]
        return ""

    @cached_property
    def self_headed(self) -> regex.Pattern[str]:
        """A quoted name that names itself by its ending (weak heads such as 服务 need a launch verb)."""
        strong = [h for h in self.heads if h not in self.launched_heads]
        suffixes = _alt([*strong, *self.self_named_suffixes])
        return regex.compile(rf"(?:{suffixes})$|^一\p{{Han}}{{1,3}}一\p{{Han}}{{1,3}}$|\+")

    @cached_property
    def launch_tail(self) -> re.Pattern[str]:
        return re.compile(rf"(?:{_alt(self.launch_verbs)})$")

    @cached_property
    def rejecting_tail(self) -> re.Pattern[str]:
        return re.compile(rf"(?:{_alt(self.rejecting_verbs)})$")

    @cached_property
    def rejecting_any(self) -> re.Pattern[str]:
        return re.compile(_alt(self.rejecting_verbs))

    @cached_property
    def boundary(self) -> regex.Pattern[str]:
        """Where an unquoted name may start: after a verb, particle, determiner or a count (3波, 两次)."""
        words = _alt([*self.launch_verbs, *self.boundary_words, *self.defining_verbs])
        return regex.compile(rf"{words}|[0-9{self.numerals}]+[{self.slogan_counters}波轮批届]")

    @cached_property
    def inside_word(self) -> re.Pattern[str]:
        return re.compile(_alt(self.boundary_exceptions))

    @cached_property
    def continues(self) -> re.Pattern[str]:
        return re.compile(_alt([*self.head_continues, *self.honour_markers]))

    @cached_property
    def honour_after(self) -> regex.Pattern[str]:
        """An honour marker right after the quote, or after 等 and a short quantifier (等多项殊荣)."""
        return regex.compile(rf"(?:等\p{{Han}}{{0,3}}?)?(?:{_alt(self.honour_markers)})")

    @cached_property
    def honour_openers(self) -> tuple[str, ...]:
        return ("等", *self.honour_markers)  # what an honour_after match starts with

    @cached_property
    def case_after(self) -> re.Pattern[str]:
        return re.compile(_alt(self.case_markers))

    @cached_property
    def generic_stem(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{_alt([*self.generic_words, *self.scope_words])})+")

    @cached_property
    def scope_prefix(self) -> re.Pattern[str]:
        return re.compile(rf"(?:{_alt(self.scope_words)})+")

    @cached_property
    def counted_slogan(self) -> regex.Pattern[str]:
        return regex.compile(rf"[0-9{self.numerals}]+[{self.slogan_counters}]\p{{Han}}{{1,6}}")

    @cached_property
    def plain_list(self) -> regex.Pattern[str]:
        item = rf"[\p{{Han}}A-Za-z0-9]{{2,{self.list_item_max}}}"
        return regex.compile(
            rf"(?:{_alt(self.launch_verbs)})(?P<items>(?:{item}、){{1,8}}{item})等(?P<head>{_alt(self.list_heads)})"
        )


def _alt(words: list[str]) -> str:
    """An alternation that matches nothing when the list is empty (an empty one would match everywhere)."""
    return alternation(words) if words else "(?!)"


@cache
def initiative_table() -> InitiativeTable:
    return load_table("initiatives.json", InitiativeTable)


@dataclass(frozen=True, slots=True)
class InitiativeDraft:
    name: str
    category: InitiativeCategory
    start: int  # normalised offsets
    end: int
    rule: str
    core: str = ""  # the quoted name a head was added to (groups “A”的X模式 with “A”X模式)


@dataclass(frozen=True, slots=True)
class _Quote:
    start: int  # the opening mark
    end: int  # after the closing mark
    name: str


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


def _category(table: InitiativeTable, name: str) -> InitiativeCategory:
    head = table.head_suffix(name)
    return table.heads[head] if head else "programme"


def _core(table: InitiativeTable, name: str) -> str:
    return name[: len(name) - len(table.head_suffix(name))]


# ---- quoted names -------------------------------------------------------------------------------------


def _quotes(seg: Segments) -> tuple[list[_Quote], list[tuple[int, int]]]:
    """Quoted names and 《》 title ranges, from the segments' quote grammar."""
    quotes, titles = [], []
    for a, b in zip(seg.quote_starts, seg.quote_ends, strict=True):
        if seg.text[a] == "《":
            titles.append((a, b))
        elif seg.text[a] in _OPENERS and b - a - 2 <= _MAX_NAME:
            name = seg.text[a + 1 : b - 1].strip()
            if name:
                quotes.append(_Quote(a, b, name))
    return quotes, titles


def _runs(text: str, quotes: list[_Quote]) -> list[tuple[list[_Quote], bool]]:
    """Quotes in a row (“A”“B”, “A”、“B”, “A”和“B”) and, flagged, lists with a short unit before each
    quote (甲区“A”、乙区“B”)."""
    out: list[tuple[list[_Quote], bool]] = []
    for q in quotes:
        if out:
            run = out[-1][0]
            if q.start - run[-1].end <= 1 and text[run[-1].end : q.start] in _PLAIN_SEP:
                run.append(q)
                continue
            if _unit_sep(text, run[-1].end, q.start):
                run.append(q)
                out[-1] = (run, True)
                continue
        out.append(([q], False))
    return out


def _unit_sep(text: str, a: int, b: int) -> bool:
    return b - a <= _UNIT_SEP_MAX and _UNIT_SEP.fullmatch(text, a, b) is not None


@dataclass(frozen=True, slots=True)
class _Head:
    head: str
    mid: str
    etc: bool
    end: int


def _head_after(text: str, table: InitiativeTable, at: int) -> _Head | None:
    """The head noun that names the quote(s) ending at ``at``, if one follows."""
    # most quotes have no head after them: first a cheap test that one stands within reach (等, 的 and the
    # modifier before it take at most gap + 2 characters), then the looser pattern
    reach = at + table.quote_head_gap + 2 + max(table.head_lengths)
    strict, loose = table.after_quote
    m_loose = loose.match(text, at) if table.any_head.search(text, at, reach) else None
    if m_loose is None:
        return None
    # the first match of the loose pattern is the strict one's too when no Han character follows it
    m_strict = m_loose if _HAN.match(text, m_loose.end()) is None else strict.match(text, at)
    for m in (m_strict, m_loose):
        h = _checked_head(text, table, m) if m else None
        if h is not None:
            return h
    return None


def _checked_head(text: str, table: InitiativeTable, m: regex.Match[str]) -> _Head | None:
    head, mid = m.group("head"), m.group("mid")
    if text.startswith(table.stops.get(head, ()), m.end()):
        return None
    if table.continues.match(text, m.end()):
        return None  # 改革开放, 斗争先进单位: the head is inside a longer word
    if table.boundary.search(mid.removeprefix("的")):
        return None  # “四个大抓”统揽推进的工作体系: a clause, not a modifier
    if len(head) == 1 and mid:
        return None  # a one-character head follows its name directly: “河长”制, not “A”印制
    return _Head(head, mid, m.group("etc") is not None, m.end())


def _slogan(table: InitiativeTable, name: str) -> bool:
    """Names that are not programmes without a head noun to make them one."""
    return (
        len(name) < 3
        or _SLOGAN.search(name) is not None
        or table.counted_slogan.fullmatch(name) is not None
        or name.endswith(table.descriptors)
    )


def _launched(text: str, table: InitiativeTable, q: _Quote) -> bool:
    return table.launch_tail.search(text, max(0, q.start - table.launch_window), q.start) is not None


def _one_quote(text: str, table: InitiativeTable, q: _Quote, launched: bool) -> InitiativeDraft | None:
    if _slogan(table, q.name) or _honour(table, q.name):
        return None
    if launched:
        rule = BOOK.name("initiative.quoted.launched")
    elif table.self_headed.search(q.name) and not q.name.endswith("+"):
        rule = BOOK.name("initiative.quoted.named")
    else:
        return None
    return InitiativeDraft(q.name, _category(table, q.name), q.start, q.end, rule)


def _descriptor(table: InitiativeTable, name: str, head: str) -> bool:
    """“一站式”服务: a descriptor before a weak head describes the service, it does not name it."""
    return name.removesuffix(head).endswith(table.descriptors)


def _crime(table: InitiativeTable, stem: str, head: str) -> bool:
    return head in table.crime_heads and any(w in stem for w in table.crime_words)


def _with_head(table: InitiativeTable, run: list[_Quote], h: _Head) -> list[InitiativeDraft]:
    if len(run) == 1:
        q = run[0]
        rule = BOOK.name("initiative.quoted.head")
        return [InitiativeDraft(q.name + h.mid + h.head, table.heads[h.head], q.start, h.end, rule, q.name)]
    out = []
    # “A”“B”边境联合扫毒专项行动: the words between are shared, each takes them; “A”“B”等系列打击整治行动:
    # they describe the group, each takes the bare head (A行动)
    short = h.mid + h.head
    if h.etc and h.mid:
        short = min((x for x in table.heads if short.endswith(x)), key=len)
    for k, q in enumerate(run):
        same = _category(table, q.name) == table.heads[h.head] and q.name != _core(table, q.name)
        end = h.end if k == len(run) - 1 else q.end
        name = q.name if same else q.name + short
        out.append(InitiativeDraft(name, table.heads[h.head], q.start, end, BOOK.name("initiative.quoted.list")))
    return out


def _run_vetoed(text: str, table: InitiativeTable, run: list[_Quote]) -> bool:
    """initiative.veto.rejected (改变“A”…), initiative.veto.honour (“A”称号), initiative.veto.case (“A”等案件)."""
    at, end = run[0].start, run[-1].end
    if table.rejecting_tail.search(text, max(0, at - table.launch_window), at):
        return True
    honour = text.startswith(table.honour_openers, end) and table.honour_after.match(text, end) is not None
    return honour or table.case_after.match(text, end) is not None


def _quoted_run(text: str, table: InitiativeTable, run: list[_Quote]) -> list[InitiativeDraft]:
    if _run_vetoed(text, table, run):
        return []
    h = _head_after(text, table, run[-1].end)
    if h is not None:
        return _headed_run(text, table, run, h)
    if len(run) == 1 and (d := _defined(text, table, run[0]) or _prefixed(text, table, run[0])) is not None:
        return [d]
    launched = _launched(text, table, run[0])
    return [d for q in run if (d := _one_quote(text, table, q, launched)) is not None]


def _prefixed(text: str, table: InitiativeTable, q: _Quote) -> InitiativeDraft | None:
    """打造涉诈资金返还“一件事”, 建立民警就医“绿色通道”: the words between the launch verb and a quoted
    common noun say whose it is, and belong to the name."""
    if len(q.name) > table.prefix_noun_max or table.head_suffix(q.name) or _slogan(table, q.name):
        return None  # a longer or headed quote names itself
    m = table.launched_prefix.search(text, max(0, q.start - table.prefix_max - 6), q.start)
    prefix = _owner(table, m.group("prefix")) if m and not _honour(table, q.name) else ""
    if not prefix:
        return None
    rule = BOOK.name("initiative.quoted.prefixed")
    return InitiativeDraft(prefix + q.name, _category(table, q.name), q.start - len(prefix), q.end, rule)


def _owner(table: InitiativeTable, prefix: str) -> str:
    """The prefix without its scope (全省), or "" when it is a clause or a body that acts (公安机关)."""
    scope = table.scope_prefix.match(prefix)
    prefix = prefix[scope.end() :] if scope else prefix
    if len(prefix) < 2 or table.boundary.search(prefix) or table.inside_word.search(prefix):
        return ""
    return "" if any(w in prefix for w in table.organisation_before_head) else prefix


def _defined(text: str, table: InitiativeTable, q: _Quote) -> InitiativeDraft | None:
    """将“反诈”作为一项民生工程 / 把“A”一体化列入改革任务: the predicate says what kind of initiative it is."""
    if not text.endswith(tuple(table.defining_markers), 0, q.start):
        return None
    m = table.defined_as.match(text, q.end)
    if m is None or _slogan(table, q.name) or _honour(table, q.name):
        return None
    name, end = q.name + m.group("mid"), q.end + len(m.group("mid"))
    return InitiativeDraft(name, table.heads[m.group("head")], q.start, end, BOOK.name("initiative.quoted.defined"))


def _headed_run(text: str, table: InitiativeTable, run: list[_Quote], h: _Head) -> list[InitiativeDraft]:
    if _crime(table, run[-1].name + h.mid, h.head) or table.case_after.match(text, h.end):
        return []  # initiative.veto.crime (“A”违法犯罪网络), initiative.veto.case (“A”专案等案件)
    weak = h.head in table.launched_heads and not h.mid
    return [d for d in _with_head(table, run, h) if not (weak and _descriptor(table, d.name, h.head))]


def _honour(table: InitiativeTable, name: str) -> bool:
    return table.honour_word.search(name) is not None


def _unit_list(table: InitiativeTable, run: list[_Quote]) -> list[InitiativeDraft]:
    out = []
    for q in run:
        if not _SLOGAN.search(q.name) and not _honour(table, q.name):
            rule = BOOK.name("initiative.quoted.unit_list")
            out.append(InitiativeDraft(q.name, _category(table, q.name), q.start, q.end, rule))
    return out


def _quoted(text: str, table: InitiativeTable, quotes: list[_Quote]) -> list[InitiativeDraft]:
    out: list[InitiativeDraft] = []
    for run, prefixed in _runs(text, quotes):
        if prefixed and text.startswith("等", run[-1].end):
            out += [] if _run_vetoed(text, table, run) else _unit_list(table, run)
            continue
        part: list[_Quote] = []
        for q in run:  # not a closed unit list: each row of adjacent quotes on its own
            if part and _unit_sep(text, part[-1].end, q.start):
                out += _quoted_run(text, table, part)
                part = []
            part.append(q)
        out += _quoted_run(text, table, part)
    return out


# ---- unquoted names -----------------------------------------------------------------------------------


def _stem_start(text: str, seg: Segments, table: InitiativeTable, head_at: int) -> int | None:
    """Where an unquoted name ending at ``head_at`` starts: after the last boundary word in reach."""
    cs, _ = seg.clause(head_at)
    lo = max(cs, head_at - table.plain_max)
    bounds = list(table.boundary.finditer(text, lo, head_at))
    if bounds:
        words = [(w.start(), w.end()) for w in table.inside_word.finditer(text, max(0, lo - 1), head_at)]
        for b in reversed(bounds):
            if not any(a <= b.start() and b.end() <= e for a, e in words):
                return b.end()
    return lo if lo == cs else None  # no boundary in reach: the phrase would start mid-sentence


def _bad_shape(table: InitiativeTable, stem: str, head: str) -> bool:
    """Too short for its head, not made of words, or counted (办结30件) unless the count is the name's (十件实事)."""
    least = table.plain_min_stem if len(head) <= 2 else table.plain_min_stem_long_head
    if len(stem) < least or not _STEM.fullmatch(stem):
        return True
    return _COUNTED.search(stem) is not None and not (head in table.counted_heads and _COUNTED.search(stem[-2:]))


def _plain_veto(table: InitiativeTable, stem: str, head: str) -> bool:
    """True when stem + head is not a name (the veto rules of unquoted phrases)."""
    if _bad_shape(table, stem, head):
        return True
    if table.generic_stem.fullmatch(stem) or stem.endswith(table.descriptors):
        return True  # initiative.veto.generic / initiative.veto.descriptor
    if _crime(table, stem, head):
        return True  # initiative.veto.crime
    if head in table.plain_generic_heads:
        prefixes = table.plain_generic_heads[head]
        return len(stem) < table.plain_min_generic or bool(prefixes and not stem.startswith(tuple(prefixes)))
    return False


def _trim_stem(table: InitiativeTable, stem: str, head: str) -> str:
    """Drop a leading scope (全省, 各地); for heads that need a prefix (平安…建设) start at the prefix."""
    m = table.scope_prefix.match(stem)
    if m and m.end() < len(stem):
        stem = stem[m.end() :]
    found = [at for p in table.plain_generic_heads.get(head, ()) if (at := stem.find(p)) >= 0]
    return stem[min(found) :] if found else stem


def _plain_head_ok(text: str, table: InitiativeTable, m: re.Match[str]) -> bool:
    head = m.group()
    if table.continues.match(text, m.end()):
        return False  # 中心城区, 改革开放, 斗争先进单位
    if text.startswith(table.stops.get(head, ()), m.end()):
        return False
    if text.endswith(table.organisation_words, max(0, m.start() - 4), m.start()):
        return False  # initiative.veto.organisation: 公安系统
    return not text.endswith(table.organisations, 0, m.end())


def _plain(text: str, seg: Segments, table: InitiativeTable, covered: _Ranges) -> list[InitiativeDraft]:
    out: list[InitiativeDraft] = []
    launched_only = table.launched_only
    for m in table.plain_head.finditer(text):
        head = m.group()
        if covered.covers(m.start()) or not _plain_head_ok(text, table, m):
            continue
        at = _stem_start(text, seg, table, m.start())
        if at is None or table.rejecting_any.search(text, seg.clause(at)[0], at):
            continue  # no start in reach, or initiative.veto.rejected: 改变…等粗放工作模式
        rule = "initiative.plain.head"
        if head in launched_only:
            if table.launch_tail.search(text, max(0, at - 4), at) is None:
                continue
            rule = "initiative.plain.launched"
        stem = _trim_stem(table, text[at : m.start()], head)
        if _plain_veto(table, stem, head):
            continue
        start = m.start() - len(stem)
        out.append(InitiativeDraft(stem + head, table.heads[head], start, m.end(), BOOK.name(rule)))
    return out


def _plain_lists(text: str, table: InitiativeTable, covered: _Ranges) -> list[InitiativeDraft]:
    """开通X、Y等服务: each item is a name; the kind noun after 等 is not part of it."""
    out = []
    for m in table.plain_list.finditer(text):
        if covered.covers(m.start("items")):
            continue
        at = m.start("items")
        for item in m.group("items").split("、"):
            if not _COUNTED.search(item) and not table.generic_stem.fullmatch(item):
                rule = BOOK.name("initiative.plain.list")
                out.append(InitiativeDraft(item, table.heads[m.group("head")], at, at + len(item), rule))
            at += len(item) + 1
    return out


def find_initiatives(text: str, seg: Segments) -> list[InitiativeDraft]:
    """Initiative mentions in normalised text, in order (not yet merged by name)."""
    table = initiative_table()
    quotes, title_ranges = _quotes(seg)
    titles = _Ranges(title_ranges)  # initiative.veto.title
    quoted = [d for d in _quoted(text, table, quotes) if not titles.covers(d.start)]
    # quotations that were not initiatives (slogans, speech) must not feed the unquoted rules either
    taken = [(d.start, d.end) for d in quoted] + [(q.start, q.end) for q in quotes] + title_ranges
    lists = _plain_lists(text, table, _Ranges(taken))
    taken += [(d.start, d.end) for d in lists]
    plain = _plain(text, seg, table, _Ranges(taken))
    return sorted(quoted + lists + plain, key=lambda d: (d.start, -d.end))


def name_key(name: str) -> str:
    return name.translate(_NAME_STRIP)


def group_keys(drafts: list[InitiativeDraft]) -> list[str]:
    """One group key per draft: drafts with the same key are one initiative mentioned several times.

    Equal names group; a shorter name joins the one longer name that extends it by a head (“雷火2022” ->
    “雷火2022”行动; 我为群众办实事 -> 我为群众办实事实践活动) or that it ends (大数据实战中心 ->
    武汉公安大数据实战中心), never when two longer names compete; one quoted name with the same head is one
    initiative however the words between are written (“A”的新型警务模式, “A”新型警务运行模式)."""
    table = initiative_table()
    keys = [name_key(d.name) for d in drafts]
    joined = _joined(table, set(keys))
    by_core: dict[tuple[str, str], str] = {}
    for d, k in zip(drafts, keys, strict=True):
        if d.core:
            by_core.setdefault((d.core, table.head_suffix(k)), _root(joined, k))
    return [
        by_core[(d.core, table.head_suffix(k))] if d.core else _root(joined, k)
        for d, k in zip(drafts, keys, strict=True)
    ]


def _joined(table: InitiativeTable, keys: set[str]) -> dict[str, str]:
    """Each key -> the one longer key it is part of (or itself). Sorted keys and bisect keep it O(n log n):
    the names that start with ``k`` are a contiguous run of the sorted keys (those that end with it, of the
    sorted reversed keys)."""
    forward = sorted(keys)
    backward = sorted(k[::-1] for k in keys)
    out = {}
    for k in keys:
        found = set() if len(k) < 3 else _starting(forward, k, lambda o: table.head_suffix(o) != "")
        if len(k) >= 3 and _core(table, k) != k:
            found |= {o[::-1] for o in _starting(backward, k[::-1], lambda o: True)}
        out[k] = found.pop() if len(found) == 1 else k
    return out


def _starting(ordered: list[str], prefix: str, ok: Callable[[str], bool]) -> set[str]:
    """Up to two keys longer than ``prefix`` that start with it and pass ``ok`` (two already mean: ambiguous)."""
    found: set[str] = set()
    i = bisect.bisect_right(ordered, prefix)
    while i < len(ordered) and ordered[i].startswith(prefix) and len(found) < 2:
        if ok(ordered[i]):
            found.add(ordered[i])
        i += 1
    return found


def _root(joined: dict[str, str], key: str) -> str:
    seen = {key}
    while joined[key] != key and joined[key] not in seen:
        key = joined[key]
        seen.add(key)
    return key


def is_scope(name: str) -> bool:
    """全省, 全市公安机关, 各地: a scope, not the body that launched an initiative."""
    return initiative_table().scope_prefix.match(name) is not None
