#!/usr/bin/env bash
# Set up everything medkg needs on a fresh machine (Python 3.11, Debian): a virtualenv with the
# package and its test dependencies, and the system packages the browser tests use.
# Idempotent: re-running it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
step() { echo "==> $*" >&2; }
if [ ! -x .venv/bin/python ]; then
  step "creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
step "upgrading pip"
.venv/bin/python -m pip install --quiet --upgrade pip
# The install takes a minute or two on a fresh machine: show each package as it comes (not
# pip's full log); `{ grep || true; }` keeps pip's own exit status under pipefail.
step "installing medkg and its test dependencies into .venv (a minute or two the first time)"
.venv/bin/python -m pip install --progress-bar off -e '.[test]' 2>&1 \
  | { grep --line-buffered -E '^(Collecting|Installing collected|Successfully|ERROR)' | sed -u 's/^/    /' || true; }

# Debian's Chromium for the browser tests of the query page (Playwright drives it; it never
# downloads a browser of its own). Skipped when present, or when we cannot install packages.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    step "installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: chromium is not installed; the browser test will be skipped (run as root to install it)" >&2
  fi
fi
step "done: .venv/bin/kg is ready"
