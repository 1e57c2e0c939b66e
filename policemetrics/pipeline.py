"""extract(): text structure -> recognisers -> readers -> attribution -> assembly of validated models."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from pydantic import ValidationError

from policemetrics import assemble
from policemetrics.attribute import Context, build_context
from policemetrics.concepts import Labeller
from policemetrics.models import Metric, Period, Report, Span, Unparsed
from policemetrics.read.honours import find_honours
from policemetrics.read.initiatives import find_initiatives
from policemetrics.read.metadata import Metadata, head_of, read_metadata
from policemetrics.read.metrics import Draft, read_metrics
from policemetrics.recognise.dates import date_spans, scan_dates
from policemetrics.recognise.quantities import scan
from policemetrics.recognise.quantities.scanner import Unreadable
from policemetrics.text import Document, normalise
from policemetrics.text.layout import page_end
from policemetrics.text.segments import Segments
from policemetrics.validation import DEFAULT_MAX_CHARS, ensure_published, ensure_text


def extract(text: str, *, published: date | str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> Report:
    """Extract a validated :class:`Report` from one article.

    ``published``, when given, is the publication date and wins over a date the page itself states (a caller
    usually has it from the CMS record, which is more reliable than a date found in scraped page text); when
    it is None the page's own date is used. Relative dates (今年, 去年6月13日) are resolved against it.
    ``published`` may also be a datetime or an ISO string ``YYYY-MM-DD``. Raises
    :class:`policemetrics.errors.InputTypeError` for non-str input, another type of ``published`` or a bad
    ``max_chars``; empty or whitespace-only text gives an empty Report.
    """
    ensure_text(text, max_chars)
    published = ensure_published(published)
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
    drafts, meta, ctx = _read(doc, seg, published, unreadable)
    # honours and initiatives first: what their readers hold for a while is let go before the metrics, the bulk of
    # a long text's report, are built (a lower peak of memory; the results are the same in any order)
    honours = assemble.honours(doc, ctx, find_honours(doc.text, seg))
    initiatives = assemble.initiatives(doc, ctx, find_initiatives(doc.text, seg))
    labeller = Labeller(text, ctx.region, doc)  # concepts and region codes, decided before each metric is built
    metrics = _metrics(doc, ctx, drafts, labeller, unreadable)
    return Report(
        title=meta.title,
        published=ctx.published,
        source=meta.source,
        authors=meta.authors,
        region=ctx.region,
        region_code=labeller.report_code,
        period=Period(start=str(ctx.period[0]), end=str(ctx.period[1])) if ctx.period else None,
        metrics=metrics,
        honours=honours,
        initiatives=initiatives,
        unparsed=[Unparsed(span=doc.span(u.start, u.end), reason=u.reason) for u in unreadable]
        + page_end(text, doc.offsets.ends[-1] if doc.text else None),  # never lose text silently
    )


def _read(
    doc: Document, seg: Segments, published: date | None, unreadable: list[Unreadable]
) -> tuple[list[Draft], Metadata, Context]:
    """The readings of the figures, the page's metadata and the context. The date grammar runs once: its spans hold
    no quantity and the context reads its matches; those and the quantities that are no figure are let go on
    return (a long text holds many)."""
    dates = scan_dates(doc.text)
    drafts = read_metrics(doc.text, scan(doc.text, unreadable, date_spans(doc.text, dates)), seg)
    head = head_of(doc.text)  # the head block: read by the metadata reader and the report's region and period
    meta = read_metadata(doc.text, head)
    return drafts, meta, build_context(doc.text, seg, published or meta.published, dates, head)


def _metrics(
    doc: Document, ctx: Context, drafts: list[Draft], labeller: Labeller, unreadable: list[Unreadable]
) -> list[Metric]:
    """One validated metric per draft, in order; each draft is let go once its metric is made."""
    metrics: list[Metric] = []
    last_evidence: dict[tuple[int, int], Span] = {}
    drafts.reverse()
    while drafts:
        d = drafts.pop()
        try:
            metrics.append(assemble.metric(doc, ctx, d, label=labeller.label, last_evidence=last_evidence))
        except ValidationError as exc:  # a reading the models refuse is reported, never dropped or raised
            reason = f"rejected reading ({d.rule}): {exc.errors()[0]['msg']}"
            unreadable.append(Unreadable(d.cand.start, d.cand.end, reason))
            continue
        labeller.keep()
    return metrics
