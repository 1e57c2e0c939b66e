"""Generated documentation pages, always in step with the code.

As an mkdocs hook (``hooks:`` in mkdocs.yml) it adds, at build time:

* ``data-model.md`` from ``Report.model_json_schema()``;
* ``rules.md`` from ``policemetrics.rules.catalogue()`` and the rule tables in ``policemetrics/data/*.json``;
* in any page, the marker ``<!-- generated: seeds-evaluation -->`` becomes the output of
  ``policemetrics evaluate`` on the seed articles (``seeds/`` against ``tests/gold/``).

Run as a script it writes the two pages to a folder, to read them without building the site:
``python scripts/docs_pages.py OUT_DIR``.
"""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EVALUATION_MARKER = "<!-- generated: seeds-evaluation -->"
_MODEL_ORDER = ("Report", "Metric", "Honour", "Initiative", "Span", "Derivation", "Period", "Unparsed")
_PREVIEW = 12  # words shown per table entry


# ---- data model


def _type_of(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        return " or ".join(_type_of(p) for p in prop["anyOf"])
    if "enum" in prop:
        return " \\| ".join(f"`{json.dumps(v, ensure_ascii=False)}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{json.dumps(prop['const'], ensure_ascii=False)}`"
    if prop.get("type") == "array":
        return f"list of {_type_of(prop.get('items', {}))}"
    kind = str(prop.get("type", "any"))
    return f"{kind} ({prop['format']})" if "format" in prop else kind


def _constraints(prop: dict[str, Any]) -> str:
    out = []
    for p in [prop, *prop.get("anyOf", [])]:
        if "pattern" in p:
            out.append(f"pattern `{p['pattern']}`")
        for key, label in (("minimum", "≥"), ("exclusiveMinimum", ">"), ("maximum", "≤")):
            if key in p:
                out.append(f"{label} {p[key]}")
    return "; ".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(prop: dict[str, Any], required: bool) -> str:
    if required:
        return "required"
    if "default" in prop:
        return f"`{json.dumps(prop['default'], ensure_ascii=False)}`"
    return "`[]`" if prop.get("type") == "array" else "empty"


def _model_table(name: str, schema: dict[str, Any]) -> list[str]:
    lines = [f"## {name}", ""]
    if schema.get("description"):
        lines += [schema["description"].strip(), ""]
    lines += ["| field | type | default | notes |", "|---|---|---|---|"]
    required = set(schema.get("required", []))
    for field, prop in schema.get("properties", {}).items():
        default = _default(prop, field in required)
        notes = "; ".join(x for x in (prop.get("description", ""), _constraints(prop)) if x)
        lines.append(f"| `{field}` | {_type_of(prop)} | {default} | {_cell(notes)} |")
    return [*lines, ""]


def data_model_page() -> str:
    """The Report model and the models inside it, one table each, from the JSON Schema."""
    from policemetrics.models import Report

    schema = Report.model_json_schema()
    defs = {"Report": {k: v for k, v in schema.items() if k != "$defs"}, **schema.get("$defs", {})}
    names = [n for n in _MODEL_ORDER if n in defs] + sorted(n for n in defs if n not in _MODEL_ORDER)
    lines = [
        "# Data model",
        "",
        "<!-- generated from Report.model_json_schema() by scripts/docs_pages.py: do not edit -->",
        "",
        '`policemetrics.extract(text)` returns a `Report`; `Report.model_dump(mode="json")` is the interchange',
        "format and `policemetrics schema` prints the full JSON Schema. Every object that points into the article",
        "carries a `Span` in ORIGINAL-text character offsets: `text[span.start:span.end] == span.text`.",
        "In JSON, a lone surrogate inside span text (which UTF-8 cannot hold) is written as U+FFFD, one for one.",
        "",
    ]
    for name in names:
        lines += _model_table(name, defs[name])
    return "\n".join(lines)


# ---- rule catalogue


def _cell(value: Any) -> str:
    """One entry as table-cell text: a pattern's markup characters ((?<![日人]), [0-9], a|b) escaped, since the
    Markdown of the page would read them (an HTML parser sees ``<![`` even inside a code span)."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for c in "\\`*_[]|":
        text = text.replace(c, "\\" + c)
    return text


def _preview(value: Any) -> str:
    if isinstance(value, list):
        shown = "、".join(_cell(v) if not isinstance(v, (dict, list)) else "…" for v in value[:_PREVIEW])
        more = f" … ({len(value)} in all)" if len(value) > _PREVIEW else ""
        return f"{len(value)} entries: {shown}{more}"
    if isinstance(value, dict):
        keys = list(value)
        more = f" … ({len(keys)} in all)" if len(keys) > _PREVIEW else ""
        return f"{len(keys)} keys: {', '.join(_cell(k) for k in keys[:_PREVIEW])}{more}"
    text = str(value)
    return _cell(text if len(text) <= 80 else text[:80] + "…")


def _data_tables() -> list[tuple[str, dict[str, Any]]]:
    folder = resources.files("policemetrics").joinpath("data")
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text(encoding="utf-8"))
            out.append((entry.name, data if isinstance(data, dict) else {"entries": data}))
    return out


def rule_catalogue_page() -> str:
    """Every named rule (what ``Metric.rule``, ``Honour.rule`` ... and ``Metric.derivation`` hold) and every table."""
    from policemetrics.rules import catalogue

    rules = catalogue()
    families: dict[str, list[tuple[str, str]]] = {}
    for name, doc in rules.items():
        families.setdefault(name.split(".", 1)[0], []).append((name, doc))
    lines = [
        "# Rule catalogue",
        "",
        "<!-- generated from policemetrics.rules.catalogue() and policemetrics/data/*.json"
        " by scripts/docs_pages.py -->",
        "",
        "Every object the library extracts names the rule that produced it (`Metric.rule`, `Honour.rule`,",
        "`Initiative.rule`), and `Metric.derivation` names the rules that chose its indicator, subject, period and",
        f"concept. These are all {len(rules)} declared rule names, by family; the word lists and patterns",
        "they use are the rule tables listed after them.",
        "",
    ]
    for family in sorted(families):
        lines += [f"## {family}", "", "| rule | what it does |", "|---|---|"]
        lines += [f"| `{name}` | {_cell(doc)} |" for name, doc in families[family]]
        lines.append("")
    lines += [
        "## Rule tables",
        "",
        "The tables live in `policemetrics/data/`, are validated when first loaded (an unknown or missing key",
        "fails loudly) and compiled once. Change a table, not the code, to teach the library a new word.",
        "",
    ]
    for filename, table in _data_tables():
        lines += [f"### {filename}", "", "| key | content |", "|---|---|"]
        lines += [f"| `{key}` | {_cell(_preview(value))} |" for key, value in table.items()]
        lines.append("")
    return "\n".join(lines)


# ---- evaluation on the seeds


def seeds_evaluation() -> str:
    from policemetrics.evaluate import evaluate

    result = evaluate(ROOT / "seeds", ROOT / "tests" / "gold")
    command = "$ policemetrics evaluate --texts seeds --gold tests/gold"
    return f"```text\n{command}\n{result.format()}\n```"


# ---- mkdocs hooks

GENERATED = {"data-model.md": data_model_page, "rules.md": rule_catalogue_page}


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.structure.files import File

    for name, make in GENERATED.items():
        files.append(File.generated(config, name, content=make()))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if EVALUATION_MARKER in markdown:
        markdown = markdown.replace(EVALUATION_MARKER, seeds_evaluation())
    return markdown


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    for name, make in GENERATED.items():
        (out / name).write_text(make(), encoding="utf-8")
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
