"""What a rendered domain imports from the project's own packages, and whether they have it.

A new domain comes from the newest template, the project's ``core``, ``accounts`` and
``tenancy`` from the template it was last updated to: an older one may lack a helper a newer
domain uses (``core.validators``, ``core.testing.row_in_scope``). Found before anything is
wired in, this is one clear error, not an ImportError in the project's test suite later.
"""

from __future__ import annotations

import ast
from pathlib import Path

# Packages the project template owns.
TEMPLATE_PACKAGES = frozenset({"core", "accounts", "tenancy"})


def missing_project_imports(project_root: Path, domain_dir: Path) -> list[str]:
    """``module.name`` for each name the domain's files import from the project's packages
    that the project does not define, sorted."""
    wanted: dict[str, set[str]] = {}
    for path in sorted(domain_dir.rglob("*.py")):
        for node in ast.walk(_parsed(path) or ast.Module(body=[], type_ignores=[])):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            if node.module.split(".")[0] in TEMPLATE_PACKAGES:
                wanted.setdefault(node.module, set()).update(a.name for a in node.names)
    missing = []
    for module, names in sorted(wanted.items()):
        defined = _defined_names(project_root, module)
        if defined is not None:
            missing += [f"{module}.{name}" for name in sorted(names - defined)]
    return missing


def _defined_names(project_root: Path, module: str) -> set[str] | None:
    """The top-level names of a module of the project (an empty set: no such module); None
    when they cannot be known (unparsable, or a star import), so nothing is claimed missing."""
    base = project_root.joinpath(*module.split("."))
    source = next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()), None)
    if source is None:
        return set()
    tree = _parsed(source)
    if tree is None:
        return None
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            if any(alias.name == "*" for alias in node.names):
                return None
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def _parsed(path: Path) -> ast.Module | None:
    try:
        return ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return None
