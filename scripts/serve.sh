#!/usr/bin/env bash
# Quick start 1: install what is missing, then serve the playground at
# http://127.0.0.1:8080 (debug build, rebuilt on change).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
exec trunk serve "$@"
