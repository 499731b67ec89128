"""Prototype (issue 14, phase 1): render a domain in-process, without copier's checkout.

The riskiest piece of the generator-speed plan (benchmarks/README.md): can scaffold write a
new domain with jinja2 directly, byte for byte what copier writes, so that copier's later
``update`` (3-way merge against a replay of the recorded version) sees exactly the files it
would have made itself? This script renders one spec both ways and compares every file, and
times the pieces of the in-process render (template source from git, jinja2 with a bytecode
cache, the answers file with PyYAML's pure-Python and libyaml dumpers, the ruff tasks).

    python -m benchmarks.prototypes.inprocess_render SPEC [SPEC ...]

It imports scaffold's spec reader and context builder and copier's yield extension; it
changes nothing in either.
"""

from __future__ import annotations

import argparse
import filecmp
import io
import json
import resource
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import yaml
from copier._jinja_ext import YieldExtension, get_yield_context
from jinja2_ansible_filters import AnsibleCoreFiltersExtension

from scaffold._context.build import build_domain
from scaffold._render import ANSWERS_FILE, domain_data, render_domain
from scaffold._spec import read_spec
from scaffold._template import BUNDLED_URL, bundled_template

REPO = Path(__file__).resolve().parents[2]
SUFFIX = ".jinja"
ENVOPS = {"keep_trailing_newline": True, "trim_blocks": True, "lstrip_blocks": True}


def cpu_seconds() -> float:
    """User + system time of this process and its finished children: on a shared machine this
    moves much less with the load than the wall clock does."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@contextmanager
def timer(times: dict[str, float], name: str) -> Iterator[None]:
    start = cpu_seconds()
    try:
        yield
    finally:
        times[name] = times.get(name, 0.0) + cpu_seconds() - start


def template_tree(ref: str, into: Path) -> Path:
    """The domain template as committed at ``ref``: one `git archive`, no clone or checkout."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref, "copier.yml", "template/domain"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "template" / "domain"


def environment(root: Path, cache: Path) -> jinja2.Environment:
    """copier's environment without its sandbox: same extensions, same options."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(root)),
        extensions=[AnsibleCoreFiltersExtension, YieldExtension],
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(cache)),
        **ENVOPS,
    )


def rendered_paths(
    env: jinja2.Environment, relpath: PurePosixPath, context: dict[str, Any]
) -> Iterator[tuple[PurePosixPath, dict[str, Any]]]:
    """A templated path -> each (destination, extra context), as copier's _render_parts does."""

    def parts(remaining: tuple[str, ...], done: tuple[str, ...], extra: dict[str, Any]) -> Any:
        if not remaining:
            yield PurePosixPath(*done), extra
            return
        part, rest = remaining[0], remaining[1:]
        rendered = env.from_string(part).render(**context, **extra)
        yield_context = get_yield_context(env)
        # Read them now: compiling another template resets the shared yield context.
        yield_name, iterable = yield_context.yield_name, list(yield_context.yield_iterable or ())
        if yield_name:
            for value in iterable:
                new_extra = {**extra, yield_name: value}
                name = env.from_string(part).render(**context, **new_extra)
                if name:
                    yield from parts(rest, (*done, name), new_extra)
            return
        if rendered:
            yield from parts(rest, (*done, rendered), extra)

    yield from parts(relpath.parts, (), {})


def answers_text(answers: dict[str, Any], env: jinja2.Environment, dumper: str) -> str:
    """The answers file: the template's header, then the answers as copier dumps them."""
    if dumper == "pure":
        template = env.get_template(f"{{{{ _copier_conf.answers_file }}}}{SUFFIX}")
        return template.render(_copier_answers=answers, domain=answers["domain"])
    header = env.get_template(f"{{{{ _copier_conf.answers_file }}}}{SUFFIX}").render(
        _copier_answers={}, domain=answers["domain"]
    )
    header = header[: header.rindex("{}")]
    body = yaml.dump(
        answers,
        Dumper=yaml.CSafeDumper,
        indent=2,
        allow_unicode=True,
        default_flow_style=False,
        sort_keys=False,
    )
    return header + body


def render_inprocess(
    spec_file: Path, project: Path, dest: Path, ref: str, cache: Path, dumper: str
) -> dict[str, float]:
    times: dict[str, float] = {}
    with timer(times, "spec + context (scaffold)"):
        spec, raw = read_spec(spec_file)
        context = build_domain(spec)
        spec_path = str(spec_file.resolve().relative_to(project.resolve()))
        data = domain_data(context, raw, spec_path)
    with tempfile.TemporaryDirectory(prefix="scaffold-proto-") as scratch:
        with timer(times, "template source (git archive)"):
            root = template_tree(ref, Path(scratch))
            commit = subprocess.run(
                ["git", "describe", "--tags", "--always", ref],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        env = environment(root, cache)
        answers = {"_commit": commit, "_src_path": BUNDLED_URL, **data}
        full = {**data, "_copier_answers": answers}
        with timer(times, "render (jinja2, no sandbox)"):
            for path in sorted(root.rglob("*")):
                if path.is_dir():
                    continue
                relpath = PurePosixPath(path.relative_to(root).as_posix())
                if relpath.name == f"{{{{ _copier_conf.answers_file }}}}{SUFFIX}":
                    continue
                is_template = relpath.name.endswith(SUFFIX)
                target = relpath.with_name(relpath.name[: -len(SUFFIX)]) if is_template else relpath
                for out, extra in rendered_paths(env, target, full):
                    destination = dest / out
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    if is_template:
                        text = env.get_template(relpath.as_posix()).render(**full, **extra)
                        destination.write_text(text, encoding="utf-8")
                    else:
                        destination.write_bytes(path.read_bytes())
        with timer(times, f"answers file ({dumper} YAML dumper)"):
            (dest / ANSWERS_FILE).write_text(answers_text(answers, env, dumper), encoding="utf-8")
    with timer(times, "ruff tasks (check --fix-only, format)"):
        python_files = [str(path) for path in context["generated_files"]]
        first_party = "lint.isort.known-first-party = " + json.dumps(context["first_party"])
        common = ["--isolated", "--no-cache", "--quiet", "--line-length=100"]
        common.append("--target-version=py311")
        isort = ["--config", "lint.isort.force-single-line = true", "--config", first_party]
        check = ["check", *common, "--fix-only", "--select=I,F401", *isort]
        subprocess.run(
            [sys.executable, "-m", "ruff", *check, *python_files],
            cwd=dest,
            check=False,
        )
        subprocess.run(
            [sys.executable, "-m", "ruff", "format", *common, *python_files], cwd=dest, check=False
        )
    return times


def render_with_copier(spec_file: Path, project: Path, dest: Path) -> float:
    spec, raw = read_spec(spec_file)
    spec_path = str(spec_file.resolve().relative_to(project.resolve()))
    start = cpu_seconds()
    render_domain(dest, bundled_template(), domain_data(build_domain(spec), raw, spec_path))
    return cpu_seconds() - start


def differences(left: Path, right: Path) -> list[str]:
    names = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    found = []
    for name in sorted(names):
        if "__pycache__" in name.parts or ".ruff_cache" in name.parts:
            continue
        a, b = left / name, right / name
        if not a.exists() or not b.exists():
            found.append(f"{name}: only in {'copier' if a.exists() else 'in-process'}")
        elif not filecmp.cmp(a, b, shallow=False):
            found.append(f"{name}: differs")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="+", type=Path)
    parser.add_argument("--ref", default="HEAD", help="template version to render (HEAD)")
    args = parser.parse_args(argv)
    status = 0
    with tempfile.TemporaryDirectory(prefix="scaffold-proto-project-") as work:
        project = Path(work)
        (project / "specs").mkdir()
        cache = project / "jinja-cache"
        cache.mkdir()
        for spec_file in args.specs:
            local = project / "specs" / spec_file.name
            local.write_bytes(spec_file.read_bytes())
            name = read_spec(local)[0].domain
            copier_dir = project / "copier" / name
            copier_seconds = render_with_copier(local, project, copier_dir)
            for attempt, dumper in (("cold", "pure"), ("warm", "pure"), ("warm", "libyaml")):
                dest = project / f"inprocess-{attempt}-{dumper}" / name
                times = render_inprocess(local, project, dest, args.ref, cache, dumper)
                found = differences(copier_dir, dest)
                total = sum(times.values())
                print(
                    f"{spec_file.name}: in-process ({attempt} bytecode cache, {dumper}) "
                    f"{total:.2f} cpu-s vs copier {copier_seconds:.2f} cpu-s; "
                    f"{'identical' if not found else f'{len(found)} files differ'}"
                )
                for key, seconds in times.items():
                    print(f"    {seconds:6.3f} s  {key}")
                for line in found[:10]:
                    print(f"    ! {line}")
                if found and not (dumper == "libyaml" and found == [f"{ANSWERS_FILE}: differs"]):
                    status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
