"""The documentation: the site builds with ``mkdocs build --strict``, its generated pages cover the code,
the examples that show their output print exactly that, and the README's test command is what CI runs."""

from __future__ import annotations

import ast
import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policemetrics.models import Report
from policemetrics.rules import catalogue

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "scripts"))
import docs_pages  # noqa: E402

# a ```python block, the word "prints" (with anything up to a colon), then a ```text block
EXAMPLE = re.compile(r"```python\n(.*?)```\s*\n+prints[^\n]*\n+```text\n(.*?)```", re.S)
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```", re.S)
PAGES_WITH_EXAMPLES = ["quickstart.md", "python.md", "errors.md"]


def examples(path: Path) -> list[tuple[str, str]]:
    return EXAMPLE.findall(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", [*PAGES_WITH_EXAMPLES, "../README.md"])
def test_examples_print_what_the_docs_say(page: str) -> None:
    found = examples(DOCS / page)
    assert found, f"no example with its output in {page}"
    for code, expected in found:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, page, "exec"), {"__name__": "docs_example"})
        assert out.getvalue() == expected, f"{page}: the example prints something else"


def _module_level_calls(tree: ast.Module) -> list[str]:
    """Statements at module level other than imports, definitions and the __main__ guard."""
    allowed = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.ClassDef)
    out = []
    for node in tree.body:
        if isinstance(node, allowed):
            continue
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            continue
        out.append(ast.unparse(node).splitlines()[0])
    return out


def test_process_examples_are_guarded_for_pasting_into_a_script() -> None:
    """Code that starts worker processes must run under ``if __name__ == "__main__":``."""
    checked = 0
    for page in DOCS.glob("*.md"):
        for code in PYTHON_BLOCK.findall(page.read_text(encoding="utf-8")):
            tree = ast.parse(code)
            if re.search(r"LocalCluster|workers=[2-9N]|write_corpus\(", code):
                assert _module_level_calls(tree) == [], f"{page.name}: unguarded example"
                checked += 1
    assert checked >= 2


def test_the_readme_test_command_is_exactly_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"```bash\n(pip install -e [^\n]*pytest)\n```", readme)
    assert command is not None
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command.group(1) in ci
    assert ci[-1] == command.group(1)
    for extra in ("test", "parquet", "pandas", "docs"):  # what the test suite needs
        assert extra in command.group(1)


def test_the_readme_shows_published_as_keyword_only() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "extract(text, *, published=" in readme
    assert "extract(text, published=" not in readme
    assert "Real output" not in readme  # the printout is Python dicts, labelled as such


def test_the_data_model_page_covers_every_field() -> None:
    page = docs_pages.data_model_page()
    schema = Report.model_json_schema()
    for name, model in {"Report": schema, **schema["$defs"]}.items():
        assert f"## {name}" in page
        for field in model.get("properties", {}):
            assert f"| `{field}` |" in page


def test_the_rule_catalogue_lists_every_rule_and_table() -> None:
    page = docs_pages.rule_catalogue_page()
    for name in catalogue():
        assert f"| `{name}` |" in page
    for table in (ROOT / "policemetrics" / "data").glob("*.json"):
        assert f"### {table.name}" in page


def test_the_seed_evaluation_block() -> None:
    block = docs_pages.seeds_evaluation()
    assert block.startswith("```text\n$ policemetrics evaluate --texts seeds --gold tests/gold\n")
    assert "metric strict" in block and "span validity 1.0000" in block


def _mkdocs() -> bool:
    try:
        import material  # noqa: F401
        import mkdocs  # noqa: F401
    except ImportError:
        return False
    return True


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    if not _mkdocs():
        if os.environ.get("CI"):
            pytest.fail('mkdocs must be installed under CI (pip install -e ".[docs]")')
        pytest.skip('mkdocs / mkdocs-material not installed (pip install -e ".[docs]")')
    site = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for page in ("quickstart", "cli", "data-model", "rules", "evaluation", "scale", "errors"):
        assert (site / page / "index.html").exists()
    assert (site / "img" / "review-003.png").exists()
    accuracy = (site / "evaluation" / "index.html").read_text(encoding="utf-8")
    assert "metric strict" in accuracy and "generated: seeds-evaluation" not in accuracy
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "fonts.googleapis" not in pages  # the site reads offline
    shutil.rmtree(site)
