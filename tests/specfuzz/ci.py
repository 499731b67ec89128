"""The fixed, seeded fuzz set CI runs (tests/e2e/test_fuzzed_specs.py).

Chosen with ``python -m tests.specfuzz.features`` so that together they cover every feature
(tests/specfuzz/test_coverage.py checks it), then topped up with small cases; when the
generator changes, pick again and update these lists.
"""

from __future__ import annotations

SQLITE_SEEDS: tuple[int, ...] = ()
SERVER_SEEDS: tuple[int, ...] = ()
