"""A module Django cannot import is named with the right remedy: a missing package needs the
environment synced, a missing module of the project is a spec matter, never a .venv one."""

from __future__ import annotations

from pathlib import Path

from scaffold._django import _hint


def test_a_missing_module_of_a_domain_points_at_the_specs_foreign_keys(tmp_path: Path) -> None:
    (tmp_path / "billing").mkdir()

    hint = _hint("python", "ModuleNotFoundError: No module named 'billing.selectors'", tmp_path)

    assert hint.startswith("the generated code imports 'billing.selectors', which the project")
    assert ".venv" not in hint and "sync" not in hint


def test_an_unknown_module_names_both_remedies(tmp_path: Path) -> None:
    hint = _hint("python", "ModuleNotFoundError: No module named 'geo'", tmp_path)

    assert hint.startswith("'geo' is neither a package the project installs nor one of its")
    assert "scaffold new-domain" in hint


def test_a_missing_package_of_the_project_needs_the_environment_synced(tmp_path: Path) -> None:
    hint = _hint("python", "ModuleNotFoundError: No module named 'django'", tmp_path)

    assert hint.startswith("python lacks the project's dependencies")


def test_a_module_the_projects_core_lacks_asks_for_a_project_update(tmp_path: Path) -> None:
    """A domain from a newer template imports what an older project's core/ lacks."""
    (tmp_path / "core").mkdir()

    hint = _hint("python", "ModuleNotFoundError: No module named 'core.validators'", tmp_path)

    assert "run `scaffold update`" in hint and "core/ predates" in hint
    assert ".venv" not in hint and "foreign keys" not in hint
