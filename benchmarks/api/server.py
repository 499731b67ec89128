"""One gunicorn process serving the benchmark project, and what /proc says about its worker."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from benchmarks.run import BenchmarkError

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Headers of every request: the proxy's HTTPS marker (SECURE_SSL_REDIRECT stays on) and one
# Host, so pagination links are the same whichever port a server listens on.
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, headers: Mapping[str, str]) -> tuple[int, bytes, dict[str, str]]:
    """One GET over a fresh connection: status, body and headers (lower-case names)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=dict(headers))
        response = connection.getresponse()
        return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()


class Server:
    """``gunicorn`` with one sync worker on loopback; use as a context manager."""

    def __init__(self, project: Path, env: Mapping[str, str], log: Path) -> None:
        self.project = project
        self.env = dict(env)
        self.log = log
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.worker = 0

    def __enter__(self) -> Server:
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers=1",
            "--worker-class=sync",
            f"--bind={HOST}:{self.port}",
            "--log-level=warning",
            "--error-logfile=-",
            "config.wsgi:application",
        ]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                argv, cwd=self.project, env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        self.worker = self._wait_until_serving()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _wait_until_serving(self, timeout: float = 60) -> int:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchmarkError(
                    f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}"
                )
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    pass
            except OSError:
                time.sleep(0.1)
                continue
            workers = children(self.process.pid)
            if workers:
                return workers[0]
            time.sleep(0.1)
        raise BenchmarkError(f"gunicorn did not start within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]

    def cpu_seconds(self) -> float:
        """User + system time of the worker so far."""
        fields = Path(f"/proc/{self.worker}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime

    def peak_rss_kb(self) -> int:
        """The worker's high-water mark of resident memory (VmHWM)."""
        for line in Path(f"/proc/{self.worker}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise BenchmarkError("no VmHWM in /proc status")


def children(pid: int) -> list[int]:
    """Child processes of ``pid`` (gunicorn's worker is the arbiter's only child)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    if path.exists():
        return [int(child) for child in path.read_text().split()]
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found
