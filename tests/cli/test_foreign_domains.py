"""A foreign key to another domain (`to: billing.Customer`) is checked against the project's
domains before anything is rendered (issue 8: a wrong one failed in makemigrations, and the
tip said to create a .venv)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import BILLING, scaffold, tree

SHIPPING = """\
domain: shipping
models:
  Shipment:
    scope: tenant
    fields:
      reference: {{type: string, max_length: 20}}
      customer: {{type: foreign_key, to: {target}}}
    read: [id, reference, customer]
    write: [reference, customer]
    roles: {{list: member, retrieve: member, create: admin}}
"""


@pytest.fixture(scope="module")
def with_billing(
    pristine_project: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("with-billing")
    project = root / "acme"
    shutil.copytree(pristine_project, project, symlinks=True)
    outcome = scaffold("new-domain", str(BILLING), "--project", str(project), "-q")
    assert outcome.exit_code == 0, outcome.stderr
    yield project
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize(
    ("target", "message", "tip"),
    [
        pytest.param(
            "billing.Custmer",
            "unknown model 'Custmer' of billing; expected one of: Customer, Invoice, InvoiceLine",
            "did you mean 'Customer'?",
            id="a model the domain does not have",
        ),
        pytest.param(
            "geo.Country",
            "there is no domain 'geo' in this project (its domains: billing)",
            "generate it first with `scaffold new-domain specs/geo.yaml`, or point to a model "
            "of this domain",
            id="a domain the project does not have",
        ),
        pytest.param(
            "shipping.Shipment",
            "'shipping.Shipment' names this domain; a model of the domain is written without it",
            "write to: Shipment",
            id="this domain by its app name",
        ),
    ],
)
def test_a_foreign_key_to_something_the_project_lacks_is_refused_at_its_line(
    with_billing: Path, tmp_path: Path, target: str, message: str, tip: str
) -> None:
    spec = tmp_path / "shipping.yaml"
    spec.write_text(SHIPPING.format(target=target))
    before = tree(with_billing)

    outcome = scaffold("new-domain", str(spec), "--project", str(with_billing))

    assert outcome.exit_code == 1
    assert outcome.stderr.splitlines()[-4:] == [
        f"error: invalid spec {spec}, line 7",
        "==> At models.Shipment.fields.customer.to",
        f"=====> {message}",
        f"tip: {tip}",
    ]
    assert ".venv" not in outcome.stderr
    assert tree(with_billing) == before


def test_a_foreign_key_to_a_model_of_another_domain_is_accepted(
    with_billing: Path, tmp_path: Path
) -> None:
    spec = tmp_path / "shipping.yaml"
    spec.write_text(SHIPPING.format(target="billing.Customer"))

    outcome = scaffold("new-domain", str(spec), "--project", str(with_billing), "--dry-run")

    assert outcome.exit_code == 0, outcome.stderr
