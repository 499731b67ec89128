"""``python -m scaffold_worker``: a JSON request on stdin, one JSON reply on stdout.

Run from the project's folder with the project's interpreter. The reply is written to the
original stdout only; anything Django or the project prints goes to stderr instead.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from typing import Any


def main() -> int:
    reply_to = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # prints from settings or apps must not corrupt the reply
    sys.path[:1] = [os.getcwd()]  # the project, not this folder, comes first
    from scaffold_worker.problems import WorkerError

    try:
        request = json.load(sys.stdin)
        reply: dict[str, Any] = run(request)
    except WorkerError as error:
        reply = {"error": {"kind": error.kind, "message": error.message}}
    except Exception:
        reply = {"error": {"kind": "crash", "message": traceback.format_exc()}}
    json.dump(reply, reply_to, default=str)
    reply_to.flush()
    return 0


def run(request: dict[str, Any]) -> dict[str, Any]:
    from scaffold_worker.problems import WorkerError

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", request["settings"])
    try:
        import django

        django.setup()
    except Exception:
        raise WorkerError("setup", _last_lines(traceback.format_exc())) from None
    from scaffold_worker.plan import plan

    labels = list(request["apps"])
    from django.apps import apps

    unknown = [label for label in labels if label not in apps.app_configs]
    if unknown:
        raise WorkerError("unknown_app", ", ".join(unknown))
    if request.get("checks", True):
        _system_checks()
    return plan(request)


def _system_checks() -> None:
    from django.core import checks
    from django.core.checks.messages import ERROR

    from scaffold_worker.problems import WorkerError

    found = [message for message in checks.run_checks() if message.level >= ERROR]
    if found:
        raise WorkerError("checks", "\n".join(str(message) for message in found))


def _last_lines(text: str, count: int = 25) -> str:
    return "\n".join(text.strip().splitlines()[-count:])


if __name__ == "__main__":
    sys.exit(main())
