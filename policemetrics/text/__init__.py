"""Text structure: normalisation passes with an exact offset map, and segments; computed once per article."""

from policemetrics.text.document import Document, normalise

__all__ = ["Document", "normalise"]
