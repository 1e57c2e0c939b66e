"""Reading article files: encodings, HTML offsets, undecodable input, wrong-type arguments."""

from __future__ import annotations

import codecs
import json
import random
from datetime import date, datetime
from pathlib import Path

import pytest

from policemetrics import extract, extract_file
from policemetrics.errors import DecodeError, FileTooLargeError, InputTooLargeError, InputTypeError, PolicemetricsError
from policemetrics.io.files import decode, extract_bytes, read_text
from policemetrics.models import Report

SIMPLIFIED = "2023年，全省电诈警情同比下降26.4%，抓获犯罪嫌疑人1381人。"
SIMPLIFIED_METRICS = [(26.4, "%", "change"), (1381.0, "人", "count")]
TRADITIONAL = "全國群眾安全感達98.64%"
TRADITIONAL_METRICS = [(98.64, "%", "level")]
TRADITIONAL_LONG = "2023年，全省電詐警情同比下降26.4%，抓獲犯罪嫌疑人1381人。全國群眾安全感達98.64%。"
TRADITIONAL_LONG_METRICS = [*SIMPLIFIED_METRICS, (98.64, "%", "level")]


def values(report: Report) -> list[tuple[float, str | None, str]]:
    return [(m.value, m.unit, m.kind) for m in report.metrics]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def assert_spans_index_decoded_text(path: Path, report: Report) -> None:
    decoded = read_text(path)
    assert report.spans(), "expected at least one span"
    for span in report.spans():
        assert decoded[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (SIMPLIFIED, "utf-8", SIMPLIFIED_METRICS),
        (SIMPLIFIED, "utf-8-sig", SIMPLIFIED_METRICS),
        (SIMPLIFIED, "gb18030", SIMPLIFIED_METRICS),
        (SIMPLIFIED, "gbk", SIMPLIFIED_METRICS),
        (SIMPLIFIED, "gb2312", SIMPLIFIED_METRICS),
        (SIMPLIFIED, "utf-16", SIMPLIFIED_METRICS),
        (TRADITIONAL, "big5", TRADITIONAL_METRICS),
        (TRADITIONAL, "cp950", TRADITIONAL_METRICS),
        (TRADITIONAL, "utf-8", TRADITIONAL_METRICS),
        (TRADITIONAL, "gb18030", TRADITIONAL_METRICS),  # Traditional characters in a GB18030 file
        (TRADITIONAL_LONG, "big5", TRADITIONAL_LONG_METRICS),
        (TRADITIONAL_LONG, "utf-8-sig", TRADITIONAL_LONG_METRICS),
    ],
)
def test_each_encoding_is_detected_and_extracted(
    tmp_path: Path, text: str, encoding: str, expected: list[tuple[float, str, str]]
) -> None:
    path = write(tmp_path, f"article.{encoding}.txt", text.encode(encoding))
    assert read_text(path) == text
    report = extract_file(path)
    assert values(report) == expected
    assert_spans_index_decoded_text(path, report)
    assert report == extract(text)


@pytest.mark.parametrize(("text", "encoding"), [(SIMPLIFIED, "gbk"), (TRADITIONAL, "big5"), (TRADITIONAL_LONG, "big5")])
def test_encoding_can_be_forced(tmp_path: Path, text: str, encoding: str) -> None:
    path = write(tmp_path, "forced.txt", text.encode(encoding))
    assert read_text(path, encoding) == text
    assert extract_file(path, encoding=encoding) == extract(text)


def test_a_wrong_forced_encoding_is_an_error_not_mojibake(tmp_path: Path) -> None:
    path = write(tmp_path, "gbk.txt", SIMPLIFIED.encode("gbk"))
    with pytest.raises(DecodeError) as err:
        extract_file(path, encoding="big5")
    assert str(path) in str(err.value)
    assert err.value.path == str(path)
    with pytest.raises(DecodeError, match="unknown encoding"):
        extract_file(path, encoding="no-such-codec")


def _encodable(texts: list[str], encodings: list[str]) -> list[tuple[str, str]]:
    out = []
    for text in texts:
        for encoding in encodings:
            try:
                text.encode(encoding)
            except UnicodeEncodeError:
                continue
            out.append((text, encoding))
    return out


MOJIBAKE_CASES = _encodable(
    [
        SIMPLIFIED,
        TRADITIONAL,
        TRADITIONAL_LONG,
        "全国公安机关共破获电信网络诈骗案件43.7万起，同比上升5.2%。",
        "臺灣警察機關偵破詐騙案件3萬餘件，較去年增加12.5%。",
    ],
    ["gb18030", "big5"],
)


@pytest.mark.parametrize(("text", "encoding"), MOJIBAKE_CASES)
def test_detection_never_returns_mojibake(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text


def test_mojibake_cases_cover_both_encodings() -> None:
    assert {e for _, e in MOJIBAKE_CASES} == {"gb18030", "big5"}
    assert len(MOJIBAKE_CASES) == 8


def test_html_file_spans_index_the_decoded_page(tmp_path: Path) -> None:
    page = (
        '<!DOCTYPE html><html><head><meta charset="gbk"><title>公安工作成绩单</title>'
        "<script>var x = 1 < 2;</script><style>p {color: red}</style></head><body>"
        "<p>2023年，全省电诈警情同比下降26.4%，</p>\n<p>抓获犯罪嫌疑人<b>1381</b>人&nbsp;。</p>"
        "<!-- 注释 99起 --></body></html>"
    )
    path = write(tmp_path, "page.html", page.encode("gbk"))
    report = extract_file(path)
    assert values(report) == SIMPLIFIED_METRICS
    assert_spans_index_decoded_text(path, report)
    assert [m.span.text for m in report.metrics] == ["26.4%", "1381</b>人"]


def test_declared_charset_gb2312_reads_gbk_characters(tmp_path: Path) -> None:
    # 镕 is in GBK but not in GB2312: the declaration is read as its superset
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        "<body><p>朱镕基同志视察。" + SIMPLIFIED + "</p></body></html>"
    )
    path = write(tmp_path, "declared.html", page.encode("gbk"))
    assert read_text(path) == page
    assert values(extract_file(path)) == SIMPLIFIED_METRICS


def test_utf8_html_with_entities(tmp_path: Path) -> None:
    page = "<div>全省电诈警情同比下降26.4&#37;&#xff0c;抓获犯罪嫌疑人1381人。</div>"
    path = write(tmp_path, "entities.html", page.encode("utf-8"))
    report = extract_file(path)
    assert values(report) == SIMPLIFIED_METRICS
    assert_spans_index_decoded_text(path, report)
    assert report.metrics[0].span.text == "26.4&#37;"


def test_truncated_multibyte_tail_is_dropped(tmp_path: Path) -> None:
    data = SIMPLIFIED.encode("gbk")
    path = write(tmp_path, "cut.txt", data[:-1])  # the file was cut inside the final 。
    assert read_text(path) == SIMPLIFIED[:-1]
    assert values(extract_file(path)) == SIMPLIFIED_METRICS


def test_invalid_byte_inside_the_text_is_an_error(tmp_path: Path) -> None:
    data = SIMPLIFIED.encode("gbk")
    path = write(tmp_path, "corrupt.txt", data[:6] + b"\xff" + data[6:])
    with pytest.raises(DecodeError, match="byte 6") as err:
        extract_file(path)
    assert str(path) in str(err.value)


def _garbage(seed: int, size: int) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(size))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("random.bin", _garbage(1, 4096)),
        ("random_no_nul.bin", bytes(b or 1 for b in _garbage(2, 4096))),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _garbage(3, 512)),
        ("archive.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + _garbage(4, 512)),
        ("bom_then_binary.txt", codecs.BOM_UTF16_LE + _garbage(5, 512)),
        ("bom8_then_binary.txt", codecs.BOM_UTF8 + _garbage(6, 512)),
        ("nul_only.bin", b"\x00" * 64),
        ("utf16_without_bom.txt", SIMPLIFIED.encode("utf-16-le")),
        ("control_chars.bin", bytes(range(1, 32)) * 20),
        ("latin1.txt", "Politique de sécurité, été 2023: très bien".encode("latin-1")),
    ],
)
def test_binary_or_undecodable_files_raise_decode_error_naming_the_file(tmp_path: Path, name: str, data: bytes) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(DecodeError) as err:
        extract_file(path)
    assert str(path) in str(err.value)
    assert isinstance(err.value, PolicemetricsError)
    assert isinstance(err.value, UnicodeError)


def test_utf16_without_bom_can_be_forced(tmp_path: Path) -> None:
    path = write(tmp_path, "utf16le.txt", SIMPLIFIED.encode("utf-16-le"))
    assert values(extract_file(path, encoding="utf-16-le")) == SIMPLIFIED_METRICS


@pytest.mark.parametrize("data", [b"", b" \n\t\r\n", "\u3000\n".encode(), codecs.BOM_UTF8, b"\n\x00\x00"])
def test_empty_or_blank_file_gives_empty_report(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "empty.txt", data)
    assert extract_file(path) == Report()
    assert extract_file(path, published=None).metrics == []


@pytest.mark.parametrize("bad", [b"2023\xe5\xb9\xb4", None, 42, 4.2, ["text"], bytearray(b"x")])
def test_extract_rejects_non_str_with_a_helpful_message(bad: object) -> None:
    with pytest.raises(InputTypeError) as err:
        extract(bad)  # type: ignore[arg-type]
    message = str(err.value)
    assert f"expected str, got {type(bad).__name__}" in message
    assert "extract_file" in message  # says what to pass instead
    assert isinstance(err.value, TypeError)


@pytest.mark.parametrize("bad", [b"article.txt", None, 42, ["article.txt"]])
def test_extract_file_rejects_non_path_with_a_helpful_message(bad: object) -> None:
    with pytest.raises(InputTypeError) as err:
        extract_file(bad)  # type: ignore[arg-type]
    assert "pass a file path" in str(err.value)


def test_extract_file_given_article_text_says_to_use_extract() -> None:
    with pytest.raises(InputTypeError, match=r"use policemetrics\.extract\(text\)"):
        extract_file(SIMPLIFIED + "\n" + SIMPLIFIED)


def test_decode_rejects_str() -> None:
    with pytest.raises(InputTypeError, match="bytes"):
        decode(SIMPLIFIED)  # type: ignore[arg-type]


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        extract_file(tmp_path / "missing.txt")


def test_file_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", SIMPLIFIED.encode("utf-8") * 10)
    with pytest.raises(FileTooLargeError) as err:
        extract_file(path, max_chars=100)
    assert isinstance(err.value, InputTooLargeError)
    assert str(path) in str(err.value)
    assert err.value.limit == 100


def test_text_over_max_chars_after_decoding_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "long.txt", ("a" * 150).encode("ascii"))  # 150 bytes <= 4 * 100, 150 chars > 100
    with pytest.raises(InputTooLargeError) as err:
        extract_file(path, max_chars=100)
    assert not isinstance(err.value, FileTooLargeError)
    assert (err.value.size, err.value.limit) == (150, 100)


def test_extract_bytes_and_published_date(tmp_path: Path) -> None:
    from datetime import date

    report = extract_bytes(TRADITIONAL.encode("big5"), source="mem", published=date(2024, 1, 2))
    assert values(report) == TRADITIONAL_METRICS
    assert report.published == date(2024, 1, 2)
    with pytest.raises(DecodeError, match="cannot decode mem"):
        extract_bytes(_garbage(7, 256), source="mem")


def test_str_path_and_pathlike_are_both_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", SIMPLIFIED.encode("gb18030"))
    assert extract_file(str(path)) == extract_file(path)


def test_valid_utf8_with_icon_font_characters_is_accepted(tmp_path: Path) -> None:
    # web pages draw icons with private-use code points; valid UTF-8 is never refused for them
    page = "<i>\ue600</i><i>\ue601</i><i>\ue602</i>" + SIMPLIFIED
    path = write(tmp_path, "icons.html", page.encode("utf-8"))
    assert read_text(path) == page
    assert values(extract_file(path)) == SIMPLIFIED_METRICS


def test_valid_utf8_full_of_control_characters_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "controls.txt", (SIMPLIFIED + "\x01\x02\x03\x04").encode("utf-8"))
    with pytest.raises(DecodeError, match="control characters"):
        extract_file(path)


def test_a_stray_control_character_in_short_utf8_is_tolerated(tmp_path: Path) -> None:
    path = write(tmp_path, "stray.txt", (SIMPLIFIED + "\x08").encode("utf-8"))
    assert values(extract_file(path)) == SIMPLIFIED_METRICS


@pytest.mark.parametrize("cut", [1, 2])
def test_utf8_without_bom_cut_inside_the_last_character_drops_it(tmp_path: Path, cut: int) -> None:
    data = SIMPLIFIED.encode("utf-8")
    path = write(tmp_path, "cut8.txt", data[:-cut])  # the final 。 is three bytes; one or two of them are lost
    assert read_text(path) == SIMPLIFIED[:-1]
    assert values(extract_file(path)) == SIMPLIFIED_METRICS


def test_utf8_cut_in_the_middle_is_still_an_error(tmp_path: Path) -> None:
    data = SIMPLIFIED.encode("utf-8")
    path = write(tmp_path, "mid.txt", data[:10] + data[11:])  # a continuation byte lost inside the text
    with pytest.raises(DecodeError):
        read_text(path)


def test_ascii_with_one_stray_lead_byte_is_not_taken_for_cut_utf8() -> None:
    # "abc" + E4 B8: cut UTF-8, or a complete GB18030 character; with no other UTF-8 evidence the
    # legacy decoders decide, so nothing is dropped
    assert decode(b"abc\xe4\xb8") == b"abc\xe4\xb8".decode("gb18030")


@pytest.mark.parametrize("bad", ["10", 10.5, None, True, 0, -5])
def test_max_chars_of_the_wrong_type_is_a_typed_error(tmp_path: Path, bad: object) -> None:
    path = write(tmp_path, "a.txt", SIMPLIFIED.encode())
    with pytest.raises(InputTypeError, match="max_chars must be a positive int"):
        extract(SIMPLIFIED, max_chars=bad)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="max_chars"):
        extract_file(path, max_chars=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (date(2024, 3, 1), date(2024, 3, 1)),
        (datetime(2024, 3, 1, 12, 30), date(2024, 3, 1)),
        ("2024-03-01", date(2024, 3, 1)),
        (None, None),
    ],
)
def test_published_accepts_dates_datetimes_and_iso_strings(published: object, expected: date | None) -> None:
    report = extract("今年全市破案率达97%。", published=published)  # type: ignore[arg-type]
    assert report.published == expected
    if expected is not None:  # 今年 resolves against it
        assert report.metrics[0].period == str(expected.year)


@pytest.mark.parametrize("bad", [20240301, "2024/03/01", "yesterday", 2024.0, ["2024-03-01"]])
def test_published_of_another_type_is_a_typed_error(bad: object) -> None:
    with pytest.raises(InputTypeError, match="published must be"):
        extract("全市破案率达97%。", published=bad)  # type: ignore[arg-type]


def test_a_lone_surrogate_inside_markup_still_serialises_to_json() -> None:
    text = '全省抓获犯罪嫌疑人1381<b title="\ud800">人</b>。'
    report = extract(text)
    span = report.metrics[0].span
    assert text[span.start : span.end] == span.text  # in Python the span is exact
    data = json.loads(report.model_dump_json())
    dumped = data["metrics"][0]["span"]
    assert (dumped["start"], dumped["end"]) == (span.start, span.end)
    assert dumped["text"] == span.text.replace("\ud800", "\ufffd")  # one for one in JSON
    assert json.dumps(report.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


# ---- text after an end-of-article line (编辑：…, 相关阅读) is never lost silently

_BODY = "".join(f"第{i}季度，全市公安机关抓获犯罪嫌疑人{100 + i}人，同比上升{i}.5%。" for i in range(1, 9))
_NEXT_ARTICLE = (
    "另一篇报道\n"
    "2024年，全县共破获刑事案件321起，同比上升12.5%，挽回群众经济损失800余万元。"
    "全县群众安全感达到98.6%，比上年提升0.4个百分点。\n"
)


def test_an_end_line_then_links_cuts_the_page_and_records_the_cut() -> None:
    text = _BODY + "\n编辑：张三\n相关阅读\n某地警方破获案件12起\n上一篇\n"
    report = extract(text)
    assert [m.value for m in report.metrics if m.unit == "人"] == [100.0 + i for i in range(1, 9)]
    assert all(m.span.end <= len(_BODY) for m in report.metrics)  # 12起 in the links is not read
    cuts = [u for u in report.unparsed if u.reason.startswith("not read")]
    assert len(cuts) == 1
    start = text.index("编辑")
    assert (cuts[0].span.start, cuts[0].span.end) == (start, len(text.rstrip()))
    assert cuts[0].span.text == text[start:].rstrip()
    assert "编辑:张三" in cuts[0].reason


def test_an_end_line_with_articles_after_it_is_not_the_end_of_the_page() -> None:
    text = _BODY + "\n编辑：张三\n" + _NEXT_ARTICLE + "\n相关阅读\n某地警方破获案件12起\n"
    report = extract(text)
    values = [m.value for m in report.metrics]
    assert 321.0 in values and 98.6 in values  # the second article is read
    assert 12.0 not in values  # the links after the final 相关阅读 are not
    cuts = [u for u in report.unparsed if u.reason.startswith("not read")]
    assert [c.span.text for c in cuts] == ["相关阅读\n某地警方破获案件12起"]


def test_an_end_line_in_html_is_recorded_in_original_offsets() -> None:
    text = f"<div><p>{_BODY}</p><p>责任编辑：李四</p><ul><li><a href='/x'>相关新闻12条</a></li></ul></div>"
    report = extract(text)
    (cut,) = [u for u in report.unparsed if u.reason.startswith("not read")]
    assert text[cut.span.start : cut.span.end] == cut.span.text
    assert cut.span.text.startswith("责任编辑") and cut.span.text.endswith("相关新闻12条")


def test_an_end_line_near_the_top_is_kept_as_text() -> None:
    text = "编辑：张三\n全市破案率达97%。"
    report = extract(text)
    assert [m.value for m in report.metrics] == [97.0]
    assert not [u for u in report.unparsed if u.reason.startswith("not read")]
