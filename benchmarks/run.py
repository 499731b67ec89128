"""Benchmark of the generator: whole commands, each a fresh process, against `startapp`.

Each operation runs N times as a child process (wall clock around the process; the median is
reported). Peak RSS is read from ``os.wait4``: the largest resident set of any single process in
the child's tree (scaffold itself, makemigrations, ruff, git), not a sum over them. The
reference is Django's own ``startapp`` run with the same interpreter, so the ratios hold on a
slower or faster machine.

    scripts/benchmark [--repeat 5] [--repeat-slow 3] [--quick] [--json PATH] [--skip-suite]
    scripts/benchmark --api [...]     the generated API against hand-written DRF (benchmarks/api)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.synthetic import add_field, model_name, synthetic_spec, write_spec

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SCAFFOLD = str(BIN / "scaffold")
PYTHON = sys.executable
GIT_IDENTITY = ("-c", "user.name=benchmark", "-c", "user.email=benchmark@localhost")
SIZES = (1, 10, 50)
UPDATE_SIZE = 10
ADDED_FIELD = "label"  # what the spec change of the update benchmark adds to one model
REFERENCE = "startapp"
UPDATE_NAME = f"update ({UPDATE_SIZE} models)"
NOOP_DOMAINS = (1, 10, 10)  # models per domain of the no-op update's project
NOOP_NAME = f"update, no-op ({len(NOOP_DOMAINS)} domains)"
# A render of an uncommitted template records a commit made in copier's own scratch clone.
DIRTY_UPDATE = (
    "the template has uncommitted changes, so a new domain records a template commit that only "
    "copier's scratch clone had, and update cannot replay it; commit them (or benchmark a clean "
    "clone) to time update"
)
# Operation -> the most it may take, as a multiple of startapp's median.
TARGETS = {
    "scaffold --help": 0.6,
    "new-domain (10 models)": 2.5,
    "new-domain (50 models)": 5.0,
    UPDATE_NAME: 4.0,
}
# Operation -> the most it may take, in seconds (issue 9: nothing to merge must cost little).
SECONDS_TARGETS = {NOOP_NAME: 2.0}


class BenchmarkError(RuntimeError):
    pass


@dataclass
class Sample:
    seconds: float  # wall clock around the whole child process
    cpu_seconds: float  # user + system of the child's whole tree
    peak_rss_kb: int  # the largest single process of the tree


@dataclass
class Result:
    name: str
    command: str
    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(sample.seconds for sample in self.samples)

    @property
    def cpu_median(self) -> float:
        return statistics.median(sample.cpu_seconds for sample in self.samples)

    @property
    def peak_rss_mb(self) -> float:
        return max(sample.peak_rss_kb for sample in self.samples) / 1024


def child_env() -> dict[str, str]:
    """The environment of every child: this venv first, the generated projects on SQLite.

    Projects are made with --no-install and run manage.py in this venv, as an activated one.
    """
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = sys.prefix
    return env


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[Sample, str]:
    """Run ``argv`` to completion; its timing, peak RSS and output. Fails on a non-zero exit."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=child_env() if env is None else env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise BenchmarkError(
            f"`{' '.join(argv)}` exited with {process.returncode} in {cwd}:\n{text[-4000:]}"
        )
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss), text


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *GIT_IDENTITY, *args], cwd=root, check=True, capture_output=True)


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--no-verify", "-m", message)


def restore(root: Path, created: Path | None = None) -> None:
    """Back to the last commit: the next repetition starts from the same tree."""
    git(root, "reset", "--quiet", "--hard", "HEAD")
    git(root, "clean", "--quiet", "-fd")
    if created is not None and created.exists():  # left holding ignored files (__pycache__)
        shutil.rmtree(created)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def scratch(prefix: str) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=f"scaffold-bench-{prefix}-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def measure(
    name: str,
    command: str,
    repeat: int,
    warmup: int,
    once: Callable[[], tuple[Sample, str]],
) -> Result:
    """``warmup`` untimed runs, then ``repeat`` timed ones."""
    result = Result(name, command)
    for index in range(warmup + repeat):
        sample, _ = once()
        if index >= warmup:
            result.samples.append(sample)
    times = ", ".join(f"{sample.seconds:.2f}" for sample in result.samples)
    progress(f"  {name:<26} median {result.median:6.2f} s   runs: {times}")
    return result


def new_project(parent: Path, name: str = "benchproj") -> Path:
    dest = parent / name
    run([SCAFFOLD, "new-project", str(dest), "--name", name, "--no-install"], parent)
    return dest


def bench_startapp(repeat: int, warmup: int) -> Result:
    def once() -> tuple[Sample, str]:
        with scratch("startapp") as folder:
            return run([PYTHON, "-m", "django", "startapp", "things"], folder)

    return measure(REFERENCE, "python -m django startapp things", repeat, warmup, once)


def bench_help(repeat: int, warmup: int) -> Result:
    with scratch("help") as folder:
        return measure(
            "scaffold --help",
            "scaffold --help",
            repeat,
            warmup,
            lambda: run([SCAFFOLD, "--help"], folder),
        )


def bench_new_project(repeat: int, warmup: int) -> list[Result]:
    """The generator alone (--no-install), and with the project's .venv made by uv."""
    results = []
    for name, extra in (("new-project", ["--no-install"]), ("new-project + .venv", [])):
        argv = [SCAFFOLD, "new-project", "proj", *extra]

        def once(argv: list[str] = argv) -> tuple[Sample, str]:
            with scratch("new-project") as folder:
                return run(argv, folder)

        results.append(measure(name, " ".join(["scaffold", *argv[1:]]), repeat, warmup, once))
    return results


def bench_new_domain(project: Path, specs: Path, models: int, repeat: int, warmup: int) -> Result:
    """``new-domain`` of a synthetic spec into the same committed project, reset after each."""
    spec = synthetic_spec(models)
    spec_file = write_spec(specs / f"{spec['domain']}.yaml", spec)
    domain_dir = project / spec["domain"]

    def once() -> tuple[Sample, str]:
        try:
            sample, output = run(
                [SCAFFOLD, "new-domain", str(spec_file), "--project", str(project)], project
            )
        except BenchmarkError as error:
            raise BenchmarkError(f"the synthetic spec {spec_file} was refused:\n{error}") from None
        if not list((domain_dir / "migrations").glob("0001_*.py")):
            raise BenchmarkError(f"new-domain made no migration in {domain_dir}:\n{output}")
        restore(project, domain_dir)
        return sample, output

    return measure(
        f"new-domain ({models} models)",
        f"scaffold new-domain {spec['domain']}.yaml",
        repeat,
        warmup,
        once,
    )


def bench_update(project: Path, specs: Path, repeat: int, warmup: int) -> Result:
    """``update`` of a domain whose spec gained a field (committed), reset after each."""
    spec = synthetic_spec(UPDATE_SIZE)
    domain = spec["domain"]
    run([SCAFFOLD, "new-domain", str(write_spec(specs / "update.yaml", spec))], project)
    commit_all(project, f"Add the {domain} domain")
    changed = add_field(spec, model_name(UPDATE_SIZE // 2), ADDED_FIELD)
    write_spec(project / "specs" / f"{domain}.yaml", changed)
    commit_all(project, "Add a field to the spec")

    def once() -> tuple[Sample, str]:
        sample, output = run([SCAFFOLD, "update", domain, "--project", str(project)], project)
        if not re.search(rf"New migration: .*/0002_\w*{ADDED_FIELD}\.py$", output, re.MULTILINE):
            raise BenchmarkError(f"the update did not make the one expected migration:\n{output}")
        restore(project)
        return sample, output

    return measure(
        UPDATE_NAME,
        f"scaffold update {domain}  (spec: one field added)",
        repeat,
        warmup,
        once,
    )


def bench_noop_update(parent: Path, specs: Path, repeat: int, warmup: int) -> Result:
    """``update --all`` of a committed project whose specs and template are unchanged."""
    project = new_project(parent, "noopbench")
    for index, models in enumerate(NOOP_DOMAINS):
        spec = synthetic_spec(models, f"noop{index}")
        run([SCAFFOLD, "new-domain", str(write_spec(specs / f"noop{index}.yaml", spec))], project)
    commit_all(project, "Three domains")

    def once() -> tuple[Sample, str]:
        sample, output = run([SCAFFOLD, "update", "--all", "--project", str(project)], project)
        status = subprocess.run(
            ["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True
        ).stdout
        if "Already up to date." not in output or status.strip():
            raise BenchmarkError(f"the no-op update changed something:\n{output}\n{status}")
        return sample, output

    return measure(
        NOOP_NAME,
        f"scaffold update --all  ({len(NOOP_DOMAINS)} domains, nothing changed)",
        repeat,
        warmup,
        once,
    )


def bench_suite(parent: Path) -> dict[str, Any]:
    """The generated test suite of examples/billing.yaml, on SQLite, timed once."""
    project = new_project(parent, "billingbench")
    run([SCAFFOLD, "new-domain", str(REPO / "examples" / "billing.yaml")], project)
    sample, output = run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider"], project)
    summary = [line for line in output.splitlines() if re.search(r"\d+ passed", line)]
    result = {
        "command": "python -m pytest -q -p no:cacheprovider  (billing project, SQLite)",
        "seconds": sample.seconds,
        "cpu_seconds": sample.cpu_seconds,
        "peak_rss_mb": sample.peak_rss_kb / 1024,
        "summary": summary[-1].strip("= ") if summary else "",
    }
    progress(f"  billing suite: {sample.seconds:.1f} s ({result['summary']})")
    return result


# Operation -> the most peak RSS it may reach, in MB (issue 14).
MEMORY_TARGETS = {"new-domain (50 models)": 100.0}


def memory_verdicts(results: list[Result]) -> dict[str, dict[str, Any]]:
    found = {result.name: result for result in results}
    table = {}
    for name, limit in MEMORY_TARGETS.items():
        if name in found:
            peak = found[name].peak_rss_mb
            table[name] = {"limit_mb": limit, "peak_rss_mb": peak, "pass": peak < limit}
    return table


def verdicts(results: list[Result]) -> dict[str, dict[str, Any]]:
    reference = next(result for result in results if result.name == REFERENCE).median
    found = {result.name: result for result in results}
    table = {}
    for name, limit in TARGETS.items():
        if name in found:
            ratio = found[name].median / reference
            table[name] = {"limit": limit, "ratio": ratio, "pass": ratio <= limit}
    for name, seconds in SECONDS_TARGETS.items():
        if name in found:
            median = found[name].median
            table[name] = {"limit_seconds": seconds, "seconds": median, "pass": median <= seconds}
    return table


def report(results: list[Result], skipped: dict[str, str], suite: dict[str, Any] | None) -> str:
    reference = next(result for result in results if result.name == REFERENCE).median
    targets = verdicts(results)
    header = (
        f"{'operation':<26} {'runs':>4} {'median s':>9} {'cpu s':>7} "
        f"{'x startapp':>10} {'peak RSS MB':>11}  target"
    )
    lines = [header, "-" * len(header)]
    for result in results:
        verdict = targets.get(result.name)
        target = ""
        if verdict and "limit_seconds" in verdict:
            target = f"<= {verdict['limit_seconds']} s  {'PASS' if verdict['pass'] else 'MISS'}"
        elif verdict:
            budget = verdict["limit"] * reference
            target = (
                f"<= {verdict['limit']}x ({budget:.2f} s)  {'PASS' if verdict['pass'] else 'MISS'}"
            )
        lines.append(
            f"{result.name:<26} {len(result.samples):>4} {result.median:>9.3f} "
            f"{result.cpu_median:>7.2f} {result.median / reference:>10.2f} "
            f"{result.peak_rss_mb:>11.1f}  {target}"
        )
    for name in skipped:
        lines.append(f"{name:<26} {'-':>4} {'-':>9} {'-':>7} {'-':>10} {'-':>11}  skipped")
    for name, memory in memory_verdicts(results).items():
        lines.append(
            f"{name}: peak RSS {memory['peak_rss_mb']:.1f} MB, target < {memory['limit_mb']:.0f} MB"
            f"  {'PASS' if memory['pass'] else 'MISS'}"
        )
    lines += [
        "",
        "median s: wall clock of the whole process; cpu s: user + system of its process tree;",
        "peak RSS: the largest single process of the tree (scaffold, makemigrations, ruff, git).",
    ]
    if suite:
        lines += [
            "",
            f"generated suite of examples/billing.yaml: {suite['seconds']:.1f} s wall, "
            f"{suite['cpu_seconds']:.1f} s cpu, peak RSS {suite['peak_rss_mb']:.0f} MB "
            f"({suite['summary']})",
        ]
    return "\n".join(lines)


def environment() -> dict[str, Any]:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    def git_out(*args: str) -> str:
        result = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return result.stdout.strip()

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "packages": {name: version(name) for name in ("scaffold", "copier", "django", "ruff")},
        "commit": git_out("rev-parse", "--short", "HEAD"),
        "template_uncommitted": bool(git_out("status", "--porcelain", "copier.yml", "template")),
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/benchmark",
        description="Time scaffold's commands as whole processes, next to Django's startapp.",
        epilog="scripts/benchmark --api [--help]: the generated API next to hand-written DRF "
        "instead (benchmarks/README.md).",
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs of the fast operations (default: 5)"
    )
    parser.add_argument(
        "--repeat-slow",
        type=int,
        default=3,
        help="timed runs of new-domain with 10 and 50 models and of update (default: 3)",
    )
    parser.add_argument(
        "--warmup", type=int, default=1, help="untimed runs before each operation (default: 1)"
    )
    parser.add_argument("--quick", action="store_true", help="one timed run of each, no warm-up")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    parser.add_argument(
        "--skip-suite", action="store_true", help="do not run the billing project's test suite"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.repeat_slow, args.warmup = 1, 1, 0
    if args.repeat < 1 or args.repeat_slow < 1 or args.warmup < 0:
        parser.error("--repeat and --repeat-slow must be at least 1, --warmup at least 0")
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--api" in argv:
        from benchmarks.api.run import main as api_main

        return api_main([arg for arg in argv if arg != "--api"])
    args = parse_args(argv)
    env = environment()
    if env["template_uncommitted"]:
        progress("note: copier.yml or template/ has uncommitted changes; scaffold renders them")
        progress(f"note: {UPDATE_NAME} will be skipped: {DIRTY_UPDATE}")
    fast, slow, warmup = args.repeat, args.repeat_slow, args.warmup
    started = time.perf_counter()
    progress(f"benchmark: {fast} runs (fast), {slow} runs (slow), {warmup} warm-up")
    try:
        with scratch("work") as work:
            results = [
                bench_startapp(fast, warmup),
                bench_help(fast, warmup),
                *bench_new_project(fast, warmup),
            ]
            specs = work / "specs"
            specs.mkdir()
            project = new_project(work)
            for models in SIZES:
                repeat = fast if models == 1 else slow
                results.append(bench_new_domain(project, specs, models, repeat, warmup))
            skipped = (
                dict.fromkeys((UPDATE_NAME, NOOP_NAME), DIRTY_UPDATE)
                if env["template_uncommitted"]
                else {}
            )
            for name in skipped:
                progress(f"  {name:<26} skipped: {DIRTY_UPDATE}")
            if not skipped:
                results.append(bench_update(project, specs, slow, warmup))
                results.append(bench_noop_update(work, specs, fast, warmup))
            suite = None if args.skip_suite else bench_suite(work)
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    progress(f"done in {time.perf_counter() - started:.0f} s\n")
    print(report(results, skipped, suite))
    if args.json:
        reference = next(result for result in results if result.name == REFERENCE).median
        document = {
            "environment": env,
            "repeat": {"fast": fast, "slow": slow, "warmup": warmup},
            "reference": REFERENCE,
            "results": [
                {
                    "name": result.name,
                    "command": result.command,
                    "median_seconds": result.median,
                    "ratio_to_startapp": result.median / reference,
                    "peak_rss_mb": result.peak_rss_mb,
                    "samples": [asdict(sample) for sample in result.samples],
                }
                for result in results
            ],
            "targets": verdicts(results),
            "memory_targets": memory_verdicts(results),
            "skipped": skipped,
            "billing_suite": suite,
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        progress(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
