"""Evaluation against gold annotations: precision, recall and F1 of metrics, honours and initiatives,
attribute accuracies, report fields and span validity.

The gold format and the scoring semantics are those of the project's annotation guide (one JSONL file
per article with ``report``, ``metric``, ``honour`` and ``initiative`` lines, each with an exact
``quote``). In short:

* a predicted metric matches a gold metric when its ``span`` overlaps the gold ``number`` (one to one,
  largest overlap first); gold metrics with role ``anecdote`` are neutral;
* detection = matched; value = matched with equal value, unit and approx; strict = value plus kind and
  direction; the indicator is right when one contains the other or their character F1 is >= 0.6;
* honours and initiatives are scored per entity (gold lines with the same name form one entity): a
  prediction matches when one of its spans overlaps a gold mention and the names have character F1 >= 0.6;
* report fields: title and source (character F1 >= 0.8), region (>= 0.6), published, authors (as a
  set) and period (years) exactly.

``evaluate(texts_dir, gold_dir)`` runs :func:`policemetrics.extract` on every article that has gold
(or reads saved predictions with ``pred_dir=``) and returns an :class:`Evaluation`;
``Evaluation.to_dict()`` has the layout of the referee's JSON. The module itself is callable:
``policemetrics.evaluate(texts_dir, gold_dir)`` is ``policemetrics.evaluate.evaluate(...)``.
"""

from __future__ import annotations

import json
import math
import os
import sys
import types
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policemetrics.errors import PolicemetricsError
from policemetrics.models import Report

__all__ = [
    "Evaluation",
    "GoldError",
    "Miss",
    "Score",
    "char_f1",
    "evaluate",
    "load_gold",
    "score_document",
]

Gold = list[dict[str, Any]]
Prediction = Mapping[str, Any]
SpanPair = tuple[int, int]

_QUOTE_CHARS = frozenset("\"'“”‘’「」『』《》 \n\t")
_INDICATOR_F1 = 0.6
_NAME_F1 = 0.6
_TITLE_F1 = 0.8
_REGION_F1 = 0.6
ATTRIBUTES = ("baseline", "compare_to", "period", "subject")


class GoldError(PolicemetricsError, ValueError):
    """A gold file is malformed: a quote not in the article, a number not in its quote, bad JSON."""


@dataclass(frozen=True)
class Score:
    """True positives, predicted and gold counts; precision, recall and F1 as the referee defines them."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else float(self.gold == 0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "pred": self.predicted,
            "gold": self.gold,
        }


@dataclass(frozen=True)
class Miss:
    """One disagreement, for reading errors: ``kind`` is e.g. ``metric-missed`` or ``report-title``."""

    doc: str
    kind: str
    quote: str
    detail: str

    def __str__(self) -> str:
        return " | ".join((self.doc, self.kind, self.quote, self.detail))


# ---- string and number comparisons


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    return "".join(ch for ch in s if ch not in _QUOTE_CHARS)


def char_f1(a: str | None, b: str | None) -> float:
    """Character-bag F1 of two strings after NFKC and without quote marks; 1.0 when one contains the other."""
    if not a or not b:
        return 0.0
    a, b = _norm(a), _norm(b)
    if a in b or b in a:
        return 1.0
    common = sum((Counter(a) & Counter(b)).values())
    if common == 0:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def _same_number(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


# ---- spans and matching


def _locate(text: str, quote: str, occurrence: int | None) -> int:
    pos = -1
    for _ in range((occurrence or 0) + 1):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            raise GoldError(f"gold quote not found (occurrence {occurrence or 0}): {quote!r}")
    return pos


def _gold_spans(text: str, items: Gold, key: str | None) -> list[SpanPair]:
    out = []
    for g in items:
        q = _locate(text, g["quote"], g.get("occurrence"))
        if key is None:
            out.append((q, q + len(g["quote"])))
            continue
        off = g["quote"].find(g[key])
        if off < 0:
            raise GoldError(f"gold {key} {g[key]!r} not inside quote {g['quote']!r}")
        out.append((q + off, q + off + len(g[key])))
    return out


def _overlap(a: SpanPair, b: SpanPair) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _pred_span(sp: object) -> SpanPair | None:
    if not isinstance(sp, Mapping):
        return None
    try:
        return int(sp["start"]), int(sp["end"])
    except (KeyError, TypeError, ValueError):
        return None


def _greedy(cands: list[tuple[Any, ...]]) -> dict[int, int]:
    """One-to-one pairs gold -> prediction from (score..., gi, pi) tuples, best score first."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for *_, gi, pi in sorted(cands, reverse=True):
        if gi not in pairs and pi not in used:
            pairs[gi] = pi
            used.add(pi)
    return pairs


def _match_metrics(gspans: list[SpanPair], pspans: list[SpanPair | None]) -> dict[int, int]:
    cands = []
    for gi, g in enumerate(gspans):
        for pi, p in enumerate(pspans):
            ov = 0 if p is None else _overlap(g, p)
            if p is not None and ov > 0:
                cands.append((ov, -abs(g[0] - p[0]), gi, pi))
    return _greedy(cands)


def match_metrics(text: str, gold: Gold, spans: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Gold metric index -> index into ``spans`` (predicted metric spans), matched as the referee matches them:
    the span overlaps the gold ``number``, largest overlap first, then nearest start, one to one."""
    return _match_metrics(_gold_spans(text, gold, "number"), list(spans))


# ---- one document


@dataclass
class _Doc:
    text: str
    name: str
    tally: Counter[str] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    def miss(self, kind: str, quote: str, detail: str) -> None:
        self.misses.append(Miss(self.name, kind, quote, detail))


def _span_ok(text: str, sp: object) -> bool:
    if not isinstance(sp, Mapping):
        return False
    start, end = sp.get("start"), sp.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return False
    return 0 <= start <= end <= len(text) and text[start:end] == sp.get("text")


def _score_spans(doc: _Doc, pred: Prediction) -> None:
    for group in ("metrics", "honours", "initiatives"):
        for obj in pred.get(group) or []:
            doc.tally["spans_total"] += 1
            doc.tally["spans_valid"] += _span_ok(doc.text, obj.get("span"))


def _score_matched_metric(doc: _Doc, g: Mapping[str, Any], p: Mapping[str, Any]) -> None:
    t = doc.tally
    t["m_tp"] += 1
    unit_ok = g.get("unit") is None or _norm(str(g["unit"])) == _norm(str(p.get("unit")))
    approx_ok = (g.get("approx") or None) == (p.get("approx") or None)
    val_ok = _same_number(g["value"], p.get("value")) and unit_ok and approx_ok
    sem_ok = g.get("kind") == p.get("kind") and (g.get("direction") or None) == (p.get("direction") or None)
    ind_ok = char_f1(g.get("indicator"), p.get("indicator")) >= _INDICATOR_F1
    t["m_value_ok"] += val_ok
    t["m_sem_ok"] += sem_ok
    t["m_strict_ok"] += val_ok and sem_ok
    t["m_indicator_ok"] += ind_ok
    _metric_misses(doc, g, p, (val_ok, sem_ok, ind_ok))
    _score_attributes(t, g, p)


def _metric_misses(doc: _Doc, g: Mapping[str, Any], p: Mapping[str, Any], oks: tuple[bool, bool, bool]) -> None:
    val_ok, sem_ok, ind_ok = oks
    if not val_ok:
        got = f"got {p.get('value')} {p.get('unit')} {p.get('approx')}"
        doc.miss("metric-value", g["number"], f"gold {g['value']} {g['unit']} {g.get('approx')} / {got}")
    if not sem_ok:
        got = f"got {p.get('kind')}/{p.get('direction')}"
        doc.miss("metric-kind", g["quote"], f"gold {g.get('kind')}/{g.get('direction')} {got}")
    if not ind_ok:
        doc.miss("metric-indicator", g["quote"], f"gold {g.get('indicator')!r} got {p.get('indicator')!r}")


def _score_attributes(t: Counter[str], g: Mapping[str, Any], p: Mapping[str, Any]) -> None:
    if g.get("baseline") is not None:
        t["m_baseline_n"] += 1
        t["m_baseline_ok"] += _same_number(g["baseline"], p.get("baseline"))
    for name in ("compare_to", "period"):
        if g.get(name) is not None:
            t[f"m_{name}_n"] += 1
            t[f"m_{name}_ok"] += str(g[name]) == str(p.get(name))
    if g.get("subject"):
        t["m_subject_n"] += 1
        t["m_subject_ok"] += char_f1(g["subject"], p.get("subject")) >= _NAME_F1


def _anecdote(g: Mapping[str, Any]) -> bool:
    return bool(g.get("role") == "anecdote")


def _count_metrics(t: Counter[str], gm: Gold, pm: list[Mapping[str, Any]], pairs: dict[int, int]) -> None:
    """Anecdotes are neutral: not in the gold count, and a prediction matched to one is not counted either."""
    t["m_gold"] += len(gm) - len([g for g in gm if _anecdote(g)])
    t["m_pred"] += len(pm) - len([gi for gi in pairs if _anecdote(gm[gi])])


def _score_metrics(doc: _Doc, gold: Gold, pred: Prediction) -> None:
    gm = [g for g in gold if g.get("type") == "metric"]
    pm = list(pred.get("metrics") or [])
    psp = [_pred_span(p.get("span")) for p in pm]
    pairs = _match_metrics(_gold_spans(doc.text, gm, "number"), psp)
    _count_metrics(doc.tally, gm, pm, pairs)
    for gi, g in enumerate(gm):
        if _anecdote(g):
            continue
        if gi in pairs:
            _score_matched_metric(doc, g, pm[pairs[gi]])
        else:
            doc.miss("metric-missed", g["quote"], g["number"])
    _extra_metrics(doc, pm, psp, set(pairs.values()))


def _extra_metrics(doc: _Doc, pm: list[Mapping[str, Any]], psp: list[SpanPair | None], matched: set[int]) -> None:
    for pi, p in enumerate(pm):
        if pi not in matched:
            sp = psp[pi]
            quote = doc.text[sp[0] : sp[1]] if sp else "?"
            doc.miss("metric-extra", quote, f"{p.get('indicator')!r} {p.get('value')} {p.get('unit')}")


def _gold_entities(text: str, items: Gold, typ: str, key: str) -> list[dict[str, Any]]:
    ents: dict[str, dict[str, Any]] = {}
    for g, sp in zip(items, _gold_spans(text, items, None), strict=True):
        k = _norm(str(g.get(key))) + ("|" + _norm(str(g.get("recipient"))) if typ == "honour" else "")
        ents.setdefault(k, {"name": g.get(key), "spans": [], "quote": g["quote"]})["spans"].append(sp)
    return list(ents.values())


def _pred_entity_spans(p: Mapping[str, Any]) -> list[SpanPair]:
    spans = [_pred_span(p.get("span"))] + [_pred_span(m) for m in p.get("mentions") or []]
    return [s for s in spans if s is not None]


def _entity_pairs(gents: list[dict[str, Any]], pp: list[Mapping[str, Any]], key: str) -> dict[int, int]:
    pents = [_pred_entity_spans(p) for p in pp]
    cands = []
    for gi, ge in enumerate(gents):
        for pi, pspans in enumerate(pents):
            ov = max((_overlap(a, b) for a in ge["spans"] for b in pspans), default=0)
            if ov > 0 and char_f1(ge["name"], pp[pi].get(key)) >= _NAME_F1:
                cands.append((ov, gi, pi))
    return _greedy(cands)


def _score_entities(doc: _Doc, gold: Gold, pred: Prediction, typ: str, group: str, key: str) -> None:
    gents = _gold_entities(doc.text, [g for g in gold if g.get("type") == typ], typ, key)
    pp = list(pred.get(group) or [])
    pairs = _entity_pairs(gents, pp, key)
    doc.tally[f"{typ}_gold"] += len(gents)
    doc.tally[f"{typ}_pred"] += len(pp)
    doc.tally[f"{typ}_tp"] += len(pairs)
    for gi, ge in enumerate(gents):
        if gi not in pairs:
            doc.miss(f"{typ}-missed", ge["quote"], str(ge["name"]))
    matched = set(pairs.values())
    for pi, p in enumerate(pp):
        if pi not in matched:
            doc.miss(f"{typ}-extra", str(p.get(key)), "")


def _period(p: object) -> tuple[str | None, str | None] | None:
    if not isinstance(p, Mapping):
        return None
    start, end = p.get("start"), p.get("end")
    return (str(start)[:4] if start else None, str(end)[:4] if end else None)


def _similar(gold: object, pred: object, threshold: float) -> bool:
    if not gold and not pred:
        return True
    return char_f1(gold if isinstance(gold, str) else None, pred if isinstance(pred, str) else None) >= threshold


def _score_report(doc: _Doc, gold: Gold, pred: Prediction) -> None:
    rep = [g for g in gold if g.get("type") == "report"]
    if not rep:
        return
    r = rep[0]
    checks = {
        "title": _similar(r.get("title"), pred.get("title"), _TITLE_F1),
        "published": (r.get("published") or None) == (pred.get("published") or None),
        "source": _similar(r.get("source"), pred.get("source"), _TITLE_F1),
        "region": _similar(r.get("region"), pred.get("region"), _REGION_F1),
        "authors": sorted(r.get("authors") or []) == sorted(pred.get("authors") or []),
        "period": _period(r.get("period")) == _period(pred.get("period")),
    }
    for name, ok in checks.items():
        doc.tally["report_n"] += 1
        doc.tally["report_ok"] += ok
        if not ok:
            doc.miss("report-" + name, str(r.get(name)), str(pred.get(name)))


def _as_prediction(pred: Report | Prediction) -> Prediction:
    return pred.model_dump(mode="json") if isinstance(pred, Report) else pred


def score_document(text: str, gold: Gold, pred: Report | Prediction, name: str = "") -> Evaluation:
    """Score one article: ``gold`` is its list of gold lines, ``pred`` a Report or its JSON dict."""
    doc = _Doc(text, name)
    prediction = _as_prediction(pred)
    _score_spans(doc, prediction)
    _score_metrics(doc, gold, prediction)
    _score_entities(doc, gold, prediction, "honour", "honours", "title")
    _score_entities(doc, gold, prediction, "initiative", "initiatives", "name")
    _score_report(doc, gold, prediction)
    return Evaluation(docs=1, counts=doc.tally, misses=doc.misses)


# ---- many documents


@dataclass(frozen=True)
class Evaluation:
    """Counts over a set of documents; the figures are properties, ``to_dict()`` the referee's layout."""

    docs: int
    counts: Mapping[str, int]
    misses: Sequence[Miss] = ()

    def _n(self, key: str) -> int:
        return int(self.counts.get(key, 0))

    def _ratio(self, ok: str, n: str) -> float | None:
        return round(self._n(ok) / self._n(n), 4) if self._n(n) else None

    def __add__(self, other: Evaluation) -> Evaluation:
        counts = Counter(self.counts)
        counts.update(other.counts)
        return Evaluation(self.docs + other.docs, counts, [*self.misses, *other.misses])

    @property
    def span_validity(self) -> float | None:
        return self._ratio("spans_valid", "spans_total")

    @property
    def metric_detection(self) -> Score:
        return Score(self._n("m_tp"), self._n("m_pred"), self._n("m_gold"))

    @property
    def metric_value(self) -> Score:
        return Score(self._n("m_value_ok"), self._n("m_pred"), self._n("m_gold"))

    @property
    def metric_strict(self) -> Score:
        return Score(self._n("m_strict_ok"), self._n("m_pred"), self._n("m_gold"))

    @property
    def attribute_accuracy(self) -> dict[str, float | None]:
        return {k: self._ratio(f"m_{k}_ok", f"m_{k}_n") for k in ATTRIBUTES}

    @property
    def indicator_accuracy(self) -> float | None:
        return self._ratio("m_indicator_ok", "m_tp")

    @property
    def honours(self) -> Score:
        return Score(self._n("honour_tp"), self._n("honour_pred"), self._n("honour_gold"))

    @property
    def initiatives(self) -> Score:
        return Score(self._n("initiative_tp"), self._n("initiative_pred"), self._n("initiative_gold"))

    @property
    def report_fields(self) -> float | None:
        return self._ratio("report_ok", "report_n")

    def to_dict(self) -> dict[str, Any]:
        """The figures, in the layout and rounding of the referee's JSON."""
        return {
            "docs": self.docs,
            "span_validity": self.span_validity,
            "metric_detection": self.metric_detection.to_dict(),
            "metric_value": self.metric_value.to_dict(),
            "metric_strict": self.metric_strict.to_dict(),
            "metric_attr_accuracy": self.attribute_accuracy,
            "metric_indicator_accuracy": self.indicator_accuracy,
            "honours": self.honours.to_dict(),
            "initiatives": self.initiatives.to_dict(),
            "report_fields": self.report_fields,
        }

    def format(self) -> str:
        """A plain-text table of the figures."""
        rows = [f"documents {self.docs}, span validity {_fmt(self.span_validity)}", ""]
        rows.append(f"{'':<18}{'precision':>10}{'recall':>8}{'F1':>8}{'tp':>7}{'pred':>7}{'gold':>7}")
        for label, s in (
            ("metric detection", self.metric_detection),
            ("metric value", self.metric_value),
            ("metric strict", self.metric_strict),
            ("honours", self.honours),
            ("initiatives", self.initiatives),
        ):
            d = s.to_dict()
            rows.append(
                f"{label:<18}{d['precision']:>10.4f}{d['recall']:>8.4f}{d['f1']:>8.4f}"
                f"{s.tp:>7}{s.predicted:>7}{s.gold:>7}"
            )
        rows.append("")
        accuracies = {"indicator": self.indicator_accuracy, **self.attribute_accuracy}
        rows.append("accuracy over matched metrics: " + ", ".join(f"{k} {_fmt(v)}" for k, v in accuracies.items()))
        rows.append(f"report fields: {_fmt(self.report_fields)}")
        return "\n".join(rows)


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.4f}"


def load_gold(path: str | os.PathLike[str]) -> Gold:
    """The gold lines of one article (JSONL); raises :class:`GoldError` on malformed JSON."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    out = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{n}: not JSON: {exc.msg}") from exc
        if not isinstance(obj, dict):
            raise GoldError(f"{path}:{n}: a gold line must be a JSON object")
        out.append(obj)
    return out


def _read_article(path: Path) -> str:
    """As the referee reads it: UTF-8 as is (a BOM stays a character); other encodings via read_text."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from policemetrics.io.files import decode

        return decode(data, path)


def _load_prediction(path: Path) -> Prediction:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def evaluate(
    texts: str | os.PathLike[str],
    gold: str | os.PathLike[str],
    pred: str | os.PathLike[str] | None = None,
    *,
    extractor: Callable[[str], Report] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Evaluation:
    """Score every article of ``gold`` (``NAME.jsonl``) against ``texts/NAME.txt``.

    Predictions are ``pred/NAME.json`` (``Report.model_dump(mode="json")``; a missing file counts as an
    empty prediction) when ``pred`` is given, else ``extractor(text)`` (default :func:`policemetrics.extract`).
    Raises :class:`GoldError` for malformed gold and ``FileNotFoundError`` for a missing article or an
    empty gold folder.
    """
    gold_files = sorted(Path(gold).glob("*.jsonl"))
    if not gold_files:
        raise FileNotFoundError(f"no gold files (*.jsonl) in {os.fspath(gold)}")
    if pred is None and extractor is None:
        from policemetrics.pipeline import extract as extractor
    total = Evaluation(0, Counter())
    for done, gpath in enumerate(gold_files, 1):
        text = _read_article(Path(texts) / f"{gpath.stem}.txt")
        if pred is not None:
            prediction: Report | Prediction = _load_prediction(Path(pred) / f"{gpath.stem}.json")
        else:
            assert extractor is not None
            prediction = extractor(text)
        total = total + score_document(text, load_gold(gpath), prediction, gpath.stem[:3])
        if progress is not None:
            progress(done, len(gold_files))
    return total


class _CallableModule(types.ModuleType):
    """``policemetrics.evaluate`` is both this module and the function: calling it runs :func:`evaluate`."""

    def __call__(self, *args: Any, **kwargs: Any) -> Evaluation:
        return evaluate(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
