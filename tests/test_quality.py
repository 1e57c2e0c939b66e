"""The code stays lint- and type-clean (ruff and mypy come with the test extra)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", "policemetrics", "tests", "scripts", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_function_is_too_complex() -> None:
    """Cyclomatic complexity stays at or below 20 (radon grade D starts at 21)."""
    result = _run("radon", "cc", "-s", "-n", "D", "policemetrics")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", result.stdout
