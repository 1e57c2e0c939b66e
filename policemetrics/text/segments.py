"""Sentence, clause and quotation boundaries in normalised text."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# plain characters and classes: stdlib re finds them faster than regex
_SENTENCE_END = re.compile(r"[。!?;\n\ufffc]|……")
_CLAUSE_END = re.compile(r"[。!?;\n\ufffc,:]|……")
# Quotation pairs; the bounded body keeps the scan linear and stops a stray quote mark from
# swallowing a paragraph.
_QUOTE = re.compile(
    r"“[^“”\n\ufffc]{1,60}”|‘[^‘’\n\ufffc]{1,60}’|\"[^\"\n\ufffc]{1,60}\"|『[^『』\n\ufffc]{1,60}』|「[^「」\n\ufffc]{1,60}」|《[^《》\n\ufffc]{1,80}》"
)


@dataclass(frozen=True)
class Segments:
    text: str
    sentence_starts: list[int]
    clause_starts: list[int]
    quote_starts: list[int]
    quote_ends: list[int]

    @classmethod
    def of(cls, text: str) -> Segments:
        sent = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        clause = [0] + [m.end() for m in _CLAUSE_END.finditer(text)]
        qs, qe = [], []
        for m in _QUOTE.finditer(text):
            qs.append(m.start())
            qe.append(m.end())
        return cls(text, sent, clause, qs, qe)

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
