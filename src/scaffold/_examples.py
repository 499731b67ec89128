"""The example specs that come with scaffold (``new-domain --example billing``).

They live in the checkout's ``examples/`` folder; wheels carry them as ``scaffold/examples/``.
"""

from __future__ import annotations

from pathlib import Path

from scaffold._template import PACKAGE_DIR
from scaffold.errors import UserError


def examples_dir() -> Path:
    installed = PACKAGE_DIR / "examples"
    return installed if installed.is_dir() else PACKAGE_DIR.parents[1] / "examples"


def example_names() -> list[str]:
    return sorted(path.stem for path in examples_dir().glob("*.yaml"))


def spec_to_use(spec: Path | None, example: str | None) -> Path:
    """The spec file a command was given: a path, or the name of an example."""
    names = example_names()
    listing = ", ".join(names) or "none in this installation"
    if spec is not None and example is not None:
        raise UserError(
            "give either a spec file or --example, not both",
            hint=f"--example NAME uses one of scaffold's examples ({listing})",
        )
    if example is not None:
        if example not in names:
            raise UserError(
                f"scaffold has no example named '{example}'", hint=f"examples: {listing}"
            )
        return examples_dir() / f"{example}.yaml"
    if spec is None:
        raise UserError(
            "which spec? give a spec file, e.g. specs/billing.yaml, or --example NAME",
            hint=f"scaffold's examples: {listing}",
        )
    return spec
