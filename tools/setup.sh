#!/usr/bin/env bash
# Sets up everything perfeditor needs on a fresh Debian machine:
# the system libraries Qt needs, CJK fonts, and a virtual environment in .venv.
#   bash tools/setup.sh          # to run the program
#   bash tools/setup.sh --test   # also LibreOffice, Xvfb and poppler for the tests
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

apt_pkgs=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
          libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
          libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
          libnss3 libxrender1 libxi6 libsm6 libice6 fonts-noto-cjk fonts-wqy-zenhei)
if [ "$want_test" = 1 ]; then
  apt_pkgs+=(libreoffice-writer-nogui libreoffice-calc-nogui xvfb xauth poppler-utils)
  # the installer test: readelf, the window found by title (xdotool, xprop), its screenshot (import)
  apt_pkgs+=(binutils xdotool x11-utils imagemagick desktop-file-utils)
fi
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$want_test" = 1 ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
else
  .venv/bin/python -m pip install -q -e .
fi
