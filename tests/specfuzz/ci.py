"""The fixed, seeded fuzz sets CI runs (tests/e2e/test_fuzzed_specs.py).

Each set covers every feature of tests/specfuzz/features.py (tests/specfuzz/test_coverage.py
checks it), picked by ``covering_seeds``: the SQLite set from seeds 1000..2999, the server
sets from 3000..4999 and 5000..6999. When the generator changes, pick again:

    python -m tests.specfuzz.features --pick 20 --from 1000 --to 3000
"""

from __future__ import annotations

SEEDS = {
    "sqlite": (
        *(1215, 1257, 1312, 1350, 1513, 1549, 1564, 1617, 1664, 1701),
        *(1709, 1760, 1899, 1964, 2035, 2208, 2357, 2570, 2829, 2943),
    ),
    "postgres": (3001, 3843, 3861, 4740, 4966),
    "mariadb": (5334, 5734, 6338, 6487, 6802),
}
