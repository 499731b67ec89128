"""Every Python name and URL name the domain generates, computed once and checked for clashes.

The generated modules import each other (views import the models, serializers, services,
selectors and filters; the tests import the factories), so the classes and functions of all
models share one namespace with the templates' own imports. A second owner of a name would
silently replace the first (a transition `line_create` of Order is OrderLine's create service);
here it is an error at the spec key that brings the later name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from keyword import iskeyword

from scaffold._spec.checks._common import KeyPath, spec_problem
from scaffold._spec.checks.constants import EXTERNAL_MODEL, IDENTIFIER, MODEL_NAME, RESERVED_MODELS
from scaffold._spec.checks.python_names import (
    ADMIN_ATTRIBUTES,
    BODY_NAMES,
    TEMPLATE_IMPORTS,
    VIEW_ATTRIBUTES,
    VIEW_LOCALS,
)
from scaffold._spec.naming import kebab, pluralize, snake_case
from scaffold._spec.schema import CRUD_ACTIONS, DomainSpec, ModelSpec
from scaffold.errors import SpecProblem

# Nested classes Django gives every model: a choices class of that name would replace them.
_MODEL_CLASSES = {"Meta", "DoesNotExist", "MultipleObjectsReturned"}
# Names models.py imports and the model's class body uses after its choices classes (a
# decimal field's default and bounds, a range's validators): a choices class of that name
# would hide them there.
_CLASS_BODY_IMPORTS = {"Decimal": "decimal", "MinValueValidator": "django.core.validators"}
_CLASS_BODY_IMPORTS["MaxValueValidator"] = "django.core.validators"


@dataclass
class _Namespace:
    """Names already taken, each with the words for who took it."""

    owners: dict[str, str] = field(default_factory=dict)

    def claim(self, name: str, owner: str, path: KeyPath, tip: str) -> Iterator[SpecProblem]:
        taken = self.owners.get(name)
        if taken is None:
            self.owners[name] = owner
        elif taken != owner:
            yield spec_problem(path, f"'{name}' would name both {taken} and {owner}", tip)


def choices_class(field_name: str) -> str:
    """``payment_method`` -> ``PaymentMethod`` (as the models template names it)."""
    return "".join(part.capitalize() for part in field_name.split("_"))


def check_generated_names(spec: DomainSpec) -> Iterator[SpecProblem]:
    """Clashes between the names the templates derive from the spec, and with their imports."""
    models = _well_named_models(spec)
    yield from _module_names(models, _Namespace())
    yield from _url_names(spec.domain, models)
    for name, model in models.items():
        yield from _choices_classes(name, model)
        yield from _admin_actions(name, model)


def generated_python_names(spec: DomainSpec) -> set[str]:
    """The module-level names the domain's generated code defines or imports from elsewhere
    (tests/spec/test_generated_names.py holds them to what the context builds)."""
    module = _Namespace()
    for _ in _module_names(_well_named_models(spec), module):
        pass
    return set(module.owners) - set(TEMPLATE_IMPORTS)


def _well_named_models(spec: DomainSpec) -> dict[str, ModelSpec]:
    models: dict[str, ModelSpec] = {}
    for name, model in spec.models.items():
        # a malformed, reserved or case-duplicate name is reported by the name checks
        well_named = MODEL_NAME.fullmatch(name) and name not in RESERVED_MODELS
        if well_named and not iskeyword(name) and name.lower() not in map(str.lower, models):
            models[name] = model
    return models


def _module_names(models: dict[str, ModelSpec], module: _Namespace) -> Iterator[SpecProblem]:
    for name, source in TEMPLATE_IMPORTS.items():
        module.owners[name] = f"the {name} the generated code imports from {source}"
    rename = "rename the model (or the other name) so the generated names differ"
    # Whole-model names first, so a clash lands on the optional extra (a transition, a nested
    # read) rather than on the model that was there first.
    for name, model in models.items():
        path: KeyPath = ("models", name)
        for generated, what in _model_names(name, model):
            yield from module.claim(generated, f"the {what} of model {name}", path, rename)
        if (snake := snake_case(name)) in VIEW_LOCALS:
            yield spec_problem(
                path,
                f"model '{name}' names its rows '{snake}' in the generated views, where "
                f"'{snake}' is already a parameter or a local variable",
                "choose another model name",
            )
        elif snake in BODY_NAMES:
            yield spec_problem(
                path,
                f"model '{name}' names its rows '{snake}' in the generated functions, which "
                f"would hide the '{snake}' they import from {TEMPLATE_IMPORTS[snake]}",
                "choose another model name",
            )
    for name, model in models.items():
        yield from _external_names(module, name, model)
        yield from _nested_serializers(module, name, model)
    for name, model in models.items():
        snake = snake_case(name)
        for transition in model.transitions:
            if not _named_well(transition, model):
                continue
            path = ("models", name, "transitions", transition)
            yield from module.claim(
                f"{snake}_{transition}",
                f"the service of transition {name}.{transition}",
                path,
                "rename the transition",
            )


def _model_names(name: str, model: ModelSpec) -> Iterator[tuple[str, str]]:
    snake = snake_case(name)
    yield name, "class"
    yield f"{name}OutputSerializer", "output serializer"
    if model.list_ is not None:
        yield f"{name}ListOutputSerializer", "list serializer"
    if model.create_fields:
        yield f"{name}CreateInputSerializer", "create serializer"
        yield f"{snake}_create", "create service"
    if model.update_fields:
        yield f"{name}UpdateInputSerializer", "update serializer"
        yield f"{snake}_update", "update service"
        yield f"{snake.upper()}_UPDATE_FIELDS", "update whitelist"
    if "destroy" in model.roles:
        yield f"{snake}_delete", "delete service"
    yield f"{snake}_list", "selector"
    yield f"{name}ViewSet", "viewset"
    yield f"{name}Access", "permission class"
    yield f"{name}Filter", "filter set"
    yield f"{name}Admin", "admin class"
    yield f"{name}Inline", "admin inline"
    yield f"{name}Factory", "factory"


def _external_names(module: _Namespace, name: str, model: ModelSpec) -> Iterator[SpecProblem]:
    """A model of another app is imported with its factory and selector."""
    for field_name, spec in model.fields.items():
        if spec.type != "foreign_key" or not EXTERNAL_MODEL.fullmatch(spec.to or ""):
            continue
        app, class_name = (spec.to or "").split(".")
        path = ("models", name, "fields", field_name, "to")
        tip = f"two models named {class_name} cannot both be used here; rename one of them"
        for generated, source in (
            (class_name, f"{app}.models"),
            (f"{class_name}Factory", f"{app}.tests.factories"),
            (f"{snake_case(class_name)}_list", f"{app}.selectors"),
        ):
            owner = f"the {generated} the generated code imports from {source}"
            yield from module.claim(generated, owner, path, tip)


def _nested_serializers(module: _Namespace, name: str, model: ModelSpec) -> Iterator[SpecProblem]:
    """`read: [{customer: [...]}]` makes `<Model><Customer>OutputSerializer`."""
    seen: dict[str, int] = {}
    for key in ("read", "list"):
        for index, item in enumerate(getattr(model, "list_" if key == "list" else key) or []):
            if not isinstance(item, dict) or len(item) != 1:
                continue
            [(field_name, subfields)] = item.items()
            shape = f"{field_name}:{','.join(subfields)}"
            if shape in seen:
                continue
            suffix = "" if not any(s.startswith(f"{field_name}:") for s in seen) else str(len(seen))
            seen[shape] = index
            yield from module.claim(
                f"{name}{choices_class(field_name)}{suffix}OutputSerializer",
                f"the serializer of {name}'s nested {field_name}",
                ("models", name, key, index),
                "rename the foreign key or the model whose serializer has the same name",
            )


def _url_names(domain: str, models: dict[str, ModelSpec]) -> Iterator[SpecProblem]:
    """Route names (`<domain>-<model>-list`, one per action) and URL segments (the plural)."""
    names = _Namespace()
    segments = _Namespace()
    for name in models:
        base = f"{domain}-{kebab(name)}"
        path: KeyPath = ("models", name)
        for route in ("list", "detail"):
            tip = "rename one of the models"
            yield from names.claim(f"{base}-{route}", f"the {route} route of {name}", path, tip)
        segment = kebab(pluralize(snake_case(name)))
        yield from segments.claim(
            segment,
            f"the URL /{segment}/ of {name}",
            path,
            "rename one of the models: their plurals are the same",
        )
    for name, model in models.items():
        base = f"{domain}-{kebab(name)}"
        for transition in model.transitions:
            if not _named_well(transition, model):
                continue
            yield from names.claim(
                f"{base}-{transition.replace('_', '-')}",
                f"the route of transition {name}.{transition}",
                ("models", name, "transitions", transition),
                "rename the transition: Django's reverse() would find only one of the two",
            )


def _choices_classes(name: str, model: ModelSpec) -> Iterator[SpecProblem]:
    """Each choice field has a nested TextChoices class on the model: `status` -> Status."""
    seen: dict[str, str] = {}
    for field_name, spec in model.fields.items():
        if spec.type != "choice" or not IDENTIFIER.fullmatch(field_name):
            continue
        path = ("models", name, "fields", field_name)
        cls = choices_class(field_name)
        if cls in _MODEL_CLASSES:
            yield spec_problem(
                path,
                f"choice field '{field_name}' would get the choices class {name}.{cls}, "
                f"which replaces Django's {name}.{cls}",
                "choose another field name",
            )
        elif cls in _CLASS_BODY_IMPORTS:
            # fuzz seed 240123: Decimal("2.0") in the body made a choice of the class instead
            yield spec_problem(
                path,
                f"choice field '{field_name}' would get the choices class {name}.{cls}, which "
                f"hides {_CLASS_BODY_IMPORTS[cls]}.{cls} in the model's class body",
                f"choose another field name, such as '{field_name}_kind'",
            )
        elif cls in seen:
            yield spec_problem(
                path,
                f"choice fields '{seen[cls]}' and '{field_name}' would both get the choices "
                f"class {name}.{cls}",
                "rename one of them",
            )
        seen.setdefault(cls, field_name)


def _admin_actions(name: str, model: ModelSpec) -> Iterator[SpecProblem]:
    """A transition is also an admin action, a method `<transition>_<plural>` of the admin."""
    plural = pluralize(snake_case(name))
    for transition in model.transitions:
        if not _named_well(transition, model):
            continue
        method = f"{transition}_{plural}"
        if method in ADMIN_ATTRIBUTES:
            yield spec_problem(
                ("models", name, "transitions", transition),
                f"transition '{transition}' becomes the admin action {method}, which would "
                f"replace ModelAdmin.{method}",
                "rename the transition",
            )


def _named_well(transition: str, model: ModelSpec) -> bool:
    """A transition name the transition checks accept (the others are reported there)."""
    return (
        IDENTIFIER.fullmatch(transition) is not None
        and not iskeyword(transition)
        and transition not in CRUD_ACTIONS
        and transition not in VIEW_ATTRIBUTES
        and transition not in model.fields
    )
