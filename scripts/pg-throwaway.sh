#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests and benchmarks (127.0.0.1 only, fsync off).
#
#   eval "$(scripts/pg-throwaway.sh start)"   # exports PIXKIT_TEST_PG_URL/_USER/_PASSWORD
#   ...                                        # and PIXKIT_PG_THROWAWAY_DIR
#   scripts/pg-throwaway.sh stop              # stops it and deletes its dir
#
#   scripts/pg-throwaway.sh run -- CMD [ARGS]  # start, run CMD with those variables, stop
#
# Needs the PostgreSQL server binaries (apt-installs `postgresql` when root/sudo allows).
# When run as root the cluster runs as the `postgres` user (or a `pixkit-pg` system user).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

case ${1:-} in
    start)
        pk_pg_start >&2 || exit 1
        for v in PIXKIT_TEST_PG_URL PIXKIT_TEST_PG_USER PIXKIT_TEST_PG_PASSWORD PIXKIT_PG_THROWAWAY_DIR; do
            printf 'export %s=%q\n' "$v" "${!v}"
        done
        ;;
    stop)
        dir=${2:-${PIXKIT_PG_THROWAWAY_DIR:-}}
        [ -n "$dir" ] || pk_die "usage: $0 stop [DIR] (or set PIXKIT_PG_THROWAWAY_DIR)"
        pk_pg_stop "$dir"
        ;;
    run)
        shift
        [ "${1:-}" = -- ] && shift
        [ $# -gt 0 ] || pk_die "usage: $0 run -- CMD [ARGS]"
        PK_PG_DIR=
        trap 'pk_pg_stop "${PK_PG_DIR:-}" || true' EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM HUP
        pk_pg_start || exit 1
        rc=0
        "$@" || rc=$?
        exit "$rc"
        ;;
    -h | --help | help)
        usage
        ;;
    *)
        usage >&2
        exit 2
        ;;
esac
