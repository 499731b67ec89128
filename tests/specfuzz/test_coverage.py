"""The fixed CI fuzz set exercises every feature of the spec at least once."""

from __future__ import annotations

import pytest

from tests.specfuzz.ci import SEEDS
from tests.specfuzz.features import FEATURES, features
from tests.specfuzz.generate import generate_case


@pytest.mark.parametrize("database", SEEDS)
def test_the_ci_fuzz_set_of_each_database_covers_every_feature(database: str) -> None:
    seeds = SEEDS[database]
    covered = set().union(*(features(generate_case(seed)) for seed in seeds))
    missing = sorted(FEATURES - covered)
    assert not missing, f"the CI seeds miss {missing}; pick again (see tests/specfuzz/ci.py)"


def test_a_case_reports_only_known_features() -> None:
    assert features(generate_case(0)) <= FEATURES
