"""Domain contexts of the example specs, built once per module that asks for them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scaffold._context.build import build_domain
from scaffold._spec import load_spec

REPO = Path(__file__).resolve().parents[2]
BILLING = REPO / "examples" / "billing.yaml"
LIBRARY = REPO / "tests" / "e2e" / "specs" / "library.yaml"


@pytest.fixture(scope="module")
def billing() -> dict[str, Any]:
    return build_domain(load_spec(BILLING))


@pytest.fixture(scope="module")
def library() -> dict[str, Any]:
    return build_domain(load_spec(LIBRARY))
