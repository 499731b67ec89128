"""What a database or Django's registry would refuse at `migrate` is refused at load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold._spec.checks import check_spec
from scaffold._spec.schema import DomainSpec

HERE = Path(__file__).parent


def _messages(changes: dict[str, Any]) -> list[str]:
    data = yaml.safe_load((HERE / "valid/minimal.yaml").read_text())
    for dotted, value in changes.items():
        *parents, last = dotted.split(".")
        node = data
        for part in parents:
            node = node[part]
        node[last] = value
    return [problem.message for problem in check_spec(DomainSpec.model_validate(data))]


OPTIONAL = {"type": "text", "required": False}
LIMITS = [
    pytest.param(
        {f"models.Product.fields.{'x' * 64}": OPTIONAL},
        "the column 'xxxxxxxxxxxxxxxxxxxx...' is 64 characters; PostgreSQL keeps 63",
        id="column name",
    ),
    pytest.param(
        {
            f"models.Product.fields.{'x' * 61}": {
                "type": "foreign_key",
                "to": "Category",
                "null": True,
            }
        },
        "the column 'xxxxxxxxxxxxxxxxxxxx...' is 64 characters; PostgreSQL keeps 63",
        id="foreign key column name",
    ),
    pytest.param(
        {"models.Product.fields.blob": {"type": "string", "max_length": 20000, "required": False}},
        "max_length 20000 is more than MariaDB's VARCHAR holds (16383)",
        id="varchar length",
    ),
    pytest.param(
        {
            f"models.Product.fields.s{n}": {"type": "string", "max_length": 9000, "required": False}
            for n in range(2)
        },
        "the model's string columns hold 18,132 characters together; a MariaDB row holds 16,000",
        id="row size",
    ),
    pytest.param(
        {
            "models.Product.fields.code": {"type": "string", "max_length": 800, "required": False},
            "models.Product.indexes": [["code"]],
        },
        "this index covers 800 characters of strings; MariaDB's index keys hold 768",
        id="index key",
    ),
    pytest.param(
        {"domain": "d" * 101},
        "domain name is 101 characters; Django's content types keep 100 for an app label",
        id="app label",
    ),
    pytest.param(
        {"models.Product.verbose_name": "v" * 245},
        "the verbose name is 245 characters; Django's permission names (\"Can change <verbose "
        'name>") allow 244',
        id="permission name",
    ),
]


@pytest.mark.parametrize(("changes", "message"), LIMITS)
def test_a_database_or_django_limit_is_refused_at_load(
    changes: dict[str, Any], message: str
) -> None:
    assert message in _messages(changes)


def test_names_and_lengths_at_the_limits_are_accepted() -> None:
    assert (
        _messages(
            {
                f"models.Product.fields.{'x' * 63}": OPTIONAL,
                f"models.Product.fields.{'y' * 60}": {
                    "type": "foreign_key",
                    "to": "Category",
                    "null": True,
                },
                "models.Product.fields.code": {
                    "type": "string",
                    "max_length": 768,
                    "required": False,
                },
                "models.Product.indexes": [["code"]],
                # MariaDB keeps a longer unique constraint as a hash
                "models.Product.fields.long": {
                    "type": "string",
                    "max_length": 2000,
                    "unique": True,
                    "required": False,
                },
                "models.Product.verbose_name": "v" * 244,
            }
        )
        == []
    )
