#!/usr/bin/env bash
# Local infrastructure without Docker: Apache Kafka (single-node KRaft) and FerretDB (MongoDB
# wire protocol, SQLite storage) on loopback, installed from Maven Central and the Go proxy into
# ${PRIEMNAYA_CACHE:-<repo>/.cache}. Versions live at the top of lib.sh.
#
#   scripts/infra/infra.sh install   download / build once (cached, marker files)
#   scripts/infra/infra.sh up        install if needed, start both, wait until ready, print env
#   scripts/infra/infra.sh down      stop both (data is kept)
#   scripts/infra/infra.sh status    one line per component; exit 0 if both run, 3 otherwise
#   scripts/infra/infra.sh reset     down, then delete the run data
#   scripts/infra/infra.sh env       print the env lines without starting anything
#
# Ports: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), MONGO_PORT (27017).
# Only `up` and `env` write to stdout (two lines), so: eval "$(scripts/infra/infra.sh up)"
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
MONGO_PORT=${MONGO_PORT:-27017}
# shellcheck disable=SC2034  # read by lib.sh in its port-taken messages
KAFKA_PORT_HINT=" (KAFKA_PORT)"
# shellcheck disable=SC2034
KAFKA_CONTROLLER_PORT_HINT=" (KAFKA_CONTROLLER_PORT)"

print_env() {
  echo "KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
  echo "MONGO_URL=mongodb://127.0.0.1:$MONGO_PORT/?directConnection=true"
}

cmd_install() {
  mkdir -p "$CACHE"
  log "cache: $CACHE"
  install_kafka
  install_ferretdb
}

cmd_up() {
  cmd_install
  kafka_start "$RUN_DIR" kafka "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"
  ferretdb_start "$RUN_DIR" ferretdb "$MONGO_PORT"
  print_env
}

cmd_down() {
  kafka_stop "$RUN_DIR" kafka
  ferretdb_stop "$RUN_DIR" ferretdb
}

status_line() {
  local what=$1 port=$2 st=$3
  case $st in
    running*) echo "$what: running (pid ${st#running }, port $port)" ;;
    starting*) echo "$what: starting (pid ${st#starting }, port $port not answering yet)" ;;
    taken*) echo "$what: stopped, port $port taken by another process: ${st#taken }" ;;
    *) echo "$what: stopped" ;;
  esac
}

cmd_status() {
  local k f
  k=$(kafka_status "$RUN_DIR" kafka "$KAFKA_PORT")
  f=$(ferretdb_status "$RUN_DIR" ferretdb "$MONGO_PORT")
  status_line kafka "$KAFKA_PORT" "$k"
  status_line ferretdb "$MONGO_PORT" "$f"
  [[ $k == running* && $f == running* ]] || return 3
}

cmd_reset() {
  cmd_down
  log "deleting run data in $RUN_DIR (installed artefacts are kept)"
  rm -rf "$RUN_DIR/kafka-data" "$RUN_DIR/ferretdb-data"
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

case ${1:-} in
  install) lock_dir "$CACHE" && cmd_install ;;
  up) lock_dir "$CACHE" && cmd_up ;;
  down) lock_dir "$CACHE" && cmd_down ;;
  status) cmd_status ;;
  reset) lock_dir "$CACHE" && cmd_reset ;;
  env) print_env ;;
  *) usage ;;
esac
