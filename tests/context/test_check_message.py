"""A check's message reaches the API as written, `%` included (issue 8: "100%" made a 500)."""

from __future__ import annotations

import ast
from pathlib import Path

from scaffold._context.build import build_domain
from scaffold._spec import load_spec

SPEC = """\
domain: shop
models:
  Product:
    scope: tenant
    fields:
      discount: {type: integer, default: 0}
    read: [id, discount]
    constraints:
      - check: "discount <= 100"
        message: "Discount cannot exceed 100% (not even %(name)s or %s)."
"""


def test_a_percent_sign_in_a_check_message_survives_djangos_formatting(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    [product] = build_domain(load_spec(spec))["models"]
    [source] = product["meta"]["constraints"]
    call = ast.parse(source, mode="eval").body
    assert isinstance(call, ast.Call)
    [message] = [
        ast.literal_eval(k.value) for k in call.keywords if k.arg == "violation_error_message"
    ]

    # What django.db.models.BaseConstraint.get_violation_error_message does with it:
    shown = message % {"name": "shop_product_discount_lte_100_check"}

    assert shown == "Discount cannot exceed 100% (not even %(name)s or %s)."
