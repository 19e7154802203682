"""The benchmark runner's figure groups (run: python tests/perf/run.py; not a test suite)."""
