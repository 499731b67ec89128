"""Seeded random valid specs drawn from the whole spec schema.

``generate_case(seed)`` is deterministic: the same seed gives the same case on every machine.
A case is one fuzzed domain, sometimes preceded by a small companion domain that the fuzzed one
points into (foreign keys to ``app.Model``). Every spec drawn passes the loader; where the
loader would refuse one, the generator is what is wrong (tests/specfuzz/test_generator.py).

What is drawn: every field type and option (null, default, unique, min/max, max_length from
small to large, decimal shapes, choices as lists and labelled mappings), hostile help texts,
verbose names, labels and check messages; every scope with parent chains up to three links;
several foreign keys to one model, to the user and to another domain, set_null and nullable
ones, self references; unique and check constraints, named and not; indexes; filters, search
and ordering, also across relations; admin options; transitions; roles with actions left out;
names at the databases' identifier limits and names the generated code also uses.
"""

from __future__ import annotations

import datetime as dt
import keyword
import random
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Any

from scaffold._spec.checks.constants import (
    MAX_CONSTRAINT_NAME,
    RESERVED_MODELS,
    ROLES_BY_ROOT,
    SCAFFOLD_FIELDS,
    TARGET_ROOTS,
)
from scaffold._spec.checks.constraints import field_keeps_a_value, field_value_count
from scaffold._spec.checks.limits import MAX_KEY_CHARACTERS, varchar_length
from scaffold._spec.checks.python_names import (
    BODY_NAMES,
    CLASS_BODY_NAMES,
    MODEL_ATTRIBUTES,
    QUERY_PARAMETERS,
    SERIALIZER_VALIDATE_NAMES,
    TEMPLATE_IMPORTS,
    VIEW_LOCALS,
)
from scaffold._spec.expressions import comparison_holds, parse_check
from scaffold._spec.naming import snake_case
from scaffold._spec.schema import CRUD_ACTIONS, FieldSpec
from tests.specfuzz import words
from tests.specfuzz.words import MAX_COLUMN, MAX_FK_FIELD, camel, long_identifier, text

VALUE_TYPES = (
    "string", "text", "integer", "decimal", "boolean", "date", "datetime", "email", "url",
    "uuid", "choice", "json",
)  # fmt: skip
TEXT_LIKE = ("string", "text", "email", "url", "choice")
# Strings from one character up (issue 8 finding 3: factories fit short max_lengths).
MIN_STRING_LENGTH = 1
# Optional unique strings (finding 4: blank ones are stored as null and never collide).
OPTIONAL_UNIQUE_STRINGS = True
# null: true on string-like fields (finding 2: the model keeps them without ruff's DJ001).
NULLABLE_STRINGS = True
# Check messages long enough to be wrapped (finding 2: E501), with '%' (finding 5).
MESSAGE_LENGTH = 120
PERCENT_IN_MESSAGES = True
# The longest names drawn. The databases keep 63 characters (a column; a foreign key's name
# + "_id": words.MAX_COLUMN, MAX_FK_FIELD); generated test names and docstrings are fitted to
# 100 columns (scaffold._fit_lines), other lines that quote names (URL names, messages) not
# yet everywhere: names are drawn up to these lengths.
NAME_LIMITS = {"domain": 20, "model": 28, "field": 32, "transition": 24, "choice": 32}
# Model and field verbose names go into docstrings: the same E501, so they stay short.
SHORT_TEXT = 16
# Parent links drawn at most this deep (finding 1: __str__ chains are selected).
MAX_PARENT_LINKS = 3


@dataclass
class Case:
    """What one seed gives: domain specs in install order, the fuzzed one last."""

    seed: int
    specs: list[dict[str, Any]]

    @property
    def domains(self) -> list[str]:
        return [spec["domain"] for spec in self.specs]


@dataclass
class _Model:
    name: str
    root: str  # tenant, owner, none
    depth: int  # parent links to the root
    spec: dict[str, Any]
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)


# Choice field names whose TextChoices class the loader refuses (checks/collisions.py).
CHOICES_CLASSES_REFUSED = (
    *("Meta", "DoesNotExist", "MultipleObjectsReturned"),
    *("Decimal", "MinValueValidator", "MaxValueValidator"),
)


def generate_case(seed: int) -> Case:
    rng = random.Random(seed)
    domain = _domain_name(rng, seed)
    specs = []
    external: list[str] = []
    # Sizes are small on purpose: a model costs about a hundred generated tests, and many
    # small specs find more than a few big ones in the same time.
    if rng.random() < 0.2:
        companion = _Domain(rng, f"fz{seed}_ext", models=rng.choice((1, 1, 2)), roots=("tenant",))
        specs.append(companion.spec())
        external = [f"{companion.name}.{m.name}" for m in companion.models if m.root == "tenant"]
    # The generated code imports an external target by its class name: it must differ.
    taken = {target.rpartition(".")[2] for target in external}
    fuzzed = _Domain(
        rng, domain, models=rng.choice((1, 1, 2, 2, 3, 3, 4)), external=external, taken=taken
    )
    specs.append(fuzzed.spec())
    return Case(seed, specs)


def _domain_name(rng: random.Random, seed: int) -> str:
    head = f"fz{seed}"
    roll = rng.random()
    if roll < 0.2:  # long: tables, indexes and constraints named after it get close to limits
        return long_identifier(rng, head, NAME_LIMITS["domain"])
    if roll < 0.5:
        return f"{head}_{rng.choice(words.NOUNS)}"[: NAME_LIMITS["domain"]].rstrip("_")
    return head


class _Domain:
    def __init__(
        self,
        rng: random.Random,
        name: str,
        *,
        models: int,
        roots: tuple[str, ...] = ("tenant", "tenant", "tenant", "owner", "none"),
        external: list[str] | None = None,
        taken: set[str] | None = None,
    ) -> None:
        self.rng, self.name, self.external = rng, name, external or []
        self.taken = {name.lower() for name in taken or ()}
        self.models: list[_Model] = []
        self.constraint_names: set[str] = set()
        self.related_names: set[tuple[str, str]] = set()
        for _ in range(models):
            self._add_model(roots)

    def spec(self) -> dict[str, Any]:
        spec: dict[str, Any] = {"domain": self.name}
        if self.rng.random() < 0.5:
            spec["description"] = text(self.rng, "A fuzzed domain.")
        spec["models"] = {m.name: m.spec for m in self.models}
        return spec

    # --- models ---------------------------------------------------------------------------

    def _model_name(self) -> str:
        rng, taken = self.rng, {m.name.lower() for m in self.models} | self.taken
        for _ in range(100):
            roll = rng.random()
            if roll < 0.15:
                name = camel(long_identifier(rng, rng.choice(words.NOUNS), NAME_LIMITS["model"]))
            elif roll < 0.4:
                name = rng.choice(words.RISKY_MODELS)
            else:
                name = rng.choice(words.MODEL_WORDS)
            usable = name not in RESERVED_MODELS and name not in TEMPLATE_IMPORTS
            usable = usable and snake_case(name) not in BODY_NAMES | VIEW_LOCALS
            if name.lower() not in taken and usable:
                return name
        return f"Model{len(self.models)}"

    def _add_model(self, roots: tuple[str, ...]) -> None:
        rng = self.rng
        name = self._model_name()
        parents = [m for m in self.models if m.root != "none" and m.depth < MAX_PARENT_LINKS]
        parent = rng.choice(parents) if parents and rng.random() < 0.45 else None
        root = parent.root if parent else rng.choice(roots)
        model = _Model(name, root, parent.depth + 1 if parent else 0, {})
        scope: Any = root
        if parent:
            parent_field = self._field_name(model, foreign_key=True, hint=parent.name)
            model.fields[parent_field] = self._foreign_key(model, parent.name, parent=True)
            scope = {"parent": parent_field}
        for _ in range(rng.choice((1, 2, 3, 4, 5, 6))):
            kind = rng.choice(VALUE_TYPES)
            name = self._field_name(model)
            if kind == "choice" and camel(name) in CHOICES_CLASSES_REFUSED:
                kind = "string"  # the loader refuses its choices class (Meta, Decimal, ...)
            model.fields[name] = _value_field(rng, kind)
        self._add_foreign_keys(model)
        model.spec = {"scope": scope}
        if rng.random() < 0.3:
            model.spec["verbose_name"] = text(rng, "a thing", SHORT_TEXT)
            if rng.random() < 0.7:
                model.spec["verbose_name_plural"] = text(rng, "things", SHORT_TEXT)
        self._finish(model, parent_field if parent else None)
        self.models.append(model)

    def _field_name(self, model: _Model, *, foreign_key: bool = False, hint: str = "") -> str:
        rng, taken = self.rng, set(model.fields)
        for _ in range(100):
            roll = rng.random()
            if roll < 0.1:
                limit = MAX_FK_FIELD if foreign_key else MAX_COLUMN
                limit = min(limit, NAME_LIMITS["field"])
                name = long_identifier(rng, rng.choice(words.NOUNS), limit)
            elif roll < 0.35:
                name = rng.choice(words.RISKY_FIELDS)
            elif hint and roll < 0.7:
                name = snake_case(hint)
            else:
                name = rng.choice(words.NOUNS)
                if rng.random() < 0.3:
                    name = f"{name}_{rng.choice(words.NOUNS)}"
            if _usable_field_name(name, taken):
                return name
        return f"field_{len(taken)}"

    def _foreign_key(self, model: _Model, to: str, *, parent: bool = False) -> dict[str, Any]:
        rng = self.rng
        spec: dict[str, Any] = {"type": "foreign_key", "to": to}
        if parent:
            spec["on_delete"] = rng.choice(("cascade", "cascade", "protect", "restrict", None))
        else:
            if rng.random() < 0.4:
                spec["null"] = True
                if rng.random() < 0.7:
                    spec["required"] = False
                spec["on_delete"] = rng.choice(("set_null", "set_null", "cascade", "protect"))
            else:
                spec["on_delete"] = rng.choice(("protect", "cascade", "restrict", None))
        if spec["on_delete"] is None:
            del spec["on_delete"]
        if rng.random() < 0.4:
            related = f"{snake_case(model.name)}_{rng.choice(words.NOUNS)}_set"
            related = related[: MAX_COLUMN - 1].rstrip("_")
            if (to, related) not in self.related_names:
                self.related_names.add((to, related))
                spec["related_name"] = related
        if rng.random() < 0.2:
            spec["help_text"] = text(rng, "Where it belongs.")
        return spec

    def _add_foreign_keys(self, model: _Model) -> None:
        rng = self.rng
        local = [m.name for m in self.models if m.root in TARGET_ROOTS[model.root]]
        targets = list(local)
        if model.root == "tenant":
            targets += ["user", *self.external]
        if not targets:
            return
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            to = rng.choice(targets)
            if rng.random() < 0.3:  # several foreign keys to one model
                same = [f["to"] for f in model.fields.values() if f["type"] == "foreign_key"]
                to = rng.choice(same) if same else to
            name = self._field_name(model, foreign_key=True, hint=to.rpartition(".")[2])
            model.fields[name] = self._foreign_key(model, to)
            target = self._local(to)
            links = [
                f
                for f in model.fields.values()
                if f.get("to") == to and not (f.get("null") and f.get("required") is False)
            ]
            if target is not None and _few_rows(target) and len(links) > 1:
                # A scope holds few of the target's rows: one required link to it per row
                # (README, Limitations; fuzz seed 131008: three links, room for four).
                model.fields[name].update(null=True, required=False, on_delete="set_null")
        if rng.random() < 0.1:  # a tree: a nullable reference to the model itself
            name = self._field_name(model, foreign_key=True, hint="parent")
            self_ref = self._foreign_key(model, model.name)
            self_ref.update(null=True, required=False, on_delete="set_null")
            model.fields[name] = self_ref

    # --- the API and the rest of a model ----------------------------------------------------

    def _local(self, name: str) -> _Model | None:
        return next((m for m in self.models if m.name == name), None)

    def _finish(self, model: _Model, parent: str | None) -> None:
        rng, spec, fields = self.rng, model.spec, model.fields
        transitions = self._transitions(model)
        moved = {t["field"] for t in transitions.values()}
        if rng.random() < 0.4:
            shown = [n for n, f in fields.items() if f["type"] != "json"]
            if shown:
                picked = rng.sample(shown, k=min(len(shown), rng.choice((1, 1, 2))))
                spec["display"] = picked[0] if len(picked) == 1 and rng.random() < 0.5 else picked
        spec["fields"] = fields
        spec["read"] = self._read(model)
        if rng.random() < 0.5:
            spec["list"] = [item for item in spec["read"] if rng.random() < 0.6] or ["id"]
        create, update = self._write(model, parent, moved)
        if parent or rng.random() < 0.5 or set(create) != set(update):
            if create or update:
                spec["write"] = {"create": create, "update": update}
        elif create:
            spec["write"] = create
        spec["roles"] = self._roles(model, create, update, transitions)
        constraints = self._constraints(model, moved)
        if constraints:
            spec["constraints"] = constraints
        self._queries(model)
        if transitions:
            spec["transitions"] = transitions

    def _read(self, model: _Model) -> list[Any]:
        rng = self.rng
        items: list[Any] = ["id"]
        for name, spec in model.fields.items():
            if rng.random() < 0.25:
                continue
            target = self._local(spec.get("to", "")) if spec["type"] == "foreign_key" else None
            if target is not None and rng.random() < 0.5:
                nested = [n for n, f in target.fields.items() if f["type"] != "foreign_key"] + [
                    "created_at"
                ]
                items.append({name: ["id", *rng.sample(nested, k=min(len(nested), 2))]})
            else:
                items.append(name)
        items += [n for n in ("created_at", "updated_at") if rng.random() < 0.5]
        rng.shuffle(items)
        return items

    def _write(
        self, model: _Model, parent: str | None, moved: set[str]
    ) -> tuple[list[str], list[str]]:
        rng = self.rng
        writable = [n for n in model.fields if n not in moved]
        create = [n for n in writable if _required(model.fields[n]) or rng.random() < 0.7]
        update = [n for n in create if n != parent and rng.random() < 0.7]
        return create, update

    def _roles(
        self,
        model: _Model,
        create: list[str],
        update: list[str],
        transitions: dict[str, Any],
    ) -> dict[str, str]:
        rng, allowed = self.rng, ROLES_BY_ROOT[model.root]
        roles: dict[str, str] = {}
        for action in (*CRUD_ACTIONS, *transitions):
            if rng.random() < 0.15:
                continue  # an action left out is not offered
            if (action == "create" and not create) or (action == "update" and not update):
                continue
            choices = [r for r in allowed if r != "public" or action in ("list", "retrieve")]
            roles[action] = transitions[action]["role"] if action in transitions else None
            roles[action] = roles[action] or rng.choice(choices)
        if "create" in roles:
            missing = [n for n, f in model.fields.items() if _required(f) and n not in create]
            assert not missing, missing  # _write keeps every required field
        return roles

    def _constraint_name(self, model: _Model, what: str) -> str | None:
        rng = self.rng
        if rng.random() < 0.6:
            return None
        # Django wants constraint names unique in the project, and the loader sees one domain
        # only (/work/wt/fuzz-findings.md F4): the domain's name keeps them apart.
        base = f"{self.name}_{snake_case(model.name)}_{what}"
        if rng.random() < 0.4:
            base = long_identifier(rng, base, MAX_CONSTRAINT_NAME)
        base = base[:MAX_CONSTRAINT_NAME].rstrip("_")
        name, counter = base, 1
        while name in self.constraint_names:
            counter += 1
            name = f"{base[: MAX_CONSTRAINT_NAME - 3]}_{counter}"
        self.constraint_names.add(name)
        return name

    def _constraints(self, model: _Model, moved: set[str]) -> list[dict[str, Any]]:
        rng, fields = self.rng, model.fields
        write = model.spec.get("write") or []
        # What a create (or, without create fields, the admin's add form) can set.
        written = set(write["create"] if isinstance(write, dict) else write)
        written = written or set(fields) - moved
        constraints: list[dict[str, Any]] = []
        uniqueable = [
            n
            for n, f in fields.items()
            if f["type"] not in ("text", "json", "boolean")
            and (OPTIONAL_UNIQUE_STRINGS or f["type"] not in TEXT_LIKE or _required(f))
            and not _few_values(f)
        ]
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            if not uniqueable:
                break
            names = rng.sample(uniqueable, k=min(len(uniqueable), rng.choice((1, 1, 2))))
            if any(set(c.get("unique", ())) == set(names) for c in constraints):
                continue
            if not _fits_a_key(fields, names):
                continue
            if not any(n in written or fields[n].get("null") for n in names):
                continue  # every created row would repeat it: the loader refuses that
            constraint: dict[str, Any] = {"unique": names}
            if name := self._constraint_name(model, "unique"):
                constraint["name"] = name
            if _may_be_global(model, names):
                constraint["within"] = "global"
            constraints.append(constraint)
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            check = _check_expression(rng, fields, moved)
            if check is None or any(c.get("check") == check for c in constraints):
                continue
            if not _defaults_pass(check, fields):
                continue  # the loader refuses a check its fields' defaults break
            if _compares_a_compared_pair(check, constraints):
                continue  # two comparisons of one pair may contradict (the loader refuses)
            if not _leaves_a_value(check, fields, constraints):
                continue  # the checks would forbid every value (the loader refuses)
            constraint = {"check": check}
            if rng.random() < 0.5:
                message = text(rng, "That is not allowed.", MESSAGE_LENGTH)
                constraint["message"] = (
                    message if PERCENT_IN_MESSAGES else message.replace("%", " percent")
                )
            if name := self._constraint_name(model, "check"):
                constraint["name"] = name
            constraints.append(constraint)
        return constraints

    def _queries(self, model: _Model) -> None:
        rng, spec, fields = self.rng, model.spec, model.fields
        filterable = [n for n, f in fields.items() if f["type"] not in ("text", "json")]
        filters = [n for n in filterable if n not in QUERY_PARAMETERS]
        orderable = [*filterable, "id", "created_at", "updated_at"]
        searchable = [n for n, f in fields.items() if f["type"] in TEXT_LIKE]
        for name, f in fields.items():
            target = self._local(f.get("to", "")) if f["type"] == "foreign_key" else None
            if target is not None:
                searchable += [
                    f"{name}__{n}"
                    for n, t in target.fields.items()
                    if t["type"] in ("string", "text", "email")
                ]

        def some(names: list[str], chance: float = 0.6) -> list[str]:
            return [n for n in names if rng.random() < chance] if rng.random() < 0.7 else []

        if chosen := some(filters):
            spec["filters"] = chosen
        if chosen := some(searchable):
            spec["search"] = chosen
        if chosen := some(orderable, 0.4):
            spec["ordering"] = chosen
        if chosen := some(orderable, 0.3):
            spec["default_ordering"] = [f"-{n}" if rng.random() < 0.4 else n for n in chosen]
        indexable = [*fields, "created_at", "updated_at"]
        indexes: list[list[str]] = []
        for _ in range(rng.choice((0, 0, 1, 2))):
            index = rng.sample(indexable, k=min(len(indexable), rng.choice((1, 2, 3))))
            if any(fields.get(n, {}).get("type") in ("text", "json") for n in index):
                continue  # MariaDB cannot index them (the loader refuses; fuzz seed 172014)
            if index not in indexes and _fits_a_key(fields, index):
                indexes.append(index)
        if indexes:
            spec["indexes"] = indexes
        if rng.random() < 0.4:
            admin: dict[str, Any] = {}
            readable = ["id", *fields, "created_at", "updated_at"]
            for key, pool in (
                ("list_display", readable),
                ("search", searchable),
                ("list_filter", filterable),
            ):
                if pool and rng.random() < 0.7:
                    admin[key] = rng.sample(pool, k=min(len(pool), rng.choice((1, 2, 3))))
            if admin:
                spec["admin"] = admin

    def _transitions(self, model: _Model) -> dict[str, Any]:
        rng = self.rng
        transitions: dict[str, Any] = {}
        movable = [
            n
            for n, f in model.fields.items()
            if f["type"] == "choice" and "default" in f and len(f["choices"]) >= 2
        ]
        if not movable or rng.random() < 0.3:
            return transitions
        allowed = [r for r in ROLES_BY_ROOT[model.root] if r != "public"]
        for name in rng.sample(movable, k=min(len(movable), rng.choice((1, 1, 2)))):
            states = list(model.fields[name]["choices"])
            for _ in range(rng.choice((1, 2, 3))):
                verb = rng.choice(words.VERBS)
                if rng.random() < 0.1:
                    verb = long_identifier(rng, verb, NAME_LIMITS["transition"])
                if verb in transitions or verb in model.fields:
                    continue
                to = rng.choice(states)
                sources = [s for s in states if s != to]
                transitions[verb] = {
                    "field": name,
                    "from": rng.sample(sources, k=rng.randint(1, len(sources))),
                    "to": to,
                    "role": rng.choice(allowed),
                }
        return transitions


# --- fields ---------------------------------------------------------------------------------


# Names the loader refuses because the generated code already uses them (python_names.py).
REFUSED_FIELDS = SCAFFOLD_FIELDS | MODEL_ATTRIBUTES | CLASS_BODY_NAMES | SERIALIZER_VALIDATE_NAMES


def _usable_field_name(name: str, taken: set[str]) -> bool:
    return (
        name not in taken
        and name not in REFUSED_FIELDS
        and not keyword.iskeyword(name)
        and "__" not in name
        and not name.endswith(("_", "_id"))
    )


def _few_values(spec: dict[str, Any]) -> bool:
    """A choice or range of fewer than three values: unique, it leaves a scope room for fewer
    rows than the generated tests need besides the query counts (those adapt: issue 8 F7).
    Counted as the loader counts them, digits included (fuzz seed 160114: max_digits 2 and
    max -99 leave -99 alone)."""
    if spec["type"] not in ("choice", "integer", "decimal"):
        return False
    count = field_value_count(FieldSpec.model_validate(spec), [])
    return count is not None and count < 3


def _may_be_global(model: _Model, names: list[str]) -> bool:
    """Unique across scopes (``within: global``) for one set in four where the loader allows
    it: a scoped model, no foreign key, not only choices. Drawn from its own stream, so the
    other draws of a seed stay what they were."""
    kinds = {model.fields[n]["type"] for n in names}
    if model.root == "none" or "foreign_key" in kinds or kinds <= {"choice", "boolean"}:
        return False
    return random.Random(f"{model.name}:{','.join(names)}").random() < 0.25


def _few_rows(model: _Model) -> bool:
    """Do a model's unique sets leave a scope few rows (a set of choices and booleans only)?"""
    fields = model.fields
    sets = [[n] for n, f in fields.items() if f.get("unique")]
    sets += [list(c["unique"]) for c in model.spec.get("constraints", ()) if "unique" in c]
    return any(all(fields[n]["type"] in ("choice", "boolean") for n in names) for names in sets)


def _fits_a_key(fields: dict[str, dict[str, Any]], names: list[str]) -> bool:
    """Do the strings of a unique constraint or index fit one MariaDB index key?"""
    specs = [FieldSpec.model_validate(fields[name]) for name in names if name in fields]
    return sum(varchar_length(spec) or 0 for spec in specs) <= MAX_KEY_CHARACTERS


def _required(spec: dict[str, Any]) -> bool:
    """Must a create send it (as the loader sees it)?"""
    if spec.get("required") is False or spec.get("null") or "default" in spec:
        return False
    return spec["type"] != "boolean"


def _value_field(rng: random.Random, kind: str) -> dict[str, Any]:
    spec: dict[str, Any] = {"type": kind}
    make = {
        "string": _string,
        "email": _string,
        "url": _string,
        "text": _text,
        "integer": _integer,
        "decimal": _decimal,
        "boolean": _boolean,
        "date": _moment,
        "datetime": _moment,
        "uuid": _uuid,
        "choice": _choice,
        "json": _json,
    }[kind]
    make(rng, spec)
    if rng.random() < 0.35:
        spec["help_text"] = text(rng, "Some help.")
    if rng.random() < 0.25:
        spec["verbose_name"] = text(rng, "a label", SHORT_TEXT)
    return spec


def _optional(rng: random.Random, spec: dict[str, Any], default: Any, nullable: bool) -> None:
    """Required, optional with a default, optional and nullable, or a default only."""
    roll = rng.random()
    if roll < 0.5:
        return
    if roll < 0.7:
        spec["required"] = False
        spec["default"] = default
    elif roll < 0.85 and nullable:
        spec["null"] = True
        if rng.random() < 0.7:
            spec["required"] = False
    else:
        spec["default"] = default


def _string(rng: random.Random, spec: dict[str, Any]) -> None:
    kind = spec["type"]
    lengths = {
        "string": (None, MIN_STRING_LENGTH, 8, 20, 64, 120, 255, 1000),
        "email": (None, 60, 120, 254),
        "url": (None, 60, 200, 500),
    }[kind]
    length = rng.choice(lengths)
    if length is not None:
        spec["max_length"] = length
    default = {"string": "", "email": "", "url": ""}[kind]
    if kind == "string" and rng.random() < 0.5:
        default = rng.choice(words.HOSTILE_TEXT)[: length or 255]
    elif kind == "email" and rng.random() < 0.5:
        default = "nobody@example.com"
    elif kind == "url" and rng.random() < 0.5:
        default = "https://example.com/a?b=c&d=%20"
    _optional(rng, spec, default, nullable=NULLABLE_STRINGS)
    if _required(spec) and rng.random() < 0.2 and (length or 255) <= MAX_KEY_CHARACTERS:
        spec["unique"] = True


def _text(rng: random.Random, spec: dict[str, Any]) -> None:
    _optional(rng, spec, rng.choice(("", *words.HOSTILE_TEXT)), nullable=NULLABLE_STRINGS)


def _bounds(rng: random.Random, low: int, high: int) -> tuple[int | None, int | None]:
    points = sorted({low, high, 0, 1, -1, 5, 100, -100, 1000, rng.randint(low, high)})
    points = [p for p in points if low <= p <= high]
    lower = rng.choice([None, *points])
    upper = rng.choice([None, *[p for p in points if lower is None or p >= lower]])
    return lower, upper


def _integer(rng: random.Random, spec: dict[str, Any]) -> None:
    lower, upper = _bounds(rng, -(2**31), 2**31 - 1)
    if lower is not None:
        spec["min"] = lower
    if upper is not None:
        spec["max"] = upper
    _optional(rng, spec, _inside(rng, lower, upper), nullable=True)


def _inside(rng: random.Random, lower: Any, upper: Any) -> Any:
    if lower is not None and upper is not None:
        return rng.choice((lower, upper))
    if lower is not None:
        return lower
    if upper is not None:
        return upper
    return rng.choice((0, 1, 42))


def _decimal(rng: random.Random, spec: dict[str, Any]) -> None:
    digits = rng.choice((None, 1, 2, 5, 8, 12, 20, 38))
    shown_digits = digits or 12
    places = rng.choice((None, 0, 1, 2, 4, shown_digits))
    if places is None and shown_digits < 2:  # the default of 2 places needs 2 digits
        places = shown_digits
    shown_places = 2 if places is None else min(places, shown_digits)
    if digits is not None:
        spec["max_digits"] = digits
    if places is not None:
        spec["decimal_places"] = shown_places
    # Bounds and defaults stay within 15 significant digits: YAML reads them as floats.
    largest = min(10 ** (shown_digits - shown_places) - 1, 10**12)
    lower: Any = None
    upper: Any = None
    if largest < 1:  # every digit after the point: values below 1
        lower = 0 if rng.random() < 0.5 else None
        upper = Decimal("0.5") if rng.random() < 0.5 else None
    else:
        lower, upper = _bounds(rng, -largest, largest)

    def number(value: Any) -> Decimal:
        """The value with every decimal place written out (0 is "0.00" for two places)."""
        with localcontext(prec=80):
            return Decimal(value).quantize(Decimal(1).scaleb(-shown_places))

    if lower is not None:
        spec["min"] = number(lower)
    if upper is not None:
        spec["max"] = number(upper)
    default = _inside(rng, lower, upper)
    if largest < 1 and default not in (lower, upper):
        default = 0  # only values below 1 fit
    _optional(rng, spec, number(default), nullable=True)


def _boolean(rng: random.Random, spec: dict[str, Any]) -> None:
    roll = rng.random()
    if roll < 0.4:
        spec["default"] = rng.choice((True, False))
    elif roll < 0.55:
        spec["required"] = rng.choice((True, False))


def _moment(rng: random.Random, spec: dict[str, Any]) -> None:
    default: Any = dt.date(2024, 2, 29)
    if spec["type"] == "datetime":
        zone = rng.choice((None, dt.UTC, dt.timezone(dt.timedelta(hours=5, minutes=30))))
        default = dt.datetime(2024, 2, 29, 23, 59, 59, tzinfo=zone)
    _optional(rng, spec, default, nullable=True)


def _uuid(rng: random.Random, spec: dict[str, Any]) -> None:
    # Random bits as a version 4 UUID: MariaDB refuses some others (the loader does too).
    _optional(rng, spec, str(uuid.UUID(int=rng.getrandbits(128), version=4)), nullable=True)
    if _required(spec) and rng.random() < 0.4:
        spec["unique"] = True


def _choice(rng: random.Random, spec: dict[str, Any]) -> None:
    states = rng.sample(words.STATES, k=rng.randint(1, 5))
    if rng.random() < 0.1:
        states[0] = long_identifier(rng, states[0], NAME_LIMITS["choice"])
    if rng.random() < 0.5:
        spec["choices"] = {state: text(rng, state.replace("_", " ").title()) for state in states}
    else:
        spec["choices"] = states
    if rng.random() < 0.6:
        spec["default"] = rng.choice(states)
        if rng.random() < 0.3:
            spec["required"] = False


def _json(rng: random.Random, spec: dict[str, Any]) -> None:
    default = rng.choice(({}, [], {"a": [1, 2, {"b": None}]}, ["x", 1.5, True]))
    _optional(rng, spec, default, nullable=True)


def _check_expression(
    rng: random.Random, fields: dict[str, dict[str, Any]], moved: set[str]
) -> str | None:
    """A satisfiable comparison, consistent with the fields' own bounds."""
    numbers = [n for n, f in fields.items() if f["type"] in ("integer", "decimal")]
    unbounded = [n for n in numbers if "min" not in fields[n] and "max" not in fields[n]]
    dates = [n for n, f in fields.items() if f["type"] == "date"]
    moments = [n for n, f in fields.items() if f["type"] == "datetime"]
    words_ = [n for n, f in fields.items() if f["type"] in ("string", "choice") and n not in moved]
    options = []
    if numbers:
        options.append("number")
    for pool in (unbounded, dates, moments):
        if len(pool) >= 2:
            options.append(pool)
    if words_:
        options.append("word")
    if not options:
        return None
    kind = rng.choice(options)
    if isinstance(kind, list):
        left, right = rng.sample(kind, k=2)
        return f"{left} {rng.choice(('>=', '<=', '!=', '>', '<'))} {right}"
    if kind == "number":
        return _number_check(rng, (name := rng.choice(numbers)), fields[name])
    name = rng.choice(words_)
    choices = list(fields[name].get("choices") or [])
    if choices:
        # A state no row may take: any but the default (new rows start there).
        others = [c for c in choices if c != fields[name].get("default")]
        return f"{name} != '{rng.choice(others)}'" if len(others) >= 2 else None
    return f"{name} != 'forbidden'"


def _compares_a_compared_pair(check: str, constraints: list[dict[str, Any]]) -> bool:
    """Does a check already compare the same two fields?"""
    expression = parse_check(check)
    if expression.right_field is None:
        return False
    pair = {expression.left, expression.right_field}
    for constraint in constraints:
        if "check" in constraint:
            other = parse_check(constraint["check"])
            if other.right_field is not None and {other.left, other.right_field} == pair:
                return True
    return False


def _leaves_a_value(
    check: str, fields: dict[str, dict[str, Any]], constraints: list[dict[str, Any]]
) -> bool:
    """Does the field a check compares with a constant keep a value its checks allow?"""
    expression = parse_check(check)
    if expression.right_field is not None:
        return True
    same_field = [
        other
        for other in (parse_check(c["check"]) for c in constraints if "check" in c)
        if other.left == expression.left and other.right_field is None
    ]
    spec = FieldSpec.model_validate(fields[expression.left])
    if not field_keeps_a_value(spec, [*same_field, expression]):
        return False
    unique = spec.unique or any(expression.left in c.get("unique", ()) for c in constraints)
    if spec.type == "choice" and unique:
        # Like _few_values: a unique choice keeps three values (README, Limitations).
        allowed = [
            value
            for value in spec.choices or ()
            if all(
                comparison_holds(value, c.operator, c.right_value)
                for c in [*same_field, expression]
            )
        ]
        return len(allowed) >= 3
    return True


def _defaults_pass(check: str, fields: dict[str, dict[str, Any]]) -> bool:
    """Do the defaults of the check's fields satisfy it (true when a side has none)?"""
    expression = parse_check(check)
    left = fields[expression.left].get("default")
    if expression.right_field is not None:
        right = fields[expression.right_field].get("default")
    else:
        right = expression.right_value
    if left is None or right is None or isinstance(left, (dict, list)):
        return True
    if fields[expression.left]["type"] in ("integer", "decimal"):
        left, right = Decimal(str(left)), Decimal(str(right))
    return comparison_holds(left, expression.operator, right)


def _number_check(rng: random.Random, name: str, spec: dict[str, Any]) -> str:
    """A comparison with a constant that leaves rows the field's own bounds allow."""
    lower, upper = spec.get("min"), spec.get("max")
    forms: list[tuple[str, Any]] = []
    if lower is not None and upper is not None and lower == upper:
        forms.append(("==", lower))
    else:
        if lower is not None:
            forms += [(">=", lower)]
        if upper is not None:
            forms += [("<=", upper)]
        if lower is not None and upper is not None:
            forms += [(">", lower), ("<", upper), ("!=", lower), ("!=", upper)]
        if lower is None and upper is None:
            forms += [(">=", 0), ("<=", 1000), ("!=", 0), (">", -1), ("<", 100)]
    operator, value = rng.choice(forms)
    return f"{name} {operator} {value}"
