"""`scaffold new-domain`: the domain, wired in and migrated; or an error and nothing changed."""

from __future__ import annotations

import ast
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffold import _django
from scaffold._domain import new_domain
from scaffold._project import Project
from scaffold._spec import read_spec
from scaffold.errors import CommandFailedError
from tests.cli.conftest import BILLING, Outcome, scaffold, tree

DOMAIN_FILES = [
    ".copier-answers.yml",
    "__init__.py",
    "admin.py",
    "apps.py",
    "filters.py",
    "migrations/0001_initial.py",
    "migrations/__init__.py",
    "models.py",
    "permissions.py",
    "selectors.py",
    "serializers.py",
    "services.py",
    "tests/__init__.py",
    "tests/factories.py",
    "tests/payloads.py",
    "urls.py",
    "views.py",
]


@pytest.fixture(scope="module")
def billing(
    pristine_project: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Outcome]]:
    """A copy of the session's project after `scaffold new-domain examples/billing.yaml`."""
    root = tmp_path_factory.mktemp("billing")
    project = root / "acme"
    shutil.copytree(pristine_project, project, symlinks=True)
    outcome = scaffold("new-domain", str(BILLING), "--project", str(project))
    assert outcome.exit_code == 0, outcome.stderr
    yield project, outcome
    shutil.rmtree(root, ignore_errors=True)


def domain_apps(project: Path) -> list[str]:
    """The value of DOMAIN_APPS in the project's settings, read as Python reads it."""
    module = ast.parse((project / "config/settings/base.py").read_text())
    for node in module.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "DOMAIN_APPS" for t in targets):
                assert node.value is not None
                return ast.literal_eval(node.value)
    raise AssertionError("no DOMAIN_APPS in config/settings/base.py")


def included_urlconfs(project: Path) -> list[str]:
    """Every ``include("...")`` of the project's root URLconf, in order."""
    module = ast.parse((project / "config/urls.py").read_text())
    return [
        node.args[0].value
        for node in ast.walk(module)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "include"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def key_orders(data: Any, path: str = "") -> Iterator[tuple[str, list[str]]]:
    """The keys of every mapping in ``data``, in order, with where the mapping is."""
    if isinstance(data, dict):
        yield path, list(data)
        for key, value in data.items():
            yield from key_orders(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from key_orders(item, f"{path}[{index}]")


def write_spec(folder: Path, text: str) -> Path:
    path = folder / "spec.yaml"
    path.write_text(text)
    return path


# --- success -------------------------------------------------------------------------------


def test_new_domain_says_what_it_created(billing: tuple[Path, Outcome]) -> None:
    project, outcome = billing

    domain_dir = project.resolve() / "billing"
    assert outcome.stdout == (
        f"Created domain 'billing' (Customer, Invoice, InvoiceLine) in {domain_dir}\n"
        "New migration: billing/migrations/0001_initial.py\n"
        "Security summary (billing/SECURITY.md has it in full):\n"
        "  Customer: tenant (organization); list/retrieve member, create/update/destroy admin\n"
        "  Invoice: tenant (organization); list/retrieve member, create/update/send/pay admin, "
        "destroy/void owner\n"
        "  InvoiceLine: tenant (invoice__organization); list/retrieve member, "
        "create/update/destroy admin\n"
        "Spec kept at specs/billing.yaml; run the tests with: pytest billing\n"
    )


def test_new_domain_says_what_each_slow_step_does_on_stderr(billing: tuple[Path, Outcome]) -> None:
    _, outcome = billing

    assert outcome.stderr == (
        "Rendering the billing domain (3 models) and tidying it with ruff...\n"
        "Making its first migration (Django's autodetector)...\n"
    )


def test_new_domain_quiet_prints_only_the_result(project: Path) -> None:
    outcome = scaffold("new-domain", str(BILLING), "--project", str(project), "-q")

    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stderr == ""
    assert outcome.stdout.startswith("Created domain 'billing'")


def test_new_domain_example_renders_a_spec_that_comes_with_scaffold(project: Path) -> None:
    outcome = scaffold("new-domain", "--example", "billing", "--project", str(project), "-q")

    assert outcome.exit_code == 0, outcome.stderr
    assert (project / "specs/billing.yaml").read_bytes() == BILLING.read_bytes()
    assert (project / "billing/migrations/0001_initial.py").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(
            ["--example", "payroll"],
            "error: scaffold has no example named 'payroll'\ntip: examples: billing\n",
            id="unknown example",
        ),
        pytest.param(
            ["specs/billing.yaml", "--example", "billing"],
            "error: give either a spec file or --example, not both\n"
            "tip: --example NAME uses one of scaffold's examples (billing)\n",
            id="both",
        ),
        pytest.param(
            [],
            "error: which spec? give a spec file, e.g. specs/billing.yaml, or --example NAME\n"
            "tip: scaffold's examples: billing\n",
            id="neither",
        ),
    ],
)
def test_new_domain_needs_one_spec_file_or_one_known_example(
    project: Path, args: list[str], message: str
) -> None:
    before = tree(project)

    outcome = scaffold("new-domain", *args, "--project", str(project))

    assert (outcome.exit_code, outcome.stderr) == (1, message)
    assert tree(project) == before


def test_new_domain_writes_the_domain_package(billing: tuple[Path, Outcome]) -> None:
    project, _ = billing
    written = {
        path.relative_to(project / "billing").as_posix()
        for path in (project / "billing").rglob("*")
        if path.is_file() and not {".ruff_cache", "__pycache__"} & set(path.parts)
    }

    assert set(DOMAIN_FILES) <= written
    assert {
        f"tests/test_{model}_{layer}.py"
        for model in ("customer", "invoice", "invoice_line")
        for layer in ("admin", "api", "services")
    } <= written


def test_new_domain_creates_the_initial_migration(billing: tuple[Path, Outcome]) -> None:
    project, _ = billing
    migration = project / "billing/migrations/0001_initial.py"

    assert sorted(p.name for p in migration.parent.glob("0*.py")) == ["0001_initial.py"]
    source = migration.read_text()
    for model in ("Customer", "Invoice", "InvoiceLine"):
        assert f'name="{model}"' in source


def test_new_domain_adds_the_app_to_domain_apps(billing: tuple[Path, Outcome]) -> None:
    project, _ = billing

    assert domain_apps(project) == ["billing"]


def test_new_domain_includes_its_urls_in_the_project(billing: tuple[Path, Outcome]) -> None:
    project, _ = billing

    assert included_urlconfs(project) == ["accounts.urls", "tenancy.urls", "billing.urls"]


def test_new_domain_keeps_a_spec_from_outside_in_the_project(
    billing: tuple[Path, Outcome],
) -> None:
    project, _ = billing

    assert (project / "specs/billing.yaml").read_bytes() == BILLING.read_bytes()


def test_new_domain_answers_file_records_a_domain_render(billing: tuple[Path, Outcome]) -> None:
    project, _ = billing
    answers = yaml.safe_load((project / "billing/.copier-answers.yml").read_text())

    assert answers["template_kind"] == "domain"
    assert answers["spec_path"] == "specs/billing.yaml"
    assert answers["domain"]["name"] == "billing"


def test_new_domain_answers_file_keeps_the_spec_as_written_in_its_order(
    billing: tuple[Path, Outcome],
) -> None:
    project, _ = billing
    answers = yaml.safe_load((project / "billing/.copier-answers.yml").read_text())
    _, raw = read_spec(BILLING)

    assert answers["spec"] == raw
    assert list(answers["spec"]["models"]) == ["Customer", "Invoice", "InvoiceLine"]
    # Field order is not alphabetical in the example, so a sorted dump would show here.
    assert list(answers["spec"]["models"]["Invoice"]["fields"]) == [
        *("number", "customer", "amount", "status", "issued_on", "due_on", "memo"),
    ]
    assert list(key_orders(answers["spec"])) == list(key_orders(raw))


def test_new_domain_leaves_its_changes_uncommitted_for_review(
    billing: tuple[Path, Outcome],
) -> None:
    project, _ = billing

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=project, capture_output=True, text=True, check=True
        ).stdout

    assert git("rev-list", "--count", "HEAD").strip() == "1"
    assert sorted(git("status", "--porcelain").splitlines()) == [
        " M config/settings/base.py",
        " M config/urls.py",
        "?? billing/",
        "?? specs/billing.yaml",
    ]


def test_new_domain_keeps_a_spec_inside_the_project_where_it_is(project: Path) -> None:
    spec = project / "specs" / "invoicing.yaml"
    shutil.copyfile(BILLING, spec)

    outcome = scaffold("new-domain", str(spec), "--project", str(project))

    assert outcome.exit_code == 0, outcome.stderr
    assert "Spec kept at specs/invoicing.yaml;" in outcome.stdout
    assert not (project / "specs/billing.yaml").exists()
    answers = yaml.safe_load((project / "billing/.copier-answers.yml").read_text())
    assert answers["spec_path"] == "specs/invoicing.yaml"


# --- refusals: an error, and the project exactly as it was --------------------------------


def test_new_domain_refuses_an_existing_domain(billing: tuple[Path, Outcome]) -> None:
    project, _ = billing
    before = tree(project)

    outcome = scaffold("new-domain", str(BILLING), "--project", str(project))

    assert outcome.exit_code == 1
    assert outcome.stderr == (
        f"error: {project.resolve()}/billing already exists; scaffold never overwrites a domain\n"
        "tip: to apply a changed spec, run `scaffold update billing`\n"
    )
    assert outcome.stdout == ""
    assert tree(project) == before


def test_new_domain_refuses_a_bad_spec_and_writes_nothing(
    pristine_project: Path, tmp_path: Path
) -> None:
    spec = write_spec(
        tmp_path,
        "domain: shop\n"
        "models:\n"
        "  Product:\n"
        "    scope: tenant\n"
        "    fields:\n"
        "      name: string\n"
        "      price: {type: money}\n"
        "    read: [id, name, price]\n",
    )
    before = tree(pristine_project)

    outcome = scaffold("new-domain", str(spec), "--project", str(pristine_project))

    assert outcome.exit_code == 1
    assert outcome.stderr == (
        f"error: invalid spec {spec}, line 7\n"
        "==> At models.Product.fields.price.type\n"
        "=====> unknown type 'money'; expected one of: string, text, integer, decimal, "
        "boolean, date, datetime, email, url, uuid, choice, json, foreign_key\n"
        "tip: did you mean 'decimal'?\n"
    )
    assert tree(pristine_project) == before


def test_new_domain_refuses_a_folder_that_is_not_a_django_project(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("not a project\n")
    before = tree(tmp_path)

    outcome = scaffold("new-domain", str(BILLING), "--project", str(tmp_path))

    assert outcome.exit_code == 1
    assert outcome.stderr == (
        f"error: {tmp_path.resolve()} is not a Django project (no manage.py)\n"
        "tip: run this inside a project made by `scaffold new-project`, or pass --project DIR\n"
    )
    assert tree(tmp_path) == before


def test_new_domain_refuses_a_project_whose_settings_lack_the_marker(project: Path) -> None:
    settings = project / "config/settings/base.py"
    settings.write_text(settings.read_text().replace("# scaffold:domain-apps", "# (removed)"))
    before = tree(project)

    outcome = scaffold("new-domain", str(BILLING), "--project", str(project))

    assert outcome.exit_code == 1
    assert outcome.stderr == (
        f"error: {project.resolve()} is not a scaffold project: config/settings/base.py lacks "
        "the line '# scaffold:domain-apps'\n"
        "tip: add '# scaffold:domain-apps' where scaffold should register domains, "
        "or create the project with `scaffold new-project`\n"
    )
    assert tree(project) == before


def test_new_domain_refuses_a_project_whose_urls_lack_the_marker(project: Path) -> None:
    urls = project / "config/urls.py"
    urls.write_text(urls.read_text().replace("# scaffold:domain-urls", ""))

    outcome = scaffold("new-domain", str(BILLING), "--project", str(project))

    assert outcome.exit_code == 1
    assert "config/urls.py lacks the line '# scaffold:domain-urls'" in outcome.stderr
    assert not (project / "billing").exists()


def test_new_domain_refuses_to_replace_a_different_spec_in_specs(project: Path) -> None:
    kept = project / "specs/billing.yaml"
    kept.write_text("# an older billing spec\n")
    before = tree(project)

    outcome = scaffold("new-domain", str(BILLING), "--project", str(project))

    assert outcome.exit_code == 1
    assert outcome.stderr == (
        f"error: {project.resolve()}/specs/billing.yaml exists and differs from {BILLING}\n"
        "tip: pass specs/billing.yaml itself, or move the old file away\n"
    )
    assert tree(project) == before


# --- failures after rendering: everything is rolled back ------------------------------------


class WorkerFails:
    """Stands in for ``_django.run_worker``: checks the domain was written, then fails."""

    def __init__(self, error: BaseException) -> None:
        self.error = error
        self.seen: list[str] = []

    def __call__(self, project: Project, request: dict[str, Any]) -> dict[str, Any]:
        (app,) = request["apps"]
        self.seen.append(app)
        assert (project.root / app / "models.py").is_file()
        assert f'"{app}",' in project.settings.read_text()
        assert f'include("{app}.urls")' in project.urls.read_text()
        raise self.error


def test_failed_makemigrations_rolls_back_domain_settings_urls_and_spec(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fails = WorkerFails(CommandFailedError("`manage.py makemigrations billing` failed"))
    monkeypatch.setattr(_django, "run_worker", fails)
    before = tree(project)

    with pytest.raises(CommandFailedError):
        new_domain(BILLING, project)

    assert fails.seen == ["billing"]
    assert tree(project) == before
    assert not (project / "billing").exists()
    assert not (project / "specs/billing.yaml").exists()


def test_failed_makemigrations_is_reported_with_exit_1(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = CommandFailedError("`manage.py makemigrations billing` failed", hint="fix it")
    monkeypatch.setattr(_django, "run_worker", WorkerFails(error))
    before = tree(project)

    outcome = scaffold("new-domain", str(BILLING), "--project", str(project))

    assert outcome.exit_code == 1
    assert outcome.stderr == (
        "Rendering the billing domain (3 models) and tidying it with ruff...\n"
        "Making its first migration (Django's autodetector)...\n"
        "error: `manage.py makemigrations billing` failed\ntip: fix it\n"
    )
    assert tree(project) == before


def test_ctrl_c_during_new_domain_exits_130_and_keeps_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_django, "run_worker", WorkerFails(KeyboardInterrupt()))
    before = tree(project)

    outcome = scaffold("new-domain", str(BILLING), "--project", str(project))

    # typer turns Ctrl-C into exit 130 itself, before main() could add its own message.
    assert outcome.exit_code == 130
    assert tree(project) == before


def test_unexpected_error_is_reported_as_a_bug_with_exit_2_and_rolled_back(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fails = WorkerFails(RuntimeError("boom"))
    monkeypatch.setattr(_django, "run_worker", fails)
    before = tree(project)

    outcome = scaffold("new-domain", str(BILLING), "--project", str(project), "--quiet")

    assert outcome.exit_code == 2
    assert outcome.stderr.startswith(
        "error: this is a bug in scaffold, not in your input.\n"
        "Please report it with the text below.\n"
    )
    assert outcome.stderr.rstrip().endswith("RuntimeError: boom")
    assert tree(project) == before


def test_failed_new_domain_removes_a_specs_folder_it_created(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(project / "specs")
    fails = WorkerFails(CommandFailedError("makemigrations failed"))
    monkeypatch.setattr(_django, "run_worker", fails)
    before = tree(project)

    with pytest.raises(CommandFailedError):
        new_domain(BILLING, project)

    assert tree(project) == before


def test_new_domain_refuses_a_project_whose_core_predates_what_the_domain_imports(
    project: Path, tmp_path: Path
) -> None:
    """A project last updated to an older template lacks core.validators; the domain's uuid
    field imports it. One clear error before anything is wired in, not an ImportError later."""
    (project / "core" / "validators.py").unlink()
    spec = write_spec(
        tmp_path,
        "domain: shop\n"
        "models:\n"
        "  Product:\n"
        "    scope: tenant\n"
        "    fields:\n"
        "      code: uuid\n"
        "    read: [id, code]\n",
    )
    before = tree(project)

    outcome = scaffold("new-domain", str(spec), "--project", str(project))

    assert outcome.exit_code == 1
    assert (
        "\nerror: the shop domain imports core.validators.validate_storable_uuid, which this "
        "project lacks"
    ) in outcome.stderr
    assert "tip: run `scaffold update`" in outcome.stderr
    assert tree(project) == before
