"""Metamorphic tests on the seed articles: rewritings that keep the meaning keep the metric values.

For each seed and each transformation, the multiset of (value, unit, kind) of the metrics must not
change (spans move, values do not), and every span must index the transformed text.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

import opencc
import pytest
import regex

from policemetrics import extract, find_quantities
from policemetrics.models import Report

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
Key = Counter[tuple[float, str | None, str]]


@cache
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def s2t(text: str) -> str:
    return str(_opencc("s2t").convert(text))


def t2s(text: str) -> str:
    return str(_opencc("t2s").convert(text))


# -- pinyin ruby after some Han characters (skipping any that already carry ruby, as seed 003 does)
PINYIN = {
    "国": "guó",
    "國": "guó",
    "万": "wàn",
    "萬": "wàn",
    "亿": "yì",
    "億": "yì",
    "全": "quán",
    "省": "shěng",
    "案": "àn",
    "警": "jǐng",
    "元": "yuán",
    "人": "rén",
    "起": "qǐ",
    "年": "nián",
    "率": "lǜ",
}
_RUBY_AFTER = regex.compile("(?<=[" + "".join(PINYIN) + "])(?![(（])")


def ruby_guo(text: str) -> str:
    return regex.sub(r"(?<=[国國])(?![(（])", "(guó)", text)


def ruby_many(text: str) -> str:
    return _RUBY_AFTER.sub(lambda m: "(" + PINYIN[text[m.start() - 1]] + ")", text)


# -- full-width <-> half-width punctuation only (a comma or colon between digits is part of a number)
_FULL_TO_HALF = {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")", "％": "%"}
_HALF_TO_FULL = {v: k for k, v in _FULL_TO_HALF.items()}


def punct_to_half(text: str) -> str:
    return regex.sub("[" + "".join(_FULL_TO_HALF) + "]", lambda m: _FULL_TO_HALF[m.group()], text)


def punct_to_full(text: str) -> str:
    return regex.sub(r"(?<!\d)[,:;!?()%]|[,:;!?()%](?!\d)", lambda m: _HALF_TO_FULL[m.group()], text)


# -- line breaks inside sentences
_NUMERAL = set("0123456789.,%％０１２３４５６７８９零〇一二两兩三四五六七八九十百千万萬亿億余餘多近超约約第")
_LONG_LINE = 90  # lines this long are broken; every piece stays >= 45 characters, so it is a real wrap
_PIECE = 45
_HAN = regex.compile(r"\p{Han}")


def _breakable(text: str) -> list[bool]:
    """Positions where a break falls between two Han characters, away from any number expression
    (a quantity's span, one character before it and two after it: 20万元 and 11.07套路 stay whole)."""
    near_number = bytearray(len(text) + 1)
    for q in find_quantities(text):
        for i in range(max(0, q.span.start - 1), min(len(text), q.span.end + 3)):
            near_number[i] = 1
    ok = [False] * (len(text) + 1)
    for i in range(2, len(text) - 2):
        window = text[i - 2 : i + 2]
        ok[i] = not near_number[i] and all(_HAN.match(c) and c not in _NUMERAL for c in window)
    return ok


def break_lines(text: str, sep: str = "\n\n", middle_only: bool = False) -> str:
    ok = _breakable(text)
    out, pos = [], 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        if len(line) < _LONG_LINE:
            out.append(line)
            continue
        cuts = []
        at = len(line) // 2 if middle_only else _PIECE
        while at < len(line) - _PIECE:
            while at < len(line) - _PIECE and not ok[base + at]:
                at += 1
            if at >= len(line) - _PIECE or (cuts and at - cuts[-1] < _PIECE):
                break
            cuts.append(at)
            if middle_only:
                break
            at += _PIECE
        pieces = [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
        out.append(sep.join(pieces))
    return "\n".join(out)


# -- other presentation changes that must not matter
def html_page(text: str) -> str:
    body = "".join(f"<p>{html.escape(line, quote=False)}</p>\n" for line in text.split("\n"))
    return f"<html><head><script>var a = 1 < 2;</script></head><body>{body}</body></html>"


def zero_width(text: str) -> str:
    return regex.sub(r"(?<=\p{Han})(?=\p{Han})", lambda m: "\u200b" if m.start() % 7 == 0 else "", text)


def full_width_digits(text: str) -> str:
    return text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "s2t": s2t,
    "t2s": t2s,
    "s2t_then_t2s": lambda t: t2s(s2t(t)),
    "ruby_guo": ruby_guo,
    "ruby_many": ruby_many,
    "s2t_ruby_many": lambda t: ruby_many(s2t(t)),
    "punct_to_half": punct_to_half,
    "punct_to_full": punct_to_full,
    "breaks_middle": lambda t: break_lines(t, middle_only=True),
    "breaks_every_45": break_lines,
    "single_breaks_every_45": lambda t: break_lines(t, "\n"),
    "crlf_breaks": lambda t: break_lines(t, "\r\n\r\n").replace("\n", "\r\n"),
    "all_at_once": lambda t: break_lines(ruby_many(punct_to_full(s2t(t)))),
    "html_page": html_page,
    "zero_width_spaces": zero_width,
    "full_width_digits": full_width_digits,
    "indent_ideographic_space": lambda t: regex.sub(r"(?m)^", "\u3000\u3000", t),
}


@cache
def _seed(name: str) -> str:
    return next(p for p in SEEDS if p.stem == name).read_text(encoding="utf-8")


@cache
def _report(text: str) -> Report:
    return extract(text)


def key(report: Report) -> Key:
    return Counter((m.value, m.unit, m.kind) for m in report.metrics)


def test_there_are_five_seeds() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
def test_each_transformation_really_changes_the_seeds(name: str) -> None:
    texts = [_seed(p.stem) for p in SEEDS]
    changed = sum(TRANSFORMS[name](t) != t for t in texts)
    # t2s changes only the Traditional seed (003); seed 003 already carries 國(guó) ruby; 002-004 already
    # use half-width punctuation; s2t then t2s is lossy only where OpenCC's round trip is
    assert changed >= {"t2s": 1, "ruby_guo": 4, "punct_to_half": 2, "s2t_then_t2s": 2}.get(name, 5)


def test_line_breaks_are_inserted_in_quantity() -> None:
    texts = [_seed(p.stem) for p in SEEDS]
    assert sum(break_lines(t).count("\n\n") - t.count("\n\n") for t in texts) >= 200
    assert sum(break_lines(t, middle_only=True).count("\n\n") - t.count("\n\n") for t in texts) >= 80


@pytest.mark.parametrize("name", sorted(TRANSFORMS))
@pytest.mark.parametrize("seed", [p.stem for p in SEEDS])
def test_metric_values_survive(seed: str, name: str) -> None:
    original = _seed(seed)
    before = _report(original)
    assert before.metrics, "a seed without metrics would make this test vacuous"
    changed = TRANSFORMS[name](original)
    after = extract(changed)
    for span in after.spans():
        assert changed[span.start : span.end] == span.text
    lost, gained = key(before) - key(after), key(after) - key(before)
    assert not lost and not gained, f"{seed} {name}: lost {dict(lost)}, gained {dict(gained)}"
