#!/usr/bin/env bash
# Sets up what the end-to-end tests drive for real, on a fresh machine: a Python 3.11 interpreter,
# a Docker engine with the offline base image, and Debian's Chromium. Idempotent and quick when all
# is there. Anything missing that cannot be set up is a loud failure, never a silent skip.
set -euo pipefail
cd "$(dirname "$0")/../.."

say() { printf '[prepare-machine] %s\n' "$*" >&2; }

if ! command -v python3.11 >/dev/null 2>&1 && ! ls "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.11.*/bin/python3 >/dev/null 2>&1; then
  say 'Python 3.11 is missing: the tests need it (on PATH as python3.11, or under pyenv).'
  exit 1
fi

if ! bash docker/ensure-engine.sh; then
  say 'no Docker engine answers and none could be started: the Docker tests cannot run (never skipped).'
  exit 1
fi
bash docker/build-base-image.sh 3.11 >/dev/null

if ! command -v chromium >/dev/null 2>&1; then
  say "installing Debian's chromium (never a downloaded browser)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
chromium --version >&2

# xmllint validates junit.xml against the JUnit XML schema in test/fixtures/junit-schema.
if ! command -v xmllint >/dev/null 2>&1; then
  say "installing Debian's libxml2-utils (xmllint)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libxml2-utils >/dev/null
fi
say 'machine ready'
