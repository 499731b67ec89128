"""Benchmark of a generated API (`scripts/benchmark --api`): generated vs hand-written DRF."""
