"""Command line: parse arguments, call one function, show errors once."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from scaffold.errors import ScaffoldError, UserError

if TYPE_CHECKING:  # the CLI imports nothing heavy before a command runs
    from scaffold._template import TemplateSource

app = typer.Typer(
    help="Generate secure-by-default Django REST Framework code from a YAML spec.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: importing rich would double the start-up time
)

ProjectOption = Annotated[
    Path,
    typer.Option("--project", "-p", help="The project folder.", file_okay=False),
]
TemplateOption = Annotated[
    str | None,
    typer.Option(
        "--template",
        help="A team's own copy of the template (git URL or path) instead of the bundled one.",
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option("--to", help="Template version (git tag or commit); default: the newest."),
]
DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Show what would be written (files, migration); write nothing."),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only results and errors: no progress on stderr.")
]


def _source(template: str | None, to: str | None) -> TemplateSource:
    from scaffold._template import bundled_template, fork_template

    return fork_template(template, to) if template else bundled_template(to)


def _show_version(value: bool) -> None:
    if value:
        import scaffold

        typer.echo(f"scaffold {scaffold.__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Generate secure-by-default Django REST Framework code from a YAML spec."""


@app.command("new-project", short_help="Create a secure Django + DRF project.")
def new_project_command(
    dest: Annotated[Path, typer.Argument(help="Folder to create the project in.")],
    name: Annotated[
        str | None, typer.Option(help="Python name of the project (default: from DEST).")
    ] = None,
    template: TemplateOption = None,
    to: ToOption = None,
    install: Annotated[
        bool,
        typer.Option(
            "--install/--no-install",
            help="Make the project's .venv with its locked dependencies (uv sync).",
        ),
    ] = True,
    quiet: QuietOption = False,
) -> None:
    """Create a Django + DRF project with secure defaults, committed to git, ready to run."""
    from scaffold import _progress
    from scaffold._newproject import new_project, next_steps

    _progress.set_quiet(quiet)
    project_name = new_project(dest, name, _source(template, to), install=install)
    environment = f"its environment in {dest / '.venv'}" if install else "no environment yet"
    typer.echo(f"Created project '{project_name}' in {dest}, {environment}. Next:")
    for command in next_steps(dest, installed=install):
        typer.echo(f"  {command}")


@app.command("new-domain", short_help="Generate a domain app from a YAML spec.")
def new_domain_command(
    spec: Annotated[Path | None, typer.Argument(help="The domain's YAML spec.")] = None,
    example: Annotated[
        str | None,
        typer.Option("--example", help="Use one of scaffold's example specs instead (billing)."),
    ] = None,
    project: ProjectOption = Path("."),
    template: TemplateOption = None,
    to: ToOption = None,
    dry_run: DryRunOption = False,
    quiet: QuietOption = False,
) -> None:
    """Generate a domain (a Django app) from SPEC or an example, with its migration."""
    from scaffold import _progress
    from scaffold._domain import new_domain
    from scaffold._examples import spec_to_use

    _progress.set_quiet(quiet)
    result = new_domain(spec_to_use(spec, example), project, template, to, dry_run=dry_run)
    if result.dry_run:
        typer.echo(f"Would write {len(result.files)} file(s):")
        for name in result.files:
            typer.echo(f"  {name}")
        if result.plan:
            typer.echo(f"\n{result.plan}\n")
        typer.echo("Dry run: nothing was written.")
        return
    typer.echo(
        f"Created domain '{result.domain}' ({', '.join(result.models)}) in {result.directory}"
    )
    for migration in result.migrations:
        typer.echo(f"New migration: {migration}")
    typer.echo(f"Security summary ({result.domain}/SECURITY.md has it in full):")
    for line in result.security:
        typer.echo(f"  {line}")
    typer.echo(f"Spec kept at {result.spec_path}; run the tests with: pytest {result.domain}")


@app.command("update", short_help="Merge template and spec changes, keep edits.")
def update_command(
    domains: Annotated[
        list[str] | None, typer.Argument(help="Domains to update (default: all, and the project).")
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Update the project and every domain.")
    ] = False,
    project: ProjectOption = Path("."),
    to: ToOption = None,
    template: TemplateOption = None,
    allow_destructive: Annotated[
        bool,
        typer.Option(
            "--allow-destructive",
            help="Apply migrations that drop or narrow data (the plan marks them destructive).",
        ),
    ] = False,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Show the migration plan and the diff; write nothing."),
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Merge template releases and spec changes into the project, keeping your edits."""
    from scaffold import _progress
    from scaffold._update import update

    _progress.set_quiet(quiet)
    report = update(
        project,
        domains or [],
        everything=all_,
        to=to,
        template=template,
        allow_destructive=allow_destructive,
        dry_run=dry_run,
    )
    if report.plan:
        typer.echo(f"{report.plan}\n")
    if dry_run:
        typer.echo(report.diff, nl=False)
        changed = len(report.changed_files)
        typer.echo(f"Dry run: nothing was written ({changed} file(s) would change).")
        if report.refusal is not None:
            raise report.refusal  # the real run would stop here: the same message and exit
        return
    if report.updated:
        typer.echo(f"Updated: {', '.join(report.updated)}")
    if report.unchanged:
        typer.echo(f"Unchanged (same spec and template version): {', '.join(report.unchanged)}")
    for migration in report.migrations:
        typer.echo(f"New migration: {migration.relative_to(project.resolve())}")
    for notice in report.notices:
        typer.echo(f"note: {notice}")
    if report.changed_files:
        typer.echo(
            f"{len(report.changed_files)} file(s) changed; review with `git diff`, then commit."
        )
    else:
        typer.echo("Already up to date.")


@app.command("status", short_help="Show versions, available updates, drift.")
def status_command(
    project: ProjectOption = Path("."),
    template: TemplateOption = None,
) -> None:
    """Show each domain's template version, newer versions, and spec drift."""
    from scaffold._status import status

    for row in status(project, template):
        if row.outdated is None:
            state = f"version unknown: {row.problem}"
        else:
            state = f"update available: {row.available}" if row.outdated else "up to date"
        line = f"{row.name:<20} {row.version:<24} {state}"
        if row.spec_path:
            line += f"; spec {row.drift or 'unchanged'}"
        if row.conflicts:
            line += f"; {len(row.conflicts)} unresolved conflict(s): {', '.join(row.conflicts)}"
        # Specs and answers may hold anything, lone surrogates included: never fail to print.
        typer.echo(line.encode("utf-8", "backslashreplace").decode("utf-8"))


@app.command("schema", short_help="Print the JSON Schema of spec files.")
def schema_command() -> None:
    """Print the JSON Schema of spec files, for editors to validate them."""
    from scaffold._spec import spec_json_schema

    typer.echo(json.dumps(spec_json_schema(), indent=2))


def main() -> None:
    """Entry point: the only place errors become messages and exit codes.

    Ctrl-C, SIGTERM and SIGHUP stop a command alike: the tree is restored, and the exit code
    is 128 + the signal's number (130, 143, 129), as shells report it.
    """
    from scaffold._interrupts import Interrupted, signals_interrupt

    try:
        with signals_interrupt():
            app()  # standalone: typer reports usage errors (exit 2)
    except UserError as error:
        _say(error.render())
        sys.exit(1)
    except ScaffoldError as error:
        _say(f"error: {error}")
        sys.exit(1)
    except Interrupted as interrupt:
        done = "the command had already finished"
        _say(f"Interrupted; {done if interrupt.after_changes else 'nothing was kept'}.")
        sys.exit(interrupt.exit_code)
    except SystemExit:
        raise
    except Exception as error:
        _report_bug(error)
        sys.exit(2)


def _say(message: str) -> None:
    from contextlib import suppress

    with suppress(OSError):  # the terminal is gone (SIGHUP): the exit code still tells
        typer.echo(message, err=True)


def _report_bug(error: Exception) -> None:
    import traceback

    typer.echo("error: this is a bug in scaffold, not in your input.", err=True)
    typer.echo("Please report it with the text below.\n", err=True)
    typer.echo("".join(traceback.format_exception(error)), err=True)
