#!/usr/bin/env bash
# Installs Debian's Chromium for the console's browser tests when it is missing; idempotent.
# Playwright's own browser download cannot work here, so the tests drive this one through
# playwright-core (executablePath /usr/bin/chromium). Prints the path of the browser.
set -euo pipefail

BROWSER=/usr/bin/chromium
if [[ -x "$BROWSER" ]]; then
  echo "$BROWSER"
  exit 0
fi

SUDO=""
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "chromium is missing and installing it needs root (apt-get install -y chromium)" >&2
    exit 1
  fi
fi

echo "installing Debian's chromium for the browser tests (once; a few minutes)..." >&2
export DEBIAN_FRONTEND=noninteractive
# The package lists may be missing or old on a fresh machine; an update once before installing.
$SUDO apt-get update -q >&2
$SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core >&2
if [[ ! -x "$BROWSER" ]]; then
  echo "apt-get installed chromium, but $BROWSER is not there" >&2
  exit 1
fi
echo "chromium installed: $("$BROWSER" --version 2>/dev/null || echo unknown version)" >&2
echo "$BROWSER"
