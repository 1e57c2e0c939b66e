"""Reads metrics from number candidates: decides which numbers are statistics and what they mean.

Each rule that fires is named in ``Draft.rule`` (and so in ``Metric.rule``) so a wrong metric can be
traced back to the rule that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from policemetrics.models import Direction, MetricKind
from policemetrics.read.metrics.phrases import after_phrase, before_phrase, clean_indicator, split_list, strip_rank_tail
from policemetrics.read.metrics.table import MetricTable, metric_table
from policemetrics.recognise.quantities.scanner import Candidate
from policemetrics.recognise.quantities.table import quantity_table
from policemetrics.text.segments import Segments

_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"[0-9一二两三四五六七八九十百千万]")
CLAUSE_WINDOW = 80
_LEVEL_KINDS = frozenset({"percent", "points", "score", "number"})
_COUNT_KINDS = frozenset({"count", "money"})


@dataclass(frozen=True)
class Draft:
    cand: Candidate
    kind: MetricKind
    rule: str
    clause: tuple[int, int]
    direction: Direction | None = None
    baseline: float | None = None
    compare_to: str | None = None
    indicator: str | None = None
    indicator_at: int | None = None  # normalised position where the indicator phrase starts
    value: float | None = None  # overrides the candidate's value/unit when set
    unit: str | None = None
    notes: list[str] = field(default_factory=list)


def _quoted_name(c: Candidate, seg: Segments) -> bool:
    """Inside a quoted name such as “30件实事”, unless the quote holds nothing but the number."""
    q = seg.quote_around(c.start, c.end)
    return q is not None and (q[1] - q[0]) - (c.end - c.start) > 2


def _rank_scope(text: str, c: Candidate) -> bool:
    table = quantity_table()
    window = text[max(0, c.start - 4) : c.start]
    if not any(window.endswith(s) for s in table.rank_scopes):
        return False
    rest = text[c.end : c.end + 2]
    return not any(rest.startswith(b) for b in table.rank_blockers)


def _followed_by_idiom(text: str, c: Candidate) -> bool:
    return quantity_table().idiom.match(text, c.end) is not None


def _first_reading(text: str, c: Candidate, seg: Segments) -> tuple[MetricKind, str] | None:
    """Is this number a statistic at all, and of which broad kind? None for dates, names, idioms."""
    if _followed_by_idiom(text, c) or c.value < 0:
        return None  # idioms; negative figures are written as 下降/减少 in these reports, so a minus is noise
    if c.kind == "ordinal":
        if c.unit == "年" and text[max(0, c.start - 2) : c.start] == "连续":
            return "count", "count.consecutive_years"
        ranked = c.unit in (None, "名", "位") and c.value >= 1  # 第一 / 第2位 / 第3名
        if ranked and _rank_scope(text, c) and seg.quote_around(c.start, c.end) is None:
            return "rank", "rank.scope"
        return None
    if _quoted_name(c, seg):
        return None
    if c.chinese and c.value == 1 and c.unit is not None:
        return None  # 一支队伍, 一个又一个: idiom far more often than a count
    if c.kind == "duration":
        before = text[max(0, c.start - 2) : c.start]
        after = text[c.end : c.end + 1]
        if before == "连续" and c.unit == "年":
            return "count", "count.consecutive_years"
        if c.approx == "less_than" or after == "后":
            return "count", "duration.bounded"
        return None
    if c.kind in _COUNT_KINDS:
        return "count", f"count.{c.kind}"
    if c.kind == "multiple":
        return "change", "change.multiple"
    if c.kind in ("percent", "points", "score"):
        return "level", f"level.{c.kind}"
    if c.kind == "number":
        nxt = text[c.end : c.end + 1]
        if c.multiplied and not c.chinese and (not nxt or _HAN.match(nxt) or nxt in ",。;、"):
            return "count", "count.bare_wan"
        return "level", "level.bare"  # kept only when a from/to or level verb confirms it
    return None


def _compare(table: MetricTable, text: str) -> str | None:
    found = None
    for m in table.compare.finditer(text):
        year = m.group("year") or m.group("year2")
        found = year if year else "yoy"
    return found


def _window(seg: Segments, c: Candidate) -> tuple[int, int]:
    """The clause around a number, cut to a bounded window: an indicator is never longer, and the
    bound keeps the reader linear on clauses that never end (digit runs, scraped garbage)."""
    cs, ce = seg.clause(c.start)
    return max(cs, c.start - CLAUSE_WINDOW), min(ce, c.end + CLAUSE_WINDOW)


def _read_one(
    text: str,
    seg: Segments,
    c: Candidate,
    consumed: set[int],
    cands: list[Candidate],
    index: int,
    keep_list: bool = False,
) -> Draft | None:
    table = metric_table()
    first = _first_reading(text, c, seg)
    if first is None:
        return None
    kind, rule = first
    cs, ce = _window(seg, c)
    before_all = text[cs : c.num_start]
    draft = Draft(cand=c, kind=kind, rule=rule, clause=(cs, ce))
    if kind == "rank" or rule == "count.consecutive_years":
        # 连续17年获评… and 全国第二大监狱群落 are named by what follows; 排名全国第一 by what precedes
        a_start, a_phrase = after_phrase(text, c.end, ce)
        phrase_start, ind = a_start, clean_indicator(a_phrase.removeprefix("大"))
        if kind == "rank" and not text.startswith("大", c.end):
            phrase_start, phrase = before_phrase(text, cs, c.start, cands, index, keep_list=True, cut_at_previous=False)
            ind = clean_indicator(strip_rank_tail(phrase))
        if not ind and cs > 0 and seg.sentence(cs - 1) == seg.sentence(c.start):
            prev_start, prev_end = seg.clause(cs - 1)
            phrase_start, ind = prev_start, clean_indicator(text[prev_start : prev_end - 1])
        return replace(
            draft,
            indicator=ind or None,
            indicator_at=phrase_start,
            value=c.value,
            unit=c.unit if kind == "count" else None,  # a rank has no unit: 第2位 is rank 2
        )
    # 由A升至B: a level with a baseline
    to = None
    for m in table.to_verb.finditer(before_all):
        to = m
    if to is not None and (kind == "level" or c.kind in ("duration", "count")):
        verb_at = cs + to.start()
        from_at = text.rfind("由", cs, verb_at)
        baseline = None
        compare_to = None
        for j in range(index - 1, -1, -1):
            prev = cands[j]
            if prev.start < (from_at if from_at >= 0 else verb_at) or prev.start < cs:
                break
            if prev.end <= verb_at and prev.unit == c.unit:
                baseline = prev.value
                consumed.add(j)
                years = regex.search(r"(\d{4})年", text[from_at : prev.start]) if from_at >= 0 else None
                compare_to = years.group(1) if years else None
                break
        head_end = from_at if from_at >= 0 else verb_at
        phrase_start, phrase = before_phrase(text, cs, head_end, cands, index, keep_list)
        return replace(
            draft,
            kind="level",
            rule="level.from_to",
            direction=table.to_verbs[to.group()],
            baseline=baseline,
            compare_to=compare_to or _compare(table, before_all),
            indicator=clean_indicator(phrase) or None,
            indicator_at=phrase_start,
        )
    change = table.change_tail.search(before_all)
    # a count after a change verb is a change when a comparison frames it: 同比增加100起, or
    # 与去年同期1282人相比,增加了901人 (the comparison in an earlier clause of the sentence)
    sent_start = max(seg.sentence(c.start)[0], c.start - CLAUSE_WINDOW)
    compared = change is not None and (
        table.compare.search(change.group()) is not None or table.compare.search(text, sent_start, cs) is not None
    )
    if change is not None and (kind in ("level", "change") or (kind == "count" and compared)):
        phrase_start, phrase = before_phrase(text, cs, cs + change.start(), cands, index, keep_list)
        return replace(
            draft,
            kind="change",
            rule=f"change.{c.kind}",
            direction=table.change_verbs[change.group("verb")],
            compare_to=_compare(table, change.group()) or _compare(table, text[sent_start:cs]),
            indicator=clean_indicator(phrase) or None,
            indicator_at=phrase_start,
        )
    if rule == "level.bare":
        level = table.level_tail.search(before_all)
        if level is None or not before_all[: level.start()].endswith(("率", "度", "感", "比", "值", "数")):
            return None
    if kind == "change":
        kind = "level"
    if kind == "level":
        level = table.level_tail.search(before_all)
        head_end = cs + level.start() if level else c.start
        phrase_start, phrase = before_phrase(text, cs, head_end, cands, index, keep_list)
        ind = clean_indicator(phrase)
        if not ind:
            prev_clause = seg.clause(cs - 1) if cs > 0 else None
            same_sentence = prev_clause is not None and seg.sentence(cs - 1) == seg.sentence(c.start)
            # a previous clause holding a figure names that figure (其中刑事案件312起,占比24.8%): the
            # carry-over below then reuses its indicator instead of the clause's words
            if prev_clause is not None and same_sentence and not _DIGIT.search(text, prev_clause[0], prev_clause[1]):
                phrase_start, ind = prev_clause[0], clean_indicator(text[prev_clause[0] : prev_clause[1] - 1])
        rate = table.rate_word.search(ind) if ind else None
        if rate is not None:  # 增长率为70% / 降幅达12%: a change stated as a rate
            return replace(
                draft,
                kind="change",
                rule=f"change.rate.{c.kind}",
                direction=table.rate_words[rate.group()],
                indicator=ind,
                indicator_at=phrase_start,
                compare_to=_compare(table, text[sent_start : c.start]),
            )
        return replace(
            draft,
            kind="level",
            indicator=ind or None,
            indicator_at=phrase_start,
            compare_to=_compare(table, before_all),
        )
    # counts: the noun after the number names it (54名民警…), else the phrase before (抓获嫌疑人328人)
    a_start, a_phrase = after_phrase(text, c.end, ce)
    ind = clean_indicator(a_phrase)
    phrase_start = a_start
    b_start, b_phrase = before_phrase(text, cs, c.start, cands, index, keep_list)
    if not ind or (text.startswith("的", c.end) and clean_indicator(b_phrase)):
        # 5万亿元的新台阶: a number before 的 qualifies what follows; the phrase before names it
        phrase_start, ind = b_start, clean_indicator(b_phrase)
    if not ind and b_start > cs:
        # 172批次5.4万人: the second number shares the words before the first
        phrase_start, phrase = before_phrase(text, cs, cands[index - 1].start, cands, index - 1)
        ind = clean_indicator(phrase)
    return replace(draft, indicator=ind or None, indicator_at=phrase_start)


def _value_lists(text: str, cands: list[Candidate]) -> list[list[int]]:
    """Runs of candidates of one unit written as a、b、c (the values of X、Y、Z分别…)."""
    runs: list[list[int]] = []
    i = 0
    while i < len(cands):
        run = [i]
        while (
            run[-1] + 1 < len(cands)
            and text[cands[run[-1]].end : cands[run[-1] + 1].start] in ("、", "和")
            and cands[run[-1] + 1].unit == cands[i].unit
            and (
                cands[i].kind in ("percent", "points", "score", "multiple")
                # counts form a list only after 分别 (酒驾、醉驾分别为520起、86起)
                or (cands[i].kind in _COUNT_KINDS and "分别" in text[max(0, cands[i].start - 6) : cands[i].start])
            )
        ):
            run.append(run[-1] + 1)
        runs.append(run)
        i = run[-1] + 1
    return runs


def read_metrics(text: str, cands: list[Candidate], seg: Segments) -> list[Draft]:
    consumed: set[int] = set()
    drafts: dict[int, list[Draft]] = {}
    for run in _value_lists(text, cands):
        head = _read_one(text, seg, cands[run[0]], consumed, cands, run[0], keep_list=len(run) > 1)
        if head is None:
            continue
        if len(run) == 1:
            drafts[run[0]] = _split_by_counted_list(head)
            continue
        names = split_list(head.indicator or "")
        paired = len(names) == len(run)
        for k, idx in enumerate(run):
            c = cands[idx]
            cs, ce = _window(seg, c)
            drafts[idx] = [
                replace(
                    head,
                    cand=c,
                    clause=(min(cs, head.clause[0]), max(ce, head.clause[1])),
                    indicator=names[k] if paired else head.indicator,
                    rule=head.rule + (".respectively" if paired else ".list"),
                )
            ]
    out: list[Draft] = []
    for idx in sorted(drafts):
        if idx not in consumed:
            out.extend(drafts[idx])
    return _carry_over(out, seg)


def _carry_over(drafts: list[Draft], seg: Segments) -> list[Draft]:
    """共破获刑事案件3562起，同比上升12.3%: a change or level with no words of its own is about the
    figure before it in the same sentence, and a change without 同比 keeps the comparison before it."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if prev is not None and seg.sentence(prev.cand.start) == seg.sentence(d.cand.start):
            if d.indicator is None and prev.indicator:
                d = replace(d, indicator=prev.indicator, indicator_at=prev.indicator_at, rule=d.rule + ".carried")
            if d.kind == "change" and d.compare_to is None and prev.compare_to is not None:
                d = replace(d, compare_to=prev.compare_to)
        out.append(d)
    return out


_COUNTED_LIST = regex.compile(r"^(?P<items>.+?)(?:两|二|三|四|五|\d)(?:项|个)(?:指标|方面)?(?:排名)?$")


def _split_by_counted_list(d: Draft) -> list[Draft]:
    """缉毒执法、禁吸戒毒两项指标排名全国第一: one rank per listed item."""
    if d.kind != "rank" or not d.indicator or "、" not in d.indicator:
        return [d]
    m = _COUNTED_LIST.match(d.indicator)
    items = split_list(m.group("items") if m else d.indicator)
    if len(items) < 2:
        return [d]
    return [replace(d, indicator=item, rule=d.rule + ".each") for item in items]
