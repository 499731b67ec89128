"""Schemathesis against a live generated project: no server errors, no answer off its schema.

The project has the billing domain and the every-field-type library domain; the server runs on
the loopback interface with the test settings (no throttling, no HTTPS redirect). Each role of
one organization fuzzes every operation, with bounded examples, in its own run. Operations that
end the run's own access are left out (sign-out, token rotation, leaving or deleting the
organization); the project's own tests cover those.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import run
from tests.e2e.live import manage, serving

pytestmark = pytest.mark.e2e

FUZZ = Path(__file__).parent / "fuzz"
ROLES = ["member", "admin", "owner"]
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "unsupported_method",
        "ignored_auth",
    ]
)
EXCLUDED_PATHS = r"^/api/auth/|/leave/$|^/api/orgs/\{organization_slug\}/$|/synth10/"
# The owner, who may call every operation, also runs the coverage phase (each parameter's
# boundary and wrong-typed values, the phase that finds server errors); the other roles only the
# random phases. Examples stay few: CI's time budget.
RUNS = {
    "member": ("fuzzing,stateful", "3"),
    "admin": ("fuzzing,stateful", "3"),
    "owner": ("coverage,fuzzing,stateful", "3"),
}


def schemathesis() -> str:
    found = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
    return found


@pytest.fixture(scope="module")
def live_api(
    generated_project: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, dict[str, str], Path]]:
    """The project served with a fresh database: organization "acme", one user per role."""
    work = tmp_path_factory.mktemp("fuzz")
    env: dict[str, str | None] = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{work / 'fuzz.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_DEBUG": None,
    }
    manage(generated_project, env, "migrate", "--verbosity", "0")
    for role in ROLES:
        manage(generated_project, env, "create_user", role)
    manage(
        generated_project, env, "create_organization", "acme", "--name", "Acme", "--owner", "owner"
    )
    manage(generated_project, env, "add_member", "acme", "admin", "--role", "admin")
    manage(generated_project, env, "add_member", "acme", "member")
    seeded = run(
        "python",
        "manage.py",
        "shell",
        "--command",
        (FUZZ / "seed.py").read_text(),
        cwd=generated_project,
        env=env,
    )
    assert seeded.returncode == 0, seeded.stdout + seeded.stderr
    tokens = {role: manage(generated_project, env, "create_token", role).strip() for role in ROLES}
    with serving(generated_project, env, work / "server.log") as base:
        yield base, tokens, work


@pytest.mark.parametrize("role", ROLES)
def test_schemathesis_finds_no_server_error_and_no_answer_off_the_schema(
    live_api: tuple[str, dict[str, str], Path], role: str
) -> None:
    base, tokens, work = live_api
    phases, examples = RUNS[role]

    result = run(
        schemathesis(),
        "--no-color",
        "--config-file",
        str(FUZZ / "schemathesis.toml"),
        "run",
        f"{base}/api/schema/",
        "--header",
        f"Authorization: Token {tokens[role]}",
        "--checks",
        CHECKS,
        "--phases",
        phases,
        "--max-examples",
        examples,
        "--seed",
        "20250101",
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--exclude-path-regex",
        EXCLUDED_PATHS,
        cwd=work,
    )

    summary = result.stdout[result.stdout.find("SUMMARY") :]
    assert result.returncode == 0, result.stdout[-12000:] + result.stderr[-3000:]
    assert "Selected: " in summary and " passed" in summary, summary
    server_log = (work / "server.log").read_text()
    assert "Traceback" not in server_log, server_log[-5000:]
