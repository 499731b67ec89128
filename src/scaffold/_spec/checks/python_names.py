"""Names the generated code already uses, so a spec name must not take them.

Each list is read off what it guards, not guessed: tests/spec/test_python_names.py compares
them with Django's and DRF's classes and with the imports of the domain templates, so a new
import or a new Django attribute fails a test until it is listed here.
"""

from __future__ import annotations

import sys

# Attributes of every Django model (dir(models.Model), public): a field of that name replaces
# the method (`clean_fields` makes every save a 500), a related_name replaces it on the target.
MODEL_ATTRIBUTES = frozenset(
    {
        *("adelete", "arefresh_from_db", "asave", "check", "clean", "clean_fields"),
        *("date_error_message", "delete", "from_db", "full_clean", "get_constraints"),
        *("get_deferred_fields", "pk", "prepare_database_save", "refresh_from_db", "save"),
        *("save_base", "serializable_value", "unique_error_message", "validate_constraints"),
        *("validate_unique", "objects", "DoesNotExist", "MultipleObjectsReturned"),
    }
)
# Attributes of the project's user model (AbstractUser) a related_name to user must not take.
USER_ATTRIBUTES = frozenset(
    {
        *("username", "first_name", "last_name", "email", "password", "is_staff", "is_active"),
        *("is_superuser", "last_login", "date_joined", "groups", "user_permissions"),
        *("get_username", "natural_key", "is_anonymous", "is_authenticated", "set_password"),
        *("check_password", "set_unusable_password", "has_usable_password"),
        *("get_session_auth_hash", "get_full_name", "get_short_name", "email_user"),
        *("get_user_permissions", "get_group_permissions", "get_all_permissions"),
        *("has_perm", "has_perms", "has_module_perms", "normalize_username"),
        *("get_email_field_name", "logentry", "auth_token"),
    }
)
# Names the generated model, serializer, filter and factory class bodies read while they are
# being defined: a field of that name, declared first, hides the module for the fields after.
CLASS_BODY_NAMES = frozenset(
    {"models", "settings", "serializers", "filters", "factory", "copy", "functools", "datetime"}
)
# DRF calls `validate_<field>` on a serializer; a field `empty_values` would have its value run
# through Serializer.validate_empty_values (a tuple comes back).
SERIALIZER_VALIDATE_NAMES = frozenset({"empty_values"})
# Every model's __init__ takes `self` first: Model(self=...) is a TypeError.
INIT_PARAMETERS = frozenset({"self"})
# Query parameters the generated list endpoints already read: a filter of that name is unusable.
QUERY_PARAMETERS = frozenset({"page", "page_size", "search", "ordering", "format"})

# Attributes of the generated viewset (DRF's ModelViewSet, scaffold's core viewsets and what the
# template declares): a transition becomes a method of that name and would replace it. HTTP
# method names are here too: DRF dispatches a GET to a method called `get`.
VIEW_ATTRIBUTES = frozenset(
    {
        *("allowed_methods", "as_view", "authentication_classes", "check_object_permissions"),
        *("check_permissions", "check_throttles", "content_negotiation_class", "create"),
        *("default_response_headers", "destroy", "determine_version", "dispatch"),
        *("filter_backends", "filter_queryset", "finalize_response", "get_authenticate_header"),
        *("get_authenticators", "get_content_negotiator", "get_exception_handler"),
        *("get_exception_handler_context", "get_extra_action_url_map", "get_extra_actions"),
        *("get_format_suffix", "get_object", "get_paginated_response", "get_parser_context"),
        *("get_parsers", "get_permissions", "get_queryset", "get_renderer_context"),
        *("get_renderers", "get_serializer", "get_serializer_class", "get_serializer_context"),
        *("get_success_headers", "get_throttles", "get_view_description", "get_view_name"),
        *("handle_exception", "http_method_names", "http_method_not_allowed", "initial"),
        *("initialize_request", "list", "lookup_field", "lookup_url_kwarg", "metadata_class"),
        *("options", "paginate_queryset", "pagination_class", "paginator", "parser_classes"),
        *("partial_update", "perform_authentication", "perform_content_negotiation"),
        *("perform_create", "perform_destroy", "perform_update", "permission_classes"),
        *("permission_denied", "queryset", "raise_uncaught_exception", "renderer_classes"),
        *("retrieve", "reverse_action", "schema", "serializer_class", "settings", "setup"),
        *("throttle_classes", "throttled", "update", "versioning_class", "view_is_async"),
        # set on each instance by DRF's as_view and dispatch
        *("action", "action_map", "args", "kwargs", "request", "response", "headers"),
        *("format_kwarg", "basename", "detail", "suffix", "name", "description"),
        # scaffold's core viewsets and the generated class body
        *("get_scope", "filterset_class", "search_fields", "ordering_fields", "ordering"),
        *("extend_schema",),
        # HTTP methods
        *("get", "post", "put", "patch", "delete", "head", "trace", "connect"),
    }
)
# Attributes of the generated ModelAdmin (Django's and scaffold's core admin): a transition's
# admin action is a method `<transition>_<plural>` of it.
ADMIN_ATTRIBUTES = frozenset(
    {
        *("action_checkbox", "action_form", "actions", "actions_on_bottom", "actions_on_top"),
        *("actions_selection_counter", "add_form_template", "add_view", "autocomplete_fields"),
        *("change_form_template", "change_list_template", "change_view", "changeform_view"),
        *("changelist_view", "check", "checks_class", "construct_change_message"),
        *("date_hierarchy", "delete_confirmation_template", "delete_model", "delete_queryset"),
        *("delete_selected_confirmation_template", "delete_view", "exclude", "fields"),
        *("fieldsets", "filter_horizontal", "filter_vertical", "form"),
        *("formfield_for_choice_field", "formfield_for_dbfield", "formfield_for_foreignkey"),
        *("formfield_for_manytomany", "formfield_overrides", "get_action", "get_action_choices"),
        *("get_actions", "get_autocomplete_fields", "get_changeform_initial_data"),
        *("get_changelist", "get_changelist_form", "get_changelist_formset"),
        *("get_changelist_instance", "get_deleted_objects", "get_empty_value_display"),
        *("get_exclude", "get_field_queryset", "get_fields", "get_fieldsets", "get_form"),
        *("get_formset_kwargs", "get_formsets_with_inlines", "get_inline_formsets"),
        *("get_inline_instances", "get_inlines", "get_list_display", "get_list_display_links"),
        *("get_list_filter", "get_list_select_related", "get_model_perms", "get_object"),
        *("get_ordering", "get_paginator", "get_prepopulated_fields", "get_preserved_filters"),
        *("get_queryset", "get_readonly_fields", "get_search_fields", "get_search_results"),
        *("get_sortable_by", "get_urls", "get_view_on_site_url", "has_add_permission"),
        *("has_change_permission", "has_delete_permission", "has_module_permission"),
        *("has_view_or_change_permission", "has_view_permission", "history_view", "inlines"),
        *("list_display", "list_display_links", "list_editable", "list_filter"),
        *("list_max_show_all", "list_per_page", "list_select_related", "log_addition"),
        *("log_change", "log_deletion", "log_deletions", "lookup_allowed", "media"),
        *("message_user", "object_history_template", "ordering", "paginator"),
        *("popup_response_template", "prepopulated_fields", "preserve_filters", "radio_fields"),
        *("raw_id_fields", "readonly_fields", "render_change_form", "render_delete_form"),
        *("response_action", "response_add", "response_change", "response_delete"),
        *("response_post_save_add", "response_post_save_change", "save_as", "save_as_continue"),
        *("save_form", "save_formset", "save_model", "save_on_top", "save_related"),
        *("search_fields", "search_help_text", "show_facets", "show_full_result_count"),
        *("sortable_by", "to_field_allowed", "urls", "view_on_site"),
        # scaffold's core admin classes
        *("run_transition", "organizations_with_role", "scope_id", "scope_lookup"),
        *("scope_field_name", "scope_label_lookup", "scope_field", "shows_scope", "create"),
    }
)

# Every name the domain templates import (`from x import Name`), with where it comes from: a
# model, service or serializer of the same name would shadow it in the generated modules.
TEMPLATE_IMPORTS = {
    "Any": "typing",
    "APIClient": "rest_framework.test",
    "ActionRolePermission": "core.permissions",
    "AppConfig": "django.apps",
    "ApplicationError": "core.exceptions",
    "CaptureQueriesContext": "django.test.utils",
    "Callable": "collections.abc",
    "Client": "django.test",
    "ContentType": "django.contrib.contenttypes.models",
    "Decimal": "decimal",
    "HttpRequest": "django.http",
    "InputSerializer": "core.serializers",
    "IntegrityError": "django.db",
    "Mapping": "collections.abc",
    "MaxValueValidator": "django.core.validators",
    "MembershipFactory": "tenancy.tests.factories",
    "MinValueValidator": "django.core.validators",
    "Organization": "tenancy.models",
    "OrganizationFactory": "tenancy.tests.factories",
    "OrganizationScopedAdmin": "core.admin",
    "OrganizationViewSet": "core.viewsets",
    "OwnerScopedAdmin": "core.admin",
    "OwnerViewSet": "core.viewsets",
    "Permission": "django.contrib.auth.models",
    "QuerySet": "django.db.models",
    "Request": "rest_framework.request",
    "RequestFactory": "django.test",
    "Response": "rest_framework.response",
    "Role": "tenancy.roles",
    "ScopedFilterSet": "core.filters",
    "ScopedInline": "core.admin",
    "ScopedModelChoiceFilter": "core.filters",
    "ScopedPrimaryKeyRelatedField": "core.serializers",
    "SimpleRouter": "rest_framework.routers",
    "UTC": "datetime",
    "TransitionNotAllowed": "core.exceptions",
    "UUID": "uuid",
    "UnscopedAdmin": "core.admin",
    "UnscopedViewSet": "core.viewsets",
    "User": "accounts.models",
    "UserFactory": "tenancy.tests.factories",
    "ValidationError": "django.core.exceptions",
    "action": "rest_framework.decorators",
    "admin": "django.contrib",
    "admin_form_data": "core.testing",
    "connection": "django.db",
    "constraint_field": "core.validation",
    "copy": "copy",
    "date": "datetime",
    "datetime": "datetime",
    "error_fields": "core.testing",
    "extend_schema": "drf_spectacular.utils",
    "factory": "factory",
    "filters": "django_filters.rest_framework",
    "functools": "functools",
    "get_messages": "django.contrib.messages",
    "include": "django.urls",
    "model_delete": "core.services",
    "model_save": "core.services",
    "model_transition": "core.services",
    "model_update": "core.services",
    "organization_user_list": "tenancy.selectors",
    "models": "django.db",
    "path": "django.urls",
    "pytest": "pytest",
    "request_body_schema": "core.testing",
    "response_body_schema": "core.testing",
    "reverse": "django.urls",
    "row_in_scope": "core.testing",
    "serializers": "rest_framework",
    "settings": "django.conf",
    "snapshot": "core.testing",
    "status": "rest_framework",
    "threading": "threading",
    "timedelta": "datetime",
    "timezone": "datetime",
    "transaction": "django.db",
    "unused_value": "core.testing",
    "uuid": "uuid",
    "validate_scope": "core.scoping",
    "validate_storable_uuid": "core.validators",
}
# Imported lowercase names the generated functions use in their bodies, where each model's
# snake-case name is a local variable: a model `Status` makes `status = ...` hide
# rest_framework's `status` in the views. (`transaction` only decorates, so `Transaction` is fine.)
BODY_NAMES = frozenset(
    {
        *("status", "action", "admin", "factory", "pytest", "threading", "connection"),
        *("reverse", "include", "path", "models", "model_save", "model_update"),
        *("model_delete", "model_transition", "snapshot", "error_fields", "admin_form_data"),
        *("get_messages", "request_body_schema", "response_body_schema", "validate_scope"),
        "constraint_field",
    }
)

# Parameters and locals of the generated view methods that also assign each model's snake-case
# name (`invoice = self.get_object()`): a model `Serializer` would be its own update's input.
VIEW_LOCALS = frozenset({"self", "request", "args", "kwargs", "serializer"})

# Top-level modules of the packages a generated project installs (template/project/uv.lock):
# a domain app of that name would be imported instead of the package, or the other way round.
PROJECT_PACKAGES = frozenset(
    {
        *("asgiref", "attr", "attrs", "colorama", "dj_database_url", "django", "django_filters"),
        *("dotenv", "drf_spectacular", "drf_spectacular_sidecar", "factory", "faker"),
        *("gunicorn", "inflection", "iniconfig", "jsonschema", "jsonschema_specifications"),
        *("knox", "packaging", "pathspec", "platformdirs", "pluggy", "psycopg"),
        *("psycopg_binary", "py", "pygments", "pymysql", "pytest", "pytest_django"),
        *("referencing", "rest_framework", "rpds", "ruff", "sqlparse", "typing_extensions"),
        *("uritemplate", "whitenoise", "yaml", "mypy", "mypy_extensions", "mypyc"),
        *("pre_commit", "pre_commit_hooks", "nodeenv", "distlib", "filelock", "tzdata"),
        *("ruamel", "cfgv", "identify", "django_stubs_ext", "virtualenv", "librt"),
        *("python_discovery", "ast_serialize", "_pytest", "_yaml"),
    }
)
# Labels of the apps a generated project installs (config/settings/base.py): app labels are
# unique in a project, so a domain cannot take one.
DJANGO_APPS = frozenset(
    {"admin", "auth", "contenttypes", "sessions", "messages", "staticfiles"}
    | {"rest_framework", "knox", "django_filters", "drf_spectacular", "drf_spectacular_sidecar"}
)
# Files and packages at the root of a generated project, importable like a domain would be.
PROJECT_MODULES = frozenset(
    {"core", "tenancy", "accounts", "config", "conftest", "manage", "tests", "test", "specs"}
)
STDLIB_MODULES = frozenset(sys.stdlib_module_names)
