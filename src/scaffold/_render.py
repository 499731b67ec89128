"""Rendering through copier: a project, or one domain as its own subproject (folder + answers)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from scaffold._cache_lock import copier_cache_lock
from scaffold._template import TemplateSource, installation_cache_dir
from scaffold.errors import UserError

ANSWERS_FILE = ".copier-answers.yml"


def render_project(dest: Path, project_name: str, template: TemplateSource) -> None:
    from copier import run_copy  # copier is slow to import; only commands that render pay

    with _copier_errors(template):
        run_copy(
            template.url,
            str(dest),
            data={"template_kind": "project", "project_name": project_name},
            unsafe=True,  # copier.yml has tasks (for domains only) and wants to be trusted
            vcs_ref=template.ref,
            defaults=True,
            overwrite=False,
            quiet=True,
        )


def domain_data(domain: dict[str, Any], spec: dict[str, Any], spec_path: str) -> dict[str, Any]:
    """The answers of a domain render: the derived domain, and the spec as written."""
    return {"template_kind": "domain", "domain": domain, "spec": spec, "spec_path": spec_path}


def render_domain(domain_dir: Path, template: TemplateSource, data: dict[str, Any]) -> None:
    """Render a new domain into ``domain_dir`` (the folder must not exist yet)."""
    from copier import run_copy

    with _copier_errors(template):
        run_copy(
            template.url,
            str(domain_dir),
            data=data,
            vcs_ref=template.ref,
            defaults=True,
            overwrite=False,
            unsafe=True,  # the template's own tasks: ruff tidies the generated domain code
            quiet=True,
        )


def update_subproject(
    subproject: Path, template: TemplateSource, data: dict[str, Any] | None = None
) -> None:
    """3-way merge the template (at ``template.ref``) and ``data`` into a generated folder.

    Conflicts are left inline as <<<<<<< markers (``.rej`` files would silently drop the
    non-conflicting edits of a hunk).
    """
    from copier import run_update

    with _copier_errors(template):
        run_update(
            str(subproject),
            data=data or {},
            vcs_ref=template.ref,
            defaults=True,
            overwrite=True,
            skip_answered=True,
            conflict="inline",
            unsafe=True,
            quiet=True,
        )


@contextmanager
def _own_copier_cache() -> Iterator[None]:
    """Give this installation its own copier mirror cache.

    Copier caches one git mirror per template URL, and every installation records the bundled
    template under the same URL: two installations (or checkouts) sharing the default cache
    would refresh one mirror from two different histories.
    """
    previous = os.environ.get("COPIER_CACHE_DIR")
    os.environ["COPIER_CACHE_DIR"] = str(installation_cache_dir() / "copier")
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("COPIER_CACHE_DIR", None)
        else:
            os.environ["COPIER_CACHE_DIR"] = previous


@contextmanager
def _copier_errors(template: TemplateSource) -> Iterator[None]:
    from copier.errors import CopierError
    from jinja2 import TemplateError
    from plumbum import local  # copier runs git through plumbum, with plumbum's own env copy
    from plumbum.commands.processes import ProcessExecutionError

    try:
        with (
            copier_cache_lock(),
            _own_copier_cache(),
            local.env(**template.git_environment(local.env)),
            warnings.catch_warnings(),
        ):
            warnings.simplefilter("ignore")  # dirty-checkout notices, deprecations
            yield
    except (CopierError, TemplateError) as error:
        raise UserError(
            f"rendering the template failed: {error}",
            hint="if you use your own template (--template), check it at that version",
        ) from error
    except ProcessExecutionError as error:  # git, run by copier, on the template or the tree
        output = (error.stderr or error.stdout or "").strip().splitlines()
        raise UserError(
            f"`{' '.join(map(str, error.argv[:3]))}` failed while rendering the template: "
            f"{output[-1] if output else f'exit {error.retcode}'}",
            hint="check that the template is reachable (--template maps it to where it is now)",
        ) from error
