"""Where and when: the report's region and period, and each metric's subject and period.

``context`` builds, once per document, what attribution looks up by position (bodies, dates, time mentions,
paragraphs); ``subject`` and ``period`` hold the named rules (rule families ``subject`` and ``period``);
``report`` reads the report's own region, period and main body.
"""

from __future__ import annotations

from policemetrics.attribute.context import Context, build_context
from policemetrics.attribute.period import period_at, period_reading, year_at
from policemetrics.attribute.subject import (
    SubjectReading,
    subject_and_indicator,
    subject_at,
    subject_before,
    subject_reading,
)

__all__ = [
    "Context",
    "SubjectReading",
    "build_context",
    "period_at",
    "period_reading",
    "subject_and_indicator",
    "subject_at",
    "subject_before",
    "subject_reading",
    "year_at",
]
