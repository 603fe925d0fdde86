#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian/Ubuntu machine, then run all of it (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh test
exec make test
