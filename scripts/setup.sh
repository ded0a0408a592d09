#!/usr/bin/env bash
# Set up everything medkg needs on a fresh machine (Python 3.11, Debian): a virtualenv with the
# package and its test dependencies, and the system packages the browser tests use.
# Idempotent: re-running it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

# Debian's Chromium for the browser tests of the query page (Playwright drives it; it never
# downloads a browser of its own). Skipped when present, or when we cannot install packages.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: chromium is not installed; the browser test will be skipped (run as root to install it)" >&2
  fi
fi
