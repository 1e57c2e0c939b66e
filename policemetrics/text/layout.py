"""Pass 3: page layout. Drops web-page furniture, joins lines broken inside a sentence and removes
layout spaces inside long paragraphs. Runs on folded (Simplified, half-width) text."""

from __future__ import annotations

import re

import regex

from policemetrics.models import Span, Unparsed
from policemetrics.text.fold import fold
from policemetrics.text.markup import strip_markup
from policemetrics.text.offsets import MapBuilder, OffsetMap
from policemetrics.text.rules import LayoutRules, layout_rules

_LINE = regex.compile(r"[^\n]*")
_LAYOUT_SPACE = regex.compile(r"(?<=\p{Han}|[,、;:])[ \t]{1,3}(?=\p{Han})")
_BLANK = re.compile("[ \t]")  # every layout space is one of these
_NAV_SPLIT = regex.compile(r"[ \t|｜/]+")
_JOINABLE_START = regex.compile(r"[\p{Han}A-Za-z0-9\"“‘'《(（]")
_META_LINE = regex.compile(r"来源[:：]|\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}|发布时间|作者[:：]|记者|通讯员|文/|\s摄$")
_PUNCTUATION = re.compile("[。,，;；!！?？]")  # stdlib re: a plain character set
_PAIRS: tuple[tuple[str, str], ...] = (("“", "”"), ("‘", "’"), ("(", ")"), ("《", "》"), ("「", "」"), ("『", "』"))
_OPENER = re.compile("[“‘(《「『]")
_MID_CLAUSE = "、,，"  # a line ending in these goes on, however short
_TEASER_PREFIX = 40
_TEASER_LINES = 6  # teasers sit under the headline; looking further would also be quadratic
_LONG_LINE = 60
_MIN_BEFORE_END = 200  # an end-of-article marker only counts once the article has begun
_PROSE_SENTENCES = 2  # a line with this many 。 and _LONG_LINE characters is running text


def _unbalanced(text: str, a: int, b: int) -> bool:
    """A line that opens a quote or bracket it does not close goes on in the next line."""
    if _OPENER.search(text, a, b) is None:
        return False
    line = text[a:b]
    return any(line.count(o) > line.count(c) for o, c in _PAIRS)


def _indented(text: str, a: int) -> bool:
    """An indented line starts a new paragraph, so the break before it is real."""
    return a >= 2 and text[a - 2 : a].isspace() and "\n" not in text[a - 2 : a]


def _is_nav(line: str, rules: LayoutRules) -> bool:
    if _PUNCTUATION.search(line) or _META_LINE.search(line):
        return False
    tokens = [t for t in _NAV_SPLIT.split(line.strip()) if t]
    return len(tokens) >= rules.nav_min_tokens and all(len(t) <= rules.nav_max_token_len for t in tokens)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content with surrounding blanks trimmed; empty lines skipped."""
    out = []
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        if nl < 0:
            break
        pos = nl + 1
    return out


def _is_prose(line: str) -> bool:
    """A paragraph of running text: what a page's footer or link list never holds."""
    return len(line) >= _LONG_LINE and line.count("。") >= _PROSE_SENTENCES


def _last_prose(text: str, lines: list[tuple[int, int]], rules: LayoutRules) -> int:
    """Index of the last line of running text (-1 if none); computed once, so the scan stays linear."""
    for i in range(len(lines) - 1, -1, -1):
        line = text[lines[i][0] : lines[i][1]]
        if _is_prose(line) and not rules.furniture.search(line):
            return i
    return -1


def _keep_lines(text: str, lines: list[tuple[int, int]], rules: LayoutRules) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    seen_chars = 0
    last_prose = _last_prose(text, lines, rules)
    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        if seen_chars >= _MIN_BEFORE_END and rules.article_end.search(line):
            if i > last_prose:
                break  # the real end of the page: the rest is footer and links (see page_end)
            continue  # an end marker with articles after it (pages joined in one text): drop the line only
        if rules.furniture.search(line) or _is_nav(line, rules):
            continue
        if len(kept) < _TEASER_LINES and b - a >= _TEASER_PREFIX and text.find(line[:_TEASER_PREFIX], b) >= 0:
            continue  # a CMS teaser near the top that repeats the start of the body
        kept.append((a, b))
        seen_chars += b - a
    return kept


def _copy_line(out: MapBuilder, text: str, a: int, b: int) -> None:
    if b - a < _LONG_LINE or _BLANK.search(text, a, b) is None:
        out.copy(a, b)
        return
    pos = a
    for m in _LAYOUT_SPACE.finditer(text, a, b):
        out.copy(pos, m.start())
        pos = m.end()
    out.copy(pos, b)


def tidy_layout(text: str, prev: OffsetMap) -> tuple[str, OffsetMap]:
    rules = layout_rules()
    kept = _keep_lines(text, _lines(text), rules)
    out = MapBuilder(text, prev)
    for i, (a, b) in enumerate(kept):
        if i:
            pa, pb = kept[i - 1]
            joins = (
                (pb - pa >= rules.join_min_line or _unbalanced(text, pa, pb) or text[pb - 1] in _MID_CLAUSE)
                and text[pa] != "#"
                and text[pb - 1] not in rules.sentence_end
                and _JOINABLE_START.match(text, a) is not None
                and not _indented(text, a)
                and _META_LINE.search(text, pa, pb) is None
                and _META_LINE.search(text, a, min(b, a + 30)) is None
            )
            if not joins:
                out.replace(pb, a, "\n")
        _copy_line(out, text, a, b)
    return out.build()


def page_end(original: str, read_end: int | None) -> list[Unparsed]:
    """What was not read because the page ended at an end-of-article line (编辑:…, 相关阅读): one
    :class:`Unparsed` from that line to the last visible character, in ORIGINAL coordinates; else [].

    ``read_end`` is the original offset just after the last character read (None: nothing was read).
    The tail after it is normalised on its own (footer and links: short); its first line that is not
    page furniture decides, the same test :func:`tidy_layout` applied when it stopped there.
    """
    if read_end is None or not 0 <= read_end < len(original) or original[read_end:].isspace():
        return []
    tail, offsets = strip_markup(original[read_end:], OffsetMap.identity(len(original) - read_end))
    tail = fold(tail)
    rules = layout_rules()
    lines = _lines(tail)
    for a, b in lines:
        line = tail[a:b]
        if rules.article_end.search(line):
            start, end = read_end + offsets.starts[a], read_end + offsets.ends[lines[-1][1] - 1]
            reason = f"not read: the article ends at the line {line!r}; what follows is taken for page footer"
            return [Unparsed(span=Span(start=start, end=end, text=original[start:end]), reason=reason)]
        if not (rules.furniture.search(line) or _is_nav(line, rules)):
            return []
    return []
