"""Reading articles from files: encoding detection, then :func:`policemetrics.extract`.

Spans of a Report made from a file point into the DECODED text (what :func:`read_text` returns),
HTML included: markup is skipped by the normaliser, so offsets stay valid on the decoded page.
"""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

from policemetrics.errors import DecodeError
from policemetrics.models import Report
from policemetrics.validation import DEFAULT_MAX_CHARS

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Tried in order before detection: strict decoders that rarely accept text of another encoding.
_CHINESE = ("utf-8", "gb18030", "big5")
_MAX_BAD_SHARE = 0.001


def decode(data: bytes, path: str | Path = "<bytes>", encoding: str | None = None) -> str:
    """Decode article bytes. With ``encoding`` given, decode strictly with it; otherwise BOM, then
    strict UTF-8, then charset detection (charset-normalizer) constrained to plausible encodings."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeError(path, f"not valid {encoding}: {exc}") from exc
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name)
            except UnicodeDecodeError as exc:
                raise DecodeError(path, f"has a {name} byte-order mark but does not decode: {exc}") from exc
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 100:
        raise DecodeError(path, "looks binary (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported on first use

    best = from_bytes(data, cp_isolation=["gb18030", "gbk", "gb2312", "big5", "big5hkscs", "utf_8", "utf_16"]).best()
    if best is not None:
        text = str(best)
        if text and text.count("\ufffd") <= len(text) * _MAX_BAD_SHARE:
            return text
    for name in _CHINESE[1:]:
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    raise DecodeError(path, "no supported encoding (UTF-8, GB18030/GBK, Big5) decodes it; pass encoding=")


def read_text(path: str | Path, encoding: str | None = None) -> str:
    return decode(Path(path).read_bytes(), path, encoding)


def extract_file(path: str | Path, encoding: str | None = None, *, published: date | None = None,
                 max_chars: int = DEFAULT_MAX_CHARS) -> Report:
    """Read one article file (text or HTML) and extract its Report; spans index the decoded text."""
    from policemetrics.pipeline import extract

    return extract(read_text(path, encoding), published=published, max_chars=max_chars)
