"""The error hierarchy of scaffold; the CLI shows each error once, at its boundary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class ScaffoldError(Exception):
    """Base of every error scaffold raises on purpose."""


class UserError(ScaffoldError):
    """Something the user can fix: bad input, a wrong directory, a dirty tree."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        lines = [f"error: {self.message}"]
        if self.hint:
            lines.append(f"tip: {self.hint}")
        return "\n".join(lines)


def printable(text: str) -> str:
    """``text`` with what a terminal cannot show escaped: a key "a\\n" or a lone surrogate
    (from a YAML escape or an undecodable file name) must not break the message itself."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


@dataclass
class SpecProblem:
    """One problem in a spec file: where it is and what is wrong."""

    path: tuple[str | int, ...]
    message: str
    line: int | None = None
    hint: str | None = None

    @property
    def dotted_path(self) -> str:
        return ".".join(printable(str(part)) for part in self.path) or "(top level)"


@dataclass
class SpecError(UserError):
    """A spec file that cannot be used, with every problem found in it."""

    file: Path
    problems: list[SpecProblem] = field(default_factory=list)

    def __post_init__(self) -> None:
        first = self.problems[0].message if self.problems else "invalid spec"
        UserError.__init__(self, first)

    def __str__(self) -> str:
        return self.render()

    def render(self) -> str:
        blocks = []
        for problem in self.problems:
            where = f", line {problem.line}" if problem.line else ""
            block = [
                f"error: invalid spec {printable(str(self.file))}{where}",
                f"==> At {problem.dotted_path}",
                f"=====> {problem.message}",
            ]
            if problem.hint:
                block.append(f"tip: {problem.hint}")
            blocks.append("\n".join(block))
        return "\n\n".join(blocks)


class ProjectError(UserError):
    """The target directory is not a usable scaffold project."""


class DomainExistsError(UserError):
    """A domain of that name is already in the project."""


class DirtyTreeError(UserError):
    """The project has uncommitted changes, so an update could not be reviewed or undone."""


class CommandFailedError(UserError):
    """A command scaffold ran in the project (git, manage.py) failed."""


class TemplateUnreachableError(UserError):
    """The template an answers file records cannot be reached from this machine."""


class RestoreFailedError(UserError):
    """Putting the tree back after a failure did not work; the message says how to finish."""


class MergeConflictError(UserError):
    """An update left conflict markers that a person has to resolve."""

    def __init__(self, files: list[str]) -> None:
        listing = "\n".join(f"  {name}" for name in files)
        super().__init__(
            f"the update left conflicts in {len(files)} file(s):\n{listing}",
            hint="resolve the <<<<<<< / >>>>>>> markers and commit, then run `scaffold update` "
            "again: it makes the migration a spec change needs",
        )
        self.files = files


class PlanRefusedError(UserError):
    """The migration plan needs consent or a spec change first; nothing was written."""

    def __init__(self, plan: str, reasons: list[UserError]) -> None:
        super().__init__(reasons[0].message if reasons else "the migration plan was refused")
        self.plan = plan
        self.reasons = reasons

    def render(self) -> str:
        blocks = [self.plan] if self.plan else []
        blocks += [reason.render() for reason in self.reasons]
        return "\n\n".join(blocks)
