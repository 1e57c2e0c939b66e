"""extract_many: one result or error record per input, in order, in-process and in a process pool."""

from __future__ import annotations

import multiprocessing
import os
from datetime import date
from pathlib import Path

import pytest

import policemetrics.io.batch as batch
from policemetrics import extract, extract_file, extract_many
from policemetrics.errors import InputTypeError
from policemetrics.io.batch import BatchResult, ErrorRecord
from policemetrics.models import Report

GOOD = "2023年，全省电诈警情同比下降26.4%，抓获犯罪嫌疑人1381人。"
GOOD_TRAD = "全國群眾安全感達98.64%"
MAX_CHARS = 1000


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> list[object]:
    good_file = tmp_path / "good_gbk.txt"
    good_file.write_bytes(GOOD.encode("gbk"))
    trad_file = tmp_path / "trad_big5.txt"
    trad_file.write_bytes(GOOD_TRAD.encode("big5"))
    undecodable = tmp_path / "garbage.bin"
    undecodable.write_bytes(bytes(range(256)) * 8)
    huge_file = tmp_path / "huge.txt"
    huge_file.write_bytes(GOOD.encode("utf-8") * 100)  # > 4 * MAX_CHARS bytes
    empty_file = tmp_path / "empty.txt"
    empty_file.write_bytes(b"")
    return [
        GOOD,  # 0 good text
        "",  # 1 empty text
        undecodable,  # 2 undecodable file
        "警" * (MAX_CHARS + 1),  # 3 huge text
        None,  # 4 wrong type
        good_file,  # 5 good GBK file
        b"2023\xe5\xb9\xb4",  # 6 bytes: wrong type
        42,  # 7 wrong type
        huge_file,  # 8 huge file
        tmp_path / "missing.txt",  # 9 missing file
        empty_file,  # 10 empty file
        trad_file,  # 11 good Big5 file
        "   \n",  # 12 blank text
        GOOD_TRAD,  # 13 good Traditional text
    ]


EXPECTED_ERRORS = {
    2: "DecodeError",
    3: "InputTooLargeError",
    4: "InputTypeError",
    6: "InputTypeError",
    7: "InputTypeError",
    8: "FileTooLargeError",
    9: "FileNotFoundError",
}


def _check(results: list[BatchResult], inputs: list[object]) -> None:
    assert len(results) == len(inputs)
    assert [r.index for r in results] == list(range(len(inputs)))
    errors = {r.index: r.error.type for r in results if r.error is not None}
    assert errors == EXPECTED_ERRORS
    for r, item in zip(results, inputs, strict=True):
        assert (r.report is None) == (r.error is not None)
        assert r.ok == (r.error is None)
        assert r.source == (os.fspath(item) if isinstance(item, Path) else None)
        if r.error is not None:
            assert r.error.expected, r.error  # all of these are input problems, not bugs
            assert r.error.traceback is None
            assert r.error.message
    reports = {r.index: r.report for r in results}
    assert reports[0] == extract(GOOD)
    assert reports[1] == Report()
    assert reports[5] == extract(GOOD)
    assert reports[10] == Report()
    assert reports[11] == extract(GOOD_TRAD)
    assert reports[12] == Report()
    assert reports[13] == extract(GOOD_TRAD)
    assert [(m.value, m.unit, m.kind) for m in reports[11].metrics] == [(98.64, "%", "level")]  # type: ignore[union-attr]


@pytest.mark.parametrize("workers", [1, 2])
def test_mixed_batch_gives_one_result_per_input_in_order(mixed_inputs: list[object], workers: int) -> None:
    results = extract_many(mixed_inputs, workers=workers, max_chars=MAX_CHARS)  # type: ignore[arg-type]
    _check(results, mixed_inputs)


def test_pool_and_in_process_agree_for_every_chunksize(mixed_inputs: list[object]) -> None:
    reference = [r.model_dump(mode="json") for r in extract_many(mixed_inputs, workers=1, max_chars=MAX_CHARS)]  # type: ignore[arg-type]
    for chunksize in (1, 3, 100):
        results = extract_many(mixed_inputs, workers=2, chunksize=chunksize, max_chars=MAX_CHARS)  # type: ignore[arg-type]
        assert [r.model_dump(mode="json") for r in results] == reference


def test_error_messages_are_precise(mixed_inputs: list[object]) -> None:
    results = extract_many(mixed_inputs, workers=1, max_chars=MAX_CHARS)  # type: ignore[arg-type]
    by_index = {r.index: r.error for r in results if r.error is not None}
    assert str(mixed_inputs[2]) in by_index[2].message  # DecodeError names the file
    assert by_index[3].message.startswith(f"text has {MAX_CHARS + 1} characters")
    assert by_index[4].message.startswith("expected str, got NoneType")
    assert by_index[6].message.startswith("expected str, got bytes")
    assert "file path" in by_index[7].message


@pytest.mark.parametrize("workers", [1, 2])
def test_progress_is_called_as_documents_finish(mixed_inputs: list[object], workers: int) -> None:
    calls: list[tuple[int, int]] = []
    extract_many(
        mixed_inputs,
        workers=workers,
        chunksize=2,
        max_chars=MAX_CHARS,  # type: ignore[arg-type]
        progress=lambda done, total: calls.append((done, total)),
    )
    total = len(mixed_inputs)
    assert calls[-1] == (total, total)
    assert all(t == total for _, t in calls)
    dones = [d for d, _ in calls]
    assert dones == sorted(set(dones)) and dones[0] > 0
    if workers == 1:  # the wrong-type items are refused up front, then one call per document
        assert calls == [(3, total)] + [(d, total) for d in range(4, total + 1)]


def test_many_seed_articles_in_a_pool_match_extract(seed_texts: dict[str, str]) -> None:
    texts = list(seed_texts.values()) * 3
    results = extract_many(texts, workers=2, chunksize=2, published=date(2024, 1, 1))
    assert [r.report for r in results] == [extract(t, published=date(2024, 1, 1)) for t in texts]


def test_paths_from_files_match_extract_file(tmp_path: Path, seed_texts: dict[str, str]) -> None:
    paths = []
    for i, (name, text) in enumerate(seed_texts.items()):
        path = tmp_path / f"{name}.txt"
        path.write_bytes(text.encode("gb18030" if i % 2 else "utf-8"))
        paths.append(path)
    results = extract_many(paths, workers=2)
    assert [r.source for r in results] == [str(p) for p in paths]
    assert [r.report for r in results] == [extract_file(p) for p in paths]


def test_empty_batch() -> None:
    calls: list[tuple[int, int]] = []
    assert extract_many([], workers=2, progress=lambda d, t: calls.append((d, t))) == []
    assert calls == []


@pytest.mark.parametrize("bad", [GOOD, b"bytes", Path("a.txt"), None, 42])
def test_batch_argument_must_be_a_collection(bad: object) -> None:
    with pytest.raises(InputTypeError, match="pass a list"):
        extract_many(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"), [({"workers": 0}, "workers"), ({"workers": -1}, "workers"), ({"chunksize": 0}, "chunksize")]
)
def test_bad_options(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        extract_many([GOOD], **kwargs)  # type: ignore[arg-type]


def test_generators_are_accepted() -> None:
    results = extract_many((t for t in [GOOD, GOOD_TRAD]), workers=1)
    assert [r.report for r in results] == [extract(GOOD), extract(GOOD_TRAD)]


def test_results_serialise_to_json(mixed_inputs: list[object]) -> None:
    results = extract_many(mixed_inputs, workers=1, max_chars=MAX_CHARS)  # type: ignore[arg-type]
    for r in results:
        assert BatchResult.model_validate_json(r.model_dump_json()) == r


def test_unexpected_exception_becomes_a_record_with_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import policemetrics.pipeline

    real = policemetrics.pipeline.extract

    def flaky(text: str, **kwargs: object) -> Report:
        if "BOOM" in text:
            raise RuntimeError("boom inside the pipeline")
        return real(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(policemetrics.pipeline, "extract", flaky)
    results = extract_many([GOOD, "BOOM", GOOD_TRAD], workers=1)
    assert [r.ok for r in results] == [True, False, True]
    error = results[1].error
    assert isinstance(error, ErrorRecord)
    assert (error.type, error.message, error.expected) == ("RuntimeError", "boom inside the pipeline", False)
    assert error.traceback is not None and "RuntimeError: boom inside the pipeline" in error.traceback


_real_extract_one = batch._extract_one


def _crash_on_marker(index: int, item: object, options: batch._Options) -> BatchResult:
    if item == "CRASH":
        os._exit(13)  # a worker dying as in a segfault or an OOM kill
    return _real_extract_one(index, item, options)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs the fork start method")
def test_a_dying_worker_only_costs_its_own_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "_extract_one", _crash_on_marker)  # inherited by forked workers
    items = [GOOD, "CRASH", *([GOOD_TRAD] * 6), "CRASH", GOOD]
    results = extract_many(items, workers=2, chunksize=3, mp_context=multiprocessing.get_context("fork"))
    assert [r.index for r in results] == list(range(len(items)))
    assert [r.error.type if r.error else None for r in results] == [
        None,
        "WorkerCrashed",
        None,
        None,
        None,
        None,
        None,
        None,
        "WorkerCrashed",
        None,
    ]
    assert [r.report for r in results if r.ok] == [extract(GOOD)] + [extract(GOOD_TRAD)] * 6 + [extract(GOOD)]


def test_the_parent_heap_is_unfrozen_and_warmed_after_a_pool() -> None:
    import gc

    results = extract_many(["全市破获案件120起。", "抓获嫌疑人35人。"], workers=2, chunksize=1)
    assert [r.report.metrics[0].value for r in results if r.report] == [120, 35]
    assert gc.get_freeze_count() == 0
    assert batch._warmed is (multiprocessing.get_start_method() == "fork")
