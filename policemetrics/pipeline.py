"""extract(): normalise -> find number candidates -> read metrics -> assemble validated models."""

from __future__ import annotations

from datetime import date

from policemetrics.metrics import Draft, read_metrics
from policemetrics.models import Metric, Report
from policemetrics.normalise import Document, normalise
from policemetrics.quantities import scan
from policemetrics.segments import Segments
from policemetrics.validation import DEFAULT_MAX_CHARS, ensure_text

_CLAUSE_TRIM = " ,;:。!?、\n"


def _metric(doc: Document, d: Draft) -> Metric:
    c = d.cand
    cs, ce = d.clause
    while ce > cs and doc.text[ce - 1] in _CLAUSE_TRIM:
        ce -= 1
    while cs < ce and doc.text[cs] in _CLAUSE_TRIM:
        cs += 1
    cs, ce = min(cs, c.start), max(ce, c.end)
    return Metric(
        indicator=d.indicator,
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


def extract(text: str, *, published: date | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> Report:
    """Extract a validated :class:`Report` from one article.

    ``published`` supplies the publication date when the page does not state it; relative dates
    (今年, 去年6月13日) are resolved against it. Raises :class:`policemetrics.errors.InputTypeError`
    for non-str input; empty or whitespace-only text gives an empty Report.
    """
    ensure_text(text, max_chars)
    if not text.strip():
        return Report(published=published)
    doc = normalise(text)
    seg = Segments.of(doc.text)
    candidates = scan(doc.text)
    drafts = read_metrics(doc.text, candidates, seg)
    metrics = [_metric(doc, d) for d in drafts]
    return Report(published=published, metrics=metrics)
