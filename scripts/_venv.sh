# Shared by the scripts: a virtualenv with scaffold and its test tools, made on first use.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${SCAFFOLD_VENV:-$REPO/.venv}"
say() { echo "==> $*" >&2; }
if [ ! -x "$VENV/bin/python" ]; then
  say "Creating $VENV (Python $(python3 -c 'import platform; print(platform.python_version())'))"
  python3 -m venv "$VENV"
fi
# Re-install only when pyproject.toml changed since the last install.
STAMP="$VENV/.scaffold-installed"
if [ ! -f "$STAMP" ] || [ "$REPO/pyproject.toml" -nt "$STAMP" ]; then
  say "Installing scaffold and its test tools into $VENV (pip; about 90 s the first time)"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$REPO[test]"
  touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
