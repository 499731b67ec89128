"""Lists come in pages of 25; callers may ask for up to 100."""

import pytest

from tenancy.tests.factories import MembershipFactory
from tenancy.tests.factories import UserFactory


@pytest.fixture
def member_of_many(db: None):
    user = UserFactory()
    MembershipFactory.create_batch(120, user=user)
    return user


def test_lists_are_paginated_by_25(client_for, member_of_many) -> None:
    response = client_for(member_of_many).get("/api/orgs/")

    body = response.json()
    assert body["count"] == 120
    assert len(body["results"]) == 25
    assert body["next"] is not None


def test_page_size_is_capped_at_100(client_for, member_of_many) -> None:
    response = client_for(member_of_many).get("/api/orgs/", {"page_size": 1000})

    assert len(response.json()["results"]) == 100


def test_page_past_the_end_is_not_found(client_for, member_of_many) -> None:
    response = client_for(member_of_many).get("/api/orgs/", {"page": 99})

    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Not found."}}
