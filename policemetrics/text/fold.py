"""Pass 2: one-for-one character folding (full-width -> half-width, Traditional -> Simplified).

Both foldings keep the length of the text, so they leave the offset map untouched; OpenCC's output
is checked for that and converted character by character in the rare case a phrase rule changes it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update(
    {
        0x3000: 0x20,
        0x00A0: 0x20,
        0x2002: 0x20,
        0x2003: 0x20,
        0x2009: 0x20,
        0x202F: 0x20,
        0x3007: 0x3007,
        0xFE6A: 0x25,
        0x2014: 0x2014,
        0x2212: 0x2D,
        0xFE50: 0x2C,
        0xFE51: 0x3001,
    }
)


@cache
def _converter() -> Any:
    import opencc  # imported on first use: keeps `import policemetrics` cheap

    return opencc.OpenCC("t2s")


# str.translate looks every character up in the table; these characters are rare, so only their runs are
_WIDE = re.compile("[" + "".join(re.escape(chr(cp)) for cp, to in sorted(_WIDTH.items()) if cp != to) + "]+")


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_WIDTH)


def fold_width(text: str) -> str:
    return _WIDE.sub(_fold_run, text)


# Lone surrogates cannot be encoded (OpenCC's UTF-8 API, JSON output), so no span may contain one:
# they become U+FFFC, which every later rule treats as a hard break (never inside a clause or name).
HARD_BREAK = "\ufffc"
_SURROGATE = re.compile("[\ud800-\udfff]")


def to_simplified(text: str) -> str:
    if text.isascii():
        return text
    conv = _converter()
    out: str = conv.convert(text)
    if len(out) == len(text):
        return out
    # a phrase mapping changed the length: redo line by line, and character by character only on the
    # lines where it happened, so the offset map stays exact
    lines = []
    for line in text.split("\n"):
        conv_line: str = conv.convert(line)
        if len(conv_line) != len(line):
            conv_line = "".join(c if len(c := conv.convert(ch)) == 1 else ch for ch in line)
        lines.append(conv_line)
    return "\n".join(lines)


def fold(text: str) -> str:
    # one character for one: the offset map stays valid
    return to_simplified(_SURROGATE.sub(HARD_BREAK, fold_width(text).replace("\x00", " ")))
