#!/usr/bin/env bash
# Prepare a fresh machine for Desk: Qt's system libraries, a Python >= 3.12 venv, the package.
# Idempotent and quiet when everything is already there; used by `make run` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's offscreen platform needs these on a bare Debian (ARCHITECTURE.md, "Qt on a bare Debian").
QT_DEBS="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfreetype6 libfontconfig1 libdbus-1-3 fonts-dejavu-core"
# PyInstaller needs objdump (and strip) on Linux: tests/packaging builds the frozen bundle.
QT_DEBS="$QT_DEBS binutils"
# tests/reports/test_printed_pages.py prints every report with LibreOffice, reads each page with poppler's
# pdftotext and opens every workbook in Gnumeric; Times New Roman and Calibri print as their
# metric-compatible Liberation Serif and Carlito, so the pages break where Excel's do.
QT_DEBS="$QT_DEBS libreoffice-calc-nogui poppler-utils gnumeric fonts-liberation fonts-crosextra-carlito"
# tests/store and tests/services run on PostgreSQL too: the suite starts a throw-away cluster with
# Debian's initdb and pg_ctl (/usr/lib/postgresql/<version>/bin); DESK_NO_POSTGRES=1 leaves those runs out.
QT_DEBS="$QT_DEBS postgresql"
# tests/packaging compiles the Windows installer with Inno Setup's compiler (32-bit ISCC.exe) under Wine.
WINE_DEBS="wine wine64 wine32:i386"
command -v npm >/dev/null 2>&1 || WINE_DEBS="$WINE_DEBS npm"
# A real window (xcb) needs these too; Qt's own message names the wrong one (known traps).
XCB_DEBS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-image0 libxcb-render-util0 libxcb-randr0"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in $QT_DEBS $WINE_DEBS ${DESK_WITH_XCB:+$XCB_DEBS}; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "bootstrap: installing system libraries:$missing"
    export DEBIAN_FRONTEND=noninteractive
    # wine32 is an i386 package: Debian's multiarch must know the architecture before the update.
    if [[ "$missing" == *":i386"* ]] && ! dpkg --print-foreign-architectures | grep -qx i386; then
      dpkg --add-architecture i386
    fi
    # A mirror caught mid-sync fails one index ("File has unexpected size ... Mirror sync in progress?")
    # and apt-get update fails as a whole: tried again, then installed from the indexes apt has. Before,
    # the install was skipped and the set-up went on without LibreOffice, Gnumeric or Wine.
    for attempt in 1 2 3; do
      apt-get update -qq && break
      echo "bootstrap: apt-get update failed (attempt $attempt of 3)" >&2
      [ "$attempt" = 3 ] || sleep $((attempt * 15))
    done
    apt-get install -y -qq --no-install-recommends $missing >/dev/null || true
    still=""
    for pkg in $missing; do
      dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || still="$still $pkg"
    done
    if [ -n "$still" ]; then
      echo "bootstrap: could not install:$still (the tests that need them will say so)" >&2
    fi
  else
    echo "bootstrap: missing system libraries:$missing (run as root or: sudo apt-get install$missing)" >&2
  fi
fi

find_python() {
  for cand in "${DESK_PYTHON:-}" python3.13 python3.12 python3 \
              /root/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3 \
              "$HOME"/.pyenv/versions/3.1[3-9]*/bin/python3 "$HOME"/.pyenv/versions/3.12*/bin/python3; do
    [ -n "$cand" ] || continue
    if "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
      echo "$cand"; return 0
    fi
  done
  return 1
}

if [ ! -x .venv/bin/python ]; then
  py=$(find_python) || { echo "bootstrap: Desk needs Python >= 3.12 (see ARCHITECTURE.md, known traps)" >&2; exit 1; }
  echo "bootstrap: creating .venv with $py"
  "$py" -m venv .venv
fi

# Reinstall only when the project's requirements changed.
stamp=.venv/.desk-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "bootstrap: installing Desk and its test tools into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
  touch "$stamp"
fi

# Inno Setup's compiler, pinned: the npm package carries ISCC.exe (the Windows workflow uses the same one).
INNO_VERSION=6.3.1
inno=.tools/inno/node_modules/innosetup-compiler
if [ ! -f "$inno/bin/ISCC.exe" ] || ! grep -q "\"version\": \"$INNO_VERSION\"" "$inno/package.json" 2>/dev/null; then
  if command -v npm >/dev/null 2>&1; then
    echo "bootstrap: installing Inno Setup $INNO_VERSION's compiler into .tools/inno"
    npm install --silent --no-audit --no-fund --no-save --prefix .tools/inno "innosetup-compiler@$INNO_VERSION" >/dev/null
  else
    echo "bootstrap: npm is missing: the installer test cannot get Inno Setup's compiler" >&2
  fi
fi
# Wine's prefix, made once here rather than on the test's first compile.
if command -v wineboot >/dev/null 2>&1 && [ ! -f .tools/wine/system.reg ]; then
  echo "bootstrap: preparing a Wine prefix in .tools/wine"
  mkdir -p .tools
  export WINEPREFIX="$PWD/.tools/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  # The registry files are written when wineserver exits: wait for it, so the next run sees them.
  (wineboot --init && wineserver --wait) >/dev/null 2>&1 || true
fi
