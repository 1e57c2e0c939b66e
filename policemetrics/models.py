"""Typed, validated output models.

Every object that points into an article carries a :class:`Span` in ORIGINAL-text coordinates
([start, end) code points). When a model is validated with ``context={"text": original}`` the span
text is checked against the source, so a wrong offset can never leave the library silently.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_serializer, field_validator, model_validator

Approx = Literal["more_than", "nearly", "about", "less_than"]
MetricKind = Literal["count", "level", "change", "rank"]
Direction = Literal["up", "down"]
Role = Literal["metric", "anecdote"]
InitiativeCategory = Literal["campaign", "mechanism", "platform", "programme", "reform"]
QuantityKind = Literal["number", "percent", "points", "multiple", "money", "ordinal", "duration", "score", "count"]

YEAR_PATTERN = r"^\d{4}$"
PERIOD_PATTERN = r"^\d{4}(-\d{4})?$"
COMPARE_PATTERN = r"^(yoy|\d{4})$"
ADCODE_PATTERN = r"^\d{6}$"
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # pickled as class, field values and set of set fields, rebuilt without pydantic's state dict: reports
        # cross processes in extract_many and Dask, and the parent unpickles every one (frozen: no private state)
        return _rebuild, (type(self), self.__dict__, self.__pydantic_fields_set__)


class Span(_Frozen):
    """Half-open character interval into the original input, with the text it covers."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} before start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError(f"span [{self.start}, {self.end}) does not have the length of its text {self.text!r}")
        source = info.context.get("text") if isinstance(info.context, dict) else None
        if isinstance(source, str) and source[self.start : self.end] != self.text:
            raise ValueError(f"span [{self.start}, {self.end}) text {self.text!r} does not match the source")
        return self

    @classmethod
    def of_source(cls, source: str, start: int, end: int) -> Span:
        """The span ``source[start:end]``, built without validation: every invariant the validator checks holds
        by construction (the text is the slice). Sets what ``model_construct`` sets, at a fraction of its cost
        (spans are the most numerous objects of a report)."""
        if not 0 <= start <= end <= len(source):
            raise ValueError(f"span [{start}, {end}) outside a source of length {len(source)}")
        return _trusted_span(start, end, source[start:end])

    def __reduce__(self) -> tuple[Any, tuple[int, int, str]]:
        # the most numerous objects of a report: pickled as their three values and rebuilt without a state dict
        # (extract_many's parent unpickles every report its workers send back)
        return _trusted_span, (self.start, self.end, self.text)

    @field_serializer("text", when_used="json")
    def _encodable(self, text: str) -> str:
        # Span text is copied from the input, which may hold lone surrogates (inside markup, say) that no
        # JSON encoder can write: in JSON each becomes U+FFFD, one for one, so offsets keep their meaning.
        return _SURROGATE.sub("\ufffd", text)


_new = object.__new__  # what ``model_construct`` calls: BaseModel defines no __new__
_set = object.__setattr__
# Which fields were set: one set object shared by equal sets (a set of a dozen names is ~700 bytes, often more than
# the fields themselves; a long text yields tens of thousands of metrics). Frozen models never change theirs, and
# pydantic's model_copy copies it before adding to it.
_SPAN_FIELDS = {"start", "end", "text"}
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


def _trusted_span(start: int, end: int, text: str) -> Span:
    """A span of values known to be consistent (a slice just taken, or a pickled span): no validation."""
    return _rebuild(Span, {"start": start, "end": end, "text": text}, _SPAN_FIELDS)


_M = TypeVar("_M", bound=BaseModel)


def _rebuild(cls: type[_M], values: dict[str, Any], fields_set: set[str]) -> _M:
    """What ``model_construct`` sets, without its per-field work: for values already checked (or unpickled)."""
    model = _new(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


def share_fields_set(model: BaseModel) -> None:
    """Replace ``model``'s set of explicitly set fields by the one shared object equal to it."""
    fields = model.__pydantic_fields_set__
    _set(model, "__pydantic_fields_set__", _FIELDS_SETS.setdefault(frozenset(fields), fields))


def _finite(value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise ValueError("value must be finite")
    return value


class Quantity(_Frozen):
    """A number expression found in the text, whether or not it becomes a metric."""

    span: Span
    value: float
    unit: str | None = None
    approx: Approx | None = None
    kind: QuantityKind = "number"
    rule: str = Field(description="name of the grammar rule that produced it")

    _check_value = field_validator("value")(_finite)


class Derivation(_Frozen):
    """Which named rule decided each attribute of a metric (None: the attribute was not set)."""

    indicator: str | None = None
    subject: str | None = None
    period: str | None = None
    concept: str | None = None
    role: str | None = None


class Metric(_Frozen):
    """One statistic stated in an article."""

    indicator: str | None = None
    value: float
    unit: str | None = None
    approx: Approx | None = None
    kind: MetricKind
    direction: Direction | None = None
    baseline: float | None = None
    compare_to: str | None = Field(default=None, pattern=COMPARE_PATTERN)
    subject: str | None = None
    subject_code: str | None = Field(
        default=None, pattern=ADCODE_PATTERN, description="GB/T 2260 code of the subject's division, when it resolves"
    )
    period: str | None = Field(default=None, pattern=PERIOD_PATTERN)
    concept: str | None = Field(default=None, description="id of the indicator concept (data/concepts.json)")
    role: Role = "metric"
    span: Span = Field(description="the number expression, e.g. 1万余起")
    evidence: Span = Field(description="the clause the number was read from")
    rule: str = Field(description="name of the rule that produced the metric, for tracing")
    derivation: Derivation = Field(default_factory=Derivation)
    warnings: list[str] = Field(default_factory=list)

    _check_value = field_validator("value", "baseline")(_finite)

    @model_validator(mode="before")
    @classmethod
    def _flag_suspicious(cls, data: Any) -> Any:
        """Legal but suspicious values are kept, with a warning, never dropped."""
        if not isinstance(data, dict):
            return data
        found: list[str] = []
        value, baseline, direction = data.get("value"), data.get("baseline"), data.get("direction")
        if data.get("unit") == "%" and data.get("kind") == "level" and isinstance(value, (int, float)) and value > 100:
            found.append("share above 100%")
        if isinstance(value, (int, float)) and isinstance(baseline, (int, float)):
            if direction == "up" and baseline > value:
                found.append("stated as a rise but the baseline is higher")
            if direction == "down" and baseline < value:
                found.append("stated as a fall but the baseline is lower")
        if found:
            data = {
                **data,
                "warnings": [*data.get("warnings", []), *(w for w in found if w not in data.get("warnings", []))],
            }
        return data

    @model_validator(mode="after")
    def _sane(self) -> Metric:
        if self.kind == "count" and self.value < 0:
            raise ValueError("a count cannot be negative")
        if self.kind == "rank" and self.value < 1:
            raise ValueError("a rank starts at 1")
        if not (self.evidence.start <= self.span.start and self.span.end <= self.evidence.end):
            raise ValueError("the number span must lie inside the evidence span")
        return self


class Honour(_Frozen):
    """An award, title or commendation conferred on a unit, place or person."""

    title: str
    recipient: str | None = None
    conferrer: str | None = None
    year: str | None = Field(default=None, pattern=YEAR_PATTERN)
    count: int | None = Field(default=None, ge=0)
    span: Span
    mentions: list[Span] = Field(default_factory=list)
    rule: str = ""


class Initiative(_Frozen):
    """A named campaign, mechanism, platform, programme or reform."""

    name: str
    category: InitiativeCategory
    year: str | None = Field(default=None, pattern=YEAR_PATTERN)
    actor: str | None = None
    span: Span
    mentions: list[Span] = Field(default_factory=list)
    rule: str = ""


class Period(_Frozen):
    start: str = Field(pattern=YEAR_PATTERN)
    end: str = Field(pattern=YEAR_PATTERN)

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("period end before start")
        return self


class Unparsed(_Frozen):
    """Something that looked like a statistic but could not be read; kept so nothing is lost silently."""

    span: Span
    reason: str


class Report(_Frozen):
    """Everything extracted from one article. ``model_dump(mode="json")`` is the interchange format."""

    title: str | None = None
    published: date | None = None
    source: str | None = None
    authors: list[str] = Field(default_factory=list)
    region: str | None = None
    region_code: str | None = Field(
        default=None, pattern=ADCODE_PATTERN, description="GB/T 2260 code of the report region, when it resolves"
    )
    period: Period | None = None
    metrics: list[Metric] = Field(default_factory=list)
    honours: list[Honour] = Field(default_factory=list)
    initiatives: list[Initiative] = Field(default_factory=list)
    unparsed: list[Unparsed] = Field(default_factory=list)

    def spans(self, *, unparsed: bool = True) -> list[Span]:
        """Every span the report carries (for provenance checks); ``unparsed=False`` leaves out the spans of
        what was not read (they may cover text the normaliser dropped, such as a page footer)."""
        out: list[Span] = []
        for m in self.metrics:
            out += [m.span, m.evidence]
        for h in self.honours:
            out += [h.span, *h.mentions]
        for i in self.initiatives:
            out += [i.span, *i.mentions]
        if unparsed:
            out += [u.span for u in self.unparsed]
        return out


def validate_report(data: dict[str, Any], text: str) -> Report:
    """Validate a report dict against the original text (spans are checked against it)."""
    return Report.model_validate(data, context={"text": text})
