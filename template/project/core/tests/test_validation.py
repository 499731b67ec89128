"""model_validate names the field each broken constraint belongs to."""

from collections.abc import Iterator

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.db.models import Q
from django.test.utils import isolate_apps

from core.validation import constraint_field
from core.validation import model_validate
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def errors_of(instance: models.Model) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        model_validate(instance)
    return caught.value.message_dict


def test_valid_instance_passes() -> None:
    model_validate(Organization(name="Acme", slug="acme"))


def test_field_errors_come_from_full_clean() -> None:
    assert errors_of(Organization(name="", slug="not a slug")) == {
        "name": ["This field cannot be blank."],
        "slug": ["Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."],
    }


def test_unique_field_clash_names_the_field_never_the_model() -> None:
    Organization.objects.create(name="Acme", slug="acme")

    assert errors_of(Organization(name="Other", slug="acme")) == {
        "slug": ["This value is already in use."]
    }


def test_unique_constraint_clash_names_the_field_that_is_not_the_scope_never_the_model() -> None:
    existing = MembershipFactory()

    duplicate = Membership(user=existing.user, organization=existing.organization)

    assert errors_of(duplicate) == {"user": ["This value is already in use."]}


def test_an_instance_does_not_clash_with_itself() -> None:
    model_validate(MembershipFactory())


@pytest.mark.parametrize(
    ("condition", "field"),
    [
        (Q(due_on__gte=F("issued_on")), "due_on"),
        (Q(amount__gte=0), "amount"),
        (Q(Q(quantity__gte=1) & Q(quantity__lte=10)), "quantity"),
        (Q(starts_on__isnull=True) | Q(ends_on__gt=F("starts_on")), "starts_on"),
    ],
)
def test_check_constraint_belongs_to_the_first_field_it_names(condition: Q, field: str) -> None:
    assert constraint_field(models.CheckConstraint(condition=condition, name="c")) == field


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (("email",), "email"),
        (("organization", "number"), "number"),
        (("organization", "title", "edition"), "edition"),
        (("invoice", "position"), "position"),
        (("owner", "label"), "label"),
        (("user", "organization"), "user"),
    ],
)
def test_unique_constraint_belongs_to_its_last_field_that_is_not_a_scope(
    fields: tuple[str, ...], field: str
) -> None:
    assert constraint_field(models.UniqueConstraint(fields=fields, name="u")) == field


def test_constraint_on_expressions_only_has_no_field() -> None:
    constraint = models.UniqueConstraint(models.functions.Lower("name"), name="c")

    assert constraint_field(constraint) == NON_FIELD_ERRORS


@pytest.fixture
def period_model() -> Iterator[type[models.Model]]:
    """A throwaway model with a check constraint between two dates (no table needed)."""
    with isolate_apps("core"):

        class Period(models.Model):
            issued_on = models.DateField()
            due_on = models.DateField()

            class Meta:
                app_label = "core"
                constraints = (
                    models.CheckConstraint(
                        condition=Q(due_on__gte=F("issued_on")),
                        name="period_due_after_issue",
                        violation_error_message="The due date cannot be before the issue date.",
                    ),
                )

            def __str__(self) -> str:
                return f"{self.issued_on} to {self.due_on}"

        yield Period


def test_check_constraint_error_is_attributed_to_its_field(period_model) -> None:
    period = period_model(issued_on="2024-05-02", due_on="2024-05-01")

    assert errors_of(period) == {"due_on": ["The due date cannot be before the issue date."]}


def test_constraints_on_invalid_fields_are_skipped(period_model) -> None:
    period = period_model(issued_on="2024-05-02", due_on="soon")

    assert errors_of(period) == {
        "due_on": ["“soon” value has an invalid date format. It must be in YYYY-MM-DD format."]
    }
