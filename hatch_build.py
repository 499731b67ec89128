"""Wheel build hook: ship the template's git history as a bundle.

`scaffold update` replays the template version a project was generated from; the bundle lets an
installed scaffold reach every earlier release offline (see src/scaffold/_template.py).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BUNDLE = "scaffold/_template.bundle"


class TemplateHistoryHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install uses the checkout itself
        root = Path(self.root)
        if not (root / ".git").exists():
            raise RuntimeError("build scaffold wheels from a git checkout: they ship its history")
        bundle = Path(tempfile.mkdtemp(prefix="scaffold-build-")) / "_template.bundle"
        subprocess.run(
            ["git", "bundle", "create", str(bundle), "HEAD", "--tags"],
            cwd=root,
            check=True,
            capture_output=True,
        )
        build_data["force_include"][str(bundle)] = BUNDLE
