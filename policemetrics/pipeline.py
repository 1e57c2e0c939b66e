"""extract(): text structure -> recognisers -> readers -> attribution -> assembly of validated models."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from pydantic import ValidationError

from policemetrics import assemble
from policemetrics.attribute import build_context
from policemetrics.concepts import Labeller
from policemetrics.models import Metric, Period, Report, Unparsed
from policemetrics.read.honours import find_honours
from policemetrics.read.initiatives import find_initiatives
from policemetrics.read.metadata import head_of, read_metadata
from policemetrics.read.metrics import read_metrics
from policemetrics.recognise.dates import date_spans, scan_dates
from policemetrics.recognise.quantities import scan
from policemetrics.recognise.quantities.scanner import Unreadable
from policemetrics.text import normalise
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
    dates = scan_dates(doc.text)  # the date grammar runs once: its spans hold no quantity, the context reads them
    candidates = scan(doc.text, unreadable, date_spans(doc.text, dates))
    drafts = read_metrics(doc.text, candidates, seg)
    head = head_of(doc.text)  # the head block: read by the metadata reader and the report's region and period
    meta = read_metadata(doc.text, head)
    published = published or meta.published
    ctx = build_context(doc.text, seg, published, dates, head)
    labeller = Labeller(text, ctx.region, doc)  # concepts and region codes, decided before each metric is built
    metrics: list[Metric] = []
    for d in drafts:
        try:
            metrics.append(assemble.metric(doc, ctx, d, label=labeller.label))
        except ValidationError as exc:  # a reading the models refuse is reported, never dropped or raised
            reason = f"rejected reading ({d.rule}): {exc.errors()[0]['msg']}"
            unreadable.append(Unreadable(d.cand.start, d.cand.end, reason))
            continue
        labeller.keep()
    return Report(
        title=meta.title,
        published=published,
        source=meta.source,
        authors=meta.authors,
        region=ctx.region,
        region_code=labeller.report_code,
        period=Period(start=str(ctx.period[0]), end=str(ctx.period[1])) if ctx.period else None,
        metrics=metrics,
        honours=assemble.honours(doc, ctx, find_honours(doc.text, seg)),
        initiatives=assemble.initiatives(doc, ctx, find_initiatives(doc.text, seg)),
        unparsed=[Unparsed(span=doc.span(u.start, u.end), reason=u.reason) for u in unreadable]
        + page_end(text, doc.offsets.ends[-1] if doc.text else None),  # never lose text silently
    )
