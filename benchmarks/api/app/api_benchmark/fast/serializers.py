"""Output serializers of invoices: declared fields say what is shown, to_representation builds it.

The declared fields are the contract: OpenAPI reads them, and a check renders them the generic
DRF way and compares the bytes (management command bench_check). ``to_representation`` builds
the same dict directly, without DRF's per-field loop. The detail serializer takes a model
instance (retrieve, and every write's response, have one); the list serializer takes a row of
``values(*columns)``, so a list page builds no model instances at all.
"""

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers

from api_benchmark.fast.representation import DecimalFormat
from api_benchmark.fast.representation import date_string
from api_benchmark.fast.representation import datetime_string
from billing.models import Invoice

amount_string = DecimalFormat(max_digits=12, decimal_places=2)


class InvoiceCustomerOutputSerializer(serializers.Serializer):
    """The part of an invoice's customer shown with it."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class InvoiceOutputSerializer(serializers.Serializer):
    """An invoice as the API shows it."""

    id = serializers.IntegerField(read_only=True)
    number = serializers.CharField(read_only=True)
    customer = InvoiceCustomerOutputSerializer(read_only=True)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    status = serializers.ChoiceField(choices=Invoice.Status.choices, read_only=True)
    issued_on = serializers.DateField(read_only=True)
    due_on = serializers.DateField(read_only=True)
    memo = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def to_representation(self, invoice: Invoice) -> dict[str, Any]:
        """The declared fields' output, built directly (the selector joins the customer)."""
        customer = invoice.customer
        return {
            "id": invoice.id,
            "number": invoice.number,
            "customer": {"id": customer.id, "name": customer.name},
            "amount": amount_string(invoice.amount),
            "status": invoice.status,
            "issued_on": date_string(invoice.issued_on),
            "due_on": date_string(invoice.due_on),
            "memo": invoice.memo,
            "created_at": datetime_string(invoice.created_at),
            "updated_at": datetime_string(invoice.updated_at),
        }


class InvoiceListOutputSerializer(serializers.Serializer):
    """An invoice as the API shows it in lists."""

    id = serializers.IntegerField(read_only=True)
    number = serializers.CharField(read_only=True)
    customer = InvoiceCustomerOutputSerializer(read_only=True)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    status = serializers.ChoiceField(choices=Invoice.Status.choices, read_only=True)
    due_on = serializers.DateField(read_only=True)

    # What list views read: ``queryset.values(*InvoiceListOutputSerializer.columns)``.
    columns = ("id", "number", "customer_id", "customer__name", "amount", "status", "due_on")

    def to_representation(self, row: Mapping[str, Any] | Invoice) -> dict[str, Any]:
        """The declared fields' output, built from one row of ``columns``."""
        if not isinstance(row, Mapping):  # a model instance: only the benchmark without "rows"
            return self.to_representation(instance_row(row))
        return {
            "id": row["id"],
            "number": row["number"],
            "customer": {"id": row["customer_id"], "name": row["customer__name"]},
            "amount": amount_string(row["amount"]),
            "status": row["status"],
            "due_on": date_string(row["due_on"]),
        }


def instance_row(invoice: Invoice) -> dict[str, Any]:
    """An invoice as the row ``values(*InvoiceListOutputSerializer.columns)`` would give."""
    return {
        "id": invoice.id,
        "number": invoice.number,
        "customer_id": invoice.customer_id,
        "customer__name": invoice.customer.name,
        "amount": invoice.amount,
        "status": invoice.status,
        "due_on": invoice.due_on,
    }
