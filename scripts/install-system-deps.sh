#!/usr/bin/env bash
# Install the Debian/Ubuntu packages caseworker needs.
#   scripts/install-system-deps.sh run    what the application needs to open its window
#   scripts/install-system-deps.sh test   plus what the test suite needs (sqlcipher shell, poppler, D-Bus, gnome-keyring,
#                                         PostgreSQL: the tests start throwaway clusters of their own, never the system one)
# As root it installs what is missing; otherwise it prints the exact command to run and stops.
set -euo pipefail

profile="${1:-run}"
run_packages=(
  make python3-venv python3-pip
  libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
  libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0 fonts-dejavu-core
)
test_packages=(sqlcipher poppler-utils dbus gnome-keyring postgresql)

case "$profile" in
  run) wanted=("${run_packages[@]}") ;;
  test) wanted=("${run_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "This script knows Debian and Ubuntu only. Install the equivalents of: ${wanted[*]}" >&2
  exit 1
fi

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == *"install ok installed"* ]] || missing+=("$package")
done
# python3-venv may be provided by the interpreter itself (pyenv, python.org builds): only ask for it when venv is absent.
if python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  filtered=()
  for package in "${missing[@]}"; do
    [[ "$package" == python3-venv || "$package" == python3-pip ]] || filtered+=("$package")
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Some system packages are missing. Run this, then start again:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

# The tests open the database with the `sqlcipher` shell, an independent client: it must speak SQLCipher 4.
# Debian 12 ships SQLCipher 3.4 in main; its backports carry 4.6.
if [ "$profile" = test ] && command -v sqlcipher >/dev/null 2>&1; then
  version=$(printf 'PRAGMA cipher_version;\n' | sqlcipher :memory: 2>/dev/null | head -n 1 || true)
  if [[ "$version" != 4.* ]]; then
    codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
    if [ "$codename" = bookworm ]; then
      backports=/etc/apt/sources.list.d/caseworker-bookworm-backports.list
      if [ "$(id -u)" -eq 0 ]; then
        echo "Installing SQLCipher 4 from bookworm-backports (the shell in Debian 12 main is SQLCipher 3)"
        [ -f "$backports" ] || echo "deb http://deb.debian.org/debian bookworm-backports main" > "$backports"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends -t bookworm-backports sqlcipher libsqlcipher1
      else
        echo "The sqlcipher shell is SQLCipher ${version:-3}; the tests need SQLCipher 4. Run this, then start again:" >&2
        echo "  echo 'deb http://deb.debian.org/debian bookworm-backports main' | sudo tee $backports" >&2
        echo "  sudo apt-get update && sudo apt-get install -y -t bookworm-backports sqlcipher libsqlcipher1" >&2
        exit 1
      fi
    else
      echo "Note: the sqlcipher shell here is not SQLCipher 4 ($version); its test will be skipped." >&2
    fi
  fi
fi
