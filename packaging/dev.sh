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
    # One dpkg-query for all of them (one per package took 0.2 s of every start).
    installed=" $(dpkg-query -W -f='${Package}=${Status}\n' "${DEB_PACKAGES[@]}" 2>/dev/null \
        | sed -n 's/=install ok installed$//p' | tr '\n' ' ')"
    missing=()
    for pkg in "${DEB_PACKAGES[@]}"; do
        [[ "$installed" == *" $pkg "* ]] || missing+=("$pkg")
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
# Stamps in .venv (owner-only), each written after its step succeeded: an unchanged one
# skips the step on the next start. pip's re-check of an installed environment took ~7 s of
# every `dev.sh demo`, and the app's `ready in N ms` counted it (this script execs the app).
STAMPS=(.venv/.dev-installed-all .venv/.dev-installed-test .venv/.dev-catalogues)
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
    rm -f "${STAMPS[@]}"
fi

digest() {
    if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi
}

# What the environment was installed from and what it holds: the extra, this checkout's
# path, pyproject.toml, and the site-packages listing (a package removed or added by hand,
# or a venv of another Python, reinstalls).
environment() {
    { echo "$1"; pwd; cat pyproject.toml
      for dir in .venv/lib/python*/site-packages; do echo "$dir"; ls -A "$dir" 2>/dev/null; done
    } | digest
}

# The catalogues' sources (.ts, .po) and what compile builds from them (.qm, .mo): a changed
# source or a missing or changed catalogue rebuilds.
catalogues() {
    local f
    {
        for f in pos_app/i18n/*.ts; do echo "$f"; cat "$f" "${f%.ts}.qm" 2>&1 || true; done
        for f in pos_app/i18n/*.po; do echo "$f"; cat "$f" "${f%.po}.mo" 2>&1 || true; done
    } | digest
}

stamp() {  # stamp FILE VALUE: owner-only, like every file this project writes
    rm -f "$1"
    (umask 077 && printf '%s\n' "$2" >"$1")
}

fresh() {  # fresh FILE VALUE: the stamp exists and holds VALUE
    [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]
}

install_project() {  # install_project all|test: pip only when the stamp says otherwise
    local extra=$1
    fresh ".venv/.dev-installed-$extra" "$(environment "$extra")" && return 0
    rm -f "${STAMPS[@]}"
    .venv/bin/pip install -q --disable-pip-version-check -e ".[$extra]"
    stamp ".venv/.dev-installed-$extra" "$(environment "$extra")"
    # The test extra includes all.
    [ "$extra" = test ] && stamp .venv/.dev-installed-all "$(environment all)"
    return 0
}

# The translation catalogues (.qm, .mo) are built from the committed .ts/.po files after
# each install: python -m pos_app.i18n.compile (README, "Languages").
build_catalogues() {
    fresh .venv/.dev-catalogues "$(catalogues)" && return 0
    rm -f .venv/.dev-catalogues
    .venv/bin/python -m pos_app.i18n.compile >/dev/null
    stamp .venv/.dev-catalogues "$(catalogues)"
}

if [ "$what" = test ]; then
    install_project test
    build_catalogues
    exec .venv/bin/python -m pytest "$@"
fi
install_project all
build_catalogues
exec .venv/bin/pos-app --sandbox "$@"
