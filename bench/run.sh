#!/usr/bin/env bash
# Pixkit vs vipsthumbnail: per-image time to make a 300 px wide rendition.
#
#   bench/run.sh [COPIES]     (default 50)
#
# Builds the pixkit-imaging jar if needed, installs Debian's libvips-tools (vipsthumbnail) if missing, generates
# the inputs once (bench/target/data), then measures in one run:
#   - Pixkit's Renderer (tr: w-300, q 80, metadata stripped) in-process, amortised over COPIES images after a
#     warm-up, on the pinned libvips 8.17.3 and on Debian's 8.14 (two JVM runs, PIXKIT_VIPS_LIBRARY differs);
#   - vipsthumbnail --size 300x -o '%s.<fmt>[Q=80,strip]' given all COPIES files in one invocation (process start
#     and libvips init amortised), best of 3 runs.
# Prints a table with ms per image and the ratios Pixkit / vipsthumbnail.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
COPIES=${1:-50}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
PINNED=${PIXKIT_VIPS_PINNED:-$ROOT/data/tools/libvips-8.17.3/lib/libvips-cpp.so.8.17.3}
SYSTEM=${PIXKIT_VIPS_SYSTEM:-libvips.so.42}
OUT=$ROOT/bench/target
DATA=$OUT/data
mkdir -p "$OUT/classes" "$DATA"

if ! command -v vipsthumbnail >/dev/null; then
    echo "installing libvips-tools (vipsthumbnail)…" >&2
    apt-get update -qq >&2 && apt-get install -y -qq libvips-tools >&2
fi
if [[ ! -f $PINNED ]]; then
    PINNED=$("$ROOT/scripts/libvips.sh" prebuilt)
fi

IMAGING_JAR=$(ls "$ROOT"/pixkit-imaging/target/pixkit-imaging-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
URL_JAR=$(ls "$ROOT"/pixkit-url/target/pixkit-url-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
if [[ -z $IMAGING_JAR || -z $URL_JAR ]]; then
    echo "building pixkit-url and pixkit-imaging…" >&2
    ./mvnw -B -q -pl pixkit-url,pixkit-imaging package -DskipTests >&2
    IMAGING_JAR=$(ls "$ROOT"/pixkit-imaging/target/pixkit-imaging-*.jar | grep -v -e sources -e tests | head -1)
    URL_JAR=$(ls "$ROOT"/pixkit-url/target/pixkit-url-*.jar | grep -v -e sources -e tests | head -1)
fi
CP=$IMAGING_JAR:$URL_JAR
"$JAVA_HOME/bin/javac" -q -d "$OUT/classes" -cp "$CP" bench/src/Bench.java 2>/dev/null \
    || "$JAVA_HOME/bin/javac" -d "$OUT/classes" -cp "$CP" bench/src/Bench.java
RUN=("$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$OUT/classes:$CP" Bench)

if [[ ! -f $DATA/alpha.png ]]; then
    echo "generating inputs…" >&2
    PIXKIT_VIPS_LIBRARY=$PINNED "${RUN[@]}" generate "$DATA" 2>/dev/null
fi
rm -rf "$DATA/copies" && mkdir -p "$DATA/copies"
for f in big.jpg hd.jpg alpha.png; do
    for ((i = 0; i < COPIES; i++)); do ln "$DATA/$f" "$DATA/copies/${f%.*}-$i.${f##*.}"; done
done

# vipsthumbnail: all copies in one invocation (the AVIF case: half of them, at least 10), after an untimed
# 3-file warm-up; prints ms per image.
thumb() { # pattern ext
    local pattern=$1 ext=$2
    local files=("$DATA"/copies/$pattern)
    [[ $ext == avif ]] && files=("${files[@]:0:$(( COPIES / 2 > 10 ? COPIES / 2 : 10 ))}")
    rm -rf "$OUT/thumbs" && mkdir -p "$OUT/thumbs"
    vipsthumbnail --size 300x -o "$OUT/thumbs/%s.$ext[Q=80,strip]" "${files[@]:0:3}" >/dev/null
    local TIMEFORMAT='%R %U %S' t
    t=$( { time vipsthumbnail --size 300x -o "$OUT/thumbs/%s.$ext[Q=80,strip]" "${files[@]}" >/dev/null 2>&1; } 2>&1 )
    awk -v t="$t" -v n="${#files[@]}" 'BEGIN { split(t, f, " "); printf "%.3f\t%.3f", f[1] * 1000 / n, (f[2] + f[3]) * 1000 / n }'
}

# The machine may be shared: the three contestants run interleaved, case by case, for ROUNDS rounds, and each
# keeps its best round.
ROUNDS=${ROUNDS:-3}
echo "Pixkit: $(PIXKIT_VIPS_LIBRARY=$PINNED "${RUN[@]}" pixkit "$DATA" 1 99 2>&1 >/dev/null | head -1)" >&2
echo "Pixkit: $(PIXKIT_VIPS_LIBRARY=$SYSTEM "${RUN[@]}" pixkit "$DATA" 1 99 2>&1 >/dev/null | head -1)" >&2
echo "vipsthumbnail: $(vipsthumbnail --vips-version 2>/dev/null | head -1)" >&2
: > "$OUT/results.tsv"
mapfile -t CASES < <("${RUN[@]}" cases 2>/dev/null)
for ((round = 1; round <= ROUNDS; round++)); do
    for line in "${CASES[@]}"; do
        IFS=$'\t' read -r index name input ext <<< "$line"
        pinned=$(PIXKIT_VIPS_LIBRARY=$PINNED "${RUN[@]}" pixkit "$DATA" "$COPIES" "$index" 2>/dev/null | cut -f2,3)
        system=$(PIXKIT_VIPS_LIBRARY=$SYSTEM "${RUN[@]}" pixkit "$DATA" "$COPIES" "$index" 2>/dev/null | cut -f2,3)
        vt=$(thumb "${input%.*}-*.${input##*.}" "$ext")
        printf '%s\t%s\t%s\t%s\t%s\n' "$index" "$name" "$pinned" "$system" "$vt" >> "$OUT/results.tsv"
        echo "round $round: $name: wall|cpu ms: pixkit 8.17 ${pinned/$'\t'/|}, pixkit 8.14 ${system/$'\t'/|}," \
            "vipsthumbnail ${vt/$'\t'/|}" >&2
    done
done

# results.tsv: index name p_wall p_cpu s_wall s_cpu v_wall v_cpu; each keeps its best round.
report() { # title, column offset (0 = wall, 1 = cpu)
    printf '\n%s\n%-32s %12s %12s %14s %11s %11s\n' "$1" "case (ms per image)" "Pixkit 8.17" "Pixkit 8.14" \
        "vipsthumb 8.14" "ratio 8.17" "ratio 8.14"
    sort -t$'\t' -k1,1n "$OUT/results.tsv" | awk -F'\t' -v o="$2" '
        { k = $1; p0 = $(3 + o) + 0; s0 = $(5 + o) + 0; v0 = $(7 + o) + 0
          if (!(k in name)) { order[n++] = k; name[k] = $2; p[k] = p0; s[k] = s0; v[k] = v0 }
          if (p0 < p[k]) p[k] = p0; if (s0 < s[k]) s[k] = s0; if (v0 < v[k]) v[k] = v0 }
        END { for (i = 0; i < n; i++) { k = order[i]
              printf "%-32s %12.2f %12.2f %14.2f %10.2fx %10.2fx\n", name[k], p[k], s[k], v[k], p[k] / v[k], s[k] / v[k] } }'
}
report "Wall time, best of $ROUNDS rounds (Pixkit: in-process after warm-up; vipsthumbnail: $COPIES files per process)" 0
report "CPU time (user+sys, all threads), best of $ROUNDS rounds" 1
