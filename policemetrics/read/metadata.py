"""Report metadata: headline, publication date, outlet and authors, read from the page's top lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import regex

from policemetrics.recognise.dates import parse_timestamp

_HEADING = regex.compile(r"^#{1,2}\s*(?P<t>\S.{3,80})$")
_META = regex.compile(
    r"来源[:：]|发布时间|\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}|(?:^|\s)(?:首席)?记者|通讯员|^文/|作者[:：]"
)
_STAMP = regex.compile(
    r"(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?(?:[ T]{1,2}\d{1,2}:\d{2}(?::\d{2})?)?"
)
_UNIX = regex.compile(r"^1[0-9]{9}$")
_SOURCE = regex.compile(r"来源[:：]\s*(?P<s>[^\s|,，]{2,30})")
_OUTLET = regex.compile(
    r"(?P<s>\p{Han}{2,12}?(?:日报|晚报|早报|报社|报|新闻网|网|电视台|广播电视台|客户端|杂志))(?:全媒体|融媒体|新媒体)?(?:首席)?记者"
)
_BYLINE_ROLE = regex.compile(r"(?:全媒体|融媒体)?(?:首席)?(?:记者|通讯员|实习生|特约撰稿人)|文/|文\s*/|作者[:：]")
_NAME = regex.compile(r"\p{Han}{2,3}(?=\s|$|本版|摄|报道|/|,|、|通讯员|记者)")
_BYLINE_END = regex.compile(r"本版|策划|编辑|摄影|/")
_NOT_TITLE = regex.compile(r"^(?:——|--|\d+\s|[一二三四五六七八九十]+、)|特别报道$|热线|电话")
_FIRST_YEAR, _LAST_YEAR = 1949, 2100  # a publication year outside this is a misread number
_CHINA_TZ = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Metadata:
    title: str | None
    title_at: tuple[int, int] | None
    published: date | None
    source: str | None
    authors: list[str]


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _title(text: str, lines: list[tuple[int, int]]) -> tuple[str, tuple[int, int]] | None:
    top = lines[:12]
    for a, b in top:
        m = _HEADING.match(text[a:b])
        if m:
            return m.group("t").strip(), (a + m.start("t"), b)
    for i, (a, b) in enumerate(top):
        if i and _META.search(text[a:b]):
            for j in range(i - 1, -1, -1):
                pa, pb = top[j]
                if not _NOT_TITLE.search(text[pa:pb]) and 4 <= pb - pa <= 80:
                    return text[pa:pb].strip(), (pa, pb)
            break
    for a, b in top:
        line = text[a:b]
        if 6 <= len(line) <= 60 and not _NOT_TITLE.search(line) and not regex.search(r"[。;]", line):
            return line.strip(), (a, b)
    return None


def _published(text: str, lines: list[tuple[int, int]]) -> date | None:
    for a, b in lines[:15]:
        line = text[a:b]
        if _META.search(line) or len(line) <= 30:
            m = _STAMP.search(line)
            if m and _FIRST_YEAR <= int(m["y"]) <= _LAST_YEAR:
                # the page's own timestamp is absolute: dateparser reads it (fixed settings, no clock)
                stamp = parse_timestamp(m.group())
                if stamp is not None:
                    return stamp.date()
    # CMS records end with Unix timestamps on lines of their own
    for a, b in reversed(lines[-4:]):
        if _UNIX.match(text[a:b]):
            return datetime.fromtimestamp(int(text[a:b]), tz=_CHINA_TZ).date()
    return None


def _byline(text: str, lines: list[tuple[int, int]]) -> tuple[str | None, list[str]]:
    source = None
    authors: list[str] = []
    for a, b in lines[:15]:
        line = text[a:b]
        s = _SOURCE.search(line)
        if s and source is None:
            source = s.group("s")
        role = _BYLINE_ROLE.search(line)
        if role is None or len(line) > 80:
            continue
        o = _OUTLET.search(line)
        if o and source is None:
            source = o.group("s")
        for part in _BYLINE_ROLE.split(line[role.start() :]):
            part = _BYLINE_END.split(part, maxsplit=1)[0]
            for name in _NAME.finditer(part.strip() + " "):
                if name.group() not in authors:
                    authors.append(name.group())
        if authors:
            break
    return source, authors


def read_metadata(text: str) -> Metadata:
    lines = _lines(text)
    found = _title(text, lines)
    title = found[0].strip(" \ufffc") if found else ""  # U+FFFC: a hard break (see normalise.fold)
    source, authors = _byline(text, lines)
    return Metadata(
        title=title or None,
        title_at=found[1] if found and title else None,
        published=_published(text, lines),
        source=source,
        authors=authors,
    )
