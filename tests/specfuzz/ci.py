"""The fixed, seeded fuzz sets CI runs (tests/e2e/test_fuzzed_specs.py).

Each set covers every feature of tests/specfuzz/features.py (tests/specfuzz/test_coverage.py
checks it), picked by ``covering_seeds``: the SQLite set from seeds 1000..2999, the server
sets from 3000..4999 and 5000..6999. When the generator changes, pick again:

    python -m tests.specfuzz.features --pick 20 --from 1000 --to 3000
"""

from __future__ import annotations

SEEDS = {
    "sqlite": (
        *(1007, 1105, 1165, 1177, 1332, 1500, 1571, 1585, 1709, 1985),
        *(2274, 2366, 2397, 2498, 2646, 2697, 2829, 2927, 2981, 2992),
    ),
    "postgres": (3030, 3479, 3701, 4560, 4709),
    "mariadb": (5108, 5177, 5241, 6560, 6758),
}
