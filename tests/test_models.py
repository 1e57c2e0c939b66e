"""Model validation: what the models accept, reject and flag."""

from __future__ import annotations

import math

import pytest
from pydantic import ValidationError

from policemetrics.models import Metric, Report, Span, validate_report

TEXT = "破案率同比上升25%。抓获1381人。"


def _metric(**over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "indicator": "破案率",
        "value": 25.0,
        "unit": "%",
        "kind": "change",
        "direction": "up",
        "span": {"start": 7, "end": 10, "text": "25%"},
        "evidence": {"start": 0, "end": 10, "text": "破案率同比上升25%"},
        "rule": "test",
    }
    base.update(over)
    return base


def test_valid_metric_round_trips_through_json() -> None:
    report = validate_report({"metrics": [_metric()]}, TEXT)
    again = Report.model_validate_json(report.model_dump_json())
    assert again == report


def test_span_text_must_match_the_source() -> None:
    with pytest.raises(ValidationError, match="does not match the source"):
        validate_report({"metrics": [_metric(span={"start": 6, "end": 9, "text": "25%"})]}, TEXT)


def test_span_length_must_match_its_text() -> None:
    with pytest.raises(ValidationError, match="length"):
        Span(start=0, end=5, text="abc")
    with pytest.raises(ValidationError):
        Span(start=5, end=3, text="")


def test_negative_count_is_rejected() -> None:
    with pytest.raises(ValidationError, match="negative"):
        Metric.model_validate(_metric(kind="count", value=-3.0, direction=None))


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
def test_non_finite_value_is_rejected(bad: float) -> None:
    with pytest.raises(ValidationError, match="finite"):
        Metric.model_validate(_metric(value=bad))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "ratio"),
        ("direction", "sideways"),
        ("approx", "roughly"),
        ("compare_to", "last year"),
        ("period", "2023/2024"),
    ],
)
def test_unknown_enumeration_values_are_rejected(field: str, value: str) -> None:
    with pytest.raises(ValidationError):
        Metric.model_validate(_metric(**{field: value}))


def test_span_outside_evidence_is_rejected() -> None:
    with pytest.raises(ValidationError, match="inside the evidence"):
        Metric.model_validate(_metric(evidence={"start": 0, "end": 3, "text": "破案率"}))


def test_suspicious_values_are_kept_with_a_warning() -> None:
    share = Metric.model_validate(_metric(kind="level", direction=None, value=130.0))
    assert share.value == 130.0 and share.warnings == ["share above 100%"]
    backwards = Metric.model_validate(_metric(kind="level", direction="up", value=20.0, baseline=83.0))
    assert backwards.warnings == ["stated as a rise but the baseline is higher"]


def test_json_schema_is_available() -> None:
    schema = Report.model_json_schema()
    assert {"metrics", "honours", "initiatives", "title", "published"} <= set(schema["properties"])


def test_span_of_source_is_the_validated_span() -> None:
    """``Span.of_source`` skips the validator; the span it builds is the one validation would build."""
    made = Span.of_source(TEXT, 7, 10)
    checked = Span.model_validate({"start": 7, "end": 10, "text": "25%"}, context={"text": TEXT})
    assert made == checked
    assert made.model_fields_set == checked.model_fields_set
    assert made.model_dump_json() == checked.model_dump_json()
    assert made.model_copy(update={"text": "x"}).text == "x"  # a copy gets its own set of fields
    with pytest.raises(ValueError, match="outside"):
        Span.of_source(TEXT, 5, len(TEXT) + 1)
    with pytest.raises(ValueError, match="outside"):
        Span.of_source(TEXT, 5, 4)


def test_shared_fields_sets_stay_apart_on_copy() -> None:
    """Metrics and spans share one set object of explicitly set fields; a copy with an update gets its own, and the
    others keep theirs."""
    import policemetrics

    report = policemetrics.extract("全市破获刑事案件1200起，同比上升12%，抓获嫌疑人350人。")
    first, second = report.metrics[0], report.metrics[1]
    assert first.model_fields_set is second.model_fields_set  # shared
    assert first.span.model_fields_set is second.span.model_fields_set
    before = set(first.model_fields_set)
    copied = first.model_copy(update={"warnings": ["checked"]})
    assert copied.model_fields_set == before | {"warnings"}
    assert first.model_fields_set == before and second.model_fields_set == before
    span_copy = first.span.model_copy(update={"text": "x"})
    assert span_copy.model_fields_set is not first.span.model_fields_set
    fresh = Metric.model_validate(first.model_dump())
    assert first.model_fields_set <= fresh.model_fields_set  # a dump sets every field


def test_figures_of_one_clause_share_their_evidence() -> None:
    """Figures of one clause point at one evidence span object (memory), equal to a span made afresh; figures of
    another clause have their own; periods are one string object per value."""
    import policemetrics

    text = "2023年，全市破获刑事案件1200起、抓获嫌疑人350人；全市交通事故下降8%。"
    first, second, third = policemetrics.extract(text).metrics
    assert first.evidence is second.evidence
    assert first.evidence == Span.of_source(text, first.evidence.start, first.evidence.end)
    assert third.evidence is not first.evidence and third.evidence.text == "全市交通事故下降8%"
    assert first.period == "2023" and first.period is third.period


def test_pickled_report_is_the_report() -> None:
    """Spans pickle as their three values (extract_many sends reports between processes); nothing changes."""
    import pickle

    import policemetrics

    report = policemetrics.extract("全市破获刑事案件1200起，同比上升12%，荣获“全国优秀公安局”称号。")
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    assert again.model_dump_json() == report.model_dump_json()
    span = again.metrics[0].span
    assert span.model_fields_set == {"start", "end", "text"}
    assert Span.model_validate(span.model_dump(), context={"text": "全市破获刑事案件1200起"}) == span
