"""Template versions: release tags in release order, and what a recorded version stands for."""

from __future__ import annotations

from scaffold._template import TemplateSource
from scaffold._versions import Versions, release_version

A, B, C, D = ("a" * 40, "b" * 40, "c" * 40, "d" * 40)
REMOTE = TemplateSource("https://git.example.com/we/scaffold.git", None)


def versions(refs: dict[str, str], ref: str | None = None) -> Versions:
    return Versions(TemplateSource(REMOTE.url, ref), refs)


def test_releases_are_ordered_as_versions_not_as_text_and_skip_pre_releases() -> None:
    refs = {
        "HEAD": D,
        "refs/tags/v0.9.0": A,
        "refs/tags/v0.10.0": B,
        "refs/tags/v0.11.0rc1": C,
        "refs/tags/nightly": D,
        "refs/heads/main": D,
    }

    assert versions(refs).releases() == ["v0.10.0", "v0.9.0"]
    assert versions(refs).default_target() == "v0.10.0"
    assert versions(refs, "v0.9.0").default_target() == "v0.9.0"
    assert versions({"HEAD": D}).default_target() == "HEAD"  # a template without tags


def test_a_recorded_version_is_a_tag_a_described_commit_or_a_commit_id() -> None:
    known = versions({"HEAD": C, "refs/tags/v1.0.0": A, "refs/tags/v1.1.0^{}": B})

    assert known.commit("v1.0.0") == A
    assert known.commit("v1.0.0-3-g" + C[:7]) == C  # `git describe` of a commit after v1.0.0
    assert known.commit(C[:7]) == C
    assert known.commit("e" * 7) == "e" * 7  # unknown to the refs, still comparable
    assert known.commit("no-such-tag") is None
    assert known.same("v1.0.0", A[:10]) is True
    assert known.same("v1.0.0", "HEAD") is False
    assert known.same("no-such-tag", "HEAD") is None


def test_without_a_local_history_versions_are_ordered_by_release() -> None:
    known = versions({"refs/tags/v1.0.0": A, "refs/tags/v2.0.0": B})

    assert known.is_older("v1.0.0", "v2.0.0") is True
    assert known.is_older("v2.0.0", "v1.0.0") is False
    assert known.is_older("v2.0.0", "v2.0.0") is False
    assert known.is_older("v1.0.0", "v1.0.0-2-g" + C[:7]) is True
    assert known.is_older(A[:7], C[:7]) is None  # two commit ids: cannot tell without history


def test_names_are_release_tags_where_there_is_one() -> None:
    known = versions({"HEAD": B, "refs/tags/v1.0.0": A, "refs/tags/v2.0.0": B})

    assert known.name("HEAD") == "v2.0.0"
    assert known.name(A) == "v1.0.0"
    assert versions({"HEAD": C}).name("HEAD") == C[:7]


def test_release_version_reads_tags_and_described_commits() -> None:
    assert str(release_version("v0.2.0")) == "0.2.0"
    assert str(release_version("v0.2.0-4-gabc1234")) == "0.2.0.post4"
    assert release_version("abc1234") is None
    assert release_version("nightly") is None
