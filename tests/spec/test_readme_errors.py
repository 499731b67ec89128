"""The README's spec error examples are what the tool prints for the case they describe."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold._spec import load_spec
from scaffold.errors import SpecError

ROOT = Path(__file__).parents[2]


def _readme_block(first_line: str) -> str:
    blocks: list[list[str]] = []
    inside = False
    for line in (ROOT / "README.md").read_text().splitlines():
        if line.lstrip().startswith("```"):
            inside = not inside
            if inside:
                blocks.append([])
        elif inside:
            blocks[-1].append(line)
    for block in blocks:
        if block and block[0] == first_line:
            return "\n".join(block)
    raise AssertionError(f"no README block starts with {first_line!r}")


def test_the_readme_money_example_is_what_the_tool_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    billing = (ROOT / "examples/billing.yaml").read_text()
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs/billing.yaml").write_text(
        billing.replace("amount: {type: decimal,", "amount: {type: money,", 1)
    )
    monkeypatch.chdir(tmp_path)

    with pytest.raises(SpecError) as caught:
        load_spec(Path("specs/billing.yaml"))

    assert caught.value.render() == _readme_block("error: invalid spec specs/billing.yaml, line 31")
