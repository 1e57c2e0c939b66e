"""extract(): normalise -> find number candidates -> read metrics -> assemble validated models."""

from __future__ import annotations

import bisect
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from pydantic import ValidationError

from policemetrics.context import Context, build_context, period_at, subject_before, subject_of, year_at
from policemetrics.honours import HonourDraft, find_honours
from policemetrics.initiatives import InitiativeDraft, find_initiatives, merge_keys, name_key
from policemetrics.metadata import read_metadata
from policemetrics.metrics import Draft, read_metrics
from policemetrics.models import Honour, Initiative, Metric, Period, Report, Span, Unparsed
from policemetrics.normalise import Document, normalise
from policemetrics.quantities import scan
from policemetrics.quantities.scanner import Unreadable
from policemetrics.segments import Segments
from policemetrics.validation import DEFAULT_MAX_CHARS, ensure_text

_CLAUSE_TRIM = " ,;:。!?、\n\ufffc"  # U+FFFC: a hard break (see normalise.fold)


def _subject_and_indicator(ctx: Context, d: Draft) -> tuple[str | None, str | None]:
    """The subject named before the figure in its sentence; a subject that opens the indicator
    (湖北省群众安全感) is moved out of it."""
    subject = subject_of(ctx, d.cand.start)
    if subject is None:
        return None, d.indicator
    indicator = d.indicator
    if indicator and subject in indicator:
        rest = indicator[indicator.index(subject) + len(subject) :].lstrip("的")
        if len(rest) >= 2:  # 武汉市公安局武昌区分局破案率 -> 破案率
            indicator = rest
    return subject, indicator


def _metric(doc: Document, ctx: Context, d: Draft) -> Metric:
    c = d.cand
    subject, indicator = _subject_and_indicator(ctx, d)
    cs, ce = d.clause
    while ce > cs and doc.text[ce - 1] in _CLAUSE_TRIM:
        ce -= 1
    while cs < ce and doc.text[cs] in _CLAUSE_TRIM:
        cs += 1
    cs, ce = min(cs, c.start), max(ce, c.end)
    return Metric(
        indicator=indicator,
        subject=subject,
        period=period_at(ctx, c.start),
        value=d.value if d.value is not None else c.value,
        unit=d.unit if d.value is not None else c.unit,
        approx=c.approx,
        kind=d.kind,
        direction=d.direction,
        baseline=d.baseline,
        compare_to=d.compare_to,
        span=doc.span(c.start, c.end),
        evidence=doc.span(cs, ce),
        rule=d.rule,
    )


def _initiatives(doc: Document, ctx: Context, drafts: list[InitiativeDraft]) -> list[Initiative]:
    """One object per name: the first mention is ``span``, every mention is in ``mentions``."""
    groups: dict[str, list[InitiativeDraft]] = {}
    key_of = merge_keys([d.name for d in drafts])
    for d in drafts:
        groups.setdefault(key_of[name_key(d.name)], []).append(d)
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
                actor=actor[0] if actor else None,
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


def _honours(doc: Document, ctx: Context, drafts: list[HonourDraft]) -> list[Honour]:
    """Honours repeated in a recap list (same title and recipient) become one object with mentions."""
    groups: dict[tuple[str, str | None], list[HonourDraft]] = {}
    for d in drafts:
        groups.setdefault((d.title, d.recipient), []).append(d)
    out = []
    for group in groups.values():
        spans = _distinct_spans(doc, [(d.start, d.end) for d in group])
        first = group[0]
        out.append(
            Honour(
                title=first.title,
                recipient=first.recipient,
                conferrer=first.conferrer,
                count=first.count,
                year=_explicit_year(ctx, first.start) or year_at(ctx, first.start),
                span=spans[0],
                mentions=spans,
                rule=first.rule,
            )
        )
    return sorted(out, key=lambda h: h.span.start)


def _distinct_spans(doc: Document, ranges: list[tuple[int, int]]) -> list[Span]:
    seen: set[tuple[int, int]] = set()
    spans = []
    for a, b in sorted(ranges):
        span = doc.span(a, b)
        if (span.start, span.end) not in seen:
            seen.add((span.start, span.end))
            spans.append(span)
    return spans


def extract(text: str, *, published: date | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> Report:
    """Extract a validated :class:`Report` from one article.

    ``published`` supplies the publication date when the page does not state it; relative dates
    (今年, 去年6月13日) are resolved against it. Raises :class:`policemetrics.errors.InputTypeError`
    for non-str input; empty or whitespace-only text gives an empty Report.
    """
    ensure_text(text, max_chars)
    if not text.strip():
        return Report(published=published)
    with _cyclic_gc_paused(len(text) >= _LARGE_TEXT):
        return _extract(text, published)


_LARGE_TEXT = 200_000  # characters


@contextmanager
def _cyclic_gc_paused(pause: bool) -> Iterator[None]:
    """Extraction builds many small acyclic objects; on a large text the cyclic collector would rescan
    them again and again (measured: 10 MB ran ~25% slower per MB than 1 MB). Paused, then restored."""
    was_enabled = gc.isenabled()
    if pause and was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if pause and was_enabled:
            gc.enable()


def _extract(text: str, published: date | None) -> Report:
    doc = normalise(text)
    seg = Segments.of(doc.text)
    unreadable: list[Unreadable] = []
    candidates = scan(doc.text, unreadable)
    drafts = read_metrics(doc.text, candidates, seg)
    meta = read_metadata(doc.text)
    published = published or meta.published
    ctx = build_context(doc.text, seg, published)
    metrics: list[Metric] = []
    for d in drafts:
        try:
            metrics.append(_metric(doc, ctx, d))
        except ValidationError as exc:  # a reading the models refuse is reported, never dropped or raised
            reason = f"rejected reading ({d.rule}): {exc.errors()[0]['msg']}"
            unreadable.append(Unreadable(d.cand.start, d.cand.end, reason))
    return Report(
        title=meta.title,
        published=published,
        source=meta.source,
        authors=meta.authors,
        region=ctx.region,
        period=Period(start=str(ctx.period[0]), end=str(ctx.period[1])) if ctx.period else None,
        metrics=metrics,
        honours=_honours(doc, ctx, find_honours(doc.text, seg)),
        initiatives=_initiatives(doc, ctx, find_initiatives(doc.text, seg)),
        unparsed=[Unparsed(span=doc.span(u.start, u.end), reason=u.reason) for u in unreadable],
    )
