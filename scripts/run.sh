#!/usr/bin/env bash
# Install everything caseworker needs on a fresh Debian/Ubuntu machine, then open the application.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh run
exec make run
