"""Pass 1: remove what is not text (HTML markup, entities, pinyin ruby, zero-width characters).

Runs on the original string, so every decision here is recorded in the offset map.
"""

from __future__ import annotations

import html
import re
from functools import cache

import regex

from policemetrics.text.offsets import MapBuilder, OffsetMap
from policemetrics.text.rules import layout_rules

# Pinyin ruby glued after a Han character: 國(guó). A tone mark (or ü) is required so that ordinary
# parenthesised Latin text such as (AI) or (hnzs2020) is never taken for ruby.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_RUBY = rf"(?<=\p{{Han}})[(（](?=[a-z{_TONED}]{{0,6}}[{_TONED}])[a-z{_TONED}]{{1,7}}[)）]"
_ENTITY = r"&(?:[A-Za-z][A-Za-z0-9]{1,9}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
_TAG = r"<(?:[A-Za-z][A-Za-z0-9:-]{0,20}|/[A-Za-z][A-Za-z0-9:-]{0,20}|!--|![A-Za-z])[^<>]{0,2000}>?"
_INVISIBLE_CHARS = r"\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e"
_INVISIBLE = rf"[{_INVISIBLE_CHARS}]+"
# Where a match of the pattern below can begin (a ruby's bracket is followed by a pinyin letter). Most
# articles hold none: stdlib re finds that out much faster than the full pattern.
_CAN_BEGIN = re.compile(rf"[(（&<\r{_INVISIBLE_CHARS}](?:(?<=[(（])(?=[a-z{_TONED}])|(?<![(（]))")


@cache
def _pattern() -> regex.Pattern[str]:
    return regex.compile(
        rf"(?P<ruby>{_RUBY})|(?P<entity>{_ENTITY})|(?P<tag>{_TAG})|(?P<inv>{_INVISIBLE})|(?P<cr>\r\n?)",
        regex.V1,
    )


def _tag_name(tag: str) -> str:
    m = regex.match(r"</?([A-Za-z][A-Za-z0-9:-]*)", tag)
    return m.group(1).lower() if m else ""


def strip_markup(text: str, prev: OffsetMap) -> tuple[str, OffsetMap]:
    if _CAN_BEGIN.search(text) is None:
        return text, prev  # nothing to strip: the text and its map stay as they are
    rules = layout_rules()
    block, skip = rules.block_tag_set, rules.skip_tag_set
    out = MapBuilder(text, prev)
    pos = 0
    lowered: str | None = None  # computed lazily: only documents with script/style need it
    for m in _pattern().finditer(text):
        a, b = m.span()
        if a < pos:  # inside a region already skipped (script body, comment)
            continue
        out.copy(pos, a)
        kind = m.lastgroup
        if kind == "tag":
            token = m.group()
            if token.startswith("<!--"):
                close = text.find("-->", a + 4)
                b = len(text) if close < 0 else close + 3
            elif not token.endswith(">"):
                # a lone '<' followed by letters is text (e.g. 中央<意见>), not a tag
                out.copy(a, b)
                pos = b
                continue
            else:
                name = _tag_name(token)
                if name in skip and not token.startswith("</"):
                    lowered = lowered if lowered is not None else text.lower()
                    close = lowered.find(f"</{name}", b)
                    if close >= 0:
                        end = text.find(">", close)
                        b = len(text) if end < 0 else end + 1
                if name in block:
                    out.replace(a, b, "\n")
        elif kind == "entity":
            out.replace(a, b, html.unescape(m.group()))
        elif kind == "cr":
            out.replace(a, b, "\n")
        # ruby and invisible characters are dropped
        pos = b
    out.copy(pos, len(text))
    return out.build()
