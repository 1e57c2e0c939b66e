"""The command line: extract over files, folders, globs and stdin in every format; bad files; output
that cannot be written; render, schema, evaluate and the panel hand-off."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policemetrics.io import cli
from policemetrics.models import Report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
A = "2023年，全省电诈警情同比下降26.4%，抓获犯罪嫌疑人1381人。"
B = "今年以来，全市破案率达97.5%，挽回经济损失4000余万元。"
A_VALUES = [26.4, 1381.0]
B_VALUES = [97.5, 40000000.0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "sub" / "b.html").write_text(f"<html><body><p>{B}</p></body></html>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("不读", encoding="utf-8")  # not an article suffix: skipped
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_single_file_prints_its_report_as_json(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, err = run(capsys, str(folder / "a.txt"))  # shorthand for `extract FILE`
    assert code == 0 and err == ""
    report = Report.model_validate(json.loads(out))
    assert [m.value for m in report.metrics] == A_VALUES


def test_a_folder_is_read_recursively_into_a_list(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, err = run(capsys, "extract", str(folder))
    assert code == 0
    data = json.loads(out)
    assert [Path(d["file"]).name for d in data] == ["a.txt", "b.html"]
    assert [m["value"] for m in data[1]["metrics"]] == B_VALUES
    assert err.strip() == "policemetrics: 2 files extracted, 0 failed"


def test_a_quoted_glob_is_expanded(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "extract", str(folder / "**" / "*.html"), "-f", "jsonl", "-q")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [Path(d["file"]).name for d in lines] == ["b.html"]


def test_jsonl_has_one_report_per_line_with_its_file(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "extract", str(folder / "a.txt"), str(folder / "sub"), "--format", "jsonl")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [Path(d.pop("file")).name for d in lines] == ["a.txt", "b.html"]
    assert [[m.value for m in Report.model_validate(d).metrics] for d in lines] == [A_VALUES, B_VALUES]


def test_csv_has_one_row_per_metric(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "extract", str(folder), "--format", "csv", "-q")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [float(r["value"]) for r in rows] == A_VALUES + B_VALUES
    for column in ("file", "indicator", "value", "unit", "approx", "kind", "direction", "baseline", "compare_to"):
        assert column in rows[0]
    for column in ("subject", "period", "role", "start", "end", "text", "rule", "concept", "region_code"):
        assert column in rows[0]
    text = (folder / "a.txt").read_text(encoding="utf-8")
    first = rows[0]
    assert text[int(first["start"]) : int(first["end"])] == first["text"] == "26.4%"
    assert (first["unit"], first["kind"], first["direction"], first["compare_to"]) == ("%", "change", "down", "yoy")
    assert rows[3]["approx"] == "more_than"


def test_csv_row_count_equals_the_json_metric_count_on_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    _, out_json, _ = run(capsys, "extract", str(SEEDS), "-q")
    n_metrics = sum(len(d["metrics"]) for d in json.loads(out_json))
    _, out_csv, _ = run(capsys, "extract", str(SEEDS), "--format", "csv", "-q")
    assert n_metrics > 100
    assert len(list(csv.DictReader(io.StringIO(out_csv)))) == n_metrics


def test_csv_of_an_article_without_metrics_is_just_the_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "none.txt").write_text("没有数字的一句话。", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(tmp_path / "none.txt"), "-f", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("file,report_title,published,region")
    assert len(out.splitlines()) == 1


def test_parquet_has_one_row_per_metric(capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "m.parquet"
    code, _, _ = run(capsys, "extract", str(folder), "--format", "parquet", "-o", str(out), "-q")
    assert code == 0
    table = pq.read_table(out)
    assert table.column("value").to_pylist() == A_VALUES + B_VALUES
    assert str(table.schema.field("start").type) == "int64"
    assert str(table.schema.field("published").type) == "date32[day]"


def test_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(A.encode("gb18030"))))
    code, out, _ = run(capsys, "-")
    assert code == 0
    assert [m["value"] for m in json.loads(out)["metrics"]] == A_VALUES


def test_a_binary_file_is_reported_and_the_others_are_extracted(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    (folder / "zz_broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, out, err = run(capsys, "extract", str(folder), "-f", "jsonl")
    assert code == 1
    assert [Path(json.loads(line)["file"]).name for line in out.splitlines()] == ["a.txt", "b.html"]
    lines = err.strip().splitlines()
    assert lines[0].startswith(f"policemetrics: {folder / 'zz_broken.txt'}: cannot decode")
    assert lines[-1] == "policemetrics: 2 files extracted, 1 failed"


def test_missing_files_and_empty_globs_are_reported(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, err = run(capsys, "extract", str(folder / "nope.txt"), str(folder / "*.nothing"), str(folder / "a.txt"))
    assert code == 1
    assert len(json.loads(out)) == 1
    assert f"{folder / 'nope.txt'}: No such file or directory" in err
    assert f"{folder / '*.nothing'}: no file matches this pattern" in err
    assert err.strip().splitlines()[-1] == "policemetrics: 1 file extracted, 2 failed"


def test_workers_give_the_same_output(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    (folder / "zz_broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    _, one, _ = run(capsys, "extract", str(folder), "-f", "jsonl", "-q")
    code, two, err = run(capsys, "extract", str(folder), "-f", "jsonl", "-q", "--workers", "2")
    assert code == 1 and "zz_broken.txt" in err
    assert one == two


def test_published_and_encoding_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(B.encode("gb18030"))
    code, out, _ = run(capsys, "extract", str(path), "--published", "2021-05-01", "--encoding", "gbk")
    data = json.loads(out)
    assert code == 0 and data["published"] == "2021-05-01"
    assert data["metrics"][0]["period"] == "2021"
    with pytest.raises(SystemExit) as exc:
        cli.main(["extract", str(path), "--published", "May 2021"])
    assert exc.value.code == 2
    assert "not a date YYYY-MM-DD" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_for_several_files(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    term = _Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert cli.main(["extract", str(folder), "-o", os.devnull]) == 0
    shown = term.getvalue()
    assert "] 1/2" in shown and "] 2/2" in shown
    term2 = _Terminal()
    monkeypatch.setattr(sys, "stderr", term2)
    assert cli.main(["extract", str(folder), "-o", os.devnull, "--quiet"]) == 0
    assert term2.getvalue() == ""  # --quiet: neither bar nor summary
    _, _, err = run(capsys, "extract", str(folder), "-o", os.devnull)  # not a terminal: summary only
    assert "/2" not in err


def test_a_full_disk_is_a_one_line_error(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    code, _, err = run(capsys, "extract", str(folder / "a.txt"), "-o", "/dev/full")
    assert code == 2
    assert err.strip().splitlines() == ["policemetrics: cannot write to /dev/full: No space left on device"]


def _subprocess(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, **kwargs.pop("env", {})}  # type: ignore[dict-item]
    return subprocess.run([sys.executable, "-m", "policemetrics", *args], capture_output=True, env=env, **kwargs)  # type: ignore[call-overload, no-any-return]


def test_a_terminal_that_is_not_utf8_is_a_one_line_error(folder: Path) -> None:
    proc = _subprocess([str(folder / "a.txt")], env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 2
    err = proc.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "encoding (ascii) cannot hold the text" in err[0]


def test_a_closed_pipe_is_a_one_line_error_not_a_traceback() -> None:
    code = (
        "import os, sys; from policemetrics.io.cli import main\n"
        "r, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"  # stdout is a pipe nobody reads any more
        f"sys.exit(main([{str(SEEDS)!r}, '-q']))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "Traceback" not in err
    assert err.strip().splitlines() == ["policemetrics: cannot write to standard output: the reader closed the pipe"]


def test_python_dash_m_and_stdin_through_a_real_process() -> None:
    proc = _subprocess(["extract", "-"], input=A.encode())
    assert proc.returncode == 0
    assert [m["value"] for m in json.loads(proc.stdout)["metrics"]] == A_VALUES


def test_schema_prints_the_report_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == Report.model_json_schema()


def test_render_writes_the_review_page(capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.html"
    code, _, _ = run(capsys, "render", str(folder / "a.txt"), "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert code == 0
    assert page.startswith("<!DOCTYPE html>")
    assert page.count('data-pm-kind="metric"') == 2
    code, _, err = run(capsys, "render", str(folder / "missing.txt"))
    assert code == 1 and "missing.txt" in err


def test_evaluate_prints_the_figures_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "evaluate", "--texts", str(SEEDS), "--gold", str(GOLD), "--json", "-q")
    assert code == 0
    data = json.loads(out)
    assert data["docs"] == 5 and data["span_validity"] == 1.0
    strict = data["metric_strict"]
    code, out, _ = run(capsys, "evaluate", "--texts", str(SEEDS), "--gold", str(GOLD), "--misses", "3", "-q")
    lines = out.splitlines()
    row = next(line for line in lines if line.startswith("metric strict"))
    assert row.split()[2:5] == [f"{strict['precision']:.4f}", f"{strict['recall']:.4f}", f"{strict['f1']:.4f}"]
    assert len([line for line in lines if line.count(" | ") >= 2]) == 3


def test_evaluate_without_gold_is_an_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "evaluate", "--texts", str(tmp_path), "--gold", str(tmp_path))
    assert code == 1 and "no gold files" in err


def test_panel_is_delegated_with_its_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    seen: list[list[str]] = []
    fake = types.ModuleType("policemetrics.io.panel")
    fake.run_cli = lambda argv: seen.append(argv) or 7  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "policemetrics.io.panel", fake)
    assert cli.main(["panel", "a.txt", "-o", "x.csv", "--whatever"]) == 7
    assert seen == [["a.txt", "-o", "x.csv", "--whatever"]]


def test_panel_missing_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "policemetrics.io.panel", None)  # import fails as if the module were absent
    code, _, err = run(capsys, "panel", "x")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("policemetrics: panel is not available")


def test_no_arguments_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 2 and "extract" in err and "evaluate" in err


def test_parquet_without_pyarrow_is_refused_before_anything_is_written(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if pyarrow were not installed
    out = tmp_path / "m.parquet"
    code, _, err = run(capsys, "extract", str(folder), "-f", "parquet", "-o", str(out))
    assert code == 2
    assert err.strip() == 'policemetrics: Parquet needs pyarrow: pip install "policemetrics[parquet]"'
    assert not out.exists()


def test_the_earlier_compact_option_still_means_jsonl(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    _, jsonl, _ = run(capsys, str(folder), "-f", "jsonl", "-q")
    _, compact, _ = run(capsys, str(folder), "--compact", "-q")
    assert compact == jsonl and len(compact.splitlines()) == 2
