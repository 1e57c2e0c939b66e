"""The ``policemetrics`` command line.

  policemetrics extract PATH... [-o OUT] [--format json|jsonl|csv|parquet] [--workers N]
                        [--published YYYY-MM-DD] [--encoding ENC] [--quiet]
  policemetrics FILE...                      (shorthand for ``extract FILE...``)
  policemetrics render FILE [-o OUT.html]    the HTML review view
  policemetrics schema                       the Report JSON Schema
  policemetrics evaluate --texts DIR --gold DIR [--pred DIR] [--misses N] [--json]
  policemetrics panel PATH... [-o OUT]       the panel table (policemetrics.io.panel)

PATH is a file, a folder (read recursively: .txt, .htm, .html), a quoted glob (``"corpus/**/*.html"``)
or ``-`` for standard input. Exit status: 0 when every input was read, 1 when some failed (each named
on stderr, the others still extracted), 2 for a usage error or output that cannot be written.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import glob
import io
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from policemetrics.errors import PolicemetricsError

if TYPE_CHECKING:
    from policemetrics.models import Report

__all__ = ["main"]

PROG = "policemetrics"
COMMANDS = ("extract", "render", "schema", "evaluate", "panel")
SUFFIXES = (".txt", ".htm", ".html")
FORMATS = ("json", "jsonl", "csv", "parquet")
_GLOB_CHARS = frozenset("*?[")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class OutputError(Exception):
    """Output could not be written; the message is one line for the user."""


def _err(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # stderr itself is gone: nothing left to tell
        print(f"{PROG}: {message}", file=sys.stderr, flush=True)


# ---- inputs


@dataclass(frozen=True)
class Source:
    """One input: a file path, or standard input (``path`` None)."""

    path: Path | None

    @property
    def name(self) -> str:
        return "-" if self.path is None else str(self.path)


@dataclass(frozen=True)
class Missing:
    """A PATH argument that names nothing: reported as a failed input."""

    name: str
    reason: str


def _folder_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())


def _expand_one(arg: str) -> list[Source | Missing]:
    path = Path(arg)
    if arg == "-":
        return [Source(None)]
    if path.is_dir():
        found: list[Source | Missing] = [Source(p) for p in _folder_files(path)]
        return found or [Missing(arg, f"no {', '.join(SUFFIXES)} files in this folder")]
    if path.exists() or not _GLOB_CHARS & set(arg):
        return [Source(path)]  # a missing file fails when it is read, with the system's message
    return _glob(arg) or [Missing(arg, "no file matches this pattern")]


def _glob(pattern: str) -> list[Source | Missing]:
    return [Source(Path(m)) for m in sorted(glob.glob(pattern, recursive=True)) if Path(m).is_file()]


def expand(args: Sequence[str]) -> list[Source | Missing]:
    """Files, folders (recursively), quoted globs and ``-``, in the order given, each file once."""
    out: list[Source | Missing] = []
    seen: set[Path] = set()
    for arg in args:
        for item in _expand_one(arg):
            if isinstance(item, Source) and item.path is not None:
                if item.path in seen:
                    continue
                seen.add(item.path)
            out.append(item)
    return out


def _read_source(source: Source, encoding: str | None) -> str:
    from policemetrics.io.files import decode, read_text

    if source.path is None:
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding)
    return read_text(source.path, encoding)


# ---- progress


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal and there is more than one input."""

    def __init__(self, total: int, enabled: bool, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.enabled = enabled and total > 1 and _isatty(self.stream)
        self.done = self.failed = 0

    def update(self, ok: bool, name: str = "") -> None:
        self.done += 1
        self.failed += not ok
        if self.enabled:
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            tail = f" {self.failed} failed" if self.failed else ""
            self._write(f"\r[{bar}] {self.done}/{self.total}{tail} {name[-40:]:<40}")

    def clear(self) -> None:
        if self.enabled:
            self._write("\r" + " " * 100 + "\r")

    def _write(self, s: str) -> None:
        try:
            self.stream.write(s)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---- output


class Writer:
    """Writes reports as they come, in one of FORMATS; json keeps one input's Report as a bare object."""

    def __init__(self, out: IO[str] | IO[bytes], fmt: str, single: bool) -> None:
        self.out, self.fmt, self.single = out, fmt, single
        self.count = 0
        self.rows: list[dict[str, Any]] = []
        self.csv: Any = None

    def _text(self, s: str) -> None:
        self.out.write(s)  # type: ignore[call-overload]

    def add(self, name: str, report: Report) -> None:
        data = report.model_dump(mode="json")
        if self.fmt == "json":
            body = json.dumps(data if self.single else {"file": name, **data}, ensure_ascii=False, indent=1)
            self._text(("[\n" if self.count == 0 and not self.single else ",\n" if self.count else "") + body)
        elif self.fmt == "jsonl":
            self._text(json.dumps({"file": name, **data}, ensure_ascii=False) + "\n")
        else:
            self._add_rows(name, report)
        self.count += 1
        if self.fmt != "parquet":
            self.out.flush()

    def _add_rows(self, name: str, report: Report) -> None:
        from policemetrics.io.records import to_records

        rows = to_records([(name, report)], "metrics")
        if self.fmt == "parquet":
            self.rows += rows
        else:
            self._csv_writer().writerows(rows)

    def _csv_writer(self) -> Any:
        from policemetrics.io.records import COLUMNS

        if self.csv is None:
            self.csv = csv.DictWriter(self.out, fieldnames=list(COLUMNS["metrics"]), lineterminator="\n")  # type: ignore[arg-type]
            self.csv.writeheader()
        return self.csv

    def finish(self) -> None:
        if self.fmt == "json" and self.single:
            self._text("\n" if self.count else "")
        elif self.fmt == "json":
            self._text("\n]\n" if self.count else "[]\n")
        elif self.fmt == "csv":
            self._csv_writer()  # the header, also when no metric was found
        elif self.fmt == "parquet":
            _write_parquet(self.rows, self.out)  # type: ignore[arg-type]
        self.out.flush()


def _write_parquet(rows: list[dict[str, Any]], out: IO[bytes]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise OutputError('Parquet needs pyarrow: pip install "policemetrics[parquet]"') from exc
    from policemetrics.io.records import COLUMNS

    types = {"str": pa.string(), "float": pa.float64(), "int": pa.int64(), "date": pa.date32()}
    schema = pa.schema([(name, types[typ]) for name, typ in COLUMNS["metrics"].items()])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, out)


@dataclass
class _Output:
    """The stream to write to: a file opened on first use (so a failed run leaves no empty file), or stdout."""

    path: str | None
    binary: bool
    stream: Any = None

    def open(self) -> IO[Any]:
        if self.stream is None:
            if self.path is None or self.path == "-":
                self.stream = sys.stdout.buffer if self.binary else sys.stdout
            else:
                binary = open(self.path, "wb")  # noqa: SIM115 - closed by close()
                self.stream = binary if self.binary else io.TextIOWrapper(binary, encoding="utf-8", newline="")
        return self.stream  # type: ignore[no-any-return]

    def close(self) -> None:
        if self.stream is not None and self.path not in (None, "-"):
            self.stream.close()


def _output_message(exc: BaseException, where: str) -> str:
    if isinstance(exc, BrokenPipeError):
        return f"cannot write to {where}: the reader closed the pipe"
    if isinstance(exc, UnicodeEncodeError):
        enc = getattr(sys.stdout, "encoding", None) or "?"
        return (
            f"cannot write to {where}: its encoding ({enc}) cannot hold the text; "
            "set PYTHONIOENCODING=utf-8 or write to a file with -o"
        )
    if isinstance(exc, OutputError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"cannot write to {where}: {exc.strerror or exc}"
    return f"cannot write to {where}: {exc}"


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _guarded(run: Callable[[], int], where: str) -> int:
    """Run a command whose output may fail to be written: a one-line error and status 2, never a traceback."""
    try:
        return run()
    except (OSError, UnicodeEncodeError, OutputError) as exc:
        if isinstance(exc, BrokenPipeError):
            _silence_stdout()
        _err(_output_message(exc, where))
        return EXIT_USAGE


# ---- extract


def _published(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {value!r}") from None


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return n


def _results(sources: list[Source], args: argparse.Namespace) -> Iterator[tuple[str, Report | None, str | None]]:
    """(name, report, error) per input, in order; decoding in this process, extraction in a pool if asked."""
    from policemetrics.pipeline import extract

    if args.workers <= 1:
        for s in sources:
            try:
                yield s.name, extract(_read_source(s, args.encoding), published=args.published), None
            except (PolicemetricsError, OSError) as exc:
                yield s.name, None, _describe(exc)
        return
    yield from _pooled(sources, args)


def _decoded(chunk: list[Source], encoding: str | None) -> list[tuple[str, str | None, str | None]]:
    """(name, text, error) per source: decoding stays in this process."""
    out: list[tuple[str, str | None, str | None]] = []
    for s in chunk:
        try:
            out.append((s.name, _read_source(s, encoding), None))
        except (PolicemetricsError, OSError) as exc:
            out.append((s.name, None, _describe(exc)))
    return out


def _pooled(sources: list[Source], args: argparse.Namespace) -> Iterator[tuple[str, Report | None, str | None]]:
    from policemetrics.io.batch import extract_many

    step = max(64, 16 * args.workers)  # bounded memory: texts are decoded a chunk at a time
    for i in range(0, len(sources), step):
        texts = _decoded(sources[i : i + step], args.encoding)
        todo = [t for _, t, _ in texts if t is not None]
        done = iter(extract_many(todo, workers=args.workers, published=args.published) if todo else [])
        for name, text, error in texts:
            if text is None:
                yield name, None, error
                continue
            r = next(done)
            yield name, r.report, None if r.ok or r.error is None else f"{r.error.type}: {r.error.message}"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


def _single(paths: list[str]) -> bool:
    """One file or stdin named: JSON output is that Report itself, not a list."""
    if len(paths) != 1:
        return False
    return paths[0] == "-" or (not Path(paths[0]).is_dir() and not _GLOB_CHARS & set(paths[0]))


def _write_all(sources: list[Source], args: argparse.Namespace, output: _Output) -> tuple[int, int]:
    """Extract and write every source; (extracted, failed)."""
    progress = Progress(len(sources), enabled=not args.quiet)
    writer: Writer | None = None
    extracted = failed = 0
    for name, report, error in _results(sources, args):
        progress.update(report is not None, name)
        if report is None:
            progress.clear()
            _err(f"{name}: {error}")
            failed += 1
            continue
        writer = writer or Writer(output.open(), args.format, _single(args.paths))
        writer.add(name, report)
        extracted += 1
    progress.clear()
    (writer or Writer(output.open(), args.format, _single(args.paths))).finish()
    return extracted, failed


def _report_missing(inputs: list[Source | Missing]) -> list[Missing]:
    missing = [m for m in inputs if isinstance(m, Missing)]
    for miss in missing:
        _err(f"{miss.name}: {miss.reason}")
    return missing


def _parquet_problem(args: argparse.Namespace) -> str | None:
    """Why Parquet cannot be written here, checked before any file is read or created."""
    if args.format != "parquet":
        return None
    if args.output in (None, "-") and _isatty(sys.stdout):
        return "Parquet is binary: write it to a file with -o OUT.parquet"
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return 'Parquet needs pyarrow: pip install "policemetrics[parquet]"'
    return None


def _cmd_extract(args: argparse.Namespace) -> int:
    inputs = expand(args.paths)
    sources = [s for s in inputs if isinstance(s, Source)]
    missing = _report_missing(inputs)
    problem = _parquet_problem(args)
    if problem is not None:
        _err(problem)
        return EXIT_USAGE
    output = _Output(args.output, binary=args.format == "parquet")
    try:
        extracted, failed = _write_all(sources, args, output)
    finally:
        output.close()
    failed += len(missing)
    if not args.quiet and (len(inputs) > 1 or failed):
        _err(f"{extracted} file{'s' * (extracted != 1)} extracted, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


# ---- render, schema, evaluate, panel


def _cmd_render(args: argparse.Namespace) -> int:
    from policemetrics.io.render import render
    from policemetrics.pipeline import extract

    source = Source(None if args.file == "-" else Path(args.file))
    try:
        text = _read_source(source, args.encoding)
        report = extract(text, published=args.published)
    except (PolicemetricsError, OSError) as exc:
        _err(f"{source.name}: {_describe(exc)}")
        return EXIT_FAILED
    page = render(report, text)
    output = _Output(args.output, binary=False)
    try:
        output.open().write(page)
        output.stream.flush()
    finally:
        output.close()
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from policemetrics.models import Report

    sys.stdout.write(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
    return EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from policemetrics.evaluate import GoldError, evaluate

    progress = Progress(len(list(Path(args.gold).glob("*.jsonl"))), enabled=not args.quiet)
    try:
        result = evaluate(args.texts, args.gold, args.pred, progress=lambda done, total: progress.update(True))
    except (GoldError, OSError, PolicemetricsError) as exc:
        progress.clear()
        _err(_describe(exc))
        return EXIT_FAILED
    progress.clear()
    if args.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(result.format() + "\n")
    for miss in result.misses[: args.misses]:
        sys.stdout.write(str(miss) + "\n")
    sys.stdout.flush()
    return EXIT_OK


def _run_panel(argv: list[str]) -> int:
    try:
        from policemetrics.io.panel import run_cli  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        _err(f"panel is not available in this installation ({exc})")
        return EXIT_USAGE
    return int(run_cli(argv))


# ---- parser


def _common_read_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--published", type=_published, help="publication date YYYY-MM-DD, when the page lacks it")
    p.add_argument("--encoding", help="force a text encoding instead of detecting it")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="extract Reports from files, folders, globs or - (stdin)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, quoted glob, or - for stdin")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    p.add_argument("-f", "--format", choices=FORMATS, default="json", help="json (default), jsonl, csv, parquet")
    p.add_argument("-w", "--workers", type=_positive, default=1, help="processes to extract with (default 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary line")
    # the earlier option for one JSON object per line, kept so scripts that use it go on working
    p.add_argument("--compact", action="store_const", const="jsonl", dest="format", help=argparse.SUPPRESS)
    _common_read_options(p)
    p.set_defaults(run=_cmd_extract)

    p = sub.add_parser("render", help="the HTML review view of one article")
    p.add_argument("file", metavar="FILE", help="article file, or - for stdin")
    p.add_argument("-o", "--output", metavar="OUT.html", help="write here instead of standard output")
    _common_read_options(p)
    p.set_defaults(run=_cmd_render)

    p = sub.add_parser("schema", help="print the Report JSON Schema")
    p.set_defaults(run=_cmd_schema)

    p = sub.add_parser("evaluate", help="precision, recall and F1 against gold annotations")
    p.add_argument("--texts", required=True, type=Path, help="folder of articles NAME.txt")
    p.add_argument("--gold", required=True, type=Path, help="folder of gold NAME.jsonl")
    p.add_argument("--pred", type=Path, help="folder of saved predictions NAME.json (default: extract now)")
    p.add_argument("--misses", type=int, default=0, metavar="N", help="also print the first N disagreements")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(run=_cmd_evaluate)

    sub.add_parser("panel", help="the panel table of many reports (see policemetrics panel --help)", add_help=False)
    return parser


def _version() -> str:
    from policemetrics import __version__

    return __version__


def _with_command(argv: list[str]) -> list[str]:
    """``policemetrics FILE...`` (and ``policemetrics --published D FILE``) mean ``extract FILE...``."""
    if not argv or argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version"):
        return argv
    return ["extract", *argv]


def main(argv: list[str] | None = None) -> int:
    args_list = _with_command(list(sys.argv[1:] if argv is None else argv))
    if args_list and args_list[0] == "panel":
        return _run_panel(args_list[1:])
    parser = build_parser()
    if not args_list:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    args = parser.parse_args(args_list)
    where = getattr(args, "output", None) or "standard output"
    return _guarded(lambda: int(args.run(args)), where)


if __name__ == "__main__":
    sys.exit(main())
