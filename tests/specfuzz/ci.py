"""The fixed, seeded fuzz sets CI runs (tests/e2e/test_fuzzed_specs.py).

Each set covers every feature of tests/specfuzz/features.py (tests/specfuzz/test_coverage.py
checks it), picked by ``covering_seeds``: the SQLite set from seeds 1000..2999, the server
sets from 3000..4999 and 5000..6999. When the generator changes, pick again:

    python -m tests.specfuzz.features --pick 20 --from 1000 --to 3000
"""

from __future__ import annotations

SEEDS = {
    "sqlite": (
        *(1041, 1078, 1205, 1237, 1312, 1333, 1350, 1370, 1607, 1664),
        *(1701, 1709, 1823, 2208, 2255, 2332, 2384, 2700, 2747, 2829),
    ),
    "postgres": (3009, 3045, 3843, 4121, 4539),
    "mariadb": (5032, 5532, 5634, 5758, 6338),
}
