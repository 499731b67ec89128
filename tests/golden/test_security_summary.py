"""Each domain's SECURITY.md says what its code does (issue 13, the security summary).

It is derived from the data the code is generated from; these tests hold it to the render:
every generated test file it names exists, every model and action of the spec is there with
its role, and spec text reaches it only as code spans.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from scaffold._context.security import code_span
from tests.golden.rendering import render

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CLINIC = Path(__file__).resolve().parents[1] / "e2e" / "specs" / "clinic.yaml"


@pytest.mark.parametrize("spec", [EXAMPLES / "billing.yaml", CLINIC], ids=lambda p: p.stem)
def test_the_summary_names_only_test_files_the_render_has(spec: Path, tmp_path: Path) -> None:
    folder = render(spec, tmp_path)
    summary = (folder / "SECURITY.md").read_text()
    named = set(re.findall(r"`(tests/test_\w+\.py)`", summary))
    generated = {p.relative_to(folder).as_posix() for p in (folder / "tests").glob("test_*.py")}

    assert named
    assert named <= generated
    # Every model's API, services and admin tests are named.
    assert {n for n in generated if re.search(r"_(api|services|admin)\.py$", n)} <= named


@pytest.mark.parametrize("spec", [EXAMPLES / "billing.yaml", CLINIC], ids=lambda p: p.stem)
def test_the_summary_gives_every_action_its_role(spec: Path, tmp_path: Path) -> None:
    data = yaml.safe_load(spec.read_text())
    summary = (render(spec, tmp_path) / "SECURITY.md").read_text()
    sections = dict(re.findall(r"^## (\w+)\n(.*?)(?=^## |\Z)", summary, re.S | re.M))

    assert set(sections) == set(data["models"])
    for name, model in data["models"].items():
        roles = {**model.get("roles", {})}
        roles |= {t: s["role"] for t, s in model.get("transitions", {}).items()}
        permissions = sections[name].split("- **Permissions**", 1)[1].split("\n- **", 1)[0]
        shown = dict(re.findall(r"^  - `(\w+)`: `(\w+)`", permissions, re.M))
        assert shown == roles, name


def test_spec_text_is_quoted_whatever_backticks_it_holds() -> None:
    assert code_span("a >= b") == "`a >= b`"
    assert code_span("kind != 'x`y'") == "``kind != 'x`y'``"
    assert code_span("`") == "`` ` ``"
