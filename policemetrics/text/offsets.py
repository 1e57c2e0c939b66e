"""Offset maps: every normalised character remembers the original characters it came from."""

from __future__ import annotations

from array import array
from functools import cache

_COUNTING_SIZE = 1 << 16  # texts up to this length get their identity map by slicing, not by a Python loop
_INT32 = 1 << 31


def typecode(n: int) -> str:
    """4-byte offsets while they fit (half the memory of 8-byte ones on a long text), else 8-byte."""
    return "i" if n < _INT32 else "q"


@cache
def _counting() -> array[int]:
    """0, 1, 2, ...: one fixed table; an identity map is two slices of it (a copy, not a loop)."""
    return array("i", range(_COUNTING_SIZE + 1))


class OffsetMap:
    """For normalised index i, the original text it stands for is ``original[starts[i]:ends[i]]``."""

    __slots__ = ("ends", "starts")

    def __init__(self, starts: array[int], ends: array[int]) -> None:
        if len(starts) != len(ends):
            raise ValueError("offset arrays differ in length")
        self.starts = starts
        self.ends = ends

    @classmethod
    def identity(cls, n: int) -> OffsetMap:
        if n <= _COUNTING_SIZE:
            counting = _counting()
            return cls(counting[:n], counting[1 : n + 1])
        code = typecode(n + 1)
        return cls(array(code, range(n)), array(code, range(1, n + 1)))

    def __len__(self) -> int:
        return len(self.starts)


class MapBuilder:
    """Builds a new text from an old one piece by piece, carrying the old text's offset map along.

    ``copy`` keeps characters (their offsets are sliced, not looped over, so long runs are cheap);
    ``replace`` puts new characters in place of a source range; ``drop`` forgets a range. A pass that
    only copied the whole source in order returns the source and its map unchanged.
    """

    __slots__ = ("_copied_to", "_ends", "_parts", "_prev", "_src", "_starts")

    def __init__(self, src: str, prev: OffsetMap) -> None:
        self._src = src
        self._prev = prev
        self._parts: list[str] = []
        self._starts: array[int] = array(prev.starts.typecode)
        self._ends: array[int] = array(prev.ends.typecode)
        self._copied_to = 0  # end of the verbatim prefix emitted so far; -1 once anything else was emitted

    def copy(self, a: int, b: int) -> None:
        if b > a:
            self._copied_to = b if a == self._copied_to else -1
            self._parts.append(self._src[a:b])
            self._starts.extend(self._prev.starts[a:b])
            self._ends.extend(self._prev.ends[a:b])

    def replace(self, a: int, b: int, text: str) -> None:
        """Emit ``text`` for source range [a, b); every new character maps to the whole range."""
        if not text:
            return
        if b <= a:
            raise ValueError("replace needs a non-empty source range")
        self._copied_to = -1
        start, end = self._prev.starts[a], self._prev.ends[b - 1]
        self._parts.append(text)
        if len(text) == 1:  # a line break or one entity: the common case
            self._starts.append(start)
            self._ends.append(end)
        else:
            self._starts.extend([start] * len(text))
            self._ends.extend([end] * len(text))

    def build(self) -> tuple[str, OffsetMap]:
        if self._copied_to == len(self._src):
            return self._src, self._prev
        return "".join(self._parts), OffsetMap(self._starts, self._ends)
