"""Small, deliberate bugs planted in a generated billing domain, and the tests meant to catch them.

Each mutation is one textual change (possibly spread over a few files) to a copy of a generated
project. The text to replace must occur exactly once: when a template changes shape, the mutation
fails loudly instead of silently mutating nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

API = "billing/tests/test_invoice_api.py"
LINE_API = "billing/tests/test_invoice_line_api.py"
SERVICES = "billing/tests/test_invoice_services.py"
LINE_SERVICES = "billing/tests/test_invoice_line_services.py"
QUERIES = "billing/tests/test_invoice_queries.py"
ADMIN = "billing/tests/test_invoice_admin.py"
CUSTOMER_ADMIN = "billing/tests/test_customer_admin.py"
BOOK_ADMIN = "library/tests/test_book_admin.py"
OPENAPI = "billing/tests/test_openapi.py"

# A pytest summary line: "FAILED <nodeid> - <message>"; a parametrized id may contain spaces.
FAILED_LINE = re.compile(r"^FAILED (\S+?::\S+?(?:\[[^\]]*\])?)(?: - |$)")


class MutationTargetMissing(AssertionError):
    """The text a mutation replaces is not in the generated file (exactly once)."""


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` (which must occur exactly once) with ``new`` in ``path``."""

    path: str
    old: str
    new: str

    def apply(self, project: Path) -> None:
        target = project / self.path
        text = target.read_text()
        found = text.count(self.old)
        if found != 1:
            raise MutationTargetMissing(
                f"{self.path}: expected the text below exactly once, found it {found} times "
                f"(did the template change?)\n{self.old}"
            )
        target.write_text(text.replace(self.old, self.new))


@dataclass(frozen=True)
class Mutation:
    """A planted bug, the generated test files to run, and the tests that must fail."""

    id: str
    edits: tuple[Edit, ...]
    test_files: tuple[str, ...]
    caught_by: tuple[str, ...]  # substrings of failing node ids; each must match one

    def apply(self, project: Path) -> None:
        for edit in self.edits:
            edit.apply(project)


def failed_tests(pytest_output: str) -> list[str]:
    """Node ids of the ``FAILED`` lines of a ``-rf`` summary."""
    return [m.group(1) for line in pytest_output.splitlines() if (m := FAILED_LINE.match(line))]


INVOICE_LIST = 'return Invoice.objects.filter(organization=organization).select_related("customer")'
UNIQUE_NUMBER_MODEL = """\
            models.UniqueConstraint(
                fields=["organization", "number"],
                name="billing_invoice_number_unique",
            ),
"""
UNIQUE_NUMBER_MIGRATION = """\
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.UniqueConstraint(
                fields=("organization", "number"), name="billing_invoice_number_unique"
            ),
        ),
"""

UNIT_PRICE_RANGE_MODEL = """\
            models.CheckConstraint(
                condition=models.Q(unit_price__gte=Decimal("0")),
                name="billing_invoice_line_unit_price_range",
                violation_error_message="Unit price must be greater than or equal to 0.",
            ),
"""
UNIT_PRICE_RANGE_MIGRATION = """\
        migrations.AddConstraint(
            model_name="invoiceline",
            constraint=models.CheckConstraint(
                condition=models.Q(("unit_price__gte", Decimal("0"))),
                name="billing_invoice_line_unit_price_range",
                violation_error_message="Unit price must be greater than or equal to 0.",
            ),
        ),
"""

MUTATIONS = [
    Mutation(
        id="drop_schema_annotation",
        edits=(
            Edit(
                "billing/views.py",
                "    @extend_schema(request=InvoiceCreateInputSerializer, "
                "responses={201: InvoiceOutputSerializer})\n",
                "",
            ),
        ),
        test_files=(OPENAPI,),
        caught_by=("test_operation_is_documented_with_its_role_and_exact_shapes[invoice-create]",),
    ),
    Mutation(
        id="drop_tenant_filter",
        edits=(
            Edit(
                "billing/selectors.py",
                INVOICE_LIST,
                'return Invoice.objects.all().select_related("customer")',
            ),
        ),
        test_files=(API,),
        caught_by=(
            "test_invoice_list_shows_only_rows_in_scope",
            "test_invoice_out_of_scope_answers_like_a_missing_one",
            "test_invoice_out_of_scope_cannot_be_changed",
        ),
    ),
    Mutation(
        id="drop_parent_scope",
        edits=(
            Edit(
                "billing/selectors.py",
                "return InvoiceLine.objects.filter(invoice__organization=organization)",
                "return InvoiceLine.objects.all()",
            ),
        ),
        test_files=(LINE_API,),
        caught_by=(
            "test_invoice_line_list_shows_only_rows_in_scope",
            "test_invoice_line_out_of_scope_answers_like_a_missing_one",
            "test_invoice_line_out_of_scope_cannot_be_changed",
        ),
    ),
    Mutation(
        id="widen_output",
        edits=(
            Edit(
                "billing/serializers.py",
                '        model = Invoice\n        fields = [\n            "id",\n',
                '        model = Invoice\n        fields = [\n            "id",\n'
                '            "organization",\n',
            ),
        ),
        test_files=(API,),
        caught_by=("test_invoice_detail_shows_exactly_the_read_fields",),
    ),
    Mutation(
        id="widen_write",
        edits=(
            Edit(
                "billing/serializers.py",
                '    """What a caller may send to create an invoice."""\n\n',
                '    """What a caller may send to create an invoice."""\n\n'
                "    status = serializers.CharField(required=False)\n",
            ),
        ),
        test_files=(API,),
        caught_by=("test_invoice_create_rejects_fields_that_are_not_writable[status]",),
    ),
    Mutation(
        id="role_to_authenticated",
        edits=(
            Edit(
                "billing/views.py",
                "from rest_framework.decorators import action\n",
                "from rest_framework.decorators import action\n"
                "from rest_framework.permissions import IsAuthenticated\n",
            ),
            Edit(
                "billing/views.py",
                "    permission_classes = [InvoiceAccess]\n",
                "    permission_classes = [IsAuthenticated]\n",
            ),
        ),
        test_files=(API,),
        caught_by=(
            "test_invoice_access_matrix[member_a-create-403]",
            "test_invoice_access_matrix[member_a-destroy-403]",
            "test_invoice_access_matrix[admin_a-void-403]",
        ),
    ),
    Mutation(
        id="weaker_role",
        edits=(Edit("billing/permissions.py", '"destroy": "owner",', '"destroy": "member",'),),
        test_files=(API,),
        caught_by=(
            "test_invoice_access_matrix[member_a-destroy-403]",
            "test_invoice_access_matrix[admin_a-destroy-403]",
        ),
    ),
    Mutation(
        id="unscoped_fk_choices",
        edits=(
            Edit(
                "billing/serializers.py",
                "customer = ScopedPrimaryKeyRelatedField(selector=customer_list)",
                "customer = serializers.PrimaryKeyRelatedField(queryset=Customer.objects.all())",
            ),
        ),
        test_files=(API,),
        caught_by=("test_invoice_create_rejects_customer_out_of_scope_like_a_missing_one",),
    ),
    Mutation(
        id="drop_select_related",
        edits=(
            Edit(
                "billing/selectors.py",
                INVOICE_LIST,
                "return Invoice.objects.filter(organization=organization)",
            ),
        ),
        test_files=(QUERIES,),
        caught_by=("test_invoice_list_queries_do_not_grow_with_rows",),
    ),
    Mutation(
        # The validators still refuse a negative price: only the database test sees the loss.
        id="drop_range_constraint",
        edits=(
            Edit("billing/models.py", UNIT_PRICE_RANGE_MODEL, ""),
            Edit("billing/migrations/0001_initial.py", UNIT_PRICE_RANGE_MIGRATION, ""),
        ),
        test_files=(LINE_SERVICES,),
        caught_by=("test_invoice_line_ranges_hold_in_the_database_too[unit_price_below_min]",),
    ),
    Mutation(
        id="drop_db_constraint",
        edits=(
            Edit("billing/models.py", UNIQUE_NUMBER_MODEL, ""),
            Edit("billing/migrations/0001_initial.py", UNIQUE_NUMBER_MIGRATION, ""),
        ),
        test_files=(API, SERVICES),
        caught_by=(
            "test_invoice_api.py::test_invoice_create_rejects_duplicate_number",
            "test_invoice_services.py::test_invoice_create_refuses_duplicate_number",
        ),
    ),
    Mutation(
        id="transition_without_state_check",
        edits=(
            Edit(
                "billing/services.py",
                "        sources=[Invoice.Status.SENT],\n        target=Invoice.Status.PAID,\n",
                "        sources=[Invoice.Status.DRAFT, Invoice.Status.SENT],\n"
                "        target=Invoice.Status.PAID,\n",
            ),
        ),
        test_files=(SERVICES,),
        caught_by=("test_invoice_pay_refuses_draft",),
    ),
    Mutation(
        id="drop_scope_consistency",
        edits=(Edit("billing/models.py", '    SCOPED_RELATIONS = ("customer",)\n', ""),),
        test_files=(ADMIN, SERVICES),
        caught_by=(
            "test_invoice_admin_refuses_customer_of_another_organization[superuser]",
            "test_invoice_admin_refuses_customer_of_another_organization[staff_of_both]",
            "test_invoice_create_refuses_customer_of_another_organization",
        ),
    ),
    Mutation(
        id="transition_field_writable_in_admin",
        edits=(
            Edit(
                "billing/admin.py",
                'readonly_fields = ["id", "created_at", "updated_at", "status"]',
                'readonly_fields = ["id", "created_at", "updated_at"]',
            ),
        ),
        test_files=(ADMIN,),
        caught_by=("test_invoice_admin_keeps_status_read_only",),
    ),
    Mutation(
        id="admin_action_skips_the_transition_service",
        edits=(
            Edit(
                "billing/admin.py",
                "lambda invoice: invoice_send(invoice=invoice),",
                'lambda invoice: Invoice.objects.filter(pk=invoice.pk).update(status="sent"),',
            ),
        ),
        test_files=(ADMIN,),
        caught_by=("test_invoice_admin_send_moves_rows_and_reports_the_rest",),
    ),
    Mutation(
        id="admin_action_weaker_role",
        edits=(Edit("billing/admin.py", 'role="owner",', 'role="admin",'),),
        test_files=(ADMIN,),
        caught_by=("test_invoice_admin_void_needs_the_owner_role",),
    ),
    Mutation(
        id="unscoped_admin_of_a_foreign_key_target",
        edits=(
            Edit(
                "billing/admin.py",
                "class CustomerAdmin(OrganizationScopedAdmin):",
                "class CustomerAdmin(UnscopedAdmin):",
            ),
            Edit(
                "billing/admin.py",
                "from core.admin import OrganizationScopedAdmin\n",
                "from core.admin import OrganizationScopedAdmin\n"
                "from core.admin import UnscopedAdmin\n",
            ),
        ),
        test_files=(ADMIN, CUSTOMER_ADMIN),
        caught_by=(
            "test_invoice_admin_autocomplete_of_customer_offers_staff_only_rows_they_manage",
            "test_invoice_admin_offers_staff_only_customer_rows_they_manage",
            "test_customer_admin_changelist_shows_staff_only_rows_they_manage",
        ),
    ),
    Mutation(
        id="unscoped_autocomplete",
        edits=(
            Edit(
                "core/admin.py",
                'return queryset.filter(pk__in=field.queryset.values("pk"))',
                "return queryset",
            ),
        ),
        test_files=(BOOK_ADMIN,),
        caught_by=("test_book_admin_autocomplete_of_curator_offers_staff_only_rows_they_manage",),
    ),
]
