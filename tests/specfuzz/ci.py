"""The fixed, seeded fuzz sets CI runs (tests/e2e/test_fuzzed_specs.py).

Each set covers every feature of tests/specfuzz/features.py (tests/specfuzz/test_coverage.py
checks it), picked by ``covering_seeds``: the SQLite set from seeds 1000..2999, the server
sets from 3000..4999 and 5000..6999. When the generator changes, pick again:

    python -m tests.specfuzz.features --pick 20 --from 1000 --to 3000
"""

from __future__ import annotations

SEEDS = {
    "sqlite": (
        *(1078, 1110, 1143, 1169, 1332, 1427, 1500, 1585, 1701, 1709),
        *(1736, 2168, 2366, 2381, 2384, 2397, 2632, 2697, 2747, 2829),
    ),
    "postgres": (3009, 3275, 3287, 4565, 4792),
    "mariadb": (5034, 5118, 5345, 6026, 6338),
}
