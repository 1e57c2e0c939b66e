"""Assembly: drafts from the readers -> validated pydantic models. Grouping of repeated mentions; no domain
rules live here (those are in ``read/`` and ``attribute.py``)."""

from __future__ import annotations

import bisect
import sys
from functools import lru_cache

from policemetrics.attribute import Context, period_reading, subject_before, subject_reading, year_at
from policemetrics.concepts import Labelling
from policemetrics.models import Derivation, Honour, Initiative, Metric, Span, share_fields_set
from policemetrics.read.honours import HonourDraft
from policemetrics.read.initiatives import InitiativeDraft, group_keys, is_scope
from policemetrics.read.metrics import Draft
from policemetrics.text import Document

_CLAUSE_TRIM = " ,;:。!?、\n\ufffc"  # U+FFFC: a hard break (see normalise.fold)
_NONE = (None, None, None)


@lru_cache(maxsize=4096)  # frozen and equal by value: one object per combination of rule names
def _derivation(
    indicator: str | None, subject: str | None, period: str | None, concept: str | None, role: str | None
) -> Derivation:
    return Derivation(indicator=indicator, subject=subject, period=period, concept=concept, role=role)


def metric(
    doc: Document,
    ctx: Context,
    d: Draft,
    *,
    label: Labelling | None = None,
    last_evidence: dict[tuple[int, int], Span] | None = None,
) -> Metric:
    """The metric of draft ``d``; ``label`` adds its concept and subject code (see ``concepts.Labeller``).
    ``last_evidence`` (a dict the caller keeps for one article, holding one entry) lets figures of one clause share
    one evidence span: they come one after another, and 1 in 7 figures shares its clause."""
    c = d.cand
    who = subject_reading(ctx, c.start, d.indicator)
    period, period_rule = period_reading(ctx, c.start)
    if period is not None:
        period = sys.intern(period)  # a few periods per article (2023, 2023-01..2023-06), repeated by every figure
    cs, ce = d.clause
    while ce > cs and doc.text[ce - 1] in _CLAUSE_TRIM:
        ce -= 1
    while cs < ce and doc.text[cs] in _CLAUSE_TRIM:
        cs += 1
    cs, ce = min(cs, c.start), max(ce, c.end)
    unit = d.unit if d.value is not None else c.unit
    span = doc.span(c.start, c.end)
    evidence = last_evidence.get((cs, ce)) if last_evidence is not None else None
    if evidence is None:
        evidence = doc.span(cs, ce)
        if last_evidence is not None:
            last_evidence.clear()
            last_evidence[cs, ce] = evidence
    concept, concept_rule, code = label(who.indicator, unit, d.kind, span, evidence, who.subject) if label else _NONE
    # one validation call (the spans are valid by construction, see Document.span); the derivation is one of few
    # distinct combinations of rule names, made once and shared: a model instance is not validated again
    made = Metric.model_validate(
        {
            "indicator": who.indicator,
            "subject": who.subject,
            "period": period,
            "value": d.value if d.value is not None else c.value,
            "unit": unit,
            "approx": None if d.exact else c.approx,
            "kind": d.kind,
            "direction": d.direction,
            "baseline": d.baseline,
            "compare_to": d.compare_to,
            "span": span,
            "evidence": evidence,
            "rule": d.rule,
            "role": d.role,
            "subject_code": code,
            "concept": concept,
            "derivation": _derivation(d.indicator_rule, who.rule, period_rule, concept_rule, d.role_rule),
        }
    )
    share_fields_set(made)
    return made


def initiatives(doc: Document, ctx: Context, drafts: list[InitiativeDraft]) -> list[Initiative]:
    """One object per name: the first mention is ``span``, every mention is in ``mentions``; the actor is the
    body named before it in its sentence, else (nothing, or only a scope such as 全省) the article's main body."""
    groups: dict[str, list[InitiativeDraft]] = {}
    for d, key in zip(drafts, group_keys(drafts), strict=True):
        groups.setdefault(key, []).append(d)
    out = []
    for group in groups.values():
        spans = _distinct_spans(doc, [(d.start, d.end) for d in group])
        first = max(group, key=lambda d: len(d.name))  # the fullest form names it: 雷火2022行动
        at = group[0].start
        actor = subject_before(ctx, at, ctx.seg.sentence(at)[0])
        out.append(
            Initiative(
                name=first.name,
                category=first.category,
                year=_explicit_year(ctx, at),
                actor=actor[0] if actor and not is_scope(actor[0]) else ctx.actor,
                span=spans[0],
                mentions=spans,
                rule=first.rule,
            )
        )
    return sorted(out, key=lambda i: i.span.start)


def _explicit_year(ctx: Context, pos: int) -> str | None:
    """A year stated in the sentence before ``pos`` (launch or award year), else None."""
    sent_start, _ = ctx.seg.sentence(pos)
    i = bisect.bisect_left(ctx.date_starts, pos) - 1
    while i >= 0 and ctx.dates[i].start >= sent_start:
        d = ctx.dates[i]
        if d.end <= pos and d.year is not None and d.resolved:
            return str(d.year)
        i -= 1
    return None


def honours(doc: Document, ctx: Context, drafts: list[HonourDraft]) -> list[Honour]:
    """One object per honour entity: drafts with the same title and a compatible recipient (the same words, one
    inside the other, or both unknown) are one honour mentioned several times (a recap, a headline)."""
    out = []
    for group in _honour_groups(drafts):
        spans = _distinct_spans(doc, [(d.start, d.end) for d in group])
        first = group[0]
        out.append(
            Honour(
                title=first.title,
                recipient=first.recipient,
                conferrer=next((d.conferrer for d in group if d.conferrer), None),
                count=next((d.count for d in group if d.count is not None), None),
                year=_explicit_year(ctx, first.start) or year_at(ctx, first.start),
                span=spans[0],
                mentions=spans,
                rule=first.rule,
            )
        )
    return sorted(out, key=lambda h: h.span.start)


def _honour_groups(drafts: list[HonourDraft]) -> list[list[HonourDraft]]:
    groups: list[list[HonourDraft]] = []
    for d in drafts:
        for group in groups:
            if group[0].title == d.title and _same_recipient(group[0].recipient, d.recipient):
                group.append(d)
                break
        else:
            groups.append([d])
    return groups


def _same_recipient(a: str | None, b: str | None) -> bool:
    """Equal, or one inside the other (湖北 / 信息主导 湖北) unless the longer is a list (武汉 / 武汉、宜昌)."""
    if a is None or b is None:
        return a is b
    short, long = sorted((a, b), key=len)
    return short == long or (short in long and not any(sep in long for sep in "、和及"))


def _distinct_spans(doc: Document, ranges: list[tuple[int, int]]) -> list[Span]:
    seen: set[tuple[int, int]] = set()
    spans = []
    for a, b in sorted(ranges):
        span = doc.span(a, b)
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            spans.append(span)
    return spans
