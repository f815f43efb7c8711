#!/usr/bin/env bash
# Test setup for the HTML report's browser test: makes sure Debian's chromium is at /usr/bin/chromium.
# Idempotent: does nothing when it is already there. Needs root (or sudo) and Debian's package lists.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "test-browser: $CHROMIUM is missing and we are not root (install Debian's chromium package)" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists: fetch them once when chromium is not known yet.
if ! apt-cache show chromium >/dev/null 2>&1; then
  $SUDO apt-get update -qq
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; then
  # The lists may be stale (a package moved): refresh and try once more.
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "test-browser: installed the chromium package but $CHROMIUM is still missing" >&2
  exit 1
fi
