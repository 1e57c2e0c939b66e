"""Honours and initiatives: each pattern family, with spans checked against the input."""

from __future__ import annotations

from policemetrics import extract
from policemetrics.models import Honour, Initiative, Report


def _checked(text: str) -> Report:
    report = extract(text)
    for s in report.spans():
        assert text[s.start : s.end] == s.text
    return report


def honours(text: str) -> list[Honour]:
    return _checked(text).honours


def initiatives(text: str) -> list[Initiative]:
    return _checked(text).initiatives


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


def test_quoted_name_with_head_noun() -> None:
    names = [
        (i.name, i.category) for i in initiatives("2022年,省公安厅推出“剥茧”战法,深化“一市一台”警务运行机制改革。")
    ]
    assert names == [("剥茧战法", "mechanism"), ("一市一台警务运行机制改革", "reform")]


def test_initiative_year_from_its_sentence() -> None:
    (i,) = initiatives("2022年,省公安厅推出“剥茧”战法。")
    assert i.year == "2022"


def test_listed_quoted_names_share_their_head() -> None:
    names = [i.name for i in initiatives("深入推进“砺剑”“昆仑”等专项行动。")]
    assert names == ["砺剑专项行动", "昆仑专项行动"]


def test_plain_campaign_bounded_by_launch_verb() -> None:
    names = [i.name for i in initiatives("刀刃向内,深入开展公安队伍教育整顿,推动人事制度改革。")]
    assert names == ["公安队伍教育整顿", "人事制度改革"]


def test_repeated_mentions_become_one_initiative() -> None:
    text = "抓好“雷火2022”前场。深入推进“雷火2022”“百日行动”等系列打击整治行动。"
    found = {i.name: len(i.mentions) for i in initiatives(text)}
    assert found["雷火2022行动"] == 2


def test_slogans_and_speech_are_not_initiatives() -> None:
    text = (
        "坚持把“两个维护”作为最高政治原则,打造“安全、规范、集约、智能、高效”的执法办案流水线。他说:“我们将继续坚持。”"
    )
    assert initiatives(text) == []


def test_programme_names_with_numbers_are_initiatives_not_metrics() -> None:
    r = extract("武汉公安正在探索建立“1+4+N”的警务运转机制。")
    assert r.metrics == []
    assert [i.name for i in r.initiatives] == ["1+4+N的警务运转机制"]


def test_names_inside_a_document_title_are_not_initiatives() -> None:
    text = "出台《关于推动全省“情指勤舆”一体化运行机制改革的实施意见》,深化户籍制度改革。"
    assert [i.name for i in initiatives(text)] == ["户籍制度改革"]


def test_head_word_inside_a_longer_phrase_is_not_a_head() -> None:
    text = "坚定不移走改革强警之路,更加注重系统观念,获评第三届湖北改革奖,推出百余项改革措施。"
    assert initiatives(text) == []
