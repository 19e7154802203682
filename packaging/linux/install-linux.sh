#!/usr/bin/env bash
# Install (or upgrade, or remove) the built app on a Linux counter PC, with its menu entry
# and icons. Run it from the built folder (bash packaging/build.sh copies it into
# dist/pos-app/), or from a checkout after the build:
#   ./install-linux.sh                 # for this user: ~/.local/lib/pos-app, ~/.local/bin
#   sudo ./install-linux.sh --system   # for everyone: /opt/pos-app, /usr/local/bin
#   ./install-linux.sh --autostart     # also start it when this user logs in
#   ./install-linux.sh --uninstall [--system]
# An upgrade replaces the program folder only: the terminal's data (its database,
# config.toml, the key in the keyring) lives elsewhere and is kept; the app migrates the
# database, with a backup, when it next starts.
set -euo pipefail

usage() {
    echo "usage: install-linux.sh [--system] [--autostart] [--uninstall] [BUILT_FOLDER]" >&2
    exit 2
}

system=0 autostart=0 uninstall=0 source=""
for arg in "$@"; do
    case "$arg" in
        --system) system=1 ;;
        --autostart) autostart=1 ;;
        --uninstall) uninstall=1 ;;
        -h|--help) usage ;;
        -*) echo "install-linux.sh: unknown option $arg" >&2; usage ;;
        *) [ -z "$source" ] || usage; source="$arg" ;;
    esac
done

here="$(cd "$(dirname "$0")" && pwd)"
if [ -z "$source" ]; then
    if [ -x "$here/pos-app" ]; then source="$here"; else source="$here/../../dist/pos-app"; fi
fi

if [ "$system" = 1 ]; then
    [ "$(id -u)" -eq 0 ] || { echo "install-linux.sh: --system needs root (sudo)" >&2; exit 2; }
    app_dir=/opt/pos-app bin_dir=/usr/local/bin share=/usr/local/share
    autostart_dir=/etc/xdg/autostart
else
    app_dir="$HOME/.local/lib/pos-app" bin_dir="$HOME/.local/bin"
    share="${XDG_DATA_HOME:-$HOME/.local/share}"
    autostart_dir="${XDG_CONFIG_HOME:-$HOME/.config}/autostart"
fi
icons="$share/icons/hicolor"

refresh_caches() {
    command -v update-desktop-database >/dev/null \
        && update-desktop-database -q "$share/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null \
        && gtk-update-icon-cache -q -t -f "$icons" 2>/dev/null || true
}

if [ "$uninstall" = 1 ]; then
    rm -rf "$app_dir"
    rm -f "$bin_dir/pos-app" "$share/applications/pos-app.desktop" \
        "$autostart_dir/pos-app.desktop"
    rm -f "$icons"/*/apps/pos-app.png "$icons/scalable/apps/pos-app.svg"
    refresh_caches
    echo "removed pos-app from $app_dir (its data folder is kept)"
    exit 0
fi

source="$(cd "$source" 2>/dev/null && pwd)" || { echo "install-linux.sh: no build at $source; run bash packaging/build.sh first" >&2; exit 2; }
[ -x "$source/pos-app" ] && [ -d "$source/share" ] \
    || { echo "install-linux.sh: $source is not a build of pos-app (bash packaging/build.sh)" >&2; exit 2; }
"$source/pos-app" --version >/dev/null \
    || { echo "install-linux.sh: the build in $source does not run here" >&2; exit 1; }

# Copy beside the old folder, then swap: a till is never left with half a program.
mkdir -p "$(dirname "$app_dir")" "$bin_dir" "$share/applications" "$icons"
rm -rf "$app_dir.new" "$app_dir.old"
cp -a "$source" "$app_dir.new"
rm -f "$app_dir.new/install-linux.sh"
[ ! -d "$app_dir" ] || mv "$app_dir" "$app_dir.old"
mv "$app_dir.new" "$app_dir"
rm -rf "$app_dir.old"
ln -sfn "$app_dir/pos-app" "$bin_dir/pos-app"

cp -r "$app_dir/share/icons/hicolor/." "$icons/"
desktop="$share/applications/pos-app.desktop"
sed -e "s|^Exec=pos-app|Exec=$app_dir/pos-app|" -e "s|^TryExec=pos-app|TryExec=$app_dir/pos-app|" \
    "$app_dir/share/applications/pos-app.desktop" > "$desktop"
chmod 644 "$desktop"
if [ "$autostart" = 1 ]; then
    mkdir -p "$autostart_dir"
    { cat "$desktop"; echo "X-GNOME-Autostart-enabled=true"; } > "$autostart_dir/pos-app.desktop"
    chmod 644 "$autostart_dir/pos-app.desktop"
fi
refresh_caches

echo "installed $("$app_dir/pos-app" --version) in $app_dir"
echo "  command: $bin_dir/pos-app; menu entry: $desktop"
[ "$autostart" = 0 ] || echo "  starts at login: $autostart_dir/pos-app.desktop"
case ":$PATH:" in *":$bin_dir:"*) ;; *) echo "  (add $bin_dir to PATH to type pos-app)";; esac
