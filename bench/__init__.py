"""Benchmark tooling: a synthetic province generator and the build benchmark harness."""
