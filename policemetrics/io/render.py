"""The review view: one self-contained HTML page (no network, no external scripts or fonts) showing an
article with every metric, honour and initiative highlighted, their parsed fields on hover and click,
a side table that jumps to them, and what could not be read (``Report.unparsed``).

Each extracted object is exactly one element carrying ``data-pm-kind`` (``metric``, ``honour``,
``initiative``) and ``data-pm-index`` (its index in the Report's list). Spans that cross one another
are split: the continuation pieces, the further mentions of an honour or initiative and the unparsed
items carry ``data-pm-ref`` (or ``data-pm-unparsed``) instead, so counting ``[data-pm-kind]`` counts
objects. Opening the page with ``#metric-3`` in the URL selects that object as a click would.
"""

from __future__ import annotations

import heapq
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import regex

from policemetrics.errors import InputTypeError, PolicemetricsError
from policemetrics.models import Honour, Initiative, Report, Span

__all__ = ["RenderError", "render"]

_SURROGATE = regex.compile(r"\p{Cs}")
_KIND_LABEL = {"metric": "metric", "honour": "honour", "initiative": "initiative", "unparsed": "unparsed"}
_METRIC_FIELDS = (
    "indicator",
    "value",
    "unit",
    "approx",
    "kind",
    "direction",
    "baseline",
    "compare_to",
    "subject",
    "subject_code",
    "period",
    "concept",
    "role",
    "rule",
    "derivation",
    "warnings",
)
_HONOUR_FIELDS = ("title", "recipient", "conferrer", "year", "count", "rule")
_INITIATIVE_FIELDS = ("name", "category", "year", "actor", "rule")


class RenderError(PolicemetricsError, ValueError):
    """The report's spans do not fit the text given to :func:`render`."""


@dataclass(frozen=True, order=True)
class _Piece:
    """One highlighted stretch: ``primary`` pieces are the single element of their object."""

    start: int
    neg_end: int  # longer first at the same start, so the outer element opens first
    seq: int
    end: int
    key: str  # "metric-3", "unparsed-0"
    kind: str
    index: int
    primary: bool
    mention: bool = False


def _check_span(span: Span, text: str) -> None:
    if not (0 <= span.start <= span.end <= len(text)) or text[span.start : span.end] != span.text:
        raise RenderError(
            f"span [{span.start}, {span.end}) {span.text!r} does not match the text: "
            "pass the exact text the report was extracted from"
        )


def _pieces(report: Report, text: str) -> list[_Piece]:
    out: list[_Piece] = []

    def add(span: Span, kind: str, index: int, primary: bool, mention: bool = False) -> None:
        _check_span(span, text)
        out.append(_Piece(span.start, -span.end, len(out), span.end, f"{kind}-{index}", kind, index, primary, mention))

    for i, m in enumerate(report.metrics):
        add(m.span, "metric", i, True)
    entities: tuple[tuple[str, Sequence[Honour | Initiative]], ...] = (
        ("honour", report.honours),
        ("initiative", report.initiatives),
    )
    for kind, items in entities:
        for i, obj in enumerate(items):
            add(obj.span, kind, i, True)
            for mention in obj.mentions:
                add(mention, kind, i, False, True)
    for i, u in enumerate(report.unparsed):
        add(u.span, "unparsed", i, False)
    return out


def _open_tag(p: _Piece, end: int, fields: dict[str, str]) -> str:
    classes = f"pm pm-{p.kind}" + (" pm-mention" if p.mention else "") + (" pm-cont" if p.end != end else "")
    attrs = [f'class="{classes}"', f'data-pm-key="{p.key}"', f'title="{html.escape(fields.get(p.key, ""))}"']
    if p.kind == "unparsed":
        attrs.append(f'data-pm-unparsed="{p.index}"')
    elif p.primary:
        attrs += [f'id="{p.key}"', f'data-pm-kind="{p.kind}"', f'data-pm-index="{p.index}"', 'tabindex="0"']
    else:
        attrs.append(f'data-pm-ref="{p.key}"')
    return f"<mark {' '.join(attrs)}>"


def _highlight(text: str, pieces: list[_Piece], tooltips: dict[str, str]) -> str:
    """Text with properly nested <mark> elements; a piece that crosses the end of the element it opens
    in is cut there and goes on as a continuation piece (never a second primary element)."""
    heap = list(pieces)
    heapq.heapify(heap)
    out: list[str] = []
    stack: list[int] = []  # ends of the open elements
    pos = 0
    seq = len(pieces)
    while heap:
        p = heapq.heappop(heap)
        while stack and stack[-1] <= p.start:
            pos = _close(out, text, pos, stack)
        end = p.end if not stack else min(p.end, stack[-1])
        if end < p.end:  # crosses the enclosing element: continue after it, as a non-primary piece
            cont = _Piece(end, -p.end, seq, p.end, p.key, p.kind, p.index, False, p.mention)
            heapq.heappush(heap, cont)
            seq += 1
        out.append(html.escape(text[pos : p.start]))
        pos = p.start
        out.append(_open_tag(p, end, tooltips))
        stack.append(end)
    while stack:
        pos = _close(out, text, pos, stack)
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _close(out: list[str], text: str, pos: int, stack: list[int]) -> int:
    end = stack.pop()
    out.append(html.escape(text[pos:end]) + "</mark>")
    return end


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if v is not None} or None
    return value if value not in ([], "") else None


def _fields(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    data = obj.model_dump(mode="json", include=set(names))
    return {k: _clean(data.get(k)) for k in names if _clean(data.get(k)) is not None}


def _objects(report: Report) -> list[dict[str, Any]]:
    """What the side table and the detail panel show, one entry per object (unparsed items included)."""
    objects = []
    groups: tuple[tuple[str, list[Any], tuple[str, ...]], ...] = (
        ("metric", list(report.metrics), _METRIC_FIELDS),
        ("honour", list(report.honours), _HONOUR_FIELDS),
        ("initiative", list(report.initiatives), _INITIATIVE_FIELDS),
    )
    for kind, items, names in groups:
        for i, obj in enumerate(items):
            fields = _fields(obj, names)
            extra = {"mentions": len(obj.mentions)} if kind != "metric" and obj.mentions else {}
            objects.append({"key": f"{kind}-{i}", "kind": kind, "text": obj.span.text, "fields": fields | extra})
    for i, u in enumerate(report.unparsed):
        objects.append(
            {"key": f"unparsed-{i}", "kind": "unparsed", "text": u.span.text, "fields": {"reason": u.reason}}
        )
    return objects


def _tooltip(obj: dict[str, Any]) -> str:
    parts = [
        f"{k}: {json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v}" for k, v in obj["fields"].items()
    ]
    return f"{obj['kind']} · " + "; ".join(parts)


def _summary(obj: dict[str, Any]) -> str:
    f = obj["fields"]
    if obj["kind"] == "metric":
        head = f.get("indicator", "—")
        value = f"{f.get('value', '')}{f.get('unit') or ''}"
        return f"{head} = {value} ({f.get('kind')}{'/' + f['direction'] if f.get('direction') else ''})"
    if obj["kind"] == "unparsed":
        return str(f.get("reason", ""))
    return str(f.get("title") or f.get("name") or "")


def _side_table(objects: list[dict[str, Any]]) -> str:
    rows = []
    for obj in objects:
        snippet = obj["text"] if len(obj["text"]) <= 40 else obj["text"][:40] + "…"
        rows.append(
            f'<tr class="pm-row pm-row-{obj["kind"]}" data-pm-target="{obj["key"]}">'
            f"<td>{html.escape(_KIND_LABEL[obj['kind']])} {obj['key'].rsplit('-', 1)[1]}</td>"
            f"<td>{html.escape(snippet)}</td><td>{html.escape(_summary(obj))}</td></tr>"
        )
    return "".join(rows)


def _header(report: Report) -> str:
    meta = {
        "published": report.published.isoformat() if report.published else None,
        "source": report.source,
        "authors": "、".join(report.authors) or None,
        "region": f"{report.region}" + (f" ({report.region_code})" if report.region_code else "")
        if report.region
        else None,
        "period": f"{report.period.start}–{report.period.end}" if report.period else None,
    }
    items = "".join(f"<dt>{k}</dt><dd>{html.escape(v)}</dd>" for k, v in meta.items() if v)
    counts = (
        f'<p class="pm-counts"><span class="pm-key pm-metric">{len(report.metrics)} metrics</span> '
        f'<span class="pm-key pm-honour">{len(report.honours)} honours</span> '
        f'<span class="pm-key pm-initiative">{len(report.initiatives)} initiatives</span> '
        f'<span class="pm-key pm-unparsed">{len(report.unparsed)} unparsed</span></p>'
    )
    return f"<h1>{html.escape(report.title or 'Untitled article')}</h1><dl>{items}</dl>{counts}"


def _json_for_script(data: Any) -> str:
    # ASCII only (lone surrogates cannot be written as UTF-8) and no "</script>" inside the element
    return json.dumps(data, ensure_ascii=True).replace("<", "\\u003c").replace(">", "\\u003e")


def render(report: Report, text: str, *, title: str | None = None) -> str:
    """One self-contained HTML page reviewing ``report`` over ``text`` (the exact text it was extracted
    from: :func:`policemetrics.io.files.read_text` for a file). Raises :class:`RenderError` when a span
    does not match ``text`` and :class:`~policemetrics.errors.InputTypeError` for wrong argument types."""
    if not isinstance(report, Report):
        raise InputTypeError(report, "pass the Report returned by policemetrics.extract(text)")
    if not isinstance(text, str):
        raise InputTypeError(text)
    objects = _objects(report)
    tooltips = {o["key"]: _tooltip(o) for o in objects}
    body = _highlight(text, _pieces(report, text), tooltips)
    page_title = html.escape(title or report.title or "policemetrics review")
    page = _TEMPLATE.format(
        title=page_title,
        css=_CSS,
        header=_header(report),
        article=body,
        rows=_side_table(objects),
        data=_json_for_script({o["key"]: o for o in objects}),
        script=_SCRIPT,
    )
    return _SURROGATE.sub("\ufffd", page)  # fields and tooltips copy span text too; the page must be UTF-8


_CSS = """
:root { --metric: #cfe3ff; --metric-b: #2f6fd0; --honour: #ffe9b3; --honour-b: #c08a00;
  --initiative: #d4f2d4; --initiative-b: #2f8f3f; --unparsed-b: #888; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.7 system-ui, "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif;
  color: #222; background: #fafafa; }
header { padding: 12px 20px; background: #fff; border-bottom: 1px solid #ddd; }
h1 { font-size: 20px; margin: 0 0 4px; }
dl { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; font-size: 13px; color: #555; }
dt { font-weight: 600; } dd { margin: 0; }
.pm-counts { margin: 6px 0 0; font-size: 13px; }
.pm-key { padding: 1px 6px; border-radius: 3px; margin-right: 6px; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(320px, 2fr); gap: 0; height: calc(100vh - 110px); }
#pm-article { overflow: auto; padding: 16px 20px; white-space: pre-wrap; word-break: break-word; background: #fff; }
aside { overflow: hidden; border-left: 1px solid #ddd; display: flex; flex-direction: column; }
#pm-detail { flex: none; max-height: 50%; overflow: auto; padding: 10px 14px; background: #fffdf2;
  border-bottom: 1px solid #ddd; min-height: 90px; font-size: 13px; }
#pm-list { flex: 1; overflow: auto; }
#pm-detail table { border-collapse: collapse; } #pm-detail td { padding: 1px 8px 1px 0; vertical-align: top; }
#pm-detail td:first-child { color: #666; }
#pm-objects { border-collapse: collapse; width: 100%; font-size: 13px; }
#pm-objects td { padding: 3px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
#pm-objects tr { cursor: pointer; } #pm-objects tr:hover { background: #f0f4ff; }
#pm-objects tr.pm-selected { background: #e3ecff; }
mark.pm { background: transparent; color: inherit; padding: 1px 0; cursor: pointer; border-radius: 2px; }
.pm-metric { background: var(--metric) !important; box-shadow: inset 0 -2px 0 var(--metric-b); }
.pm-honour { background: var(--honour) !important; box-shadow: inset 0 -2px 0 var(--honour-b); }
.pm-initiative { background: var(--initiative) !important; box-shadow: inset 0 -2px 0 var(--initiative-b); }
mark.pm mark.pm { padding: 0 1px; outline: 1px solid rgba(0, 0, 0, .25); }
.pm-mention { background: transparent !important; }
.pm-unparsed { background: repeating-linear-gradient(45deg, #eee, #eee 4px, #f8f8f8 4px, #f8f8f8 8px) !important;
  outline: 1px dashed var(--unparsed-b); }
mark.pm-selected { outline: 2px solid #d33 !important; }
"""

_SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("pm-data").textContent);
  var detail = document.getElementById("pm-detail");
  function cell(text) { var td = document.createElement("td"); td.textContent = text; return td; }
  function show(key) {
    var obj = data[key]; if (!obj) { return; }
    document.querySelectorAll(".pm-selected").forEach(function (e) { e.classList.remove("pm-selected"); });
    document.querySelectorAll('[data-pm-key="' + key + '"], [data-pm-target="' + key + '"]')
      .forEach(function (e) { e.classList.add("pm-selected"); });
    var table = document.createElement("table");
    var rows = [["object", key], ["text", obj.text]];
    Object.keys(obj.fields).forEach(function (k) {
      var v = obj.fields[k]; rows.push([k, typeof v === "object" ? JSON.stringify(v) : String(v)]);
    });
    rows.forEach(function (r) {
      var tr = document.createElement("tr"); tr.appendChild(cell(r[0])); tr.appendChild(cell(r[1]));
      tr.setAttribute("data-pm-field", r[0]); table.appendChild(tr);
    });
    detail.replaceChildren(table);
    detail.setAttribute("data-pm-shown", key);
  }
  document.getElementById("pm-article").addEventListener("click", function (ev) {
    var el = ev.target.closest("mark.pm"); if (el) { show(el.getAttribute("data-pm-key")); }
  });
  document.getElementById("pm-article").addEventListener("keydown", function (ev) {
    var el = ev.target.closest("mark.pm[data-pm-kind]");
    if (el && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(el.getAttribute("data-pm-key")); }
  });
  document.getElementById("pm-objects").addEventListener("click", function (ev) {
    var row = ev.target.closest("tr[data-pm-target]"); if (!row) { return; }
    var key = row.getAttribute("data-pm-target");
    var el = document.querySelector('[data-pm-key="' + key + '"]');
    if (el) { el.scrollIntoView({block: "center"}); el.dispatchEvent(new MouseEvent("click", {bubbles: true})); }
  });
  var first = location.hash.slice(1);
  var target = first && document.querySelector('[data-pm-key="' + first + '"]');
  if (target) {
    target.scrollIntoView({block: "center"});
    target.dispatchEvent(new MouseEvent("click", {bubbles: true}));
  }
})();
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="policemetrics">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<header>{header}</header>
<main>
<article id="pm-article">{article}</article>
<aside>
<div id="pm-detail">Click a highlighted figure, honour or initiative (or a row below) to see its fields.</div>
<div id="pm-list"><table id="pm-objects"><tbody>{rows}</tbody></table></div>
</aside>
</main>
<script type="application/json" id="pm-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""
