#!/usr/bin/env bash
# Install the Debian packages a target needs, only if some are missing (idempotent, fast when done).
#   scripts/system-deps.sh demo   -> Python venv, Node/npm, WeasyPrint's Pango and fonts
#   scripts/system-deps.sh test   -> the above + PostgreSQL, Redis, Chromium, poppler-utils
set -euo pipefail

packages=(python3-venv nodejs npm libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
if [ "${1:-demo}" = "test" ]; then
  packages+=(postgresql redis-server chromium poppler-utils)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# The image may ship Node.js outside Debian's packages (e.g. /usr/bin/node from NodeSource).
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for package in "${missing[@]}"; do
    case "$package" in nodejs|npm) ;; *) filtered+=("$package") ;; esac
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
# python3-venv is only needed when the interpreter cannot create a venv on its own.
if python3 -c "import ensurepip, venv" 2>/dev/null; then
  filtered=()
  for package in "${missing[@]+"${missing[@]}"}"; do
    [ "$package" = python3-venv ] || filtered+=("$package")
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ "${#missing[@]}" -eq 0 ]; then
  echo "System packages: all present."
  exit 0
fi
echo "System packages to install: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "System packages installed."
