"""`scaffold update` pulls a template release into a project and keeps what its owners wrote."""

from __future__ import annotations

import pytest

from tests.update.conftest import (
    CRM,
    Workspace,
    append,
    assert_untouched,
    commit_all,
    git,
    give_contacts_a_city,
    make_project,
    mark_docstring,
    ok,
    release,
    replace,
    run_suite,
    scaffold,
    snapshot,
    tree_hash,
)

pytestmark = pytest.mark.e2e

V2 = "(template v2)"

OWNER_FUNCTION = '''

def customer_greeting(*, customer: Customer) -> str:
    """How the owners greet a customer (not generated)."""
    return f"Dear {customer.name}"
'''

OWNER_METHOD = '''
    def owners_label(self) -> str:
        """A label the owners added to the generated class."""
        return "customers"
'''

OWNER_MODULE = '''"""The owners' notes on billing, in a file the generator knows nothing about."""

NOTE = "Invoices go out on the first working day."
'''


def first_line(path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def release_v2_of_domain_services(workspace: Workspace) -> None:
    mark_docstring(workspace.template / "template/domain/services.py.jinja", V2)
    release(workspace.template, "v2")


def test_a_template_release_merges_and_every_user_edit_survives(workspace: Workspace) -> None:
    project = workspace.project
    append(project / "billing/services.py", OWNER_FUNCTION)
    replace(
        project / "billing/views.py",
        r'^class CustomerViewSet\(.*\n    """.*"""\n',
        lambda match: match.group(0) + OWNER_METHOD,
    )
    test_docstring = mark_docstring(
        project / "billing/tests/test_customer_api.py", "(the owners' wording)"
    )
    (project / "billing/notes.py").write_text(OWNER_MODULE, encoding="utf-8")
    replace(project / "config/settings/base.py", r"^TIME_ZONE = .*$", 'TIME_ZONE = "Europe/Paris"')
    commit_all(project, "Our own edits")
    services_before = (project / "billing/services.py").read_text(encoding="utf-8")
    views_before = (project / "billing/views.py").read_text(encoding="utf-8")

    template = workspace.template
    mark_docstring(template / "template/domain/services.py.jinja", V2)
    mark_docstring(template / "template/domain/views.py.jinja", V2)
    mark_docstring(template / "template/project/core/pagination.py", V2)
    replace(
        template / "template/project/config/settings/base.py",
        r"^STATIC_URL = .*$",
        lambda match: match.group(0) + "  # template v2",
    )
    release(template, "v2")

    result = ok(workspace.update())

    assert "Updated: project, billing, crm" in result.stdout
    services = (project / "billing/services.py").read_text(encoding="utf-8")
    views = (project / "billing/views.py").read_text(encoding="utf-8")
    settings = (project / "config/settings/base.py").read_text(encoding="utf-8")
    assert V2 in services.splitlines()[0]
    # The longer docstring passes 100 columns and is wrapped (scaffold._fit_lines).
    assert V2 in " ".join(views.split('"""')[1].split())
    assert V2 in first_line(project / "crm/services.py")
    assert V2 in first_line(project / "core/pagination.py")
    assert "# template v2" in settings
    # Apart from the release's own line, the owners' files are exactly what they committed.
    assert services.splitlines()[1:] == services_before.splitlines()[1:]
    assert views.split('"""', 2)[2] == views_before.split('"""', 2)[2]
    assert services.endswith(OWNER_FUNCTION)
    assert OWNER_METHOD in views
    assert first_line(project / "billing/tests/test_customer_api.py") == test_docstring
    assert (project / "billing/notes.py").read_text(encoding="utf-8") == OWNER_MODULE
    assert 'TIME_ZONE = "Europe/Paris"' in settings
    assert "<<<<<<<" not in services + views + settings

    rows = workspace.status()
    assert all("up to date" in row for row in rows.values()), rows
    suite = run_suite(project, "billing")
    assert suite.returncode == 0, suite.stdout[-3000:]


def test_an_owners_module_in_the_domain_folder_is_left_byte_for_byte(
    workspace: Workspace,
) -> None:
    project = workspace.project
    owners = (
        '"""Signals the owners connect, in the team\'s own style."""\n'
        "\n"
        "import billing.signal_handlers  # connects the handlers on import\n"
        "\n"
        "GREETING = 'Dear customer'\n"
    )
    (project / "billing/signal_handlers.py").write_text('"""Handlers."""\n', encoding="utf-8")
    (project / "billing/signals.py").write_text(owners, encoding="utf-8")
    commit_all(project, "Our signals")
    release_v2_of_domain_services(workspace)

    ok(workspace.update("billing"))

    assert V2 in first_line(project / "billing/services.py")
    assert (project / "billing/signals.py").read_text(encoding="utf-8") == owners


def test_a_change_to_the_same_line_is_left_as_a_conflict_and_fails(
    workspace: Workspace,
) -> None:
    project = workspace.project
    services = project / "billing/services.py"
    replace(services, r"\A.*$", '"""The owners\' own words about billing writes."""')
    commit_all(project, "Our docstring")
    release_v2_of_domain_services(workspace)

    result = workspace.update("billing")

    assert result.returncode != 0
    assert "billing/services.py" in result.stderr
    assert "Updated" not in result.stdout
    text = services.read_text(encoding="utf-8")
    assert "<<<<<<<" in text
    assert "=======" in text
    assert ">>>>>>>" in text
    assert "The owners' own words about billing writes." in text
    assert V2 in text


def test_an_uncommitted_change_is_refused_before_anything_is_touched(
    workspace: Workspace,
) -> None:
    project = workspace.project
    services = project / "billing/services.py"
    append(services, "\n# not committed yet\n")
    release_v2_of_domain_services(workspace)
    content = services.read_bytes()
    status = git(project, "status", "--porcelain", "--untracked-files=all")
    digest = tree_hash(project)

    result = workspace.update()

    assert result.returncode == 1
    assert "uncommitted changes" in result.stderr
    assert "billing/services.py" in result.stderr
    assert services.read_bytes() == content
    assert git(project, "status", "--porcelain", "--untracked-files=all") == status
    assert tree_hash(project) == digest


def test_several_domains_update_in_one_run_to_the_chosen_version(
    workspace: Workspace,
) -> None:
    project = workspace.project
    template = workspace.template
    mark_docstring(template / "template/domain/services.py.jinja", V2)
    mark_docstring(template / "template/project/core/pagination.py", V2)
    release(template, "v2")
    mark_docstring(template / "template/domain/views.py.jinja", "(template v3)")
    release(template, "v3")
    pagination = (project / "core/pagination.py").read_bytes()

    result = ok(workspace.update("billing", "crm", "--to", "v2"))

    assert "Updated: billing, crm" in result.stdout
    for domain in ("billing", "crm"):
        assert V2 in first_line(project / domain / "services.py")
        assert "(template v3)" not in first_line(project / domain / "views.py")
        assert "_commit: v2" in (project / domain / ".copier-answers.yml").read_text()
    # The project itself was not chosen, so it stays where it was.
    assert (project / "core/pagination.py").read_bytes() == pagination
    assert "_commit: v1" in (project / ".copier-answers.yml").read_text()
    rows = workspace.status()
    assert "update available: v3" in rows["billing"]
    assert "update available: v3" in rows["crm"]
    suite = run_suite(project, "crm")
    assert suite.returncode == 0, suite.stdout[-3000:]


def test_an_update_run_from_another_directory_finds_the_project_and_its_spec(
    workspace: Workspace,
) -> None:
    project = workspace.project
    give_contacts_a_city(project)
    replace(project / "specs/crm.yaml", r"^( +)write: \[name, phone\]$", "    write: [name, city]")
    commit_all(project, "Contacts have a city")
    release_v2_of_domain_services(workspace)

    result = ok(workspace.update("crm", "--project", "acme", cwd=workspace.root))

    assert "New migration: crm/migrations/0002_" in result.stdout
    assert len(list((project / "crm/migrations").glob("0002_*.py"))) == 1
    assert V2 in first_line(project / "crm/services.py")
    assert "city" in (project / "crm/serializers.py").read_text(encoding="utf-8")


def test_an_update_without_template_option_uses_the_source_recorded_in_the_answers(
    workspace: Workspace,
) -> None:
    # A project recorded against this test's own template repository, so it can release v2.
    other = workspace.root / "other"
    other.mkdir()
    project = make_project(other, workspace.template, CRM)
    release_v2_of_domain_services(workspace)

    result = ok(scaffold("update", "--project", str(project), cwd=workspace.root))

    assert "Updated: project, crm" in result.stdout
    assert V2 in first_line(project / "crm/services.py")
    status = ok(scaffold("status", "--project", str(project), cwd=workspace.root)).stdout
    assert "update available" not in status
    assert status.count("up to date") == 2


def test_a_domain_updated_past_what_the_projects_core_provides_is_refused(
    workspace: Workspace,
) -> None:
    """v2's domains import a helper v2's core gained: updating a domain alone to v2 would
    leave it importing what the project's v1 core lacks. Refused, with the tree as it was;
    updating the project with it works."""
    template = workspace.template
    append(template / "template/project/core/services.py", '\n\nV2_HELPER = "v2"\n')
    replace(
        template / "template/domain/services.py.jinja",
        r"^from core\.services import ",
        "from core.services import V2_HELPER  # noqa: F401\nfrom core.services import ",
    )
    release(template, "v2")
    before = snapshot(workspace)

    refused = workspace.update("billing")

    assert refused.returncode == 1
    assert "would import core.services.V2_HELPER, which this project lacks" in refused.stderr
    assert "tip: update the project with them" in refused.stderr
    assert_untouched(workspace, before)
    result = ok(workspace.update())
    assert "V2_HELPER" in (workspace.project / "core/services.py").read_text()
    assert "billing" in result.stdout
