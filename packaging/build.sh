#!/usr/bin/env bash
# The self-contained one-folder app for the platform this runs on, in dist/pos-app/:
#   bash packaging/build.sh        # then: bash packaging/smoke.sh
# dist/pos-app/pos-app is the cashier's screen and the command line in one binary (no Python
# needed on the counter PC). On Linux the folder also holds share/ (the .desktop file and
# the icons) and install-linux.sh, so the folder alone is what goes to a till.
# Needs what packaging/dev.sh installs (Python >= 3.11, Qt's runtime libraries); it creates
# .venv if missing and installs the project with its 'build' extra (PyInstaller) into it.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
[ -d .venv ] || "$PYTHON" -m venv .venv
bin=.venv/bin
[ -d "$bin" ] || bin=.venv/Scripts  # Windows (Git Bash)
"$bin/python" -m pip install -q --disable-pip-version-check -e '.[build]'
# The translation catalogues the bundle ships (pos_app/i18n/*.qm, *.mo; never committed).
"$bin/python" -m pos_app.i18n.compile >/dev/null

start=$(date +%s)
rm -rf build/icons
QT_QPA_PLATFORM=offscreen "$bin/python" packaging/render_icons.py build/icons
"$bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/pos-app.spec

case "$(uname -s)" in
    Linux)
        mkdir -p dist/pos-app/share/applications dist/pos-app/share/icons
        cp packaging/linux/pos-app.desktop dist/pos-app/share/applications/
        cp -r build/icons/hicolor dist/pos-app/share/icons/
        install -m 755 packaging/linux/install-linux.sh dist/pos-app/install-linux.sh
        ;;
esac

end=$(date +%s)
echo "built dist/pos-app in $((end - start)) s: $(du -sh dist/pos-app | cut -f1)" \
    "(PyInstaller's warnings: build/pyinstaller/pos-app/warn-pos-app.txt)"
