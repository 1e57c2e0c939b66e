"""Honours: each pattern family, with spans checked against the input (initiatives: tests/test_initiatives.py)."""

from __future__ import annotations

from policemetrics import extract
from policemetrics.models import Honour, Report


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
    assert [h.title for h in hs] == ["全国优秀公安局", "全国公安机关执法示范单位"]


def test_collective_merit_with_conferrer() -> None:
    (h,) = honours("市公安局被市委市政府记集体二等功。")
    assert (h.title, h.recipient, h.conferrer) == ("集体二等功", "市公安局", "市委市政府")


def test_first_and_second_class_merit() -> None:
    (h,) = honours("651个集体荣立一、二等功。")
    assert (h.title, h.count) == ("一等功/二等功", 651)


def test_commendation_names_its_conferrer() -> None:
    (h,) = honours("4个集体、18名个人受到党中央、国务院表彰。")
    assert (h.title, h.conferrer) == ("党中央、国务院表彰", "党中央、国务院")


def test_repeated_honour_in_a_recap_is_one_object_with_mentions() -> None:
    text = "民警常武荣获“全国人民满意的公务员”称号。\n十大要闻:民警常武荣获“全国人民满意的公务员”称号。"
    (h,) = honours(text)
    assert len(h.mentions) == 2
