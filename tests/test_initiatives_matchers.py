"""The dict-based matchers of the initiative reader agree with the regex patterns they replace."""

from __future__ import annotations

import random
import re

from policemetrics.read.initiatives import _ends_with, initiative_table


def _alphabet() -> list[str]:
    table = initiative_table()
    words = [*table.boundary_list, *table.boundary_exceptions, *table.rejecting_verbs, *table.heads]
    chars = sorted({c for w in words for c in w} | set("0123456789" + table.numerals + table.count_units))
    return [*words, *chars, "\n", "“", "”", "x"]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = _alphabet()
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(n)]


def test_bounds_match_the_boundary_pattern() -> None:
    table = initiative_table()
    rng = random.Random(7)
    for text in _texts(120_000, 1):
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        expected = [m.span() for m in table.boundary.finditer(text, lo, hi)]
        assert table.bounds(text, lo, hi) == expected, (text, lo, hi)


def test_ends_with_matches_a_tail_pattern() -> None:
    table = initiative_table()
    rng = random.Random(3)
    for words in (table.launch_words, table.rejecting_words):
        tail = re.compile("(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")$")
        for text in _texts(60_000, len(words)):
            lo = rng.randint(0, len(text))
            hi = rng.randint(lo, len(text))
            assert _ends_with(text, words, lo, hi) == (tail.search(text, lo, hi) is not None), (text, lo, hi)
