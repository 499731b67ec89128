"""The fixed CI fuzz set exercises every feature of the spec at least once."""

from __future__ import annotations

import pytest

from tests.specfuzz.ci import SERVER_SEEDS, SQLITE_SEEDS
from tests.specfuzz.features import FEATURES, features
from tests.specfuzz.generate import generate_case


@pytest.mark.parametrize(
    "seeds", [pytest.param(SQLITE_SEEDS, id="sqlite"), pytest.param(SERVER_SEEDS, id="servers")]
)
def test_the_ci_fuzz_set_covers_every_feature(seeds: tuple[int, ...]) -> None:
    covered = set().union(*(features(generate_case(seed)) for seed in seeds))
    missing = sorted(FEATURES - covered)
    assert not missing, (
        f"the CI seeds miss {missing}; pick again: python -m tests.specfuzz.features --pick 20"
    )


def test_a_case_reports_only_known_features() -> None:
    assert features(generate_case(0)) <= FEATURES
