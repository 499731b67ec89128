"""Command line: parse arguments, call one function, show errors once."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from scaffold.errors import ScaffoldError, UserError

app = typer.Typer(
    help="Generate secure-by-default Django REST Framework code from a YAML spec.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ProjectOption = Annotated[
    Path,
    typer.Option("--project", "-p", help="The project folder.", file_okay=False),
]


@app.command("new-project")
def new_project_command(
    dest: Annotated[Path, typer.Argument(help="Folder to create the project in.")],
    name: Annotated[
        str | None, typer.Option(help="Python name of the project (default: from DEST).")
    ] = None,
) -> None:
    """Create a Django + DRF project with secure defaults, committed to git."""
    from scaffold._newproject import new_project

    project_name = new_project(dest, name)
    typer.echo(f"Created project '{project_name}' in {dest}")
    typer.echo(f"Next: cd {dest} && scaffold new-domain specs/<domain>.yaml")


@app.command("new-domain")
def new_domain_command(
    spec: Annotated[Path, typer.Argument(help="The domain's YAML spec.")],
    project: ProjectOption = Path("."),
) -> None:
    """Generate a domain (a Django app) from SPEC into the project, with its migration."""
    from scaffold._domain import new_domain

    result = new_domain(spec, project)
    typer.echo(
        f"Created domain '{result.domain}' ({', '.join(result.models)}) in {result.directory}"
    )
    typer.echo(f"Spec kept at {result.spec_path}; run the tests with: pytest {result.domain}")


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of spec files, for editors to validate them."""
    from scaffold._spec import spec_json_schema

    typer.echo(json.dumps(spec_json_schema(), indent=2))


def main() -> None:
    """Entry point: the only place errors become messages and exit codes."""
    try:
        app()  # standalone: typer reports usage errors (exit 2) and Ctrl-C itself
    except UserError as error:
        typer.echo(error.render(), err=True)
        sys.exit(1)
    except ScaffoldError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("Interrupted; nothing was kept.", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as error:
        _report_bug(error)
        sys.exit(2)


def _report_bug(error: Exception) -> None:
    import traceback

    typer.echo("error: this is a bug in scaffold, not in your input.", err=True)
    typer.echo("Please report it with the text below.\n", err=True)
    typer.echo("".join(traceback.format_exception(error)), err=True)
