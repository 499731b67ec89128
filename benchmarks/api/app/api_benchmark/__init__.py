"""Benchmark of a generated billing API: a hand-written DRF baseline and the fast read path.

This app is copied into a project that `scaffold new-project` and `new-domain
examples/billing.yaml` generated (see benchmarks/api/run.py); it is never part of the template.
"""
