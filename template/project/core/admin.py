"""Admin base classes: rows scoped to what staff manage, and the API's write rules kept.

- Superusers see every row; other staff only rows of organizations they administer (or their
  own rows, for rows that belong to a user), in changelists, forms, foreign-key choices,
  autocomplete searches and actions.
- Writes validate like the services (`full_clean()`, so core.scoping's invariant too); adding a
  row calls the model admin's `create()` (the domain's create service) when it has one.
- Transitions are actions that call the transition services: the same lock and state check,
  and a message for every row they could not move.
"""

from collections.abc import Callable
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any
from typing import cast

from django import forms
from django.contrib import admin
from django.contrib import messages
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F
from django.db.models import ForeignKey
from django.db.models import Model
from django.db.models import QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.forms import ModelChoiceField
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse

from accounts.models import User
from core.exceptions import TransitionNotAllowed
from core.scoping import scope_value
from core.services import model_save
from tenancy.models import Organization
from tenancy.roles import Role
from tenancy.roles import role_at_least

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

# Autocomplete results of several scopes carry their scope's name under this annotation.
SCOPE_LABEL = "admin_scope_label"


def organizations_administered_by(user: Any) -> QuerySet[Organization]:
    """The organizations in which the user is an admin or the owner."""
    return Organization.objects.filter(
        memberships__user=user, memberships__role__in=(Role.ADMIN, Role.OWNER)
    )


class AdminSite(admin.AdminSite):
    """The project's admin site: autocomplete searches scoped like the fields they fill."""

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        """Answer autocomplete widgets with exactly the rows their form field accepts."""
        view = ScopedAutocompleteJsonView.as_view(admin_site=self)
        return cast(HttpResponse, view(request))  # a JsonResponse


class ScopedAutocompleteJsonView(AutocompleteJsonView):
    """Autocomplete results: the target admin's search, limited to the source field's choices.

    Django searches the target model admin's rows and asks for view permission on it. Here the
    results are also limited to the rows the source form field would accept (for staff: rows
    they manage; for a user foreign key: members of their organizations), and whoever may add
    or change the source model may search them: exactly what a select box would offer.
    """

    def has_perm(self, request: HttpRequest, obj: Model | None = None) -> bool:
        """Whoever fills in the source form may search its choices."""
        source_admin = self._source_admin()
        if source_admin is None:
            return super().has_perm(request, obj)
        return source_admin.has_add_permission(request) or source_admin.has_change_permission(
            request
        )

    def get_queryset(self) -> QuerySet[Any]:
        """The target admin's search results that the source field accepts."""
        queryset = super().get_queryset()
        related = self.model_admin.list_select_related  # what the results' __str__ follows
        if isinstance(related, list | tuple) and related:
            queryset = queryset.select_related(*related)
        target_admin = self.model_admin
        if isinstance(target_admin, ScopedAdmin) and target_admin.shows_scope(self.request):
            queryset = queryset.annotate(**{SCOPE_LABEL: F(target_admin.scope_label_lookup)})
        source_admin = self._source_admin()
        if source_admin is None:
            return queryset
        field = source_admin.formfield_for_foreignkey(self.source_field, self.request)
        if field is None or field.queryset is None:
            return queryset.none()
        return queryset.filter(pk__in=field.queryset.values("pk"))

    def serialize_result(self, obj: Model, to_field_name: str) -> dict[str, Any]:
        """Each result as its __str__, with its organization (or owner) when several show."""
        result = super().serialize_result(obj, to_field_name)
        label = getattr(obj, SCOPE_LABEL, None)
        if label is not None:
            result["text"] = f"{result['text']} · {label}"
        return result

    def _source_admin(self) -> admin.ModelAdmin | None:
        if self.admin_site is None:
            return None
        try:
            return self.admin_site.get_model_admin(self.source_field.model)
        except NotRegistered:
            return None


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A foreign key's changelist filter: only the rows the change form offers for it.

    Django's own filter lists every row of the target model, another organization's too, and
    runs a query per row when their __str__ follows a relation. This one lists what
    `formfield_for_foreignkey` allows (the staff member's rows), selected with what the target
    admin selects for its own __str__.
    """

    def field_choices(
        self, field: Any, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> "list[tuple[str, str | StrPromise]]":
        formfield = model_admin.formfield_for_foreignkey(field, request)
        if formfield is None or formfield.queryset is None:
            return []
        queryset = formfield.queryset
        target_admin = _registered_admin(model_admin.admin_site, field.related_model)
        related = getattr(target_admin, "list_select_related", None)
        if isinstance(related, list | tuple) and related:
            queryset = queryset.select_related(*related)
        if ordering := self.field_admin_ordering(field, request, model_admin):
            queryset = queryset.order_by(*ordering)
        return [(str(obj.pk), str(obj)) for obj in queryset]


class UnscopedAdmin(admin.ModelAdmin):
    """Admin of rows that belong to no one: reference data every staff member may manage.

    Generated admins set `add_fields` (the scope and the create service's fields) and define
    `create(obj)` to call the create service; `readonly_fields` names the fields only
    transitions change.
    """

    # URLs typed without a scheme are https (Django 6 default; silences its 5.x warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    add_fields: Sequence[str] = ()
    create: Callable[[Any], Any] | None = None

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> list[Any]:
        """Adding asks for what the create service takes; changing shows every field."""
        if obj is None and self.add_fields:
            return list(self.add_fields)
        return list(super().get_fields(request, obj))

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        """A foreign key named in list_filter offers only rows the staff member may see."""
        filters = []
        for entry in super().get_list_filter(request):
            field = self._foreign_key(entry) if isinstance(entry, str) else None
            filters.append((entry, ScopedRelatedFieldListFilter) if field else entry)
        return filters

    def _foreign_key(self, name: str) -> ForeignKey | None:
        try:
            field = self.opts.get_field(name)
        except FieldDoesNotExist:
            return None
        return field if isinstance(field, ForeignKey) else None

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        """Save through the service layer: the same validation as the API."""
        save_row(self, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Save inline rows one by one through the service layer, like the parent row."""
        child_admin = _registered_admin(self.admin_site, formset.model)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            save_row(child_admin, obj)
        formset.save_m2m()

    def run_transition(
        self,
        request: HttpRequest,
        queryset: QuerySet[Any],
        move: Callable[[Any], Any],
        *,
        target: str,
        role: str,
    ) -> None:
        """Move each selected row with `move` (a transition service); report every row.

        Each row is its own transaction: the service locks it, re-checks its state and either
        moves it or refuses, so one refused row never undoes the others. `role` is the API's
        role for the transition, required in the row's organization from staff.
        """
        moved: list[str] = []
        allowed = self.organizations_with_role(request, role)
        for obj in queryset:
            if allowed is not None and self.scope_id(obj) not in allowed:
                self.message_user(
                    request,
                    f"{obj} was not moved to {target}: it takes the {role} role in its "
                    "organization.",
                    messages.ERROR,
                )
                continue
            try:
                moved_row = move(obj)
            except TransitionNotAllowed as exc:
                self.message_user(
                    request, f"{obj} was not moved to {target}: {exc.message}", messages.ERROR
                )
            except Http404:
                message = f"{obj} was not moved to {target}: it no longer exists."
                self.message_user(request, message, messages.ERROR)
            else:
                # The row as the service left it: a __str__ may show the state that just changed.
                moved.append(str(moved_row if moved_row is not None else obj))
        if moved:
            plural = self.opts.verbose_name if len(moved) == 1 else self.opts.verbose_name_plural
            self.message_user(
                request,
                f"Moved {len(moved)} {plural} to {target}: {', '.join(moved)}.",
                messages.SUCCESS,
            )

    def organizations_with_role(self, request: HttpRequest, role: str) -> set[Any] | None:
        """Ids of the organizations where the staff member holds `role`; None: no limit."""
        return None

    def scope_id(self, obj: Model) -> Any:
        """The id of the organization or owner the row belongs to."""
        return None


class ScopedAdmin(UnscopedAdmin):
    """What organization- and owner-scoped admins share.

    `scope_lookup` is the ORM path from the model to its organization or owner; by default the
    model's SCOPE_LOOKUP (e.g. "invoice__organization" for invoice lines).
    """

    scope_lookup = ""

    def __init__(self, model: type[Model], admin_site: admin.AdminSite) -> None:
        super().__init__(model, admin_site)
        if not self.scope_lookup:
            self.scope_lookup = getattr(model, "SCOPE_LOOKUP", None) or self.scope_field_name()

    def scope_field_name(self) -> str:
        raise NotImplementedError

    @property
    def scope_label_lookup(self) -> str:
        raise NotImplementedError

    @property
    def scope_field(self) -> str | None:
        """The model's own scope field ("organization"), None when scoped through a parent."""
        return None if LOOKUP_SEP in self.scope_lookup else self.scope_lookup

    def shows_scope(self, request: HttpRequest) -> bool:
        """Whether the changelist shows and filters by the scope (several scopes in view)."""
        return bool(request.user.is_superuser)

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        """The scope as the second column when rows of several scopes are listed."""
        columns = list(super().get_list_display(request))
        if self.shows_scope(request) and self.scope_lookup not in columns:
            columns.insert(1, self.scope_lookup)
        return columns

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        """Filter by the scope when rows of several scopes are listed."""
        filters = list(super().get_list_filter(request))
        if self.shows_scope(request):
            filters.insert(0, (self.scope_lookup, admin.RelatedOnlyFieldListFilter))
        return filters

    def get_list_select_related(self, request: HttpRequest) -> Any:
        """Select the scope with the rows when it is a column."""
        related = self.list_select_related
        if not self.shows_scope(request):
            return related
        declared = list(related) if isinstance(related, list | tuple) else []
        return [*declared, self.scope_lookup]

    def get_autocomplete_fields(self, request: HttpRequest) -> list[str]:
        """Staff pick their scope from a short select; superusers search every organization."""
        fields = list(super().get_autocomplete_fields(request))
        if not request.user.is_superuser and self.scope_field in fields:
            fields.remove(self.scope_field)
        return fields

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        """An existing row stays in its scope (core.scoping refuses moves anyway)."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.scope_field and self.scope_field not in fields:
            fields.append(self.scope_field)
        return fields

    def scope_id(self, obj: Model) -> Any:
        """The id of the organization or owner the row belongs to."""
        return scope_value(obj, self.scope_lookup)


class OrganizationScopedAdmin(ScopedAdmin):
    """Superusers see every row; other staff only rows of organizations they administer."""

    @property
    def scope_label_lookup(self) -> str:
        """What names a row's organization in autocomplete results."""
        return f"{self.scope_lookup}__name"

    def scope_field_name(self) -> str:
        return "organization"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        """Rows the staff member may manage."""
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.scope_lookup}__in": organizations_administered_by(request.user)}
        )

    def shows_scope(self, request: HttpRequest) -> bool:
        """Superusers, and staff who administer more than one organization."""
        if request.user.is_superuser:
            return True
        if not hasattr(request, "_administered_count"):
            request._administered_count = organizations_administered_by(request.user).count()  # type: ignore[attr-defined]
        return bool(request._administered_count > 1)  # type: ignore[attr-defined]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """Staff who administer one organization find it already chosen."""
        initial = super().get_changeform_initial_data(request)
        if self.scope_field and not request.user.is_superuser and self.scope_field not in initial:
            organizations = list(organizations_administered_by(request.user)[:2])
            if len(organizations) == 1:
                initial[self.scope_field] = str(organizations[0].pk)
        return initial

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        """Offer only the organizations the staff member administers, and their rows."""
        if db_field.name == self.scope_field and not request.user.is_superuser:
            kwargs["queryset"] = organizations_administered_by(request.user)
        else:
            limit_to_managed_rows(self, db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def organizations_with_role(self, request: HttpRequest, role: str) -> set[Any] | None:
        """Ids of the organizations where the staff member holds `role` (superusers: all)."""
        if request.user.is_superuser or role not in Role.values:
            return None
        memberships = request.user.memberships.values_list("organization_id", "role")  # type: ignore[union-attr]
        return {org for org, held in memberships if role_at_least(held, role)}


class OwnerScopedAdmin(ScopedAdmin):
    """Superusers see every row; other staff only their own."""

    @property
    def scope_label_lookup(self) -> str:
        """What names a row's owner in autocomplete results."""
        return f"{self.scope_lookup}__{User.USERNAME_FIELD}"

    def scope_field_name(self) -> str:
        return "owner"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        """Rows the staff member may manage."""
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.scope_lookup: request.user})

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """Staff add rows of their own."""
        initial = super().get_changeform_initial_data(request)
        if self.scope_field and not request.user.is_superuser:
            initial.setdefault(self.scope_field, str(request.user.pk))
        return initial

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        """Offer only the staff member as owner, and their own rows."""
        user = request.user
        if db_field.name == self.scope_field and user.is_authenticated and not user.is_superuser:
            kwargs["queryset"] = User.objects.filter(pk=user.pk)
        else:
            limit_to_managed_rows(self, db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AddedRowForm(forms.ModelForm):
    """An inline row someone added is saved even when it keeps every default value.

    Django skips an extra form nobody changed; with `extra = 0` every extra form is one the
    user added with "Add another", so a row of defaults (a child whose only field is a boolean
    left at true) is meant, not noise.
    """

    def has_changed(self) -> bool:
        return self.instance._state.adding or super().has_changed()


class ScopedInline(admin.TabularInline):
    """Rows scoped through their parent, edited on the parent's page.

    Foreign-key choices are scoped like the rows' own admin; saving goes through the parent
    admin's save_formset, so through the service layer and core.scoping.
    """

    form = AddedRowForm
    extra = 0
    show_change_link = True
    formfield_overrides = UnscopedAdmin.formfield_overrides

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        """Choices as the rows' own admin offers them."""
        limit_to_managed_rows(self, db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def limit_to_managed_rows(
    model_admin: admin.options.BaseModelAdmin,
    db_field: ForeignKey,
    request: HttpRequest,
    kwargs: Any,
) -> None:
    """Scope a foreign key's choices (autocomplete and raw-id inputs too) like the target's admin.

    Without this, staff could type the id of another organization's row into the form. A user
    foreign key offers staff the members of the organizations they administer.
    """
    if request.user.is_superuser or "queryset" in kwargs:
        return
    target = db_field.remote_field.model
    if target is User:
        kwargs["queryset"] = User.objects.filter(
            pk__in=User.objects.filter(
                memberships__organization__in=organizations_administered_by(request.user)
            ).values("pk")
        )
        return
    target_admin = _registered_admin(model_admin.admin_site, target)
    if isinstance(target_admin, ScopedAdmin):
        kwargs["queryset"] = target_admin.get_queryset(request)


def save_row(model_admin: admin.ModelAdmin | None, obj: Model) -> None:
    """Save a row from an admin form: new rows through `create()` when the admin has one."""
    create = getattr(model_admin, "create", None)
    if obj._state.adding and create is not None:
        _adopt(obj, create(obj))
    else:
        model_save(instance=obj)


def _adopt(obj: Model, created: Model) -> None:
    # The admin goes on with the instance its form built (to save inlines, log, redirect):
    # give it the saved row's state.
    for field in obj._meta.concrete_fields:
        setattr(obj, field.attname, getattr(created, field.attname))
    obj._state.adding = False
    obj._state.db = created._state.db


def _registered_admin(site: admin.AdminSite, model: type[Model]) -> Any:
    try:
        return site.get_model_admin(model)
    except NotRegistered:
        return None
