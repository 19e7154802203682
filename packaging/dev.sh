#!/usr/bin/env bash
# Set up this checkout and run it, on Debian/Ubuntu or any machine with Python >= 3.11.
#   bash packaging/dev.sh demo   # the terminal on the built-in sandbox backend
#   bash packaging/dev.sh test   # the whole test suite
# It installs what a fresh Debian machine lacks (Python's venv module, Qt's runtime
# libraries) with apt-get, creates .venv, installs the project into it, then runs.
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-}"
shift || true
case "$what" in
    demo|test) ;;
    *) echo "usage: bash packaging/dev.sh demo|test [arguments]" >&2; exit 2 ;;
esac

# Qt's xcb platform and its helpers; the offscreen platform (tests) needs the first few.
DEB_PACKAGES=(python3-venv libgl1 libegl1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
    libfontconfig1 libfreetype6 libglib2.0-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4
    libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0
    libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core)

if command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; then
    missing=()
    for pkg in "${DEB_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" \
            || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
        echo "Installing ${missing[*]}" >&2
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# The translation catalogues (.qm, .mo) are built from the committed .ts/.po files after
# each install: python -m pos_app.i18n.compile (README, "Languages").
if [ "$what" = test ]; then
    .venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
    .venv/bin/python -m pos_app.i18n.compile >/dev/null
    exec .venv/bin/python -m pytest "$@"
fi
.venv/bin/pip install -q --disable-pip-version-check -e '.[all]'
.venv/bin/python -m pos_app.i18n.compile >/dev/null
exec .venv/bin/pos-app --sandbox "$@"
