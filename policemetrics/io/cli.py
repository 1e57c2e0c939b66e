"""Command line: ``python -m policemetrics FILE...`` prints each article's Report as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from policemetrics.errors import PolicemetricsError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policemetrics", description=__doc__)
    parser.add_argument("files", nargs="+", type=Path, help="article files (UTF-8, GB18030, Big5 or HTML)")
    parser.add_argument(
        "--published", type=date.fromisoformat, help="publication date YYYY-MM-DD, if the page lacks it"
    )
    parser.add_argument("--encoding", help="force a text encoding instead of detecting it")
    parser.add_argument("--compact", action="store_true", help="one JSON object per line (JSONL)")
    args = parser.parse_args(argv)

    from policemetrics.io.files import extract_file

    status = 0
    for path in args.files:
        try:
            report = extract_file(path, encoding=args.encoding, published=args.published)
        except (PolicemetricsError, OSError) as exc:
            print(f"policemetrics: {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        data = report.model_dump(mode="json")
        if len(args.files) > 1:
            data = {"file": str(path), **data}
        try:
            print(json.dumps(data, ensure_ascii=False, indent=None if args.compact else 1), flush=True)
        except BrokenPipeError:  # e.g. piped into `head`: stop quietly
            sys.stderr.close()
            return status
    return status


if __name__ == "__main__":
    sys.exit(main())
