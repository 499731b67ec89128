"""Load generators: wrk (Debian's package) when installed, else a small Python client.

wrk is preferred: written in C, it spends a fraction of the CPU a Python client needs per
request, so on a 2-core machine the client steals less from the server it measures. The Python
client needs nothing installed (CI, and machines without wrk). Either keeps ``connections``
requests in flight against one sync worker, so the worker never waits for the client; each run
is bounded in time and sends traffic to loopback only.
"""

from __future__ import annotations

import http.client
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass

from benchmarks.api.server import HOST
from benchmarks.run import BenchmarkError

CLIENTS = ("wrk", "python")


@dataclass
class Load:
    requests: int
    seconds: float
    failures: int  # non-2xx answers and socket errors

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def pick_client(name: str) -> str:
    if name == "auto":
        return "wrk" if shutil.which("wrk") else "python"
    if name == "wrk" and not shutil.which("wrk"):
        raise BenchmarkError(
            "wrk is not installed (Debian: apt-get install wrk); try --client python"
        )
    return name


def run_load(
    client: str,
    port: int,
    path: str,
    headers: Mapping[str, str],
    seconds: float,
    connections: int,
) -> Load:
    if client == "wrk":
        return _wrk(port, path, headers, seconds, connections)
    return _python(port, path, headers, seconds, connections)


def _wrk(
    port: int, path: str, headers: Mapping[str, str], seconds: float, connections: int
) -> Load:
    # wrk takes whole seconds.
    argv = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{max(1, round(seconds))}s"]
    argv += ["--timeout", "10s"]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    argv.append(f"http://{HOST}:{port}{path}")
    result = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60)
    if result.returncode != 0:
        raise BenchmarkError(f"wrk failed:\n{result.stdout}{result.stderr}")
    out = result.stdout
    done = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)\b", out)
    if not done:
        raise BenchmarkError(f"unexpected wrk output:\n{out}")
    scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[done.group(3)]
    failures = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    # A sync worker closes every connection after its response; wrk counts those as reads
    # failing with 0 bytes only when a request was cut short, which the status check catches.
    if errors:
        failures += int(errors.group(1)) + int(errors.group(3)) + int(errors.group(4))
    return Load(int(done.group(1)), float(done.group(2)) * scale, failures)


def _python(
    port: int, path: str, headers: Mapping[str, str], seconds: float, connections: int
) -> Load:
    counts = [0] * connections
    failures = [0] * connections
    deadline = time.perf_counter() + seconds

    def worker(index: int) -> None:
        connection: http.client.HTTPConnection | None = None
        while time.perf_counter() < deadline:
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(HOST, port, timeout=10)
                connection.request("GET", path, headers=dict(headers))
                response = connection.getresponse()
                response.read()
                if response.status >= 300:
                    failures[index] += 1
                counts[index] += 1
                if response.will_close:
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                failures[index] += 1
                if connection is not None:
                    connection.close()
                connection = None
        if connection is not None:
            connection.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Load(sum(counts), time.perf_counter() - start, sum(failures))
