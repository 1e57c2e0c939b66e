"""The public quantity layer: every number expression in a text, with span, value, unit and approx."""

from __future__ import annotations

from policemetrics.models import Quantity
from policemetrics.recognise.quantities.scanner import Candidate, scan
from policemetrics.text import Document, normalise
from policemetrics.validation import ensure_text

__all__ = ["Candidate", "find_quantities", "quantities_of", "scan"]


def quantities_of(doc: Document, candidates: list[Candidate]) -> list[Quantity]:
    return [
        Quantity(span=doc.span(c.start, c.end), value=c.value, unit=c.unit, approx=c.approx, kind=c.kind, rule=c.rule)
        for c in candidates
    ]


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in ``text`` (Arabic, Chinese, mixed; percentages, money, counters,
    ordinals), whether or not it is a metric. Spans point into ``text`` as given."""
    ensure_text(text)
    doc = normalise(text)
    return quantities_of(doc, scan(doc.text))
