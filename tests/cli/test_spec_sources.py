"""new-domain reads a spec from a pipe once, and refuses endless or huge input with nothing
written (issue 8: /dev/stdin and <(cat spec.yaml) were tracebacks, a FIFO blocked forever)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from scaffold._spec import source as spec_source
from tests.cli.conftest import scaffold, tree

MINIMAL = (Path(__file__).parents[1] / "spec/valid/minimal.yaml").read_text()


def test_a_spec_from_a_pipe_is_read_once_and_kept_in_specs(project: Path) -> None:
    read, write = os.pipe()
    writer = threading.Thread(target=lambda: (os.write(write, MINIMAL.encode()), os.close(write)))
    writer.start()
    try:
        outcome = scaffold("new-domain", f"/dev/fd/{read}", "--project", str(project))
    finally:
        writer.join()
        os.close(read)

    assert outcome.exit_code == 0, outcome.stderr
    assert (project / "specs/shop.yaml").read_text() == MINIMAL
    assert "Spec kept at specs/shop.yaml" in outcome.stdout


def test_a_fifo_nobody_writes_to_is_refused_and_nothing_is_written(
    pristine_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "spec.yaml"
    os.mkfifo(fifo)
    monkeypatch.setattr(spec_source, "READ_TIMEOUT", 0.2)
    before = tree(pristine_project)

    outcome = scaffold("new-domain", str(fifo), "--project", str(pristine_project))

    assert outcome.exit_code == 1
    assert outcome.stderr == (
        f"error: invalid spec {fifo}\n"
        "==> At (top level)\n"
        "=====> nothing more arrived within 0.2 seconds\n"
        "tip: is anything writing to this pipe? Save the spec to a file and pass that\n"
    )
    assert tree(pristine_project) == before


def test_dev_zero_is_refused_by_size_and_nothing_is_written(pristine_project: Path) -> None:
    before = tree(pristine_project)

    outcome = scaffold("new-domain", "/dev/zero", "--project", str(pristine_project))

    assert outcome.exit_code == 1
    assert "=====> the file is larger than 1 MB; a spec is a small text file\n" in outcome.stderr
    assert tree(pristine_project) == before
