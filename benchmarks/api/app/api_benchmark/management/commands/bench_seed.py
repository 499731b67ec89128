"""Seed the billing tables for the API benchmark and print what the harness needs as JSON."""

import datetime
import json
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from billing.models import Customer
from billing.models import Invoice
from billing.models import InvoiceLine
from tenancy.models import Membership
from tenancy.models import Organization
from tenancy.roles import Role

ORGANIZATION = "acme"
OTHER = "globex"  # rows the caller must never see, so that scoping filters do real work
CUSTOMERS = 12
INVOICES = 60  # per organization: a list page of 25, with a next page
LINES = 3
STATUSES = [choice.value for choice in Invoice.Status]
# Values that stress exact output: non-ASCII, quotes, a line separator JSON must escape.
MEMOS = ["", "Net 30.", 'Zahlung fällig — "bitte" überweisen', "line one\nline two\u2028end"]
ROUND_TIME = datetime.datetime(2026, 1, 1, 9, 30, tzinfo=datetime.UTC)  # no microseconds


class Command(BaseCommand):
    help = "Create two organizations with customers, invoices and lines; print token and ids."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            ids = seed()
        self.stdout.write(json.dumps(ids))


def token_create(user: User) -> str:
    """A token for the project's token authentication: knox's, or DRF's own."""
    if apps.is_installed("knox"):
        from knox.models import AuthToken

        return AuthToken.objects.create(user=user)[1]
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=user).key


def seed() -> dict[str, Any]:
    user = User.objects.create_user("bench", password=None)
    ids: dict[str, Any] = {"organization": ORGANIZATION, "token": token_create(user)}
    for slug in (ORGANIZATION, OTHER):
        organization = Organization.objects.create(name=slug.title(), slug=slug)
        if slug == ORGANIZATION:
            Membership.objects.create(user=user, organization=organization, role=Role.OWNER)
        customers = [
            Customer.objects.create(
                organization=organization,
                name=f"Kunde {index:02d} · {slug}",
                email=f"billing{index}@{slug}.example",
                notes="Prefers e-mail." if index % 2 else "",
            )
            for index in range(CUSTOMERS)
        ]
        invoices = []
        for index in range(INVOICES):
            issued = datetime.date(2025, 1, 1) + datetime.timedelta(days=index * 5)
            invoices.append(
                Invoice.objects.create(
                    organization=organization,
                    number=f"{slug.upper()}-{index:05d}",
                    customer=customers[index % CUSTOMERS],
                    amount=Decimal(index * 1237 % 1000000) + Decimal(index % 100) / 100,
                    status=STATUSES[index % len(STATUSES)],
                    issued_on=issued,
                    due_on=issued + datetime.timedelta(days=30),
                    memo=MEMOS[index % len(MEMOS)],
                )
            )
        for invoice in invoices:
            for line in range(LINES):
                InvoiceLine.objects.create(
                    invoice=invoice,
                    description=f"Item {line}",
                    quantity=line + 1,
                    unit_price=Decimal("9.90") * (line + 1),
                )
        # Some timestamps without microseconds: isoformat() then drops the fraction.
        Invoice.objects.filter(pk__in=[invoice.pk for invoice in invoices[::7]]).update(
            created_at=ROUND_TIME, updated_at=ROUND_TIME
        )
        if slug == ORGANIZATION:
            ids["invoice"] = invoices[len(invoices) // 2].pk
            ids["customer"] = customers[1].pk
    return ids
