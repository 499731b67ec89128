"""The fixed, seeded fuzz sets CI runs (tests/e2e/test_fuzzed_specs.py).

Each set covers every feature of tests/specfuzz/features.py (tests/specfuzz/test_coverage.py
checks it), picked by ``covering_seeds``: the SQLite set from seeds 1000..2999, the server
sets from 3000..4999 and 5000..6999. When the generator changes, pick again:

    python -m tests.specfuzz.features --pick 20 --from 1000 --to 3000
"""

from __future__ import annotations

SEEDS = {
    "sqlite": (
        *(1041, 1078, 1120, 1215, 1237, 1294, 1350, 1556, 1603, 1664),
        *(1701, 1709, 1823, 2208, 2224, 2255, 2332, 2700, 2829, 2963),
    ),
    "postgres": (3018, 3207, 3843, 4036, 4534),
    "mariadb": (5518, 5543, 6338, 6798, 6969),
}
