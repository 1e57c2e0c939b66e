"""The readings of one number: each a small named rule that returns a :class:`Draft` or None.

:func:`read_one` classifies the number (:mod:`.kinds`), then tries the readings in :data:`READINGS` order; the first
that applies wins. Indicator rules (``indicator.*``) record how the words that name the figure were chosen.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

import regex

from policemetrics.read.metrics.draft import Draft, Site
from policemetrics.read.metrics.kinds import RULES, classify, signed_direction
from policemetrics.read.metrics.phrases import after_phrase, before_phrase, clean_indicator, strip_rank_tail
from policemetrics.read.metrics.table import MetricTable, metric_table
from policemetrics.recognise.dates import ROC_OFFSET
from policemetrics.recognise.quantities.scanner import Candidate
from policemetrics.rules import RuleBook
from policemetrics.text.segments import Segments

INDICATOR = RuleBook(
    "indicator",
    {
        "indicator.before": "the words between the clause start (or the previous figure) and the number or its verb",
        "indicator.after": "the noun phrase right after a count (54名民警…)",
        "indicator.share_of": "97.1%的居民群众认为…: a share that opens its clause is named by what follows 的",
        "indicator.previous_clause": "the clause before, in the same sentence, when the own clause names nothing",
        "indicator.shared_before": "172批次5.4万人: the second number shares the words before the first",
        "indicator.sentence_head": "由A减至B after 'X明显减少,': the head of the sentence names the figure",
        "indicator.respectively": "X、Y分别为a、b: each value takes its own item of the list, in order",
        "indicator.list": "a list of values that share one indicator",
        "indicator.carried": "a change or level with no words of its own is about the figure before it",
        "indicator.each": "X、Y两项指标排名第一 / 命案、抢劫破案率保持100%: one figure per listed item",
    },
)

CLAUSE_WINDOW = 80
_DIGIT = regex.compile(r"[0-9一二两三四五六七八九十百千万]")
_YEAR = regex.compile(r"(\d{4})年")
Reading = Callable[[Site, Draft], Draft | None]


def window(seg: Segments, c: Candidate) -> tuple[int, int]:
    """The clause around a number, cut to a bounded window: an indicator is never longer, and the
    bound keeps the reader linear on clauses that never end (digit runs, scraped garbage)."""
    starts = seg.clause_starts
    i = bisect_right(starts, c.start)
    ce = starts[i] if i < len(starts) else len(seg.text)
    if c.end - 1 >= ce:  # 1,400宗: a thousands comma does not end the clause
        _, ce = seg.clause(c.end - 1)
    return max(starts[i - 1], c.start - CLAUSE_WINDOW), min(ce, c.end + CLAUSE_WINDOW)


def compare_of(table: MetricTable, text: str) -> str | None:
    found = None
    if table.compare_hint.search(text) is None:
        return None
    for m in table.compare.finditer(text):
        roc = m.group("roc")
        year = m.group("year") or m.group("year2") or (str(int(roc) + ROC_OFFSET) if roc else None)
        found = year if year else "yoy"
    return found


def _phrase_before(s: Site, end: int, keep_list: bool | None = None) -> tuple[int, str]:
    return before_phrase(s.text, s.cs, end, s.cands, s.index, s.keep_list if keep_list is None else keep_list)


def _previous_clause(s: Site) -> str:
    """The clause before the figure's, in the same sentence (empty when there is none)."""
    if s.cs <= 0 or s.seg.sentence(s.cs - 1) != s.seg.sentence(s.c.start):
        return ""
    start, end = s.seg.clause(s.cs - 1)
    return clean_indicator(s.text[start : end - 1])


def rank_or_streak(s: Site, d: Draft) -> Draft | None:
    """排名全国第一 is named by what precedes; 连续17年获评… and 全国第二大监狱 by what follows."""
    if d.kind != "rank" and d.rule not in ("metric.count.consecutive_years", "metric.count.record_span"):
        return None
    if d.rule == "metric.count.record_span":
        d.exact = True  # 近20年: the last twenty years, not about twenty
        _, phrase = _phrase_before(s, s.c.start)
        verb = metric_table().to_verb.search(phrase) or metric_table().change_anywhere.search(phrase)
        d.name(clean_indicator(phrase[: verb.start()] if verb else phrase), INDICATOR.name("indicator.before"))
        return d
    c, text = s.c, s.text
    d.value, d.unit = c.value, c.unit if d.kind == "count" else None  # a rank has no unit: 第2位 is rank 2
    _, phrase = after_phrase(text, c.end, s.ce)
    d.name(clean_indicator(phrase.removeprefix("大")), INDICATOR.name("indicator.after"))
    if d.kind == "count" and (d.indicator is None or metric_table().level_only.match(d.indicator)):
        # 命案侦破率连续五年保持100%: the words after are a bare verb; the words before name the streak
        _, phrase = _phrase_before(s, max(s.cs, c.start - 2))
        d.name(clean_indicator(phrase), INDICATOR.name("indicator.before"))
    if d.kind == "rank" and not text.startswith("大", c.end):
        _, phrase = before_phrase(text, s.cs, c.start, s.cands, s.index, keep_list=True, cut_at_previous=False)
        d.name(clean_indicator(strip_rank_tail(phrase)), INDICATOR.name("indicator.before"))
    if d.indicator is None and not _previous_clause_has_figure(s):  # …提高0.5个百分点，位居全省第一: carried
        d.name(_previous_clause(s), INDICATOR.name("indicator.previous_clause"))
    return d


def _previous_clause_has_figure(s: Site) -> bool:
    """The clause before names a figure of its own: a figure with no words of its own then takes that figure's
    name (the carry-over), not the clause's words."""
    if s.cs <= 0 or s.index == 0:
        return False
    start, _ = s.seg.clause(s.cs - 1)
    return s.cands[s.index - 1].start >= start  # the number before this one lies in that clause


def value_chain(text: str, cands: list[Candidate], index: int, lo: int, hi: int) -> tuple[int, int]:
    """The run of candidates around ``index`` written as a list (a、b及c: only value separators between them), all
    inside ``lo`` .. ``hi``: (first index, last index)."""
    seps = metric_table().value_separators
    first = last = index
    while first > 0 and cands[first - 1].start >= lo and text[cands[first - 1].end : cands[first].start] in seps:
        first -= 1
    while last + 1 < len(cands) and cands[last + 1].end <= hi and text[cands[last].end : cands[last + 1].start] in seps:
        last += 1
    return first, last


def _baseline(s: Site, from_at: int, verb_at: int) -> tuple[float | None, str | None]:
    """由A升至B: the figure A of B's unit between 由 and the verb (consumed: it is not a figure of its own). After
    分别 (由a、b分别升至c、d) the values pair in order: the k-th after the verb takes the k-th before it."""
    c = s.c
    paired = _paired_baseline(s, from_at, verb_at)
    for j in [paired] if paired is not None else range(s.index - 1, -1, -1):
        prev = s.cands[j]
        if prev.start < (from_at if from_at >= 0 else verb_at) or prev.start < s.cs:
            break
        if prev.end <= verb_at and prev.unit == c.unit:
            s.consumed.add(j)
            years = _YEAR.search(s.text, from_at, prev.start) if from_at >= 0 else None
            return prev.value, years.group(1) if years else None
    return None, None


def _paired_baseline(s: Site, from_at: int, verb_at: int) -> int | None:
    """The index of the k-th value of a list between 由 and the verb, when the figure is the k-th of a list of as
    many values after the verb; else None."""
    if from_at < 0:
        return None
    first, last = value_chain(s.text, s.cands, s.index, verb_at, s.ce)
    if first == last:
        return None
    before = [j for j in range(first - 1, -1, -1) if s.cands[j].start >= from_at and s.cands[j].end <= verb_at]
    if not before:
        return None
    b_first, b_last = value_chain(s.text, s.cands, before[0], from_at, verb_at)
    if b_last - b_first != last - first:
        return None
    return b_first + (s.index - first)


def from_to(s: Site, d: Draft) -> Draft | None:
    """由A升至B / 降至B: B with direction and baseline A; a rate or share is a level, a number of cases a count."""
    if d.rule == "metric.count.record_span":
        return None  # 降至近20年最低: the years frame a record, the verb is about the figure before
    table = metric_table()
    before = s.before
    to = None
    for m in table.to_verb.finditer(before):
        to = m
    if to is None or not (d.kind == "level" or s.c.kind in ("duration", "count", "money")):
        return None
    verb_at = s.cs + to.start()
    from_at = _from_word(s, verb_at)
    d.baseline, year = _baseline(s, from_at, verb_at)
    counted = s.c.kind in ("count", "money")
    d.kind = "count" if counted else "level"
    d.rule = RULES.name("metric.count.from_to" if counted else "metric.level.from_to")
    d.direction = table.to_verbs[to.group()]
    d.compare_to = year or compare_of(table, before)
    _, phrase = _phrase_before(s, from_at if from_at >= 0 else verb_at)
    d.name(clean_indicator(phrase), INDICATOR.name("indicator.before"))
    if d.indicator is None and from_at >= 0:
        d.name(_head_of_change(_previous_clause(s)), INDICATOR.name("indicator.sentence_head"))
    return d


def _from_word(s: Site, verb_at: int) -> int:
    """Where 由 (or 从, when a figure of the same unit follows it: 从92.1%提高到95.6%, not 从严…) opens the start
    value before the verb; -1 when there is none."""
    at = s.text.rfind("由", s.cs, verb_at)
    if at >= 0:
        return at
    at = s.text.rfind("从", s.cs, verb_at)
    j = s.index - 1
    while at >= 0 and j >= 0 and s.cands[j].start > at:  # only the figures between 从 and the number
        if s.cands[j].end <= verb_at and s.cands[j].unit == s.c.unit:
            return at
        j -= 1
    return -1


def _head_of_change(phrase: str) -> str:
    """'外流贩毒人数明显减少' -> '外流贩毒人数': the words before a change verb name the figure."""
    m = metric_table().change_anywhere.search(phrase)
    return clean_indicator(phrase[: m.start()]) if m else ""


def _difference(s: Site, verb: regex.Match[str], sent_start: int) -> bool:
    """A count right after a change verb is an absolute difference (减少了222宗) unless the verb is the
    action itself and nothing compares (增加警力 is not; 同比增加100起 and 较去年同期多两支 are)."""
    table = metric_table()
    if table.compare.search(verb.group()) is not None or table.compare.search(s.text, sent_start, s.cs):
        return True
    return len(verb.group("verb")) == 2 and not verb.group("bridge")


def change(s: Site, d: Draft) -> Draft | None:
    """同比上升25% / 下降超过两成: a change verb right before the number. A count after a change verb is a
    change only when a comparison frames it: 同比增加100起, or 与去年同期1282人相比,增加了901人."""
    table = metric_table()
    before = s.before
    m = table.change_tail.search(before) if table.change_hint.search(before) else None
    if m is None:
        return None
    c, text = s.c, s.text
    sent_start = max(s.seg.sentence(c.start)[0], c.start - CLAUSE_WINDOW)
    if d.kind == "count" and not _difference(s, m, sent_start):
        return None
    d.kind = "change"
    d.rule = RULES.name("metric.change.verb")
    d.direction = table.change_verbs[m.group("verb")]
    d.compare_to = compare_of(table, m.group()) or compare_of(table, text[sent_start : s.cs])
    _, phrase = _phrase_before(s, s.cs + m.start())
    d.name(clean_indicator(phrase), INDICATOR.name("indicator.before"))
    if d.indicator is None and not _DIGIT.search(_previous_clause(s)):
        # 网恋及杀猪盘诈骗犯罪,首三季同比分别上升50%及18.8%: the clause before names the figures
        d.name(_previous_clause(s), INDICATOR.name("indicator.previous_clause"))
    return d


def signed(s: Site, d: Draft) -> Draft | None:
    """(-19.29%) / +9.2%: a signed figure is a change in the direction of its sign."""
    direction = signed_direction(s.text, s.c)
    if direction is None or s.c.kind not in ("percent", "points", "number"):
        return None
    d.kind, d.rule, d.direction = "change", RULES.name("metric.change.signed"), direction  # type: ignore[assignment]
    d.value, d.unit = abs(s.c.value), s.c.unit or "%"
    return d


def level(s: Site, d: Draft) -> Draft | None:
    """满意率达97.61% / 占比24.8% / 增长率为70% (a rate word names a change)."""
    if d.kind not in ("level", "change"):
        return None
    table = metric_table()
    before = s.before.rstrip(" ")  # 占比 12.3%
    tail = table.level_tail.search(before)
    if d.rule == "metric.level.bare" and (tail is None or not before[: tail.start()].endswith(table.rate_ending)):
        return None
    head_end = s.cs + tail.start() if tail else s.c.start
    _, phrase = _phrase_before(s, head_end)
    d.name(clean_indicator(phrase), INDICATOR.name("indicator.before"))
    if d.indicator is None and tail is None and s.text.startswith("的", s.c.end):
        # 97.1%的居民群众认为…: a share that opens its clause is the share of what follows 的
        d.name(clean_indicator(after_phrase(s.text, s.c.end, s.ce)[1]), INDICATOR.name("indicator.share_of"))
    # a previous clause holding a figure names that figure (其中刑事案件312起,占比24.8%): the carry-over then
    # reuses its indicator instead of the clause's words
    if d.indicator is None and not _previous_clause_has_figure(s):
        d.name(_previous_clause(s), INDICATOR.name("indicator.previous_clause"))
    rate = table.rate_word.search(d.indicator) if d.indicator else None
    sent_start = max(s.seg.sentence(s.c.start)[0], s.c.start - CLAUSE_WINDOW)
    if rate is not None:
        d.kind, d.rule, d.direction = "change", RULES.name("metric.change.rate"), table.rate_words[rate.group()]
        if d.indicator == rate.group():  # 减幅43.2%: the rate word alone is about the figure before it
            d.indicator, d.indicator_rule = None, None
        d.compare_to = compare_of(table, s.text[sent_start : s.c.start])
        return d
    d.kind = "level"
    if d.rule.startswith("metric.change"):
        d.rule = RULES.name("metric.level.verb")
    d.compare_to = compare_of(table, before)
    return d


def count(s: Site, d: Draft) -> Draft:
    """54名民警… is named by the noun after it; 抓获嫌疑人328人 by the words before."""
    c, text = s.c, s.text
    _, a_phrase = after_phrase(text, c.end, s.ce)
    d.name(clean_indicator(a_phrase), INDICATOR.name("indicator.after"))
    b_start, b_phrase = _phrase_before(s, c.start)
    b_clean = clean_indicator(b_phrase)
    if d.indicator is None or (text.startswith("的", c.end) and b_clean):
        # 5万亿元的新台阶: a number before 的 qualifies what follows; the phrase before names it
        d.name(b_clean, INDICATOR.name("indicator.before"))
    if d.indicator is None and b_start > s.cs and s.index > 0:
        _, phrase = before_phrase(text, s.cs, s.cands[s.index - 1].start, s.cands, s.index - 1)
        d.name(clean_indicator(phrase), INDICATOR.name("indicator.shared_before"))
    return d


READINGS: tuple[Reading, ...] = (rank_or_streak, signed, from_to, change, level)


def read_one(s: Site) -> Draft | None:
    """The reading of the number at ``s``, or None when it is no statistic."""
    first = classify(s.text, s.c, s.seg)
    if first is None:
        return None
    kind, rule = first
    d = Draft(cand=s.c, kind=kind, rule=rule, clause=(s.cs, s.ce))
    for reading in READINGS:
        got = reading(s, d)
        if got is not None:
            return got
    if d.rule == "metric.level.bare":
        return None
    if d.kind in ("level", "change"):  # pragma: no cover - level() reads every level and change
        return None
    return count(s, d)
