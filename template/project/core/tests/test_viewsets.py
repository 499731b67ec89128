"""OrganizationViewSet answers 401, then 404 to non-members, then 403 to too-low roles."""

import pytest

pytestmark = [pytest.mark.urls("core.tests.urls"), pytest.mark.django_db]

MEMBERSHIPS = "/probe/orgs/{slug}/memberships/"

NOT_FOUND = {"error": {"code": "not_found", "message": "Not found."}}
FORBIDDEN = {
    "error": {
        "code": "permission_denied",
        "message": "You do not have permission to perform this action.",
    }
}


@pytest.mark.parametrize(
    ("principal", "status"),
    [
        ("anonymous", 401),
        ("member_b", 404),
        ("owner_b", 404),
        ("staff", 404),
        ("member_a", 200),
        ("admin_a", 200),
        ("owner_a", 200),
    ],
)
def test_only_members_see_the_organization(client_for, principals, principal, status) -> None:
    response = client_for(principals[principal]).get(MEMBERSHIPS.format(slug="org-a"))

    assert response.status_code == status


def test_non_member_gets_the_same_404_as_for_a_missing_organization(client_for, principals) -> None:
    client = client_for(principals["member_b"])

    existing = client.get(MEMBERSHIPS.format(slug="org-a"))
    missing = client.get(MEMBERSHIPS.format(slug="no-such-org"))

    assert existing.content == missing.content
    assert existing.json() == NOT_FOUND


def test_non_member_gets_404_even_for_actions_above_their_role(client_for, principals) -> None:
    response = client_for(principals["member_b"]).post(
        MEMBERSHIPS.format(slug="org-a"), {}, format="json"
    )

    assert response.status_code == 404


def test_member_below_the_required_role_gets_403(client_for, principals) -> None:
    response = client_for(principals["member_a"]).post(
        MEMBERSHIPS.format(slug="org-a"), {}, format="json"
    )

    assert response.status_code == 403
    assert response.json() == FORBIDDEN


def test_object_of_another_organization_is_not_found(client_for, principals) -> None:
    outsider_membership = principals["member_b"].memberships.get()

    response = client_for(principals["member_a"]).get(
        f"{MEMBERSHIPS.format(slug='org-a')}{outsider_membership.pk}/"
    )

    assert response.json() == NOT_FOUND


@pytest.mark.parametrize("pk", ["0", "-1", "abc", "99999999999999999999999"])
def test_malformed_or_missing_ids_are_not_found(client_for, principals, pk: str) -> None:
    response = client_for(principals["member_a"]).get(f"{MEMBERSHIPS.format(slug='org-a')}{pk}/")

    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_foreign_key_to_another_tenant_fails_like_a_missing_row(client_for, principals) -> None:
    outsider = principals["member_b"]

    response = client_for(principals["admin_a"]).post(
        MEMBERSHIPS.format(slug="org-a"), {"user": outsider.pk, "role": "member"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "user": [f'Invalid pk "{outsider.pk}" - object does not exist.']
    }


def test_mass_assignment_is_refused_by_key(client_for, principals) -> None:
    response = client_for(principals["admin_a"]).post(
        MEMBERSHIPS.format(slug="org-a"),
        {"user": principals["member_a"].pk, "role": "member", "organization": "org-b"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"organization": ["This field is not writable."]}


def test_constraint_clash_is_reported_on_the_field(client_for, principals) -> None:
    response = client_for(principals["admin_a"]).post(
        MEMBERSHIPS.format(slug="org-a"),
        {"user": principals["member_a"].pk, "role": "member"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"user": ["This value is already in use."]}


def test_filter_choices_are_scoped_like_foreign_keys(client_for, principals) -> None:
    client = client_for(principals["member_a"])
    url = MEMBERSHIPS.format(slug="org-a")

    own = client.get(url, {"user": principals["admin_a"].pk})
    foreign = client.get(url, {"user": principals["admin_b"].pk})
    missing = client.get(url, {"user": 10**9})

    assert [row["user"] for row in own.json()["results"]] == [principals["admin_a"].pk]
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json()["error"]["fields"] == missing.json()["error"]["fields"]


def test_owner_may_delete(client_for, principals) -> None:
    membership = principals["member_a"].memberships.get()

    response = client_for(principals["owner_a"]).delete(
        f"{MEMBERSHIPS.format(slug='org-a')}{membership.pk}/"
    )

    assert response.status_code == 204
