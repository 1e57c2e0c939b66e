"""Honours: awards, titles and commendations, read by small named rules (declared in ``BOOK``).

Each rule is a function ``(reader) -> drafts``; :func:`find_honours` runs them in ``_RULES`` order and drops a
later draft that repeats an earlier one (same place, same title). The word lists are data
(``data/honours.json``, validated by :class:`HonourTable`); the shapes are here, compiled once per table.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property

import regex
from pydantic import model_validator

from policemetrics.recognise.quantities.numerals import NumeralError, arabic_value, chinese_value
from policemetrics.recognise.regions import find_regions
from policemetrics.resources import RuleTable, alternation, load_table
from policemetrics.rules import RuleBook
from policemetrics.text.segments import Segments

BOOK = RuleBook(
    "honour",
    {
        "honour.award.quoted": "an award verb (its conferrer may sit inside: 被公安部命名为) before quoted titles, "
        "each with an optional place, level or system prefix (上海市“五一劳动奖章”), 等称号/荣誉 after",
        "honour.award.plain": "an award verb before unquoted titles ending in a title head or up to 称号, "
        "listed with 、/和 (被评为A先进单位、B文明单位等; 荣获市级、县级先进)",
        "honour.award.paired": "分获/分别荣获: listed recipient groups paired in order with listed titles",
        "honour.merit": "记/荣立/荣记 (conferrer) (集体|个人) N等功, grades and items listed "
        "(一、二等功; 二等功1次、三等功4次)",
        "honour.commendation": "受到/获得 X 表彰/表扬/嘉奖 (joined: 嘉奖或贺电表彰): the conferrer names the title; "
        "a bare 受到表彰 only for counted recipients",
        "honour.granted": "对X予以/给予 通令嘉奖/表彰: the recipient follows 对",
        "honour.message": "a conferring body before 通报表扬/贺电表扬/通令嘉奖 (公安部先后3次贺电表扬)",
        "honour.quota": "a counted quota of a title: 表彰了100个全国优秀公安局, 评选出30名…的“平安先锋”, "
        "表彰先进集体50个、先进个人100名",
        "honour.commended": "表彰 (…的) (一批) 先进集体和先进个人: the commended categories as one title",
        "honour.ranked": "在<contest>中 勇夺/获得 第一/冠军: the contest and the rank",
        "honour.graded": "the graded hero titles 一级/二级英模 (一级、二级英模; 全国公安系统一级英模), "
        "with the names after them",
        "honour.fact_box": "a 荣誉: label before a list of titles",
        "honour.appositive": "a quoted title before names: “全国优秀人民警察”张三、李四",
    },
)

_NUM = r"(?:\d{1,6}|[一二两三四五六七八九十百千]{1,6})(?:余|多)?"
_RECIPIENT_MAX = 40  # characters before a verb searched for its recipient
_BOUNDARY_PUNCT = ",。;、:!?\n…"
# the quote marks a title may wear; 《》 and ‘’ enclose documents and inner quotes, not titles
_TITLE_QUOTES = '“"「『'
_LIST_SEP = regex.compile(r"、|和|及|与|以及|,")
_AND = regex.compile(r"、|和|及|以及")
_AND_COMMA = regex.compile(r"、|和|及|以及|,")
_PREFIX_WORDS = regex.compile(r"[\p{Han}0-9]{1,14}")
_BY = regex.compile(r"被(?P<c>[^被]{1,16})$")  # X被Y记…
_FOR = regex.compile(r"(?:为|给)(?P<r>[^为给]{1,20})$")  # Y为X记…
_GOT_FROM = regex.compile(r"获(?P<c>[^获]{1,16})$")  # X获Y荣记的…
_TO_CLAUSE = regex.compile(r"^.*?[:,]")
_FROM_OF = regex.compile(r"^来自|的$")
_CLAUSE_PUNCT = regex.compile(r"[,。;:]")
_YEAR_AND_QUOTES = regex.compile(r"^\d{4}年度?|[“”\"「」『』]")
_CAUSE = regex.compile(r"(?:因(?!公)|由于)[^因由]{1,20}$")  # 王某因见义勇为被授予…: the cause is not the recipient
_BOX_ITEM = regex.compile(r"[^、,;\s]{2,32}")

Title = tuple[str, int, int]  # title, start, end (normalised offsets)
Recipient = tuple[str | None, int | None]  # words, count


class HonourTable(RuleTable):
    award_verbs: list[str]
    conferred_verbs: list[str]
    active_grant_verbs: list[str]
    paired_verbs: list[str]
    suffix_required_verbs: list[str]
    verb_blockers: list[str]
    title_suffixes: list[str]
    title_heads: list[str]
    title_prefix_ends: list[str]
    title_prefix_skip: list[str]
    title_follow_ok: list[str]
    title_tail_words: list[str]
    merit_verbs: list[str]
    merit_grades: str
    merit_groups: list[str]
    commend_leads: list[str]
    commend_words: list[str]
    compound_commend_words: list[str]
    commend_joins: list[str]
    commend_fillers: list[str]
    commend_levels: list[str]
    grant_verbs: list[str]
    message_adverbs: list[str]
    quota_verbs: list[str]
    batch_words: list[str]
    rank_verbs: list[str]
    rank_titles: list[str]
    graded_heads: list[str]
    graded_scopes: list[str]
    fact_box_labels: list[str]
    recipient_counters: list[str]
    recipient_noise: list[str]
    recipient_leads: list[str]
    org_heads: list[str]
    conferrer_heads: list[str]
    org_blockers: str
    surnames: str
    compound_surnames: list[str]
    name_ends: list[str]

    @model_validator(mode="after")
    def _consistent(self) -> HonourTable:
        for sub, sup, what in (
            (self.paired_verbs, self.award_verbs, "paired_verbs"),
            (self.suffix_required_verbs, self.award_verbs, "suffix_required_verbs"),
            (self.active_grant_verbs, self.award_verbs, "active_grant_verbs"),
            (self.compound_commend_words, self.commend_words, "compound_commend_words"),
        ):
            missing = set(sub) - set(sup)
            if missing:
                raise ValueError(f"{what} not listed among the verbs or words they refine: {sorted(missing)}")
        if len(set(self.surnames)) != len(self.surnames) or not self.surnames:
            raise ValueError("surnames must be distinct characters")
        if any(len(w) != 1 for w in self.verb_blockers):
            raise ValueError("verb_blockers are single characters")
        return self

    @cached_property
    def not_after(self) -> str:
        """抓获, 查获, 破获: a verb glued to these is not an award."""
        return rf"(?<![{regex.escape(''.join(self.verb_blockers))}])"

    def _org(self, heads: list[str], least: int = 1) -> str:
        body = rf"(?:(?![{regex.escape(self.org_blockers)}])[\p{{Han}}0-9])"
        one = rf"{body}{{{least},12}}?(?:{alternation(heads)})"
        return rf"{one}(?:(?:、|和|及)?{one}){{0,5}}"

    @cached_property
    def award(self) -> regex.Pattern[str]:
        verbs = alternation(self.award_verbs)
        conferred = alternation(self.conferred_verbs)
        return regex.compile(
            rf"(?:被(?P<conf>(?:(?!{verbs})[^,。;:!?被“”\"\n]){{1,16}}?)(?={conferred}))?"
            rf"{self.not_after}(?P<verb>{verbs})(?!批|奖(?!章|状|杯|牌))(?:{alternation(self.title_prefix_skip)})?"
        )

    @cached_property
    def plain_title(self) -> regex.Pattern[str]:
        heads, sfx = alternation(self.title_heads), alternation(self.title_suffixes)
        follow = alternation(self.title_follow_ok)
        long_heads = alternation(h for h in self.title_heads if len(h) >= 2)  # 颁发奖章: a head alone is a title
        return regex.compile(
            rf"(?P<t>(?:\p{{Han}}{{1,3}}级、){{0,3}}(?:[\p{{Han}}0-9]{{1,24}}?(?:{heads}|(?=称号|荣誉称号))|{long_heads}))"
            rf"(?:{sfx})?(?=[{_BOUNDARY_PUNCT}]|$|{follow})"
        )

    @cached_property
    def closed_list(self) -> regex.Pattern[str]:
        """A list of unquoted titles closed by 等称号 / 等荣誉称号 / 称号."""
        return regex.compile(r"(?P<l>[\p{Han}0-9]{2,24}?(?:、[\p{Han}0-9]{2,24}?){0,8})(?:等)?(?:荣誉称号|称号)")

    @cached_property
    def after_title(self) -> regex.Pattern[str]:
        """What may follow a quoted title: 等, a suffix, its rank (第7名), a separator, a boundary."""
        sfx, follow = alternation(self.title_suffixes), alternation(self.title_follow_ok)
        tail = alternation(self.title_tail_words)
        return regex.compile(
            rf"(?:等(?:多项|{_NUM}项)?(?:{tail}))|(?:等)?(?:{sfx})|第{_NUM}名|(?=[{_BOUNDARY_PUNCT}]|$|{follow})"
        )

    @cached_property
    def quote_tail(self) -> regex.Pattern[str]:
        """A head that continues a quoted name into the title: “三八”红旗集体, “枫桥式”派出所."""
        heads, sfx = alternation(self.title_heads), alternation(self.title_suffixes)
        follow = alternation(self.title_follow_ok)
        return regex.compile(rf"\p{{Han}}{{0,8}}?(?:{heads})(?=(?:等)?(?:{sfx})|[{_BOUNDARY_PUNCT}]|$|{follow})")

    @cached_property
    def title_close(self) -> regex.Pattern[str]:
        """A title's closing words: 称号, 荣誉, 等多项殊荣."""
        sfx, tail = alternation(self.title_suffixes), alternation(self.title_tail_words)
        return regex.compile(rf"等(?:多项|{_NUM}项)?(?:{tail})|(?:等)?(?:{sfx})")

    @cached_property
    def prefix(self) -> regex.Pattern[str]:
        return regex.compile(rf"^[\p{{Han}}0-9]{{0,10}}(?:{alternation(self.title_prefix_ends)})$")

    @cached_property
    def skip_tail(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{alternation(self.title_prefix_skip)})$")

    @cached_property
    def merit(self) -> regex.Pattern[str]:
        groups, g = alternation(self.merit_groups), self.merit_grades
        item = rf"(?P<g>(?:{groups})?[{g}](?:、[{g}]){{0,2}}等功)(?:{_NUM}(?:{self.counters}|次|项))?"
        return regex.compile(
            rf"{self.not_after}(?P<verb>{alternation(self.merit_verbs)})(?:了|的)?"
            rf"(?P<mc>{self._org(self.conferrer_heads)})?{item}(?:、{item}){{0,5}}"
        )

    @cached_property
    def commend(self) -> regex.Pattern[str]:
        leads, words = alternation(self.commend_leads), alternation(self.commend_words)
        joins, fillers = alternation(self.commend_joins), alternation(self.commend_fillers)
        return regex.compile(
            rf"{self.not_after}(?P<lead>{leads})(?P<c>[^,。;:!?\n“”]{{0,20}}?)(?:的)?"
            rf"(?P<w>(?:{words})(?:(?:{joins})(?:{fillers})?(?:{words})){{0,3}})"
        )

    @cached_property
    def level(self) -> regex.Pattern[str]:
        return regex.compile(alternation(self.commend_levels))

    @cached_property
    def fillers(self) -> regex.Pattern[str]:
        return regex.compile(alternation(self.commend_fillers))

    @cached_property
    def granted(self) -> regex.Pattern[str]:
        words, grants = alternation(self.commend_words), alternation(self.grant_verbs)
        return regex.compile(rf"对(?P<r>[^,。;:!?\n]{{2,40}}?)(?:{grants})(?P<w>{words})")

    @cached_property
    def message_word(self) -> regex.Pattern[str]:
        return regex.compile(alternation(self.compound_commend_words))

    @cached_property
    def quota_hint(self) -> re.Pattern[str]:
        """Every quota and quota_after match opens with a quota verb: one cheap scan skips both on most texts."""
        return re.compile(alternation(self.quota_verbs))

    @cached_property
    def message_by(self) -> regex.Pattern[str]:
        """The conferring body just before a message word (searched only there: the body pattern is costly)."""
        adverbs = alternation(self.message_adverbs)
        return regex.compile(rf"(?P<c>{self._org(self.conferrer_heads)})(?:{adverbs}|{_NUM}次)*$")

    @cached_property
    def quota(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{alternation(self.quota_verbs)})(?=了?{_NUM}(?:{self.counters}))了?")

    @cached_property
    def quota_after(self) -> regex.Pattern[str]:
        """表彰先进集体50个、先进个人100名: the title first, its count after it."""
        return regex.compile(
            rf"(?:{alternation(self.quota_verbs)})了?(?=[\p{{Han}}]{{0,12}}?(?:{alternation(self.title_heads)}){_NUM})"
        )

    @cached_property
    def title_count(self) -> regex.Pattern[str]:
        heads = alternation(self.title_heads)
        return regex.compile(rf"(?P<t>[\p{{Han}}]{{0,12}}?(?:{heads}))(?P<n>{_NUM})(?:{self.counters})")

    @cached_property
    def commended(self) -> regex.Pattern[str]:
        batch, heads = alternation(self.batch_words), alternation(self.title_heads)
        return regex.compile(
            rf"表彰(?:了|的)?(?:[^,。;:!?\n“”]{{1,30}}的)?(?:{batch})?"
            rf"(?P<t>[\p{{Han}}]{{0,10}}?(?:{heads})(?:(?:和|及|与)(?:[\p{{Han}}]{{0,10}}?(?:{heads})))?)"
            rf"(?=[{_BOUNDARY_PUNCT}]|$|受到|获得|荣获|参加|代表)"
        )

    @cached_property
    def ranked(self) -> regex.Pattern[str]:
        verbs, ranks = alternation(self.rank_verbs), alternation(self.rank_titles)
        return regex.compile(
            rf"在(?P<event>[^,。;:!?\n在]{{2,30}}?)(?:中|上)(?:\p{{Han}}{{0,4}}?)(?:{verbs})(?P<rank>{ranks})"
        )

    @cached_property
    def graded(self) -> regex.Pattern[str]:
        scopes, heads = alternation(self.graded_scopes), alternation(self.graded_heads)
        return regex.compile(rf"(?P<scope>{scopes})?(?P<grades>[一二](?:级)?(?:、[一二])?)级(?:{heads})")

    @cached_property
    def counters(self) -> str:
        return alternation(self.recipient_counters)

    @cached_property
    def counted(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?P<n>{_NUM})(?:{self.counters})")

    @cached_property
    def counted_run(self) -> regex.Pattern[str]:
        group = rf"{_NUM}(?:{self.counters})[^\d、和及,]{{0,14}}"
        return regex.compile(rf"(?:{group}(?:、|和|及))*{group}$")

    @cached_property
    def counted_group(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?P<n>{_NUM})(?:{self.counters})[^\d、和及,]{{0,14}}")

    @cached_property
    def fact_box(self) -> regex.Pattern[str]:
        return regex.compile(
            rf"(?:^|(?<=[\n\s,。;]))(?:{alternation(self.fact_box_labels)}):(?P<body>[^\n。]{{2,200}})"
        )

    @cached_property
    def noise(self) -> regex.Pattern[str]:
        noise = alternation(self.recipient_noise)
        return regex.compile(rf"(?:{noise}|连续(?:第)?{_NUM}年|第?{_NUM}年度?|(?:一年)?{_NUM}[次度]?|的|[,、\s●·])+$")

    @cached_property
    def leads(self) -> regex.Pattern[str]:
        return regex.compile(rf"^[●·\s]*(?:{alternation(self.recipient_leads)})?")

    @cached_property
    def org_run(self) -> regex.Pattern[str]:
        return regex.compile(self._org(self.org_heads))

    @cached_property
    def org_head(self) -> regex.Pattern[str]:
        return regex.compile(alternation(self.org_heads))

    @cached_property
    def conferrer_head(self) -> regex.Pattern[str]:
        return regex.compile(alternation(self.conferrer_heads))

    @cached_property
    def conferrer(self) -> regex.Pattern[str]:
        return regex.compile(self._org(self.conferrer_heads, 0))

    @cached_property
    def names(self) -> regex.Pattern[str]:
        """A list of persons (surname + one or two characters) or bodies, ending where a name may end."""
        person = rf"(?:{alternation(self.compound_surnames)}|[{self.surnames}])\p{{Han}}{{1,2}}?"
        one = rf"(?:{self._org(self.org_heads)}|{person})"
        ends = alternation(self.name_ends)
        end = rf"(?=(?:{ends})|[{_BOUNDARY_PUNCT}]|$)"
        return regex.compile(rf"(?P<n>{one}{end}(?:、{one}{end}){{0,9}})")


@cache
def honour_table() -> HonourTable:
    return load_table("honours.json", HonourTable)


@dataclass(frozen=True, slots=True)
class HonourDraft:
    title: str
    recipient: str | None
    conferrer: str | None
    count: int | None
    start: int
    end: int
    rule: str


def _count(numeral: str) -> int | None:
    numeral = numeral.rstrip("余多")
    try:
        return int(arabic_value(numeral) if numeral[0].isdigit() else chinese_value(numeral))
    except (NumeralError, ValueError, IndexError):
        return None


class _Reader:
    """One text, its segments and the table; the helpers every rule shares."""

    __slots__ = ("quote_ends", "quote_starts", "seg", "table", "text")

    def __init__(self, text: str, seg: Segments) -> None:
        self.text, self.seg, self.table = text, seg, honour_table()
        pairs = [(s, e) for s, e in zip(seg.quote_starts, seg.quote_ends, strict=True) if text[s] in _TITLE_QUOTES]
        self.quote_starts = [s for s, _ in pairs]
        self.quote_ends = [e for _, e in pairs]

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.quote_starts, pos)
        if i < len(self.quote_starts) and self.quote_starts[i] == pos:
            return pos, self.quote_ends[i]
        return None

    def next_quote(self, pos: int, limit: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.quote_starts, pos)
        if i < len(self.quote_starts) and self.quote_starts[i] <= limit:
            return self.quote_starts[i], self.quote_ends[i]
        return None

    def phrase_before(self, pos: int) -> str:
        cs, _ = self.seg.clause(pos)
        return self.text[max(cs, pos - _RECIPIENT_MAX) : pos]

    def recipients(self, phrase: str) -> list[Recipient]:
        """Who received it, from the words before the verb: counted groups (4个集体、18名个人) one by one,
        else a run of bodies (山东省公安厅、青岛市公安局), else the words after the last 的."""
        t = self.table
        if "因" in phrase or "由于" in phrase:  # every _CAUSE match holds one
            phrase = _CAUSE.sub("", phrase)
        phrase = t.leads.sub("", t.noise.sub("", phrase).strip())
        if not phrase:
            return [(None, None)]
        run = t.counted_run.search(phrase)
        if run is not None:
            return [(g.group(), _count(g.group("n"))) for g in t.counted_group.finditer(run.group())]
        orgs = list(t.org_run.finditer(phrase)) if t.org_head.search(phrase) else []
        if orgs and (orgs[-1].end() == len(phrase) or orgs[0].start() == 0):
            best = orgs[-1] if orgs[-1].end() == len(phrase) else orgs[0]
            return [(best.group(), None)]
        tail = phrase.split("的")[-1]
        return [(tail if len(tail) >= 2 else phrase, None)]

    def conferrer_of(self, words: str) -> str | None:
        if not self.table.conferrer_head.search(words):
            return None  # the body pattern is costly; most words hold no body at all
        m = self.table.conferrer.match(words.strip())
        return m.group() if m else None

    def titles_plain(self, at: int, end: int) -> list[Title]:
        """Unquoted titles from ``at``: a list closed by 等称号 (its items need no head), or titles ending in a
        head, one or joined by 、/和/及."""
        closed = self.table.closed_list.match(self.text, at, end)
        if closed is not None:
            return [(i.group(), i.start(), i.end()) for i in _BOX_ITEM.finditer(self.text, at, closed.end("l"))]
        out: list[Title] = []
        pos = at
        while (m := self.table.plain_title.match(self.text, pos, end)) is not None:
            out.append((m.group("t"), m.start(), m.end()))
            sep = _AND.match(self.text, m.end(), m.end() + 2)
            if sep is None:
                break
            pos = sep.end()
        return out

    def quoted_run(self, at: int, prefix: str = "") -> list[Title] | None:
        """Quoted titles from the quote at ``at``: “A”“B”、“C”和D省“E”, each with the prefix before it and a head
        that continues it (“三八”红旗集体), kept up to the last one that what follows may end (a suffix, a
        separator, a boundary)."""
        items: list[Title] = []
        good = 0
        pos = at
        while (q := self.quote_at(pos)) is not None and len(items) < 8:
            tail = self.table.quote_tail.match(self.text, q[1])
            end = tail.end() if tail else q[1]
            title = prefix + self.text[q[0] + 1 : q[1] - 1] + (tail.group() if tail else "")
            items.append((title, q[0] - len(prefix), end))
            if self.table.after_title.match(self.text, end) is not None:
                good = len(items)
            nxt = self._next_item(end)
            if nxt is None:
                break
            prefix, pos = nxt
        return items[:good] or None

    def _next_item(self, pos: int) -> tuple[str, int] | None:
        sep = _LIST_SEP.match(self.text, pos)
        at = pos + (sep.end() - sep.start() if sep else 0)
        q = self.next_quote(at, at + 12)
        if q is None:
            return None
        words = self.text[at : q[0]]
        if words and (sep is None or not self.table.prefix.match(words)):
            return None
        return words, q[0]


def _drafts(titles: list[Title], groups: list[Recipient], conferrer: str | None, rule: str) -> Iterator[HonourDraft]:
    for title, s, e in titles:
        for recipient, count in groups:
            yield HonourDraft(title, recipient, conferrer, count, s, e, rule)


def _award(r: _Reader) -> Iterator[HonourDraft]:
    for v in r.table.award.finditer(r.text):
        verb, conf = v.group("verb"), v.group("conf")
        groups = r.recipients(r.phrase_before(v.start()))
        _, sentence_end = r.seg.sentence(v.end())
        quoted = _quoted_titles(r, v.end(), verb, conf is None)
        if quoted is not None:
            titles, between, by = quoted
            groups = _place_after(r, titles[-1][2], groups)
            yield from _paired_or_all(
                r, titles, [(between, None)] if between else groups, verb, conf or by, "honour.award.quoted"
            )
            continue
        plain = r.titles_plain(v.end(), sentence_end)
        if plain:
            groups = _place_after(r, plain[-1][2], groups)
            plain[0] = (plain[0][0], v.start("verb") if conf is None else v.start(), plain[0][2])
            yield from _paired_or_all(r, plain, groups, verb, conf, "honour.award.plain")


def _place_after(r: _Reader, end: int, groups: list[Recipient]) -> list[Recipient]:
    """三次蝉联“长安杯”,宜昌全面开展…: with nobody named before the verb, a place opening the next clause."""
    if groups != [(None, None)] or r.text[end : end + 1] != ",":
        return groups
    found = find_regions(r.text[end + 1 : end + 13])
    return [(found[0].text, None)] if found and found[0].start == 0 else groups


def _ends_in_head(t: HonourTable, title: str) -> bool:
    return title.endswith(tuple(t.title_heads))


def _paired_or_all(
    r: _Reader, titles: list[Title], groups: list[Recipient], verb: str, conf: str | None, rule: str
) -> Iterator[HonourDraft]:
    if verb in r.table.paired_verbs and len(titles) == len(groups) > 1:
        for (title, s, e), (recipient, count) in zip(titles, groups, strict=True):
            yield HonourDraft(title, recipient, conf, count, s, e, BOOK.name("honour.award.paired"))
        return
    yield from _drafts(titles, groups, conf, BOOK.name(rule))


def _quoted_titles(r: _Reader, at: int, verb: str, active: bool) -> tuple[list[Title], str | None, str | None] | None:
    """Quoted titles after a verb, with the recipient or conferrer that sits between verb and quote."""
    t, text = r.table, r.text
    q = r.next_quote(at, at + 14)
    if q is None:
        return None
    between = _between(r, text[at : q[0]], verb, active)
    if between is None:
        return None
    prefix, recipient, conferrer = between
    run = r.quoted_run(q[0], prefix)
    if run is None:
        return None
    if verb in t.suffix_required_verbs and not t.title_close.match(text, run[-1][2]):
        return None  # 获得“…” without 称号/荣誉 is usually praise, not a title
    return run, recipient, conferrer


def _between(r: _Reader, words: str, verb: str, active: bool) -> tuple[str, str | None, str | None] | None:
    """Words between verb and quote: a place, level or system prefix of the title (上海市“…”), a conferring
    body (公安部首批“…”), or after an active 授予 the recipient (授予张三“…”称号). Returns (prefix, recipient,
    conferrer); None when the quote is not this verb's title."""
    t = r.table
    words = t.skip_tail.sub("", words)
    if not words:
        return "", None, None
    if not _PREFIX_WORDS.fullmatch(words):
        return None
    if t.prefix.match(words):
        return words, None, None
    by = r.conferrer_of(words)
    if by == words:
        return "", None, by
    if active and verb in t.active_grant_verbs:
        return "", words, None
    return None


def _merit(r: _Reader) -> Iterator[HonourDraft]:
    for m in r.table.merit.finditer(r.text):
        recipient_words, conferrer = _split_conferrer(r, r.phrase_before(m.start()))
        groups = r.recipients(recipient_words)
        for title in _merit_titles(r.table, m.captures("g")):
            for recipient, count in groups:
                yield HonourDraft(
                    title, recipient, m.group("mc") or conferrer, count, m.start(), m.end(), BOOK.name("honour.merit")
                )


def _merit_titles(t: HonourTable, items: list[str]) -> list[str]:
    """集体一等功、二等功 -> one title per group word (集体 / 个人), the group word carried to later items."""
    by_group: dict[str, list[str]] = {}
    group = ""
    for item in items:
        for g in t.merit_groups:
            if item.startswith(g):
                group, item = g, item[len(g) :]
        grades = item[: -len("等功")].split("、")
        by_group.setdefault(group, []).extend(f"{group}{g}等功" for g in grades)
    return ["/".join(dict.fromkeys(v)) for v in by_group.values()]


def _split_conferrer(r: _Reader, phrase: str) -> tuple[str, str | None]:
    """X被Y记 / Y为X记 / Y给X荣记 / X获Y荣记的: the recipient words and the conferrer."""
    m = _BY.search(phrase)
    if m is not None:
        return phrase[: m.start()], r.conferrer_of(m.group("c"))
    m = _FOR.search(phrase)
    if m is not None:
        return m.group("r"), r.conferrer_of(_TO_CLAUSE.sub("", phrase[: m.start()]))
    m = _GOT_FROM.search(phrase)
    if m is not None:
        return phrase[: m.start()], r.conferrer_of(m.group("c"))
    return phrase, None


def _commendation(r: _Reader) -> Iterator[HonourDraft]:
    t = r.table
    for m in t.commend.finditer(r.text):
        c = m.group("c").strip("了 ")
        groups = r.recipients(r.phrase_before(m.start()))
        by = r.conferrer_of(c) if c else None
        if not _named_commendation(t, c, by, m.group("w"), groups):
            continue
        title = c + t.fillers.sub("", m.group("w"))
        rule = BOOK.name("honour.commendation")
        for recipient, count in groups:
            yield HonourDraft(title, recipient, by, count, m.start(), m.end(), rule)


def _named_commendation(t: HonourTable, c: str, by: str | None, word: str, groups: list[Recipient]) -> bool:
    """A commendation is an honour when something names it: a conferring body or a level (受到党中央表彰,
    省部级以上表彰), a compound word (通报表扬), or counted recipients (260名辅警受到表彰); not 受到群众表扬."""
    if by is not None or word in t.compound_commend_words or t.level.search(c):
        return True
    return all(n is not None for _, n in groups)


def _granted(r: _Reader) -> Iterator[HonourDraft]:
    for m in r.table.granted.finditer(r.text):
        conferrer = r.conferrer_of(r.phrase_before(m.start()))
        yield HonourDraft(m.group("w"), m.group("r"), conferrer, None, m.start(), m.end(), BOOK.name("honour.granted"))


def _message(r: _Reader) -> Iterator[HonourDraft]:
    for w in r.table.message_word.finditer(r.text):
        cs, _ = r.seg.clause(w.start())
        start = max(cs, w.start() - _RECIPIENT_MAX)
        by = r.table.message_by.search(r.text, start, w.start())
        if by is not None:
            rule = BOOK.name("honour.message")
            yield HonourDraft(w.group(), None, by.group("c"), None, by.start(), w.end(), rule)


def _quota(r: _Reader) -> Iterator[HonourDraft]:
    """表彰了100个全国优秀公安局、50名优秀民警 / 评选出30名…的“A”和150名…的“A”: one honour per counted group."""
    t, text = r.table, r.text
    if t.quota_hint.search(text) is None:
        return
    for v in t.quota.finditer(text):
        pos = v.end()
        _, sentence_end = r.seg.sentence(pos)
        while (n := t.counted.match(text, pos, sentence_end)) is not None:
            found = _quota_title(r, n.end(), sentence_end)
            if found is None:
                break
            title, title_start, end = found
            who = _FROM_OF.sub("", text[n.start() : title_start].strip())
            yield HonourDraft(title, who, None, _count(n.group("n")), n.start(), end, BOOK.name("honour.quota"))
            sep = _AND_COMMA.match(text, end, end + 2)
            if sep is None:
                break
            pos = sep.end()


def _quota_after(r: _Reader) -> Iterator[HonourDraft]:
    """表彰先进集体50个、先进个人100名: one honour per title, counted by the number after it."""
    t, text = r.table, r.text
    if t.quota_hint.search(text) is None:
        return
    for v in t.quota_after.finditer(text):
        pos = v.end()
        while (m := t.title_count.match(text, pos)) is not None:
            title, count = m.group("t"), _count(m.group("n"))
            yield HonourDraft(title, None, None, count, m.start(), m.end(), BOOK.name("honour.quota"))
            sep = _AND_COMMA.match(text, m.end(), m.end() + 2)
            if sep is None:
                break
            pos = sep.end()


def _quota_title(r: _Reader, at: int, end: int) -> Title | None:
    plain = r.table.plain_title.match(r.text, at, end)
    if plain is not None and _ends_in_head(r.table, plain.group("t")):
        return plain.group("t"), plain.start(), plain.end()
    q = r.next_quote(at, min(at + 30, end))
    if q is None or _CLAUSE_PUNCT.search(r.text, at, q[0]):
        return None
    run = r.quoted_run(q[0])
    if run is None:
        return None
    return run[0][0], at, run[0][2]


def _commended(r: _Reader) -> Iterator[HonourDraft]:
    """表彰…的一批先进集体和先进个人 / 受表彰的先进集体和个人: the commended categories as one title."""
    for m in r.table.commended.finditer(r.text):
        title = m.group("t")
        if len(title) < 4:
            continue  # 表彰先进、树立典型: a bare head names no honour
        yield HonourDraft(title, title, None, None, m.start(), m.end(), BOOK.name("honour.commended"))


def _ranked(r: _Reader) -> Iterator[HonourDraft]:
    """在2023年全省“X”比武中勇夺第一: the contest (year and quote marks dropped) and the rank."""
    for m in r.table.ranked.finditer(r.text):
        event = _YEAR_AND_QUOTES.sub("", m.group("event"))
        who = r.recipients(r.phrase_before(m.start()))
        yield HonourDraft(
            event + m.group("rank"), who[0][0], None, None, m.start(), m.end(), BOOK.name("honour.ranked")
        )


def _graded(r: _Reader) -> Iterator[HonourDraft]:
    """一级英模 / 一级、二级英模 / 全国公安系统二级英模张三、李四: graded hero titles, with the names after."""
    t, text = r.table, r.text
    for m in t.graded.finditer(text):
        if r.seg.quote_around(m.start(), m.end()) is not None:
            continue  # a quoted title is read whole by the quote rules
        scope = m.group("scope") or ""
        grades = [g for g in m.group("grades").replace("级", "").split("、") if g]
        title = "/".join(f"{scope}{g}级英模" for g in grades)
        names = t.names.match(text, m.end())
        end = names.end() if names else m.end()
        yield HonourDraft(
            title, names.group("n") if names else None, None, None, m.start(), end, BOOK.name("honour.graded")
        )


def _fact_box(r: _Reader) -> Iterator[HonourDraft]:
    """荣誉:A、B、C — each listed item is a title."""
    for m in r.table.fact_box.finditer(r.text):
        for item in _BOX_ITEM.finditer(m.group("body")):
            s, e = m.start("body") + item.start(), m.start("body") + item.end()
            title = item.group().strip('“”"「」『』')
            if len(title) >= 2:
                yield HonourDraft(title, None, None, None, s, e, BOOK.name("honour.fact_box"))


def _appositive(r: _Reader) -> Iterator[HonourDraft]:
    """“全国优秀人民警察”张三、李四: a quoted title ending in a title head, then names (persons or bodies)."""
    t, text = r.table, r.text
    heads = tuple(t.title_heads)
    for s, e in zip(r.quote_starts, r.quote_ends, strict=True):
        title = text[s + 1 : e - 1]
        names = t.names.match(text, e) if title.endswith(heads) else None
        if names is not None:
            yield HonourDraft(title, names.group("n"), None, None, s, names.end(), BOOK.name("honour.appositive"))


Rule = Callable[[_Reader], Iterator[HonourDraft]]
# order matters: a later rule's draft that repeats an earlier one at the same place is dropped
_RULES: tuple[Rule, ...] = (
    _merit,
    _ranked,
    _award,
    _commendation,
    _granted,
    _message,
    _quota,
    _quota_after,
    _commended,
    _fact_box,
    _appositive,
    _graded,
)


def _same(a: HonourDraft, b: HonourDraft) -> bool:
    if a.start >= b.end or b.start >= a.end:
        return False
    if not (a.title in b.title or b.title in a.title):
        return False
    return a.rule != b.rule or a.recipient == b.recipient


def _shared_recipients(seg: Segments, drafts: list[HonourDraft]) -> Iterator[HonourDraft]:
    """该所荣立集体一等功,被公安部授予…: an honour whose clause names no recipient goes to the last one named
    in the same sentence."""
    last: tuple[int, str | None, int | None] = (-1, None, None)
    for d in drafts:
        sentence, _ = seg.sentence(d.start)
        if d.recipient is None and last[0] == sentence and last[1] is not None:
            yield HonourDraft(d.title, last[1], d.conferrer, last[2], d.start, d.end, d.rule)
            continue
        if d.recipient is not None:
            last = (sentence, d.recipient, d.count)
        yield d


class _Kept:
    """The drafts kept so far, sorted by start, so a new draft is compared only with those near it."""

    __slots__ = ("drafts", "longest", "starts")

    def __init__(self) -> None:
        self.drafts: list[HonourDraft] = []
        self.starts: list[int] = []
        self.longest = 0

    def repeats(self, d: HonourDraft) -> bool:
        lo = bisect.bisect_left(self.starts, d.start - self.longest)
        hi = bisect.bisect_left(self.starts, d.end)
        return any(_same(d, k) for k in self.drafts[lo:hi])

    def add(self, new: list[HonourDraft]) -> None:
        for d in new:
            i = bisect.bisect_right(self.starts, d.start)
            self.starts.insert(i, d.start)
            self.drafts.insert(i, d)
            self.longest = max(self.longest, d.end - d.start)


def find_honours(text: str, seg: Segments) -> list[HonourDraft]:
    r = _Reader(text, seg)
    kept = _Kept()
    for rule in _RULES:
        kept.add([d for d in rule(r) if not kept.repeats(d)])
    return list(_shared_recipients(seg, sorted(kept.drafts, key=lambda d: (d.start, d.end))))
