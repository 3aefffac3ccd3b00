#!/usr/bin/env bash
# Installs what the playground needs, each step skipped when the right
# version is already there. Only package registries are used (crates.io,
# npm, Debian): trunk must never download tools itself.
#   scripts/setup.sh          build tools (wasm target, trunk, wasm-bindgen, wasm-opt)
#   scripts/setup.sh --e2e    also Chromium (Debian) and playwright-core (npm)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION"; then
  say "installing wasm-bindgen-cli $WB_VERSION (about 5 minutes)"
  # Not --locked: with it, this version fails to resolve webpki-roots.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi
# Debian's binaryen (108) produces modules that fail at load; use the crate.
if ! [ -x "$HOME/.cargo/bin/wasm-opt" ]; then
  say "installing wasm-opt from crates.io (about 5 minutes)"
  cargo install --locked wasm-opt
fi

if [ "${1:-}" = "--e2e" ]; then
  if ! [ -x /usr/bin/chromium ]; then
    say "installing Debian's chromium"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq || true
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  if ! [ -d tests/e2e/node_modules/playwright-core ] || ! [ -d tests/e2e/node_modules/axe-core ]; then
    say "installing playwright-core and axe-core (npm; no browser download)"
    (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent)
  fi
fi
