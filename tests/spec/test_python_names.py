"""The reserved-name lists are read off what they guard: Django, DRF and the domain templates."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest

from scaffold._spec.checks.python_names import (
    ADMIN_ATTRIBUTES,
    BODY_NAMES,
    DJANGO_APPS,
    MODEL_ATTRIBUTES,
    PROJECT_PACKAGES,
    SERIALIZER_VALIDATE_NAMES,
    TEMPLATE_IMPORTS,
    VIEW_ATTRIBUTES,
    VIEW_LOCALS,
)

ROOT = Path(__file__).parents[2]
DOMAIN_TEMPLATES = sorted((ROOT / "template/domain").rglob("*.jinja"))
_FROM_IMPORT = re.compile(r"^from (\S+) import (\w+)(?: as (\w+))?$")
_IMPORT = re.compile(r"^import (\w+)$")


@pytest.fixture(scope="module")
def django_classes() -> None:
    django = pytest.importorskip("django")
    from django.conf import settings

    if not settings.configured:
        settings.configure(
            INSTALLED_APPS=[
                *("django.contrib.contenttypes", "django.contrib.auth"),
                *("django.contrib.admin", "django.contrib.messages", "django.contrib.sessions"),
            ]
        )
        django.setup()


def _public(cls: type) -> set[str]:
    return {name for name in dir(cls) if not name.startswith("_")}


def _template_imports() -> dict[str, str]:
    found: dict[str, str] = {}
    for template in DOMAIN_TEMPLATES:
        for line in template.read_text().splitlines():
            line = line.strip()
            if match := _FROM_IMPORT.fullmatch(line):
                found[match[3] or match[2]] = f"{match[1]}.{match[2]}" if match[3] else match[1]
            elif match := _IMPORT.fullmatch(line):
                found[match[1]] = match[1]
    return found


def test_every_attribute_of_a_django_model_is_refused_as_a_field_name(django_classes: None) -> None:
    from django.db import models

    assert _public(models.Model) <= MODEL_ATTRIBUTES


def test_every_attribute_of_a_drf_viewset_is_refused_as_a_transition(django_classes: None) -> None:
    from rest_framework import viewsets

    assert _public(viewsets.ModelViewSet) <= VIEW_ATTRIBUTES


def test_every_attribute_of_a_model_admin_is_refused_as_an_admin_action(
    django_classes: None,
) -> None:
    from django.contrib import admin

    assert _public(admin.ModelAdmin) <= ADMIN_ATTRIBUTES


def test_the_serializer_validate_methods_are_the_ones_listed(django_classes: None) -> None:
    from rest_framework import serializers

    validators = {
        name.removeprefix("validate_")
        for name in _public(serializers.Serializer)
        if name.startswith("validate_")
    }
    assert validators == SERIALIZER_VALIDATE_NAMES


def test_every_name_the_domain_templates_import_is_listed_with_its_module() -> None:
    # Beside the literal imports: the admin bases and the user selector the context picks.
    from_context = {
        "OrganizationScopedAdmin": "core.admin",
        "OwnerScopedAdmin": "core.admin",
        "UnscopedAdmin": "core.admin",
        "organization_user_list": "tenancy.selectors",
    }
    assert _template_imports() | from_context == TEMPLATE_IMPORTS


def test_the_names_used_in_function_bodies_are_imports_the_bodies_read() -> None:
    bodies = "\n".join(
        line
        for template in DOMAIN_TEMPLATES
        for line in template.read_text().splitlines()
        if line.startswith("    ") and not line.lstrip().startswith(("from ", "import ", "#"))
    )
    lowercase = [name for name in TEMPLATE_IMPORTS if name.islower()]
    used = {name for name in lowercase if re.search(rf"\b{name}\b", bodies)}
    assert used >= BODY_NAMES
    # `transaction` only decorates and names a keyword argument: a model `Transaction` is fine.
    assert used - BODY_NAMES <= {"transaction"}


def test_every_package_a_generated_project_installs_is_a_refused_domain() -> None:
    lock = (ROOT / "template/project/uv.lock.jinja").read_text()
    locked = {_normal(name) for name in re.findall(r'^name = "([^"{]+)"', lock, re.MULTILINE)}
    modules = {
        module
        for module, dists in importlib.metadata.packages_distributions().items()
        if any(_normal(dist) in locked for dist in dists) and module.isidentifier()
    }
    assert modules <= PROJECT_PACKAGES


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_view_locals_are_parameters_or_locals_of_the_view_methods() -> None:
    views = (ROOT / "template/domain/views.py.jinja").read_text()
    methods = re.findall(r"    def \w+\((.*?)\) ->.*?(?=\n    \S|\Z)", views, flags=re.DOTALL)
    names = set()
    for method in methods:
        names |= {part.strip().lstrip("*").split(":")[0] for part in method.split(",")}
    names |= set(re.findall(r"^ {8}(\w+) = ", views, flags=re.MULTILINE))
    assert names >= VIEW_LOCALS
    assert "{{ model.snake }} = " in views  # where a model's rows meet these names


def test_the_refused_app_labels_are_the_apps_a_generated_project_installs() -> None:
    settings = (ROOT / "template/project/config/settings/base.py").read_text()
    block = settings[settings.index("DJANGO_APPS = [") : settings.index("LOCAL_APPS = [")]
    labels = {
        "admin" if "AdminConfig" in name else name.rsplit(".", 1)[-1]
        for name in re.findall(r'^\s+"([\w.]+)"', block, flags=re.MULTILINE)
    }
    assert labels == DJANGO_APPS
