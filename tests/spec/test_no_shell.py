"""Spec text never reaches a shell unquoted: copier's tasks quote every value they are given."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[2]


def test_every_value_in_a_copier_task_command_is_shell_quoted() -> None:
    tasks = yaml.safe_load((ROOT / "copier.yml").read_text())["_tasks"]
    commands = [task["command"] if isinstance(task, dict) else task for task in tasks]

    for command in commands:
        for expression in re.findall(r"{{(.*?)}}", command, flags=re.DOTALL):
            quoted = re.search(r"\|\s*quote\s*$", expression) or re.search(
                r'map\(\s*"quote"\s*\)\s*\|\s*join\(\s*" "\s*\)\s*$', expression
            )
            assert quoted, f"unquoted value in a copier task: {{{{{expression}}}}}"
