"""Indicator concepts: the shipped taxonomy and rule table, the frames, and the enrich() post-pass.

Sentences here are written for the tests; corpus cases are in tests/corpus/concepts.jsonl."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from policemetrics import extract
from policemetrics.concepts import (
    OTHER,
    RULES,
    ConceptTable,
    Site,
    classify,
    concept_ids,
    concept_table,
    enrich,
)
from policemetrics.models import Report
from policemetrics.resources import _raw
from policemetrics.rules import catalogue

SHARED_TAXONOMY = Path(__file__).resolve().parent.parent.parent / "shared" / "concepts" / "taxonomy.json"


def _data() -> dict[str, Any]:
    return json.loads(json.dumps(_raw("concepts.json")))  # a deep copy to break


def test_taxonomy_is_shipped_and_keeps_the_known_ids() -> None:
    ids = concept_ids()
    assert len(ids) >= 150
    assert {"crime.clearance_rate", "fraud.telecom.suspects_arrested", "public.sense_of_security", OTHER} <= ids


@pytest.mark.skipif(not SHARED_TAXONOMY.exists(), reason="the shared taxonomy is not beside the checkout")
def test_every_shared_taxonomy_id_is_kept() -> None:
    shared = json.loads(SHARED_TAXONOMY.read_text(encoding="utf-8"))
    assert {c["id"] for c in shared["concepts"]} <= concept_ids()


def test_every_frame_answer_is_a_concept() -> None:
    ids = concept_ids()
    for frame in concept_table().frames:
        assert set(frame.answers()) <= ids, frame.name


def test_every_rule_is_declared_in_the_catalogue() -> None:
    names = catalogue()
    assert {f"concept.{f.name}" for f in concept_table().frames} | {"concept.inherit", "concept.unmatched"} == {
        n for n in names if n.startswith("concept.")
    }
    with pytest.raises(KeyError):
        RULES.name("concept.no_such_frame")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("concept", "no.such.concept", "unknown concept"),
        ("all", [["@no_such_class"]], "unknown word class"),
        ("none", ["@no_such_class"], "unknown word class"),
        ("all", [[]], "empty word group"),
        ("scope", "anywhere", "scope"),
    ],
)
def test_a_malformed_frame_fails_loudly(key: str, value: Any, message: str) -> None:
    data = _data()
    frame = next(f for f in data["frames"] if "concept" in f)
    frame[key] = value
    with pytest.raises(ValidationError, match=message):
        ConceptTable.model_validate(data)


def test_a_malformed_taxonomy_fails_loudly() -> None:
    data = _data()
    data["taxonomy"]["concepts"][0]["measure"] = "furlongs"
    with pytest.raises(ValidationError, match="unknown measure"):
        ConceptTable.model_validate(data)
    data = _data()
    data["taxonomy"]["concepts"].append(dict(data["taxonomy"]["concepts"][0]))
    with pytest.raises(ValidationError, match="duplicate concept ids"):
        ConceptTable.model_validate(data)


def test_duplicate_frames_and_missing_default_are_refused() -> None:
    data = _data()
    data["frames"].append(dict(data["frames"][0]))
    with pytest.raises(ValidationError, match="duplicate frame names"):
        ConceptTable.model_validate(data)
    data = _data()
    frame = next(f for f in data["frames"] if "by_domain" in f)
    del frame["by_domain"]["*"]
    with pytest.raises(ValidationError, match="default"):
        ConceptTable.model_validate(data)


def test_a_frame_needs_exactly_one_answer() -> None:
    data = _data()
    frame = next(f for f in data["frames"] if "concept" in f)
    frame["by_domain"] = {"*": "other"}
    with pytest.raises(ValidationError, match="exactly one"):
        ConceptTable.model_validate(data)


@pytest.mark.parametrize(
    ("site", "concept", "rule"),
    [
        (
            Site(unit="人", kind="count", phrase="抓获犯罪嫌疑人", before="打击电诈犯罪，"),
            "fraud.telecom.suspects_arrested",
            None,
        ),
        (
            Site(unit="人", kind="count", phrase="抓获犯罪嫌疑人", paragraph="禁毒工作。"),
            "drugs.suspects_arrested",
            None,
        ),
        (Site(unit="人", kind="count", phrase="抓获犯罪嫌疑人"), "crime.suspects.arrested", None),
        (Site(unit="%", kind="change", phrase="破案率"), "crime.clearance_rate", "concept.clearance_rate"),
        (Site(unit="%", kind="change", phrase="命案破案率"), "crime.homicide.clearance_rate", None),
        (Site(unit="起", kind="count", phrase="破获命案积案"), "crime.homicide.cold_cases_solved", None),
        (Site(unit="宗", kind="count", phrase="行劫案"), "crime.robbery.cases", "concept.cases"),
        (Site(unit="元", kind="count", phrase="诈欺财损金额"), "fraud.losses", None),
        (Site(unit="%", kind="level", phrase="占比", lead="占比"), "composition.share", "concept.share_lead"),
        (Site(unit="平方公里", kind="count", phrase="辖区面积"), OTHER, "concept.unmatched"),
        (Site(unit=None, kind="count"), OTHER, "concept.unmatched"),
    ],
)
def test_classify(site: Site, concept: str, rule: str | None) -> None:
    decision = classify(site)
    assert decision.concept == concept
    if rule is not None:
        assert decision.rule == rule


def test_an_empty_indicator_inherits_but_a_named_one_does_not() -> None:
    before = classify(Site(unit="宗", kind="count", phrase="盗窃案"))
    assert classify(Site(unit="%", kind="change", indicator="按年升", phrase="按年升", previous=before)).concept == (
        "crime.theft.cases"
    )
    named = classify(Site(unit="人", kind="count", indicator="常住人口", phrase="常住人口", previous=before))
    assert (named.concept, named.rule) == (OTHER, "concept.unmatched")
    assert classify(Site(unit="%", kind="change", indicator="按年升", phrase="按年升")).concept == OTHER


def test_a_weak_frame_yields_to_a_strong_one_in_the_clause() -> None:
    weak_only = classify(Site(unit="名", kind="count", phrase="民警", clause="全市共有3000名民警"))
    assert weak_only.concept == "police.personnel"
    strong = classify(Site(unit="名", kind="count", phrase="民警", clause="3名民警因公牺牲"))
    assert strong.concept == "police.killed_on_duty"


def test_extract_names_the_rule_of_every_metric() -> None:
    report = extract("2023年，湖北省破获电诈案件1670起，抓获犯罪嫌疑人2650人，全省群众安全感达98.7%。")
    got = [(m.span.text, m.concept, m.derivation.concept) for m in report.metrics]
    assert [(s, c) for s, c, _ in got] == [
        ("1670起", "fraud.telecom.cases_solved"),
        ("2650人", "fraud.telecom.suspects_arrested"),
        ("98.7%", "public.sense_of_security"),
    ]
    assert all(rule is not None and rule in catalogue() for _, _, rule in got)


def test_traditional_script_reads_the_same() -> None:
    simplified = extract("去年全市電詐警情同比下降20%。")
    assert [m.concept for m in simplified.metrics] == ["fraud.telecom.cases"]


def test_enrich_keeps_everything_else_and_checks_spans() -> None:
    text = "全省抓获犯罪嫌疑人1381人，挽回经济损失40亿余元。"
    report = extract(text)
    bare = Report.model_validate(
        {
            **report.model_dump(),
            "region_code": None,
            "metrics": [
                {
                    **m.model_dump(),
                    "concept": None,
                    "subject_code": None,
                    "derivation": {**m.derivation.model_dump(), "concept": None},
                }
                for m in report.metrics
            ],
        }
    )
    assert all(m.concept is None for m in bare.metrics)
    again = enrich(bare, text)
    assert again == report
    assert [m.concept for m in again.metrics] == ["crime.suspects.arrested", "crime.losses_recovered"]
    with pytest.raises(ValidationError):
        enrich(report, "另一篇文章" + text)  # spans that do not point into the text are refused


def test_empty_and_figureless_text() -> None:
    assert extract("").metrics == []
    assert enrich(Report(), "").metrics == []
    assert extract("公安机关持续推进平安建设。").metrics == []
