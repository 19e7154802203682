#!/usr/bin/env bash
# The built app, checked from the outside (after bash packaging/build.sh):
#   bash packaging/smoke.sh [dist/pos-app]
# Runs the binary with --version, --help, `sync status` on an empty data folder and
# `--sandbox --quit-after-ready` offscreen (the demo: the sandbox's web stack, Qt, the
# stylesheet and icons, all from the build), each with a time limit and its output checked.
# HOME and the XDG folders point into a temporary folder, and the keyring is the null one,
# so nothing here touches this user's data or secrets. Exit 0: all passed.
set -uo pipefail
cd "$(dirname "$0")/.."

app_dir="${1:-dist/pos-app}"
binary="$app_dir/pos-app"
[ -x "$binary" ] || [ -x "$binary.exe" ] || {
    echo "smoke: no built app at $binary (bash packaging/build.sh)" >&2; exit 2; }
[ -x "$binary" ] || binary="$binary.exe"
version="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' pos_app/__init__.py)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/data"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_DATA_HOME="$tmp/home/.local/share"
export XDG_CACHE_HOME="$tmp/home/.cache" XDG_STATE_HOME="$tmp/home/.local/state"
export POS_APP_LOG_DIR="$tmp/logs" PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring
export QT_QPA_PLATFORM=offscreen
unset POS_APP_DATA_DIR POS_APP_BACKEND_URL POS_APP_TERMINAL_ID LOYALPRO_API_KEY DISPLAY \
    WAYLAND_DISPLAY || true

failed=0
started=$(date +%s)

# check NAME EXPECTED_TEXT COMMAND...: runs it (2 minutes at most, no stdin), wants exit 0
# and EXPECTED_TEXT (an extended regex) in what it printed.
check() {
    local name="$1" expect="$2"
    shift 2
    local t0 t1 rc
    t0=$(date +%s%N)
    timeout 120 "$@" </dev/null >"$tmp/out" 2>&1
    rc=$?
    t1=$(date +%s%N)
    local ms=$(((t1 - t0) / 1000000))
    if [ "$rc" -eq 0 ] && grep -Eq -- "$expect" "$tmp/out"; then
        echo "ok   $name (${ms} ms)"
    else
        echo "FAIL $name: exit $rc, wanted /$expect/ in:" >&2
        sed 's/^/     /' "$tmp/out" | tail -20 >&2
        failed=1
    fi
}

check "--version" "^pos-app ${version//./\\.}\$" "$binary" --version
check "--help" "^usage: pos-app" "$binary" --help
check "sync status (empty data folder)" "0 pending, 0 conflicts" \
    "$binary" --data-dir "$tmp/data" sync status
check "--json sync status" '"pending": 0' "$binary" --json --data-dir "$tmp/data" sync status
check "--sandbox --quit-after-ready (offscreen)" "^ready in [0-9]+ ms" \
    "$binary" --sandbox --quit-after-ready
# Nothing Python warns about on the way (a module the build left out, say).
if grep -Eq "Warning|Traceback|No module named" "$tmp/out"; then
    echo "FAIL the demo printed a warning:" >&2; sed 's/^/     /' "$tmp/out" >&2; failed=1
fi
for file in resources/style.qss resources/icons/app.svg; do
    [ -f "$app_dir/_internal/$file" ] || [ -f "$app_dir/Contents/Resources/$file" ] \
        || { echo "FAIL $file is not in the build" >&2; failed=1; }
done

echo "smoke: $(($(date +%s) - started)) s, $(du -sh "$app_dir" | cut -f1) in $app_dir"
[ "$failed" -eq 0 ] && echo "smoke: all passed" || echo "smoke: FAILED" >&2
exit "$failed"
