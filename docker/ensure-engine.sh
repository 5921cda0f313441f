#!/usr/bin/env bash
# ensure-engine.sh - make sure a Docker engine answers on this machine.
#
# Idempotent:
#   * if `docker info` already answers, it does nothing and exits 0;
#   * otherwise it installs Debian's `docker.io` (only when `dockerd` is
#     missing), starts `dockerd` detached (it outlives this script), and waits
#     until `docker info` answers, or fails with a clear message.
#
# Needs root (to install packages and to run dockerd). Tested on Debian
# bookworm (docker.io 20.10.24, API 1.41) with a newer docker CLI (28.x,
# API 1.50) in /usr/local/bin: the CLI negotiates down to 1.41 by itself.
#
# Environment knobs (all optional):
#   UH_DOCKERD_LOG             log file        (default /var/log/upgrade-harness-dockerd.log)
#   UH_DOCKERD_WAIT            seconds to wait (default 60)
#   UH_DOCKERD_STORAGE_DRIVER  force a storage driver (default: overlay2 when the
#                              kernel has overlayfs, else vfs)
#   UH_DOCKERD_EXTRA_ARGS      extra dockerd arguments, word-split
set -euo pipefail

LOG="${UH_DOCKERD_LOG:-/var/log/upgrade-harness-dockerd.log}"
WAIT="${UH_DOCKERD_WAIT:-60}"

say() { printf '[ensure-engine] %s\n' "$*" >&2; }
die() { printf '[ensure-engine] ERROR: %s\n' "$*" >&2; exit 1; }

engine_up() { docker info >/dev/null 2>&1; }

# pids of running dockerd processes (no dependency on procps/pgrep).
dockerd_pids() {
  local f
  for f in /proc/[0-9]*/comm; do
    [[ "$(cat "$f" 2>/dev/null)" == dockerd ]] && { f=${f#/proc/}; printf '%s ' "${f%/comm}"; }
  done
  return 0
}

# The CLI may live in /usr/local/bin (newer) or come from docker.io (/usr/bin).
export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${PATH:-}"

if command -v docker >/dev/null 2>&1 && engine_up; then
  say "engine already answers: $(docker version --format 'server {{.Server.Version}} (API {{.Server.APIVersion}}), client {{.Client.Version}}' 2>/dev/null || echo ok)"
  exit 0
fi

# If DOCKER_HOST points somewhere else, starting a local dockerd will not help.
if [[ -n "${DOCKER_HOST:-}" && "${DOCKER_HOST}" != "unix:///var/run/docker.sock" ]]; then
  die "DOCKER_HOST=${DOCKER_HOST} does not answer; not starting a local dockerd for a remote host"
fi

[[ "$(id -u)" == 0 ]] || die "no engine answers and starting one needs root (run with sudo)"

# --- 1. install the engine if needed ----------------------------------------
if ! command -v dockerd >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || die "dockerd is missing and apt-get is not available; install Docker by hand"
  say "dockerd missing: installing Debian's docker.io (apt-get update first)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # --no-install-recommends keeps it small (no git, apparmor, needrestart...).
  # A docker-ce-cli already installed as a .deb conflicts with docker.io; a
  # static CLI in /usr/local/bin (the usual CI case) does not.
  apt-get install -y -qq --no-install-recommends docker.io >/dev/null
  command -v dockerd >/dev/null 2>&1 || die "docker.io installed but dockerd still not on PATH"
fi
command -v docker >/dev/null 2>&1 || die "no docker CLI on PATH (docker.io ships /usr/bin/docker; check PATH)"

# --- 2. is a dockerd already starting/running? ------------------------------
if [[ -n "$(dockerd_pids)" ]]; then
  say "a dockerd process exists (pid $(dockerd_pids)); waiting for it instead of starting another"
else
  # --- 3. work out settings that function in this kernel/sandbox ------------
  args=()
  driver="${UH_DOCKERD_STORAGE_DRIVER:-}"
  if [[ -z "$driver" ]]; then
    if grep -qw overlay /proc/filesystems 2>/dev/null || modprobe overlay 2>/dev/null; then
      driver=overlay2
    else
      driver=vfs   # slow and disk-hungry, but works everywhere
    fi
  fi
  args+=(--storage-driver="$driver")

  # dockerd programs NAT/forwarding with iptables. Debian defaults to the nft
  # backend; if that one does not work here but the legacy one does, switch.
  if command -v iptables >/dev/null 2>&1; then
    if ! iptables -t nat -S >/dev/null 2>&1; then
      if command -v iptables-legacy >/dev/null 2>&1 && iptables-legacy -t nat -S >/dev/null 2>&1; then
        say "iptables (nft) unusable here, switching alternatives to iptables-legacy"
        update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null
        update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null 2>&1 || true
      else
        say "WARNING: iptables unusable; starting dockerd with --iptables=false (bridge containers get no outbound NAT)"
        args+=(--iptables=false --ip-masq=false)
      fi
    fi
  fi

  # dockerd 20.10 refuses to start on a pidfile whose process is alive; a
  # stale one from a killed daemon is removed by dockerd itself.
  if [[ -n "${UH_DOCKERD_EXTRA_ARGS:-}" ]]; then
    # shellcheck disable=SC2206
    args+=(${UH_DOCKERD_EXTRA_ARGS})
  fi

  mkdir -p "$(dirname "$LOG")"
  say "starting: dockerd ${args[*]}  (log: $LOG)"
  # setsid+nohup: own session, ignores SIGHUP, survives this script and its shell.
  setsid nohup dockerd "${args[@]}" >>"$LOG" 2>&1 </dev/null &
  echo $! >/run/upgrade-harness-dockerd.pid 2>/dev/null || true
  disown || true
fi

# --- 4. wait (bounded) -----------------------------------------------------
t0=$SECONDS
deadline=$(( t0 + WAIT ))
until engine_up; do
  if (( SECONDS >= deadline )); then
    say "last lines of $LOG:"
    tail -n 25 "$LOG" >&2 2>/dev/null || true
    die "docker engine did not answer within ${WAIT}s (see $LOG)"
  fi
  # grace period: right after `&` the child may not have exec'd dockerd yet
  if (( SECONDS - t0 >= 3 )) && [[ -z "$(dockerd_pids)" ]]; then
    say "dockerd exited; last lines of $LOG:"
    tail -n 25 "$LOG" >&2 2>/dev/null || true
    die "dockerd died during start-up (see $LOG)"
  fi
  sleep 1
done

say "engine up: $(docker version --format 'server {{.Server.Version}} (API {{.Server.APIVersion}}), client {{.Client.Version}} (API {{.Client.APIVersion}})' 2>/dev/null || echo ok), storage driver $(docker info --format '{{.Driver}}' 2>/dev/null || echo '?')"
