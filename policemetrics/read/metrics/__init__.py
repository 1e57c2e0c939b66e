"""Metric reading: which numbers are statistics, and what each one measures."""

from policemetrics.read.metrics.draft import Draft
from policemetrics.read.metrics.reading import read_metrics

__all__ = ["Draft", "read_metrics"]
