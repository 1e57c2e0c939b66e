"""Dask: extraction mapped over a bag of paths on a local cluster, written as JSONL and Parquet.

Needs the optional extra (``pip install -e ".[test,dask]"``); skipped without it, except the test of the
ImportError message, which runs everywhere.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policemetrics import extract_file
from policemetrics.io import daskio
from policemetrics.io.daskio import PARQUET_COLUMNS, CorpusSummary, extract_bag, write_corpus
from policemetrics.models import Report

GOOD = "2023年，全省电诈警情同比下降26.4%，抓获犯罪嫌疑人1381人。"
GOOD_TRAD = "全國群眾安全感達98.64%"


def test_missing_extra_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_dask(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "dask" or name.startswith("dask."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    monkeypatch.setattr("importlib.import_module", lambda name, package=None: no_dask(name))
    with pytest.raises(ImportError, match=r'pip install "policemetrics\[dask\]"'):
        daskio.extract_bag(["a.txt"])
    with pytest.raises(ImportError, match=r'pip install "policemetrics\[dask\]"'):
        daskio.write_corpus(["a.txt"], "out")


@pytest.fixture(scope="module")
def dk() -> Any:
    """The optional modules; tests that take this fixture are skipped without the Dask extra."""
    dask = pytest.importorskip("dask")
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    pq = pytest.importorskip("pyarrow.parquet")
    return type("Modules", (), {"dask": dask, "distributed": distributed, "pq": pq})


@pytest.fixture(scope="module")
def client(dk: Any) -> Iterator[Any]:
    distributed = dk.distributed
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
    with cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture
def corpus(tmp_path: Path, seed_texts: dict[str, str]) -> list[Path]:
    src = tmp_path / "corpus"
    src.mkdir()
    paths = []
    for i, (name, text) in enumerate(seed_texts.items()):
        path = src / f"{name}.txt"
        path.write_bytes(text.encode("gb18030" if i % 2 else "utf-8"))
        paths.append(path)
    (src / "trad.txt").write_bytes(GOOD_TRAD.encode("big5"))
    (src / "page.html").write_bytes(f"<html><body><p>{GOOD}</p></body></html>".encode("gbk"))
    (src / "garbage.bin").write_bytes(bytes(range(256)) * 4)
    (src / "empty.txt").write_bytes(b"")
    return [*paths, src / "trad.txt", src / "page.html", src / "garbage.bin", src / "empty.txt", src / "missing.txt"]


ERRORS = {-3: "DecodeError", -1: "FileNotFoundError"}  # by position from the end of the corpus


def _expected_errors(n: int) -> dict[int, str]:
    return {n + k: v for k, v in ERRORS.items()}


def _check_records(records: list[dict[str, Any]], corpus: list[Path]) -> None:
    assert [r["index"] for r in records] == list(range(len(corpus)))
    assert [r["source"] for r in records] == [str(p) for p in corpus]
    assert {r["index"]: r["error"]["type"] for r in records if not r["ok"]} == _expected_errors(len(corpus))
    for r, path in zip(records, corpus, strict=True):
        if r["ok"]:
            assert r["error"] is None
            assert r["report"] == extract_file(path).model_dump(mode="json")
            Report.model_validate(r["report"])  # the interchange format round-trips
        else:
            assert r["report"] is None
            assert str(path) in r["error"]["message"]


def test_extract_bag_on_the_local_scheduler(dk: Any, corpus: list[Path]) -> None:
    bag = extract_bag(corpus, npartitions=3)
    assert bag.npartitions == 3
    records = bag.compute(scheduler="sync")
    _check_records(records, corpus)
    json.dumps(records, ensure_ascii=False)  # JSON-able as it is


def test_write_jsonl_on_a_cluster_and_read_back(client: Any, corpus: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "jsonl"
    summary = write_corpus(corpus, out, "jsonl", npartitions=4)
    assert summary == CorpusSummary(
        files=[str(out / f"part-{i:05d}.jsonl") for i in range(4)], documents=len(corpus), errors=len(ERRORS)
    )
    records = []
    for file in sorted(out.glob("part-*.jsonl")):
        with file.open(encoding="utf-8") as fh:
            records += [json.loads(line) for line in fh]
    _check_records(records, corpus)
    assert not list(out.glob("*.tmp"))


def test_write_parquet_on_a_cluster_and_read_back(dk: Any, client: Any, corpus: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    summary = write_corpus(corpus, out, "parquet", npartitions=3)
    assert (len(summary.files), summary.documents, summary.errors) == (3, len(corpus), len(ERRORS))
    table = dk.pq.read_table(out)
    assert tuple(table.column_names) == PARQUET_COLUMNS
    rows = sorted(table.to_pylist(), key=lambda r: r["index"])
    assert [r["index"] for r in rows] == list(range(len(corpus)))
    assert {r["index"]: r["error_type"] for r in rows if not r["ok"]} == _expected_errors(len(corpus))
    for row, path in zip(rows, corpus, strict=True):
        if row["ok"]:
            report = extract_file(path)
            assert json.loads(row["report_json"]) == report.model_dump(mode="json")
            assert (row["n_metrics"], row["n_honours"], row["n_initiatives"]) == (
                len(report.metrics),
                len(report.honours),
                len(report.initiatives),
            )
            assert row["error_message"] is None
        else:
            assert row["report_json"] is None and row["n_metrics"] is None
            assert str(path) in row["error_message"]


def test_existing_output_needs_overwrite_and_leaves_no_stale_parts(dk: Any, corpus: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "again"
    with dk.dask.config.set(scheduler="sync"):
        write_corpus(corpus, out, "jsonl", npartitions=4)
        with pytest.raises(FileExistsError, match="overwrite=True"):
            write_corpus(corpus, out, "jsonl", npartitions=2)
        summary = write_corpus(corpus[:2], out, "jsonl", npartitions=2, overwrite=True)
    assert sorted(out.glob("part-*.jsonl")) == [out / "part-00000.jsonl", out / "part-00001.jsonl"]
    assert summary.documents == 2 and summary.errors == 0


def test_bad_arguments(dk: Any, tmp_path: Path) -> None:
    from policemetrics.errors import InputTypeError

    with pytest.raises(ValueError, match="format"):
        write_corpus([], tmp_path / "x", "csv")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="list of file paths"):
        extract_bag("corpus/a.txt")


def test_empty_corpus(dk: Any, tmp_path: Path) -> None:
    with dk.dask.config.set(scheduler="sync"):
        summary = write_corpus([], tmp_path / "empty", "parquet")
    assert (summary.documents, summary.errors) == (0, 0)
    assert dk.pq.read_table(tmp_path / "empty").num_rows == 0
