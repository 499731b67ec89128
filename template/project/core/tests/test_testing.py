"""Test helpers: error fields of a response, and a row's stored values."""

import pytest
from rest_framework.test import APIClient

from core.testing import error_fields
from core.testing import snapshot
from tenancy.models import Organization
from tenancy.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_error_fields_lists_messages_by_field(api_client: APIClient) -> None:
    response = api_client.post("/api/auth/token/", {"username": "ada"}, format="json")

    assert error_fields(response) == {"password": ["This field is required."]}


def test_error_fields_is_empty_for_errors_without_fields(api_client: APIClient) -> None:
    assert error_fields(api_client.get("/api/orgs/")) == {}


def test_snapshot_reads_the_stored_row() -> None:
    organization = OrganizationFactory(name="Stored")
    organization.name = "Unsaved"

    assert snapshot(organization)["name"] == "Stored"
    Organization.objects.filter(pk=organization.pk).delete()
    assert snapshot(organization) is None
