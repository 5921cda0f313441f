#!/usr/bin/env bash
# build-base-image.sh [python-version] - build the harness's Python base image
# from Debian packages alone (no image registry needed).
#
#   debootstrap --variant=minbase bookworm  (+ python3, python3-venv, python3-pip,
#   ca-certificates, netbase)  ->  tar  ->  docker import  ->  upgrade-harness/python:3.11-bookworm
#
# Idempotent: does nothing (but print the image id) when the tag already exists;
# UH_FORCE=1 rebuilds. Needs root and a running engine (see ensure-engine.sh).
#
# Environment knobs (all optional):
#   UH_DEBIAN_MIRROR   apt mirror for debootstrap (default http://deb.debian.org/debian;
#                      a local/air-gapped mirror such as file:///srv/debian works too)
#   UH_EXTRA_CA_DIR    directory of extra *.crt CA certificates to trust inside the
#                      image (default /usr/local/share/ca-certificates, i.e. the
#                      host's locally added CAs, needed behind TLS-intercepting
#                      proxies). Set to an empty string to add none.
#   UH_IMAGE_REPO      image repository (default upgrade-harness/python)
#   UH_FORCE=1         rebuild even if the image exists
#   UH_WORKDIR         where to build the rootfs (default ${TMPDIR:-/var/tmp})
set -euo pipefail

SUITE=bookworm
SUITE_PYTHON=3.11          # the only python3 Debian bookworm ships
PY="${1:-$SUITE_PYTHON}"
REPO="${UH_IMAGE_REPO:-upgrade-harness/python}"
MIRROR="${UH_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
EXTRA_CA_DIR="${UH_EXTRA_CA_DIR-/usr/local/share/ca-certificates}"
PACKAGES=python3,python3-venv,python3-pip,ca-certificates,netbase

say() { printf '[build-base-image] %s\n' "$*" >&2; }
die() { printf '[build-base-image] ERROR: %s\n' "$*" >&2; exit 1; }

export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${PATH:-}"

case "$PY" in
  3.11|3.11.*) ;;
  *) die "Python $PY is not available: this image is built from Debian $SUITE packages only, and $SUITE ships Python $SUITE_PYTHON alone. Use 3.11 (or supply your own image with the wanted Python)." ;;
esac
TAG="$REPO:$SUITE_PYTHON-$SUITE"

docker info >/dev/null 2>&1 || die "no docker engine answers; run docker/ensure-engine.sh first"

if [[ "${UH_FORCE:-0}" != 1 ]] && docker image inspect "$TAG" >/dev/null 2>&1; then
  say "$TAG already exists; nothing to do (UH_FORCE=1 rebuilds)"
  docker image inspect --format '{{.Id}}' "$TAG"
  exit 0
fi

[[ "$(id -u)" == 0 ]] || die "debootstrap needs root"

if ! command -v debootstrap >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "debootstrap missing and apt-get unavailable"
  say "installing debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
[[ -f /usr/share/keyrings/debian-archive-keyring.gpg ]] || {
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends debian-archive-keyring >/dev/null
}

WORK="$(mktemp -d "${UH_WORKDIR:-${TMPDIR:-/var/tmp}}/uh-rootfs.XXXXXX")"
ROOT="$WORK/rootfs"
cleanup() {
  # debootstrap/chroot may leave proc/sys mounted on failure
  local m
  awk -v r="$ROOT" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r |
    while read -r m; do umount -l "$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT

say "debootstrap --variant=minbase $SUITE from $MIRROR (+ $PACKAGES)"
start=$SECONDS
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || {
  tail -n 30 "$WORK/debootstrap.log" >&2
  [[ -f "$ROOT/debootstrap/debootstrap.log" ]] && tail -n 30 "$ROOT/debootstrap/debootstrap.log" >&2
  die "debootstrap failed"
}
say "debootstrap done in $(( SECONDS - start ))s"

# Trust extra CAs (corporate / egress proxies re-signing TLS for pypi.org).
if [[ -n "$EXTRA_CA_DIR" && -d "$EXTRA_CA_DIR" ]] && compgen -G "$EXTRA_CA_DIR/*.crt" >/dev/null; then
  mkdir -p "$ROOT/usr/local/share/ca-certificates"
  cp "$EXTRA_CA_DIR"/*.crt "$ROOT/usr/local/share/ca-certificates/"
  say "adding extra CA certificates: $(cd "$EXTRA_CA_DIR" && echo *.crt)"
  chroot "$ROOT" update-ca-certificates >/dev/null 2>&1 || die "update-ca-certificates failed in the rootfs"
fi

# Facts about the image, discovered (not assumed) from the rootfs.
PY_FULL="$(chroot "$ROOT" python3 -c 'import platform; print(platform.python_version())')"
GLIBC="$(chroot "$ROOT" python3 -c 'import os; print(os.confstr("CS_GNU_LIBC_VERSION").split()[1])')"
PIP_VER="$(chroot "$ROOT" python3 -m pip --version | awk '{print $2}')"
DEB_VER="$(cat "$ROOT/etc/debian_version")"
[[ "$PY_FULL" == "$SUITE_PYTHON".* ]] || die "rootfs has python $PY_FULL, expected $SUITE_PYTHON.x"

# Keep it small: apt caches and lists, docs, man pages, bytecode caches.
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/cache/apt/*.bin \
       "$ROOT"/var/lib/apt/lists/* "$ROOT"/usr/share/doc/* "$ROOT"/usr/share/man/* \
       "$ROOT"/usr/share/info/* "$ROOT"/var/log/*.log "$ROOT"/debootstrap
find "$ROOT/usr/lib/python3" "$ROOT/usr/lib/python$SUITE_PYTHON" -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true
# A machine-readable copy of the facts, for `docker run IMAGE cat ...`.
cat >"$ROOT/etc/upgrade-harness-base.json" <<EOF
{"suite": "$SUITE", "debian_version": "$DEB_VER", "python": "$PY_FULL", "pip": "$PIP_VER", "glibc": "$GLIBC", "arch": "$(uname -m)"}
EOF
# apt sources usable later if the image gets network (debootstrap leaves only the main suite)
printf 'deb %s %s main\n' "$MIRROR" "$SUITE" >"$ROOT/etc/apt/sources.list"

say "importing as $TAG (python $PY_FULL, pip $PIP_VER, glibc $GLIBC, debian $DEB_VER)"
# /dev, /proc, /sys are provided by the runtime; do not ship device nodes.
tar --numeric-owner --xattrs -C "$ROOT" \
    --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' --exclude='./run/*' \
    -cf - . |
docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PIP_DISABLE_PIP_VERSION_CHECK=1' \
  --change 'CMD ["python3"]' \
  --change 'LABEL org.upgrade-harness.managed=true' \
  --change "LABEL org.upgrade-harness.debian.suite=$SUITE org.upgrade-harness.debian.version=$DEB_VER" \
  --change "LABEL org.upgrade-harness.python.version=$PY_FULL org.upgrade-harness.pip.version=$PIP_VER" \
  --change "LABEL org.upgrade-harness.glibc.version=$GLIBC" \
  --message "upgrade-harness base: debootstrap $SUITE minbase + $PACKAGES" \
  - "$TAG" >/dev/null

say "built $TAG in $(( SECONDS - start ))s total; size $(docker image inspect --format '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}')"
docker image inspect --format '{{.Id}}' "$TAG"
