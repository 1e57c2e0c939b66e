"""Offset maps: every normalised character remembers the original characters it came from."""

from __future__ import annotations

from array import array


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
        return cls(array("q", range(n)), array("q", range(1, n + 1)))

    def __len__(self) -> int:
        return len(self.starts)


class MapBuilder:
    """Builds a new text from an old one piece by piece, carrying the old text's offset map along.

    ``copy`` keeps characters (their offsets are sliced, not looped over, so long runs are cheap);
    ``replace`` puts new characters in place of a source range; ``drop`` forgets a range.
    """

    __slots__ = ("_ends", "_parts", "_prev", "_src", "_starts")

    def __init__(self, src: str, prev: OffsetMap) -> None:
        self._src = src
        self._prev = prev
        self._parts: list[str] = []
        self._starts: array[int] = array("q")
        self._ends: array[int] = array("q")

    def copy(self, a: int, b: int) -> None:
        if b > a:
            self._parts.append(self._src[a:b])
            self._starts.extend(self._prev.starts[a:b])
            self._ends.extend(self._prev.ends[a:b])

    def replace(self, a: int, b: int, text: str) -> None:
        """Emit ``text`` for source range [a, b); every new character maps to the whole range."""
        if not text:
            return
        if b <= a:
            raise ValueError("replace needs a non-empty source range")
        start, end = self._prev.starts[a], self._prev.ends[b - 1]
        self._parts.append(text)
        self._starts.extend([start] * len(text))
        self._ends.extend([end] * len(text))

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(self._starts, self._ends)
