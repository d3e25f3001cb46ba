#!/usr/bin/env bash
# A private single-node KRaft Kafka broker that a test can stop and restart (e.g. to test
# behaviour while Kafka is down). Everything (config, data, log, pid) lives under <dir>;
# restarting with the same <dir> reuses the data and the cluster id.
#
#   scripts/infra/kafka-instance.sh start <dir> <port> <controllerPort>
#       starts it (formats storage the first time), waits until ready and prints
#       KAFKA_BROKERS=127.0.0.1:<port> on stdout; reuses a broker already running from <dir>
#   scripts/infra/kafka-instance.sh stop <dir>
#       SIGTERM, wait up to 20 s, SIGKILL; returns once its ports are closed
#
# The Kafka jars must be installed (scripts/infra/infra.sh install; `start` does it if needed).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

abs_dir() {
  mkdir -p "$1"
  (cd "$1" && pwd)
}

case ${1:-} in
  start)
    (($# == 4)) || usage
    dir=$(abs_dir "$2")
    lock_dir "$CACHE"
    install_kafka
    lock_dir "$dir"
    kafka_start "$dir" kafka "$3" "$4"
    echo "KAFKA_BROKERS=127.0.0.1:$3"
    ;;
  stop)
    (($# == 2)) || usage
    [[ -d $2 ]] || die "no such directory: $2"
    dir=$(cd "$2" && pwd)
    lock_dir "$dir"
    kafka_stop "$dir" kafka
    ;;
  *) usage ;;
esac
