"""Where scaffold's copier template comes from, which version to render, and how to reach old ones.

Answers files record ``_src_path`` and ``_commit``; copier replays the recorded version to
compute the 3-way merge of an update, so that version must be reachable on whatever machine
runs the update. The bundled template is therefore recorded under a machine-independent URL,
``git+scaffold://template``, which git rewrites at run time (``url.<local>.insteadOf``) to a
repository on this machine: the source checkout when scaffold runs from one, or the git bundle
of the template's history shipped inside the installed package (offline, every past release).
A team's fork is recorded under its own URL; ``--template`` maps a recorded URL to a new place.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import scaffold
from scaffold.errors import UserError

PACKAGE_DIR = Path(scaffold.__file__).resolve().parent
BUNDLED_URL = "git+scaffold://template"
_GIT_URL = BUNDLED_URL.removeprefix("git+")


@dataclass(frozen=True)
class TemplateSource:
    """A copier template: the URL copier records, the version to render, and URL rewrites."""

    url: str
    ref: str | None
    rewrites: dict[str, str] = field(default_factory=dict)  # recorded URL -> local location

    def git_environment(self, inherited: Mapping[str, str]) -> dict[str, str]:
        """Variables that make git find every recorded URL at its local location.

        ``url.<local>.insteadOf`` given through GIT_CONFIG_* variables, appended after any
        the environment already has.
        """
        start = int(inherited.get("GIT_CONFIG_COUNT", "0"))
        pairs = []
        for recorded, local in self.rewrites.items():
            # insteadOf matches prefixes, and the longest one wins: the identity rule keeps a
            # local place that starts with the recorded one (/forks/t -> /forks/t2) as it is.
            pairs += [(local, recorded.removeprefix("git+")), (local, local)]
        variables = {}
        for offset, (local, recorded) in enumerate(pairs):
            variables[f"GIT_CONFIG_KEY_{start + offset}"] = f"url.{local}.insteadOf"
            variables[f"GIT_CONFIG_VALUE_{start + offset}"] = recorded
        if variables:
            variables["GIT_CONFIG_COUNT"] = str(start + len(pairs))
        return variables

    @property
    def location(self) -> str:
        """Where git finds this template on this machine."""
        return self.rewrites.get(self.url, self.url).removeprefix("git+")


def installation_cache_dir() -> Path:
    """A cache folder of this installation alone (keyed by where the package lives)."""
    from platformdirs import user_cache_dir  # a dependency of copier

    key = hashlib.sha256(str(PACKAGE_DIR).encode()).hexdigest()[:16]
    return Path(user_cache_dir("scaffold", appauthor=False)) / key


def bundled_location() -> tuple[Path, bool]:
    """The local git repository (or bundle) holding the bundled template's history.

    Returns the location and whether it is a source checkout with uncommitted changes.
    """
    checkout = PACKAGE_DIR.parents[1]
    if (checkout / "copier.yml").is_file() and (checkout / ".git").exists():
        status = subprocess.run(
            ["git", "status", "--porcelain", "--", "copier.yml", "template"],
            cwd=checkout,
            capture_output=True,
            text=True,
            check=False,
        )
        return checkout, bool(status.stdout.strip())
    bundle = PACKAGE_DIR / "_template.bundle"
    if bundle.is_file():
        return bundle, False
    raise UserError(
        "this installation of scaffold ships no template history (_template.bundle)",
        hint="reinstall scaffold from a release wheel, or pass --template",
    )


def bundled_template(to: str | None = None, *, committed: bool = False) -> TemplateSource:
    """The template of this scaffold installation, at ``to`` (default: this installation's).

    ``committed`` ignores uncommitted template edits in a source checkout (updates replay
    recorded versions, which only committed history has).
    """
    location, dirty = bundled_location()
    if dirty and to is None and not committed:
        # A developer's uncommitted template: copier renders the working tree, recording the
        # checkout path (good for trying changes; commit before generating anything to keep).
        return TemplateSource(str(location), "HEAD")
    ref = to or ("HEAD" if location.is_dir() else _bundle_head(location))
    return TemplateSource(BUNDLED_URL, ref, {BUNDLED_URL: str(location)})


def _bundle_head(bundle: Path) -> str:
    """The commit the installed package was built from (a bundle has no usable HEAD to clone)."""
    heads = subprocess.run(
        ["git", "bundle", "list-heads", str(bundle)], capture_output=True, text=True, check=False
    ).stdout
    for line in heads.splitlines():
        sha, _, name = line.partition(" ")
        if name == "HEAD":
            return sha
    raise UserError(f"{bundle} has no HEAD", hint="reinstall scaffold from a release wheel")


def _absolute(url: str) -> str:
    """A local path as an absolute one (recorded answers must not depend on the cwd)."""
    path = Path(url).expanduser()
    return str(path.resolve()) if path.exists() else url


def template_for(recorded_url: str | None, override: str | None, to: str | None) -> TemplateSource:
    """The source to update from: what the answers recorded, reachable from this machine.

    ``override`` (``--template``) maps the recorded URL to where the template is now, and the
    answers keep the recorded one, except for a recorded folder that no longer exists: the
    answers then record the new place, so the next run needs no ``--template``.
    """
    override = _absolute(override) if override else None
    if recorded_url in (None, BUNDLED_URL) and override is None:
        return bundled_template(to, committed=True)
    if override is None:
        return TemplateSource(recorded_url or "", to)
    if recorded_url and recorded_url != override and _reachable_as_recorded(recorded_url):
        return TemplateSource(recorded_url, to, {recorded_url: override})
    return TemplateSource(override, to)


def template_for_new_domain(
    recorded_url: str | None, override: str | None, to: str | None
) -> TemplateSource:
    """The source of a new domain: ``--template``, else the one the project records."""
    if override:
        return fork_template(override, to)
    if recorded_url in (None, BUNDLED_URL) or is_own_checkout(recorded_url):
        return bundled_template(to)
    return TemplateSource(recorded_url, to)


def is_own_checkout(url: str) -> bool:
    """Whether ``url`` is the source checkout this scaffold runs from (recorded when dirty)."""
    checkout = PACKAGE_DIR.parents[1]
    return (checkout / "copier.yml").is_file() and Path(url) == checkout


def is_local_path(location: str) -> bool:
    """A filesystem path rather than a URL (an scp-like ``host:path`` is a URL)."""
    return "://" not in location and ":" not in location.split("/", 1)[0]


def _reachable_as_recorded(url: str) -> bool:
    """False only for a recorded local folder that is gone (a URL may just be offline)."""
    location = url.removeprefix("git+")
    return not is_local_path(location) or Path(location).exists()


def fork_template(url: str, to: str | None) -> TemplateSource:
    """A team's own copy of the template (a git URL or path); ``to`` defaults to its latest tag."""
    return TemplateSource(_absolute(url), to)
