"""Honours: the rule families on sentences written for these tests, the rule table, grouping into objects and bad
input. Sentence-by-sentence cases of every rule are in tests/corpus/honours.jsonl."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from policemetrics import extract
from policemetrics.models import Honour, Report
from policemetrics.read.honours import BOOK, HonourTable, find_honours, honour_table
from policemetrics.resources import _raw
from policemetrics.rules import catalogue
from policemetrics.text.segments import Segments


def _checked(text: str) -> Report:
    report = extract(text)
    for s in report.spans():
        assert text[s.start : s.end] == s.text
    return report


def honours(text: str) -> list[Honour]:
    return _checked(text).honours


def test_two_titles_in_one_sentence() -> None:
    hs = honours("因公牺牲民警常武先后荣获“全国人民满意的公务员”“2022年全国最美基层民警”等称号。")
    assert [(h.title, h.recipient) for h in hs] == [
        ("全国人民满意的公务员", "因公牺牲民警常武"),
        ("2022年全国最美基层民警", "因公牺牲民警常武"),
    ]


def test_counted_recipients_set_count() -> None:
    (h,) = honours("28名个人获评“全国公安系统二级英雄模范”。")
    assert (h.title, h.recipient, h.count) == ("全国公安系统二级英雄模范", "28名个人", 28)


def test_plain_title_after_award_verb() -> None:
    (h,) = honours("省公安厅被评为全国扫黑除恶专项斗争先进单位。")
    assert (h.title, h.recipient) == ("全国扫黑除恶专项斗争先进单位", "省公安厅")


def test_titles_joined_by_he_before_honorary_title() -> None:
    hs = honours("市公安局东岳分局先后被授予“全国优秀公安局”和“全国公安机关执法示范单位”荣誉称号。")
    assert [(h.title, h.recipient) for h in hs] == [
        ("全国优秀公安局", "市公安局东岳分局"),
        ("全国公安机关执法示范单位", "市公安局东岳分局"),
    ]


def test_collective_merit_with_conferrer() -> None:
    (h,) = honours("市公安局被市委市政府记集体二等功。")
    assert (h.title, h.recipient, h.conferrer) == ("集体二等功", "市公安局", "市委市政府")


def test_first_and_second_class_merit() -> None:
    (h,) = honours("651个集体荣立一、二等功。")
    assert (h.title, h.count) == ("一等功/二等功", 651)


def test_commendation_one_honour_per_counted_group() -> None:
    hs = honours("4个集体、18名个人受到党中央、国务院表彰。")
    assert [(h.title, h.recipient, h.count, h.conferrer) for h in hs] == [
        ("党中央、国务院表彰", "4个集体", 4, "党中央、国务院"),
        ("党中央、国务院表彰", "18名个人", 18, "党中央、国务院"),
    ]


def test_repeated_honour_in_a_recap_is_one_object_with_mentions() -> None:
    text = "民警常武荣获“全国人民满意的公务员”称号。\n十大要闻:民警常武荣获“全国人民满意的公务员”称号。"
    (h,) = honours(text)
    assert [text[s.start : s.end] for s in h.mentions] == ["“全国人民满意的公务员”", "“全国人民满意的公务员”"]
    assert h.mentions[0].start < h.mentions[1].start


def test_recipient_named_differently_in_each_mention_is_one_object() -> None:
    text = "表现突出的江州市公安局荣记集体一等功。公安部给江州市公安局荣记集体一等功。"
    (h,) = honours(text)
    assert (h.recipient, h.conferrer, len(h.mentions)) == ("江州市公安局", "公安部", 2)


def test_one_place_of_a_listed_recipient_stays_its_own_honour() -> None:
    text = "江州、临水和南平三市被授予“长安杯”。三捧长安杯,绵阳坚持系统治理。"
    hs = honours(text)
    assert [(h.title, h.recipient) for h in hs] == [("长安杯", "江州、临水和南平三市"), ("长安杯", "绵阳")]


def test_the_same_title_for_two_counted_groups_is_two_honours() -> None:
    hs = honours("10位市民和10位民警荣获“平安卫士”称号。")
    assert [(h.recipient, h.count) for h in hs] == [("10位市民", 10), ("10位民警", 10)]


def test_year_of_the_sentence() -> None:
    (h,) = honours("2023年,城东分局被评为全省优秀公安局。")
    assert h.year == "2023"


def test_honour_spans_follow_the_original_text_in_traditional_script() -> None:
    text = "江州連續第9年被評為全國平安建設優秀省份。"
    (h,) = honours(text)
    assert (h.title, h.span.text) == ("全国平安建设优秀省份", "被評為全國平安建設優秀省份")


def test_every_rule_name_is_declared() -> None:
    text = (
        "该局被公安部命名为“全国公安机关爱民模范集体”。该所被评为全市文明单位。两名民警、三个项目分获金奖、银奖。"
        "全年荣立集体二等功2次。5个集体受到省委表彰。省公安厅对参战民警予以通令嘉奖。公安部先后两次通报表扬。"
        "大会表彰了50个全国优秀公安局。表彰了一批先进集体和先进个人。西城分局在全市比武中勇夺第一。"
        "培养出一级英模张明。\n荣誉:全国文明单位\n涌现出“最美民警”李强等典型。"
    )
    rules = {h.rule for h in honours(text)}
    assert rules == set(BOOK.rules)
    assert set(BOOK.rules) <= set(catalogue())


def test_undeclared_rule_name_is_refused() -> None:
    with pytest.raises(KeyError):
        BOOK.name("honour.no_such_rule")


def test_table_loads_once_and_compiles_its_patterns_once() -> None:
    t = honour_table()
    assert honour_table() is t
    assert t.award is t.award


def test_table_rejects_a_refinement_of_an_unlisted_verb() -> None:
    data = dict(_raw("honours.json"))
    data["paired_verbs"] = [*data["paired_verbs"], "一并获得"]
    with pytest.raises(ValidationError, match="paired_verbs"):
        HonourTable.model_validate(data)


def test_table_rejects_unknown_keys_and_repeated_surnames() -> None:
    data = dict(_raw("honours.json"))
    with pytest.raises(ValidationError):
        HonourTable.model_validate({**data, "award_verb": ["获评"]})
    with pytest.raises(ValidationError, match="surnames"):
        HonourTable.model_validate({**data, "surnames": data["surnames"] + "王"})


def test_drafts_name_only_declared_rules_and_valid_offsets() -> None:
    text = "3名民警荣立三等功,城北派出所被评为全省优秀派出所。"
    drafts = find_honours(text, Segments.of(text))
    assert [(d.title, d.rule) for d in drafts] == [
        ("三等功", "honour.merit"),
        ("全省优秀派出所", "honour.award.plain"),
    ]
    assert all(0 <= d.start < d.end <= len(text) for d in drafts)


@pytest.mark.parametrize(
    "text",
    ["", "“", "”“" * 500, "荣获" * 2000, "被" * 3000 + "评为", "“" + "奖" * 200 + "”", "荣誉:" + "、" * 500],
)
def test_bad_input_gives_no_crash_and_valid_spans(text: str) -> None:
    for h in _checked(text).honours:
        assert h.span.text


def test_a_long_text_of_repeated_awards_is_one_honour_per_entity_with_every_mention() -> None:
    """Time is measured by benchmarks/adversarial.py, not here: this checks that a recap repeated a thousand
    times groups into the same entities, each with one mention per repetition."""
    unit = "“全国优秀公安局”王明、荣获“平安卫士”称号,被公安部命名为“示范单位”,荣立集体一等功。"
    small, large = extract(unit * 100).honours, extract(unit * 1000).honours
    assert [(h.title, h.recipient) for h in large] == [(h.title, h.recipient) for h in small]
    assert [len(h.mentions) for h in large] == [10 * len(h.mentions) for h in small] == [1000] * len(small)
