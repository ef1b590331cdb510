#!/usr/bin/env bash
# Chromium and its WebDriver for the workspace's browser tests, from Debian's packages (no browser
# is ever downloaded by a test tool).
#
#   scripts/chromium.sh install   # apt-get installs chromium and chromium-driver when missing (needs root)
#   scripts/chromium.sh check     # exit 0 when both are installed
#
# scripts/test.sh runs `install` always in CI, and locally when root; the tests then find
# /usr/bin/chromium and /usr/bin/chromedriver (VOC_CHROMIUM, VOC_CHROMEDRIVER override).
set -euo pipefail

CHROMIUM="${VOC_CHROMIUM:-/usr/bin/chromium}"
DRIVER="${VOC_CHROMEDRIVER:-/usr/bin/chromedriver}"

log() { echo "chromium.sh: $*" >&2; }

installed() { [ -x "$CHROMIUM" ] && [ -x "$DRIVER" ]; }

install() {
  if installed; then return 0; fi
  [ "$(id -u)" -eq 0 ] || { log "Chromium is not installed and we are not root: apt-get install chromium chromium-driver"; exit 1; }
  log "installing the Debian packages chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2
}

case "${1:-install}" in
  install) install ;;
  check) installed ;;
  *) echo "usage: $0 install|check" >&2; exit 2 ;;
esac
