"""Readers: named rules that turn mentions into drafts of metrics, honours, initiatives and metadata."""
