#!/usr/bin/env python3
"""Write every output of the library on the shared texts to a folder, to check that a change (a speed pass, a
refactor) changes nothing: run it before and after, then ``diff -r BEFORE AFTER``.

Usage: snapshot.py OUTDIR [--shared DIR]    (default ../shared beside the project)

Inputs, read at run time and never copied into the project: the seeds, the development articles, the raw CMS
pages, the Recognizers-Text spec sentences (find_quantities only) and one text joining all article bodies (a
long document with many headings). For each: ``extract(text).model_dump_json()`` and the quantities of
``find_quantities(text)``, one JSON file per input.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from policemetrics import extract, find_quantities

ROOT = Path(__file__).resolve().parent.parent


def _texts(shared: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    sources = (("seeds", "seed"), ("dev/articles", "dev"), ("corpus/cms", "cms"))
    for folder, prefix in ((shared / f, p) for f, p in sources):
        for path in sorted(folder.glob("*.txt")):
            out[f"{prefix}-{path.stem}"] = path.read_text(encoding="utf-8")
    out["joined"] = "\n\n".join(t for k, t in out.items() if not k.startswith("cms"))
    return out


def _spec_sentences(shared: Path) -> list[str]:
    found: list[str] = []
    for name in ("Number/Chinese/NumberModel.json", "Number/Chinese/PercentModel.json"):
        path = shared / "specs/recognizers" / name
        if path.is_file():
            found += [case["Input"] for case in json.loads(path.read_text(encoding="utf-8-sig"))]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    texts = _texts(args.shared)
    if not texts or set(texts) == {"joined"}:
        print(f"no texts under {args.shared}", file=sys.stderr)
        return 2
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        quantities = [q.model_dump(mode="json") for q in find_quantities(text)]
        body = {"report": json.loads(extract(text).model_dump_json()), "quantities": quantities}
        (args.outdir / f"{name}.json").write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
    specs = [[q.model_dump(mode="json") for q in find_quantities(s)] for s in _spec_sentences(args.shared)]
    (args.outdir / "specs.json").write_text(json.dumps(specs, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(texts) + 1} files in {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
