#!/usr/bin/env bash
# libvips helpers, shared with ./pixkit:
#
#   scripts/libvips.sh env       # print `export PIXKIT_VIPS_LIBRARY=… PIXKIT_VIPS_SOURCE=…`
#                                # resolved like ./pixkit run does (env, prebuilt, system)
#   scripts/libvips.sh prebuilt  # fetch the pinned prebuilt 8.17.3 if needed, print its path
#   scripts/libvips.sh system    # find (or apt-install) the system libvips.so.42, print its path
#
# Honours PIXKIT_DATA_DIR (prebuilt goes to $PIXKIT_DATA_DIR/tools/libvips-8.17.3/) and
# PIXKIT_VIPS_PREBUILT=0. Messages go to stderr, results to stdout.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

pk_init_data_dir
case ${1:-} in
    env)
        pk_resolve_vips || exit 1
        printf 'export PIXKIT_VIPS_LIBRARY=%q\nexport PIXKIT_VIPS_SOURCE=%q\n' \
            "$PIXKIT_VIPS_LIBRARY" "$PIXKIT_VIPS_SOURCE"
        ;;
    prebuilt)
        pk_vips_fetch_prebuilt || exit 1
        pk_vips_prebuilt_path
        ;;
    system)
        if ! pk_vips_system_ensure; then
            pk_err "system libvips ($PK_VIPS_SYSTEM_SONAME) not found"
            pk_vips_install_hint
            exit 1
        fi
        ;;
    -h | --help | help)
        usage
        ;;
    *)
        usage >&2
        exit 2
        ;;
esac
