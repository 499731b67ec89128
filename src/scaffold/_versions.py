"""Template versions: release tags, what a recorded version names, which of two is newer.

Versions are release tags (``v0.2.0``, the package version; see ``scripts/release``). A
template without tags still works: versions are then commit ids. Refs are listed with
``git ls-remote``, which reads a local checkout, a bundle, and ``file://``, https and ssh URLs
alike without cloning; a local checkout also answers ancestry, the others are ordered by tag.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import InvalidVersion, Version  # a dependency of copier

from scaffold._template import TemplateSource, is_local_path
from scaffold.errors import TemplateUnreachableError

# `git describe` output as copier records it for a commit after a tag: v0.2.0-3-gabc1234
_DESCRIBED = re.compile(r"(?P<tag>.+)-(?P<distance>\d+)-g(?P<hex>[0-9a-f]{4,64})")
_HEX = re.compile(r"[0-9a-f]{4,64}")
_TIMEOUT = 60  # seconds: an unreachable host must not hang `status`


def release_version(name: str) -> Version | None:
    """The release a tag (or a described commit after one) names; None for other names."""
    described = _DESCRIBED.fullmatch(name)
    try:
        version = Version(described["tag"] if described else name)
    except InvalidVersion:
        return None
    if described and int(described["distance"]):  # N commits after the tag, as copier reads it
        return Version(f"{version.base_version}.post{described['distance']}")
    return version


@dataclass(frozen=True)
class Versions:
    """The refs of one template source, read once."""

    source: TemplateSource
    refs: dict[str, str]  # "HEAD", "refs/heads/x", "refs/tags/v1" -> commit id
    _found: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def read(cls, source: TemplateSource, *, who: str = "this project") -> Versions:
        """List the source's refs; ``TemplateUnreachableError`` when git cannot reach it."""
        location = source.location
        folder = location.removeprefix("file://")
        if is_local_path(folder) and not Path(folder).exists():
            raise TemplateUnreachableError(
                f"the template recorded for {who}, {folder}, does not exist (moved?)",
                hint="pass --template NEW_PATH with the folder's new place; the answers "
                "then record it",
            )
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}
        env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
        try:
            result = subprocess.run(
                ["git", "ls-remote", "--", location],
                capture_output=True,
                text=True,
                env=env,
                timeout=_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            result = subprocess.CompletedProcess([], 1, "", f"no answer in {_TIMEOUT} s")
        if result.returncode != 0:
            reason = next((line for line in result.stderr.splitlines() if line.strip()), "")
            raise TemplateUnreachableError(
                f"the template recorded for {who}, {source.url}, cannot be reached: "
                f"{reason.removeprefix('fatal: ')}",
                hint="check the network and your access, or pass --template with where the "
                "template is now",
            )
        refs: dict[str, str] = {}
        for line in result.stdout.splitlines():
            commit, _, name = line.partition("\t")
            if name.endswith("^{}"):  # an annotated tag, peeled to its commit
                refs[name.removesuffix("^{}")] = commit
            else:
                refs.setdefault(name, commit)
        return cls(source, refs)

    def releases(self) -> list[str]:
        """Release tags, newest first (pre-releases left out, as copier does)."""
        tags = []
        for ref in self.refs:
            if ref.startswith("refs/tags/"):
                name = ref.removeprefix("refs/tags/")
                version = release_version(name)
                if version is not None and not version.is_prerelease:
                    tags.append((version, name))
        return [name for _, name in sorted(tags, reverse=True)]

    def default_target(self) -> str:
        """What an update goes to without --to: the chosen ref, else the newest release."""
        if self.source.ref:
            return self.source.ref
        releases = self.releases()
        return releases[0] if releases else "HEAD"

    def commit(self, name: str) -> str | None:
        """The commit ``name`` (a ref, a tag, a described commit, a commit id) stands for.

        A bare commit id that no ref points at is only known to a local checkout.
        """
        if name not in self._found:
            self._found[name] = self._commit(name)
        return self._found[name]

    def _commit(self, name: str) -> str | None:
        for ref in (name, f"refs/tags/{name}", f"refs/heads/{name}"):
            if ref in self.refs:
                return self.refs[ref]
        local = self._local_commit(name)
        if local:
            return local
        described = _DESCRIBED.fullmatch(name)
        prefix = described["hex"] if described else name if _HEX.fullmatch(name) else None
        if prefix:
            matches = {commit for commit in self.refs.values() if commit.startswith(prefix)}
            if len(matches) == 1:
                return matches.pop()
            return prefix  # unknown to the refs, but comparable by prefix
        return None

    def same(self, first: str, second: str) -> bool | None:
        """Whether two names are one version; None when either is unknown."""
        one, other = self.commit(first), self.commit(second)
        if one is None or other is None:
            return None
        return one.startswith(other) or other.startswith(one)

    def is_older(self, candidate: str, than: str) -> bool | None:
        """Whether ``candidate`` comes before ``than``; None when that cannot be told."""
        if self.same(candidate, than):
            return False
        location = self.source.location
        one, other = self.commit(candidate), self.commit(than)
        if Path(location).is_dir() and one and other:
            ancestry = _git(location, "merge-base", "--is-ancestor", one, other)
            if ancestry.returncode in (0, 1):
                return ancestry.returncode == 0
        versions = release_version(candidate), release_version(than)
        if versions[0] is not None and versions[1] is not None:
            return versions[0] < versions[1]
        return None

    def name(self, ref: str) -> str:
        """A readable name: the release tag of that commit, else what `git describe` says."""
        commit = self.commit(ref)
        if commit is None:
            return ref
        for release in self.releases():
            if self.refs[f"refs/tags/{release}"] == commit:
                return release
        location = self.source.location
        if Path(location).is_dir():
            described = _git(location, "describe", "--tags", "--always", commit).stdout.strip()
            if described:
                return described
        return ref if not ref.startswith("refs/") and ref != "HEAD" else commit[:7]

    def _local_commit(self, name: str) -> str | None:
        location = self.source.location
        if not Path(location).is_dir():
            return None
        if name.startswith("-"):  # never an option: names come from answers files
            return None
        found = _git(location, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
        return found.stdout.strip() or None


def _git(location: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=location, capture_output=True, text=True, check=False)
