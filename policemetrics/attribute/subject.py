"""Who a figure is about: named rules over the bodies of the document (:mod:`policemetrics.recognise.bodies`).

The rules are tried in order; the first that finds a body names the subject:

1. ``subject.sentence``: the last body named before the figure in its sentence;
2. ``subject.paragraph``: the last one earlier in its paragraph;
3. ``subject.previous_paragraph``: the last one in the paragraph before (a paragraph of figures continues the
   body of the paragraph that introduced them);
4. ``subject.lead``: the main body of the headline or lead;
5. ``subject.actor``: the body the article names most often;
6. ``subject.report_region``: the report's region.

A body that cannot be a subject (a destination, a beneficiary, a leadership frame, the scope of a rank, a
dateline, a quoted name ...; see ``Body.blocked``) is passed over. A self-reference (我省, 本澳, 该局) stands for
the report's region or the body named before it (rule ``subject.self_reference``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from policemetrics.attribute.context import Context
from policemetrics.read.metrics.phrases import clean_indicator
from policemetrics.rules import RuleBook

BOOK = RuleBook(
    "subject",
    {
        "subject.sentence": "the last body or place named before the figure in its sentence",
        "subject.paragraph": "the last body or place named earlier in the figure's paragraph",
        "subject.previous_paragraph": "the last body or place named in the paragraph before the figure's",
        "subject.self_reference": "我省, 本澳, 该局: the report's region (or its province) or the unit named before",
        "subject.lead": "the main body named in the headline or lead",
        "subject.actor": "the police body the article names most often",
        "subject.report_region": "the report's region",
    },
)

# BOOK.name as a lookup (asked once per figure): an undeclared name still fails, with a KeyError
_DECLARED = {name: name for name in BOOK.rules}
_SENTENCE_WINDOW = 160  # characters: bounds the look-back on text without sentence ends
_PREVIOUS_LINES = 2  # non-empty paragraphs looked at by subject.previous_paragraph


_HEADING_CHARS = 40  # a shorter line without a sentence end is a heading
_SENTENCE_ENDS = ("。", "!", "?", ";", "…", ":", ",")
_HAN = regex.compile(r"\p{Han}")
_IMAGE = regex.compile(r"\.(?:jpe?g|png|gif|webp|bmp)$", regex.IGNORECASE)  # an image file name: page furniture
# a numbered section: 3 深化…, 一、, (二), 第三部分
_SECTION = regex.compile(
    r"[ \t\u3000]*(?:\d{1,2}[ .、]|[一二三四五六七八九十]{1,3}[、.]"
    r"|\([一二三四五六七八九十\d]{1,3}\)|第[一二三四五六七八九十]{1,3}[部章节])"
)


@dataclass(slots=True, frozen=True)
class SubjectReading:
    subject: str | None
    indicator: str | None
    rule: str | None


def last_body(ctx: Context, start: int, floor: int) -> tuple[int, str] | None:
    """Index and name of the last body that can be a subject, named in [floor, start)."""
    i = bisect.bisect_left(ctx.body_starts, start) - 1
    while i >= 0 and ctx.bodies[i].start >= floor:
        b = ctx.bodies[i]
        name = ctx.names[i]
        if b.end <= start and b.blocked is None and name is not None:
            return i, name
        i -= 1
    return None


def subject_at(ctx: Context, pos: int) -> tuple[str | None, str | None]:
    """(subject, rule) of a figure starting at ``pos``."""
    sent_start, _ = ctx.seg.sentence(pos)
    found = last_body(ctx, pos, max(sent_start, pos - _SENTENCE_WINDOW))
    rule = "subject.sentence"
    if found is None:
        para_start, _ = ctx.line(pos)
        if para_start < sent_start:
            found = last_body(ctx, sent_start, max(para_start, sent_start - _SENTENCE_WINDOW))
            rule = "subject.paragraph"
        if found is None:
            found = _previous_paragraphs(ctx, para_start)
            rule = "subject.previous_paragraph"
    if found is not None:
        i, name = found
        kind = ctx.bodies[i].kind
        return name, BOOK.name("subject.self_reference" if kind in ("self_region", "self_body") else rule)
    for value, fallback in (
        (ctx.lead, "subject.lead"),
        (ctx.actor, "subject.actor"),
        (ctx.region, "subject.report_region"),
    ):
        if value:
            return value, _DECLARED[fallback]
    return None, None


def _previous_paragraphs(ctx: Context, para_start: int) -> tuple[int, str] | None:
    """The last body of the paragraphs before, within one section: no carry into a numbered section (3 深化…),
    and none past a heading line (which may itself name the body). Lines without Chinese are furniture."""
    if _SECTION.match(ctx.text, para_start):
        return None
    end = para_start
    seen = 0
    while end > 0 and seen < _PREVIOUS_LINES:
        start, stop = ctx.line(end - 1)
        line = ctx.text[start : min(stop, start + _LINE_CHARS)].strip()  # bounded: enough to judge the line
        if _HAN.search(line) and not _IMAGE.search(line):
            seen += 1
            if _is_heading(line):  # a headline or sub-heading: its topic is the lead's, or the section's
                return None
            found = last_body(ctx, stop, max(start, stop - 2 * _SENTENCE_WINDOW))
            if found is not None:
                return found
        end = start
    return None


def _is_heading(line: str) -> bool:
    return len(line) < _HEADING_CHARS and not line.endswith(_SENTENCE_ENDS)


_LINE_CHARS = 200


def subject_reading(ctx: Context, start: int, indicator: str | None) -> SubjectReading:
    """The figure's subject and the rule that chose it; a subject that opens the indicator (湖北省群众安全感) is
    moved out of it."""
    subject, rule = subject_at(ctx, start)
    if subject is None:
        return SubjectReading(None, indicator, None)
    if indicator and subject in indicator:
        rest = indicator[indicator.index(subject) + len(subject) :].lstrip("的")
        if len(rest) >= 2:  # 武汉市公安局武昌区分局破案率 -> 破案率
            # the words the subject hid from the indicator cleaner: 市公安局今年共破获… -> 破获…
            cleaned = clean_indicator(rest)
            indicator = cleaned if len(cleaned) >= 2 else rest
    return SubjectReading(subject, indicator, rule)


def subject_and_indicator(ctx: Context, start: int, indicator: str | None) -> tuple[str | None, str | None]:
    reading = subject_reading(ctx, start, indicator)
    return reading.subject, reading.indicator


def subject_before(ctx: Context, start: int, floor: int) -> tuple[str, int] | None:
    """The body named last before ``start`` (not before ``floor``), as it stands: the actor of an initiative."""
    found = last_body(ctx, start, max(floor, start - _SENTENCE_WINDOW))
    if found is None:
        return None
    i, name = found
    return name, ctx.bodies[i].start
