"""Foreign keys to other domains (`to: billing.Customer`), checked against the project.

The generated code imports the target, its selector and its factory from that domain, so the
domain must be one scaffold generated in this project, hold that model, and scope it to the
organization. Each domain's answers file records its models; reading them is cheap and needs
no Django, so a wrong target is a spec error at its line before anything is rendered.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from scaffold._answers import read_answers
from scaffold._spec.checks._common import spec_problem, unknown_name
from scaffold._spec.checks.constants import EXTERNAL_MODEL
from scaffold._spec.schema import DomainSpec
from scaffold.errors import ScaffoldError, SpecProblem


def installed_models(
    root: Path, domains: list[str], *, pending: bool = False
) -> dict[str, dict[str, str] | str]:
    """Each domain's models and their scope root; why not, when its answers cannot be read.

    With ``pending``, models its spec file has gained since are counted too: `scaffold update`
    may be about to generate them in the same run.
    """
    found: dict[str, dict[str, str] | str] = {}
    for domain in domains:
        try:
            answers = read_answers(root / domain / ".copier-answers.yml")
            models = answers["domain"]["models"]
            roots = {str(model["name"]): str(model["root"]) for model in models}
        except (ScaffoldError, KeyError, TypeError) as error:
            found[domain] = f"its answers file cannot be read ({type(error).__name__})"
            continue
        if pending:
            roots |= _spec_roots(root / str(answers.get("spec_path") or f"specs/{domain}.yaml"))
        found[domain] = roots
    return found


def _spec_roots(path: Path) -> dict[str, str]:
    from scaffold._spec.checks._common import scope_root_of
    from scaffold._spec.loader import load_spec

    try:
        spec = load_spec(path)
    except ScaffoldError:
        return {}
    return {name: root for name in spec.models if (root := scope_root_of(spec, name))}


def check_foreign_domains(
    spec: DomainSpec, installed: dict[str, dict[str, str] | str]
) -> list[SpecProblem]:
    """Problems of the spec's foreign keys to other domains of the project."""
    return list(_problems(spec, installed))


def _problems(
    spec: DomainSpec, installed: dict[str, dict[str, str] | str]
) -> Iterator[SpecProblem]:
    others = sorted(name for name in installed if name != spec.domain)
    for model_name, model in spec.models.items():
        for field_name, field in model.fields.items():
            to = field.to or ""
            if field.type != "foreign_key" or not EXTERNAL_MODEL.fullmatch(to):
                continue
            path = ("models", model_name, "fields", field_name, "to")
            app, target = to.split(".")
            models = installed.get(app) if app != spec.domain else None
            if app == spec.domain:
                continue  # reported by the field checks
            if models is None:
                listing = ", ".join(others) or "none yet"
                yield spec_problem(
                    path,
                    f"there is no domain '{app}' in this project (its domains: {listing})",
                    f"generate it first with `scaffold new-domain specs/{app}.yaml`, "
                    "or point to a model of this domain",
                )
            elif isinstance(models, str):
                yield spec_problem(
                    path,
                    f"cannot check '{to}': {models}",
                    f"restore {app}/.copier-answers.yml from git",
                )
            elif target not in models:
                message, hint = unknown_name("model", target, models, of=app)
                yield spec_problem(path, message, hint)
            elif models[target] != "tenant":
                yield spec_problem(
                    path,
                    f"{to} is scoped to {'its owner' if models[target] == 'owner' else 'no one'}"
                    "; a foreign key to another domain needs a tenant-scoped model",
                    "point to a tenant-scoped model, or to a model of this domain",
                )


def recorded_specs(root: Path, domains: list[str]) -> dict[str, DomainSpec]:
    """The spec each domain was last generated from (its answers file keeps it as written)."""
    found: dict[str, DomainSpec] = {}
    for domain in domains:
        try:
            found[domain] = DomainSpec.model_validate(
                read_answers(root / domain / ".copier-answers.yml")["spec"]
            )
        except (ScaffoldError, KeyError, TypeError, ValueError):
            continue  # an unreadable one is reported where a foreign key needs it
    return found


def check_across_domains(spec: DomainSpec, others: dict[str, DomainSpec]) -> list[SpecProblem]:
    """Names the database or Django's registry holds once for the whole project: reverse
    accessors on a shared target (the user, another domain's model) and constraint names."""
    others = {name: other for name, other in others.items() if name != spec.domain}
    related: dict[tuple[str, str], str] = {}
    constraints: dict[str, str] = {}
    for name, other in others.items():
        for model_name, model in other.models.items():
            for field_name, field in model.fields.items():
                if field.type == "foreign_key" and field.related_name:
                    target = _target(name, field.to or "")
                    related[(target, field.related_name)] = f"{name}.{model_name}.{field_name}"
            for index, constraint in enumerate(model.constraints):
                if constraint.name:
                    constraints[constraint.name] = f"{name}: {model_name}.constraints.{index}"
    problems: list[SpecProblem] = []
    for model_name, model in spec.models.items():
        for field_name, field in model.fields.items():
            if field.type != "foreign_key" or not field.related_name:
                continue
            target = _target(spec.domain, field.to or "")
            path = ("models", model_name, "fields", field_name, "related_name")
            app, _, target_model = target.partition(".")
            target_spec = others.get(app)
            if owner := related.get((target, field.related_name)):
                problems.append(
                    spec_problem(
                        path,
                        f"related_name '{field.related_name}' of {field.to} is already used by "
                        f"{owner}",
                        "reverse accessors of one model share a namespace across domains; "
                        "choose another related_name",
                    )
                )
            elif target_spec and field.related_name in getattr(
                target_spec.models.get(target_model), "fields", {}
            ):
                problems.append(
                    spec_problem(
                        path,
                        f"related_name '{field.related_name}' is also a field of {field.to}",
                        "choose another related_name",
                    )
                )
        for index, constraint in enumerate(model.constraints):
            if constraint.name and (owner := constraints.get(constraint.name)):
                problems.append(
                    spec_problem(
                        ("models", model_name, "constraints", index, "name"),
                        f"constraint name '{constraint.name}' is already used by {owner}",
                        "constraint names are unique in the whole database; choose another",
                    )
                )
    return problems


def _target(domain: str, to: str) -> str:
    """Where a foreign key points, the same however it is written: user, app.Model."""
    return to if to == "user" or "." in to else f"{domain}.{to}"
