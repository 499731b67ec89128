"""A rendered domain's imports from the project's own packages are checked against them."""

from __future__ import annotations

from pathlib import Path

from scaffold._project_imports import missing_project_imports


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_names_the_project_lacks_are_listed_by_module(tmp_path: Path) -> None:
    write(tmp_path / "core" / "testing.py", "def unused_value(): ...\nLIMIT: int = 3\n")
    write(tmp_path / "tenancy" / "tests" / "factories.py", "class UserFactory: ...\n")
    write(
        tmp_path / "shop" / "tests" / "factories.py",
        "from core.testing import LIMIT, row_in_scope, unused_value\n"
        "from core.validators import validate_storable_uuid\n"
        "from tenancy.tests.factories import UserFactory\n"
        "from django.db import models\n",
    )

    assert missing_project_imports(tmp_path, tmp_path / "shop") == [
        "core.testing.row_in_scope",
        "core.validators.validate_storable_uuid",
    ]


def test_a_module_it_cannot_read_is_not_claimed_to_lack_anything(tmp_path: Path) -> None:
    write(tmp_path / "core" / "testing.py", "from core.helpers import *\n")
    write(tmp_path / "core" / "scoping.py", "def broken(:\n")
    write(
        tmp_path / "shop" / "models.py",
        "from core.testing import row_in_scope\nfrom core.scoping import validate_scope\n",
    )

    assert missing_project_imports(tmp_path, tmp_path / "shop") == []
