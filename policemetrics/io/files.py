"""Reading articles from files: encoding detection, then :func:`policemetrics.extract`.

Spans of a Report made from a file point into the DECODED text (what :func:`read_text` returns),
HTML included: markup is skipped by the normaliser, so the offsets stay valid on the decoded page
(``read_text(path)[span.start:span.end] == span.text``), not on the bytes of the file.

Decoding never guesses silently. In order:

1. ``encoding=`` given: strict decoding with it (``gb2312``/``gbk`` are read as their superset GB18030);
2. a byte-order mark (UTF-8, UTF-16, UTF-32);
3. strict UTF-8;
4. the charset an HTML/XML page declares (``<meta charset=...>``), if the bytes decode with it;
5. detection with charset-normalizer among GB18030/GBK and Big5 (cp950, HKSCS), cross-checked against
   strict decodings with a plausibility score: the share of Han characters that are common
   (GB2312 level 1 or Big5 level 1). Mojibake (Big5 read as GBK and vice versa) scores far lower.

Whatever is chosen must look like text (no NUL bytes, almost no control, private-use or unassigned
characters); otherwise :class:`~policemetrics.errors.DecodeError` names the file. An incomplete
multi-byte character at the very end (a truncated file) is dropped; any other invalid byte is an error.
"""

from __future__ import annotations

import codecs
import os
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from policemetrics.errors import DecodeError, FileTooLargeError, InputTypeError
from policemetrics.validation import DEFAULT_MAX_CHARS, ensure_max_chars

if TYPE_CHECKING:
    from policemetrics.models import Report

__all__ = ["MAX_BYTES_PER_CHAR", "decode", "extract_bytes", "extract_file", "read_text"]

#: No supported encoding spends more than four bytes on one character, so a file larger than
#: ``MAX_BYTES_PER_CHAR * max_chars`` bytes is refused before it is read.
MAX_BYTES_PER_CHAR = 4

_PATH_HINT = "pass a file path (str or os.PathLike); for text already in memory use policemetrics.extract(text)"
# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Strict decoders tried besides the detector's choice, in order of preference on a tie.
_FALLBACKS = ("gb18030", "big5", "cp950", "big5hkscs")
_DETECT_AMONG = ["gb18030", "gbk", "gb2312", "big5", "cp950", "big5hkscs", "utf_8"]
# Read as the superset: a page declared gb2312 very often uses GBK characters.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "hz": "hz"}
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
_CONTROL = regex.compile(r"[\p{Cc}--[\t\n\v\f\r\x1b\x85]]", regex.V1)
# For decodings that could be wrong (legacy codecs, UTF-16/32): private-use and unassigned code points
# too. Not for valid UTF-8, whose pages may legitimately carry icon-font (private-use) characters.
_BAD_CHARS = regex.compile(r"[\p{Cc}--[\t\n\v\f\r\x1b\x85]]|\p{Co}|\p{Cn}|\p{Cs}|\ufffd", regex.V1)
_HAN = regex.compile(r"\p{Han}")
_MAX_BAD_SHARE = 0.002  # control / private-use / unassigned characters tolerated per character
_UTF8_STRAY_CONTROLS = 2  # a stray control character or two in a short UTF-8 file is tolerated
_MIN_COMMON_SHARE = 0.6  # of the Han characters, this share must be common ones
_MIN_HAN_FOR_SCORE = 4  # below this the common-character share says little
_PREFER_MARGIN = 0.05  # the detector's choice wins unless another decoding scores this much higher
_SAMPLE_CHUNK = 16_384
_SAMPLE_CHUNKS = 8


@cache
def _common_han() -> frozenset[str]:
    """GB2312 level 1 (3755 common Simplified) and Big5 level 1 (5401 common Traditional) characters."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                chars.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(c for c in chars if _HAN.match(c))


def _sample(text: str) -> str:
    """The whole text if short, else a few evenly spread chunks: encodings are decided globally."""
    if len(text) <= _SAMPLE_CHUNK * _SAMPLE_CHUNKS:
        return text
    step = len(text) // _SAMPLE_CHUNKS
    return "".join(text[i * step : i * step + _SAMPLE_CHUNK] for i in range(_SAMPLE_CHUNKS))


def _bad_share(sample: str, pattern: regex.Pattern[str]) -> float:
    return len(pattern.findall(sample)) / len(sample) if sample else 0.0


def _common_share(sample: str) -> tuple[float, int]:
    """Share of the Han characters that are common ones, and how many Han characters there are."""
    han = _HAN.findall(sample)
    if not han:
        return 1.0, 0
    common = _common_han()
    return sum(1 for c in han if c in common) / len(han), len(han)


def _looks_like_text(text: str, *, utf8: bool = False) -> str | None:
    """None if ``text`` is plausible decoded text, else why not. Valid UTF-8 (``utf8=True``) only has
    to be free of control characters: it cannot be GBK/Big5 mojibake. Anything else must also be
    nearly free of private-use and unassigned code points, and most of its Han characters common."""
    sample = _sample(text)
    bad = _bad_share(sample, _CONTROL if utf8 else _BAD_CHARS)
    if bad > _MAX_BAD_SHARE and not (utf8 and bad * len(sample) <= _UTF8_STRAY_CONTROLS):
        kinds = "control" if utf8 else "control, private-use or unassigned"
        return f"{bad:.1%} {kinds} characters"
    if utf8:
        return None
    share, n_han = _common_share(sample)
    if n_han >= _MIN_HAN_FOR_SCORE and share < _MIN_COMMON_SHARE:
        return f"only {share:.0%} of its Han characters are common ones (mojibake)"
    return None


def _strict(data: bytes, name: str) -> str:
    """Strict decoding; an incomplete multi-byte character at the very end (a cut file) is dropped."""
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        if exc.end == len(data) and exc.start >= len(data) - 3 and exc.start > 0:
            return data[: exc.start].decode(name)
        raise


def _codec_name(name: str) -> str | None:
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSET.get(canonical, canonical)


def _declared(data: bytes) -> str | None:
    m = _DECLARED.search(data[:4096])
    if m is None:
        return None
    raw = (m.group(1) or m.group(2)).decode("ascii", "replace")
    return _codec_name(raw)


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported on first use: keeps `import policemetrics` cheap

    try:
        best = from_bytes(data, cp_isolation=_DETECT_AMONG).best()
    except Exception:  # a detector failure must not fail decoding: the strict fallbacks still run
        return None
    return None if best is None else _codec_name(str(best.encoding))


def decode(data: bytes, path: str | os.PathLike[str] = "<bytes>", encoding: str | None = None) -> str:
    """Decode article bytes to str (see the module docstring for the order of decisions).

    Raises :class:`~policemetrics.errors.DecodeError` (naming ``path``) when the bytes are binary,
    not valid in the forced ``encoding``, or decode in no supported encoding to plausible text.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputTypeError(data, "pass the file's content as bytes, or a path to policemetrics.extract_file(path)")
    data = bytes(data)
    where = os.fspath(path)
    if encoding is not None:
        name = _codec_name(encoding)
        if name is None:
            raise DecodeError(where, f"unknown encoding {encoding!r}")
        try:
            text = data.decode(name)
        except UnicodeDecodeError as exc:
            raise DecodeError(where, f"not valid {encoding}: {exc}") from exc
        return text[1:] if text.startswith("\ufeff") else text
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, where, name)
    if not data:
        return ""
    data = data.rstrip(b"\x00")  # NUL padding some tools leave at the end
    if not data:
        raise DecodeError(where, "contains only NUL bytes (binary or corrupt)")
    if b"\x00" in data:
        raise DecodeError(
            where,
            "contains NUL bytes: binary data, or UTF-16/UTF-32 without a byte-order mark "
            "(pass encoding='utf-16-le' or similar)",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut = _utf8_cut_at_end(data, exc)
        if cut is None:
            return _decode_legacy(data, where, exc.start)
        text = cut
    problem = _looks_like_text(text, utf8=True)
    if problem is None:
        return text
    raise DecodeError(where, f"valid UTF-8 but does not look like text: {problem}")


def _utf8_cut_at_end(data: bytes, exc: UnicodeDecodeError) -> str | None:
    """UTF-8 whose only fault is a multi-byte character cut off at the very end (a truncated file): the
    text without it. Only when the rest holds multi-byte UTF-8 too: an ASCII text ending in one stray
    lead byte may as well be GB18030, so it goes on to the legacy decoders."""
    if exc.reason != "unexpected end of data" or exc.end != len(data) or exc.start < len(data) - 3:
        return None
    head = data[: exc.start]
    if head.isascii():
        return None
    return head.decode("utf-8")


def _decode_with_bom(data: bytes, where: str, name: str) -> str:
    try:
        text = _strict(data, name)
    except UnicodeDecodeError as exc:
        raise DecodeError(where, f"has a {name} byte-order mark but does not decode: {exc}") from exc
    # UTF-16/32 decode almost any even-length bytes, so a BOM on binary data must not pass
    problem = _looks_like_text(text, utf8=name == "utf-8-sig")
    if problem is not None:
        raise DecodeError(where, f"has a {name} byte-order mark but does not look like text: {problem}")
    return text


def _decode_legacy(data: bytes, where: str, utf8_at: int) -> str:
    """Choose among the non-UTF-8 Chinese encodings; refuse if none gives plausible text."""
    declared = _declared(data)
    if declared is not None and declared != "utf-8":
        try:
            text = _strict(data, declared)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            if _looks_like_text(text) is None:
                return text
    detected = _detected(data)
    order = [detected] if detected is not None and detected != "utf-8" else []
    order += [name for name in _FALLBACKS if name not in order]
    invalid = [f"utf-8 at byte {utf8_at}"]
    problems: list[str] = []
    scored: list[tuple[str, float]] = []  # (codec, common share) of plausible decodings, in ``order``
    for name in order:
        try:
            text = _strict(data, name)
        except UnicodeDecodeError as exc:
            invalid.append(f"{name} at byte {exc.start}")
            continue
        except LookupError:
            continue
        problem = _looks_like_text(text)
        if problem is None:
            scored.append((name, _common_share(_sample(text))[0]))
        else:
            problems.append(f"as {name}: {problem}")
        del text  # one decoded copy at a time: files can be large
    if not scored:
        if not problems:
            raise DecodeError(
                where, f"invalid bytes ({', '.join(invalid)}): binary, or another encoding (pass encoding=)"
            )
        detail = "; ".join(problems)
        raise DecodeError(where, f"decodes to no plausible text ({detail}); pass encoding= if you know it")
    best_score = max(score for _, score in scored)
    # the detector's choice first, then the fallbacks by preference, unless another scores clearly higher
    for name, score in scored:
        if score >= best_score - _PREFER_MARGIN:
            return _strict(data, name)
    raise AssertionError("unreachable: the best candidate is within its own margin")


def _check_path(path: object) -> Path:
    if isinstance(path, (bytes, bytearray)) or not isinstance(path, (str, os.PathLike)):
        raise InputTypeError(path, _PATH_HINT)
    result = Path(path)
    if isinstance(path, str) and ("\n" in path or len(path) > 4096):
        raise InputTypeError(path, "this looks like article text, not a path: use policemetrics.extract(text)")
    return result


def read_bytes(path: str | os.PathLike[str], *, max_chars: int = DEFAULT_MAX_CHARS) -> bytes:
    """The bytes of ``path``, refusing (before reading it all) a file too large to hold ``max_chars``."""
    file = _check_path(path)
    limit = MAX_BYTES_PER_CHAR * ensure_max_chars(max_chars)
    with file.open("rb") as fh:
        data = fh.read(limit + 1)  # bounded: also safe on endless devices and growing files
    if len(data) > limit:
        size = max(len(data), _size(file))
        raise FileTooLargeError(file, size, max_chars)
    return data


def _size(file: Path) -> int:
    try:
        return file.stat().st_size
    except OSError:
        return 0


def read_text(path: str | os.PathLike[str], encoding: str | None = None, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The decoded text of an article file; the text that spans of :func:`extract_file` index."""
    return decode(read_bytes(path, max_chars=max_chars), path, encoding)


def extract_bytes(
    data: bytes,
    *,
    source: str | os.PathLike[str] = "<bytes>",
    encoding: str | None = None,
    published: date | str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Report:
    """Decode ``data`` (as :func:`decode`) and extract its Report; ``source`` names it in errors."""
    from policemetrics.pipeline import extract

    return extract(decode(data, source, encoding), published=published, max_chars=max_chars)


def extract_file(
    path: str | os.PathLike[str],
    encoding: str | None = None,
    *,
    published: date | str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Report:
    """Read one article file (text or HTML, any supported encoding) and extract its Report.

    Spans index the DECODED text, i.e. ``read_text(path, encoding)``. Raises
    :class:`~policemetrics.errors.InputTypeError` if ``path`` is not a path,
    :class:`~policemetrics.errors.DecodeError` if the file cannot be decoded with confidence,
    :class:`~policemetrics.errors.FileTooLargeError` / ``InputTooLargeError`` past ``max_chars``,
    and ``OSError`` (e.g. ``FileNotFoundError``) if it cannot be read.
    """
    from policemetrics.pipeline import extract

    return extract(read_text(path, encoding, max_chars=max_chars), published=published, max_chars=max_chars)
