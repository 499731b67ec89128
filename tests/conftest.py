"""What every test shares: the environment for `--no-install` projects, and e2e progress lines."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def shared_project_environment() -> Iterator[str]:
    """This interpreter's environment (scaffold[generated]), as if the user had activated it.

    A project without its own .venv runs manage.py in the activated virtualenv, so the many
    projects tests make with `--no-install` share this one instead of installing their own;
    the end-to-end tests install real ones. Subprocesses inherit it.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VIRTUAL_ENV", sys.prefix)
        yield sys.prefix


def announce(config: pytest.Config, message: str) -> None:
    """A line on the terminal now, even while pytest captures output (slow steps say so)."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None or config.get_verbosity() < 0:
        return
    with capture.global_and_fixture_disabled():
        reporter.write(f"\n    {message} ")  # the test's own dot (or F) follows on this line
        reporter.flush()  # CI logs are files, block-buffered


def pytest_runtest_setup(item: pytest.Item) -> None:
    # End-to-end tests take up to minutes each: name each one as it starts (verbose mode
    # already does).
    if item.get_closest_marker("e2e") and item.config.get_verbosity() == 0:
        announce(item.config, f"e2e: {item.name}...")
