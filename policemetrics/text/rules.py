"""The layout rule table (``data/normalise.json``), validated and compiled once."""

from __future__ import annotations

from functools import cache, cached_property

import regex

from policemetrics.resources import RuleTable, load_table


class LayoutRules(RuleTable):
    block_tags: list[str]
    skip_content_tags: list[str]
    sentence_end: str
    join_min_line: int
    furniture_line_patterns: list[str]
    article_end_lines: list[str]
    nav_min_tokens: int
    nav_max_token_len: int

    @cached_property
    def block_tag_set(self) -> frozenset[str]:
        return frozenset(self.block_tags)

    @cached_property
    def skip_tag_set(self) -> frozenset[str]:
        return frozenset(self.skip_content_tags)

    @cached_property
    def furniture(self) -> regex.Pattern[str]:
        return regex.compile("|".join(f"(?:{p})" for p in self.furniture_line_patterns))

    @cached_property
    def article_end(self) -> regex.Pattern[str]:
        return regex.compile("|".join(f"(?:{p})" for p in self.article_end_lines))


@cache
def layout_rules() -> LayoutRules:
    return load_table("normalise.json", LayoutRules)
