"""Recognisers: one pass each over the normalised text, producing mentions (quantities, dates, regions)."""
