#!/usr/bin/env bash
# Pixkit over HTTP against peer image servers on the same machine: throughput, latency, memory.
#
#   bench/peers/run.sh            (DURATION=10s WARMUP=3s THREADS=2 CONNECTIONS=8 PORT_BASE=18080)
#
# 1. Installs what it needs: wrk, nginx and its image_filter module (apt), ipx and sharp (npm, pinned in
#    package.json, into bench/peers/node_modules).
# 2. Generates the inputs once with sharp (target/images): 4000×3000 JPEG q90, 1920×1080 JPEG q90,
#    1600×1200 RGBA PNG.
# 3. Runs one server at a time on loopback, each on its own port:
#      Pixkit (./pixkit run, result cache off: PIXKIT_CACHE_MAX_BYTES=0), ipx, the sharp reference server
#      (ref-server.mjs), Pixkit again with its default cache (warmed), nginx (image_filter, and a static file).
# 4. Per case and server: a short wrk warm-up, then `wrk --latency` for DURATION while the RSS of the server's
#    process tree is sampled every 100 ms; one response is checked (format, 300 px wide) and its size kept.
#    Uncached requests are spread over VARIANTS byte-different copies of the input (variants.lua), because
#    Pixkit coalesces concurrent requests for the same rendition: with one URL, 8 connections would share renders.
# 5. Prints one table (also written to target/results.md) with Pixkit's ratios and the goals.
# Every process it starts is stopped on exit, also on failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
PEERS=$PWD
ROOT=$(cd ../.. && pwd)

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8}
PORT_BASE=${PORT_BASE:-18080}
VARIANTS=${VARIANTS:-32} # copies of each input the uncached requests are spread over; 1 = one URL per case
PIXKIT_START_TIMEOUT=${PIXKIT_START_TIMEOUT:-900} # seconds; the first start may build Pixkit
PORT_PIXKIT=$PORT_BASE
PORT_IPX=$((PORT_BASE + 1))
PORT_REF=$((PORT_BASE + 2))
PORT_NGINX=$((PORT_BASE + 3))

OUT=$PEERS/target
IMAGES=$OUT/images
LOGS=$OUT/logs
RESP=$OUT/responses
PIXDATA=$OUT/pixkit-data
NGX=$OUT/nginx
STATIC=$OUT/static
RESULTS=$OUT/results.tsv
PRIVATE_KEY=private_bench_peers
PUBLIC_KEY=public_bench_peers
NGINX_MODULE=/usr/lib/nginx/modules/ngx_http_image_filter_module.so

say() { printf '[peers] %s\n' "$*" >&2; }
die() {
    printf '[peers] error: %s\n' "$*" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------------------------
# processes: every server runs in its own session (setsid), so that stopping its process group stops all of it

PIDS=()
SAMPLER_PID=
WRK_PID=

stop_pid() { # PID: TERM its process group, KILL after 15 s
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    trap - EXIT INT TERM
    if [[ -n $WRK_PID ]]; then kill "$WRK_PID" 2>/dev/null || true; fi
    if [[ -n $SAMPLER_PID ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
    for pid in ${PIDS[@]+"${PIDS[@]}"}; do stop_pid "$pid"; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_server() { # LOG CMD...: starts CMD in the background in a new session, sets SERVER_PID
    local log=$1
    shift
    setsid "$@" >"$log" 2>&1 </dev/null &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
}

stop_server() { # PID
    local pid=$1 p rest=()
    stop_pid "$pid"
    for p in ${PIDS[@]+"${PIDS[@]}"}; do [[ $p == "$pid" ]] || rest+=("$p"); done
    PIDS=(${rest[@]+"${rest[@]}"})
}

wait_http() { # URL PID TIMEOUT_S LOG: until URL answers at all (any HTTP status); fails if PID dies
    local url=$1 pid=$2 timeout=$3 log=$4 start code
    start=$(date +%s)
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)
        [[ $code != 000 ]] && return 0
        if ! kill -0 "$pid" 2>/dev/null; then
            say "server exited before answering; last lines of ${log#"$ROOT"/}:"
            tail -n 25 "$log" | sed 's/^/    | /' >&2
            return 1
        fi
        if (($(date +%s) - start > timeout)); then
            say "no answer from $url after ${timeout}s; last lines of ${log#"$ROOT"/}:"
            tail -n 25 "$log" | sed 's/^/    | /' >&2
            return 1
        fi
        sleep 0.5
    done
}

# run_wrk OUT ARGS...: wrk in the background + wait, so that Ctrl-C reaches the trap at once (wrk handles SIGINT
# itself and exits 0, and bash ignores a SIGINT that its foreground command survived)
run_wrk() {
    local out=$1
    shift
    wrk "$@" >"$out" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || true
    WRK_PID=
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

tree_pids() { # PID: PID and all its descendants
    local p
    echo "$1"
    for p in $(pgrep -P "$1" || true); do tree_pids "$p"; done
}

sample_rss() { # STOPFILE OUTFILE PID...: sums VmRSS (kB) of PIDs every 100 ms until STOPFILE exists
    local stop=$1 out=$2 peak=0 sum pid k v _
    shift 2
    while [[ ! -e $stop ]]; do
        sum=0
        for pid in "$@"; do
            [[ -r /proc/$pid/status ]] || continue
            while read -r k v _; do
                if [[ $k == VmRSS: ]]; then
                    sum=$((sum + v))
                    break
                fi
            done <"/proc/$pid/status" 2>/dev/null || true
        done
        ((sum > peak)) && peak=$sum
        sleep 0.1
    done
    echo "$peak" >"$out"
}

# ---------------------------------------------------------------------------------------------------------------
# measuring

row() { # CASE KIND SERVER RPS P50 P99 RSS BYTES NOTE
    local IFS=$'\t'
    echo "$*" >>"$RESULTS"
}

na_row() { row "$1" "$2" "$3" n/a n/a n/a n/a n/a "$4"; }

src_of() { # URL: which input it asks for (big, hd, alpha)
    case $1 in
        */hd[.-]*) echo hd ;;
        */alpha[.-]*) echo alpha ;;
        *) echo big ;;
    esac
}

# measure CASE KIND SERVER URL FORMAT PID: checks one response, warms up, runs wrk, appends a row.
# "{i}" in URL: the requests go to the copies 00 … VARIANTS-1 in turn (variants.lua).
measure() {
    local kase=$1 kind=$2 server=$3 url=$4 fmt=$5 pid=$6 body code probe tag stop peakf wrkout
    local first=${4//\{i\}/00} rest
    local -a pids cpu0 cpu1 load=("$url")
    if [[ $url == *'{i}'* ]]; then
        rest=${url#http://}
        load=(-s "$PEERS/variants.lua" "http://${rest%%/*}/" -- "/${rest#*/}" "$VARIANTS" "$THREADS")
    fi
    # file names: <kind>-<source>-<format>-<server>, e.g. uncached-big-webp-ref-sharp
    tag=$(printf '%s-%s-%s-%s' "$kind" "$(src_of "$url")" "$fmt" "$server" | tr '[:upper:]' '[:lower:]' | tr -cs 'a-z0-9\n' '-')
    tag=${tag%-}
    body=$RESP/$tag.$fmt
    if ! kill -0 "$pid" 2>/dev/null; then
        say "  $server: the server is not running any more (see ${LOGS#"$ROOT"/})"
        row "$kase" "$kind" "$server" FAILED - - - - "the server had exited (see ${LOGS#"$ROOT"/})"
        return 0
    fi
    code=$(curl -s -o "$body" -w '%{http_code}' --max-time 60 "$first" || true)
    if [[ $code != 200 ]]; then
        say "  $server: HTTP $code from $first"
        row "$kase" "$kind" "$server" FAILED - - - - "HTTP $code from $first"
        return 0
    fi
    probe=$(node "$PEERS/probe.mjs" "$body")
    if [[ $probe != "$fmt 300 "* ]]; then
        say "  $server: unexpected response ($probe) from $first"
        row "$kase" "$kind" "$server" FAILED - - - "$(stat -c %s "$body")" "got $probe, want $fmt 300 px wide"
        return 0
    fi
    say "  $server: $url ($(stat -c %s "$body") bytes) — warm-up $WARMUP, then $DURATION"
    run_wrk /dev/null -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 30s "${load[@]}"
    mapfile -t pids < <(tree_pids "$pid")
    stop=$OUT/.sampler.stop
    peakf=$OUT/.sampler.peak
    rm -f "$stop" "$peakf"
    sample_rss "$stop" "$peakf" "${pids[@]}" &
    SAMPLER_PID=$!
    wrkout=$LOGS/wrk-$tag.txt
    read -r -a cpu0 </proc/stat
    run_wrk "$wrkout" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 30s --latency "${load[@]}"
    read -r -a cpu1 </proc/stat
    # CPU time taken by the hypervisor from this VM during the run (shared hosts); noted when above 2 %
    echo "steal ${cpu0[8]} ${cpu1[8]} $(( (cpu1[1] + cpu1[2] + cpu1[3] + cpu1[4] + cpu1[5] + cpu1[6] + cpu1[7] + cpu1[8]) - (cpu0[1] + cpu0[2] + cpu0[3] + cpu0[4] + cpu0[5] + cpu0[6] + cpu0[7] + cpu0[8]) ))" >>"$wrkout"
    touch "$stop"
    wait "$SAMPLER_PID" || true
    SAMPLER_PID=
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "  (the server exited during this run)" >>"$wrkout"
    fi
    awk -v kase="$kase" -v kind="$kind" -v server="$server" -v rsskb="$(cat "$peakf" 2>/dev/null || echo 0)" \
        -v bytes="$(stat -c %s "$body")" '
        function ms(v) {
            if (v ~ /us$/) return v * 0.001
            if (v ~ /ms$/) return v + 0
            if (v ~ /m$/) return v * 60000
            if (v ~ /s$/) return v * 1000
            return v + 0
        }
        function f(v) { return v < 10 ? sprintf("%.2f", v) : sprintf("%.1f", v) }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { note = note sprintf("%s non-2xx; ", $NF) }
        /Socket errors:/ { sub(/^ *Socket errors: */, ""); note = note "socket errors: " $0 "; " }
        /the server exited during this run/ { note = note "the server exited during this run; " }
        $1 == "steal" && $4 > 0 && ($3 - $2) / $4 > 0.02 { note = note sprintf("CPU steal %.0f%%; ", 100 * ($3 - $2) / $4) }
        END {
            if (rps == "") { printf "%s\t%s\t%s\tFAILED\t-\t-\t-\t%s\twrk printed no result\n", kase, kind, server, bytes; exit }
            sub(/; $/, "", note)
            printf "%s\t%s\t%s\t%.1f\t%s\t%s\t%.0f\t%s\t%s\n", kase, kind, server, rps, f(p50), f(p99), rsskb / 1024, bytes, note
        }' "$wrkout" >>"$RESULTS"
    tail -n 1 "$RESULTS" | awk -F'\t' '{ printf "[peers]    %s req/s, p50 %s ms, p99 %s ms, peak RSS %s MB %s\n", $4, $5, $6, $7, $9 }' >&2
}

# The uncached cases: id, source file, output format, label.
CASE_FILES=(big.jpg big.jpg hd.jpg hd.jpg alpha.png alpha.png)
CASE_FMTS=(webp jpeg webp jpeg webp jpeg)
CASE_LABELS=()
for i in "${!CASE_FILES[@]}"; do
    case ${CASE_FILES[$i]} in
        big.jpg) src="4000×3000 JPEG" ;;
        hd.jpg) src="1920×1080 JPEG" ;;
        alpha.png) src="1600×1200 PNG" ;;
    esac
    fmt=${CASE_FMTS[$i]}
    [[ $fmt == jpeg ]] && fmt=JPEG || fmt=WebP
    CASE_LABELS+=("uncached $src → $fmt")
done
CACHED_LABEL="cached 4000×3000 JPEG → WebP"

# ---------------------------------------------------------------------------------------------------------------
# 1. tools

mkdir -p "$IMAGES" "$LOGS" "$RESP" "$STATIC" "$NGX/tmp"

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
[[ -f $NGINX_MODULE ]] || missing+=(libnginx-mod-http-image-filter)
if ((${#missing[@]})); then
    as_root=()
    if [[ $(id -u) -ne 0 ]]; then as_root=(sudo -n); fi
    say "installing ${missing[*]} (apt-get)…"
    { ${as_root[@]+"${as_root[@]}"} apt-get update -qq &&
        ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } \
        >"$OUT/apt.log" 2>&1 || { tail -n 20 "$OUT/apt.log" >&2; die "could not install ${missing[*]}"; }
fi
NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then die "node and npm are needed (Node 20+)"; fi
if [[ ! -f node_modules/.package-lock.json || package.json -nt node_modules/.package-lock.json ||
    package-lock.json -nt node_modules/.package-lock.json ]]; then
    say "installing ipx and sharp (npm ci)…"
    npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
fi
for p in $PORT_PIXKIT $PORT_IPX $PORT_REF $PORT_NGINX; do
    port_free "$p" || die "port $p is in use (set PORT_BASE to use $PORT_BASE..$((PORT_BASE + 3)) elsewhere)"
done

# ---------------------------------------------------------------------------------------------------------------
# 2. inputs

if ((VARIANTS < 1 || VARIANTS > 100)); then die "VARIANTS must be 1..100"; fi
if ((VARIANTS > 1 && VARIANTS % THREADS)); then say "note: VARIANTS ($VARIANTS) is best a multiple of THREADS ($THREADS)"; fi
if [[ ! -f $IMAGES/big.jpg || ! -f $IMAGES/hd.jpg || ! -f $IMAGES/alpha.png ]]; then
    say "generating inputs in ${IMAGES#"$ROOT"/}…"
fi
node gen-images.mjs "$IMAGES" "$((VARIANTS > 1 ? VARIANTS : 0))"

# in_file FILE: the file name the uncached URLs use: big-{i}.jpg over the copies, or big.jpg itself
in_file() {
    if ((VARIANTS > 1)); then echo "${1%.*}-{i}.${1##*.}"; else echo "$1"; fi
}
rm -f "$RESULTS" "$RESP"/* "$LOGS"/wrk-*

SHARP_VERSIONS=$(node -e 'const s = require("sharp"); console.log("sharp " + s.versions.sharp + ", libvips " + s.versions.vips)')
IPX_VERSION=$(node -p 'require("./node_modules/ipx/package.json").version')
NGINX_VERSION=$("$NGINX_BIN" -v 2>&1 | sed 's/^nginx version: //')
GD_VERSION=$(dpkg-query -W -f '${Version}' libgd3 2>/dev/null || echo '?')
say "peers: ipx $IPX_VERSION ($SHARP_VERSIONS), reference server ($SHARP_VERSIONS), $NGINX_VERSION (libgd $GD_VERSION)"

# ---------------------------------------------------------------------------------------------------------------
# 3. Pixkit

pixkit_url() { # FILE FMT
    local f=$2
    [[ $f == jpeg ]] && f=jpg
    echo "http://127.0.0.1:$PORT_PIXKIT/media/tr:w-300,f-$f,q-80/bench/$1"
}

start_pixkit() { # TAG [ENV=VALUE...]: ./pixkit run on the scratch data dir, waits until it answers
    local tag=$1 log=$LOGS/pixkit-$1.log
    shift
    say "starting Pixkit ($tag; the first start may build it, log: ${log#"$ROOT"/})…"
    start_server "$log" env -u PIXKIT_CACHE_MAX_BYTES -u PIXKIT_DB_URL -u PIXKIT_URL_ENDPOINT \
        PIXKIT_DATA_DIR="$PIXDATA" PIXKIT_PORT="$PORT_PIXKIT" \
        PIXKIT_PRIVATE_KEY="$PRIVATE_KEY" PIXKIT_PUBLIC_KEY="$PUBLIC_KEY" "$@" "$ROOT/pixkit" run
    wait_http "http://127.0.0.1:$PORT_PIXKIT/media/bench/big.jpg" "$SERVER_PID" "$PIXKIT_START_TIMEOUT" "$log" ||
        return 1
    PIXKIT_JAVA=$(readlink "/proc/$SERVER_PID/exe" || true)
    say "Pixkit is up (pid $SERVER_PID, $PIXKIT_JAVA; $(grep -m1 -o 'libvips: .*' "$log" || echo 'libvips: ?'))"
}

# scratch data dir: everything but tools/ (the pinned libvips, fetched once) goes
if [[ -d $PIXDATA ]]; then
    find "$PIXDATA" -mindepth 1 -maxdepth 1 ! -name tools -exec rm -rf {} +
fi
mkdir -p "$PIXDATA"

PIXKIT_OK=0
if start_pixkit nocache PIXKIT_CACHE_MAX_BYTES=0; then
    PIXKIT_OK=1
    uploads=(big.jpg hd.jpg alpha.png)
    if ((VARIANTS > 1)); then
        for f in big.jpg hd.jpg alpha.png; do
            for ((v = 0; v < VARIANTS; v++)); do uploads+=("$(printf '%s-%02d.%s' "${f%.*}" "$v" "${f##*.}")"); done
        done
    fi
    say "uploading ${#uploads[@]} files to /bench…"
    for f in "${uploads[@]}"; do
        resp=$(curl -sS --max-time 120 -u "$PRIVATE_KEY:" -F "file=@$IMAGES/$f" -F "fileName=$f" -F folder=/bench \
            -F useUniqueFileName=false "http://127.0.0.1:$PORT_PIXKIT/api/v1/files/upload" || true)
        if [[ $resp != *"\"filePath\":\"/bench/$f\""* ]]; then
            say "upload of $f failed: $resp"
            PIXKIT_OK=0
        fi
    done
fi
for i in "${!CASE_FILES[@]}"; do
    if ((PIXKIT_OK)); then
        measure "${CASE_LABELS[$i]}" uncached Pixkit "$(pixkit_url "$(in_file "${CASE_FILES[$i]}")" "${CASE_FMTS[$i]}")" \
            "${CASE_FMTS[$i]}" "$SERVER_PID"
    else
        row "${CASE_LABELS[$i]}" uncached Pixkit FAILED - - - - "Pixkit did not start or upload (see ${LOGS#"$ROOT"/})"
    fi
done
[[ -n ${SERVER_PID:-} ]] && stop_server "$SERVER_PID"
SERVER_PID=

# ---------------------------------------------------------------------------------------------------------------
# 4. ipx and the reference server

start_node() { # NAME SCRIPT PORT
    local log=$LOGS/$1.log
    say "starting $1 on port $3…"
    start_server "$log" node "$PEERS/$2" "$IMAGES" "$3"
    wait_http "http://127.0.0.1:$3/" "$SERVER_PID" 30 "$log"
}

if start_node ipx ipx-server.mjs "$PORT_IPX"; then
    for i in "${!CASE_FILES[@]}"; do
        measure "${CASE_LABELS[$i]}" uncached ipx \
            "http://127.0.0.1:$PORT_IPX/w_300,f_${CASE_FMTS[$i]},q_80/$(in_file "${CASE_FILES[$i]}")" "${CASE_FMTS[$i]}" \
            "$SERVER_PID"
    done
else
    for l in "${CASE_LABELS[@]}"; do row "$l" uncached ipx FAILED - - - - "did not start"; done
fi
stop_server "$SERVER_PID"

if start_node ref ref-server.mjs "$PORT_REF"; then
    for i in "${!CASE_FILES[@]}"; do
        measure "${CASE_LABELS[$i]}" uncached "ref (sharp)" \
            "http://127.0.0.1:$PORT_REF/300/${CASE_FMTS[$i]}/$(in_file "${CASE_FILES[$i]}")" "${CASE_FMTS[$i]}" "$SERVER_PID"
    done
else
    for l in "${CASE_LABELS[@]}"; do row "$l" uncached "ref (sharp)" FAILED - - - - "did not start"; done
fi
stop_server "$SERVER_PID"
SERVER_PID=

# ---------------------------------------------------------------------------------------------------------------
# 5. Pixkit with its result cache (default size), warmed once; its bytes become nginx's static file

rm -f "$STATIC/big-300.webp"
if ((PIXKIT_OK)) && start_pixkit cache; then
    url=$(pixkit_url big.jpg webp)
    curl -s -o "$STATIC/big-300.webp" --max-time 60 "$url" || true # warms the cache
    measure "$CACHED_LABEL" cached "Pixkit (cache on)" "$url" webp "$SERVER_PID"
else
    row "$CACHED_LABEL" cached "Pixkit (cache on)" FAILED - - - - "Pixkit did not start"
fi
[[ -n ${SERVER_PID:-} ]] && stop_server "$SERVER_PID"
SERVER_PID=

# ---------------------------------------------------------------------------------------------------------------
# 6. nginx: image_filter (JPEG → JPEG only: it keeps the input format) and a static file

user_line=
if [[ $(id -u) -eq 0 ]]; then user_line="user $(id -un) $(id -gn);"; fi
cat >"$NGX/nginx.conf" <<EOF
# generated by bench/peers/run.sh
$user_line
worker_processes 2;
pid $NGX/nginx.pid;
error_log $NGX/error.log warn;
load_module $NGINX_MODULE;
events { worker_connections 1024; }
http {
    types { image/jpeg jpg jpeg; image/png png; image/webp webp; }
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $NGX/tmp/body;
    proxy_temp_path $NGX/tmp/proxy;
    fastcgi_temp_path $NGX/tmp/fastcgi;
    uwsgi_temp_path $NGX/tmp/uwsgi;
    scgi_temp_path $NGX/tmp/scgi;
    server {
        listen 127.0.0.1:$PORT_NGINX;
        location /resize/ {
            alias $IMAGES/;
            image_filter resize 300 -;
            image_filter_jpeg_quality 80;
            image_filter_webp_quality 80;
            image_filter_buffer 50M;
        }
        location /static/ {
            alias $STATIC/;
        }
    }
}
EOF
NGINX_CMD=("$NGINX_BIN" -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/error.log")
NGINX_OK=0
if "${NGINX_CMD[@]}" -t >"$LOGS/nginx-test.log" 2>&1; then
    say "starting nginx on port $PORT_NGINX…"
    start_server "$LOGS/nginx.log" "${NGINX_CMD[@]}" -g 'daemon off;'
    wait_http "http://127.0.0.1:$PORT_NGINX/" "$SERVER_PID" 30 "$LOGS/nginx.log" && NGINX_OK=1
else
    say "nginx -t failed:"
    sed 's/^/    | /' "$LOGS/nginx-test.log" >&2
fi
for i in "${!CASE_FILES[@]}"; do
    if [[ ${CASE_FILES[$i]} != *.jpg || ${CASE_FMTS[$i]} != jpeg ]]; then
        na_row "${CASE_LABELS[$i]}" uncached "nginx image_filter" "image_filter keeps the input format"
    elif ((NGINX_OK)); then
        measure "${CASE_LABELS[$i]}" uncached "nginx image_filter" \
            "http://127.0.0.1:$PORT_NGINX/resize/$(in_file "${CASE_FILES[$i]}")" jpeg "$SERVER_PID"
    else
        row "${CASE_LABELS[$i]}" uncached "nginx image_filter" FAILED - - - - "nginx did not start"
    fi
done
if ((NGINX_OK)) && [[ -s $STATIC/big-300.webp ]]; then
    measure "$CACHED_LABEL" cached "nginx static" "http://127.0.0.1:$PORT_NGINX/static/big-300.webp" webp "$SERVER_PID"
else
    row "$CACHED_LABEL" cached "nginx static" FAILED - - - - "nginx did not start or no Pixkit bytes to serve"
fi
[[ -n ${SERVER_PID:-} ]] && stop_server "$SERVER_PID"
SERVER_PID=

# ---------------------------------------------------------------------------------------------------------------
# 7. report: rows grouped by case, in the order of the cases

sorted=$OUT/.results.sorted.tsv
: >"$sorted"
for l in "${CASE_LABELS[@]}" "$CACHED_LABEL"; do
    awk -F'\t' -v k="$l" '$1 == k' "$RESULTS" >>"$sorted"
done
PIXKIT_REV=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
if [[ -n $(git -C "$ROOT" status --porcelain -- . ':!bench' 2>/dev/null) ]]; then PIXKIT_REV+=" + uncommitted changes"; fi
JAVA_VERSION=$("${PIXKIT_JAVA:-java}" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1 || true)
PIXKIT_VIPS=$(grep -h -m1 -o 'libvips: .*' "$LOGS/pixkit-nocache.log" 2>/dev/null | sed 's/^libvips: //' || true)
{
    echo "# Pixkit vs peers over HTTP"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency" \
        "(after a $WARMUP warm-up), one server running at a time; 300 px wide, quality 80, metadata stripped." \
        "$(if ((VARIANTS > 1)); then echo "Uncached requests spread over $VARIANTS byte-different copies of each input."; else echo "One URL per case (VARIANTS=1)."; fi)"
    echo
    echo "- Pixkit $PIXKIT_REV (libvips ${PIXKIT_VIPS:-?}, Java ${JAVA_VERSION:-?})" \
        "— uncached rows with PIXKIT_CACHE_MAX_BYTES=0"
    echo "- ipx $IPX_VERSION and the reference server (ref-server.mjs) on $SHARP_VERSIONS, Node $(node -v)"
    echo "- $NGINX_VERSION, image_filter on libgd $GD_VERSION, worker_processes 2"
    echo
    node report.mjs "$sorted"
} >"$OUT/results.md"
echo
cat "$OUT/results.md"
echo
say "written to ${OUT#"$ROOT"/}/results.md (responses in ${RESP#"$ROOT"/}, wrk output and logs in ${LOGS#"$ROOT"/})"
