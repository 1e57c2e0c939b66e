"""Initiatives: the named rules, the table's validation, grouping of mentions, and bad input.

Sentence-level positives and negatives per rule are in ``tests/corpus/initiatives.jsonl``; these tests
cover what a single corpus line cannot (mentions, year, the registry, the table, scale).
"""

from __future__ import annotations

import json
from importlib import resources

import pytest
from pydantic import ValidationError

from policemetrics import extract
from policemetrics.models import Initiative, Report
from policemetrics.read.initiatives import (
    BOOK,
    InitiativeDraft,
    InitiativeTable,
    find_initiatives,
    group_keys,
    initiative_table,
)
from policemetrics.rules import is_declared
from policemetrics.text.segments import Segments


def _checked(text: str) -> Report:
    report = extract(text)
    for s in report.spans():
        assert text[s.start : s.end] == s.text
    return report


def initiatives(text: str) -> list[Initiative]:
    return _checked(text).initiatives


def test_quoted_name_with_head_noun() -> None:
    names = [
        (i.name, i.category) for i in initiatives("2021年,市公安局推出“织网”战法,深化“一县一台”勤务运行机制改革。")
    ]
    assert names == [("织网战法", "mechanism"), ("一县一台勤务运行机制改革", "reform")]


def test_initiative_year_from_its_sentence() -> None:
    (i,) = initiatives("2021年,市公安局推出“织网”战法。")
    assert i.year == "2021"


def test_listed_quoted_names_share_their_head() -> None:
    names = [i.name for i in initiatives("深入推进“清源”“断流”等专项行动。")]
    assert names == ["清源专项行动", "断流专项行动"]


def test_plain_campaign_bounded_by_launch_verb() -> None:
    names = [i.name for i in initiatives("年内深入开展辅警队伍作风整顿,推动考核制度改革。")]
    assert names == ["辅警队伍作风整顿", "考核制度改革"]


def test_repeated_mentions_become_one_initiative() -> None:
    text = "抓好“春风2024”前期部署。深入推进“春风2024”“夏安行动”等系列打击整治行动。"
    found = {i.name: len(i.mentions) for i in initiatives(text)}
    assert found == {"春风2024行动": 2, "夏安行动": 1}


def test_slogans_and_speech_are_not_initiatives() -> None:
    text = "始终把“两个确保”作为首要任务,建设“规范、智能、高效”的受案流水线。他说:“我们还会继续努力。”"
    assert initiatives(text) == []


def test_programme_names_with_numbers_are_initiatives_not_metrics() -> None:
    r = extract("县公安局正在探索建立“1+3+N”的勤务运转机制。")
    assert r.metrics == []
    assert [i.name for i in r.initiatives] == ["1+3+N的勤务运转机制"]


def test_names_inside_a_document_title_are_not_initiatives() -> None:
    text = "印发《关于深化“警保联动”一体化运行机制改革的意见》,深化户籍制度改革。"
    assert [i.name for i in initiatives(text)] == ["户籍制度改革"]


def test_head_word_inside_a_longer_phrase_is_not_a_head() -> None:
    text = "走好改革强警之路,注重系统观念,获评首届全省改革奖,推出多项改革措施。"
    assert initiatives(text) == []


def test_actor_is_the_body_named_before_it() -> None:
    (i,) = initiatives("十堰市公安局推出“织网”战法。")
    assert i.actor == "十堰市公安局"


def test_a_scope_is_not_an_actor() -> None:
    """全省 says where, not who: the article's main body launches it, or nobody when none is named."""
    assert [i.actor for i in initiatives("湖北省公安厅召开会议。全省深入开展“净网2025”专项行动。")] == ["湖北省公安厅"]
    assert [i.actor for i in initiatives("全省深入开展“净网2025”专项行动。")] == [None]


# ---- grouping (assemble.initiatives + group_keys) ---------------------------------------------------------


def test_shorter_name_joins_the_longer_name_it_ends() -> None:
    text = "今年建成城东公安大数据实战中心。依托大数据实战中心,破获案件。"
    (i,) = initiatives(text)
    assert i.name == "城东公安大数据实战中心"
    assert [m.text for m in i.mentions] == ["城东公安大数据实战中心", "大数据实战中心"]


def test_bare_quoted_name_joins_its_headed_form() -> None:
    text = "县局推行“我为群众解难题”。“我为群众解难题”实践活动覆盖全县。"
    (i,) = initiatives(text)
    assert (i.name, len(i.mentions)) == ("我为群众解难题实践活动", 2)


def test_one_quoted_name_with_the_same_head_is_one_initiative() -> None:
    text = "建立“三级联调”的新型纠纷化解模式。“三级联调”新型纠纷多元化解模式成效明显。"
    (i,) = initiatives(text)
    assert len(i.mentions) == 2


def test_a_bare_name_between_two_headed_names_stays_apart() -> None:
    text = "组建“研判指挥”、打击整治专班。“研判指挥”一体化运行机制。“研判指挥”一体化作战中心。"
    names = sorted(i.name for i in initiatives(text))
    assert names == ["打击整治专班", "研判指挥", "研判指挥一体化作战中心", "研判指挥一体化运行机制"]


def _draft(name: str, core: str = "") -> InitiativeDraft:
    return InitiativeDraft(name, "campaign", 0, len(name), "initiative.quoted.head", core)


def test_group_keys_one_key_per_draft() -> None:
    drafts = [_draft("雷火2022"), _draft("雷火2022行动"), _draft("春风行动"), _draft("雷火2022")]
    assert group_keys(drafts) == ["雷火2022行动", "雷火2022行动", "春风行动", "雷火2022行动"]


def test_group_keys_scale_linearithmically() -> None:
    """Thousands of distinct names (an adversarial page) must not cost a quadratic comparison."""
    drafts = [_draft(f"第{i}号甲乙丙丁行动") for i in range(20000)]
    keys = group_keys(drafts)  # its time is measured by benchmarks/adversarial.py, not asserted here
    assert len(set(keys)) == 20000


# ---- the registry and the table ------------------------------------------------------------------------------


def test_every_draft_names_a_declared_rule() -> None:
    text = (
        "深入推进“清风”“断链”等专项行动,全面推行“掌上办”,城区有了“智慧警局”。东区“护学岗”、西区“暖心驿站”等一批品牌。"
        "深入开展打击非法集资专项整治,今年将推广自助挪车服务,年内开通网上挂失、视频报案等服务。"
    )
    rules = {d.rule for d in find_initiatives(text, Segments.of(text))}
    assert rules == {
        "initiative.quoted.list",
        "initiative.quoted.launched",
        "initiative.quoted.named",
        "initiative.quoted.unit_list",
        "initiative.plain.head",
        "initiative.plain.launched",
        "initiative.plain.list",
    }
    assert all(is_declared(r) for r in rules)


def test_an_undeclared_rule_name_fails_loudly() -> None:
    with pytest.raises(KeyError):
        BOOK.name("initiative.quoted.typo")


def _table_data() -> dict[str, object]:
    data = resources.files("policemetrics").joinpath("data/initiatives.json").read_text(encoding="utf-8")
    out: dict[str, object] = json.loads(data)
    return out


def test_shipped_table_loads() -> None:
    table = initiative_table()
    assert set(table.plain_heads) <= set(table.heads)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("plain_heads", ["不是头词"]),
        ("launched_heads", ["不是头词"]),
        ("list_heads", ["不是头词"]),
        ("head_stops", {"不是头词": ["定"]}),
        ("plain_generic_heads", {"服务": []}),  # a head, but not a plain head
        ("launch_verbs", ["开展", " "]),
        ("plain_min_stem", 0),
        ("unknown_field", []),
    ],
)
def test_inconsistent_table_is_rejected(field: str, value: object) -> None:
    data = _table_data()
    data[field] = value
    with pytest.raises(ValidationError):
        InitiativeTable.model_validate(data)


# ---- bad input ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "“",
        "“”",
        "”行动“",
        "等专项行动",
        "“" * 5000 + "行动",
        "开展" + "、" * 3000 + "等服务",
        "“甲”、乙区" * 2000 + "等",
    ],
)
def test_broken_quotes_and_lists_give_valid_spans_or_nothing(text: str) -> None:
    for i in initiatives(text):
        assert i.name
        assert all(text[m.start : m.end] == m.text for m in i.mentions)
