#!/usr/bin/env bash
# Conformance suite: drives a real Pixkit server with ImageKit's official Node SDKs
# (@imagekit/nodejs 7.11.0 and the legacy imagekit 6.0.0). See conformance/README.md.
#
# Usage: conformance/run.sh [test/<file>.test.js ...]   (default: every test/*.test.js)
# Environment: JAVA_HOME, PIXKIT_VIPS_LIBRARY (resolved like ./pixkit when unset),
#   PIXKIT_CONFORMANCE_JAR (default pixkit-server/target/pixkit-server-exec.jar, built when missing),
#   PIXKIT_CONFORMANCE_STRICT=1 (known-gaps.txt ignored: every test must pass).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=SCRIPTDIR/../scripts/lib.sh
. "$here/../scripts/lib.sh"
# test files given relative to where we were called from, or to conformance/
files=()
for f in "$@"; do
    if [ -f "$f" ]; then
        files+=("$(cd "$(dirname "$f")" && pwd -P)/$(basename "$f")")
    elif [ -f "$here/$f" ]; then
        files+=("$here/$f")
    else
        pk_die "no such test file: $f"
    fi
done
cd "$here"

ci() { printf 'conformance: %s\n' "$*" >&2; }

# --- node and npm
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    pk_die "the conformance suite needs Node.js 20+ and npm (Debian/Ubuntu: apt-get install nodejs npm)"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || pk_die "the conformance suite needs Node.js 20+ (found $(node --version))"

# --- dependencies: npm ci when node_modules is missing or was installed from another lockfile
lock_sum=$(pk_sha256 package-lock.json)
stamp=node_modules/.pixkit-lock.sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
    ci "installing the SDKs (npm ci)…"
    log=$(mktemp "${TMPDIR:-/tmp}/pixkit-npm.XXXXXX")
    if ! npm ci --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
        pk_err "npm ci failed:"
        pk_tail "$log" 30
        rm -f "$log"
        exit 1
    fi
    rm -f "$log"
    printf '%s\n' "$lock_sum" >"$stamp"
fi

# --- Java, libvips and the server jar
pk_find_java || exit 1
if [ -z "${PIXKIT_VIPS_LIBRARY:-}" ]; then
    pk_resolve_vips || exit 1
fi
export PIXKIT_VIPS_LIBRARY
jar=${PIXKIT_CONFORMANCE_JAR:-$PK_ROOT/$PK_SERVER_JAR}
if [ ! -f "$jar" ]; then
    ci "no $jar: building it (./mvnw -B -q -pl pixkit-server -am package -DskipTests)…"
    (cd "$PK_ROOT" && ./mvnw -B -q -pl pixkit-server -am package -DskipTests) || pk_die "building the server jar failed"
fi
export PIXKIT_CONFORMANCE_JAR=$jar

# --- run: one server for all test files, spec output on the terminal, TAP + results for the summary
full=partial
if [ ${#files[@]} -eq 0 ]; then
    files=(test/*.test.js)
    full=full
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/pixkit-conformance-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PIXKIT_CONFORMANCE_RESULTS=$work/results.jsonl
rc=0
node lib/with-server.js -- node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$work/tap" \
    "${files[@]}" || rc=$?
echo
node lib/summary.js "$work/tap" "$work/results.jsonl" "$full" || true
exit "$rc"
