"""Foreign keys to other domains, against what the project's answers files record."""

from __future__ import annotations

from scaffold._spec.installed import check_foreign_domains
from scaffold._spec.schema import DomainSpec


def _spec(target: str) -> DomainSpec:
    return DomainSpec.model_validate(
        {
            "domain": "shipping",
            "models": {
                "Shipment": {
                    "scope": "tenant",
                    "fields": {"customer": {"type": "foreign_key", "to": target}},
                    "read": ["id", "customer"],
                }
            },
        }
    )


def test_a_target_scoped_to_its_owner_is_refused() -> None:
    [problem] = check_foreign_domains(_spec("crm.Contact"), {"crm": {"Contact": "owner"}})

    assert problem.dotted_path == "models.Shipment.fields.customer.to"
    assert problem.message == (
        "crm.Contact is scoped to its owner; a foreign key to another domain needs a "
        "tenant-scoped model"
    )
    assert problem.hint


def test_a_domain_whose_answers_cannot_be_read_is_named() -> None:
    [problem] = check_foreign_domains(
        _spec("crm.Contact"), {"crm": "its answers file cannot be read (ProjectError)"}
    )

    assert problem.message == (
        "cannot check 'crm.Contact': its answers file cannot be read (ProjectError)"
    )
    assert problem.hint == "restore crm/.copier-answers.yml from git"


def test_a_tenant_scoped_target_is_accepted() -> None:
    assert check_foreign_domains(_spec("crm.Contact"), {"crm": {"Contact": "tenant"}}) == []
