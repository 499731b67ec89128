"""ModelSerializers with the fields the generated API shows, list and detail."""

from rest_framework import serializers

from billing.models import Customer
from billing.models import Invoice


class CustomerSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Customer
        fields = ["id", "name"]


class InvoiceListSerializer(serializers.ModelSerializer):
    customer = CustomerSummarySerializer(read_only=True)

    class Meta:
        model = Invoice
        fields = ["id", "number", "customer", "amount", "status", "due_on"]


class InvoiceSerializer(serializers.ModelSerializer):
    customer = CustomerSummarySerializer(read_only=True)

    class Meta:
        model = Invoice
        fields = [
            "id",
            "number",
            "customer",
            "amount",
            "status",
            "issued_on",
            "due_on",
            "memo",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "created_at", "updated_at"]
