"""The spec file's schema: what a domain spec may say, checked key by key.

Unknown keys are rejected everywhere, so a typo is an error rather than a silently
ignored option. Cross-references (a whitelisted field that does not exist, a foreign key
to an unknown model, ...) are checked afterwards in ``checks/``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    field_validator,
)

FIELD_TYPES = (
    "string",
    "text",
    "integer",
    "decimal",
    "boolean",
    "date",
    "datetime",
    "email",
    "url",
    "uuid",
    "choice",
    "json",
    "foreign_key",
)
FieldType = Literal[
    "string",
    "text",
    "integer",
    "decimal",
    "boolean",
    "date",
    "datetime",
    "email",
    "url",
    "uuid",
    "choice",
    "json",
    "foreign_key",
]
OnDelete = Literal["protect", "cascade", "restrict", "set_null"]
Role = Literal["public", "authenticated", "staff", "member", "admin", "owner"]
CRUD_ACTIONS = ("list", "retrieve", "create", "update", "destroy")

Number = StrictInt | Annotated[Decimal, Field(strict=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class FieldSpec(_Strict):
    """One model field."""

    type: FieldType
    required: StrictBool | None = None
    null: StrictBool = False
    default: Any = None
    unique: StrictBool = False
    min: Number | None = None
    max: Number | None = None
    max_length: StrictInt | None = Field(default=None, ge=1)
    max_digits: StrictInt | None = Field(default=None, ge=1, le=38)
    decimal_places: StrictInt | None = Field(default=None, ge=0)
    choices: list[StrictStr] | dict[StrictStr, StrictStr] | None = None
    to: StrictStr | None = None
    on_delete: OnDelete = "protect"
    related_name: StrictStr | None = None
    help_text: StrictStr = ""
    verbose_name: StrictStr | None = None
    # Update-time instructions (see checks/evolution.py): they shape the next migration only.
    renamed_from: StrictStr | None = Field(
        default=None, description="The field's former name: `scaffold update` renames its column."
    )
    backfill: Any = Field(
        default=None,
        description="One-off value for existing rows when the field becomes required (or loses "
        "a choice a row holds): a value, {from: <foreign key path>} or {user: <username>}.",
    )

    @field_validator("default", "backfill")
    @classmethod
    def _naive_moments_are_utc(cls, value: Any) -> Any:
        # The generated models read a naive datetime as UTC; the samples compared with it
        # must too (fuzz seed 160167: a naive default minus an aware sample).
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value

    @property
    def has_default(self) -> bool:
        return "default" in self.model_fields_set

    @property
    def has_backfill(self) -> bool:
        return "backfill" in self.model_fields_set


class ParentScope(_Strict):
    """Rows are scoped through a foreign key to another scoped model of the domain."""

    parent: StrictStr


Scope = Literal["tenant", "owner", "none"] | ParentScope


class WriteSpec(_Strict):
    """Separate write whitelists for create and update."""

    create: list[StrictStr] = []
    update: list[StrictStr] = []


class UniqueConstraintSpec(_Strict):
    unique: list[StrictStr] = Field(min_length=1)
    name: StrictStr | None = None
    within: Literal["scope", "global"] = Field(
        default="scope",
        description="scope (the default): unique per organization, owner or parent; global: "
        "unique across the whole table, so a clash with another scope's row is a 400 too.",
    )


class CheckConstraintSpec(_Strict):
    check: StrictStr
    message: StrictStr | None = None
    name: StrictStr | None = None


ConstraintSpec = UniqueConstraintSpec | CheckConstraintSpec


class TransitionSpec(_Strict):
    """A state change of a choice field: from some states to one, by a role."""

    field: StrictStr
    from_: list[StrictStr] = Field(alias="from", min_length=1)
    to: StrictStr
    role: Role


class AdminSpec(_Strict):
    list_display: list[StrictStr] | None = None
    search: list[StrictStr] | None = None
    list_filter: list[StrictStr] | None = None


ReadItem = StrictStr | dict[StrictStr, list[StrictStr]]


class ModelSpec(_Strict):
    """One model of the domain and its API."""

    scope: Scope
    verbose_name: StrictStr | None = None
    verbose_name_plural: StrictStr | None = None
    display: StrictStr | list[StrictStr] | None = None
    fields: dict[StrictStr, FieldSpec] = Field(min_length=1)
    read: list[ReadItem] = Field(min_length=1)
    list_: list[ReadItem] | None = Field(default=None, alias="list")
    write: list[StrictStr] | WriteSpec = []
    roles: dict[StrictStr, Role] = {}
    constraints: list[ConstraintSpec] = []
    indexes: list[list[StrictStr]] = []
    filters: list[StrictStr] = []
    search: list[StrictStr] = []
    ordering: list[StrictStr] = []
    default_ordering: list[StrictStr] = []
    admin: AdminSpec = AdminSpec()
    transitions: dict[StrictStr, TransitionSpec] = {}
    renamed_from: StrictStr | None = Field(
        default=None, description="The model's former name: `scaffold update` renames its table."
    )
    backfill: dict[StrictStr, Any] = Field(
        default={},
        description="One-off values of the scope field (organization or owner) for existing "
        "rows when the scope changes: {from: <foreign key path>}, {user: <username>} or "
        "{organization: <slug>}.",
    )

    @field_validator("fields", mode="before")
    @classmethod
    def _expand_shorthand(cls, value: Any) -> Any:
        """Let ``name: string`` stand for ``name: {type: string}``."""
        if isinstance(value, dict):
            return {
                name: {"type": spec} if isinstance(spec, str) else spec
                for name, spec in value.items()
            }
        return value

    @property
    def create_fields(self) -> list[str]:
        return list(self.write.create if isinstance(self.write, WriteSpec) else self.write)

    @property
    def update_fields(self) -> list[str]:
        return list(self.write.update if isinstance(self.write, WriteSpec) else self.write)


class DomainSpec(_Strict):
    """A whole domain: one Django app."""

    domain: StrictStr
    description: StrictStr = ""
    models: dict[StrictStr, ModelSpec] = Field(min_length=1)
