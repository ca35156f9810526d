"""Benchmarks for styrdok: run `python -m benchmarks` from the repository root."""
