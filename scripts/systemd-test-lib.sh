# shellcheck shell=bash
# scripts/systemd-test's parts: the host's packages, the cached rootfs, the install, the container
# and the helpers its checks use. Sourced, never run.

# Debian 12 (bookworm, systemd 252) by default; VERIFIERD_SYSTEMD_SUITE=trixie tries Debian 13
# (systemd 257), with libbpf1, which its systemd needs to enforce SocketBindDeny=.
suite=${VERIFIERD_SYSTEMD_SUITE:-bookworm}
rootfs_packages=systemd,systemd-sysv,dbus,libnss-systemd,python3,libpq5,ca-certificates
[ "$suite" = bookworm ] || rootfs_packages+=,libbpf1
mirror=${VERIFIERD_DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Account numbers in the shapes the leak scanner knows (LeakTests): all but the last four digits
# must never appear anywhere.
fin_account=9318$((RANDOM % 900 + 100))6172$((RANDOM % 8000 + 1000))
fin_account2=9327$((RANDOM % 900 + 100))6172$((RANDOM % 8000 + 1000))
folio_account=F84$((RANDOM % 90000 + 10000))39
amounts_submitted=()

fail() {
  echo "systemd-test: FAILED: $*" >&2
  exit 1
}
step() { echo "== $*"; }
ok() { echo "   ok: $*"; }

need_packages() {
  local missing=()
  command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v bc >/dev/null || missing+=(bc)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v curl >/dev/null || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return
  command -v apt-get >/dev/null || fail "missing ${missing[*]} and no apt-get to install them"
  step "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The rootfs, made once with debootstrap and reused while the suite and package list are the same.
cached_rootfs() {
  local cache=${VERIFIERD_ROOTFS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/verifierd}
  local dir="$cache/rootfs-$suite" stamp="$suite $rootfs_packages"
  if [ "$(cat "$dir.stamp" 2>/dev/null)" != "$stamp" ]; then
    step "debootstrap $suite ($rootfs_packages) into $dir" >&2
    rm -rf "$dir" "$dir.new" "$dir.stamp"
    mkdir -p "$cache"
    debootstrap --variant=minbase --include="$rootfs_packages" "$suite" "$dir.new" "$mirror" \
      >"$cache/debootstrap.log" 2>&1 || { tail -n 20 "$cache/debootstrap.log" >&2; fail "debootstrap failed"; }
    mv "$dir.new" "$dir"
    echo "$stamp" >"$dir.stamp"
  fi
  echo "$dir"
}

cleanup() {
  local status=$?
  if [ -n "$leader" ] && [ $status -ne 0 ] && [ -d "/proc/$leader" ]; then
    echo "---- the unit's journal (last 60 lines)" >&2
    in_ct journalctl -u verifierd --no-pager -n 60 -o short-monotonic >&2 || true
  fi
  if [ -n "$nspawn_pid" ]; then
    [ -n "$leader" ] && in_ct systemctl poweroff --no-block >/dev/null 2>&1 || true
    # Bounded: a container that does not power off in 20 s is killed.
    timeout 20 tail --pid="$nspawn_pid" -f /dev/null || kill -KILL "$nspawn_pid" 2>/dev/null || true
  fi
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true
  [ -n "$PGTHROWAWAY_DIR" ] && scripts/pg-throwaway stop "$PGTHROWAWAY_DIR"
  rm -rf "$work"
  exit $status
}

# The README's steps 1-4, into the rootfs instead of /.
install_verifierd() {
  install -m 0755 "$bin" "$root/usr/local/bin/verifierd"
  # The Swift runtime the binary was linked against, from the toolchain that built it.
  ldd "$bin" | awk '$3 ~ /^\/opt\/swift\// {print $3}' | while read -r lib; do
    install -m 0644 "$lib" "$root/usr/local/lib/"
  done
  chroot "$root" ldconfig
  install -d -m 0755 "$root/etc/verifierd"
  python3 - "$root/etc/verifierd/verifierd.json" "$port" "$sandbox" <<'PY'
import json, sys
path, port, sandbox = sys.argv[1], sys.argv[2], sys.argv[3]
config = json.load(open("config/verifierd.json"))
config["database_url"] = f"postgresql://verifierd_login@127.0.0.1:{port}/postgres"
config["instance"] = "systemd-test"
config.update(poll_interval_seconds=1, prompt_sweep_seconds=1, drain_timeout_seconds=5)
config["http"]["money_call_budget_seconds"] = 5
config["finicity"]["base_url"] = sandbox
config["folio"]["base_url"] = sandbox
config["folio"]["api_key"] = "sandbox-folio-key"
config["folio"]["start_delay_seconds"] = 1
config["schedules"].update(details_first_poll_seconds=1, details_max_poll_seconds=2,
                           retry_base_seconds=0.2, initiate_settle_seconds=10)
json.dump(config, open(path, "w"), indent=2)
PY
  chmod 0644 "$root/etc/verifierd/verifierd.json"
  install -d -m 0700 -o root -g root "$root/etc/verifierd/credentials"
  local name
  for name in finicity-partner-secret finicity-app-key folio-shared-secret database-password; do
    (umask 077 && printf '%s' "${secrets[$name]}" >"$root/etc/verifierd/credentials/$name")
  done
  install -m 0644 systemd/verifierd.service "$root/etc/systemd/system/verifierd.service"
  install -d -m 0755 "$root/etc/systemd/system/verifierd.service.d"
  # The egress allow list: here PostgreSQL and the providers (the sandbox) are on loopback.
  sed -e '/^IPAddressAllow=/d' -e 's/^\[Service\]$/[Service]\nIPAddressAllow=127.0.0.1\/32/' \
    systemd/verifierd.service.d/egress.conf.example \
    >"$root/etc/systemd/system/verifierd.service.d/egress.conf"
  install -d -m 0755 "$root/usr/local/lib/verifierd-test"
  install -m 0644 scripts/systemd-probe.py "$root/usr/local/lib/verifierd-test/probe.py"
  echo "verifierd-test" >"$root/etc/hostname"
  ok "binary, $(find "$root/usr/local/lib" -maxdepth 1 -name '*.so*' | wc -l) Swift libraries, configuration, 4 credentials, unit, egress drop-in"
}

in_ct() { nsenter --target "$leader" --all "$@"; }

boot_container() {
  step "boot systemd in a container (systemd-nspawn)"
  mkdir -p /run/systemd/nspawn
  # A private mount namespace with a tmpfs on /run/systemd/nspawn (/run here need not be a tmpfs);
  # bpf() allowed, so systemd inside can enforce IPAddressDeny= and DeviceAllow=; a pure cgroup2
  # view, so the device policy is enforced; no host systemd to register with.
  SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 unshare --mount --propagation private sh -c '
    mount -t tmpfs tmpfs /run/systemd/nspawn &&
    exec systemd-nspawn --register=no --keep-unit --system-call-filter=bpf --console=read-only \
      --machine=verifierd-test -D "$1" --boot' sh "$root" >"$work/console.log" 2>&1 &
  nspawn_pid=$!
  wait_for "the container's init" 30 find_leader
  wait_for "the container's systemd to answer" 30 in_ct systemctl is-system-running --wait --quiet
  local state
  state=$(in_ct systemctl is-system-running || true)
  [ "$state" = running ] || { in_ct systemctl --failed --no-pager >&2; fail "the container booted $state"; }
  ok "booted: $(in_ct systemctl --version | head -n 1)"
}

find_leader() {
  leader=$(pgrep -P "$nspawn_pid" | head -n 1 || true)
  [ -n "$leader" ] && [ "$(cat "/proc/$leader/comm" 2>/dev/null)" = systemd ]
}

# wait_for WHAT SECONDS COMMAND...: COMMAND until it succeeds, at most SECONDS.
wait_for() {
  local what=$1 seconds=$2
  shift 2
  local deadline=$(($(date +%s) + seconds))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "waited ${seconds}s for $what"
    sleep 0.2
  done
}

journal_cursor() { in_ct journalctl -n 0 --show-cursor --no-pager | sed -n 's/^-- cursor: //p'; }
journal_since_has() { in_ct journalctl -u verifierd --after-cursor="$1" -o cat --no-pager | grep -Eq "$2"; }

set_config_key() {
  python3 - "$root/etc/verifierd/verifierd.json" "$1" "$2" <<'PY'
import json, sys
path, key, value = sys.argv[1:]
config = json.load(open(path))
node = config
*parents, last = key.split(".")
for part in parents:
    node = node[part]
node[last] = json.loads(value) if value[:1] in "[{0123456789" or value in ("true", "false") else value
json.dump(config, open(path, "w"), indent=2)
PY
}

seed_folio_link() {
  curl -fsS -X POST "$sandbox/_sandbox/folio/banklinks" -H 'content-type: application/json' \
    -d "{\"accountNumber\":\"$folio_account\",\"ownerLoginId\":\"jdoe\",\"bankLinkOid\":\"BL-SYSTEMD-1\",\"md1Cents\":17,\"md2Cents\":42}" \
    >/dev/null
}

job_state_is() { [ "$(observe "SELECT state FROM verifier.jobs WHERE id = $1")" = "$2" ]; }

# answer_and_expect_verified JOB PROVIDER: waits for the prompt's state, reads the amounts from the
# sandbox as the customer would see them, submits them, and waits for `verified`.
answer_and_expect_verified() {
  local job=$1 provider=$2 amounts
  wait_for "job $job ($provider) to await amounts" 60 job_state_is "$job" awaiting_amounts
  if [ "$provider" = finicity ]; then
    local account
    account=$(observe "SELECT provider_account_id FROM verifier.jobs WHERE id = $job")
    amounts=$(curl -fsS "$sandbox/_sandbox/finicity/accounts/$account" \
      | python3 -c 'import json,sys; print(",".join("0.%02d" % c for c in json.load(sys.stdin)["amountsCents"]))')
  else
    amounts="0.17,0.42"
  fi
  amounts_submitted+=(${amounts//,/ })
  app "SELECT verifier.submit_amounts($job, ${amounts%%,*}, ${amounts##*,})" >/dev/null
  wait_for "job $job ($provider) to be verified" 60 job_state_is "$job" verified
  ok "job $job ($provider): awaiting_amounts -> the customer's amounts -> verified"
}
