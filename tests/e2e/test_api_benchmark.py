"""`scripts/benchmark --api` works: it serves every variant, checks bodies and counts queries.

Not a timed test: it runs the harness once, briefly, on SQLite with the Python client, and
checks what it reports, never how fast anything was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.api.run import main

pytestmark = pytest.mark.e2e


def test_api_benchmark_serves_compares_and_reports(
    generated_project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "api.json"
    argv = ["--project", str(generated_project), "--databases", "sqlite", "--client", "python"]
    argv += ["--endpoints", "invoice-list,invoice-detail", "--runs", "1", "--seconds", "0.5"]
    argv += ["--warmup", "0", "--nice", "0", "--json", str(report)]

    assert main(argv) == 0, capsys.readouterr().err

    result = json.loads(report.read_text())["databases"]["sqlite"]
    verification = result["verification"]
    assert verification["bodies"]["invoice-list"]["identical"]
    assert verification["bodies"]["invoice-list"]["bytes"] > 1000  # a page of 25 nested rows
    assert verification["representation_checks"] > 100
    for endpoint, queries in verification["queries"]["baseline"].items():
        assert verification["queries"]["generated"][endpoint] == queries
        assert verification["queries"]["fast"][endpoint] <= queries
    for variant in ("baseline", "generated", "fast"):
        for endpoint in ("invoice-list", "invoice-detail"):
            row = result["table"][endpoint][variant]
            assert row["rps"] > 0
            assert row["peak_rss_mb"] > 10
    assert "x baseline" in capsys.readouterr().out
