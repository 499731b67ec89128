"""`scripts/benchmark --api`: the generated billing API against a hand-written DRF baseline.

It generates a project with examples/billing.yaml (or copies one given with --project), adds the
app in benchmarks/api/app (the baseline, the prototype fast read path, a seed command), seeds two
organizations, and serves each variant with gunicorn (one sync worker, production settings,
loopback only) on each database:

- baseline:  ModelViewSet + ModelSerializer, same filter backends, same queries (by hand);
- generated: the project's own views, as the template writes them;
- fast:      the prototype read path (benchmarks/README.md), not in the template yet.

Every variant first answers each endpoint once with a query counter on: bodies must be byte for
byte the baseline's, and the queries are reported. Then all servers are up at once and each round
loads every (endpoint, variant) for a few seconds, variants in alternating order (ABC, CBA, ...);
the report gives medians over rounds, and each ratio is the median of the per-round ratios to
the baseline (a shared machine's load changes over minutes, not between neighbouring seconds).

    scripts/benchmark --api [--databases sqlite,postgres] [--runs 10] [--seconds 2] [--quick]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import statistics
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.api.load import CLIENTS, Load, pick_client, run_load
from benchmarks.api.server import HOST, Server, get
from benchmarks.run import (
    PYTHON,
    REPO,
    SCAFFOLD,
    BenchmarkError,
    child_env,
    environment,
    progress,
    run,
    scratch,
)

APP = Path(__file__).parent / "app" / "api_benchmark"
SPEC = REPO / "examples" / "billing.yaml"
VARIANTS = ("baseline", "generated", "fast")
REFERENCE = "baseline"
# "fast:rows" and the like: the prototype with only some of its parts (api_benchmark/fast/views).
FAST_PARTS = ("rows", "filters")
INVOICES = "/api/orgs/{organization}/billing/invoices/"
ENDPOINTS = {
    "invoice-list": INVOICES,
    "invoice-detail": INVOICES + "{invoice}/",
    "invoice-list-filtered": INVOICES + "?status=sent&ordering=-amount",
}
TARGET = 1.5  # issue 14: the generated read path, x the baseline's requests per second
TARGET_ENDPOINTS = ("invoice-list", "invoice-detail")
SECRET_KEY = "api-benchmark-only-" + "0123456789abcdef" * 3
# The PostgreSQL database of this checkout, named like the end-to-end tests' (tests/e2e).
POSTGRES_NAME = "scaffold_" + hashlib.sha256(str(REPO).encode()).hexdigest()[:8] + "_api"
POSTGRES_SERVER = ("127.0.0.1", 5432)
DATABASES = ("sqlite", "postgres")


@dataclass
class Measure:
    rps: float
    cpu_ms: float  # the worker's user + system time per request
    requests: int


def prepare_project(work: Path, source: Path | None) -> Path:
    """A generated project with the billing domain, plus the benchmark app."""
    project = work / "apibench"
    if source is not None:
        shutil.copytree(
            source,
            project,
            ignore=shutil.ignore_patterns(".git", ".venv", "*.sqlite3", "__pycache__", ".*cache"),
        )
    else:
        progress(f"generating a project with {SPEC.relative_to(REPO)}")
        run([SCAFFOLD, "new-project", str(project), "--name", "apibench", "--no-install"], work)
        run([SCAFFOLD, "new-domain", str(SPEC)], project)
    if not (project / "billing" / "views.py").exists():
        raise BenchmarkError(f"{project} has no billing domain (scaffold new-domain {SPEC.name})")
    shutil.copytree(APP, project / APP.name)
    return project


def django_env(database_url: str, **extra: str) -> dict[str, str]:
    env = child_env()
    env.pop("DJANGO_DEBUG", None)  # production settings: DEBUG off
    env.update(
        DJANGO_SETTINGS_MODULE="api_benchmark.settings",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS=HOST,
        DATABASE_URL=database_url,
        **extra,
    )
    return env


def manage(project: Path, database_url: str, *args: str) -> str:
    env = django_env(database_url)
    try:
        _, output = run([PYTHON, "manage.py", *args], project, env=env)
    except BenchmarkError as error:
        raise BenchmarkError(f"manage.py {' '.join(args)} failed: {error}") from None
    return output


def postgres_reachable() -> bool:
    try:
        with socket.create_connection(POSTGRES_SERVER, timeout=1):
            return True
    except OSError:
        return False


def postgres_database(action: str) -> str:
    """Create (afresh) or drop this checkout's benchmark database; its URL."""
    import psycopg
    from psycopg import sql

    host, port = POSTGRES_SERVER
    with psycopg.connect(f"postgresql://postgres@{host}:{port}/postgres", autocommit=True) as db:
        name = sql.Identifier(POSTGRES_NAME)
        db.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        if action == "create":
            db.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return f"postgres://postgres@{host}:{port}/{POSTGRES_NAME}"


def request_headers(token: str) -> dict[str, str]:
    return {
        "Host": HOST,
        "Authorization": f"Token {token}",
        "X-Forwarded-Proto": "https",  # as the TLS proxy sends it; SECURE_SSL_REDIRECT stays on
        "Accept": "application/json",
    }


def variant_env(database_url: str, variant: str, **extra: str) -> dict[str, str]:
    name, _, parts = variant.partition(":")
    if parts:
        extra["BENCH_FAST_PARTS"] = parts
    return django_env(database_url, BENCH_VARIANT=name, **extra)


def verify(
    project: Path,
    database_url: str,
    variants: list[str],
    paths: dict[str, str],
    headers: dict[str, str],
    log: Path,
) -> dict[str, Any]:
    """Each variant answers each endpoint once, counting queries; bodies must be the baseline's."""
    bodies: dict[str, dict[str, bytes]] = {}
    queries: dict[str, dict[str, int]] = {}
    for variant in variants:
        env = variant_env(database_url, variant, BENCH_COUNT_QUERIES="1")
        with Server(project, env, log) as server:
            for endpoint, path in paths.items():
                status, body, response_headers = get(server.port, path, headers)
                if status != 200:
                    raise BenchmarkError(
                        f"{variant} answered {status} to GET {path}: {body[:500]!r}\n"
                        f"{server.log_tail()}"
                    )
                bodies.setdefault(variant, {})[endpoint] = body
                queries.setdefault(variant, {})[endpoint] = int(response_headers["x-bench-queries"])
    identical = {}
    for endpoint in paths:
        reference = bodies[REFERENCE][endpoint]
        for variant in variants:
            body = bodies[variant][endpoint]
            if body != reference:
                offset = next(
                    (i for i, (a, b) in enumerate(zip(body, reference, strict=False)) if a != b),
                    min(len(body), len(reference)),
                )
                raise BenchmarkError(
                    f"{variant}'s body for {endpoint} differs from the {REFERENCE}'s at byte "
                    f"{offset}:\n  {variant}: {body[max(0, offset - 60) : offset + 60]!r}\n"
                    f"  {REFERENCE}: {reference[max(0, offset - 60) : offset + 60]!r}"
                )
        identical[endpoint] = {"bytes": len(reference), "identical": True}
    return {"queries": queries, "bodies": identical}


def measure(
    project: Path,
    database_url: str,
    paths: dict[str, str],
    headers: dict[str, str],
    args: argparse.Namespace,
    log: Path,
) -> tuple[dict[str, dict[str, list[Measure]]], dict[str, list[int]], list[float]]:
    """Timed rounds against one server per variant, all up at once.

    Each round loads every (endpoint, variant) for ``--seconds``, the variants in alternating
    order (ABC, CBA, ...): samples of one round are seconds apart, so the machine's changing
    load hits every variant alike, and the per-round ratios cancel most of it.
    """
    variants = args.variants
    samples: dict[str, dict[str, list[Measure]]] = {v: {e: [] for e in paths} for v in variants}
    loads: list[float] = []
    with ExitStack() as stack:
        servers = {
            variant: stack.enter_context(Server(project, variant_env(database_url, variant), log))
            for variant in variants
        }
        if args.warmup > 0:
            for server in servers.values():
                for path in paths.values():
                    load_for(args, server, path, headers, args.warmup)
        for index in range(args.runs):
            order = variants if index % 2 == 0 else variants[::-1]
            for endpoint, path in paths.items():
                for variant in order:
                    server = servers[variant]
                    before = server.cpu_seconds()
                    load = load_for(args, server, path, headers, args.seconds)
                    cpu = server.cpu_seconds() - before
                    if load.failures or not load.requests:
                        raise BenchmarkError(
                            f"{variant} {endpoint}: {load.failures} failed of {load.requests} "
                            f"requests\n{server.log_tail()}"
                        )
                    samples[variant][endpoint].append(
                        Measure(load.rps, cpu * 1000 / load.requests, load.requests)
                    )
            loads.append(os.getloadavg()[0])
            first = next(iter(paths))
            summary = "  ".join(f"{v} {samples[v][first][-1].rps:.0f}" for v in variants)
            progress(f"  round {index + 1}/{args.runs}, {first}: req/s {summary}")
        rss = {variant: [server.peak_rss_kb()] for variant, server in servers.items()}
    return samples, rss, loads


def load_for(
    args: argparse.Namespace, server: Server, path: str, headers: dict[str, str], seconds: float
) -> Load:
    return run_load(args.client, server.port, path, headers, seconds, args.connections)


def summarize(
    samples: dict[str, dict[str, list[Measure]]], rss: dict[str, list[int]]
) -> dict[str, dict[str, dict[str, Any]]]:
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for variant, endpoints in samples.items():
        for endpoint, measures in endpoints.items():
            reference = samples[REFERENCE][endpoint]
            ratios = [m.rps / r.rps for m, r in zip(measures, reference, strict=True)]
            cpu_ratios = [r.cpu_ms / m.cpu_ms for m, r in zip(measures, reference, strict=True)]
            table.setdefault(endpoint, {})[variant] = {
                "rps": statistics.median(m.rps for m in measures),
                "rps_runs": [round(m.rps, 1) for m in measures],
                "cpu_ms_per_request": statistics.median(m.cpu_ms for m in measures),
                "ratio": statistics.median(ratios),
                "cpu_ratio": statistics.median(cpu_ratios),
                "peak_rss_mb": max(rss[variant]) / 1024,
            }
    return table


def report(results: dict[str, Any]) -> str:
    header = (
        f"{'database':<9} {'endpoint':<23} {'variant':<12} {'req/s':>7} {'cpu ms/req':>10} "
        f"{'queries':>7} {'x baseline':>10} {'x (cpu)':>8} {'RSS MB':>7}  target"
    )
    lines = [header, "-" * len(header)]
    for database, result in results["databases"].items():
        if "skipped" in result:
            lines.append(f"{database:<9} skipped: {result['skipped']}")
            continue
        for endpoint, variants in result["table"].items():
            for variant, row in variants.items():
                target = ""
                if variant != REFERENCE and endpoint in TARGET_ENDPOINTS:
                    met = row["ratio"] >= TARGET
                    target = f">= {TARGET}x  {'PASS' if met else 'MISS'}"
                queries = result["verification"]["queries"][variant][endpoint]
                lines.append(
                    f"{database:<9} {endpoint:<23} {variant:<12} {row['rps']:>7.0f} "
                    f"{row['cpu_ms_per_request']:>10.2f} {queries:>7} {row['ratio']:>10.2f} "
                    f"{row['cpu_ratio']:>8.2f} {row['peak_rss_mb']:>7.1f}  {target}"
                )
        lines.append("")
    env = results["environment"]
    lines += [
        "req/s: median over rounds (one gunicorn sync worker, "
        f"{results['settings']['connections']} connections, {results['settings']['client']}); "
        "x baseline: median of the per-round ratios;",
        "cpu ms/req: the worker's user + system time per request; x (cpu): the baseline's cpu "
        "over the variant's; RSS: the worker's peak.",
        "Every variant's body is byte for byte the baseline's (checked before timing); the fast",
        "path's values equal DRF's fields' on edge values and every seeded row (bench_check).",
        f"load average during the runs: {min(env['load']):.1f}-{max(env['load']):.1f} on "
        f"{env['cpus']} cpus (nice {results['settings']['nice']})",
    ]
    return "\n".join(lines)


def bench_database(
    database: str, project: Path, work: Path, args: argparse.Namespace
) -> dict[str, Any]:
    if database == "postgres":
        if not postgres_reachable():
            return {
                "skipped": f"PostgreSQL is not running on {POSTGRES_SERVER[0]}:{POSTGRES_SERVER[1]}"
            }
        database_url = postgres_database("create")
    else:
        database_url = f"sqlite:///{work / 'api-benchmark.sqlite3'}"
    log = work / f"gunicorn-{database}.log"
    try:
        progress(f"{database}: migrate and seed")
        manage(project, database_url, "migrate", "--noinput", "-v0")
        ids = json.loads(manage(project, database_url, "bench_seed").strip().splitlines()[-1])
        exact = json.loads(manage(project, database_url, "bench_check").strip().splitlines()[-1])
        if exact["mismatches"]:
            raise BenchmarkError(
                "the fast read path differs from DRF's:\n  " + "\n  ".join(exact["mismatches"])
            )
        paths = {name: ENDPOINTS[name].format(**ids) for name in args.endpoints}
        headers = request_headers(ids["token"])
        verification = verify(project, database_url, args.variants, paths, headers, log)
        progress(f"{database}: bodies identical; queries {verification['queries']}")
        samples, rss, loads = measure(project, database_url, paths, headers, args, log)
    finally:
        if database == "postgres":
            postgres_database("drop")
    verification["representation_checks"] = exact["checked"]
    return {
        "verification": verification,
        "table": summarize(samples, rss),
        "samples": {
            v: {e: [m.__dict__ for m in ms] for e, ms in endpoints.items()}
            for v, endpoints in samples.items()
        },
        "load": loads,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="scripts/benchmark --api",
        description="Requests per second and peak RSS of the generated billing API, next to a "
        "hand-written DRF baseline and the prototype fast read path.",
    )
    parser.add_argument("--databases", default=",".join(DATABASES), help="default: %(default)s")
    parser.add_argument(
        "--endpoints",
        default=",".join(ENDPOINTS),
        help=f"comma-separated, of: {', '.join(ENDPOINTS)} (default: all)",
    )
    parser.add_argument(
        "--variants",
        default=",".join(VARIANTS),
        help="comma-separated, of: baseline (always), generated, fast, fast:PART+PART with PARTs "
        f"of {', '.join(FAST_PARTS)} (the prototype with only those; default: %(default)s)",
    )
    parser.add_argument("--runs", type=int, default=10, help="timed rounds (default: 10)")
    parser.add_argument(
        "--seconds", type=float, default=2.0, help="load per endpoint, variant and round (2)"
    )
    parser.add_argument("--warmup", type=float, default=1.0, help="untimed load before each")
    parser.add_argument("--connections", type=int, default=2, help="requests in flight (2)")
    parser.add_argument("--client", choices=("auto", *CLIENTS), default="auto")
    parser.add_argument("--nice", type=int, default=10, help="niceness of the whole run (10)")
    parser.add_argument("--project", type=Path, help="copy this generated project instead")
    parser.add_argument("--quick", action="store_true", help="one short run of each")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results here")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.seconds, args.warmup = 1, 1.0, 1.0
    args.databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    args.endpoints = [e.strip() for e in args.endpoints.split(",") if e.strip()]
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    args.variants = [REFERENCE, *dict.fromkeys(v for v in variants if v != REFERENCE)]
    for variant in args.variants:
        name, colon, parts = variant.partition(":")
        unknown = set(parts.split("+")) - set(FAST_PARTS) if colon else set()
        if name not in VARIANTS or (colon and name != "fast") or unknown:
            parser.error(f"unknown variant {variant!r}; see --help")
    for name in args.databases:
        if name not in DATABASES:
            parser.error(f"unknown database {name!r}; expected {', '.join(DATABASES)}")
    for name in args.endpoints:
        if name not in ENDPOINTS:
            parser.error(f"unknown endpoint {name!r}; expected {', '.join(ENDPOINTS)}")
    if args.runs < 1 or args.seconds <= 0 or args.connections < 1:
        parser.error("--runs, --seconds and --connections must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        args.client = pick_client(args.client)
        os.nice(args.nice)
        env = environment()
        env["load"] = [os.getloadavg()[0]]
        started = time.perf_counter()
        results: dict[str, Any] = {
            "environment": env,
            "settings": {
                key: (str(value) if isinstance(value, Path) else value)
                for key, value in vars(args).items()
                if key != "json"
            },
            "databases": {},
        }
        with scratch("api") as work:
            project = prepare_project(work, args.project)
            for database in args.databases:
                result = bench_database(database, project, work, args)
                results["databases"][database] = result
                env["load"] += result.get("load", [])
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    env["load"].append(os.getloadavg()[0])
    progress(f"done in {time.perf_counter() - started:.0f} s\n")
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        progress(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
