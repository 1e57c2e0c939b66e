"""Normalisation: original text -> matching text plus an exact offset map."""

from policemetrics.normalise.document import Document, normalise

__all__ = ["Document", "normalise"]
