"""The access matrix the generated API tests check: who gets which status for each action."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scaffold._context.build import build_domain
from scaffold._context.tests import PRINCIPALS, _expected
from scaffold._spec import load_spec

REPO = Path(__file__).resolve().parents[2]
BILLING = REPO / "examples" / "billing.yaml"
LIBRARY = REPO / "tests" / "e2e" / "specs" / "library.yaml"
OTHERS = ("member_b", "admin_b", "owner_b", "staff")  # not members of the organization in the URL


def action(
    role: str | None,
    *,
    success: int = 200,
    route_exists: bool = True,
    detail: bool = True,
) -> dict[str, Any]:
    return {
        "name": "act",
        "role": role,
        "success": success,
        "route_exists": route_exists,
        "detail": detail,
    }


def matrix(spec: Path, model_name: str) -> dict[str, dict[str, int]]:
    """{action: {principal: expected status}} of one model, as the generated tests see it."""
    domain = build_domain(load_spec(spec))
    model = next(m for m in domain["models"] if m["name"] == model_name)
    table: dict[str, dict[str, int]] = {}
    for row in model["tests"]["matrix"]:
        table.setdefault(row["action"], {})[row["principal"]] = row["expected"]
    return table


# --- tenant scope, one rule at a time -------------------------------------------------------


def test_anonymous_caller_is_unauthenticated() -> None:
    assert _expected("tenant", "anonymous", action("member")) == 401


@pytest.mark.parametrize("principal", OTHERS)
def test_outsiders_and_staff_do_not_find_the_organization(principal: str) -> None:
    assert _expected("tenant", principal, action("member")) == 404


def test_member_lacking_the_role_is_forbidden() -> None:
    assert _expected("tenant", "member_a", action("admin")) == 403
    assert _expected("tenant", "admin_a", action("owner")) == 403


def test_higher_roles_include_the_lower_ones() -> None:
    for principal in ("member_a", "admin_a", "owner_a"):
        assert _expected("tenant", principal, action("member", success=201)) == 201
    assert _expected("tenant", "owner_a", action("admin", success=204)) == 204


def test_action_that_is_not_offered_is_not_allowed() -> None:
    assert _expected("tenant", "owner_a", action(None)) == 405


def test_outsiders_learn_nothing_even_about_unoffered_actions() -> None:
    assert _expected("tenant", "member_b", action(None)) == 404
    assert _expected("tenant", "anonymous", action(None)) == 401


@pytest.mark.parametrize("root", ["tenant", "owner", "none"])
@pytest.mark.parametrize("principal", PRINCIPALS)
def test_route_that_does_not_exist_is_not_found_for_everyone(root: str, principal: str) -> None:
    assert _expected(root, principal, action("member", route_exists=False)) == 404


# --- owner scope ---------------------------------------------------------------------------


def test_owner_scope_needs_a_signed_in_user() -> None:
    assert _expected("owner", "anonymous", action("authenticated")) == 401


def test_owner_scope_row_of_another_user_is_not_found() -> None:
    for principal in ("admin_a", "owner_a", "member_b", "staff"):
        assert _expected("owner", principal, action("authenticated", detail=True)) == 404
    assert _expected("owner", "member_a", action("authenticated", detail=True)) == 200


def test_owner_scope_lists_and_creates_for_every_signed_in_user() -> None:
    for principal in ("member_a", "admin_a", "member_b", "staff"):
        assert _expected("owner", principal, action("authenticated", detail=False)) == 200


def test_owner_scope_unoffered_action_is_not_allowed() -> None:
    assert _expected("owner", "member_a", action(None)) == 405
    assert _expected("owner", "anonymous", action(None)) == 401


# --- no scope ------------------------------------------------------------------------------


@pytest.mark.parametrize("principal", PRINCIPALS)
def test_public_action_is_open_to_everyone(principal: str) -> None:
    assert _expected("none", principal, action("public")) == 200


def test_authenticated_action_needs_a_signed_in_user() -> None:
    assert _expected("none", "anonymous", action("authenticated")) == 401
    assert _expected("none", "member_b", action("authenticated")) == 200


def test_staff_action_is_forbidden_to_everyone_else() -> None:
    assert _expected("none", "anonymous", action("staff")) == 401
    for principal in ("member_a", "admin_a", "owner_a", "member_b"):
        assert _expected("none", principal, action("staff")) == 403
    assert _expected("none", "staff", action("staff", success=201)) == 201


def test_unscoped_unoffered_action_is_not_allowed_even_anonymously() -> None:
    assert _expected("none", "anonymous", action(None)) == 405


# --- whole matrices of real specs ----------------------------------------------------------


def test_invoice_matrix() -> None:
    expected_row = {
        # action: (anonymous, member_a, admin_a, owner_a), then 404 for every outsider
        "list": (401, 200, 200, 200),
        "retrieve": (401, 200, 200, 200),
        "create": (401, 403, 201, 201),
        "update": (401, 403, 200, 200),
        "partial_update": (401, 403, 200, 200),
        "destroy": (401, 403, 403, 204),
        "send": (401, 403, 200, 200),
        "pay": (401, 403, 200, 200),
        "void": (401, 403, 403, 200),
    }

    table = matrix(BILLING, "Invoice")

    assert list(table) == list(expected_row)
    for name, (anonymous, member, admin, owner) in expected_row.items():
        assert table[name] == {
            "anonymous": anonymous,
            "member_a": member,
            "admin_a": admin,
            "owner_a": owner,
            **dict.fromkeys(OTHERS, 404),
        }, name


def test_genre_matrix_public_reads_staff_writes_no_delete() -> None:
    table = matrix(LIBRARY, "Genre")

    signed_in = ("member_a", "admin_a", "owner_a", "member_b", "admin_b", "owner_b")
    assert table["list"] == dict.fromkeys(PRINCIPALS, 200)
    assert table["retrieve"] == dict.fromkeys(PRINCIPALS, 200)
    assert table["create"] == {"anonymous": 401, **dict.fromkeys(signed_in, 403), "staff": 201}
    assert table["update"] == {"anonymous": 401, **dict.fromkeys(signed_in, 403), "staff": 200}
    assert table["destroy"] == dict.fromkeys(PRINCIPALS, 405)


def test_bookmark_matrix_each_user_sees_only_their_own_rows() -> None:
    table = matrix(LIBRARY, "Bookmark")

    someone_else = dict.fromkeys(PRINCIPALS[2:], 404)
    assert table["list"] == {"anonymous": 401, **dict.fromkeys(PRINCIPALS[1:], 200)}
    assert table["create"] == {"anonymous": 401, **dict.fromkeys(PRINCIPALS[1:], 201)}
    assert table["retrieve"] == {"anonymous": 401, "member_a": 200, **someone_else}
    assert table["destroy"] == {"anonymous": 401, "member_a": 204, **someone_else}


def test_detail_routes_are_absent_when_only_list_and_create_are_offered(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "domain: inbox\n"
        "models:\n"
        "  Message:\n"
        "    scope: tenant\n"
        "    fields: {body: string}\n"
        "    read: [id, body]\n"
        "    write: [body]\n"
        "    roles: {list: member, create: member}\n"
    )

    table = matrix(spec, "Message")

    for name in ("retrieve", "update", "partial_update", "destroy"):
        assert table[name] == dict.fromkeys(PRINCIPALS, 404), name
    assert table["create"]["member_a"] == 201


def test_list_routes_are_absent_when_neither_list_nor_create_is_offered(tmp_path: Path) -> None:
    """Issue 8 fuzz seeds 10014, 50006: the generated tests reversed a list route that the
    router never made; the matrix expects 404 there, at the path it would have."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "domain: ward\n"
        "models:\n"
        "  Bed:\n"
        "    scope: tenant\n"
        "    fields: {label: string}\n"
        "    read: [id, label]\n"
        "    write: [label]\n"
        "    roles: {update: owner, destroy: owner}\n"
    )

    table = matrix(spec, "Bed")

    assert table["list"] == table["create"] == dict.fromkeys(PRINCIPALS, 404)
    assert table["retrieve"]["owner_a"] == 405  # the detail route exists, without retrieve
    assert table["destroy"]["owner_a"] == 204


def test_a_transition_alone_makes_no_detail_route(tmp_path: Path) -> None:
    """A transition is a route of its own (``<pk>/close/``): without retrieve, update or
    destroy, the detail route itself answers 404, not 405."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "domain: desk\n"
        "models:\n"
        "  Ticket:\n"
        "    scope: tenant\n"
        "    fields:\n"
        "      state: {type: choice, choices: [open, closed], default: open}\n"
        "    read: [id, state]\n"
        "    roles: {list: member}\n"
        "    transitions:\n"
        "      close: {field: state, from: [open], to: closed, role: admin}\n"
    )

    table = matrix(spec, "Ticket")

    for name in ("retrieve", "update", "partial_update", "destroy"):
        assert table[name] == dict.fromkeys(PRINCIPALS, 404), name
    assert table["close"]["admin_a"] == 200
