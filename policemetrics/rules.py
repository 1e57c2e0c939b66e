"""The registry of rule names: every Metric, Honour and Initiative names the rule that produced it.

Each reader declares its rules next to its code as a :class:`RuleBook` (a table of name -> one-line
description); the books register themselves here, so :func:`catalogue` lists every rule in one place (the
documentation's rule catalogue is generated from it) and :meth:`RuleBook.name` refuses a name nobody declared.
"""

from __future__ import annotations

import importlib

import regex

_NAME = regex.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")
_BOOKS: dict[str, RuleBook] = {}
# modules whose import registers a book (imported by catalogue(), so the list is complete without running extract)
_READERS = (
    "policemetrics.read.metrics.reading",
    "policemetrics.read.honours",
    "policemetrics.read.initiatives",
    "policemetrics.read.metadata",
    "policemetrics.attribute",
    "policemetrics.concepts",
)


class RuleBook:
    """The declared rules of one family (``metric``, ``honour``, ``initiative``, ``subject`` ...)."""

    __slots__ = ("family", "rules")
    family: str
    rules: dict[str, str]

    def __init__(self, family: str, rules: dict[str, str]) -> None:
        for name, doc in rules.items():
            if not _NAME.match(name) or not name.startswith(family + "."):
                raise ValueError(f"rule name {name!r} must be dotted lower case and start with {family!r}")
            if not doc.strip():
                raise ValueError(f"rule {name!r} needs a description")
        if family in _BOOKS and _BOOKS[family].rules != rules:
            raise ValueError(f"rule family {family!r} declared twice")
        self.family = family
        self.rules = dict(rules)
        _BOOKS[family] = self

    def name(self, name: str) -> str:
        """``name`` itself, after checking that it was declared (a typo fails at the first call, not silently)."""
        if name not in self.rules:
            raise KeyError(f"undeclared rule {name!r} in family {self.family!r}")
        return name


def catalogue() -> dict[str, str]:
    """Every declared rule name with its description, sorted by name."""
    for module in _READERS:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:  # a reader not written yet must not hide the others
            if exc.name != module:
                raise
    out: dict[str, str] = {}
    for book in _BOOKS.values():
        out.update(book.rules)
    return dict(sorted(out.items()))


def is_declared(name: str) -> bool:
    return name in catalogue()
