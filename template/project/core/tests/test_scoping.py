"""Scope consistency: foreign keys stay inside the row's organization, users must be members."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError
from django.db import models
from django.test.utils import isolate_apps

from accounts.models import User
from core.checks import scoped_relation_problem
from core.scoping import validate_scope
from tenancy.models import Organization
from tenancy.tests.factories import MembershipFactory
from tenancy.tests.factories import OrganizationFactory
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def models_() -> Iterator[dict[str, Any]]:
    """Models never saved: a project, a task pointing at it and at a user, and a stray one."""
    with isolate_apps("core"):

        class Project(models.Model):  # noqa: DJ008
            SCOPE_LOOKUP = "organization"
            organization = models.ForeignKey(Organization, on_delete=models.CASCADE)

            class Meta:
                app_label = "core"

        class Task(models.Model):  # noqa: DJ008
            SCOPE_LOOKUP = "organization"
            SCOPED_RELATIONS = ("project", "assignee")
            organization = models.ForeignKey(Organization, on_delete=models.CASCADE)
            project = models.ForeignKey(Project, on_delete=models.CASCADE)
            assignee = models.ForeignKey(User, on_delete=models.CASCADE, null=True)

            class Meta:
                app_label = "core"

        class Undeclared(models.Model):  # noqa: DJ008
            class Meta:
                app_label = "core"

        class Pointer(models.Model):  # noqa: DJ008
            SCOPE_LOOKUP = "organization"
            SCOPED_RELATIONS = ("target",)
            organization = models.ForeignKey(Organization, on_delete=models.CASCADE)
            target = models.ForeignKey(Undeclared, on_delete=models.CASCADE)

            class Meta:
                app_label = "core"

        yield {"Project": Project, "Task": Task, "Undeclared": Undeclared, "Pointer": Pointer}


def errors_of(instance: models.Model) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        validate_scope(instance)
    return caught.value.message_dict


def task(models_: dict[str, Any], organization: Any, project_organization: Any, **kwargs: Any):
    project = models_["Project"](pk=1, organization=project_organization)
    return models_["Task"](organization=organization, project=project, **kwargs)


def test_rows_of_the_same_organization_pass(models_: dict[str, Any]) -> None:
    acme = OrganizationFactory()
    member = MembershipFactory(organization=acme).user

    validate_scope(task(models_, acme, acme, assignee=member))


def test_a_row_of_another_organization_is_a_field_error(models_: dict[str, Any]) -> None:
    acme, globex = OrganizationFactory(), OrganizationFactory()

    assert errors_of(task(models_, acme, globex)) == {
        "project": ["Select a project of the same organization as this task."]
    }


def test_a_user_must_be_a_member_of_the_rows_organization(models_: dict[str, Any]) -> None:
    acme, globex = OrganizationFactory(), OrganizationFactory()
    outsider = MembershipFactory(organization=globex).user

    assert errors_of(task(models_, acme, acme, assignee=outsider)) == {
        "assignee": ["Select a member of the same organization as this task."]
    }


def test_a_missing_user_is_left_to_the_field_check(models_: dict[str, Any]) -> None:
    acme = OrganizationFactory()
    ghost = UserFactory.build(pk=999999)

    validate_scope(task(models_, acme, acme, assignee=ghost))


def test_a_relation_to_an_undeclared_model_fails_closed(models_: dict[str, Any]) -> None:
    pointer = models_["Pointer"](
        organization=OrganizationFactory(), target=models_["Undeclared"](pk=1)
    )

    with pytest.raises(ImproperlyConfigured):
        validate_scope(pointer)


def test_the_system_check_names_undeclared_targets(models_: dict[str, Any]) -> None:
    assert scoped_relation_problem(models_["Pointer"], "target") == (
        "core.Undeclared declares no SCOPE_LOOKUP (None for unscoped rows)."
    )
    assert scoped_relation_problem(models_["Task"], "assignee") is None
