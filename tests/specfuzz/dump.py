"""Specs as YAML files, the way a user would write them (decimals as plain numbers)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True  # a user writes values out, not anchors


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(Decimal, _decimal)


def dump_spec(spec: dict[str, Any]) -> str:
    return yaml.dump(
        spec,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=None,
    )


def write_spec(path: Path, spec: dict[str, Any]) -> Path:
    path.write_text(dump_spec(spec), encoding="utf-8")
    return path
