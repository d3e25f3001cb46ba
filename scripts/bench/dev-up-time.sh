#!/usr/bin/env bash
# Benchmark: wall time from `./scripts/dev up` to every service answering /readyz, then Ctrl-C.
# Run it twice: with the infrastructure stopped (it is started too) and with it running.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
log=$(mktemp)
start=$(date +%s.%N)
setsid "$ROOT/scripts/dev" up >"$log" 2>&1 &
pid=$!
until grep -q 'Press Ctrl-C' "$log"; do
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; echo "dev up exited early" >&2; exit 1; fi
  if (( $(date +%s) - ${start%.*} > 600 )); then echo "not up after 600 s" >&2; kill -INT -- -"$pid"; exit 1; fi
  sleep 0.1
done
ready=$(date +%s.%N)
grep 'every service ready' "$log" >&2
kill -INT -- -"$pid"
wait "$pid" || true
printf './scripts/dev up to every service healthy: %.1f s\n' "$(echo "$ready - $start" | bc)"
rm -f "$log"
