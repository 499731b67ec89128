"""What a slow command is doing: one line per step on stderr, so stdout keeps only results.

Every command reports through ``step``; ``-q`` (``set_quiet``) silences it, and the tools
scaffold runs for long (uv) are made quiet the same way.
"""

from __future__ import annotations

import sys

_state = {"quiet": False}


def set_quiet(quiet: bool) -> None:
    _state["quiet"] = quiet


def is_quiet() -> bool:
    return _state["quiet"]


def step(message: str) -> None:
    """Say which step starts now, e.g. ``step("Rendering the billing domain")``."""
    if not _state["quiet"]:
        print(f"{message}...", file=sys.stderr, flush=True)
