"""Generate cases into a project and run the project's own checks, as a user would.

One base project (``new-project``, its .venv) is made per run; each batch works in a copy of
it that shares the .venv. The checks are the promise of issue 8: ``new-domain`` succeeds, then
``ruff check``, ``ruff format --check``, ``check --deploy`` in a production-like environment,
``makemigrations --check`` and the generated suite pass.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.specfuzz.dump import write_spec
from tests.specfuzz.generate import Case

STAGES = ("new-domain", "ruff check", "ruff format", "check --deploy", "makemigrations", "pytest")
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DJANGO_DEBUG": "0",
}
SERVERS = {
    "sqlite": None,
    "postgres": "postgres://postgres@127.0.0.1:5432/{name}",
    "mariadb": "mysql://root@127.0.0.1:3306/{name}",
}


@dataclass
class Failure:
    """A check that failed, and the domains its output names."""

    stage: str
    output: str
    domains: set[str] = field(default_factory=set)

    def symptom(self, lines: int = 40) -> str:
        """The distinct errors first (pytest's ``E`` lines), then the failing tests."""
        output = self.output.splitlines()
        errors = list(dict.fromkeys(line for line in output if line.startswith("E   ")))
        interesting = [
            line
            for line in output
            if re.search(r"FAILED|ERROR|Error|error|E\d{3}|\.[EW]\d{3}|^\S+\.py:\d+", line)
            and not line.startswith("E   ")
        ]
        shown = [*errors[: lines // 2], *interesting] or output
        return "\n".join(shown[:lines])


@dataclass
class Outcome:
    failures: list[Failure]
    seconds: float
    added: list[str]  # domains new-domain created

    @property
    def ok(self) -> bool:
        return not self.failures


def run_scaffold(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *args], cwd=cwd, capture_output=True, text=True
    )


class Workspace:
    """The base project of a run and the copies batches work in."""

    def __init__(self, root: Path, database: str) -> None:
        self.root = root.resolve()
        self.database = database
        self.base = self.root / "base"
        self.counter = 0
        # Per-run database names: runs at once on one server never share a test database.
        digest = hashlib.sha256(str(self.root).encode()).hexdigest()[:8]
        self.database_name = f"fuzz_{digest}"

    def prepare(self) -> None:
        if (self.base / ".venv" / "bin" / "python").exists():
            return
        self.root.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.base, ignore_errors=True)
        result = run_scaffold("new-project", str(self.base), "-q", cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"new-project failed:\n{result.stdout}\n{result.stderr}")
        from scaffold._environment import uv_executable

        env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
        sync = subprocess.run(
            [uv_executable(), "sync", "--locked", "--all-extras"],
            cwd=self.base,
            capture_output=True,
            text=True,
            env=env,
        )
        if sync.returncode != 0:
            raise RuntimeError(f"uv sync failed:\n{sync.stderr}")

    def fresh_project(self) -> Path:
        self.counter += 1
        project = self.root / f"project-{self.counter:04d}"
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(self.base, project, symlinks=True, ignore=shutil.ignore_patterns(".venv"))
        (project / ".venv").symlink_to(self.base / ".venv", target_is_directory=True)
        return project

    def database_url(self) -> str | None:
        template = SERVERS[self.database]
        return template.format(name=self.database_name) if template else None

    def run_cases(
        self,
        cases: Iterable[Case],
        *,
        stages: Iterable[str] = STAGES,
        keep: bool = False,
        whole_suite: bool = True,
    ) -> Outcome:
        """Generate every case into one fresh project, then run the project's checks.

        ``whole_suite`` runs the project's whole test suite, else only the cases' domains' and
        core's (whose OpenAPI tests read every domain's schema): quicker, for shrinking and for
        the server databases, where the base project's own apps are proven once elsewhere.
        """
        started = time.monotonic()
        project = self.fresh_project()
        specs_dir = project.parent / f"{project.name}-specs"
        specs_dir.mkdir(exist_ok=True)
        wanted = set(stages)
        failures: list[Failure] = []
        added: list[str] = []
        for case in cases:
            for spec in case.specs:
                path = write_spec(specs_dir / f"{spec['domain']}.yaml", spec)
                result = run_scaffold("new-domain", str(path), "-q", cwd=project)
                if result.returncode != 0:
                    output = result.stdout + result.stderr
                    failures.append(Failure("new-domain", output, {spec["domain"]}))
                    break
                added.append(spec["domain"])
        for stage in STAGES[1:]:
            tests = [] if whole_suite else ["core", *added]
            if stage in wanted and (failure := self._check(stage, project, tests)):
                failure.domains |= blamed(failure, added)
                failures.append(failure)
        if not keep:
            shutil.rmtree(project, ignore_errors=True)
            shutil.rmtree(specs_dir, ignore_errors=True)
        return Outcome(failures, time.monotonic() - started, added)

    def _check(self, stage: str, project: Path, tests: list[str]) -> Failure | None:
        python = str(project / ".venv" / "bin" / "python")
        env: dict[str, str] = {}
        if stage == "ruff check":
            command = [python, "-m", "ruff", "check", "--no-cache", "--output-format=concise", "."]
        elif stage == "ruff format":
            command = [python, "-m", "ruff", "format", "--check", "--no-cache", "."]
        elif stage == "check --deploy":
            command = [python, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
            env = PRODUCTION_ENV
        elif stage == "makemigrations":
            command = [python, "manage.py", "makemigrations", "--check", "--dry-run"]
        else:
            command = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests]
            if url := self.database_url():
                env = {"DATABASE_URL": url}
        merged = {**os.environ, **env}
        merged.pop("VIRTUAL_ENV", None)
        if stage == "pytest" and not self.database_url():
            merged.pop("DATABASE_URL", None)
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=merged)
        if result.returncode == 0:
            return None
        return Failure(stage, result.stdout[-20000:] + result.stderr[-20000:])


# Where each check names the app a problem is in: the first folder of a failing test or file,
# an app label of Django's checks, makemigrations' "Migrations for 'app':".
_BLAME = {
    "ruff check": re.compile(r"^(\w+)/\S+:\d+:\d+: ", re.M),
    "ruff format": re.compile(r"^Would reformat: (\w+)/", re.M),
    "check --deploy": re.compile(r"^(\w+)\.\w+(?:\.\w+)?: \(", re.M),
    "makemigrations": re.compile(r"Migrations for '(\w+)'", re.M),
    "pytest": re.compile(r"^(?:FAILED|ERROR) (\w+)/", re.M),
}


def blamed(failure: Failure, domains: list[str]) -> set[str]:
    """The domains the failure's output blames; every one it merely mentions when none."""
    pattern = _BLAME.get(failure.stage)
    named = set(pattern.findall(failure.output)) & set(domains) if pattern else set()
    return named or {d for d in domains if _names(d, failure.output)}


def _names(domain: str, output: str) -> bool:
    """Does the output name the domain (its folder, module or app label)?"""
    return re.search(rf"(?<![\w]){re.escape(domain)}(?=[/.:'\"\s\]]|$)", output) is not None


def describe(outcome: Outcome) -> str:
    parts = []
    for failure in outcome.failures:
        parts.append(f"--- {failure.stage} failed (domains: {sorted(failure.domains)})")
        parts.append(failure.symptom())
    return "\n".join(parts)


def spec_domains(case: Case) -> list[str]:
    return case.domains


def as_data(case: Case) -> dict[str, Any]:
    return {"seed": case.seed, "specs": case.specs}
