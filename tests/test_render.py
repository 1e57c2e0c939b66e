"""The HTML review view: structure (one element per object, nested and crossing spans, unparsed items,
self-contained) and, in headless Chromium, element counts, a click that shows the fields, a screenshot."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from policemetrics import extract, render
from policemetrics.errors import InputTypeError
from policemetrics.io.files import read_text
from policemetrics.io.render import RenderError
from policemetrics.models import Report

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
SEED_003 = ROOT / "seeds" / "003_39c074a8e03d8997.txt"
TEXT = "今年全市抓获犯罪嫌疑人1381人，开展“清风行动”，荣获全国先进集体称号。"


def span(text: str, part: str, start: int = 0) -> dict[str, Any]:
    i = text.index(part, start)
    return {"start": i, "end": i + len(part), "text": part}


def handmade() -> Report:
    """Spans that nest (metric inside honour), cross (initiative over the metric's end) and repeat."""
    t = TEXT
    metric = {
        "indicator": "抓获犯罪嫌疑人",
        "value": 1381,
        "unit": "人",
        "kind": "count",
        "span": span(t, "1381人"),
        "evidence": span(t, "抓获犯罪嫌疑人1381人"),
        "rule": "test.metric",
        "concept": "arrests",
        "subject_code": "420000",
    }
    return Report.model_validate(
        {
            "title": "测试",
            "region": "湖北省",
            "region_code": "420000",
            "metrics": [metric],
            "initiatives": [
                {"name": "人，开展", "category": "campaign", "span": span(t, "81人，开展"), "rule": "test.cross"},
                {"name": "清风行动", "category": "campaign", "span": span(t, "清风行动"), "rule": "test.i"},
            ],
            "honours": [
                {
                    "title": "全国先进集体",
                    "span": span(t, "荣获全国先进集体称号"),
                    "mentions": [span(t, "全国先进集体")],
                    "rule": "test.h",
                }
            ],
            "unparsed": [{"span": span(t, "今年全市"), "reason": "test reason"}],
        },
        context={"text": t},
    )


class _Marks(HTMLParser):
    """Open <mark> elements with their attributes and the text inside each (nested text included)."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, Any]] = []
        self.stack: list[dict[str, Any]] = []
        self.article: list[str] = []
        self.in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article = True
        if tag == "mark":
            mark = {"attrs": dict(attrs), "text": ""}
            self.marks.append(mark)
            self.stack.append(mark)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.stack.pop()
        if tag == "article":
            self.in_article = False

    def handle_data(self, data: str) -> None:
        for mark in self.stack:
            mark["text"] += data
        if self.in_article:
            self.article.append(data)


def parse(page: str) -> _Marks:
    parser = _Marks()
    parser.feed(page)
    return parser


def test_one_element_per_object_even_when_spans_cross() -> None:
    report = handmade()
    marks = parse(render(report, TEXT))
    primary = [m for m in marks.marks if "data-pm-kind" in m["attrs"]]
    keys = [(m["attrs"]["data-pm-kind"], m["attrs"]["data-pm-index"]) for m in primary]
    assert sorted(keys) == [("honour", "0"), ("initiative", "0"), ("initiative", "1"), ("metric", "0")]
    by_key = {m["attrs"]["data-pm-key"]: m for m in primary}
    assert by_key["metric-0"]["text"] == "1381人"
    assert by_key["honour-0"]["text"] == "荣获全国先进集体称号"  # the mention is nested inside it
    # the initiative crossing the metric's end is cut there and continued by a non-primary piece
    assert by_key["initiative-0"]["text"] == "81人"
    pieces = [m for m in marks.marks if m["attrs"].get("data-pm-ref") == "initiative-0"]
    assert [p["text"] for p in pieces] == ["，开展"]
    mention = [m for m in marks.marks if m["attrs"].get("data-pm-ref") == "honour-0"]
    assert [m["text"] for m in mention] == ["全国先进集体"]


def test_the_article_text_is_shown_whole_and_unparsed_items_are_marked() -> None:
    page = render(handmade(), TEXT)
    marks = parse(page)
    assert html.unescape("".join(marks.article)) == TEXT
    unparsed = [m for m in marks.marks if "data-pm-unparsed" in m["attrs"]]
    assert [m["text"] for m in unparsed] == ["今年全市"]
    assert "test reason" in page
    assert "420000" in page and "arrests" in page  # codes and concept are shown


def test_the_page_is_self_contained() -> None:
    text = read_text(SEED_003)
    page = render(extract(text), text)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert "</script>" not in page.split('<script type="application/json" id="pm-data">')[1].split("</script>")[0]


def test_markup_and_script_in_the_article_are_escaped() -> None:
    text = "<script>alert(1)</script>全市破案率达97%。</script><b>"
    page = render(extract(text), text)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page


def test_lone_surrogates_do_not_break_the_page() -> None:
    text = "全省抓获犯罪嫌疑人1381<b title='\ud800'>人</b>。"
    page = render(extract(text), text)
    page.encode("utf-8")  # writable as UTF-8
    assert parse(page).marks[0]["attrs"]["data-pm-kind"] == "metric"


def test_wrong_arguments_are_typed_errors() -> None:
    report = extract("全市破案率达97%。")
    with pytest.raises(RenderError, match="does not match the text"):
        render(report, "另一篇文章的文字，长度也不一样。")
    with pytest.raises(InputTypeError):
        render("report", "text")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError):
        render(report, b"bytes")  # type: ignore[arg-type]


# ---- in a real browser


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    found = _chromium()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required under CI (.ci/run installs the Debian package chromium)")
        pytest.skip("headless Chromium not installed (apt-get install chromium) - the browser test needs it")
    return found


def _browser_args(exe: str, profile: Path) -> list[str]:
    return [
        exe,
        "--headless",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",  # containers often have a tiny /dev/shm
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=3000",
    ]


def test_in_headless_chromium_counts_match_and_a_click_shows_the_fields(chromium: str, tmp_path: Path) -> None:
    text = read_text(SEED_003)
    report = extract(text)
    page = tmp_path / "003.html"
    page.write_text(render(report, text), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "review-003.png"
    shot.unlink(missing_ok=True)
    target = 3
    url = f"{page.as_uri()}#metric-{target}"  # the page clicks the object named in the URL on load
    dump = subprocess.Popen(
        [*_browser_args(chromium, tmp_path / "p1"), "--dump-dom", url],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    screenshot = subprocess.Popen(
        [*_browser_args(chromium, tmp_path / "p2"), "--window-size=1280,800", f"--screenshot={shot}", url],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    dom, _ = dump.communicate(timeout=120)
    screenshot.wait(timeout=120)
    live = dom.decode("utf-8")
    for kind, items in (("metric", report.metrics), ("honour", report.honours), ("initiative", report.initiatives)):
        assert len(re.findall(rf'data-pm-kind="{kind}"', live)) == len(items) > 0
    detail = re.search(r'<div id="pm-detail" data-pm-shown="([^"]+)">(.*?)</div>', live, re.S)
    assert detail is not None, "clicking did not fill the detail panel"
    assert detail.group(1) == f"metric-{target}"
    m = report.metrics[target]
    fields = dict(re.findall(r'<tr data-pm-field="([^"]+)"><td>[^<]*</td><td>([^<]*)</td></tr>', detail.group(2)))
    assert fields["indicator"] == m.indicator
    assert float(fields["value"]) == m.value
    assert fields["kind"] == m.kind and fields["rule"] == m.rule
    assert fields["text"] == html.escape(m.span.text, quote=False)
    assert re.search(rf'class="[^"]*pm-selected[^"]*"[^>]*data-pm-key="metric-{target}"', live)
    assert shot.exists() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
