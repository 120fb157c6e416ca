#!/usr/bin/env bash
# Storage benchmarks (issue 6): uploads of new vs duplicate content, and list/search latency at 100,000 files.
#
#   bench/storage/run.sh [upload|catalog|all]      (default: all)
#
# upload:  a fresh data dir under bench/storage/target (local disk, so fsync costs are real), SQLite; COUNT distinct
#          ~500 KB JPEGs (made once with the vips CLI, made distinct by a JPEG comment segment) uploaded by CLIENTS
#          concurrent clients after a warm-up, then the same bytes again under other names. Prints req/s, mean, p50,
#          p95, p99 for both phases and their ratio (goal: duplicates >= 3x faster).
# catalog: for each of DBS (sqlite, postgresql): a fresh catalog; 20 JPEGs uploaded through the API into /seed, then
#          cloned in SQL (seed-sqlite.sql / seed-postgres.sql) to FILES files in all; then REQUESTS requests per case
#          of GET /v1/files (one at a time, after LAT_WARMUP) and a table of p50/p95/p99 against p95 < GOAL_MS.
#
# Variables: COUNT=400 CLIENTS=16 WARMUP=64 ROUNDS=1 | FILES=100000 REQUESTS=200 LAT_WARMUP=20 GOAL_MS=50
#            DBS="sqlite postgresql" | PORT=18180 | PIXKIT_JAVA_OPTS (default: ./pixkit's)
#            PROFILE=1: the upload server runs with JFR and under strace (fsync, fdatasync); a breakdown is printed
# PostgreSQL: PIXKIT_TEST_PG_URL/_USER/_PASSWORD (e.g. `source /work/pg.env`) name a cluster to create a scratch
# schema in (dropped at the end unless KEEP=1); unset, a throwaway cluster is started (scripts/pg-throwaway.sh).
# Every process it starts is stopped on exit, also on failure or Ctrl-C. Results: target/results-*.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
HERE=$PWD
ROOT=$(cd ../.. && pwd)
# shellcheck source=../../scripts/lib.sh
. "$ROOT/scripts/lib.sh"

WHAT=${1:-all}
COUNT=${COUNT:-400}
CLIENTS=${CLIENTS:-16}
WARMUP=${WARMUP:-64}
ROUNDS=${ROUNDS:-1}
FILES=${FILES:-100000}
REQUESTS=${REQUESTS:-200}
LAT_WARMUP=${LAT_WARMUP:-20}
GOAL_MS=${GOAL_MS:-50}
DBS=${DBS:-sqlite postgresql}
PORT=${PORT:-18180}
TEMPLATES=20
PRIVATE_KEY=private_bench_storage
PUBLIC_KEY=public_bench_storage
OUT=$HERE/target
LOGS=$OUT/logs
IMAGES=$OUT/images
mkdir -p "$OUT" "$LOGS" "$IMAGES"

say() { printf '[storage] %s\n' "$*" >&2; }
die() {
    printf '[storage] error: %s\n' "$*" >&2
    exit 1
}

case $WHAT in upload | catalog | all) ;; *) die "usage: $0 [upload|catalog|all]" ;; esac

# ---------------------------------------------------------------------------------------------------------------
# processes

SERVER_PID=
PG_SCHEMA=
PG_STARTED=

stop_server() { # TERM to the server's process group; waits for the JVM (it writes its JFR recording on exit)
    local pid=$SERVER_PID jpid=${JAVA_PID:-} i
    SERVER_PID=
    JAVA_PID=
    [[ -n $pid ]] || return 0
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 300; i++)); do
        kill -0 "$pid" 2>/dev/null || { [[ -n $jpid ]] && kill -0 "$jpid" 2>/dev/null; } || break
        sleep 0.1
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
    if [[ -n $jpid ]]; then kill -KILL "$jpid" 2>/dev/null || true; fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    trap - EXIT INT TERM
    stop_server
    if [[ -n $PG_SCHEMA && ${KEEP:-0} != 1 ]]; then
        pg_psql -q -c "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE" >/dev/null 2>&1 || true
    fi
    if [[ -n $PG_STARTED ]]; then "$ROOT/scripts/pg-throwaway.sh" stop "$PG_STARTED" || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------------------------
# Java, libvips (as ./pixkit run finds them: PIXKIT_VIPS_LIBRARY or the pinned prebuilt in the repo's data dir),
# and the server jar (built with `mvnw package`, never installed, when a source is newer than it)

pk_find_java || exit 1
JAVA=$JAVA_HOME/bin/java
unset PIXKIT_DATA_DIR
pk_init_data_dir
pk_resolve_vips || exit 1
VIPS_LIB=$PIXKIT_VIPS_LIBRARY

JAR=$ROOT/pixkit-server/target/pixkit-server-exec.jar
if [[ ! -f $JAR ]] || [[ -n $(cd "$ROOT" && find . \( -path ./.git -o -path ./data -o -name target -o -name node_modules \) \
    -prune -o -type f \( -name pom.xml -o -path './*/src/main/*' \) -newer "$JAR" -print | head -n 1) ]]; then
    say "building the server jar (./mvnw -B -q -pl pixkit-server -am package -DskipTests)…"
    (cd "$ROOT" && ./mvnw -B -q -pl pixkit-server -am package -DskipTests) >"$LOGS/build.log" 2>&1 ||
        { tail -n 30 "$LOGS/build.log" >&2; die "build failed (log: ${LOGS#"$ROOT"/}/build.log)"; }
fi
# the JVM options of ./pixkit run (see java_opts there) unless PIXKIT_JAVA_OPTS says otherwise
read -r -a JAVA_OPTS <<<"${PIXKIT_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m}"
BENCH=("$JAVA" -Xmx1500m "$HERE/StorageBench.java")

# start_pixkit TAG DATA_DIR [ENV=VALUE…]: the server jar in its own session; waits until it answers. Sets
# SERVER_PID (the session leader: java, or strace when profiling) and JAVA_PID (the server's JVM).
# PROFILE=1 adds a JFR recording (target/TAG.jfr) and, when strace is installed, runs the server under
# `strace -f --seccomp-bpf -e trace=fsync,fdatasync` (target/TAG.strace), which stops only at those calls.
start_pixkit() {
    local tag=$1 data=$2 log=$LOGS/pixkit-$1.log start extra=() wrap=()
    shift 2
    if [[ ${PROFILE:-0} == 1 ]]; then
        extra=("-XX:StartFlightRecording=filename=$OUT/$tag.jfr,dumponexit=true,settings=profile,jdk.FileForce#threshold=0ms")
        if command -v strace >/dev/null; then
            wrap=(strace -f --seccomp-bpf -e trace=fsync,fdatasync -tt -T -o "$OUT/$tag.strace")
        fi
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        die "port $PORT is in use (another server?); set PORT to a free one"
    fi
    say "starting Pixkit ($tag, data dir ${data#"$ROOT"/}, log ${log#"$ROOT"/})…"
    setsid env -u PIXKIT_DB_URL -u PIXKIT_DB_USER -u PIXKIT_DB_PASSWORD -u PIXKIT_URL_ENDPOINT \
        -u PIXKIT_CACHE_MAX_BYTES TZ=UTC PIXKIT_DATA_DIR="$data" PIXKIT_PORT="$PORT" PIXKIT_PRIVATE_KEY="$PRIVATE_KEY" \
        PIXKIT_PUBLIC_KEY="$PUBLIC_KEY" PIXKIT_VIPS_LIBRARY="$VIPS_LIB" MALLOC_ARENA_MAX=2 "$@" \
        ${wrap[@]+"${wrap[@]}"} "$JAVA" --enable-native-access=ALL-UNNAMED "${JAVA_OPTS[@]}" ${extra[@]+"${extra[@]}"} \
        -jar "$JAR" >"$log" 2>&1 </dev/null &
    SERVER_PID=$!
    start=$(date +%s)
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/actuator/health") == 200 ]]; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -n 25 "$log" >&2
            die "Pixkit exited during start"
        fi
        (($(date +%s) - start < 180)) || { tail -n 25 "$log" >&2; die "Pixkit did not answer within 180 s"; }
        sleep 0.3
    done
    JAVA_PID=$SERVER_PID
    if [[ $(readlink "/proc/$SERVER_PID/exe" 2>/dev/null) != */java ]]; then
        JAVA_PID=$(pgrep -P "$SERVER_PID" | head -n 1)
    fi
}

api() { # METHOD PATH [JSON]
    curl -sS --fail-with-body --max-time 60 -u "$PRIVATE_KEY:" -X "$1" ${3:+-H 'Content-Type: application/json' --data "$3"} \
        "http://127.0.0.1:$PORT$2"
}

fs_note() { # DIR: the file system type under DIR, warning when it is not a disk
    local t
    t=$(df --output=fstype "$1" 2>/dev/null | tail -n 1 | tr -d ' ')
    [[ $t == tmpfs || $t == ramfs ]] && say "warning: ${1#"$ROOT"/} is on $t: fsync costs nothing there"
    echo "${t:-?}"
}

machine() {
    echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/ {print $2}') GB RAM," \
        "load average before the run $(cut -d' ' -f1-3 /proc/loadavg); Java $("$JAVA" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)," \
        "Pixkit $(git -C "$ROOT" rev-parse --short HEAD)$([[ -n $(git -C "$ROOT" status --porcelain -- . ':!bench' 2>/dev/null) ]] && echo ' + uncommitted changes')"
}

# ---------------------------------------------------------------------------------------------------------------
# inputs: 8 base JPEGs, 1160×870 Gaussian noise (σ 30, slightly blurred), q90: about 500 KB each; made once

BASES=()
for s in 1 2 3 4 5 6 7 8; do
    f=$IMAGES/base-$s.jpg
    if [[ ! -s $f ]]; then
        command -v vips >/dev/null || pk_apt_install libvips-tools || die "the vips CLI (libvips-tools) is needed"
        tmp=$(mktemp -d "$OUT/.gen.XXXXXX")
        for b in 0 1 2; do vips gaussnoise "$tmp/$b.v" 1160 870 --sigma 30 --mean 128 --seed $((s * 10 + b)); done
        vips bandjoin "$tmp/0.v $tmp/1.v $tmp/2.v" "$tmp/rgb.v"
        vips gaussblur "$tmp/rgb.v" "$tmp/blur.v" 0.8
        vips cast "$tmp/blur.v" "$tmp/u8.v" uchar
        vips jpegsave "$tmp/u8.v" "$f" --Q 90 --strip
        rm -rf "$tmp"
    fi
    BASES+=("$f")
done
BASE_LIST=$(IFS=,; echo "${BASES[*]}")

# ---------------------------------------------------------------------------------------------------------------
# (a) uploads: new vs duplicate content

bench_upload() {
    local data=$OUT/upload-data fstype res=$OUT/results-upload.md
    rm -rf "$data"
    mkdir -p "$data"
    fstype=$(fs_note "$data")
    local header
    header="$(date -u '+%Y-%m-%d %H:%M UTC'), $(machine); data dir on $fstype, SQLite (WAL, synchronous=FULL)"
    rm -f "$OUT/upload.jfr" "$OUT/upload.strace"
    start_pixkit upload "$data"
    "${BENCH[@]}" upload --url="http://127.0.0.1:$PORT" --key="$PRIVATE_KEY" --bases="$BASE_LIST" --folder=/bench \
        --count="$COUNT" --clients="$CLIENTS" --warmup="$WARMUP" --rounds="$ROUNDS" --server-pid="$JAVA_PID" \
        --marks="$OUT/upload-phases.tsv" >"$OUT/.upload.txt"
    stop_server
    if [[ ${PROFILE:-0} == 1 ]]; then
        header+="; PROFILE=1: JFR recording$([[ -f $OUT/upload.strace ]] && echo ' and strace') running, so a little slower"
        "${BENCH[@]}" profile --file="$OUT/upload.jfr" --marks="$OUT/upload-phases.tsv" \
            $([[ -f $OUT/upload.strace ]] && echo "--strace=$OUT/upload.strace") >>"$OUT/.upload.txt"
    fi
    { echo "# Uploads: new vs duplicate content"; echo; echo "$header"; cat "$OUT/.upload.txt"; } >"$res"
    echo
    cat "$res"
    say "written to ${res#"$ROOT"/}"
}

# ---------------------------------------------------------------------------------------------------------------
# (b) list and search at FILES files

PG_URL=
pg_psql() { # psql on the bench cluster (search_path = the bench schema when set), extra args passed on
    local u=${PG_URL#jdbc:postgresql://} hostport db
    hostport=${u%%/*}
    db=${u#*/}
    db=${db%%\?*}
    PGPASSWORD=${PIXKIT_TEST_PG_PASSWORD:-} PGOPTIONS="-c client_min_messages=warning${PG_SCHEMA:+ -c search_path=$PG_SCHEMA}" \
        psql -X -v ON_ERROR_STOP=1 -h "${hostport%%:*}" -p "${hostport##*:}" -U "${PIXKIT_TEST_PG_USER:-postgres}" -d "$db" "$@"
}

pg_setup() {
    if [[ -z ${PIXKIT_TEST_PG_URL:-} ]]; then
        say "no PIXKIT_TEST_PG_URL: starting a throwaway PostgreSQL (scripts/pg-throwaway.sh)…"
        eval "$("$ROOT/scripts/pg-throwaway.sh" start)"
        PG_STARTED=$PIXKIT_PG_THROWAWAY_DIR
    fi
    PG_URL=$PIXKIT_TEST_PG_URL
    PG_SCHEMA=bench_storage_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
    pg_psql -q -c "CREATE SCHEMA $PG_SCHEMA" >/dev/null
}

bench_catalog() { # DB
    local db=$1 data=$OUT/catalog-$db res=$OUT/results-catalog-$db.md now sha env=() header i
    rm -rf "$data"
    mkdir -p "$data"
    if [[ $db == postgresql ]]; then
        pg_setup
        env=(PIXKIT_DB_URL="$PG_URL$([[ $PG_URL == *\?* ]] && echo '&' || echo '?')currentSchema=$PG_SCHEMA"
            PIXKIT_DB_USER="${PIXKIT_TEST_PG_USER:-}" PIXKIT_DB_PASSWORD="${PIXKIT_TEST_PG_PASSWORD:-}")
    fi
    start_pixkit "catalog-$db" "$data" ${env[@]+"${env[@]}"}
    api POST /v1/customMetadataFields '{"name":"color","label":"Colour","schema":{"type":"Text"}}' >/dev/null
    "${BENCH[@]}" upload --url="http://127.0.0.1:$PORT" --key="$PRIVATE_KEY" --bases="$BASE_LIST" --folder=/seed \
        --count="$TEMPLATES" --clients=4 --warmup=0 --duplicates=0 >/dev/null
    stop_server

    local clones=$((FILES - TEMPLATES)) t0
    now=$(($(date +%s) * 1000))
    say "seeding $db: $clones clones of the $TEMPLATES uploaded files…"
    t0=$(date +%s)
    if [[ $db == sqlite ]]; then
        sed -e "s/@CLONES@/$clones/g" -e "s/@NOW@/$now/g" seed-sqlite.sql | sqlite3 -bail "$data/pixkit.db" >/dev/null
        sha=$(sqlite3 "$data/pixkit.db" "SELECT blob_sha256 FROM files WHERE file_path LIKE '/seed/%' ORDER BY file_id LIMIT 1")
    else
        sed -e "s/@CLONES@/$clones/g" -e "s/@NOW@/$now/g" seed-postgres.sql | pg_psql -q >/dev/null
        # The steady state autovacuum keeps: every page of files all-visible (index-only scans need that). A
        # transaction open elsewhere in a shared cluster can keep VACUUM from marking them: retry a while.
        for ((i = 0; i < 30; i++)); do
            [[ $(pg_psql -At -c "SELECT relallvisible >= relpages FROM pg_class WHERE oid = 'files'::regclass") == t ]] && break
            sleep 2
            pg_psql -q -c "VACUUM files, file_tags" >/dev/null
        done
        ((i < 30)) || say "warning: VACUUM could not mark the files table all-visible (an old transaction is open)"
        sha=$(pg_psql -At -c "SELECT blob_sha256 FROM files WHERE file_path LIKE '/seed/%' ORDER BY file_id LIMIT 1")
    fi
    say "seeded in $(($(date +%s) - t0)) s"
    header="$(date -u '+%Y-%m-%d %H:%M UTC'), $(machine)"
    start_pixkit "catalog-$db-run" "$data" ${env[@]+"${env[@]}"}
    if [[ $db == sqlite ]]; then # Pixkit analyses the tables once it is ready (SqliteStatistics): wait for that
        for ((i = 0; i < 120; i++)); do
            [[ $(sqlite3 "$data/pixkit.db" "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat4'" 2>/dev/null) == 1 ]] &&
                [[ $(sqlite3 "$data/pixkit.db" "SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'files'" 2>/dev/null) -gt 0 ]] && break
            sleep 0.5
        done
    fi
    local total
    total=$(curl -s -u "$PRIVATE_KEY:" "http://127.0.0.1:$PORT/v1/files?limit=1&skip=$((FILES - 1))&sort=ASC_NAME" | grep -o '"fileId"' | wc -l)
    [[ $total == 1 ]] || die "the catalog does not hold $FILES files"

    # label TAB param=value TAB …  (values are URL-encoded by StorageBench)
    cat >"$OUT/cases-$db.tsv" <<EOF
list folder /bench/big (half the files), limit 100	path=/bench/big	limit=100
list folder, DESC_CREATED	path=/bench/big	sort=DESC_CREATED	limit=100
list folder, deep skip 40000	path=/bench/big	skip=40000	limit=100
list small folder (100 files)	path=/bench/f123	limit=100
list all files, DESC_CREATED	sort=DESC_CREATED	limit=100
list all files, ASC_NAME	sort=ASC_NAME	limit=100
name : "img-0123" (100 rows)	searchQuery=name : "img-0123"	limit=100
tags IN ["sale"] (10 %)	searchQuery=tags IN ["sale"]	limit=100
tags IN ["rare"] (0.1 %)	searchQuery=tags IN ["rare"]	limit=100
tags IN ["nope"] (none)	searchQuery=tags IN ["nope"]	limit=100
"customMetadata.color" = "red" (10 %)	searchQuery="customMetadata.color" = "red"	limit=100
"customMetadata.color" = "nope" (none)	searchQuery="customMetadata.color" = "nope"	limit=100
size > "1mb" (80 %)	searchQuery=size > "1mb"	limit=100
createdAt > "7d" (1 %)	searchQuery=createdAt > "7d"	limit=100
sha256 = stored (5000 rows)	searchQuery=sha256 = "$sha"	limit=100
sha256 = unknown (none)	searchQuery=sha256 = "$(printf '0%.0s' {1..64})"	limit=100
(tags IN ["sale"] OR color = "red") AND size > "1mb" AND createdAt > "30d"	searchQuery=(tags IN ["sale"] OR "customMetadata.color" = "red") AND size > "1mb" AND createdAt > "30d"	limit=100
type=all, limit 100 (folders first)	type=all	limit=100
type=all, skip 450 (folders, then files)	type=all	skip=450	limit=100
EOF
    "${BENCH[@]}" latency --url="http://127.0.0.1:$PORT" --key="$PRIVATE_KEY" --cases="$OUT/cases-$db.tsv" \
        --warmup="$LAT_WARMUP" --requests="$REQUESTS" --goal-ms="$GOAL_MS" \
        --title="GET /v1/files on $db, $FILES files" >"$OUT/.catalog.txt"
    stop_server
    { echo "# List and search latency, $db, $FILES files"; echo; echo "$header"; cat "$OUT/.catalog.txt"; } >"$res"
    echo
    cat "$res"
    say "written to ${res#"$ROOT"/}"
    if [[ $db == postgresql && ${KEEP:-0} != 1 ]]; then
        pg_psql -q -c "DROP SCHEMA $PG_SCHEMA CASCADE" >/dev/null
        PG_SCHEMA=
    fi
}

if [[ $WHAT == upload || $WHAT == all ]]; then bench_upload; fi
if [[ $WHAT == catalog || $WHAT == all ]]; then
    for db in $DBS; do bench_catalog "$db"; done
fi
