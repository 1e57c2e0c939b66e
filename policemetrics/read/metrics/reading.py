"""Reads metrics from number candidates: decides which numbers are statistics and what they mean.

The readings of one number are named rules (:mod:`.readings`); this module handles what spans several numbers:
lists of values (X、Y分别为a、b), baselines consumed by 由A升至B, and the carry-over of an indicator to a change
or level that has no words of its own.
"""

from __future__ import annotations

from dataclasses import replace

from policemetrics.read.metrics.draft import Draft, Site
from policemetrics.read.metrics.phrases import split_list
from policemetrics.read.metrics.readings import INDICATOR, read_one, value_chain, window
from policemetrics.read.metrics.role import role_of
from policemetrics.read.metrics.table import metric_table
from policemetrics.recognise.quantities.scanner import Candidate
from policemetrics.text.segments import Segments

_LISTED_KINDS = frozenset({"percent", "points", "score", "multiple"})
_COUNT_KINDS = frozenset({"count", "money"})
_SHARED_KINDS = frozenset({"percent", "points", "multiple"})
_CARRY_GAP = 40  # characters between a figure and the next sentence's bare change that it names


def _continues(text: str, cands: list[Candidate], head: int, last: int) -> bool:
    """Does the candidate after ``last`` continue the list of values that ``head`` opens?"""
    nxt = last + 1
    if nxt >= len(cands):
        return False
    gap = text[cands[last].end : cands[nxt].start]
    first = cands[head]
    # 上升22.7%20.1%: a page that lost its 、 between two percentages (nothing else writes them back to back)
    if gap not in metric_table().value_separators and not (gap == "" and first.kind == "percent"):
        return False
    if cands[nxt].unit != first.unit:
        return False
    if first.kind in _LISTED_KINDS:
        return True
    # counts form a list only after 分别 (酒驾、醉驾分别为520起、86起)
    return first.kind in _COUNT_KINDS and "分别" in text[max(0, first.start - 6) : first.start]


def _value_lists(text: str, cands: list[Candidate]) -> list[list[int]]:
    """Runs of candidates of one unit written as a、b、c (the values of X、Y、Z分别…)."""
    runs: list[list[int]] = []
    i = 0
    while i < len(cands):
        run = [i]
        while _continues(text, cands, i, run[-1]):
            run.append(run[-1] + 1)
        runs.append(run)
        i = run[-1] + 1
    return runs


def _site(text: str, seg: Segments, cands: list[Candidate], index: int, consumed: set[int], keep: bool) -> Site:
    c = cands[index]
    cs, ce = window(seg, c)
    return Site(text, seg, cands, index, cs, ce, keep, consumed, c, text[cs : c.start])


def _spread(head: Draft, run: list[int], text: str, seg: Segments, cands: list[Candidate]) -> dict[int, Draft]:
    """One draft per value of a list; the indicators pair with the values in order when the counts agree."""
    names = split_list(head.indicator or "", len(run))
    paired = len(names) == len(run)
    rule = INDICATOR.name("indicator.respectively" if paired else "indicator.list")
    out = {}
    for k, idx in enumerate(run):
        cs, ce = window(seg, cands[idx])
        d = head.copy()
        d.cand = cands[idx]
        d.clause = (min(cs, head.clause[0]), max(ce, head.clause[1]))
        d.indicator = names[k] if paired else head.indicator
        d.indicator_rule = rule if d.indicator else None
        d.listed = (k, len(run))
        if head.value is not None:  # an override (rank, signed change) is read from each value itself
            d.value = abs(cands[idx].value)
        out[idx] = d
    return out


def _share_units(text: str, cands: list[Candidate]) -> list[Candidate]:
    """17.8、19.8个百分点: bare numbers listed before a figure with a unit take its unit (and kind)."""
    out = list(cands)
    for i in range(len(out) - 2, -1, -1):
        c, nxt = out[i], out[i + 1]
        if c.kind != "number" or c.unit is not None or nxt.kind not in _SHARED_KINDS:
            continue
        if text[c.end : nxt.start] in metric_table().value_separators:
            out[i] = replace(c, kind=nxt.kind, unit=nxt.unit, rule=nxt.rule)
    return out


def _fraction_shares(text: str, cands: list[Candidate]) -> list[Candidate]:
    """三分之一 of something is a share (SCHEMA: X分之Y is Y/X in %): 33.3 %, read like any percentage (a level,
    or a change after 下降). The number layer keeps the plain value 1/3; a written 3/4 is left as it is."""
    out = cands
    for i, c in enumerate(cands):
        if c.rule == "number.fraction" and c.unit is None and "分之" in text[c.num_start : c.end]:
            out = out if out is not cands else list(cands)
            out[i] = replace(c, value=c.value * 100, kind="percent", unit="%", rule="percent.fraction")
    return out


def read_metrics(text: str, cands: list[Candidate], seg: Segments) -> list[Draft]:
    cands = _share_units(text, _fraction_shares(text, cands))
    consumed: set[int] = set()
    drafts: dict[int, list[Draft]] = {}
    for run in _value_lists(text, cands):
        head = read_one(_site(text, seg, cands, run[0], consumed, len(run) > 1))
        if head is None:
            continue
        if len(run) == 1:
            drafts[run[0]] = split_counted_items(head) if head.kind == "rank" else _each_listed(head, text)
        else:
            drafts.update({idx: [d] for idx, d in _spread(head, run, text, seg, cands).items()})
    out = [d for idx in sorted(drafts) if idx not in consumed for d in drafts[idx]]
    _respective(out, text, seg, cands)
    sentences = [seg.sentence(d.cand.start) for d in out]  # once per figure: role and carry-over both ask
    for d, sentence in zip(out, sentences, strict=True):
        d.role, d.role_rule = role_of(text, seg, d, sentence)
    return _carry_over(out, text, sentences)


_RESPECTIVELY = "分别"


def _respective(drafts: list[Draft], text: str, seg: Segments, cands: list[Candidate]) -> None:
    """X、Y分别为a、b / 分别由a、b升至c、d: the k-th of n figures written as a list after 分别 takes the k-th of the n
    items named before 分别, whatever their units (the list reader pairs only values of one unit). Applied only
    where each figure of the list is named by an item of that list or by nothing (the reading took the nearest
    item): 武汉、宜昌分别破案a、b names the figures by 破案, not by the list."""
    if _RESPECTIVELY not in text:
        return
    index: dict[int, int] = {}
    named: dict[int, str | None] = {}
    for d in drafts:
        cs = seg.clause(d.cand.start)[0]
        at = text.rfind(_RESPECTIVELY, cs, d.cand.start)
        if at < 0:
            continue
        if not index:  # made for the first figure after a 分别 (most figures have none)
            index.update((id(c), i) for i, c in enumerate(cands))
            named.update((id(e.cand), e.indicator) for e in drafts)
        i = index.get(id(d.cand))
        if i is None:
            continue
        first, last = value_chain(text, cands, i, at, len(text))
        n = last - first + 1
        items = split_list(text[cs:at], n) if n > 1 else []
        if len(items) == n and {named.get(id(c)) for c in cands[first : last + 1]} <= {*items, None}:
            d.name(items[i - first], INDICATOR.name("indicator.respectively"))


def _carry_over(drafts: list[Draft], text: str, sentences: list[tuple[int, int]]) -> list[Draft]:
    """共破获刑事案件3562起，同比上升12.3%: a change or level with no words of its own is about the
    figure before it (in its sentence, or in the sentence before within the same line), and a change
    without 同比 keeps the comparison before it. A list of values with no names of its own (分别较去年同期升
    a及b) takes the names of as many figures before it, in order. ``sentences[i]`` is the sentence of
    ``drafts[i]``."""
    for i in range(1, len(drafts)):
        d, prev = drafts[i], drafts[i - 1]
        if not _near(text, sentences, i - 1, i, drafts):
            continue
        if d.indicator is None or d.indicator in metric_table().average_words:
            source = _list_source(drafts, i, text, sentences) or prev
            if source.indicator:
                named = (d.indicator or "") + source.indicator + _share_word(d, text)
                d.indicator, d.indicator_rule = named, INDICATOR.name("indicator.carried")
        if d.kind == "change" and d.compare_to is None and prev.compare_to is not None:
            d.compare_to = prev.compare_to
    return drafts


_SHARE = "占比"  # the SCHEMA's name of a share of X: X占比


def _share_word(d: Draft, text: str) -> str:
    """警情近80万起,占比27.6%: a share of the figure before it is named X占比 (the SCHEMA's form), not X."""
    if d.kind != "level" or d.cand.unit != "%":
        return ""
    own = text[d.clause[0] : d.cand.start]
    return _SHARE if any(w in own for w in metric_table().share_words) else ""


def _near(text: str, sentences: list[tuple[int, int]], j: int, i: int, drafts: list[Draft]) -> bool:
    """Same sentence, or the next sentence of the same line (HK and Taiwan reports put a change in a sentence
    of its own: 整体罪案共4万宗。按年升2.3%。)."""
    s_prev, s_d = sentences[j], sentences[i]
    if s_prev == s_d:
        return True
    gap = text[drafts[j].cand.end : drafts[i].cand.start]
    return s_prev[1] == s_d[0] and "\n" not in gap and len(gap) <= _CARRY_GAP


def _list_source(drafts: list[Draft], i: int, text: str, sentences: list[tuple[int, int]]) -> Draft | None:
    """The figure whose name the k-th value of an unnamed list takes: the n figures before the list."""
    d = drafts[i]
    if d.listed is None:
        return None
    k, n = d.listed
    first = i - k - n
    if first < 0 or any(e.listed is not None for e in drafts[first : i - k]):
        return None
    if not all(_near(text, sentences, j, i, drafts) for j in range(first, i - k)):
        return None
    return drafts[first + k]


def _each_listed(d: Draft, text: str) -> list[Draft]:
    """命案、抢劫、抢夺破案率保持100% / 命案、抢劫案件破案率均达到98%: one rate for each listed name, the names
    sharing the head of the last (命案破案率, 抢劫破案率, …). Only where the rate is every item's own: 100%, or
    均/都 before the number; a combined rate (盗窃、诈骗案件破案率为45%) stays one figure."""
    c = d.cand
    if d.kind != "level" or c.unit != "%" or not d.indicator:
        return [d]
    at = text.rfind(d.indicator, d.clause[0], c.start)
    if at < 0 or text.rfind("、", d.clause[0], at) < 0:
        return [d]
    end = at + len(d.indicator)
    if c.value != 100 and not any(w in text[end : c.start] for w in metric_table().distributive_words):
        return [d]
    items = split_list(text[d.clause[0] : end])
    if len(items) < 2 or items[-1] != d.indicator or not d.indicator.endswith(tuple(metric_table().shared_heads)):
        return [d]  # parallel names of one rate (命案、抢劫破案率), not a clause before a rate (开展宣传、满意率)
    out = []
    for name in split_list(text[d.clause[0] : end], len(items)):  # paired: the names share the last one's head
        e = d.copy()
        e.indicator, e.indicator_rule = name, INDICATOR.name("indicator.each")
        out.append(e)
    return out


def split_counted_items(d: Draft) -> list[Draft]:
    """缉毒、禁毒两项指标排名全国第一: one rank per listed item (the count word after the list is dropped)."""
    if d.kind != "rank" or not d.indicator or "、" not in d.indicator:
        return [d]
    m = metric_table().counted_item_list.match(d.indicator)
    items = split_list(m.group("items") if m else d.indicator)
    if len(items) < 2:
        return [d]
    out = []
    for item in items:
        e = d.copy()
        e.indicator, e.indicator_rule = item, INDICATOR.name("indicator.each")
        out.append(e)
    return out
