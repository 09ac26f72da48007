#!/usr/bin/env bash
# Install the Debian packages DigiBridge uses, when they are missing.
#   runtime: apertium (Catalan→Spanish pivot for matching; optional, matching degrades without)
#   test:    runtime + chromium and CJK fonts for the browser tests
# Needs root (or sudo) and apt-get; without them it says what is missing and carries on,
# except under CI=true for the test set, where a missing browser is an error.
set -uo pipefail
set_name=${1:-runtime}
packages=(apertium apertium-spa-cat apertium-eng-cat)
checks=("apertium")
if [ "$set_name" = "test" ]; then
  packages+=(chromium fonts-noto-cjk)
  checks+=("chromium")
fi
missing=()
for cmd in "${checks[@]}"; do command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd"); done
if [ "$set_name" = "test" ] && ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then missing+=("fonts-noto-cjk"); fi
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; fi
fi
if ! command -v apt-get >/dev/null 2>&1 || { [ "$(id -u)" != "0" ] && [ -z "$SUDO" ]; }; then
  echo "note: missing ${missing[*]} and cannot install Debian packages here (needs root and apt-get)."
  [ "$set_name" = "test" ] && [ "${CI:-}" = "true" ] && exit 1
  exit 0
fi
echo "Installing Debian packages: ${packages[*]} (missing: ${missing[*]})"
export DEBIAN_FRONTEND=noninteractive
stamp=/var/lib/apt/periodic/digibridge-update
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440 2>/dev/null)" ]; then
  $SUDO apt-get update -qq && $SUDO mkdir -p "$(dirname "$stamp")" && $SUDO touch "$stamp"
fi
if ! $SUDO apt-get install -y -qq "${packages[@]}" >/tmp/digibridge-apt.log 2>&1; then
  echo "apt-get install failed; see /tmp/digibridge-apt.log"
  [ "$set_name" = "test" ] && [ "${CI:-}" = "true" ] && exit 1
fi
exit 0
