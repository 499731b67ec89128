"""Prove the fast read path exact: helpers against DRF's fields, serializers against DRF's loop.

Prints JSON: how many values and rows were compared, and every mismatch (none expected). This is
the check the template would generate as a test for every output serializer (phase 2).
"""

import datetime
import decimal
import json
import uuid
import zoneinfo
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from api_benchmark.fast.representation import DecimalFormat
from api_benchmark.fast.representation import date_string
from api_benchmark.fast.representation import datetime_string
from api_benchmark.fast.representation import uuid_string
from api_benchmark.fast.serializers import InvoiceListOutputSerializer
from api_benchmark.fast.serializers import InvoiceOutputSerializer
from billing.models import Invoice

UTC = datetime.UTC
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
DECIMALS = [
    decimal.Decimal(text)
    for text in (
        "0",
        "-0",
        "1",
        "1.5",
        "1.005",
        "1.015",
        "-2.675",
        "1E+3",
        "9999999999.99",
        "123.456789",
        "0.000001",
        "1e-10",
    )
] + [7, 2.5]
DATES = [
    datetime.date(2025, 1, 31),
    datetime.date(1, 1, 1),
    datetime.date(9999, 12, 31),
    "2025-02-03",
]
DATETIMES = [
    datetime.datetime(2026, 1, 1, 9, 30, tzinfo=UTC),
    datetime.datetime(2026, 1, 1, 9, 30, 0, 123456, tzinfo=UTC),
    datetime.datetime(2026, 7, 1, 23, 59, 59, 1, tzinfo=BERLIN),
    datetime.datetime(2026, 3, 29, 1, 30),  # naive: made aware in the current zone
    "2026-01-01T00:00:00Z",
]
UUIDS = [uuid.UUID(int=0), uuid.UUID("12345678-1234-5678-1234-567812345678")]


class Command(BaseCommand):
    help = "Compare the fast representation with DRF's on edge values and on every invoice."

    def handle(self, *args: Any, **options: Any) -> None:
        mismatches: list[str] = []
        checked = 0
        for zone in (UTC, BERLIN):  # the project's zone (UTC) and an activated other one
            with timezone.override(zone):
                checked += check_values(mismatches, zone)
        checked += check_serializers(mismatches)
        self.stdout.write(json.dumps({"checked": checked, "mismatches": mismatches}))


def compare(mismatches: list[str], what: str, fast: Any, drf: Any) -> int:
    # Bytes as the renderer writes them: "1.50" and Decimal("1.50") are different answers.
    if JSONRenderer().render(fast) != JSONRenderer().render(drf) or type(fast) is not type(drf):
        mismatches.append(f"{what}: fast {fast!r} != DRF {drf!r}")
    return 1


def check_values(mismatches: list[str], zone: Any) -> int:
    checked = 0
    for digits, places in ((12, 2), (5, 3), (20, 0)):
        fast = DecimalFormat(max_digits=digits, decimal_places=places)
        field = serializers.DecimalField(max_digits=digits, decimal_places=places)
        for value in DECIMALS:
            try:
                expected: Any = field.to_representation(value)
            except decimal.InvalidOperation:
                expected = "InvalidOperation"
            try:
                got: Any = fast(value)
            except decimal.InvalidOperation:
                got = "InvalidOperation"
            checked += compare(mismatches, f"decimal({digits},{places}) {value!r}", got, expected)
    for value in DATES:
        expected = serializers.DateField().to_representation(value)
        checked += compare(mismatches, f"date {value!r}", date_string(value), expected)
    for value in DATETIMES:
        expected = serializers.DateTimeField().to_representation(value)
        checked += compare(
            mismatches, f"datetime {value!r} in {zone}", datetime_string(value), expected
        )
    for value in UUIDS:
        expected = serializers.UUIDField().to_representation(value)
        checked += compare(mismatches, f"uuid {value!r}", uuid_string(value), expected)
    return checked


def check_serializers(mismatches: list[str]) -> int:
    """Each invoice against DRF's generic loop over the declared fields of the same serializer:
    the detail serializer given the instance, the list serializer given its values() row."""
    checked = 0
    detail = InvoiceOutputSerializer()
    listed = InvoiceListOutputSerializer()
    rows = {row["id"]: row for row in Invoice.objects.values(*listed.columns)}
    for invoice in Invoice.objects.select_related("customer"):
        name = f"invoice #{invoice.pk}"
        generic = serializers.Serializer.to_representation(detail, invoice)
        checked += compare(mismatches, f"{name} detail", detail.to_representation(invoice), generic)
        generic = serializers.Serializer.to_representation(listed, invoice)
        row = rows[invoice.pk]
        checked += compare(mismatches, f"{name} list row", listed.to_representation(row), generic)
        checked += compare(mismatches, f"{name} list", listed.to_representation(invoice), generic)
    return checked
