"""dateline_in (a verb prefilter and a search from near the first verb) finds what a plain search finds."""

from __future__ import annotations

import random

from policemetrics.read.metadata import metadata_table


def test_dateline_in_matches_the_plain_search() -> None:
    table = metadata_table()
    words = [*table.outlet_suffixes, *table.outlet_tails, *table.dateline_verbs, *table.newspaper_suffixes]
    chars = sorted({c for w in words for c in w}) + list("保定南宁甲乙12月日-、 ■】\n”>aB")
    alphabet = [*words, *chars, "6月4日", "中新网", "今报"]
    rng = random.Random(5)
    for _ in range(100_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        got, expected = table.dateline_in(text, a, b), table.dateline.search(text, a, b)
        assert (got and (got.span(), got.groupdict())) == (expected and (expected.span(), expected.groupdict()))


def test_closes_bracket_holds_wherever_an_end_bracket_matches() -> None:
    from policemetrics.read.metadata import _END_BRACKET, _closes_bracket

    alphabet = [*"(（[【〔)）]】〕 \t\u3000\x1c张三记者ab", "(记者 张三)", "（李四）"]
    rng = random.Random(9)
    for _ in range(100_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        if _END_BRACKET.search(text, a, b):
            assert _closes_bracket(text, a, b), (text, a, b)
