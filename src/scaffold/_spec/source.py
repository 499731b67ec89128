"""Reading a spec file's bytes with bounded work: a size cap, pipes read once, no endless waits.

A spec is a small text file, yet the path can be anything the shell gives: /dev/stdin, a
process substitution (/dev/fd/63), a FIFO nobody writes to, /dev/zero. Regular files are
checked by size before reading; everything else is read without blocking, up to the cap, for
at most READ_TIMEOUT seconds.
"""

from __future__ import annotations

import os
import select
import stat
import time
from pathlib import Path
from typing import NoReturn

from scaffold.errors import SpecError, SpecProblem

MAX_SPEC_BYTES = 1_000_000
READ_TIMEOUT = 10.0  # seconds a pipe may take to deliver the whole spec
_CHUNK = 65536


def read_source(path: Path) -> bytes:
    """The file's bytes, or a SpecError saying why it cannot be a spec."""
    try:
        info = path.stat()
    except FileNotFoundError:
        _refuse(path, "the file does not exist", "check the path; it is read from this directory")
    except OSError as exc:
        _refuse(path, f"cannot read the file: {exc.strerror}", "check the path and its permissions")
    if stat.S_ISDIR(info.st_mode):
        _refuse(path, "a directory, not a spec file", "pass the YAML file itself")
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_SPEC_BYTES:
        _too_big(path)
    try:
        data = path.read_bytes() if stat.S_ISREG(info.st_mode) else _read_stream(path)
    except OSError as exc:
        _refuse(path, f"cannot read the file: {exc.strerror}", "check the path and its permissions")
    if len(data) > MAX_SPEC_BYTES:
        _too_big(path)
    return data


def _read_stream(path: Path) -> bytes:
    """A pipe, FIFO or device: read what arrives, never more than the cap, never forever."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + READ_TIMEOUT
    try:
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(left, 0))
            if not ready:
                _refuse(
                    path,
                    f"nothing more arrived within {READ_TIMEOUT:g} seconds"
                    + (f" (after {size} bytes)" if size else ""),
                    "is anything writing to this pipe? Save the spec to a file and pass that",
                )
            try:
                chunk = os.read(fd, _CHUNK)
            except BlockingIOError:
                continue
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_SPEC_BYTES:
                _too_big(path)
    finally:
        os.close(fd)


def _too_big(path: Path) -> NoReturn:
    _refuse(
        path,
        f"the file is larger than {MAX_SPEC_BYTES // 1_000_000} MB; a spec is a small text file",
        "split the domain into several specs, or check that this is the spec file",
    )


def _refuse(path: Path, message: str, hint: str) -> NoReturn:
    raise SpecError(file=path, problems=[SpecProblem((), message, hint=hint)])
