"""model_save, model_update, model_delete and model_transition."""

import threading
import time
from collections.abc import Callable
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import ProtectedError
from django.http import Http404

from core import services
from core.exceptions import ConflictError
from core.exceptions import TransitionNotAllowed
from core.services import model_delete
from core.services import model_save
from core.services import model_transition
from core.services import model_update
from core.validation import model_validate
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.roles import Role
from tenancy.tests.factories import MembershipFactory
from tenancy.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def validate_only_after_the_first_call() -> Callable[[object], None]:
    """Stand-in for model_validate that misses the first time, as a racing write would."""
    calls = iter([lambda instance: None])
    return lambda instance: next(calls, model_validate)(instance)


def test_model_save_validates_before_saving() -> None:
    with pytest.raises(ValidationError):
        model_save(instance=Organization(name="", slug="acme"))

    assert not Organization.objects.exists()


def test_model_save_turns_a_lost_race_into_a_field_error() -> None:
    OrganizationFactory(slug="acme")

    with (
        mock.patch.object(services, "model_validate", validate_only_after_the_first_call()),
        pytest.raises(ValidationError) as caught,
    ):
        model_save(instance=Organization(name="Acme", slug="acme"))

    assert caught.value.message_dict == {"slug": ["This value is already in use."]}


def test_model_save_turns_an_unexplained_integrity_error_into_a_conflict() -> None:
    OrganizationFactory(slug="acme")

    with (
        mock.patch.object(services, "model_validate", lambda instance: None),
        pytest.raises(ConflictError) as caught,
    ):
        model_save(instance=Organization(name="Acme", slug="acme"))

    assert caught.value.message == "The request conflicts with existing data."


def test_model_update_sets_only_changed_whitelisted_fields() -> None:
    organization = OrganizationFactory(name="Old", slug="old")

    _, changed = model_update(instance=organization, fields=["name", "slug"], data={"name": "New"})

    assert changed
    organization.refresh_from_db()
    assert (organization.name, organization.slug) == ("New", "old")


def test_model_update_reports_no_change() -> None:
    organization = OrganizationFactory(name="Same")

    _, changed = model_update(instance=organization, fields=["name"], data={"name": "Same"})

    assert not changed


def test_model_update_refuses_fields_outside_the_whitelist() -> None:
    organization = OrganizationFactory()

    with pytest.raises(ValueError, match="slug"):
        model_update(instance=organization, fields=["name"], data={"name": "A", "slug": "a"})


def test_model_update_compares_foreign_keys_by_key() -> None:
    membership = MembershipFactory()

    _, changed = model_update(
        instance=membership, fields=["organization"], data={"organization": membership.organization}
    )

    assert not changed


def test_model_update_accepts_a_foreign_key_as_a_key() -> None:
    membership = MembershipFactory()
    other = OrganizationFactory()

    _, changed = model_update(
        instance=membership, fields=["organization"], data={"organization": other.pk}
    )

    assert changed
    assert Membership.objects.get(pk=membership.pk).organization == other


def test_model_update_validates() -> None:
    OrganizationFactory(slug="taken")
    organization = OrganizationFactory(slug="mine")

    with pytest.raises(ValidationError) as caught:
        model_update(instance=organization, fields=["slug"], data={"slug": "taken"})

    assert caught.value.message_dict == {"slug": ["This value is already in use."]}


def test_model_delete_deletes() -> None:
    organization = OrganizationFactory()

    model_delete(instance=organization)

    assert not Organization.objects.filter(pk=organization.pk).exists()


def test_model_delete_of_a_referenced_row_is_a_protected_conflict() -> None:
    organization = OrganizationFactory()

    with (
        mock.patch.object(Organization, "delete", side_effect=ProtectedError("SECRET", set())),
        pytest.raises(ConflictError) as caught,
    ):
        model_delete(instance=organization)

    assert (caught.value.status_code, caught.value.code) == (409, "protected")
    assert "SECRET" not in caught.value.message


def test_model_transition_moves_from_a_source_state() -> None:
    membership = MembershipFactory(role=Role.MEMBER)

    moved = model_transition(
        instance=membership, field="role", sources=[Role.MEMBER], target=Role.ADMIN
    )

    assert moved.role == Role.ADMIN
    assert Membership.objects.get(pk=membership.pk).role == Role.ADMIN


def test_model_transition_decides_on_the_current_row_not_the_stale_instance() -> None:
    membership = MembershipFactory(role=Role.MEMBER)
    Membership.objects.filter(pk=membership.pk).update(role=Role.OWNER)

    with pytest.raises(TransitionNotAllowed) as caught:
        model_transition(
            instance=membership, field="role", sources=[Role.MEMBER], target=Role.ADMIN
        )

    assert caught.value.message == "Cannot move from 'owner' to 'admin'."
    assert (caught.value.status_code, caught.value.code) == (409, "transition_not_allowed")


def test_model_transition_of_a_deleted_row_is_not_found() -> None:
    membership = MembershipFactory()
    Membership.objects.filter(pk=membership.pk).delete()

    with pytest.raises(Http404):
        model_transition(instance=membership, field="role", sources=[Role.MEMBER], target="x")


@pytest.mark.contention
@pytest.mark.django_db(transaction=True)
def test_concurrent_transitions_let_exactly_one_win() -> None:
    membership = MembershipFactory(role=Role.MEMBER)
    start = threading.Barrier(2)
    outcomes: list[str] = []
    save = Membership.save

    def slow_save(self: Membership, *args: object, **kwargs: object) -> None:
        time.sleep(0.2)  # widen the window between reading the state and writing it
        save(self, *args, **kwargs)

    def attempt() -> None:
        try:
            start.wait()
            model_transition(
                instance=membership, field="role", sources=[Role.MEMBER], target=Role.ADMIN
            )
            outcomes.append("moved")
        except TransitionNotAllowed:
            outcomes.append("refused")
        finally:
            connection.close()

    with mock.patch.object(Membership, "save", slow_save):
        threads = [threading.Thread(target=attempt) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert sorted(outcomes) == ["moved", "refused"]
