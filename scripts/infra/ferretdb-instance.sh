#!/usr/bin/env bash
# A private FerretDB (MongoDB wire protocol, SQLite storage) that a test can stop and restart
# (e.g. to test behaviour while the database is down). Data, log and pid live under <dir>;
# restarting with the same <dir> keeps the data.
#
#   scripts/infra/ferretdb-instance.sh start <dir> <port>
#       starts it, waits until ready and prints MONGO_URL=mongodb://127.0.0.1:<port>/?directConnection=true
#   scripts/infra/ferretdb-instance.sh stop <dir>
#       SIGTERM, wait up to 20 s, SIGKILL
#
# The FerretDB binary must be built (scripts/infra/infra.sh install; `start` does it if needed).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

case ${1:-} in
  start)
    (($# == 3)) || usage
    mkdir -p "$2"
    dir=$(cd "$2" && pwd)
    lock_dir "$CACHE"
    install_ferretdb
    lock_dir "$dir"
    ferretdb_start "$dir" ferretdb "$3"
    echo "MONGO_URL=mongodb://127.0.0.1:$3/?directConnection=true"
    ;;
  stop)
    (($# == 2)) || usage
    [[ -d $2 ]] || die "no such directory: $2"
    dir=$(cd "$2" && pwd)
    lock_dir "$dir"
    ferretdb_stop "$dir" ferretdb
    ;;
  *) usage ;;
esac
