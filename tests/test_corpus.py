"""Corpus tests: one pytest case per line of ``tests/corpus/*.jsonl`` (format: ``tests/corpus/README.md``).

A malformed line (bad JSON, unknown key, kind or field, a span that is not in the text) fails with
:class:`CorpusFormatError`, naming the file and line; a line marked ``"xfail"`` is excused only for a
:class:`CorpusMismatch` (strict: if the library starts to get it right, the case fails until the mark goes).
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from policemetrics import extract, find_quantities
from policemetrics.models import Honour, Initiative, Metric, Quantity, Report
from policemetrics.recognise.dates import DateMention, find_dates

CORPUS = Path(__file__).resolve().parent / "corpus"
REQUIRED = {"id", "kind", "text", "expect"}
OPTIONAL = {"published", "note", "xfail"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CorpusFormatError(Exception):
    """The line itself is wrong: never excused by ``xfail``."""


class CorpusMismatch(AssertionError):
    """The library's output differs from the line's expectation."""


@dataclasses.dataclass(frozen=True)
class Line:
    path: Path
    number: int
    raw: str

    @property
    def where(self) -> str:
        root = CORPUS.parent.parent
        shown = self.path.relative_to(root) if self.path.is_relative_to(root) else self.path
        return f"{shown}:{self.number}"


@dataclasses.dataclass(frozen=True)
class Found:
    """One object the library returned, reduced to its offsets and its JSON fields."""

    start: int
    end: int
    fields: dict[str, Any]


Finder = Callable[[str, date | None], list[Found]]


def _from_model(obj: BaseModel) -> Found:
    data = obj.model_dump(mode="json")
    span = data["span"]
    return Found(span["start"], span["end"], data)


def _from_dataclass(obj: Any) -> Found:
    data = dataclasses.asdict(obj)
    return Found(data["start"], data["end"], data)


def _report_list(name: str) -> Finder:
    def find(text: str, published: date | None) -> list[Found]:
        return [_from_model(o) for o in getattr(extract(text, published=published), name)]

    return find


def _quantities(text: str, published: date | None) -> list[Found]:
    return [_from_model(q) for q in find_quantities(text)]


def _dates(text: str, published: date | None) -> list[Found]:
    return [_from_dataclass(d) for d in find_dates(text, published)]


def _model_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(model.model_fields)


# kind -> (how to find the objects, the fields a line may check)
LIST_KINDS: dict[str, tuple[Finder, frozenset[str]]] = {
    "metrics": (_report_list("metrics"), _model_fields(Metric)),
    "honours": (_report_list("honours"), _model_fields(Honour)),
    "initiatives": (_report_list("initiatives"), _model_fields(Initiative)),
    "quantities": (_quantities, _model_fields(Quantity)),
    "dates": (_dates, frozenset(f.name for f in dataclasses.fields(DateMention))),
}
KINDS = {*LIST_KINDS, "report"}


def _corpus_lines() -> list[Line]:
    out = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if raw.strip():
                out.append(Line(path, number, raw))
    return out


def _parsed(line: Line) -> Any:
    try:
        return json.loads(line.raw)
    except json.JSONDecodeError:
        return None


LINES = _corpus_lines()
ID_PLACES: dict[str, list[str]] = {}
for _each in LINES:
    _obj = _parsed(_each)
    if isinstance(_obj, dict) and isinstance(_obj.get("id"), str):
        ID_PLACES.setdefault(_obj["id"], []).append(_each.where)


def _params() -> Iterator[Any]:
    for line in LINES:
        obj = _parsed(line)
        case_id = obj.get("id") if isinstance(obj, dict) and isinstance(obj.get("id"), str) else "<no id>"
        reason = obj.get("xfail") if isinstance(obj, dict) else None
        marks = []
        if isinstance(reason, str) and reason.strip():
            marks.append(pytest.mark.xfail(reason=reason, strict=True, raises=CorpusMismatch))
        yield pytest.param(line, id=f"{line.path.stem}:{line.number}:{case_id}", marks=marks)


# ---------------------------------------------------------------- validation of one line


def _check_top(line: Line, obj: Any) -> None:
    if not isinstance(obj, dict):
        raise CorpusFormatError(f"{line.where}: not a JSON object")
    missing, unknown = REQUIRED - obj.keys(), obj.keys() - REQUIRED - OPTIONAL
    if missing or unknown:
        raise CorpusFormatError(f"{line.where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}")
    for key in ("id", "text", *(k for k in ("note", "xfail") if k in obj)):
        if not isinstance(obj[key], str) or not obj[key].strip():
            raise CorpusFormatError(f"{line.where}: {key} must be a non-empty string")
    _check_id_and_kind(line, obj)


def _check_id_and_kind(line: Line, obj: dict[str, Any]) -> None:
    if len(ID_PLACES.get(obj["id"], [])) > 1:
        raise CorpusFormatError(f"{line.where}: id {obj['id']!r} is used at {ID_PLACES[obj['id']]}")
    if obj["kind"] not in KINDS:
        raise CorpusFormatError(f"{line.where}: unknown kind {obj['kind']!r} (known: {sorted(KINDS)})")


def _published(line: Line, obj: dict[str, Any]) -> date | None:
    value = obj.get("published")
    if value is None:
        return None
    try:
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise CorpusFormatError(f"{line.where}: published must be YYYY-MM-DD, not {value!r}") from None


def _locate(line: Line, text: str, item: dict[str, Any]) -> tuple[int, int]:
    """Offsets of the ``at``-th occurrence (0-based) of the expected span text."""
    span, at = item.get("span"), item.get("at", 0)
    if not isinstance(span, str) or not span:
        raise CorpusFormatError(f"{line.where}: every expected object needs a non-empty string 'span'")
    if not isinstance(at, int) or isinstance(at, bool) or at < 0:
        raise CorpusFormatError(f"{line.where}: 'at' must be an integer >= 0, not {at!r}")
    pos = -1
    for _ in range(at + 1):
        pos = text.find(span, pos + 1)
        if pos < 0:
            raise CorpusFormatError(f"{line.where}: span {span!r} (occurrence {at}) is not in the text")
    return pos, pos + len(span)


@dataclasses.dataclass(frozen=True)
class Expected:
    start: int
    end: int
    fields: dict[str, Any]


def _expected(line: Line, text: str, expect: Any, allowed: frozenset[str]) -> list[Expected]:
    if not isinstance(expect, list):
        raise CorpusFormatError(f"{line.where}: expect must be a list for this kind ([] for a negative case)")
    out = []
    for item in expect:
        if not isinstance(item, dict):
            raise CorpusFormatError(f"{line.where}: every expected object must be a JSON object")
        unknown = item.keys() - allowed - {"span", "at"}
        if unknown:
            raise CorpusFormatError(f"{line.where}: unknown field(s) {sorted(unknown)} (allowed: {sorted(allowed)})")
        start, end = _locate(line, text, item)
        out.append(Expected(start, end, {k: v for k, v in item.items() if k not in ("span", "at")}))
    return sorted(out, key=lambda e: (e.start, e.end))


# ---------------------------------------------------------------- comparison


def _same(expected: Any, found: Any) -> bool:
    """Equal, with numbers compared to 1e-9 and a dict checked only on the keys it gives."""
    if isinstance(expected, bool) or isinstance(found, bool):
        return expected is found
    if isinstance(expected, (int, float)) and isinstance(found, (int, float)):
        return math.isclose(expected, found, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(expected, (dict, list)) and type(expected) is type(found):
        return _same_container(expected, found)
    return bool(expected == found)


def _same_container(expected: dict[str, Any] | list[Any], found: Any) -> bool:
    if isinstance(expected, dict):
        return all(k in found and _same(v, found[k]) for k, v in expected.items())
    return len(expected) == len(found) and all(_same(e, f) for e, f in zip(expected, found, strict=True))


def _show(text: str, start: int, end: int, fields: dict[str, Any]) -> str:
    shown = {k: v for k, v in fields.items() if v not in (None, [], {}) and k not in ("span", "start", "end", "text")}
    return f"{text[start:end]!r} [{start}:{end}] {json.dumps(shown, ensure_ascii=False, default=str)}"


def _differences(text: str, expected: list[Expected], found: list[Found]) -> list[str]:
    """What is missing, extra or different, aligning expected and found objects by their exact offsets."""
    problems = []
    unmatched = list(found)
    for e in expected:
        hit = next((f for f in unmatched if (f.start, f.end) == (e.start, e.end)), None)
        if hit is None:
            problems.append(f"missing: {text[e.start : e.end]!r} [{e.start}:{e.end}] {e.fields}")
            continue
        unmatched.remove(hit)
        for key, want in e.fields.items():
            if not _same(want, hit.fields.get(key)):
                problems.append(f"{text[e.start : e.end]!r} {key}: expected {want!r}, found {hit.fields.get(key)!r}")
    problems += [f"extra: {_show(text, f.start, f.end, f.fields)}" for f in unmatched]
    return problems


def _check_list(line: Line, obj: dict[str, Any], published: date | None) -> None:
    finder, allowed = LIST_KINDS[obj["kind"]]
    text = obj["text"]
    expected = _expected(line, text, obj["expect"], allowed)
    found = sorted(finder(text, published), key=lambda f: (f.start, f.end))
    problems = _differences(text, expected, found)
    if problems:
        raise CorpusMismatch(
            "\n".join(
                [
                    f"{line.where} [{obj['id']}] {obj['kind']}: {text}",
                    f"expected ({len(expected)}):",
                    *(f"  {_show(text, e.start, e.end, e.fields)}" for e in expected),
                    f"found ({len(found)}):",
                    *(f"  {_show(text, f.start, f.end, f.fields)}" for f in found),
                    "differences:",
                    *(f"  {p}" for p in problems),
                ]
            )
        )


def _check_report(line: Line, obj: dict[str, Any], published: date | None) -> None:
    expect = obj["expect"]
    if not isinstance(expect, dict) or not expect:
        raise CorpusFormatError(f"{line.where}: expect must be a non-empty object of Report fields for kind report")
    unknown = expect.keys() - Report.model_fields.keys()
    if unknown:
        raise CorpusFormatError(f"{line.where}: unknown Report field(s) {sorted(unknown)}")
    found = extract(obj["text"], published=published).model_dump(mode="json")
    problems = [f"{k}: expected {v!r}, found {found[k]!r}" for k, v in expect.items() if not _same(v, found[k])]
    if problems:
        raise CorpusMismatch("\n".join([f"{line.where} [{obj['id']}] report: {obj['text']}", *problems]))


def test_the_corpus_is_not_empty() -> None:
    assert LINES, f"no cases found in {CORPUS}/*.jsonl"


def run_line(line: Line) -> None:
    """Validate one line, then compare the library's output with it."""
    obj = _parsed(line)
    if obj is None:
        raise CorpusFormatError(f"{line.where}: not valid JSON")
    _check_top(line, obj)
    published = _published(line, obj)
    if obj["kind"] == "report":
        _check_report(line, obj, published)
    else:
        _check_list(line, obj, published)


@pytest.mark.parametrize("line", list(_params()))
def test_corpus_line(line: Line) -> None:
    run_line(line)


# ---------------------------------------------------------------- the runner itself

_GOOD = {"id": "t.1", "kind": "quantities", "text": "抓获12人。", "expect": [{"span": "12人", "value": 12}]}
MALFORMED = {
    "not json": "{",
    "not an object": "[1]",
    "unknown kind": {**_GOOD, "kind": "metric"},
    "unknown key": {**_GOOD, "expected": []},
    "missing key": {k: v for k, v in _GOOD.items() if k != "expect"},
    "span not in text": {**_GOOD, "expect": [{"span": "13人"}]},
    "occurrence not in text": {**_GOOD, "expect": [{"span": "12人", "at": 1}]},
    "no span": {**_GOOD, "expect": [{"value": 12}]},
    "unknown field": {**_GOOD, "expect": [{"span": "12人", "valeu": 12}]},
    "expect not a list": {**_GOOD, "expect": {"span": "12人"}},
    "bad published": {**_GOOD, "published": "2024/01/02"},
    "empty xfail": {**_GOOD, "xfail": " "},
    "empty report expect": {**_GOOD, "kind": "report", "expect": {}},
    "unknown report field": {**_GOOD, "kind": "report", "expect": {"titel": "x"}},
}


def _line(tmp_path: Path, content: Any) -> Line:
    raw = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    return Line(tmp_path / "case.jsonl", 7, raw)


@pytest.mark.parametrize("content", list(MALFORMED.values()), ids=list(MALFORMED))
def test_malformed_lines_fail_naming_file_and_line(tmp_path: Path, content: Any) -> None:
    with pytest.raises(CorpusFormatError, match=r"case\.jsonl:7"):
        run_line(_line(tmp_path, content))


def test_a_wrong_expectation_fails_with_expected_and_found(tmp_path: Path) -> None:
    wrong = {**_GOOD, "expect": [{"span": "12人", "value": 13}]}
    with pytest.raises(CorpusMismatch) as info:
        run_line(_line(tmp_path, wrong))
    assert "value: expected 13, found 12.0" in str(info.value)


def test_missing_and_extra_objects_fail(tmp_path: Path) -> None:
    with pytest.raises(CorpusMismatch, match="extra: '12人'"):
        run_line(_line(tmp_path, {**_GOOD, "expect": []}))
    with pytest.raises(CorpusMismatch, match="missing: '抓获'"):
        run_line(_line(tmp_path, {**_GOOD, "expect": [{"span": "抓获"}, {"span": "12人"}]}))


def test_a_correct_line_passes(tmp_path: Path) -> None:
    run_line(_line(tmp_path, _GOOD))
