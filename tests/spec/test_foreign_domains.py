"""Foreign keys to other domains, against what the project's answers files record."""

from __future__ import annotations

from scaffold._spec.installed import check_across_domains, check_foreign_domains
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


def _billing() -> DomainSpec:
    return DomainSpec.model_validate(
        {
            "domain": "billing",
            "models": {
                "Customer": {
                    "scope": "tenant",
                    "fields": {
                        "name": "string",
                        "manager": {"type": "foreign_key", "to": "user", "related_name": "clients"},
                    },
                    "read": ["id"],
                    "constraints": [{"unique": ["name"], "name": "unique_name"}],
                }
            },
        }
    )


def _shipping(**field: object) -> DomainSpec:
    spec = _spec("billing.Customer").model_dump(by_alias=True, exclude_unset=True)
    spec["models"]["Shipment"]["fields"]["customer"] |= field
    return DomainSpec.model_validate(spec)


def test_a_related_name_another_domain_gives_the_same_target_is_refused() -> None:
    spec = _spec("user")
    spec.models["Shipment"].fields["customer"].related_name = "clients"

    [problem] = check_across_domains(spec, {"billing": _billing()})

    assert problem.dotted_path == "models.Shipment.fields.customer.related_name"
    assert problem.message == (
        "related_name 'clients' of user is already used by billing.Customer.manager"
    )


def test_a_related_name_that_is_a_field_of_the_other_domains_model_is_refused() -> None:
    [problem] = check_across_domains(_shipping(related_name="name"), {"billing": _billing()})

    assert problem.message == "related_name 'name' is also a field of billing.Customer"


def test_a_constraint_name_another_domain_uses_is_refused() -> None:
    spec = _spec("billing.Customer").model_dump(by_alias=True, exclude_unset=True)
    spec["models"]["Shipment"]["constraints"] = [{"unique": ["customer"], "name": "unique_name"}]

    [problem] = check_across_domains(DomainSpec.model_validate(spec), {"billing": _billing()})

    assert problem.dotted_path == "models.Shipment.constraints.0.name"
    assert problem.message == (
        "constraint name 'unique_name' is already used by billing: Customer.constraints.0"
    )


def test_names_of_other_targets_do_not_clash() -> None:
    assert check_across_domains(_shipping(related_name="shipments"), {"billing": _billing()}) == []
