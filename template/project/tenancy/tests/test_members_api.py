"""/api/orgs/<slug>/members/: who is in, who adds and removes, who changes roles."""

import pytest

from core.testing import snapshot
from tenancy.models import Membership
from tenancy.roles import role_at_least
from tenancy.tests.factories import MembershipFactory
from tenancy.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/orgs/org-a/members/"
CALLERS = ["anonymous", "member_a", "admin_a", "owner_a", "member_b", "admin_b", "owner_b", "staff"]

# action: (method, on the target member?, body, least role, status on success)
ACTIONS = {
    "list": ("get", False, None, "member", 200),
    "retrieve": ("get", True, None, "member", 200),
    "create": ("post", False, {"user": "newcomer", "role": "member"}, "admin", 201),
    "update": ("put", True, {"role": "admin"}, "owner", 200),
    "partial_update": ("patch", True, {"role": "admin"}, "owner", 200),
    "destroy": ("delete", True, None, "admin", 204),
}


def expected_status(action: str, caller: str) -> int:
    _, _, _, least, success = ACTIONS[action]
    if caller == "anonymous":
        return 401
    if not caller.endswith("_a"):
        return 404
    return success if role_at_least(caller.removesuffix("_a"), least) else 403


MATRIX = [
    pytest.param(action, caller, expected_status(action, caller), id=f"{caller}-{action}")
    for action in ACTIONS
    for caller in CALLERS
]


def membership_of(principals, name: str) -> Membership:
    return Membership.objects.get(user=principals[name])


def member_url(membership: Membership) -> str:
    return f"{URL}{membership.pk}/"


@pytest.mark.parametrize(("action", "caller", "status"), MATRIX)
def test_access_matrix(client_for, principals, action: str, caller: str, status: int) -> None:
    UserFactory(username="newcomer")
    method, on_target, body, _, _ = ACTIONS[action]
    target = membership_of(principals, "member_a")
    before = snapshot(target)
    count = Membership.objects.count()

    url = member_url(target) if on_target else URL
    response = getattr(client_for(principals[caller]), method)(url, body, format="json")

    assert response.status_code == status
    if status >= 400:
        assert snapshot(target) == before
        assert Membership.objects.count() == count


def test_members_are_listed_with_their_role_and_no_email(client_for, principals) -> None:
    response = client_for(principals["member_a"]).get(URL)

    assert response.status_code == 200
    results = response.json()["results"]
    assert [(m["user"]["username"], m["role"]) for m in results] == [
        ("admin_a", "admin"),
        ("member_a", "member"),
        ("owner_a", "owner"),
    ]
    assert set(results[0]) == {"id", "user", "role", "created_at", "updated_at"}
    assert set(results[0]["user"]) == {"id", "username", "first_name", "last_name"}


def test_members_can_be_filtered_by_role_and_searched(client_for, principals) -> None:
    client = client_for(principals["member_a"])

    admins = client.get(URL, {"role": "admin"}).json()["results"]
    found = client.get(URL, {"search": "own"}).json()["results"]

    assert [m["user"]["username"] for m in admins] == ["admin_a"]
    assert [m["user"]["username"] for m in found] == ["owner_a"]


def test_a_member_of_another_organization_is_not_found(client_for, principals) -> None:
    foreign = membership_of(principals, "member_b")

    response = client_for(principals["owner_a"]).get(member_url(foreign))

    assert response.status_code == 404


@pytest.mark.parametrize("identifier", ["newcomer", "newcomer@example.com", "NEWCOMER@example.com"])
def test_an_admin_adds_a_user_by_username_or_email(client_for, principals, identifier) -> None:
    user = UserFactory(username="newcomer", email="newcomer@example.com")

    response = client_for(principals["admin_a"]).post(URL, {"user": identifier}, format="json")

    assert response.status_code == 201
    assert response.json()["role"] == "member"
    assert Membership.objects.get(user=user).organization.slug == "org-a"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"user": "nobody"}, "user"),
        ({"user": "member_a"}, "user"),
        ({"user": "inactive"}, "user"),
        ({"user": "shared@example.com"}, "user"),
        ({"user": "newcomer", "role": "guest"}, "role"),
        ({"user": "newcomer", "organization": 1}, "organization"),
    ],
    ids=["unknown", "already-member", "inactive", "ambiguous-email", "unknown-role", "scope"],
)
def test_adding_refuses_what_it_cannot_do(client_for, principals, payload, field) -> None:
    UserFactory(username="newcomer")
    UserFactory(username="inactive", is_active=False)
    UserFactory(username="twin1", email="shared@example.com")
    UserFactory(username="twin2", email="shared@example.com")
    count = Membership.objects.count()

    response = client_for(principals["admin_a"]).post(URL, payload, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    assert Membership.objects.count() == count


def test_an_admin_cannot_add_an_owner(client_for, principals) -> None:
    UserFactory(username="newcomer")

    response = client_for(principals["admin_a"]).post(
        URL, {"user": "newcomer", "role": "owner"}, format="json"
    )

    assert response.status_code == 403
    assert not Membership.objects.filter(user__username="newcomer").exists()


def test_an_owner_may_add_an_owner(client_for, principals) -> None:
    UserFactory(username="newcomer")

    response = client_for(principals["owner_a"]).post(
        URL, {"user": "newcomer", "role": "owner"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["role"] == "owner"


@pytest.mark.parametrize(
    ("caller", "target", "role"),
    [
        ("admin_a", "member_a", "admin"),
        ("admin_a", "admin_a", "owner"),
        ("member_a", "member_a", "admin"),
    ],
    ids=["admin-promotes-member", "admin-promotes-self", "member-promotes-self"],
)
def test_only_owners_change_roles(client_for, principals, caller, target, role) -> None:
    membership = membership_of(principals, target)
    before = snapshot(membership)

    response = client_for(principals[caller]).patch(
        member_url(membership), {"role": role}, format="json"
    )

    assert response.status_code == 403
    assert snapshot(membership) == before


def test_an_owner_changes_a_role(client_for, principals) -> None:
    membership = membership_of(principals, "member_a")

    response = client_for(principals["owner_a"]).patch(
        member_url(membership), {"role": "owner"}, format="json"
    )

    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == "owner"


def test_the_last_owner_cannot_step_down(client_for, principals) -> None:
    membership = membership_of(principals, "owner_a")

    response = client_for(principals["owner_a"]).patch(
        member_url(membership), {"role": "admin"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "last_owner"
    membership.refresh_from_db()
    assert membership.role == "owner"


def test_an_owner_steps_down_when_another_owner_stays(client_for, principals, organization) -> None:
    MembershipFactory(organization=organization, role="owner")
    membership = membership_of(principals, "owner_a")

    response = client_for(principals["owner_a"]).patch(
        member_url(membership), {"role": "member"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["role"] == "member"


def test_an_admin_cannot_remove_an_owner(client_for, principals, organization) -> None:
    MembershipFactory(organization=organization, role="owner")
    owner = membership_of(principals, "owner_a")

    response = client_for(principals["admin_a"]).delete(member_url(owner))

    assert response.status_code == 403
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_an_admin_removes_a_member(client_for, principals) -> None:
    target = membership_of(principals, "member_a")

    response = client_for(principals["admin_a"]).delete(member_url(target))

    assert response.status_code == 204
    assert not Membership.objects.filter(pk=target.pk).exists()
    assert client_for(principals["member_a"]).get(URL).status_code == 404


def test_the_last_owner_cannot_be_removed(client_for, principals) -> None:
    owner = membership_of(principals, "owner_a")

    response = client_for(principals["owner_a"]).delete(member_url(owner))

    assert response.status_code == 409
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_a_role_change_rejects_other_keys(client_for, principals) -> None:
    membership = membership_of(principals, "member_a")
    before = snapshot(membership)

    response = client_for(principals["owner_a"]).patch(
        member_url(membership), {"role": "admin", "user": 1}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["user"]
    assert snapshot(membership) == before
