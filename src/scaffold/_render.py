"""Rendering through copier: a project, or one domain with its own answers file."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from scaffold._template import TemplateSource
from scaffold.errors import UserError


def render_project(dest: Path, project_name: str, template: TemplateSource) -> None:
    _copy(
        template,
        dest,
        data={"template_kind": "project", "project_name": project_name},
    )


def domain_answers_file(domain: str) -> str:
    return f"{domain}/.copier-answers.yml"


def render_domain(
    project_root: Path,
    template: TemplateSource,
    *,
    domain: dict[str, Any],
    spec: dict[str, Any],
    spec_path: str,
) -> None:
    _copy(
        template,
        project_root,
        data={
            "template_kind": "domain",
            "domain": domain,
            "spec": spec,
            "spec_path": spec_path,
        },
        answers_file=domain_answers_file(domain["name"]),
    )


def _copy(
    template: TemplateSource, dest: Path, *, data: dict[str, Any], answers_file: str | None = None
) -> None:
    from copier import run_copy  # copier is slow to import; only commands that render pay
    from copier.errors import CopierError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # copier warns about dirty template checkouts
            run_copy(
                template.path,
                str(dest),
                data=data,
                answers_file=answers_file,
                vcs_ref=template.ref,
                defaults=True,
                overwrite=False,
                unsafe=True,  # the template's own tasks: ruff tidies generated domain code
                quiet=True,
            )
    except CopierError as error:
        raise UserError(f"rendering the template failed: {error}") from error
