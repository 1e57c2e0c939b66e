"""The public quantity layer: every number expression in a text, with span, value, unit and approx."""

from __future__ import annotations

import gc

from policemetrics.models import Quantity
from policemetrics.recognise.quantities.scanner import Candidate, scan
from policemetrics.text import Document, normalise
from policemetrics.validation import ensure_text

__all__ = ["Candidate", "find_quantities", "quantities_of", "scan"]

_LARGE_TEXT = 200_000  # characters; as in pipeline.extract


def quantities_of(doc: Document, candidates: list[Candidate]) -> list[Quantity]:
    return [
        Quantity(span=doc.span(c.start, c.end), value=c.value, unit=c.unit, approx=c.approx, kind=c.kind, rule=c.rule)
        for c in candidates
    ]


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in ``text`` (Arabic, Chinese, mixed; percentages, money, counters,
    ordinals), whether or not it is a metric, and none inside a date mention (1-9月, 2019-2023年).
    Spans point into ``text`` as given."""
    ensure_text(text)
    # hundreds of thousands of small acyclic results: the cyclic collector would rescan them again
    # and again (measured on 1 MB of "1.": 21.7 s/MB with it, 16.5 s/MB without)
    pause = len(text) >= _LARGE_TEXT and gc.isenabled()
    if pause:
        gc.disable()
    try:
        doc = normalise(text)
        return quantities_of(doc, scan(doc.text))
    finally:
        if pause:
            gc.enable()
