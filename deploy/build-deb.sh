#!/usr/bin/env bash
# Build zhengwu-kiosk_<version>_<arch>.deb: the application in a virtual environment
# under /opt/zhengwu-kiosk/venv (the dh-virtualenv layout, built without debhelper),
# systemd units, udev rules, the configuration in /etc and maintainer scripts.
#
# The venv is made with Debian's own /usr/bin/python3, so the package depends on
# Debian's python3 and nothing the build machine happened to have. It is built in a
# staging directory and then relocated: pip writes the staging path into the entry
# points' shebangs and a few scripts, and those are rewritten to the installed path.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:-$ROOT/build}
PREFIX=/opt/zhengwu-kiosk
PYTHON=/usr/bin/python3

command -v dpkg-deb >/dev/null || { echo "dpkg-deb is needed (Debian)"; exit 1; }
test -x "$PYTHON" || { echo "Debian's python3 is needed: apt-get install python3 python3-venv"; exit 1; }

VERSION=$("$PYTHON" -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1],"rb"))["project"]["version"])' "$ROOT/pyproject.toml")
ARCH=$(dpkg --print-architecture)
WORK=$(mktemp -d)
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$WORK"' EXIT
PKG=$WORK/pkg
VENV=$PKG$PREFIX/venv

echo "building the virtual environment with $($PYTHON --version)"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check --upgrade pip
# A wheel of the project, not an editable install: the package must not point back here.
"$VENV/bin/pip" install -q --disable-pip-version-check --no-compile "$ROOT"
"$VENV/bin/pip" uninstall -q -y pip  # nothing installs into the kiosk's venv by hand

# Relocate: the staging path appears in shebangs, activate scripts and RECORDs (text
# files only: -I). Byte code compiled so far names the staging path and is dropped.
find "$VENV" -name __pycache__ -type d -prune -exec rm -rf {} +
grep -rlIF "$PKG" "$VENV" 2>/dev/null | while IFS= read -r f; do
    sed -i "s#$PKG##g" "$f"
done
# Byte-compile for the installed path (-s strips the staging prefix from the code
# objects), so the first start does not compile ~2,000 modules in /opt as root.
"$VENV/bin/python" -m compileall -q -s "$PKG" -p / "$VENV/lib" >/dev/null || true

install -d "$PKG/usr/bin" "$PKG/etc/zhengwu-kiosk" "$PKG/lib/systemd/system" \
    "$PKG/lib/udev/rules.d" "$PKG/usr/share/doc/zhengwu-kiosk" "$PKG/DEBIAN"
ln -s "$PREFIX/venv/bin/kiosk" "$PKG/usr/bin/kiosk"
ln -s "$PREFIX/venv/bin/kiosk-central" "$PKG/usr/bin/kiosk-central"
# The installed configuration is the annotated example with the package's paths:
# data in /var/lib, keys in /etc/zhengwu-kiosk/keys (apart from the data).
sed -e 's|^# data_dir = .*|data_dir = "/var/lib/zhengwu-kiosk"|' \
    -e 's|^# keys_dir = .*|keys_dir = "/etc/zhengwu-kiosk/keys"|' \
    -e 's|^# key_file = .*|key_file = "/etc/zhengwu-kiosk/keys/outbox.key"|' \
    "$ROOT/config/production.example.toml" > "$PKG/etc/zhengwu-kiosk/kiosk.toml"
grep -q '^data_dir = "/var/lib/zhengwu-kiosk"' "$PKG/etc/zhengwu-kiosk/kiosk.toml" \
    || { echo "production.example.toml has no '# data_dir =' line to set"; exit 1; }
install -m 0644 "$ROOT/config/production.example.toml" "$PKG/usr/share/doc/zhengwu-kiosk/"
install -m 0644 "$ROOT/README.md" "$PKG/usr/share/doc/zhengwu-kiosk/"
for unit in zhengwu-kiosk.service zhengwu-kiosk-x11.service zhengwu-central.service; do
    install -m 0644 "$ROOT/deploy/$unit" "$PKG/lib/systemd/system/"
done
install -d "$PKG/usr/lib/zhengwu-kiosk" "$PKG/usr/share/X11/xorg.conf.d"
install -m 0755 "$ROOT"/deploy/session/zhengwu-kiosk-session \
    "$ROOT"/deploy/session/zhengwu-kiosk-x11-session "$PKG/usr/lib/zhengwu-kiosk/"
install -m 0644 "$ROOT/deploy/session/10-zhengwu-kiosk.conf" "$PKG/usr/share/X11/xorg.conf.d/"
for rules in "$ROOT"/deploy/udev/*.rules; do
    install -m 0644 "$rules" "$PKG/lib/udev/rules.d/"
done
for f in postinst prerm postrm; do
    install -m 0755 "$ROOT/deploy/deb/$f" "$PKG/DEBIAN/$f"
done
install -m 0644 "$ROOT/deploy/deb/conffiles" "$PKG/DEBIAN/conffiles"
SIZE=$(du -sk "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE/" \
    "$ROOT/deploy/deb/control.in" > "$PKG/DEBIAN/control"

mkdir -p "$OUT"
DEB="$OUT/zhengwu-kiosk_${VERSION}_${ARCH}.deb"
# gzip -1: the venv is ~400 MB of mostly compressed wheels' contents; xz -9 would
# take minutes for a few per cent.
dpkg-deb --root-owner-group -Zgzip -z1 --build "$PKG" "$DEB" >/dev/null
echo "$DEB"
