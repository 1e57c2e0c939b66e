"""Input checks shared by every public entry point."""

from __future__ import annotations

from policemetrics.errors import InputTooLargeError, InputTypeError

DEFAULT_MAX_CHARS = 50_000_000


def ensure_text(text: object, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Return ``text`` if it is a str within the size limit, else raise a typed error."""
    if not isinstance(text, str):
        raise InputTypeError(text)
    if len(text) > max_chars:
        raise InputTooLargeError(len(text), max_chars)
    return text
