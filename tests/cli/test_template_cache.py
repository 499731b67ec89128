"""Each installation of scaffold keeps its own copier mirror cache."""

from __future__ import annotations

import os

import pytest

from scaffold import _template
from scaffold._render import _own_copier_cache


def test_copier_cache_is_this_installations_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPIER_CACHE_DIR", "/somewhere/shared")

    with _own_copier_cache():
        inside = os.environ["COPIER_CACHE_DIR"]

    assert inside == str(_template.installation_cache_dir() / "copier")
    assert os.environ["COPIER_CACHE_DIR"] == "/somewhere/shared"


def test_two_installations_get_two_caches(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    first = _template.installation_cache_dir()
    monkeypatch.setattr(_template, "PACKAGE_DIR", tmp_path / "other" / "scaffold")

    assert _template.installation_cache_dir() != first
