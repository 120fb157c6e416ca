# shellcheck shell=bash
# shellcheck disable=SC2034 # PK_* variables are for the scripts that source this file
# Shared helpers for the Pixkit launcher (./pixkit), CI (.ci/run) and other scripts
# (bench/, scripts/pg-throwaway.sh, scripts/libvips.sh).
#
# Source it; it defines functions and a few PK_* variables and changes nothing else:
#   . "$(dirname "$0")/scripts/lib.sh"
#
# Functions return nonzero on failure (after printing why) instead of exiting, so that
# callers such as `pixkit doctor` can report every check. Written for bash >= 3.2.

PK_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

PK_JAVA_MIN=25

PK_VIPS_PREBUILT_VERSION=8.17.3
PK_VIPS_PREBUILT_PKG=@img/sharp-libvips-linux-x64@1.2.4
PK_VIPS_PREBUILT_SHA256=43c132f5a31dc0d38aff8376fdce66b4761118a451e41dfa36f9829d9607c07c
PK_VIPS_PREBUILT_LIB=libvips-cpp.so.8.17.3
PK_VIPS_SYSTEM_SONAME=libvips.so.42

# ---------------------------------------------------------------------------------------
# messages

pk_info() { printf 'pixkit: %s\n' "$*" >&2; }
pk_warn() { printf 'pixkit: warning: %s\n' "$*" >&2; }
pk_err() { printf 'pixkit: error: %s\n' "$*" >&2; }
pk_die() {
    pk_err "$@"
    exit 1
}

# pk_tail FILE [N]: show the last N (default 30) lines of FILE, indented, on stderr.
pk_tail() {
    [ -s "$1" ] || return 0
    tail -n "${2:-30}" "$1" | sed 's/^/    | /' >&2
}

pk_now() { date +%s; }

# ---------------------------------------------------------------------------------------
# data dir

# pk_init_data_dir: sets PK_DATA_DIR to the absolute data dir (PIXKIT_DATA_DIR, default
# ./data; relative paths are taken relative to the repo root).
pk_init_data_dir() {
    local d=${PIXKIT_DATA_DIR:-./data}
    case $d in
        /*) ;;
        *) d="$PK_ROOT/${d#./}" ;;
    esac
    PK_DATA_DIR=${d%/}
}

# ---------------------------------------------------------------------------------------
# root / apt

# pk_as_root CMD...: run CMD as root (directly, or via passwordless sudo).
pk_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
        sudo -n "$@"
    else
        return 1
    fi
}

pk_can_root() {
    [ "$(id -u)" -eq 0 ] && return 0
    command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1
}

pk_has_apt() { [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; }

# pk_apt_install PKG...: quiet apt-get install (one progress line; log tail on failure).
# Runs `apt-get update` first only when the install fails (e.g. empty package lists).
pk_apt_install() {
    pk_has_apt || return 1
    if ! pk_can_root; then
        pk_warn "not root and no passwordless sudo: cannot apt-get install $*"
        return 1
    fi
    local log
    log=$(mktemp "${TMPDIR:-/tmp}/pixkit-apt.XXXXXX") || return 1
    pk_info "installing $* (apt-get)…"
    if ! pk_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1; then
        if ! { pk_as_root apt-get update -qq >>"$log" 2>&1 &&
            pk_as_root env DEBIAN_FRONTEND=noninteractive \
                apt-get install -y -qq --no-install-recommends "$@" >>"$log" 2>&1; }; then
            pk_err "apt-get install $* failed:"
            pk_tail "$log" 15
            rm -f "$log"
            return 1
        fi
    fi
    rm -f "$log"
}

# ---------------------------------------------------------------------------------------
# Java

# pk_java_version JAVA: prints the version string (e.g. 25.0.1) of the given java binary.
pk_java_version() {
    local out
    out=$("$1" -version 2>&1) || return 1
    out=$(printf '%s\n' "$out" | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | head -n 1)
    [ -n "$out" ] || return 1
    printf '%s\n' "$out"
}

# pk_java_major VERSION: 1.8.0_402 -> 8, 25.0.1 -> 25, 25-ea -> 25
pk_java_major() {
    local v=$1
    case $v in 1.*) v=${v#1.} ;; esac
    v=${v%%[!0-9]*}
    printf '%s\n' "${v:-0}"
}

# pk_java_ok JAVA: succeeds if JAVA runs and is >= PK_JAVA_MIN; sets PK_CAND_VERSION.
pk_java_ok() {
    PK_CAND_VERSION=
    [ -x "$1" ] || return 1
    PK_CAND_VERSION=$(pk_java_version "$1") || return 1
    [ "$(pk_java_major "$PK_CAND_VERSION")" -ge "$PK_JAVA_MIN" ]
}

# pk_java_home_of JAVA: the java.home of a java binary.
pk_java_home_of() {
    local h
    h=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1)
    if [ -z "$h" ] || [ ! -x "$h/bin/java" ]; then
        h=$(cd "$(dirname "$1")/.." && pwd -P)
    fi
    printf '%s\n' "$h"
}

pk_java_hint() {
    cat >&2 <<EOF
Pixkit needs Java $PK_JAVA_MIN or newer. Install a JDK $PK_JAVA_MIN, e.g.:
  Debian/Ubuntu (Adoptium apt repo):
    sudo apt-get install -y wget apt-transport-https gpg
    wget -qO - https://packages.adoptium.net/artifactory/api/gpg/key/public | sudo gpg --dearmor -o /etc/apt/keyrings/adoptium.gpg
    echo "deb [signed-by=/etc/apt/keyrings/adoptium.gpg] https://packages.adoptium.net/artifactory/deb \$(. /etc/os-release && echo \$VERSION_CODENAME) main" | sudo tee /etc/apt/sources.list.d/adoptium.list
    sudo apt-get update && sudo apt-get install -y temurin-25-jdk
  SDKMAN:  sdk install java 25-tem
  macOS:   brew install --cask temurin@25
or point JAVA_HOME at an existing JDK $PK_JAVA_MIN+.
EOF
}

# pk_find_java: JAVA_HOME (if >= 25), then java on PATH, then /usr/lib/jvm/*25* (and other
# JDKs there), then macOS java_home. Exports JAVA_HOME and PATH; sets PK_JAVA and
# PK_JAVA_VERSION. On failure prints what was found plus an install hint and returns 1.
pk_find_java() {
    local found="" cand home d
    if [ -n "${JAVA_HOME:-}" ]; then
        if pk_java_ok "$JAVA_HOME/bin/java"; then
            home=$JAVA_HOME
        else
            found="$found  JAVA_HOME=$JAVA_HOME: ${PK_CAND_VERSION:+Java }${PK_CAND_VERSION:-no usable java}
"
        fi
    fi
    if [ -z "${home:-}" ] && cand=$(command -v java 2>/dev/null); then
        if pk_java_ok "$cand"; then
            home=$(pk_java_home_of "$cand")
        else
            found="$found  $cand (PATH): Java ${PK_CAND_VERSION:-?}
"
        fi
    fi
    if [ -z "${home:-}" ]; then
        for d in /usr/lib/jvm/*25* /usr/lib/jvm/*; do
            if [ -d "$d" ] && pk_java_ok "$d/bin/java"; then
                home=$(cd "$d" && pwd -P)
                break
            fi
        done
    fi
    if [ -z "${home:-}" ] && [ -x /usr/libexec/java_home ]; then
        if d=$(/usr/libexec/java_home -v "$PK_JAVA_MIN+" 2>/dev/null) && pk_java_ok "$d/bin/java"; then
            home=$d
        fi
    fi
    if [ -z "${home:-}" ]; then
        pk_err "no Java $PK_JAVA_MIN+ found${found:+; found:}"
        [ -n "$found" ] && printf '%s' "$found" >&2
        pk_java_hint
        return 1
    fi
    pk_java_ok "$home/bin/java" || return 1
    export JAVA_HOME=$home
    export PATH="$JAVA_HOME/bin:$PATH"
    PK_JAVA=$JAVA_HOME/bin/java
    PK_JAVA_VERSION=$PK_CAND_VERSION
}

# ---------------------------------------------------------------------------------------
# libvips

pk_sha256() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | awk '{print $1}'
    else
        shasum -a 256 "$1" | awk '{print $1}'
    fi
}

# pk_vips_prebuilt_path: where the pinned prebuilt lives (whether present or not).
pk_vips_prebuilt_path() {
    [ -n "${PK_DATA_DIR:-}" ] || pk_init_data_dir
    printf '%s\n' "$PK_DATA_DIR/tools/libvips-$PK_VIPS_PREBUILT_VERSION/lib/$PK_VIPS_PREBUILT_LIB"
}

pk_vips_prebuilt_source() { printf 'prebuilt %s (%s)\n' "$PK_VIPS_PREBUILT_VERSION" "$PK_VIPS_PREBUILT_PKG"; }

# pk_vips_prebuilt_platform: succeeds on linux x64 with glibc >= 2.26; otherwise prints
# the reason on stdout and fails.
pk_vips_prebuilt_platform() {
    local os arch glibc maj min
    os=$(uname -s)
    arch=$(uname -m)
    if [ "$os" != Linux ] || { [ "$arch" != x86_64 ] && [ "$arch" != amd64 ]; }; then
        echo "no prebuilt for $os/$arch (only linux x64 glibc)"
        return 1
    fi
    if ! glibc=$(getconf GNU_LIBC_VERSION 2>/dev/null); then
        echo "no prebuilt for non-glibc Linux"
        return 1
    fi
    glibc=${glibc##* }
    maj=${glibc%%.*}
    min=${glibc#*.}
    min=${min%%.*}
    if [ "$maj" -lt 2 ] || { [ "$maj" -eq 2 ] && [ "$min" -lt 26 ]; }; then
        echo "glibc $glibc too old for the prebuilt (needs 2.26)"
        return 1
    fi
}

# pk_vips_fetch_prebuilt: make sure the pinned prebuilt is unpacked under the data dir,
# fetching it once with `npm pack` and checking its sha256. Returns 0 when present,
# 1 when unavailable (platform, no npm, download failed; one-line note printed),
# 2 on checksum mismatch or a broken tarball (error printed; nothing installed).
# _PIXKIT_TEST_VIPS_SHA256 overrides the expected hash (for testing the mismatch path only).
pk_vips_fetch_prebuilt() {
    local lib dest tools why tmp tgz sum want=${_PIXKIT_TEST_VIPS_SHA256:-$PK_VIPS_PREBUILT_SHA256}
    lib=$(pk_vips_prebuilt_path)
    [ -f "$lib" ] && return 0
    if ! why=$(pk_vips_prebuilt_platform); then
        pk_info "skipping prebuilt libvips: $why"
        return 1
    fi
    if ! command -v npm >/dev/null 2>&1; then
        pk_info "skipping prebuilt libvips $PK_VIPS_PREBUILT_VERSION: npm not found"
        return 1
    fi
    dest=${lib%/lib/*}
    tools=$(dirname "$dest")
    mkdir -p "$tools" || return 1
    # leftovers of an interrupted earlier fetch
    find "$tools" -maxdepth 1 -name ".libvips-*.tmp.*" -mmin +60 -exec rm -rf {} + 2>/dev/null || true
    tmp=$(mktemp -d "$tools/.libvips-$PK_VIPS_PREBUILT_VERSION.tmp.XXXXXX") || return 1
    mkdir "$tmp/pack" "$tmp/x"
    pk_info "fetching prebuilt libvips $PK_VIPS_PREBUILT_VERSION (npm pack $PK_VIPS_PREBUILT_PKG)…"
    if ! (cd "$tmp/pack" && npm pack --silent --ignore-scripts "$PK_VIPS_PREBUILT_PKG") >"$tmp/npm.log" 2>&1; then
        pk_warn "npm pack $PK_VIPS_PREBUILT_PKG failed:"
        pk_tail "$tmp/npm.log" 10
        rm -rf "$tmp"
        return 1
    fi
    set -- "$tmp"/pack/*.tgz
    if [ $# -ne 1 ] || [ ! -f "$1" ]; then
        pk_warn "npm pack $PK_VIPS_PREBUILT_PKG produced no tarball"
        rm -rf "$tmp"
        return 1
    fi
    tgz=$1
    sum=$(pk_sha256 "$tgz")
    if [ "$sum" != "$want" ]; then
        pk_err "checksum mismatch for $PK_VIPS_PREBUILT_PKG: expected sha256 $want, got $sum."
        pk_err "refusing to use it; nothing was installed (set PIXKIT_VIPS_PREBUILT=0 to use the system libvips)."
        rm -rf "$tmp"
        return 2
    fi
    if ! tar -xzf "$tgz" -C "$tmp/x" >"$tmp/tar.log" 2>&1 || [ ! -f "$tmp/x/package/lib/$PK_VIPS_PREBUILT_LIB" ]; then
        pk_err "could not unpack $PK_VIPS_PREBUILT_PKG (lib/$PK_VIPS_PREBUILT_LIB missing)"
        pk_tail "$tmp/tar.log" 5
        rm -rf "$tmp"
        return 2
    fi
    printf '%s\nsha256 %s\n' "$PK_VIPS_PREBUILT_PKG" "$sum" >"$tmp/x/package/.pixkit-source"
    # atomic publish; if a concurrent run won the race, keep theirs
    if ! mv -T "$tmp/x/package" "$dest" 2>/dev/null && [ ! -f "$lib" ]; then
        pk_err "could not move the prebuilt libvips into $dest"
        rm -rf "$tmp"
        return 2
    fi
    rm -rf "$tmp"
    pk_info "prebuilt libvips $PK_VIPS_PREBUILT_VERSION installed in ${dest#"$PK_ROOT"/}"
}

# pk_vips_system_find: prints the path of the system libvips.so.42 (or macOS dylib).
pk_vips_system_find() {
    local ldc p
    ldc=$(command -v ldconfig 2>/dev/null || true)
    [ -n "$ldc" ] || { [ -x /sbin/ldconfig ] && ldc=/sbin/ldconfig; }
    if [ -n "$ldc" ]; then
        p=$("$ldc" -p 2>/dev/null | awk -v so="$PK_VIPS_SYSTEM_SONAME" '$1 == so { print $NF; exit }')
        if [ -n "$p" ] && [ -e "$p" ]; then
            printf '%s\n' "$p"
            return 0
        fi
    fi
    for p in /usr/lib/x86_64-linux-gnu/$PK_VIPS_SYSTEM_SONAME /lib/x86_64-linux-gnu/$PK_VIPS_SYSTEM_SONAME \
        /usr/lib/aarch64-linux-gnu/$PK_VIPS_SYSTEM_SONAME /usr/lib64/$PK_VIPS_SYSTEM_SONAME \
        /usr/lib/$PK_VIPS_SYSTEM_SONAME /usr/local/lib/$PK_VIPS_SYSTEM_SONAME \
        /opt/homebrew/lib/libvips.42.dylib /usr/local/lib/libvips.42.dylib; do
        if [ -e "$p" ]; then
            printf '%s\n' "$p"
            return 0
        fi
    done
    return 1
}

pk_vips_install_hint() {
    cat >&2 <<EOF
Pixkit needs libvips 8.14+. Install it with your package manager:
  Debian/Ubuntu:  sudo apt-get install -y libvips42
  Fedora/RHEL:    sudo dnf install -y vips
  macOS:          brew install vips
or point PIXKIT_VIPS_LIBRARY at a libvips shared library.
EOF
}

# pk_vips_system_ensure: prints the system libvips path, apt-installing libvips42 first
# if it is missing and we are on Debian/Ubuntu with root or passwordless sudo.
pk_vips_system_ensure() {
    pk_vips_system_find && return 0
    if pk_has_apt && pk_can_root; then
        pk_apt_install libvips42 >&2 || return 1
        pk_vips_system_find && return 0
    fi
    return 1
}

# pk_resolve_vips: choose the libvips the Java side loads and export PIXKIT_VIPS_LIBRARY
# and PIXKIT_VIPS_SOURCE: (a) PIXKIT_VIPS_LIBRARY from the environment, (b) the pinned
# prebuilt (unless PIXKIT_VIPS_PREBUILT=0), (c) the system libvips.so.42 (apt-installed
# if possible), (d) fail with install instructions. Returns 1 on failure.
pk_resolve_vips() {
    local lib rc
    if [ -n "${PIXKIT_VIPS_LIBRARY:-}" ]; then
        case $PIXKIT_VIPS_LIBRARY in
            */*)
                if [ ! -f "$PIXKIT_VIPS_LIBRARY" ]; then
                    pk_err "PIXKIT_VIPS_LIBRARY=$PIXKIT_VIPS_LIBRARY: no such file"
                    return 1
                fi
                ;;
        esac
        export PIXKIT_VIPS_LIBRARY
        export PIXKIT_VIPS_SOURCE="PIXKIT_VIPS_LIBRARY (env)"
        return 0
    fi
    if [ "${PIXKIT_VIPS_PREBUILT:-1}" != 0 ]; then
        rc=0
        pk_vips_fetch_prebuilt || rc=$?
        if [ "$rc" -eq 0 ]; then
            PIXKIT_VIPS_LIBRARY=$(pk_vips_prebuilt_path)
            PIXKIT_VIPS_SOURCE=$(pk_vips_prebuilt_source)
            export PIXKIT_VIPS_LIBRARY PIXKIT_VIPS_SOURCE
            return 0
        fi
        [ "$rc" -eq 2 ] && return 1
    fi
    if lib=$(pk_vips_system_ensure); then
        export PIXKIT_VIPS_LIBRARY=$lib
        export PIXKIT_VIPS_SOURCE="system (${lib##*/})"
        return 0
    fi
    pk_err "libvips not found"
    pk_vips_install_hint
    return 1
}

# ---------------------------------------------------------------------------------------
# build

PK_SERVER_JAR=pixkit-server/target/pixkit-server-exec.jar
PK_CLI_JAR=pixkit-cli/target/pixkit-cli.jar

# pk_build_needed [JAR...]: succeeds if a build is needed: the stamp or a JAR is missing,
# or a pom.xml, .mvn/** or */src/main/** file is newer than the stamp.
pk_build_needed() {
    local stamp="$PK_ROOT/target/.pixkit-build.stamp" jar newer
    [ -f "$stamp" ] || return 0
    for jar in "$PK_SERVER_JAR" "$@"; do
        [ -f "$PK_ROOT/$jar" ] || return 0
    done
    newer=$(cd "$PK_ROOT" && find . \( -path ./.git -o -path ./data -o -name target -o -name node_modules \) -prune \
        -o -type f \( -name pom.xml -o -path './.mvn/*' -o -path './*/src/main/*' \) -newer "$stamp" -print 2>/dev/null |
        head -n 1)
    [ -n "$newer" ]
}

# pk_build_if_needed [JAR...]: `./mvnw -B -q -DskipTests install` when pk_build_needed says so.
pk_build_if_needed() {
    pk_build_needed "$@" || return 0
    local log="$PK_ROOT/target/pixkit-build.log" start
    mkdir -p "$PK_ROOT/target"
    start=$(pk_now)
    # stamp taken before the build so that edits made during the build trigger the next one
    : >"$PK_ROOT/target/.pixkit-build.stamp.new"
    pk_info "building… (./mvnw -B -q -DskipTests install)"
    if ! (cd "$PK_ROOT" && ./mvnw -B -q -DskipTests install) >"$log" 2>&1; then
        rm -f "$PK_ROOT/target/.pixkit-build.stamp.new"
        pk_err "build failed (full log: ${log#"$PK_ROOT"/}):"
        pk_tail "$log" 40
        return 1
    fi
    mv -f "$PK_ROOT/target/.pixkit-build.stamp.new" "$PK_ROOT/target/.pixkit-build.stamp"
    pk_info "built in $(($(pk_now) - start))s"
}

# pk_server_prepare: prints the directory to start the server from: the executable jar
# extracted into target/server with a JDK AOT cache (JEP 483/514) trained by one start of the
# server on a scratch data dir. Measured here: first 200 from the URL endpoint after ~1.8 s
# instead of ~4.2 s. Redone when the jar is newer than the cache. Fails (and the caller uses
# the plain jar) if extraction or training fails.
# Arguments: the JVM options the server will run with (the cache is trained with the same ones).
pk_server_prepare() {
    local dir="$PK_ROOT/target/server" jar="$PK_ROOT/$PK_SERVER_JAR" scratch log
    if [ -f "$dir/app.aot" ] && [ "$dir/app.aot" -nt "$jar" ] && [ "$(cat "$dir/jvm-options" 2>/dev/null)" = "$*" ]; then
        printf '%s\n' "$dir"
        return 0
    fi
    log="$PK_ROOT/target/pixkit-aot.log"
    # The cache records the class path, so it is trained in place: no rename afterwards.
    rm -rf "$dir"
    pk_info "preparing a startup cache (once per build)…"
    if ! "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir" >"$log" 2>&1; then
        pk_warn "could not extract $PK_SERVER_JAR (see ${log#"$PK_ROOT"/}); starting without a cache"
        rm -rf "$dir"
        return 1
    fi
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/pixkit-aot.XXXXXX")
    env -u PIXKIT_DB_URL -u PIXKIT_URL_ENDPOINT PIXKIT_DATA_DIR="$scratch" PIXKIT_PORT=0 \
        PIXKIT_PRIVATE_KEY=private_aot_training PIXKIT_PUBLIC_KEY=public_aot_training \
        "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED "$@" -XX:AOTCacheOutput="$dir/app.aot.tmp" \
        -Dspring.context.exit=onRefresh -jar "$dir/$(basename "$jar")" >>"$log" 2>&1
    rm -rf "$scratch"
    if [ ! -s "$dir/app.aot.tmp" ]; then
        pk_warn "could not train the startup cache (see ${log#"$PK_ROOT"/}); starting without it"
        rm -rf "$dir"
        return 1
    fi
    mv "$dir/app.aot.tmp" "$dir/app.aot"
    printf '%s\n' "$*" >"$dir/jvm-options"
    printf '%s\n' "$dir"
}

# ---------------------------------------------------------------------------------------
# throwaway PostgreSQL cluster (for tests and benchmarks)

# pk_pg_bindir: prints the bin dir of a PostgreSQL server install (has initdb + pg_ctl).
pk_pg_bindir() {
    local d p
    # Debian/Ubuntu layout; the highest version wins
    d=$(for p in /usr/lib/postgresql/*/bin; do
        if [ -x "$p/initdb" ] && [ -x "$p/pg_ctl" ]; then printf '%s\n' "$p"; fi
    done | sort -t / -k 5,5n | tail -n 1)
    if [ -n "$d" ]; then
        printf '%s\n' "$d"
        return 0
    fi
    if command -v pg_config >/dev/null 2>&1; then
        d=$(pg_config --bindir 2>/dev/null)
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            printf '%s\n' "$d"
            return 0
        fi
    fi
    if p=$(command -v initdb 2>/dev/null); then
        p=$(readlink -f "$p" 2>/dev/null || printf '%s' "$p")
        d=$(dirname "$p")
        if [ -x "$d/pg_ctl" ]; then
            printf '%s\n' "$d"
            return 0
        fi
    fi
    return 1
}

# pk_pg_ensure_bindir: pk_pg_bindir, apt-installing postgresql if needed and possible.
pk_pg_ensure_bindir() {
    pk_pg_bindir && return 0
    if pk_has_apt && pk_can_root; then
        pk_apt_install postgresql >&2 || return 1
        pk_pg_bindir && return 0
    fi
    pk_err "PostgreSQL server binaries (initdb, pg_ctl) not found. Install them:"
    cat >&2 <<EOF
  Debian/Ubuntu:  sudo apt-get install -y postgresql
  Fedora/RHEL:    sudo dnf install -y postgresql-server
  macOS:          brew install postgresql@17
EOF
    return 1
}

# pk_pg_as_user CMD...: run CMD as the cluster's OS user (PK_PG_OS_USER; empty = current
# user), from inside the cluster dir so that it never needs access to our cwd.
pk_pg_as_user() {
    if [ -z "${PK_PG_OS_USER:-}" ]; then
        (cd "$PK_PG_DIR" && "$@")
    elif command -v runuser >/dev/null 2>&1; then
        (cd "$PK_PG_DIR" && runuser -u "$PK_PG_OS_USER" -- "$@")
    else
        (cd "$PK_PG_DIR" && sudo -n -u "$PK_PG_OS_USER" -- "$@")
    fi
}

# pk_pid_alive PID: the process exists and is not a zombie.
pk_pid_alive() {
    local st
    kill -0 "$1" 2>/dev/null || return 1
    if [ -r "/proc/$1/stat" ]; then
        st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c 1)
    else
        st=$(ps -o stat= -p "$1" 2>/dev/null | cut -c 1)
    fi
    [ "$st" != Z ]
}

pk_port_in_use() {
    if command -v ss >/dev/null 2>&1; then
        ss -Hltn "sport = :$1" 2>/dev/null | grep -q . && return 0
    fi
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pk_pg_start: create and start a throwaway cluster in a fresh temp dir, listening on
# 127.0.0.1 only (free port from 54329 up; PIXKIT_PG_PORT picks the first to try), with
# database pixkit_test owned by role pixkit (random password). Sets PK_PG_DIR and exports
# PIXKIT_TEST_PG_URL, PIXKIT_TEST_PG_USER, PIXKIT_TEST_PG_PASSWORD,
# PIXKIT_PG_THROWAWAY_DIR. On failure cleans up and returns 1. Stop with pk_pg_stop.
pk_pg_start() {
    local bindir base port tries=0 waited pw log start
    start=$(pk_now)
    bindir=$(pk_pg_ensure_bindir) || return 1
    base=${TMPDIR:-/tmp}
    # unix socket paths are limited to ~107 bytes
    [ "${#base}" -le 60 ] || base=/tmp
    PK_PG_DIR=$(mktemp -d "${base%/}/pixkit-pg.XXXXXX") || return 1
    PK_PG_DIR=$(cd "$PK_PG_DIR" && pwd -P)
    PK_PG_BINDIR=$bindir
    PK_PG_CHILD=
    PK_PG_OS_USER=
    if [ "$(id -u)" -eq 0 ]; then
        # initdb refuses to run as root: use the postgres user, or a dedicated one
        if id -u postgres >/dev/null 2>&1; then
            PK_PG_OS_USER=postgres
        else
            id -u pixkit-pg >/dev/null 2>&1 ||
                useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin pixkit-pg ||
                { pk_err "cannot create a user to run PostgreSQL as"; rm -rf "$PK_PG_DIR"; return 1; }
            PK_PG_OS_USER=pixkit-pg
        fi
    fi
    # layout: the dir and state file belong to us; data/, sock/ and the log to the cluster user
    chmod 755 "$PK_PG_DIR"
    mkdir -m 700 "$PK_PG_DIR/data" "$PK_PG_DIR/sock"
    : >"$PK_PG_DIR/postgres.log"
    log=$PK_PG_DIR/postgres.log
    if [ -n "$PK_PG_OS_USER" ]; then
        chown "$PK_PG_OS_USER" "$PK_PG_DIR/data" "$PK_PG_DIR/sock" "$log"
    fi
    printf 'bindir=%s\nuser=%s\n' "$PK_PG_BINDIR" "$PK_PG_OS_USER" >"$PK_PG_DIR/pixkit-pg.state"

    if ! pk_pg_as_user "$bindir/initdb" -D "$PK_PG_DIR/data" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$PK_PG_DIR/initdb.log" 2>&1; then
        pk_err "initdb failed:"
        pk_tail "$PK_PG_DIR/initdb.log" 15
        pk_pg_stop "$PK_PG_DIR"
        return 1
    fi
    cat >>"$PK_PG_DIR/data/postgresql.conf" <<EOF

# pixkit throwaway cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PK_PG_DIR/sock'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    port=${PIXKIT_PG_PORT:-54329}
    while :; do
        tries=$((tries + 1))
        if [ "$tries" -gt 40 ]; then
            pk_err "no free port for PostgreSQL found"
            pk_pg_stop "$PK_PG_DIR"
            return 1
        fi
        if pk_port_in_use "$port"; then
            port=$((port + 1))
            continue
        fi
        # The postmaster runs as our child (not daemonized by pg_ctl) so that we reap it
        # ourselves; pk_pg_stop stops it with pg_ctl and waits for it.
        printf -- '--- starting on port %s\n' "$port" >>"$log"
        # (a plain subshell that execs, so it keeps none of our close-on-exec fds, such as
        # the stdout pipe of `eval "$(pg-throwaway.sh start)"`)
        if [ -z "$PK_PG_OS_USER" ]; then
            (cd "$PK_PG_DIR" && exec "$bindir/postgres" -D "$PK_PG_DIR/data" -p "$port") </dev/null >>"$log" 2>&1 &
        elif command -v runuser >/dev/null 2>&1; then
            (cd "$PK_PG_DIR" && exec runuser -u "$PK_PG_OS_USER" -- "$bindir/postgres" -D "$PK_PG_DIR/data" -p "$port") \
                </dev/null >>"$log" 2>&1 &
        else
            (cd "$PK_PG_DIR" && exec sudo -n -u "$PK_PG_OS_USER" -- "$bindir/postgres" -D "$PK_PG_DIR/data" -p "$port") \
                </dev/null >>"$log" 2>&1 &
        fi
        PK_PG_CHILD=$!
        waited=0
        while :; do
            if ! pk_pid_alive "$PK_PG_CHILD"; then
                wait "$PK_PG_CHILD" 2>/dev/null || true
                PK_PG_CHILD=
                break
            fi
            if pk_pg_as_user "$bindir/pg_isready" -q -h "$PK_PG_DIR/sock" -p "$port" -t 1 2>/dev/null; then
                break
            fi
            waited=$((waited + 1))
            if [ "$waited" -gt 600 ]; then
                pk_err "PostgreSQL did not become ready within 60s:"
                pk_tail "$log" 15
                pk_pg_stop "$PK_PG_DIR"
                return 1
            fi
            sleep 0.1
        done
        [ -n "$PK_PG_CHILD" ] && break
        if tail -n 20 "$log" | grep -qiE 'could not bind|already in use|could not create any TCP/IP sockets'; then
            port=$((port + 1))
            continue
        fi
        pk_err "PostgreSQL did not start:"
        pk_tail "$log" 15
        pk_pg_stop "$PK_PG_DIR"
        return 1
    done
    printf 'port=%s\n' "$port" >>"$PK_PG_DIR/pixkit-pg.state"

    pw=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    if ! pk_pg_as_user "$bindir/psql" -X -q -h "$PK_PG_DIR/sock" -p "$port" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 >"$PK_PG_DIR/psql.log" 2>&1 <<EOF; then
CREATE ROLE pixkit LOGIN PASSWORD '$pw';
CREATE DATABASE pixkit_test OWNER pixkit;
EOF
        pk_err "could not create the pixkit_test database:"
        pk_tail "$PK_PG_DIR/psql.log" 10
        pk_pg_stop "$PK_PG_DIR"
        return 1
    fi
    export PIXKIT_PG_THROWAWAY_DIR=$PK_PG_DIR
    export PIXKIT_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$port/pixkit_test"
    export PIXKIT_TEST_PG_USER=pixkit
    export PIXKIT_TEST_PG_PASSWORD=$pw
    PK_PG_PORT=$port
    pk_info "PostgreSQL $("$bindir/postgres" --version 2>/dev/null | awk '{print $3}') throwaway cluster on 127.0.0.1:$port ($(($(pk_now) - start))s)"
}

# pk_pg_stop [DIR]: stop the throwaway cluster in DIR (default PK_PG_DIR) and delete DIR.
# Safe to call more than once, and on a half-created cluster.
pk_pg_stop() {
    local dir=${1:-${PK_PG_DIR:-}} bindir="" user="" pid comm i
    [ -n "$dir" ] || return 0
    [ -d "$dir" ] || return 0
    if [ ! -f "$dir/pixkit-pg.state" ]; then
        pk_warn "$dir is not a pixkit throwaway cluster; not touching it"
        return 1
    fi
    bindir=$(sed -n 's/^bindir=//p' "$dir/pixkit-pg.state")
    user=$(sed -n 's/^user=//p' "$dir/pixkit-pg.state")
    if [ -z "$user" ] && [ "$(id -u)" -eq 0 ] && [ -d "$dir/data" ]; then
        # started by a non-root user, stopped by root (pg_ctl refuses to run as root)
        user=$(stat -c %U "$dir/data" 2>/dev/null || stat -f %Su "$dir/data" 2>/dev/null || true)
        [ "$user" = root ] && user=
    fi
    if [ -f "$dir/data/postmaster.pid" ]; then
        PK_PG_DIR=$dir PK_PG_OS_USER=$user pk_pg_as_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop \
            >/dev/null 2>&1 || true
    fi
    if [ -f "$dir/data/postmaster.pid" ]; then
        # still there: kill the postmaster we started (and only it)
        pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
        case $pid in '' | *[!0-9]*) pid= ;; esac
        if [ -n "$pid" ] && pk_pid_alive "$pid"; then
            if [ -r "/proc/$pid/comm" ]; then
                comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
            else
                comm=$(ps -o comm= -p "$pid" 2>/dev/null || true)
            fi
            case $comm in
                *postgres* | *postmaster*)
                    kill -KILL "$pid" 2>/dev/null || true
                    i=0
                    while pk_pid_alive "$pid" && [ "$i" -lt 50 ]; do
                        sleep 0.1
                        i=$((i + 1))
                    done
                    ;;
            esac
        fi
    fi
    if [ "$dir" = "${PK_PG_DIR:-}" ] && [ -n "${PK_PG_CHILD:-}" ]; then
        wait "$PK_PG_CHILD" 2>/dev/null || true
        PK_PG_CHILD=
    fi
    rm -rf "$dir"
    if [ "$dir" = "${PK_PG_DIR:-}" ]; then PK_PG_DIR=; fi
    return 0
}
