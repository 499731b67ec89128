"""scaffold: secure-by-default Django REST Framework code from a YAML spec."""

from typing import Any


def __getattr__(name: str) -> Any:
    # Looked up on demand: reading package metadata costs every command, --help included.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("scaffold")
        except PackageNotFoundError:  # a source tree that is not installed
            return "0.0.0"
    raise AttributeError(name)
