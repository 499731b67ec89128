"""The derived domain model: every relation of a checked spec resolved once.

Each model knows its scope root and lookup path, the foreign keys it holds (forward), the ones
other models hold to it (reverse), and what its selectors fetch along. The per-file shapes
(serializers, services, filters, admin, tests, ...) read from here instead of walking the spec
again, so a new construct is resolved in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from scaffold._context.fields import Target
from scaffold._context.relations import SCOPE_FIELDS, scope_lookup, scope_root, target_of
from scaffold._spec.naming import snake_case
from scaffold._spec.schema import (
    DomainSpec,
    FieldSpec,
    ModelSpec,
    ParentScope,
    UniqueConstraintSpec,
)


@dataclass(frozen=True)
class ForwardRelation:
    """A foreign key this model holds."""

    field: str
    spec: FieldSpec
    target: Target


@dataclass(frozen=True)
class ReverseRelation:
    """A foreign key another model of the domain holds to this one."""

    model: str  # the model holding the foreign key
    field: str  # the foreign key's name on that model
    spec: FieldSpec


@dataclass(frozen=True)
class UniqueSet:
    """Fields unique together within the model's scope (the scope fields lead the constraint)."""

    fields: list[str]
    scope_fields: list[str]  # organization, owner or the parent foreign key; none if unscoped
    name: str | None  # the constraint name the spec gives, if any
    writable: bool  # every field is writable on create
    across_scopes: bool = False  # within: global on a scoped model (no scope fields)

    @property
    def reported(self) -> str:
        """The field a clash is reported on: the last one."""
        return self.fields[-1]


@dataclass
class DerivedModel:
    """One model of the domain with its relations resolved."""

    name: str
    spec: ModelSpec
    root: str  # tenant, owner or none: where the chain of parents ends
    scope_lookup: str | None  # ORM path to the scope field: ``invoice__organization``
    forward: dict[str, ForwardRelation]  # in field order
    reverse: list[ReverseRelation] = field(default_factory=list)

    @property
    def snake(self) -> str:
        return snake_case(self.name)

    @property
    def scope(self) -> str:
        """tenant, owner, none or parent: what the spec says, not where the chain ends."""
        return "parent" if isinstance(self.spec.scope, ParentScope) else self.spec.scope

    @property
    def parent_field(self) -> str | None:
        return self.spec.scope.parent if isinstance(self.spec.scope, ParentScope) else None

    @property
    def scope_kwarg(self) -> str | None:
        """The selector argument naming the caller's scope: organization, owner or none."""
        return SCOPE_FIELDS.get(self.root)

    @property
    def scope_field(self) -> str | None:
        """The scope foreign key the model holds itself (parent-scoped models hold none)."""
        return None if self.parent_field else SCOPE_FIELDS.get(self.root)

    @property
    def targets(self) -> dict[str, Target]:
        """Foreign key name -> where it points."""
        return {name: relation.target for name, relation in self.forward.items()}

    @cached_property
    def unique_sets(self) -> list[UniqueSet]:
        """Unique fields and unique constraints, each field group once, in spec order."""
        model = self.spec
        groups = [[f] for f, s in model.fields.items() if s.unique]
        groups += [list(c.unique) for c in model.constraints if isinstance(c, UniqueConstraintSpec)]
        names = {
            tuple(c.unique): c.name
            for c in model.constraints
            if isinstance(c, UniqueConstraintSpec) and c.name
        }
        across = {
            tuple(c.unique)
            for c in model.constraints
            if isinstance(c, UniqueConstraintSpec) and c.within == "global"
        }
        result: list[UniqueSet] = []
        seen: set[tuple[str, ...]] = set()
        for fields in groups:
            if tuple(fields) in seen:
                continue
            seen.add(tuple(fields))
            prefix = [p for p in (self.parent_field or self.scope_field,) if p and p not in fields]
            global_ = tuple(fields) in across and bool(prefix)
            result.append(
                UniqueSet(
                    fields=fields,
                    scope_fields=[] if global_ else prefix,
                    name=names.get(tuple(fields)),
                    writable=all(f in model.create_fields for f in fields),
                    across_scopes=global_,
                )
            )
        return result

    @cached_property
    def select_related(self) -> list[str]:
        """Relations the output serializers nest: fetched in the same query, never one per row."""
        related: list[str] = []
        for item in [*self.spec.read, *(self.spec.list_ or [])]:
            if isinstance(item, dict):
                name = next(iter(item))
                if name not in related:
                    related.append(name)
        return related


@dataclass
class DerivedDomain:
    """The whole domain: its spec and each model's derived view of it."""

    spec: DomainSpec
    models: dict[str, DerivedModel]
    # The project's other domains, as last generated: what a foreign key into one follows.
    others: dict[str, DomainSpec] = field(default_factory=dict)
    _derived_others: dict[str, DerivedDomain | None] = field(
        default_factory=dict, repr=False, compare=False
    )
    # Answers derived from the domain by the test shapes (row room, links spared or reused),
    # by question: they recurse through the foreign keys and ask the same ones again.
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.spec.domain

    def other(self, app: str) -> DerivedDomain | None:
        """Another domain of the project, derived (once); None when its spec is not known."""
        if app not in self._derived_others:
            spec = self.others.get(app)
            self._derived_others[app] = (
                None
                if spec is None or app == self.name
                else derive_domain(spec, {k: v for k, v in self.others.items() if k != app})
            )
        return self._derived_others[app]

    def external_scope_lookup(self, target: Target) -> str:
        """The ORM path from another domain's model to its organization: ``organization``, or
        through its parents (``ward__organization``) when that domain's spec is known."""
        other = self.other(target.app)
        if other is not None and target.model in other.models:
            return other.models[target.model].scope_lookup or "organization"
        return "organization"

    def targets(self) -> list[Target]:
        """Every foreign key's target, in spec order (repeats included)."""
        return [t for model in self.models.values() for t in model.targets.values()]

    def target_row(self, target: Target, scope: str, *, reuse: bool = False) -> str:
        """Source creating a row of ``target`` inside ``scope`` (a variable in the test);
        ``reuse``: the scope's existing row, made only when it has none (row_in_scope)."""
        if target.root == "user":
            return f"MembershipFactory(organization={scope}).user"
        if not target.local:
            lookup: str | None = self.external_scope_lookup(target)
        else:
            lookup = self.models[target.model].scope_lookup
        arguments = [target.factory] if reuse else []
        if lookup is not None:
            arguments.append(f"{lookup}={scope}")
        if reuse:
            return f"row_in_scope({', '.join(arguments)})"
        return f"{target.factory}({', '.join(arguments)})"


def derive_domain(spec: DomainSpec, others: dict[str, DomainSpec] | None = None) -> DerivedDomain:
    """Resolve every model's scope and relations of a checked spec, once.

    ``others`` are the project's other domains (their recorded specs): a foreign key into one
    follows that domain's models, e.g. what their ``__str__`` selects.
    """
    models: dict[str, DerivedModel] = {}
    targets: dict[str, Target] = {}
    for name, model in spec.models.items():
        forward = {}
        for field_name, field_spec in model.fields.items():
            if field_spec.type == "foreign_key" and field_spec.to:
                if field_spec.to not in targets:
                    targets[field_spec.to] = target_of(spec, field_spec.to)
                forward[field_name] = ForwardRelation(
                    field_name, field_spec, targets[field_spec.to]
                )
        models[name] = DerivedModel(
            name=name,
            spec=model,
            root=scope_root(spec, name),
            scope_lookup=scope_lookup(spec, name),
            forward=forward,
        )
    for name, model in models.items():
        for relation in model.forward.values():
            if relation.target.local and relation.target.model in models:
                models[relation.target.model].reverse.append(
                    ReverseRelation(name, relation.field, relation.spec)
                )
    return DerivedDomain(spec=spec, models=models, others=dict(others or {}))
