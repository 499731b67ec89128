"""Hostile or unusual input is a located error with a tip, found with bounded work (issue 8)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from scaffold._spec import load_spec, read_spec_text
from scaffold._spec import source as spec_source
from scaffold.errors import SpecError

HERE = Path(__file__).parent
MINIMAL = (HERE / "valid/minimal.yaml").read_text()


def _error(path: Path) -> str:
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    rendered = caught.value.render()
    assert "\ntip: " in rendered, rendered
    return rendered


def _spec(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "spec.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


def test_an_impossible_unquoted_date_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = MINIMAL.replace("default: draft}", "default: draft, help_text: 2024-02-30}")

    rendered = _error(_spec(tmp_path, text))

    assert "line 18\n" in rendered.splitlines()[0] + "\n"
    assert "cannot read '2024-02-30': day is out of range for month" in rendered


def test_a_number_python_refuses_to_read_is_an_error(tmp_path: Path) -> None:
    text = MINIMAL.replace("min: 0}", f"min: {'9' * 5000}}}")

    assert "cannot read '9999" in _error(_spec(tmp_path, text))


def test_a_nul_byte_is_an_error_at_its_line(tmp_path: Path) -> None:
    rendered = _error(_spec(tmp_path, MINIMAL.replace("domain: shop", "domain: sh\0op").encode()))

    assert rendered.splitlines()[0].endswith(", line 2")
    assert "the file holds a NUL byte, which YAML does not allow" in rendered


def test_a_lone_surrogate_is_refused_at_its_key(tmp_path: Path) -> None:
    text = MINIMAL.replace("max_length: 100}", 'max_length: 100, help_text: "a\\udc80"}', 1)

    rendered = _error(_spec(tmp_path, text))

    assert "==> At models.Category.fields.name.help_text" in rendered
    assert "'a\\udc80' holds a lone surrogate" in rendered
    rendered.encode("utf-8")  # the message itself can be printed


def test_a_surrogate_pair_escape_is_a_real_character_and_accepted(tmp_path: Path) -> None:
    text = MINIMAL.replace("max_length: 100}", 'max_length: 100, help_text: "\\U0001F600"}', 1)

    load_spec(_spec(tmp_path, text))


def test_an_alias_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    bomb = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = "x:\n" + "\n".join(f"  {line}" for line in bomb) + "\n" + MINIMAL
    text = text.replace(
        "default: draft}", "default: draft}\n      blob: {type: json, null: true, default: *a8}"
    )
    assert len(text) < 3000

    rendered = _error(_spec(tmp_path, text))

    assert "the YAML aliases (*name) expand to more than 100,000 values" in rendered


def test_aliases_that_expand_a_little_are_fine(tmp_path: Path) -> None:
    text = MINIMAL.replace("read: [id, name]\n", "read: &columns [id, name]\n", 1)
    text = text.replace(
        "roles: {list: member, retrieve: member, create: admin}\n",
        "roles: {list: member, retrieve: member, create: admin}\n    list: *columns\n",
        1,
    )

    assert load_spec(_spec(tmp_path, text)).models["Category"].list_ == ["id", "name"]


def test_yaml_nested_beyond_reason_is_an_error(tmp_path: Path) -> None:
    rendered = _error(_spec(tmp_path, "domain: " + "[" * 20000 + "]" * 20000 + "\n"))

    assert "nested too deeply" in rendered


def test_a_file_over_the_size_cap_is_refused_without_parsing(tmp_path: Path) -> None:
    text = MINIMAL + "#" * spec_source.MAX_SPEC_BYTES

    assert "the file is larger than 1 MB" in _error(_spec(tmp_path, text))


def test_dev_zero_is_refused_by_size_without_reading_it_all() -> None:
    assert "the file is larger than 1 MB" in _error(Path("/dev/zero"))


def test_a_pipe_is_read_once_and_its_text_kept(tmp_path: Path) -> None:
    read, write = os.pipe()
    writer = threading.Thread(target=lambda: (os.write(write, MINIMAL.encode()), os.close(write)))
    writer.start()
    try:
        spec, _, text = read_spec_text(Path(f"/dev/fd/{read}"))
    finally:
        writer.join()
        os.close(read)

    assert (spec.domain, text) == ("shop", MINIMAL)


def test_a_fifo_nobody_writes_to_is_refused_after_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "spec.fifo"
    os.mkfifo(fifo)
    monkeypatch.setattr(spec_source, "READ_TIMEOUT", 0.2)

    assert "nothing more arrived within 0.2 seconds" in _error(fifo)


def test_a_missing_file_and_a_directory_are_refused_with_a_tip(tmp_path: Path) -> None:
    assert "the file does not exist" in _error(tmp_path / "nope.yaml")
    assert "a directory, not a spec file" in _error(tmp_path)


def test_a_spec_of_too_many_values_without_aliases_is_not_blamed_on_aliases(
    tmp_path: Path,
) -> None:
    text = MINIMAL + "extra:\n" + "".join(f"- v{n}\n" for n in range(100_001))

    rendered = _error(_spec(tmp_path, text))

    assert "the spec holds more than 100,000 values; a spec is far smaller" in rendered
