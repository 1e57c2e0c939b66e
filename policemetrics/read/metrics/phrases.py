"""Indicator phrases: the words around a number that name what it measures."""

from __future__ import annotations

from functools import lru_cache

import regex

from policemetrics.read.metrics.table import metric_table
from policemetrics.recognise.quantities.scanner import Candidate
from policemetrics.recognise.quantities.table import quantity_table

_AFTER_MAX = 20
_PAIRS = (("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"), ("《", "》"), ("(", ")"))
_UNPAIRED = "\"'"


def before_phrase(
    text: str,
    clause_start: int,
    end: int,
    cands: list[Candidate],
    index: int,
    keep_list: bool = False,
    cut_at_previous: bool = True,
) -> tuple[int, str]:
    """The words between the clause start (or the previous number, or the last 、) and ``end``."""
    start = clause_start
    if cut_at_previous:
        for j in range(index - 1, -1, -1):
            prev = cands[j]
            if prev.end <= start:
                break
            if (prev.kind == "number" and not prev.multiplied) or prev.kind == "duration":
                continue  # a bare number (110, 2024) or a span of time (连续五年) is part of the words
            if prev.end <= end:
                start = prev.end
                break
    while end > start and text[end - 1] == " ":
        end -= 1  # 占比 9.7%: a space before the number separates nothing
    # a space left after layout tidying separates headline parts: 交出五年成绩单 湖北群众安全感
    cut = text.rfind(" ", start, end)
    if not keep_list:
        cut = max(cut, text.rfind("、", start, end))
    if cut >= 0:
        start = cut + 1
    return start, text[start:end]


def after_phrase(text: str, start: int, clause_end: int) -> tuple[int, str]:
    """The noun phrase right after a count (54名 -> 民警献出宝贵生命), up to the next break."""
    limit = min(clause_end, start + _AFTER_MAX)
    m = metric_table().after_stop.search(text, start, limit)
    end = m.start() if m else limit
    phrase = text[start:end]
    if phrase.startswith(("相比", "相较", "比较")):
        return start, ""  # 与去年同期1282人相比: the number is the baseline, named by the figure before
    if phrase.startswith("的"):
        return start + 1, phrase[1:]
    return start, phrase


def strip_rank_tail(phrase: str) -> str:
    """The words of a rank without its scope and verb (群众安全感跃居全省 -> 群众安全感): scopes and verbs are tried
    together, longest first, so 跃居 goes whole before its 居 could go alone."""
    scopes = [s for s in quantity_table().rank_scopes if s != "排名"]  # 排名 itself names the measure
    tails = sorted({*scopes, *metric_table().rank_verbs}, key=len, reverse=True)
    changed = True
    while changed and phrase:
        changed = False
        for tail in tails:
            if phrase.endswith(tail):
                phrase = phrase[: -len(tail)]
                changed = True
                break
    return phrase


_BULLETS = "●■◆◇▲△▼▽★☆•◎□▶►※"  # list and heading marks of CMS pages (●盗窃…, ■ 全省…): never part of a name
_STRIP = " \t,、\ufffc" + _BULLETS
_EDGES = frozenset(_STRIP + _UNPAIRED + "".join(a + b for a, b in _PAIRS))


def _trim(phrase: str) -> str:
    """Trim spaces and punctuation at the ends, but keep a quote mark whose partner is inside."""
    if not phrase or (phrase[0] not in _EDGES and phrase[-1] not in _EDGES):
        return phrase  # the common case: words at both ends
    out = phrase.strip(_STRIP)
    changed = True
    while changed and out:
        changed = False
        for open_, close in _PAIRS:
            if out.endswith(close) and open_ not in out[:-1]:
                out, changed = out[:-1], True
            if out.startswith(open_) and close not in out[1:]:
                out, changed = out[1:], True
        if out.endswith(tuple(_UNPAIRED)) or out.startswith(tuple(_UNPAIRED)):
            out, changed = out.strip(_UNPAIRED), True
        stripped = out.strip(_STRIP)
        changed = changed or stripped != out
        out = stripped
    return out


@lru_cache(maxsize=4096)  # a pure function of the phrase; phrases recur (the words before and after each figure)
def clean_indicator(phrase: str) -> str:
    table = metric_table()
    out = _trim(phrase)
    for _ in range(3):
        before = out
        out = table.leading_time_pattern.sub("", out)
        out = table.leading_noise.sub("", out)
        out = table.scope.sub("", out)
        out = _trim(out)
        if out == before:
            break
    out = table.respectively_tail.sub("", out)
    out = _trim(table.trailing_noise_pattern.sub("", out))
    if out.endswith("的"):
        out = out[:-1]
    return "" if table.level_only.match(out) else out


_ITEM_SEPARATORS = regex.compile(r"、|以及|及|和|与")


def split_list(phrase: str, expected: int | None = None) -> list[str]:
    """The items of X、Y、Z; when ``expected`` values must pair with them, 及/和/与 also separate items
    (网恋及杀猪盘诈骗犯罪分别上升a及b)."""
    items = [p for p in (clean_indicator(x) for x in phrase.split("、")) if p]
    if expected is not None and len(items) != expected:
        wider = [p for p in (clean_indicator(x) for x in _ITEM_SEPARATORS.split(phrase)) if p]
        if len(wider) == expected:
            items = wider
    return _share_head(items) if expected is not None and len(items) == expected else items


def _share_head(items: list[str]) -> list[str]:
    """盗窃、入室盗窃破案率 / 治安案件、刑事案件发案数: the head the last name ends with (a ``shared_heads`` word) is
    also the head of the names before it that end in no rate or count word of their own (酒驾、醉驾 and
    立案数、破案率 stay as they are); a name that ends with the start of the head takes only the rest (刑事案 + 案件数
    -> 刑事案件数)."""
    table = metric_table()
    last = items[-1]
    head = next((h for h in table.shared_heads if last.endswith(h) and len(last) > len(h)), None)
    if head is None:
        return items
    return [x if x.endswith(table.rate_ending) else _joined(x, head) for x in items[:-1]] + [last]


def _joined(name: str, head: str) -> str:
    overlap = next((k for k in range(len(head), 0, -1) if name.endswith(head[:k])), 0)
    return name + head[overlap:]
