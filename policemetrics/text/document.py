"""The normalised view of one article, with an exact map back to the original string."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from policemetrics.errors import SpanError
from policemetrics.models import Span
from policemetrics.text.fold import fold
from policemetrics.text.layout import tidy_layout
from policemetrics.text.markup import strip_markup
from policemetrics.text.offsets import OffsetMap


@dataclass(frozen=True)
class Document:
    """``text`` is what the rules match on; ``original`` is what spans point into."""

    original: str
    text: str
    offsets: OffsetMap

    def orig_range(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covered by normalised [start, end)."""
        if not 0 <= start < end <= len(self.text):
            raise SpanError(f"normalised range [{start}, {end}) outside text of length {len(self.text)}")
        return self.offsets.starts[start], self.offsets.ends[end - 1]

    def span(self, start: int, end: int) -> Span:
        if not 0 <= start < end <= len(self.text):  # orig_range, inlined: asked for every span of a report
            raise SpanError(f"normalised range [{start}, {end}) outside text of length {len(self.text)}")
        offsets = self.offsets
        return Span.of_source(self.original, offsets.starts[start], offsets.ends[end - 1])  # valid by construction

    def norm_index(self, orig_pos: int) -> int:
        """First normalised index whose source starts at or after ``orig_pos`` (binary search)."""
        return bisect.bisect_left(self.offsets.starts, orig_pos)


def normalise(original: str) -> Document:
    """Markup -> one-for-one folding -> layout; each step composes the offset map."""
    text, offsets = strip_markup(original, OffsetMap.identity(len(original)))
    text = fold(text)
    text, offsets = tidy_layout(text, offsets)
    return Document(original=original, text=text, offsets=offsets)
