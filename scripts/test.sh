#!/usr/bin/env bash
# Quick start 2: every check CI runs. Installs what is missing, then:
# fmt, clippy, all Rust tests (unit, table, property, golden), the release
# web build, and the end-to-end tests in headless Chromium.
#   scripts/test.sh          everything
#   scripts/test.sh --perf   also measure bundle size, first render, frame and run-to-end times
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --e2e
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

say "cargo fmt --check"
cargo fmt --all -- --check
say "cargo clippy -D warnings (native and wasm)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p job-playground --target wasm32-unknown-unknown -- -D warnings
say "cargo test"
cargo test --workspace
say "trunk build --release"
trunk build --release
say "end-to-end tests (headless Chromium)"
node tests/e2e/run.mjs "$@"
