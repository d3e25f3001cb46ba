#!/usr/bin/env bash
# Fuzzes the fleet's HTTP APIs with Schemathesis through their OpenAPI documents, on a fleet of its
# own (topics, databases and ports of its own, removed at the end), and prints per API the number
# of requests sent and every failed check: no answer may be a 5xx, and answers must match the
# schemas the documents give. Installs Schemathesis from PyPI into .cache/tools once.
#
#   scripts/fuzz/schemathesis.sh                 50 examples per operation, every API (several minutes)
#   scripts/fuzz/schemathesis.sh 200 ingest      more examples, one service's API
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCHEMATHESIS=$("$ROOT/scripts/fuzz/install-schemathesis.sh")
cd "$ROOT"
exec nice -n 10 node --import tsx scripts/fuzz/run-schemathesis.ts "$SCHEMATHESIS" "${1:-50}" "${@:2}"
