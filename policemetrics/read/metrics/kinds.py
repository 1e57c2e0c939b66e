"""First look at a number: is it a statistic at all, and of which broad kind? Each test is a small named rule;
:func:`classify` tries them in order. None for dates, names, idioms and fixed terms."""

from __future__ import annotations

from bisect import bisect_right

import regex

from policemetrics.models import MetricKind
from policemetrics.read.metrics.table import metric_table
from policemetrics.recognise.quantities.scanner import Candidate
from policemetrics.recognise.quantities.table import quantity_table
from policemetrics.rules import RuleBook
from policemetrics.text.segments import Segments

RULES = RuleBook(
    "metric",
    {
        "metric.rank.scope": "an ordinal after a rank scope (全国第一, 排名第2位, 全省首位)",
        "metric.rank.clause_scope": "第N名 / 第一 after a rank scope or verb earlier in the clause (勇夺第一)",
        "metric.count.record_span": "近20年最低 / 10年最低: the span of years that frames a record",
        "metric.count.consecutive_years": "连续N年: a streak, counted in years",
        "metric.count.bounded_duration": "a duration bounded by 内/以内 or followed by 后 (1分钟内, 36小时后)",
        "metric.count.counter": "a number with a counter (1381人, 3562起)",
        "metric.count.money": "an amount of money (40亿余元)",
        "metric.count.bare_wan": "a bare Arabic number folded by 万/亿 (12万), read as a count",
        "metric.change.multiple": "a multiple (提升3.2倍)",
        "metric.level.percent": "a percentage read as a level unless a verb makes it a change",
        "metric.level.points": "percentage points read as a level unless a verb makes it a change",
        "metric.level.score": "a score (98.5分)",
        "metric.level.bare": "a bare number, kept only when a level verb after a rate word confirms it",
        "metric.level.from_to": "由A升至B: the level B with baseline A and a direction",
        "metric.count.from_to": "由A人减至B人: the count B with baseline A and a direction",
        "metric.change.verb": "a change verb before the number (同比上升25%, 增加100起 after a comparison)",
        "metric.change.rate": "a rate word names a change (增长率为70%, 降幅12%)",
        "metric.change.signed": "a signed percentage or points figure after a figure ((-19.29%), +9.2%)",
        "metric.level.verb": "a level verb or rate word before the number (满意率达97.61%)",
        "metric.count.named": "a count named by the words around it",
    },
)

Kind = tuple[MetricKind, str]
_COUNT_KINDS = frozenset({"count", "money"})
_RANK_REACH = 20  # characters before an ordinal searched for a rank scope or verb
_HAN = regex.compile(r"\p{Han}")


def _quoted_name(c: Candidate, seg: Segments) -> bool:
    """Inside a quoted name such as “30件实事”, unless the quote holds nothing but the number."""
    i = bisect_right(seg.quote_starts, c.start) - 1  # Segments.quote_around, inlined: asked of every number
    if i < 0 or seg.quote_ends[i] < c.end:
        return False
    return (seg.quote_ends[i] - seg.quote_starts[i]) - (c.end - c.start) > 2


def _rank_scope(text: str, c: Candidate) -> bool:
    window = text[max(0, c.start - 4) : c.start]
    return any(window.endswith(s) for s in quantity_table().rank_scopes)


def _streak(text: str, c: Candidate) -> bool:
    return c.unit == "年" and text[max(0, c.start - 2) : c.start] == "连续"


def _blocked(text: str, c: Candidate) -> bool:
    rest = text[c.end : c.end + 2]
    return any(rest.startswith(b) for b in quantity_table().rank_blockers)


def _scope_in_clause(text: str, c: Candidate, seg: Segments) -> bool:
    """A rank scope (全国, 全省) or a rank verb (位居, 勇夺) earlier in the clause, within a short window."""
    cs, _ = seg.clause(c.start)
    window = text[max(cs, c.start - _RANK_REACH) : c.start]
    words = (*quantity_table().rank_scopes, *metric_table().rank_verbs)
    return any(w in window for w in words)


def ordinal(text: str, c: Candidate, seg: Segments) -> Kind | None:
    if _streak(text, c):
        return "count", RULES.name("metric.count.consecutive_years")
    ranked = c.unit in (None, "名", "位") and c.value >= 1  # 第一 / 第2位 / 第3名
    if not ranked or seg.quote_around(c.start, c.end) is not None or _blocked(text, c):
        return None
    if _rank_scope(text, c):
        return "rank", RULES.name("metric.rank.scope")
    if _scope_in_clause(text, c, seg):
        return "rank", RULES.name("metric.rank.clause_scope")
    return None


def duration(text: str, c: Candidate) -> Kind | None:
    if _streak(text, c):
        return "count", RULES.name("metric.count.consecutive_years")
    if c.unit == "年" and metric_table().record_after.match(text, c.end, c.end + 8):
        return "count", RULES.name("metric.count.record_span")
    if c.approx == "less_than" or text[c.end : c.end + 1] == "后":
        return "count", RULES.name("metric.count.bounded_duration")
    return None


def plain(text: str, c: Candidate) -> Kind | None:
    if c.kind in _COUNT_KINDS:
        return "count", RULES.name("metric.count.money" if c.kind == "money" else "metric.count.counter")
    if c.kind == "multiple":
        return "change", RULES.name("metric.change.multiple")
    if c.kind in ("percent", "points", "score"):
        return "level", RULES.name(f"metric.level.{c.kind}")
    if c.kind == "number":
        nxt = text[c.end : c.end + 1]
        if c.multiplied and not c.chinese and (not nxt or _HAN.match(nxt) or nxt in ",。;、"):
            return "count", RULES.name("metric.count.bare_wan")
        return "level", RULES.name("metric.level.bare")
    return None


_BOUNDS = ("以上", "以下")
_QUOTE_OPENERS = '“"「『'


def _threshold(text: str, c: Candidate) -> bool:
    """死亡3人以上的事故 / 10人以上较大事故: a bound that defines a class of events."""
    bound = text[c.end - 2 : c.end] in _BOUNDS
    return bound and metric_table().threshold_after.match(text, c.end, c.end + 10) is not None


def _scheme_part(text: str, c: Candidate) -> bool:
    """16条措施, 八类案件, 两条主线: a small exact count of the parts of a plan or category scheme."""
    scheme = metric_table().scheme
    if c.unit not in scheme.counter_set or c.approx is not None or c.value > scheme.max_value:
        return False
    if c.unit in scheme.any_noun_after and _HAN.match(text, c.end):
        return True
    return metric_table().scheme_noun.match(text, c.end, c.end + 8) is not None


def _not_a_statistic(text: str, c: Candidate, seg: Segments) -> bool:
    # asked of every number: the cheap character tests guard the rule calls
    end = c.end
    if quantity_table().idiom.match(text, end) is not None:
        return True  # idioms and fixed terms
    if text[c.start : end] in metric_table().fixed_term_set:
        return True
    if text[end - 2 : end] in _BOUNDS and _threshold(text, c):
        return True
    if c.chinese and c.kind in ("count", "number") and text[end : end + 1] in _QUOTE_OPENERS:
        return True  # 九个“零发生”, 三个“100%”: counting the parts of a slogan
    if c.unit is not None and _scheme_part(text, c):
        return True
    if c.kind != "ordinal" and seg.quote_starts and _quoted_name(c, seg):
        return True
    # 一支队伍, 一个又一个: an idiom far more often than a count
    return c.kind not in ("ordinal", "percent") and c.chinese and c.value == 1 and c.unit is not None


def classify(text: str, c: Candidate, seg: Segments) -> Kind | None:
    """The broad kind of a number and the rule that says so, or None when it is no statistic."""
    if _not_a_statistic(text, c, seg):
        return None
    if c.value < 0:
        return _signed(text, c)
    if c.kind == "ordinal":
        return ordinal(text, c, seg)
    if c.kind == "duration":
        return duration(text, c)
    return plain(text, c)


def _signed(text: str, c: Candidate) -> Kind | None:
    """A negative figure: only a signed percentage or points value in a bracket after a figure is a change;
    elsewhere a minus is noise (falls are written as 下降/减少 in these reports)."""
    if c.kind in ("percent", "points") or text[c.end : c.end + 1] == "%":
        return "change", RULES.name("metric.change.signed")
    return None


def signed_direction(text: str, c: Candidate) -> str | None:
    """'up'/'down' for a figure written with an explicit sign (+9.2%, -56.2个百分点, (-2.61%))."""
    if c.value < 0:
        return "down"
    sign = text[c.start - 1 : c.start] if c.start > 0 else ""
    if sign in ("+", "-") and (c.start < 2 or text[c.start - 2] in "(,、;:(（ "):
        return "up" if sign == "+" else "down"
    return None


# the table is loaded with the kinds so a malformed metrics.json fails at first use of the reader
__all__ = ["RULES", "classify", "metric_table", "signed_direction"]
