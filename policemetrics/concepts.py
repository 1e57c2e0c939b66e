"""Indicator concepts (``Metric.concept``) and the stage that adds them, with region codes: ``Labeller`` as
``extract`` builds each metric, ``enrich`` on a finished Report.

The taxonomy (150+ concept ids) and the rules live in ``data/concepts.json``. A concept is decided by *frames*,
tried in table order: a frame names word groups (one word of each must occur), optional units and kinds, and either
one concept or a concept per *domain* (fraud, drugs, homicide ...). The rules read the words right before the
number, right after it and its list item (占比27.6%, 实现100%破案, 近5年连创新低), then the indicator with the verb
before it, then the clause; an indicator that names nothing (按年升3.1%) takes the concept of the figure before it in
the sentence. The domain comes from the matched words, else the nearest domain word earlier in the sentence, else in
the paragraph and the line before it: an elliptic indicator (抓获犯罪嫌疑人) takes the domain of its paragraph. Hong
Kong, Macau and Taiwan terms (整体罪案, 行劫, 诈欺) are rewritten to mainland words first. ``Metric.derivation.concept``
names the frame that decided (``concept.<frame>``); a figure no frame fits is ``other`` (``concept.unmatched``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Literal, NamedTuple

import regex
from pydantic import field_validator, model_validator

from policemetrics.attribute.codes import region_code
from policemetrics.models import Metric, MetricKind, Report, Span
from policemetrics.resources import RuleTable, alternation, load_table
from policemetrics.rules import RuleBook
from policemetrics.text import normalise
from policemetrics.text.document import Document

__all__ = [
    "RULES",
    "ConceptTable",
    "Label",
    "Labeller",
    "Labelling",
    "classify",
    "concept_ids",
    "concept_table",
    "enrich",
]

OTHER = "other"
WILDCARD = "*"
_CLASS = "@"  # a word that names a word class of the table (@arrest, @money_units)
_PARAGRAPH_WINDOW = 600  # characters looked back for the paragraph's domain (bounds the work per metric)
_NUMERAL_CHARS = "年月日〇○零一二三四五六七八九十百千万亿两"  # numbers and dates name no quantity
_ITEM_TAIL = 12  # characters after the number kept in its list item (连续16年保持全破)
_TAIL = 4  # characters after the number read by frames of scope "tail" (100%破案)
_PREFIX = 4  # characters of the clause kept before an indicator: room for a verb (破获, 抓获各类)
# stdlib re: a character class searched forward, measured ~3x faster than regex on these texts
_CLAUSE_END = re.compile(r"[。；;！!？?\n，,：:]")
_TAIL_END = re.compile(r"[、（(，,。；;！!？?\n：:]")
_LAST_CLAUSE_END = regex.compile(r"[。；;！!？?\n，,：:]", regex.REVERSE)  # searched from the end: the last one
_SENTENCE_ENDS = "。；;！!？?\n"  # each also ends a clause
_LAST_SENTENCE_END = regex.compile(f"[{_SENTENCE_ENDS}]", regex.REVERSE)


class Concept(RuleTable):
    id: str
    zh: str
    measure: str
    domain: str
    examples: list[str]


class Taxonomy(RuleTable):
    name: str
    version: str
    measures: list[str]
    concepts: list[Concept]

    @model_validator(mode="after")
    def _unique(self) -> Taxonomy:
        ids = [c.id for c in self.concepts]
        if len(ids) != len(set(ids)):
            raise ValueError("duplicate concept ids in the taxonomy")
        bad = [c.id for c in self.concepts if c.measure not in self.measures]
        if bad:
            raise ValueError(f"concepts with an unknown measure: {bad}")
        if OTHER not in ids:
            raise ValueError(f"the taxonomy must define {OTHER!r}")
        return self


class Frame(RuleTable):
    name: str
    doc: str
    all: tuple[tuple[str, ...], ...]
    none: tuple[str, ...] = ()
    units: tuple[str, ...] | None = None
    not_units: tuple[str, ...] = ()
    kinds: tuple[MetricKind, ...] | None = None
    concept: str | None = None
    by_domain: dict[str, str] | None = None
    scope: Literal["phrase", "lead", "tail", "item"] = "phrase"
    inherit: Literal["paragraph", "sentence", "none"] = "paragraph"
    weak: bool = False

    def answers(self) -> list[str]:
        return [self.concept] if self.concept else list((self.by_domain or {}).values())

    def classes(self) -> list[str]:
        """The word classes (``@name``) the frame refers to, without the ``@``."""
        words = [w for group in self.all for w in group] + [*self.none, *(self.units or ()), *self.not_units]
        return [w[1:] for w in words if w.startswith(_CLASS)]

    @model_validator(mode="after")
    def _one_answer(self) -> Frame:
        if (self.concept is None) == (self.by_domain is None):
            raise ValueError(f"frame {self.name!r}: give exactly one of concept and by_domain")
        if self.by_domain is not None and WILDCARD not in self.by_domain:
            raise ValueError(f"frame {self.name!r}: by_domain needs a {WILDCARD!r} default")
        if any(not group for group in self.all):
            raise ValueError(f"frame {self.name!r}: empty word group")
        return self


class ConceptTable(RuleTable):
    taxonomy: Taxonomy
    regional_terms: dict[str, str]
    words: dict[str, list[str]]
    domains: dict[str, list[str]]
    empty_words: list[str]
    frames: list[Frame]

    @field_validator("frames")
    @classmethod
    def _unique_names(cls, frames: list[Frame]) -> list[Frame]:
        names = [f.name for f in frames]
        if len(names) != len(set(names)):
            raise ValueError("duplicate frame names")
        return frames

    @model_validator(mode="after")
    def _references(self) -> ConceptTable:
        ids = {c.id for c in self.taxonomy.concepts}
        for frame in self.frames:
            problems = _frame_problems(frame, ids, set(self.domains), set(self.words))
            if problems:
                raise ValueError(f"frame {frame.name!r}: " + "; ".join(problems))
        return self

    def expand(self, words: tuple[str, ...]) -> list[str]:
        """Words with every ``@class`` replaced by the words of that class."""
        out: list[str] = []
        for w in words:
            out += self.words[w[1:]] if w.startswith(_CLASS) else [w]
        return out

    @cached_property
    def compiled(self) -> dict[str, list[_Compiled]]:
        """The frames of each scope, in table order."""
        out: dict[str, list[_Compiled]] = {"phrase": [], "lead": [], "tail": [], "item": []}
        for f in self.frames:
            out[f.scope].append(_compile(self, f))
        return out

    def first_fit(self, scope: str, text: str, unit: str, kind: str) -> _Compiled | None:
        """The first frame of ``scope`` that fits ``text`` and the figure's unit (``""``: none) and kind."""
        if scope != "phrase":
            for near in self._near(scope, unit):
                if near.fits(text, kind):
                    return near.compiled
            return None
        frames = self.compiled[scope]
        present = self.vocabulary.present(text)
        masks, found = self._openers
        for w in present:
            found |= masks.get(w, 0)
        while found:  # the candidates in table order: frames whose first word group holds a present word
            low = found & -found
            found ^= low
            c = frames[low.bit_length() - 1]
            if c.fits_rest(present, unit, kind):
                return c
        return None

    def _near(self, scope: str, unit: str) -> tuple[_Near, ...]:
        """The frames of a scope around the number that take ``unit``, in table order (made once per unit)."""
        key = (scope, unit)
        if key not in self._near_frames:
            frames = [c for c in self.compiled[scope] if c.units is None or unit in c.units]
            self._near_frames[key] = tuple(_Near.of(c) for c in frames if unit not in c.not_units)
        return self._near_frames[key]

    @cached_property
    def _near_frames(self) -> dict[tuple[str, str], tuple[_Near, ...]]:
        return {}

    @cached_property
    def _openers(self) -> tuple[dict[str, int], int]:
        """Per word, the phrase frames whose first word group holds it, as bits (frame i: bit i); and the bits of
        the frames with no word group (candidates of every text)."""
        masks: dict[str, int] = {}
        free = 0
        for i, c in enumerate(self.compiled["phrase"]):
            for w in c.groups[0] if c.groups else ():
                masks[w] = masks.get(w, 0) | 1 << i
            free |= 0 if c.groups else 1 << i
        return masks, free

    @cached_property
    def units(self) -> dict[str, frozenset[str] | None]:
        """Per scope, every unit one of its frames takes (``None``: a frame takes any unit)."""
        return {scope: _units_of(frames) for scope, frames in self.compiled.items()}

    @cached_property
    def near_units(self) -> frozenset[str] | None:
        """Every unit a frame of the scopes around the number (lead, tail, item) takes (``None``: any)."""
        return _units_of([c for scope in ("lead", "tail", "item") for c in self.compiled[scope]])

    @cached_property
    def vocabulary(self) -> _Vocabulary:
        """The words the phrase frames test (the other scopes test their few words one by one)."""
        return _Vocabulary({w for c in self.compiled["phrase"] for g in (*c.groups, c.none) for w in g})

    @cached_property
    def domain_words(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for domain, words in self.domains.items():
            for w in words:
                out.setdefault(w, domain)
        return out

    @cached_property
    def domain_pattern(self) -> re.Pattern[str]:
        """Stdlib re: the same leftmost, first-listed (longest) matches as regex, ~2x faster on these texts."""
        return re.compile("|".join(re.escape(w) for w in sorted(self.domain_words, key=len, reverse=True)))

    @cached_property
    def last_domain_pattern(self) -> re.Pattern[str]:
        """The domain words spelt backwards, longest first: the first match in a reversed text is the domain word
        that ends nearest its end (as a regex REVERSE search finds it; stdlib re is ~4x faster here)."""
        return re.compile("|".join(re.escape(w[::-1]) for w in sorted(self.domain_words, key=len, reverse=True)))

    @cached_property
    def domain_rank(self) -> dict[str, int]:
        """Per domain word, the rank of its domain (the domains are listed from specific to general)."""
        rank = {d: i for i, d in enumerate(self.domains)}
        return {w: rank[d] for w, d in self.domain_words.items()}

    @cached_property
    def domain_names(self) -> tuple[str, ...]:
        return tuple(self.domains)

    @cached_property
    def empty_pattern(self) -> regex.Pattern[str]:
        return regex.compile(rf"(?:{alternation(self.empty_words)}|[\d\s\p{{P}}{_NUMERAL_CHARS}])+")

    @cached_property
    def regional_pattern(self) -> regex.Pattern[str]:
        return regex.compile(alternation(self.regional_terms))

    @cached_property
    def regional_found(self) -> re.Pattern[str]:
        """Whether a text holds a regional term (stdlib re: faster than regex for this yes/no search)."""
        return re.compile("|".join(re.escape(w) for w in self.regional_terms))


def _units_of(frames: list[_Compiled]) -> frozenset[str] | None:
    found: set[str] = set()
    for c in frames:
        if c.units is None:
            return None
        found |= c.units
    return frozenset(found)


def _frame_problems(frame: Frame, ids: set[str], domains: set[str], classes: set[str]) -> list[str]:
    problems = [f"unknown concept {a!r}" for a in frame.answers() if a not in ids]
    problems += [f"unknown domain {d!r}" for d in set(frame.by_domain or {}) - {WILDCARD} - domains]
    return problems + [f"unknown word class {w!r}" for w in frame.classes() if w not in classes]


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A frame with its word groups as sets, matched against the set of table words a text contains."""

    frame: Frame
    rule: str
    groups: tuple[frozenset[str], ...]
    none: frozenset[str]
    units: frozenset[str] | None
    not_units: frozenset[str]
    kinds: frozenset[str] | None
    rest: tuple[frozenset[str], ...]  # the word groups after the first
    form: bool  # whether the frame restricts the unit or kind

    def fits_rest(self, present: AbstractSet[str], unit: str, kind: str) -> bool:
        """Whether the frame fits a text holding the table words ``present``, for a candidate frame: its first
        word group is known to hold one of them (no generator: asked ~1300 times per pass over the 41 articles)."""
        if (self.form and not self._form_ok(unit, kind)) or (self.none and not present.isdisjoint(self.none)):
            return False
        return not any(map(present.isdisjoint, self.rest))

    def _form_ok(self, unit: str, kind: str) -> bool:
        units_ok = (self.units is None or unit in self.units) and unit not in self.not_units
        return units_ok and (self.kinds is None or kind in self.kinds)


@dataclass(frozen=True, slots=True)
class _Near:
    """A frame of the few read around the number (lead, tail, item), tested on the text itself: a search for its
    word groups (and ``none`` words), cheaper on these short texts than finding every table word first."""

    compiled: _Compiled
    kinds: frozenset[str] | None
    none: re.Pattern[str] | None
    groups: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, c: _Compiled) -> _Near:
        none = _any_of(c.none) if c.none else None
        return cls(c, c.kinds, none, tuple(_any_of(g) for g in c.groups))

    def fits(self, text: str, kind: str) -> bool:
        """Whether the frame fits ``text`` for a figure of ``kind`` (its unit is known to fit)."""
        if (self.kinds is not None and kind not in self.kinds) or (self.none and self.none.search(text)):
            return False
        return all(g.search(text) for g in self.groups)


def _any_of(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words)))


def _compile(table: ConceptTable, f: Frame) -> _Compiled:
    groups = tuple(frozenset(table.expand(g)) for g in f.all)
    units = frozenset(table.expand(f.units)) if f.units is not None else None
    kinds = frozenset(f.kinds) if f.kinds is not None else None
    none, not_units = frozenset(table.expand(f.none)), frozenset(table.expand(f.not_units))
    form = units is not None or bool(not_units) or kinds is not None
    return _Compiled(f, f"concept.{f.name}", groups, none, units, not_units, kinds, groups[1:], form)


class _Vocabulary:
    """Every word the frames test, found in a text by a scan that tries, at each character, the word lengths that
    start with it (all of them: 破案率 also yields 破案). Measured faster here than an overlapped regex scan of the
    alternation (0.04 s against 0.07 s on the 41 articles)."""

    def __init__(self, words: set[str]) -> None:
        self.words = frozenset(words)
        lengths: dict[str, set[int]] = {}
        for w in words:
            lengths.setdefault(w[0], set()).add(len(w))
        self.lengths = {c: tuple(sorted(n)) for c, n in lengths.items()}

    def present(self, text: str) -> set[str]:
        found: set[str] = set()
        words, get = self.words, self.lengths.get
        for i, ch in enumerate(text):
            for n in get(ch, ()):
                piece = text[i : i + n]
                if piece in words:
                    found.add(piece)
        return found


@cache
def concept_table() -> ConceptTable:
    return load_table("concepts.json", ConceptTable)


def concept_ids() -> frozenset[str]:
    """Every concept id of the shipped taxonomy."""
    return frozenset(c.id for c in concept_table().taxonomy.concepts)


def _declare() -> RuleBook:
    rules = {f"concept.{f.name}": f.doc for f in concept_table().frames}
    rules["concept.inherit"] = "an indicator that names nothing (按年升, 至) takes the concept of the figure before it"
    rules["concept.unmatched"] = "no frame fits the indicator or its clause: not a comparable statistic (other)"
    return RuleBook("concept", rules)


RULES = _declare()


class Decision(NamedTuple):  # a tuple: made for every figure, ~2x cheaper than a frozen dataclass
    concept: str
    rule: str
    weak: bool = False


@dataclass(frozen=True)
class Site:
    """What the rules read about one figure (all normalised to Simplified): ``phrase`` its indicator with the words
    of its clause before it, ``lead`` the clause before the number, ``tail`` the clause after it, ``item`` its list
    item (between 、), ``clause`` the whole clause, ``before`` the sentence before the number, ``paragraph`` the text
    before that sentence (its paragraph and the line before); ``previous`` the decision for the figure before it in
    the same sentence."""

    unit: str | None
    kind: str
    indicator: str = ""
    phrase: str = ""
    lead: str = ""
    tail: str = ""
    item: str = ""
    clause: str = ""
    before: str = ""
    paragraph: str = ""
    previous: Decision | None = None


def _regional(text: str) -> str:
    table = concept_table()
    if not table.regional_terms or not table.regional_found.search(text):  # most texts hold none
        return text
    return table.regional_pattern.sub(lambda m: table.regional_terms[m.group()], text)


def _domain_in(text: str) -> str | None:
    """The most specific domain named in ``text`` (the domains are listed from specific to general)."""
    table = concept_table()
    found = table.domain_pattern.findall(text)
    return table.domain_names[min(map(table.domain_rank.__getitem__, found))] if found else None


def _last_domain(text: str) -> str | None:
    table = concept_table()
    m = table.last_domain_pattern.search(text[::-1])
    return table.domain_words[m.group()[::-1]] if m else None


class _Reader:
    """What the rules read about one figure, by the names of ``Site`` (but ``tail`` is cut at a list break and kept
    to ``_TAIL`` characters): each text with regional terms rewritten, and the frame words it holds. The rules read
    each at most once, in order, and most figures are decided by the words before the number: nothing is made
    before it is read."""

    __slots__ = ("indicator", "kind", "unit")

    def __init__(self, unit: str | None, kind: str, indicator: str) -> None:
        self.unit = unit
        self.kind = kind
        self.indicator = indicator

    def previous(self) -> Decision | None:
        """The decision for the figure before this one in its sentence."""
        raise NotImplementedError

    def raw(self, name: str) -> str:
        raise NotImplementedError

    def text(self, name: str) -> str:
        return _regional(self.raw(name))


class _SiteReader(_Reader):
    __slots__ = ("site",)

    def __init__(self, site: Site) -> None:
        super().__init__(site.unit, site.kind, site.indicator)
        self.site = site

    def previous(self) -> Decision | None:
        return self.site.previous

    def raw(self, name: str) -> str:
        if name == "tail":
            return _TAIL_END.split(self.site.tail, maxsplit=1)[0][:_TAIL]
        found: str = getattr(self.site, name)
        return found


class _FigureReader(_Reader):
    """The texts of one figure as ranges of the normalised article: ``phrase`` the indicator with the verb of its
    clause before it (破获 + 破坏野生动物资源案) within its list item, ``lead`` the clause before the number, ``tail``
    and ``item`` up to the first list break after it, ``clause``, ``before`` the sentence before the number and
    ``paragraph`` the text before that sentence (its paragraph and the one before, often a heading). The figure is
    given by normalised positions: the number ``at`` .. ``after`` and the start of its evidence. The ends after
    the number are found on first use (only figures with a unit of a lead, tail or item frame, or no phrase frame,
    read them); a range no regional term rewrites is read as it is."""

    __slots__ = ("_after", "_at", "_ends", "_first", "_lead", "_phrase", "_sentence", "_source", "_windows", "last")

    def __init__(
        self,
        windows: _Windows,
        unit: str | None,
        kind: str,
        indicator: str,
        at: tuple[int, int, int],
        last: tuple[_FigureReader, Decision] | None = None,
    ) -> None:
        self.unit, self.kind, self.indicator, self.last = unit, kind, indicator, last
        text = self._source = windows.norm
        self._windows = windows
        start, self._after, evidence = at
        self._at = start
        # paragraph_start twice, inlined: made for every figure
        lo = max(0, evidence - _PARAGRAPH_WINDOW)
        para = min(text.rfind("\n", lo, evidence) + 1 or lo, start)
        lo = max(0, para - 1 - _PARAGRAPH_WINDOW)
        first = self._first = (text.rfind("\n", lo, para - 1) + 1 or lo) if para > 0 else para  # often a heading
        lead = self._lead = _end_of_last(_LAST_CLAUSE_END, text, first, start)
        self._sentence: int | None = None
        self._ends: tuple[int, int] | None = None
        self._phrase: tuple[int, int] | None = None  # None: the phrase is the indicator alone
        found = text.rfind(indicator, lead, start) if indicator else -1
        if found >= 0:
            self._phrase = (max(text.rfind("、", lead, found) + 1 or lead, found - _PREFIX), found + len(indicator))

    @property
    def sentence(self) -> int:
        """Where the sentence of the number starts (found on first use: few figures read it)."""
        if self._sentence is None:
            lead, text = self._lead, self._source
            # the clause starts the sentence, or the sentence ends before the clause: a shorter search
            self._sentence = (
                lead if text[lead - 1] in _SENTENCE_ENDS else _end_of_last(_LAST_SENTENCE_END, text, self._first, lead)
            )
        return self._sentence

    def previous(self) -> Decision | None:
        """The decision for the figure kept before this one (``last``), when it is in the same sentence."""
        last = self.last
        return last[1] if last is not None and last[0].sentence == self.sentence else None

    def _tail_ends(self) -> tuple[int, int]:
        """Where the list item and the clause end after the number."""
        if self._ends is None:
            after, text = self._after, self._source
            end = max(self._windows.paragraph_end(after), after)
            cut = _TAIL_END.search(text, after, end)
            stop = _CLAUSE_END.search(text, after, end)
            self._ends = (cut.start() if cut else end, stop.start() if stop else end)
        return self._ends

    def _range(self, name: str) -> tuple[int, int] | None:
        if name == "phrase":
            return self._phrase
        if name == "lead":
            return (self._lead, self._at)
        if name == "before":
            return (self.sentence, self._at)
        if name == "paragraph":
            return (self._first, self.sentence)
        tail, clause = self._tail_ends()
        if name == "clause":
            return (self._lead, clause)
        if name == "tail":
            return (self._after, min(tail, self._after + _TAIL))
        if name == "item":
            return (
                self._source.rfind("、", self._lead, self._at) + 1 or self._lead,
                min(tail, self._after + _ITEM_TAIL),
            )
        raise KeyError(name)

    def raw(self, name: str) -> str:
        span = self._range(name)
        return self._source[span[0] : span[1]] if span else self.indicator

    def text(self, name: str) -> str:
        span = self._range(name)
        if span is None:
            return _regional(self.indicator)
        found = self._source[span[0] : span[1]]
        regional = self._windows.regional
        return found if regional is None or regional.search(self._source, *span) is None else _regional(found)


def _first_fit(reader: _Reader, name: str, scope: str) -> Decision | None:
    table = concept_table()
    unit = reader.unit or ""  # "" in a unit list: no unit written
    units = table.units[scope]
    if units is not None and unit not in units:  # no frame of the scope takes this unit
        return None
    text = reader.text(name)
    if not text:
        return None
    c = table.first_fit(scope, text, unit, reader.kind)
    if c is None:
        return None
    # a frame read off the words before or after the number takes its domain from its list item
    # (破获32起毒品大案、…), else from the whole clause
    domain_text = text if scope == "phrase" else reader.text("item" if _domain_in(reader.raw("item")) else "clause")
    return Decision(_answer(c.frame, domain_text, reader), RULES.name(c.rule), c.frame.weak)


def classify(site: Site) -> Decision:
    """The concept of one figure: the first frame that fits the words before the number (scope ``lead``), after it
    (``tail``) or its list item (``item``); else the first strong frame that fits the phrase, then the clause; a
    figure whose indicator names nothing (按年升, 至) takes the concept of the figure before it in the sentence, else
    of the sentence before the number. A weak frame (民警 alone) decides only when no strong frame fits."""
    return _decide(_SiteReader(site))


def _decide(reader: _Reader) -> Decision:
    near = concept_table().near_units
    if near is None or (reader.unit or "") in near:  # most units fit no frame of these scopes: one test for all
        found = _first_fit(reader, "lead", "lead") or _first_fit(reader, "tail", "tail")
        found = found or _first_fit(reader, "item", "item")
        if found is not None:
            return found
    strong, weak = _strong_or_weak(reader, ("phrase", "clause"))
    if strong is not None:
        return strong
    unmatched = Decision(OTHER, RULES.name("concept.unmatched"))
    if not _names_nothing(reader.indicator):  # a named indicator no frame fits is not a comparable statistic
        return weak or unmatched
    return _elliptic(reader) or weak or unmatched


def _elliptic(reader: _Reader) -> Decision | None:
    """An indicator that names nothing: the concept of the figure before it in the sentence, else of the sentence."""
    previous = reader.previous()
    if previous is not None and previous.concept != OTHER:
        return Decision(previous.concept, RULES.name("concept.inherit"))
    strong, weak = _strong_or_weak(reader, ("before",))
    return strong or weak


def _strong_or_weak(reader: _Reader, names: tuple[str, ...]) -> tuple[Decision | None, Decision | None]:
    """The first strong decision over the texts ``names``, else (None, the weak one of the widest text)."""
    weak: Decision | None = None
    for name in names:
        found = _first_fit(reader, name, "phrase")
        if found is not None and not found.weak:
            return found, None
        weak = found or weak  # a weak reading of the wider text is the better informed one
    return None, weak


def _names_nothing(indicator: str) -> bool:
    """True when the indicator holds only comparison and function words (按年升, 至, 较去年同期增加)."""
    return not concept_table().empty_pattern.sub("", indicator)


def _answer(frame: Frame, text: str, reader: _Reader) -> str:
    if frame.concept is not None:
        return frame.concept
    by_domain = frame.by_domain or {}
    domain = _domain_in(text)
    if domain is None and frame.inherit != "none":
        domain = _last_domain(reader.text("before"))
        if domain is None and frame.inherit == "paragraph":
            domain = _last_domain(reader.text("paragraph"))
    return by_domain.get(domain or WILDCARD, by_domain[WILDCARD])


class _Windows:
    """The normalised article (markup, ruby and width folded, Traditional -> Simplified), made once on first use,
    and the bounded paragraph around a position in it."""

    def __init__(self, text: str, doc: Document | None = None) -> None:
        self.text = text
        self._doc = doc

    @property
    def doc(self) -> Document:
        if self._doc is None:
            self._doc = normalise(self.text)
        return self._doc

    @cached_property
    def norm(self) -> str:
        return self.doc.text

    @cached_property
    def starts(self) -> Sequence[int]:
        """Per normalised character, where its source starts in the original (see ``Document.norm_index``)."""
        return self.doc.offsets.starts

    @cached_property
    def regional(self) -> re.Pattern[str] | None:
        """The search for a regional term, when the article holds one (a range without one is read as it is)."""
        table = concept_table()
        if table.regional_terms and table.regional_found.search(self.norm):
            return table.regional_found
        return None

    def paragraph_end(self, pos: int) -> int:
        text = self.doc.text
        hi = min(len(text), pos + _PARAGRAPH_WINDOW)
        cut = text.find("\n", pos, hi)
        return hi if cut < 0 else cut


def _end_of_last(pattern: regex.Pattern[str], text: str, start: int, end: int) -> int:
    """The end of the last match of the reverse ``pattern`` in ``text[start:end]``, else ``start``."""
    found = pattern.search(text, start, end)
    return found.end() if found else start


class Label(NamedTuple):
    """What the concept stage adds to one metric."""

    concept: str
    rule: str
    subject_code: str | None


Labelling = Callable[[str | None, str | None, str, Span, Span, str | None], Label]


class Labeller:
    """The concepts and subject codes of the metrics of one article, asked in text order: ``label`` takes the
    fields of a metric (before it is built, so it is built once) and :meth:`keep` tells that the metric labelled
    last was kept (an indicator that names nothing takes the concept of the kept figure before it)."""

    def __init__(self, text: str, region: str | None, doc: Document | None = None) -> None:
        self._windows = _Windows(text, doc)
        self.report_code = region_code(region)
        self._codes: dict[str | None, str | None] = {}  # the subjects of a report repeat (全市)
        self._last: tuple[_FigureReader, Decision] | None = None  # the figure kept before, and its decision
        self._pending: tuple[_FigureReader, Decision] | None = None

    def label(
        self, indicator: str | None, unit: str | None, kind: str, span: Span, evidence: Span, subject: str | None
    ) -> Label:
        starts = self._windows.starts  # Document.norm_index, inlined
        at = (bisect_left(starts, span.start), bisect_left(starts, span.end), bisect_left(starts, evidence.start))
        reader = _FigureReader(self._windows, unit, kind, indicator or "", at, self._last)
        decision = _decide(reader)
        reader.last = None  # read: no chain of every figure of the article
        self._pending = (reader, decision)
        if subject not in self._codes:
            self._codes[subject] = region_code(subject, report_code=self.report_code)
        return Label(decision.concept, decision.rule, self._codes[subject])

    def keep(self) -> None:
        self._last = self._pending


def enrich(report: Report, text: str, doc: Document | None = None) -> Report:
    """``report`` with ``Metric.concept`` (and the rule that decided it), ``Metric.subject_code`` and
    ``Report.region_code`` filled in. Each metric is validated again against ``text`` (the original the spans
    point into), so a report made from another text is refused with a ``ValidationError``. With the ``doc`` made
    of ``text`` (its spans come from that very document), the new fields (a taxonomy id, a code from the region
    table) are set without validating every metric again. ``extract`` labels its metrics as it builds them."""
    labeller = Labeller(text, report.region, doc)
    metrics: list[Metric] = []
    for m in report.metrics:
        found = labeller.label(m.indicator, m.unit, m.kind, m.span, m.evidence, m.subject)
        labeller.keep()
        if doc is not None:
            derivation = m.derivation.model_copy(update={"concept": found.rule})
            update = {"concept": found.concept, "subject_code": found.subject_code, "derivation": derivation}
            metrics.append(m.model_copy(update=update))
            continue
        data = m.model_dump()
        data["concept"] = found.concept
        data["derivation"] = {**data["derivation"], "concept": found.rule}
        data["subject_code"] = found.subject_code
        metrics.append(Metric.model_validate(data, context={"text": text}))  # spans checked against the text
    # the other objects are unchanged; the new code is checked by the model's own pattern
    Report.model_validate({"region_code": labeller.report_code})
    return report.model_copy(update={"region_code": labeller.report_code, "metrics": metrics})
