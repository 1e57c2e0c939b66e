"""Role of a figure: a statistic of police work (``metric``) or a number inside a single story (``anecdote``):
a victim's loss in one case, the hours of one rescue, the years one fugitive hid. Named rules over the figure's
sentence and clause; the words are data (``data/metrics.json``: ``story``)."""

from __future__ import annotations

from policemetrics.models import Role
from policemetrics.read.metrics.draft import Draft
from policemetrics.read.metrics.table import metric_table
from policemetrics.rules import RuleBook
from policemetrics.text.segments import Segments

RULES = RuleBook(
    "role",
    {
        "role.statistic": "no sign of a single story: a statistic of police work",
        "role.dated_event": "the clause narrates an event of one day (3月5日, 当晚), with no total in the sentence",
        "role.person": "the sentence is about one person (张某, 男子, 事主), with no total in it",
        "role.time_window": "a duration that frames a feat (短短10天, 仅用3小时, 潜逃20年)",
        "role.extreme_case": "the largest or longest single case (最大一笔, 最长的达44年)",
    },
)


def role_of(text: str, seg: Segments, d: Draft, sentence: tuple[int, int]) -> tuple[Role, str]:
    """The role of the figure of ``d`` (in ``sentence``) and the rule that decided it."""
    c = d.cand
    story = metric_table().story
    s0, s1 = sentence
    s0, s1 = max(s0, c.start - 120), min(s1, c.end + 60)  # bounded: a sentence may never end
    # endswith is the old `(?:words)$` search: its one difference, before a final newline, cannot occur
    # since a newline ends the sentence
    if c.kind == "duration" and text.endswith(story.windows, max(s0, c.start - 4), c.start):
        return "anecdote", RULES.name("role.time_window")
    if story.extreme.search(text, max(s0, c.start - 12), c.start):
        return "anecdote", RULES.name("role.extreme_case")
    if story.aggregate.search(text, s0, s1):
        return "metric", RULES.name("role.statistic")
    cs, ce = seg.clause(c.start)
    if story.dated.search(text, max(s0, cs), min(s1, ce)):
        return "anecdote", RULES.name("role.dated_event")
    if story.person_hint.search(text, s0, s1) and story.person.search(text, s0, s1):
        return "anecdote", RULES.name("role.person")
    return "metric", RULES.name("role.statistic")
