"""The last owner under contention: two owners stepping down or leaving at once.

Every membership change locks the organization's row, so the second change sees the first:
exactly one succeeds and the organization keeps an owner. Needs real row locks: runs on
PostgreSQL and MariaDB, skipped on SQLite.
"""

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from core.exceptions import ApplicationError
from tenancy import services
from tenancy.models import Membership
from tenancy.roles import Role
from tenancy.services import membership_change_role
from tenancy.services import membership_leave
from tenancy.services import membership_remove
from tenancy.tests.factories import MembershipFactory
from tenancy.tests.factories import OrganizationFactory

pytestmark = [pytest.mark.contention, pytest.mark.django_db(transaction=True)]


def run_together(*works: Callable[[], Any]) -> list[Any]:
    """Run each callable in its own thread (and connection), released at once."""
    barrier = threading.Barrier(len(works))
    outcomes: list[Any] = [None] * len(works)

    def worker(index: int, work: Callable[[], Any]) -> None:
        try:
            connection.ensure_connection()  # connect first: start the work together
            barrier.wait()
            outcomes[index] = work()
        except Exception as error:  # the outcome under test
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=item) for item in enumerate(works)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture(autouse=True)
def _slow_owner_count(monkeypatch: pytest.MonkeyPatch) -> None:
    # Widen the window between counting owners and writing, so that without the lock both
    # changes would count two owners every time, not only when the scheduler is unlucky.
    count = services.owner_count

    def slow_count(**kwargs: Any) -> int:
        result = count(**kwargs)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(services, "owner_count", slow_count)


@pytest.fixture
def two_owners() -> tuple[Membership, Membership]:
    organization = OrganizationFactory(slug="contended")
    return (
        MembershipFactory(organization=organization, role=Role.OWNER),
        MembershipFactory(organization=organization, role=Role.OWNER),
    )


def owners_left() -> int:
    return Membership.objects.filter(organization__slug="contended", role=Role.OWNER).count()


def refusals(outcomes: list[Any]) -> list[int]:
    return [o.status_code for o in outcomes if isinstance(o, ApplicationError)]


def test_two_owners_leaving_at_once_leave_one_owner(two_owners) -> None:
    first, second = two_owners

    outcomes = run_together(
        lambda: membership_leave(membership=first), lambda: membership_leave(membership=second)
    )

    assert refusals(outcomes) == [409]
    assert owners_left() == 1


def test_two_owners_demoting_each_other_at_once_leave_one_owner(two_owners) -> None:
    first, second = two_owners

    outcomes = run_together(
        lambda: membership_change_role(actor=first, membership=second, role=Role.ADMIN),
        lambda: membership_change_role(actor=second, membership=first, role=Role.ADMIN),
    )

    # The loser is no owner any more by the time its change runs: refused (403).
    assert refusals(outcomes) == [403]
    assert owners_left() == 1


def test_two_owners_removing_each_other_at_once_leave_one_owner(two_owners) -> None:
    first, second = two_owners

    outcomes = run_together(
        lambda: membership_remove(actor=first, membership=second),
        lambda: membership_remove(actor=second, membership=first),
    )

    assert len(refusals(outcomes)) == 1
    assert owners_left() == 1


def test_stepping_down_while_the_other_owner_leaves_keeps_an_owner(two_owners) -> None:
    first, second = two_owners

    outcomes = run_together(
        lambda: membership_change_role(actor=first, membership=first, role=Role.MEMBER),
        lambda: membership_leave(membership=second),
    )

    assert refusals(outcomes) == [409]
    assert owners_left() == 1
