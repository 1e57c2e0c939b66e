"""Sentence, clause and quotation boundaries in normalised text."""

from __future__ import annotations

import operator
import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass

from policemetrics.text.offsets import typecode

# plain characters and classes: stdlib re finds them faster than regex
_SENTENCE_END = re.compile(r"[。!?;\n\ufffc]|……")
_CLAUSE_END = re.compile(r"[。!?;\n\ufffc,:]|……")
# Quotation pairs; the bounded body keeps the scan linear and stops a stray quote mark from
# swallowing a paragraph.
_QUOTE = re.compile(
    r"“[^“”\n\ufffc]{1,60}”|‘[^‘’\n\ufffc]{1,60}’|\"[^\"\n\ufffc]{1,60}\"|『[^『』\n\ufffc]{1,60}』|「[^「」\n\ufffc]{1,60}」|《[^《》\n\ufffc]{1,80}》"
)


_end = operator.methodcaller("end")
_start = operator.methodcaller("start")


@dataclass(frozen=True)
class Segments:
    """Boundaries as arrays of offsets (a long text has hundreds of thousands: 4 bytes each, not a Python int)."""

    text: str
    sentence_starts: array[int]
    clause_starts: array[int]
    quote_starts: array[int]
    quote_ends: array[int]

    @classmethod
    def of(cls, text: str) -> Segments:
        code = typecode(len(text) + 1)
        sent, clause = array(code, (0,)), array(code, (0,))
        sent.extend(map(_end, _SENTENCE_END.finditer(text)))
        clause.extend(map(_end, _CLAUSE_END.finditer(text)))
        quotes = list(_QUOTE.finditer(text))
        return cls(text, sent, clause, array(code, map(_start, quotes)), array(code, map(_end, quotes)))

    # sentence() and clause() are asked thousands of times per article: one bisect each, no helper call
    def sentence(self, pos: int) -> tuple[int, int]:
        starts = self.sentence_starts
        i = bisect_right(starts, pos)
        return starts[i - 1], starts[i] if i < len(starts) else len(self.text)

    def clause(self, pos: int) -> tuple[int, int]:
        starts = self.clause_starts
        i = bisect_right(starts, pos)
        return starts[i - 1], starts[i] if i < len(starts) else len(self.text)

    def quote_around(self, start: int, end: int) -> tuple[int, int] | None:
        """The quotation (marks included) that contains [start, end), if any."""
        i = bisect_right(self.quote_starts, start) - 1
        if i >= 0 and self.quote_ends[i] >= end:
            return self.quote_starts[i], self.quote_ends[i]
        return None
