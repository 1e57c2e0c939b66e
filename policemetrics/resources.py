"""Loads the rule tables shipped in ``policemetrics/data`` (validated once, cached)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import regex
from pydantic import BaseModel, ConfigDict

T = TypeVar("T", bound=BaseModel)


class RuleTable(BaseModel):
    """Base of every rule table: immutable once loaded, unknown keys rejected (typos fail loudly)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def data_text(name: str) -> str:
    """The text of data file ``name`` shipped in ``policemetrics/data``."""
    return resources.files("policemetrics").joinpath("data").joinpath(name).read_text(encoding="utf-8")


@cache
def _raw(name: str) -> Any:
    return json.loads(data_text(name))


def load_table(name: str, model: type[T]) -> T:
    """Parse data file ``name`` with a pydantic model so a malformed table fails loudly at first use."""
    return _validated(name, model)  # type: ignore[return-value]


@cache
def _validated(name: str, model: type[BaseModel]) -> BaseModel:
    return model.model_validate(_raw(name))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, so the longest word wins at a position."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))
