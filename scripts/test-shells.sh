#!/usr/bin/env bash
# Test setup for the completion tests: makes sure zsh and fish (Debian's packages) are installed, so
# test/completions checks their scripts instead of skipping them. Idempotent: does nothing when both
# are there. Needs root (or sudo) and Debian's package lists; exits non-zero with the reason when
# they cannot be installed (the tests fail then).
set -euo pipefail
missing=()
command -v zsh >/dev/null 2>&1 || missing+=(zsh)
command -v fish >/dev/null 2>&1 || missing+=(fish)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "test-shells: ${missing[*]} missing and we are not root (install Debian's ${missing[*]} packages)" >&2
    exit 1
  fi
fi
command -v apt-get >/dev/null 2>&1 || { echo "test-shells: cannot install ${missing[*]}: no apt-get on this system" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists: fetch them once when a package is not known yet.
for p in "${missing[@]}"; do
  if ! apt-cache show "$p" >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    break
  fi
done
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  # The lists may be stale (a package moved): refresh and try once more.
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for p in "${missing[@]}"; do
  command -v "$p" >/dev/null 2>&1 || { echo "test-shells: installed the $p package but $p is still not on PATH" >&2; exit 1; }
done
