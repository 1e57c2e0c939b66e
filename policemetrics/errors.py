"""Public error hierarchy: every failure the library reports on purpose is a PolicemetricsError."""

from __future__ import annotations

from pathlib import Path


class PolicemetricsError(Exception):
    """Base class of every error policemetrics raises on purpose."""


class InputTypeError(PolicemetricsError, TypeError):
    """The input is not a str (e.g. bytes, None, int)."""

    def __init__(
        self, got: object, hint: str = "pass the article as str; for files use policemetrics.extract_file(path)"
    ) -> None:
        self.got_type = type(got).__name__
        super().__init__(f"expected str, got {self.got_type}: {hint}")


class InputTooLargeError(PolicemetricsError, ValueError):
    """The text exceeds the configured size limit."""

    def __init__(self, size: int, limit: int) -> None:
        self.size, self.limit = size, limit
        super().__init__(f"text has {size} characters, more than the limit of {limit}; split it or raise max_chars")


class DecodeError(PolicemetricsError, UnicodeError):
    """A file could not be decoded as text with confidence."""

    def __init__(self, path: str | Path, detail: str) -> None:
        self.path = str(path)
        super().__init__(f"cannot decode {self.path}: {detail}")


class SpanError(PolicemetricsError, AssertionError):
    """An internal span did not match the source text (a bug: please report it with the input)."""


class FileTooLargeError(InputTooLargeError):
    """A file is too large to hold text within the size limit; refused before it is read in full."""

    def __init__(self, path: str | Path, size_bytes: int, limit: int) -> None:
        self.path = str(path)
        self.size_bytes = size_bytes
        self.size, self.limit = size_bytes, limit
        ValueError.__init__(
            self,
            f"file {self.path} has {size_bytes} bytes, more than any text of at most {limit} characters "
            "could take (4 bytes per character); split it or raise max_chars",
        )
