"""``scripts/fuzz``: generate seeded specs into projects, check them, shrink what fails.

    scripts/fuzz --count 20 --seed 1000 [--database sqlite|postgres|mariadb] [--batch 6]
    scripts/fuzz --ci --database postgres                     # the CI set of a database
    scripts/fuzz --replay fuzz-failures/seed-1007-sqlite-pytest.yaml

Cases run in batches (several domains in one project: one Django start-up, one pytest run).
A failing batch is split: each case its output names (every case, when it names none) runs
alone; one that still fails is shrunk and written to the failures directory as a reproducer.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from tests.specfuzz.ci import SEEDS
from tests.specfuzz.dump import dump_spec
from tests.specfuzz.generate import Case, generate_case
from tests.specfuzz.project import STAGES, Outcome, Workspace, describe
from tests.specfuzz.shrink import shrink

REPO = Path(__file__).resolve().parents[2]
DEFAULT_FAILURES = REPO / "fuzz-failures"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10, help="how many seeds (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="the first seed (default 0)")
    parser.add_argument(
        "--seeds", type=lambda text: [int(s) for s in text.split(",")], help="seeds, e.g. 3,17"
    )
    parser.add_argument(
        "--ci", action="store_true", help="the CI set of the database (tests/specfuzz/ci.py)"
    )
    parser.add_argument("--database", choices=("sqlite", "postgres", "mariadb"), default="sqlite")
    parser.add_argument("--batch", type=int, default=6, help="cases per project (default 6)")
    parser.add_argument(
        "--shrink-budget", type=int, default=25, help="runs spent shrinking one failure"
    )
    parser.add_argument(
        "--failures", type=Path, default=DEFAULT_FAILURES, help="where reproducers go"
    )
    parser.add_argument("--work", type=Path, help="working directory (default: a temporary one)")
    parser.add_argument("--replay", type=Path, nargs="+", help="reproducer files to run again")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="scaffold-fuzz-"))
    workspace = Workspace(work, args.database)
    say(f"fuzz: preparing the base project in {work} (database {args.database})")
    workspace.prepare()
    if args.replay:
        return replay(workspace, args.replay)
    return fuzz(workspace, args)


def fuzz(workspace: Workspace, args: argparse.Namespace) -> int:
    seeds = args.seeds or list(range(args.seed, args.seed + args.count))
    if args.ci:
        seeds = list(SEEDS[workspace.database])
    started = time.monotonic()
    reproducers: list[Path] = []
    for first in range(0, len(seeds), args.batch):
        batch = [generate_case(seed) for seed in seeds[first : first + args.batch]]
        outcome = workspace.run_cases(batch)
        shown = f"{batch[0].seed}..{batch[-1].seed}"
        per_case = outcome.seconds / len(batch)
        verdict = "ok" if outcome.ok else "FAILED: " + ", ".join(f.stage for f in outcome.failures)
        say(f"fuzz: seeds {shown}: {verdict} ({outcome.seconds:.0f} s, {per_case:.1f} s/spec)")
        if not outcome.ok:
            say(describe(outcome))
            reproducers += isolate(workspace, batch, outcome, args)
    elapsed = time.monotonic() - started
    say(
        f"fuzz: {len(seeds)} specs (seeds {_seeds(seeds)}) on {workspace.database} in "
        f"{elapsed:.0f} s ({elapsed / len(seeds):.1f} s/spec): {len(reproducers)} failure(s)"
    )
    for path in reproducers:
        say(f"  reproduce: scripts/fuzz --replay {_shown(path)}")
    return 1 if reproducers else 0


def isolate(
    workspace: Workspace, batch: list[Case], outcome: Outcome, args: argparse.Namespace
) -> list[Path]:
    """Rerun the suspects alone; shrink and write each one that fails by itself."""
    named = set().union(*(f.domains for f in outcome.failures))
    suspects = [case for case in batch if named & set(case.domains)] if named else list(batch)
    if any(not f.domains for f in outcome.failures):
        suspects = list(batch)
    written = []
    for case in suspects:
        alone = workspace.run_cases([case])
        if alone.ok:
            say(f"fuzz: seed {case.seed} passes alone")
            continue
        stage = alone.failures[0].stage
        say(f"fuzz: seed {case.seed} fails alone ({stage}); shrinking")
        wanted = STAGES[: STAGES.index(stage) + 1]

        def still_fails(
            candidate: Case, stage: str = stage, wanted: tuple[str, ...] = wanted
        ) -> bool:
            result = workspace.run_cases([candidate], stages=wanted, whole_suite=False)
            return any(f.stage == stage for f in result.failures)

        small = shrink(case, still_fails, budget=args.shrink_budget)
        final = workspace.run_cases([small], stages=wanted)
        written.append(
            write_reproducer(args.failures, small, final if not final.ok else alone, workspace)
        )
    if not written:
        together = Case(batch[0].seed, [spec for case in batch for spec in case.specs])
        say("fuzz: no case fails alone; the batch together is the reproducer")
        written.append(write_reproducer(args.failures, together, outcome, workspace))
    return written


def write_reproducer(directory: Path, case: Case, outcome: Outcome, workspace: Workspace) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stage = outcome.failures[0].stage if outcome.failures else "unknown"
    slug = re.sub(r"[^a-z]+", "-", stage).strip("-")
    path = directory / f"seed-{case.seed}-{workspace.database}-{slug}.yaml"
    header = [
        f"# A spec-fuzzer failure: seed {case.seed}, shrunk; {stage} fails on "
        f"{workspace.database}.",
        f"# Reproduce: scripts/fuzz --replay {_shown(path)}"
        + (f" --database {workspace.database}" if workspace.database != "sqlite" else ""),
        "# Symptom:",
        *(f"#   {line}" for line in describe(outcome).splitlines()[:30]),
    ]
    body: dict[str, Any] = {"seed": case.seed, "database": workspace.database, "specs": case.specs}
    path.write_text("\n".join(header) + "\n" + dump_spec(body), encoding="utf-8")
    say(f"fuzz: wrote {_shown(path)}")
    return path


def replay(workspace: Workspace, paths: list[Path]) -> int:
    failed = 0
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        case = Case(int(data.get("seed", 0)), data["specs"])
        outcome = workspace.run_cases([case])
        say(f"fuzz: {_shown(path)}: {'ok' if outcome.ok else 'FAILED'} ({outcome.seconds:.0f} s)")
        if not outcome.ok:
            failed += 1
            say(describe(outcome))
    return 1 if failed else 0


def _seeds(seeds: list[int]) -> str:
    if seeds == list(range(seeds[0], seeds[0] + len(seeds))):
        return f"{seeds[0]}..{seeds[-1]}"
    return ",".join(str(seed) for seed in seeds)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
