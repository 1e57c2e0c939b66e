"""Input checks shared by every public entry point."""

from __future__ import annotations

from datetime import date, datetime

from policemetrics.errors import InputTooLargeError, InputTypeError

DEFAULT_MAX_CHARS = 50_000_000


def _type_error(name: str, expected: str, got: object) -> InputTypeError:
    err = InputTypeError(got)
    err.args = (f"{name} must be {expected}, got {type(got).__name__} {got!r:.60}",)
    return err


def ensure_max_chars(max_chars: object) -> int:
    """``max_chars`` if it is a positive int (not a bool), else :class:`InputTypeError`."""
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars <= 0:
        raise _type_error("max_chars", "a positive int", max_chars)
    return max_chars


def ensure_published(published: object) -> date | None:
    """The publication date as a ``date``: accepts None, a ``date``, a ``datetime`` (its date) and an ISO
    string ``YYYY-MM-DD``; anything else raises :class:`InputTypeError`."""
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if isinstance(published, str):
        try:
            return date.fromisoformat(published.strip())
        except ValueError:
            raise _type_error("published", "an ISO date YYYY-MM-DD", published) from None
    raise _type_error("published", "a datetime.date, a datetime or an ISO date string YYYY-MM-DD", published)


def ensure_text(text: object, max_chars: object = DEFAULT_MAX_CHARS) -> str:
    """Return ``text`` if it is a str within the size limit, else raise a typed error."""
    limit = ensure_max_chars(max_chars)
    if not isinstance(text, str):
        raise InputTypeError(text)
    if len(text) > limit:
        raise InputTooLargeError(len(text), limit)
    return text
