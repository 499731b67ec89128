"""/api/orgs/: list and create one's organizations; see, rename, delete and leave one."""

import pytest
from django.apps import apps
from django.db.models import CASCADE
from rest_framework.test import APIClient

from core.testing import snapshot
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.roles import role_at_least
from tenancy.tests.factories import MembershipFactory
from tenancy.tests.factories import OrganizationFactory
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/api/orgs/"
URL = "/api/orgs/org-a/"
CALLERS = ["anonymous", "member_a", "admin_a", "owner_a", "member_b", "admin_b", "owner_b", "staff"]

# action: (method, url, body, least role, status on success)
ACTIONS = {
    "retrieve": ("get", URL, None, "member", 200),
    "update": ("put", URL, {"name": "Renamed"}, "owner", 200),
    "partial_update": ("patch", URL, {"name": "Renamed"}, "owner", 200),
    "destroy": ("delete", URL, None, "owner", 204),
    "leave": ("post", f"{URL}leave/", None, "member", 204),
}
# The only owner of org-a cannot leave it.
EXCEPTIONS = {("leave", "owner_a"): 409}


def expected_status(action: str, caller: str) -> int:
    _, _, _, least, success = ACTIONS[action]
    if caller == "anonymous":
        return 401
    if not caller.endswith("_a"):
        return 404  # outsiders, staff included: org-a does not exist for them
    if (action, caller) in EXCEPTIONS:
        return EXCEPTIONS[action, caller]
    return success if role_at_least(caller.removesuffix("_a"), least) else 403


MATRIX = [
    pytest.param(action, caller, expected_status(action, caller), id=f"{caller}-{action}")
    for action in ACTIONS
    for caller in CALLERS
]


@pytest.mark.parametrize(("action", "caller", "status"), MATRIX)
def test_access_matrix(client_for, principals, action: str, caller: str, status: int) -> None:
    method, url, body, _, _ = ACTIONS[action]
    organization = Organization.objects.get(slug="org-a")
    before = snapshot(organization)

    response = getattr(client_for(principals[caller]), method)(url, body, format="json")

    assert response.status_code == status
    if status >= 400:
        assert set(response.json()["error"]) >= {"code", "message"}
        assert snapshot(organization) == before


def test_caller_sees_their_organizations_with_their_role(client_for, principals) -> None:
    response = client_for(principals["admin_a"]).get(LIST_URL)

    assert response.status_code == 200
    results = response.json()["results"]
    assert [(org["slug"], org["name"], org["role"]) for org in results] == [
        ("org-a", "Organization A", "admin")
    ]
    assert set(results[0]) == {"slug", "name", "role", "created_at"}


def test_caller_without_memberships_sees_none(client_for, principals) -> None:
    OrganizationFactory()

    response = client_for(principals["staff"]).get(LIST_URL)

    assert response.json()["results"] == []


def test_anonymous_caller_must_authenticate(api_client: APIClient) -> None:
    assert api_client.get(LIST_URL).status_code == 401
    assert api_client.post(LIST_URL, {"name": "A", "slug": "a"}, format="json").status_code == 401


def test_creating_an_organization_makes_the_caller_its_owner(client_for) -> None:
    user = UserFactory()

    response = client_for(user).post(LIST_URL, {"name": "Acme", "slug": "acme"}, format="json")

    assert response.status_code == 201
    assert response.json()["role"] == "owner"
    membership = Membership.objects.get(organization__slug="acme")
    assert (membership.user, membership.role) == (user, "owner")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "Acme", "slug": "not a slug!"}, "slug"),
        ({"name": "", "slug": "acme"}, "name"),
        ({"slug": "acme"}, "name"),
        ({"name": "Acme", "slug": "acme", "id": 7}, "id"),
        ({"name": "Acme", "slug": "acme", "role": "member"}, "role"),
    ],
    ids=["bad-slug", "blank-name", "no-name", "id", "role"],
)
def test_invalid_organizations_are_refused(client_for, payload, field: str) -> None:
    response = client_for(UserFactory()).post(LIST_URL, payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not Organization.objects.filter(slug="acme").exists()


def test_a_taken_slug_is_refused(client_for, principals) -> None:
    response = client_for(UserFactory()).post(
        LIST_URL, {"name": "Mine", "slug": "org-b"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["slug"]
    assert (
        not Membership.objects.filter(organization__slug="org-b", role="owner")
        .exclude(user=principals["owner_b"])
        .exists()
    )


def test_renaming_keeps_the_slug_and_refuses_to_change_it(client_for, principals) -> None:
    client = client_for(principals["owner_a"])

    renamed = client.patch(URL, {"name": "Renamed"}, format="json")
    reslugged = client.patch(URL, {"slug": "elsewhere"}, format="json")

    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Renamed"
    assert reslugged.status_code == 400
    assert list(reslugged.json()["error"]["fields"]) == ["slug"]
    assert Organization.objects.filter(slug="org-a", name="Renamed").exists()


def test_deleting_an_organization_deletes_its_memberships_only(client_for, principals) -> None:
    response = client_for(principals["owner_a"]).delete(URL)

    assert response.status_code == 204
    assert not Organization.objects.filter(slug="org-a").exists()
    assert not Membership.objects.filter(organization__slug="org-a").exists()
    assert Membership.objects.filter(organization__slug="org-b").count() == 3


def test_a_member_who_leaves_no_longer_sees_the_organization(client_for, principals) -> None:
    client = client_for(principals["admin_a"])

    assert client.post(f"{URL}leave/").status_code == 204

    assert client.get(URL).status_code == 404
    assert client.get(LIST_URL).json()["results"] == []


def test_an_owner_may_leave_when_another_owner_stays(client_for, principals, organization) -> None:
    MembershipFactory(organization=organization, role="owner")

    response = client_for(principals["owner_a"]).post(f"{URL}leave/")

    assert response.status_code == 204


def test_the_last_owner_cannot_leave(client_for, principals) -> None:
    response = client_for(principals["owner_a"]).post(f"{URL}leave/")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "last_owner"
    assert Membership.objects.filter(user=principals["owner_a"], role="owner").exists()


@pytest.mark.parametrize("slug", ["missing", "ORG-A", "org-a-"])
def test_a_missing_organization_looks_like_a_foreign_one(client_for, principals, slug) -> None:
    client = client_for(principals["owner_b"])

    missing = client.get(f"/api/orgs/{slug}/")
    foreign = client.get(URL)

    assert missing.status_code == foreign.status_code == 404
    assert missing.content == foreign.content


def test_every_row_of_an_organization_goes_with_it() -> None:
    """The rule DELETE /api/orgs/<slug>/ documents: every foreign key to it cascades."""
    keys = {
        f"{model._meta.label}.{field.name}": field.remote_field.on_delete
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.many_to_one and field.concrete and field.related_model is Organization
    }

    assert "tenancy.Membership.organization" in keys
    assert {key for key, on_delete in keys.items() if on_delete is not CASCADE} == set()
