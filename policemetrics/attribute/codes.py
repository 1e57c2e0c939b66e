"""Region names -> 6-digit administrative-division codes (GB/T 2260) from the shipped region table.

``region_code("湖北省") == "420000"``; ``region_code("十堰") == "420300"``; a police body resolves to its
division (``"武昌区公安分局"`` -> 武昌区 420106, ``"省公安厅"`` -> the report's own region when given); a
self-reference (全省, 我市, 本澳) is the report's region; anything else that does not resolve is ``None``.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from policemetrics.recognise.regions import find_regions, region_by_code, resolve_region

__all__ = ["region_code"]

_MAX_NAME = 60  # characters: a subject longer than this is not a name
# what follows a place in the name of a police body or a scope word
_BODY = regex.compile(
    r"(?:公安厅|公安局|公安分局|公安处|分局|派出所|交警支队|交警大队|支队|大队|公安机关|公安|警方|警察局|警务处|政府|党委)+$"
)
# a place written as a scope or self-reference: the report's own region
_SELF = regex.compile(r"^(?:全|我|本|该)?(?P<level>省|市|区|县|州|自治区|澳|港|盟|旗)?(?:公安机关|公安|警方)?$")


def region_code(name: str | None, *, report_code: str | None = None) -> str | None:
    """The 6-digit code of the division ``name`` denotes, or ``None``. ``report_code`` (the code of the report's
    region) resolves self-references (全省, 我市, 省公安厅) and picks among same-named divisions."""
    key = name.strip() if isinstance(name, str) else ""
    if not 0 < len(key) <= _MAX_NAME:
        return None
    return _code(key, report_code)


@lru_cache(maxsize=4096)  # pure, asked once per figure with few distinct names: bounded memo
def _code(key: str, report_code: str | None) -> str | None:
    own = region_by_code(report_code or "")
    known = own.adcode if own is not None else None
    stem = _BODY.sub("", key) or key
    self_ref = _SELF.match(key) or _SELF.match(stem)
    if self_ref:
        return _own(known, self_ref.group("level"))
    province = known[:2] + "0000" if known else None
    found = resolve_region(stem, context_province=province)
    return found.adcode if found is not None else _from_mentions(stem, province)


def _own(known: str | None, level: str | None) -> str | None:
    """A self-reference: 全省 in a city's report is the province; anything else is the report's own region."""
    if known is None or level != "省":
        return known
    return known[:2] + "0000"


def _from_mentions(text: str, province: str | None) -> str | None:
    """The most specific division of a run of place names that starts the text (湖北省十堰市 -> 十堰市)."""
    mentions = find_regions(text, context_province=province, strict=False)
    if not mentions or mentions[0].start != 0:
        return None
    best = mentions[0]
    for m in mentions[1:]:
        if m.start != best.end:
            break
        best = m
    return best.region.adcode
