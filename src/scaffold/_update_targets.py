"""Where each part of a project goes in an update, checked before anything is written.

A part is the project itself or one domain (each its own copier subproject). Its template must
be reachable, ``--to`` must name a version of it, and the target must not be older than what
the part records (copier's 3-way merge only goes forward). A part whose spec and template
version are both unchanged is current: the update leaves it alone without rendering it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from scaffold import _git
from scaffold._interrupts import shielded
from scaffold._template import TemplateSource, template_for
from scaffold._versions import Versions
from scaffold.errors import UserError

# Set in a domain's answers when an update merged it but stopped at conflicts before making its
# migration: the next update must not skip the domain. Copier drops the key when it next writes.
MIGRATION_PENDING = "_scaffold_migration_pending"


@dataclass(frozen=True)
class Part:
    name: str  # "project" or a domain
    directory: Path
    answers: dict[str, Any]  # as recorded at the last generation
    data: dict[str, Any] | None  # what to render now; None for the project (no spec)


@dataclass(frozen=True)
class Target:
    part: Part
    source: TemplateSource  # its ref is the version to go to
    recorded: str  # the version the part records
    current: bool  # nothing to do: same spec, same template version

    @property
    def relocated(self) -> bool:
        """The recorded template folder is gone and ``--template`` says where it is now."""
        recorded_url = self.part.answers.get("_src_path")
        return isinstance(recorded_url, str) and recorded_url != self.source.url


def resolve_targets(parts: list[Part], to: str | None, template: str | None) -> list[Target]:
    """Each part's target version; a ``UserError`` before any write when one is impossible."""
    sources: dict[str | None, TemplateSource] = {}
    read: dict[str, Versions] = {}
    targets, unknown, older = [], [], []
    for part in parts:
        url = part.answers.get("_src_path")
        recorded_url = url if isinstance(url, str) else None
        source = sources.get(recorded_url)
        if source is None:
            source = sources[recorded_url] = template_for(recorded_url, template, to)
        versions = read.get(source.location)
        if versions is None:
            versions = read[source.location] = Versions.read(source, who=part.name)
        goal = versions.default_target()
        recorded = str(part.answers.get("_commit", ""))
        if to and versions.commit(to) is None:
            unknown.append(versions)
        elif versions.is_older(goal, recorded):
            older.append((part.name, recorded, versions.name(goal)))
        current = versions.same(recorded, goal) is True and _same_data(part)
        targets.append(Target(part, replace(source, ref=goal), recorded, current))
    if unknown:
        releases = ", ".join(unknown[0].releases()[:10]) or "none (versions are commit ids)"
        raise UserError(
            f"the template {unknown[0].source.url} has no version '{to}'",
            hint=f"its releases, newest first: {releases}",
        )
    if older:
        raise _downgrade_error(older, to)
    return targets


def _same_data(part: Part) -> bool:
    if part.answers.get(MIGRATION_PENDING):
        return False
    if part.data is None:
        return True
    return all(part.answers.get(key) == value for key, value in part.data.items())


def _downgrade_error(older: list[tuple[str, str, str]], to: str | None) -> UserError:
    listing = "\n".join(f"  {name} records {recorded}" for name, recorded, _ in older)
    goal = older[0][2]
    if to:
        return UserError(
            f"--to {to} is older than what {len(older)} part(s) of the project record:\n{listing}",
            hint="updates only go forward (merging backwards would undo template changes as if "
            "they were yours); to go back, revert the commit that brought the newer version "
            "(`git revert`)",
        )
    return UserError(
        f"this template ({goal}) is older than what {len(older)} part(s) of the project record:\n"
        f"{listing}",
        hint="upgrade scaffold (or pass --template with a newer copy) to at least the version "
        "recorded; updates only go forward",
    )


@contextmanager
def recorded_at_new_location(target: Target) -> Iterator[None]:
    """While the block runs, the part's answers name the template's new folder.

    Copier renders the version a part came from out of the recorded ``_src_path``, and takes
    a path that no longer exists for a folder that is no git repository at all. The edited
    answers are hidden from `git status` meanwhile (copier refuses a part with uncommitted
    changes); copier writes the answers anew, recording the new place.
    """
    answers_file = target.part.directory / ".copier-answers.yml"
    line = yaml.safe_dump({"_src_path": target.source.url}, width=10_000).strip()
    text = answers_file.read_text(encoding="utf-8")
    answers_file.write_text(
        re.sub(r"^_src_path: .*$", lambda _: line, text, count=1, flags=re.MULTILINE),
        encoding="utf-8",
    )
    root = target.part.directory
    _git.git(root, "update-index", "--assume-unchanged", ".copier-answers.yml")
    try:
        yield
    finally:
        with shielded():  # a flag left set would hide the file from `git status` for good
            _git.git(root, "update-index", "--no-assume-unchanged", ".copier-answers.yml")


def mark_migration_pending(answers_file: Path) -> None:
    """Note in a merged domain's answers that its migration is still to be made."""
    with answers_file.open("a", encoding="utf-8") as answers:
        answers.write(f"{MIGRATION_PENDING}: true\n")
