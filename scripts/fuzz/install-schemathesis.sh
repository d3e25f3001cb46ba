#!/usr/bin/env bash
# Installs Schemathesis from PyPI into a virtualenv of its own under ${PRIEMNAYA_CACHE:-.cache}/tools,
# once per version (later runs reuse it), and prints the path of its command line.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${PRIEMNAYA_CACHE:-$ROOT/.cache}
SCHEMATHESIS_VERSION=4.32.5
VENV=$CACHE/tools/schemathesis-$SCHEMATHESIS_VERSION
STAMP=$VENV/.installed

say() { printf '[fuzz] %s\n' "$*" >&2; }

if [[ $(cat "$STAMP" 2>/dev/null) != "$SCHEMATHESIS_VERSION" ]]; then
  command -v python3 >/dev/null || { say "error: python3 is required"; exit 1; }
  say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $VENV (once; a minute or two)"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --progress-bar on --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
  echo "$SCHEMATHESIS_VERSION" >"$STAMP"
  say "installed: $("$VENV/bin/schemathesis" --version)"
fi
echo "$VENV/bin/schemathesis"
