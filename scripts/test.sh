#!/usr/bin/env bash
# Runs the test suite. Store tests also run against a real PostgreSQL server:
# scripts/postgres.sh installs and starts one on loopback when possible (always in CI).
# The workspace's browser tests drive Chromium: scripts/chromium.sh installs Debian's chromium
# and chromium-driver when missing (always in CI; locally when root).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VOC_TEST_POSTGRES_URL:-}" ] && [ -f scripts/postgres.sh ]; then
  if [ "${CI:-}" = "true" ] || command -v pg_ctlcluster >/dev/null 2>&1 || [ -x /usr/lib/postgresql ]; then
    eval "$(bash scripts/postgres.sh start)"
  fi
fi
if [ -f scripts/chromium.sh ] && ! bash scripts/chromium.sh check; then
  if [ "${CI:-}" = "true" ] || [ "$(id -u)" -eq 0 ]; then
    bash scripts/chromium.sh install
  fi
fi
exec .venv/bin/python -m pytest -q "$@"
