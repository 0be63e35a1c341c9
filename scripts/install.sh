#!/usr/bin/env bash
# Installs everything Model Lab needs on a fresh Debian machine of this kind: the Debian
# packages (browser, ripgrep and build headers for code-server, PostgreSQL for the data-source
# tests, scikit-learn for regenerating fixtures and the benchmark, clang 16 and its lld to compile the
# SVM to WebAssembly in `npm run build`, GNU parallel for the distributed tuning tests) and the npm
# dependencies.
# Idempotent: a second run only checks. code-server itself is installed on first use by
# scripts/vscode (outside the extension's dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(
  chromium ripgrep libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev build-essential pkg-config
  postgresql python3-sklearn python3-pandas python3-joblib python3-onnx parallel
  clang-16 lld-16
)

missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "model-lab: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "model-lab: installing npm dependencies"
  npm ci --no-audit --no-fund
fi
echo "model-lab: dependencies ready"
