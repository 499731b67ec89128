"""Declarations of one spec field as a model field, a serializer field and a filter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from scaffold._context.pycode import LINE_LENGTH, call, literal, string
from scaffold._spec.naming import snake_case, words
from scaffold._spec.schema import FieldSpec

STRING_TYPES = ("string", "email", "url", "choice", "text")
DEFAULT_MAX_LENGTH = {"string": 255, "email": 254, "url": 200}
INT_MIN, INT_MAX = -2147483648, 2147483647  # IntegerField's range on every supported database


@dataclass(frozen=True)
class Target:
    """Where a foreign key points and how to reach that model's rows in scope."""

    model: str  # class name
    app: str  # app label of the target
    module: str  # where the class is imported from
    local: bool  # a model of the domain being generated
    selector: str | None  # scoped list selector, None when the target is unscoped
    selector_module: str | None
    factory: str
    factory_module: str
    root: str  # scope root of the target: tenant, owner, none, user

    @property
    def reference(self) -> str:
        """What goes into ``ForeignKey(...)`` as the target."""
        if self.root == "user":
            return "settings.AUTH_USER_MODEL"
        return string(self.model) if self.local else string(f"{self.app}.{self.model}")


def choices_class(field_name: str) -> str:
    """``payment_method`` -> ``PaymentMethod``: the TextChoices class of a choice field."""
    return "".join(part.capitalize() for part in field_name.split("_"))


def choice_items(spec: FieldSpec) -> list[tuple[str, str]]:
    if isinstance(spec.choices, dict):
        return list(spec.choices.items())
    return [(value, value.replace("_", " ").capitalize()) for value in spec.choices or []]


def max_length(spec: FieldSpec) -> int | None:
    if spec.type == "choice":
        longest = max((len(value) for value, _ in choice_items(spec)), default=1)
        return spec.max_length or max(32, longest)
    if spec.type in DEFAULT_MAX_LENGTH:
        return spec.max_length or DEFAULT_MAX_LENGTH[spec.type]
    return None


def decimal_shape(spec: FieldSpec) -> tuple[int, int]:
    return spec.max_digits or 12, spec.decimal_places if spec.decimal_places is not None else 2


def is_required(spec: FieldSpec) -> bool:
    """Must a caller send this field on create?"""
    if spec.required is not None:
        return spec.required
    return not (spec.has_default or spec.null or spec.type == "boolean")


def bound(spec: FieldSpec, value: Any) -> str:
    if spec.type == "decimal":
        return literal(Decimal(str(value)))
    return literal(int(value))


def default_source(name: str, spec: FieldSpec, owner: str = "") -> str | None:
    """Python source of the model default, or None when the field has none.

    ``owner`` prefixes the choices class outside the model body (``Invoice.Status.DRAFT``).
    """
    if spec.type == "choice" and spec.has_default:
        prefix = f"{owner}." if owner else ""
        return f"{prefix}{choices_class(name)}.{str(spec.default).upper()}"
    if spec.has_default:
        if spec.type == "json":
            return _json_default(spec.default)
        if spec.type == "decimal" and spec.default is not None:
            return literal(Decimal(str(spec.default)))
        if spec.type in ("date", "datetime") and spec.default is not None:
            return moment_source(spec.default, qualified=not owner)
        return literal(spec.default)
    if spec.type == "boolean":
        return "False"
    if spec.type in ("string", "text", "email", "url") and not is_required(spec) and not spec.null:
        return '""'
    return None


def moment_source(value: dt.date, *, qualified: bool) -> str:
    """A date or an aware datetime (naive ones are read as UTC).

    ``qualified`` for models.py (``import datetime``), else for services.py, which imports
    ``date``, ``datetime`` and ``UTC`` from datetime.
    """
    prefix = "datetime." if qualified else ""
    if isinstance(value, dt.datetime):
        parts = [value.year, value.month, value.day, value.hour, value.minute, value.second]
        if value.microsecond:
            parts.append(value.microsecond)
        value = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        offset = value.utcoffset() or dt.timedelta(0)
        if offset:
            zone = f"{prefix}timezone({prefix}timedelta(seconds={int(offset.total_seconds())}))"
        else:
            zone = f"{prefix}UTC"
        arguments = ", ".join(str(part) for part in parts)
        return f"{prefix}datetime({arguments}, tzinfo={zone})"
    return f"{prefix}date({value.year}, {value.month}, {value.day})"


def _json_default(value: Any) -> str:
    """A callable, as Django wants (fields.E010): rows never share one mutable default."""
    if value == {}:
        return "dict"
    if value == []:
        return "list"
    if isinstance(value, dict | list):
        return f"functools.partial(copy.deepcopy, {literal(value)})"
    return literal(value)


def model_declaration(name: str, spec: FieldSpec, target: Target | None, model_name: str) -> str:
    """``name = models.X(...)`` at class-body indentation."""
    kwargs: list[str] = []
    if spec.type == "foreign_key":
        assert target is not None
        kwargs.append(target.reference)
        kwargs.append(f"on_delete=models.{spec.on_delete.upper()}")
        related = spec.related_name or "+"
        kwargs.append(f"related_name={string(related)}")
    if spec.type == "decimal":
        digits, places = decimal_shape(spec)
        kwargs += [f"max_digits={digits}", f"decimal_places={places}"]
    length = max_length(spec)
    if length is not None:
        kwargs.append(f"max_length={length}")
    if spec.type == "choice":
        kwargs.append(f"choices={choices_class(name)}.choices")
    default = default_source(name, spec)
    if default is not None:
        kwargs.append(f"default={default}")
    if spec.null:
        kwargs.append("null=True")
    if spec.null or (
        not is_required(spec) and spec.type in ("string", "text", "email", "url", "json")
    ):
        kwargs.append("blank=True")
    validators = []
    if spec.min is not None:
        validators.append(f"MinValueValidator({bound(spec, spec.min)})")
    if spec.max is not None:
        validators.append(f"MaxValueValidator({bound(spec, spec.max)})")
    if spec.type == "uuid":
        validators.append("validate_storable_uuid")  # what MariaDB refuses, refused everywhere
    if validators:
        inline = f"validators=[{', '.join(validators)}]"
        if len(f"        {inline},") > LINE_LENGTH:  # one validator a line (found by the fuzzer)
            inline = (
                "validators=[\n" + "".join(f"            {v},\n" for v in validators) + "        ]"
            )
        kwargs.append(inline)
    if spec.verbose_name:
        kwargs.append(f"verbose_name={string(spec.verbose_name)}")
    if spec.help_text:
        kwargs.append(f"help_text={string(spec.help_text)}")
    declaration = call(f"{name} = models.{MODEL_CLASSES[spec.type]}(", kwargs, indent=4)
    if spec.null and spec.type in ("string", "text", "email", "url"):
        # DJ001 warns of two "no value"s; InputSerializer stores a blank input as null.
        first, newline, rest = declaration.partition("\n")
        comment = '    # Blank is stored as NULL, the one "no value" (see core.serializers).'
        return f"{comment}\n{first}  # noqa: DJ001{newline}{rest}"
    return declaration


MODEL_CLASSES = {
    "string": "CharField",
    "text": "TextField",
    "integer": "IntegerField",
    "decimal": "DecimalField",
    "boolean": "BooleanField",
    "date": "DateField",
    "datetime": "DateTimeField",
    "email": "EmailField",
    "url": "URLField",
    "uuid": "UUIDField",
    "choice": "CharField",
    "json": "JSONField",
    "foreign_key": "ForeignKey",
}

SERIALIZER_CLASSES = {
    "string": "CharField",
    "text": "CharField",
    "integer": "IntegerField",
    "decimal": "DecimalField",
    "boolean": "BooleanField",
    "date": "DateField",
    "datetime": "DateTimeField",
    "email": "EmailField",
    "url": "URLField",
    "uuid": "UUIDField",
    "choice": "ChoiceField",
    "json": "JSONField",
}


def input_declaration(name: str, spec: FieldSpec, target: Target | None, model_name: str) -> str:
    """The input-serializer field: the same bounds the model and database enforce."""
    kwargs: list[str] = []
    if spec.type == "foreign_key":
        assert target is not None
        if target.selector:
            head = "ScopedPrimaryKeyRelatedField("
            kwargs.append(f"selector={target.selector}")
        else:
            head = "serializers.PrimaryKeyRelatedField("
            kwargs.append(f"queryset={target.model}.objects.all()")
    else:
        head = f"serializers.{SERIALIZER_CLASSES[spec.type]}("
    if spec.type == "decimal":
        digits, places = decimal_shape(spec)
        kwargs += [f"max_digits={digits}", f"decimal_places={places}"]
    if spec.type == "choice":
        kwargs.append(f"choices={model_name}.{choices_class(name)}.choices")
    length = max_length(spec)
    if length is not None and spec.type != "choice":
        kwargs.append(f"max_length={length}")
    if spec.type in ("integer", "decimal"):
        low = spec.min if spec.min is not None else (INT_MIN if spec.type == "integer" else None)
        high = spec.max if spec.max is not None else (INT_MAX if spec.type == "integer" else None)
        if low is not None:
            kwargs.append(f"min_value={bound(spec, low)}")
        if high is not None:
            kwargs.append(f"max_value={bound(spec, high)}")
    if not is_required(spec):
        kwargs.append("required=False")
    if spec.null:
        kwargs.append("allow_null=True")
    if spec.type in ("string", "text", "email", "url") and not is_required(spec):
        kwargs.append("allow_blank=True")
    return call(f"{name} = {head}", kwargs, indent=4)


ANNOTATIONS = {
    "string": "str",
    "text": "str",
    "integer": "int",
    "decimal": "Decimal",
    "boolean": "bool",
    "date": "date",
    "datetime": "datetime",
    "email": "str",
    "url": "str",
    "uuid": "UUID",
    "choice": "str",
    "json": "Any",
}


def annotation(spec: FieldSpec, target: Target | None) -> str:
    base = target.model if spec.type == "foreign_key" and target else ANNOTATIONS[spec.type]
    return f"{base} | None" if spec.null and base != "Any" else base


def service_default(name: str, spec: FieldSpec, model_name: str) -> str | None:
    """Default of an optional service argument (the model's default, or None when nullable)."""
    if is_required(spec):
        return None
    source = default_source(name, spec, owner=model_name)
    if source in ("dict", "list") or (source or "").startswith("functools.partial("):
        return None  # a mutable default: the argument becomes ``X | None = None``
    if source is not None:
        return source
    return "None"


def verbose(name: str, spec: FieldSpec) -> str:
    return spec.verbose_name or words(snake_case(name))
