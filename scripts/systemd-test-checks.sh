# shellcheck shell=bash
# scripts/systemd-test's longer checks: the watchdog, a bad configuration, the hardening probe and
# the journal. Sourced, never run.

unit_prop() { in_ct systemctl show -p "$1" --value verifierd; }

restarted_after() {
  [ "$(unit_prop NRestarts)" -gt "$1" ] && [ "$(unit_prop MainPID)" != "$2" ] \
    && [ "$(unit_prop MainPID)" != 0 ] && [ "$(unit_prop ActiveState)" = active ]
}

check_watchdog() {
  in_ct systemctl start verifierd
  local main restarts cursor
  main=$(unit_prop MainPID)
  restarts=$(unit_prop NRestarts)
  cursor=$(journal_cursor)
  in_ct sh -c "kill -STOP $main" # the shell's kill: the rootfs has no procps
  # WatchdogSec=30s, then SIGABRT, then RestartSec=2s.
  wait_for "the watchdog to kill and restart the stopped daemon" 100 restarted_after "$restarts" "$main"
  journal_since_has "$cursor" "Watchdog timeout" || fail "no 'Watchdog timeout' line from systemd"
  journal_since_has "$cursor" "Failed with result 'watchdog'" || fail "the unit did not fail with result 'watchdog'"
  ok "Watchdog timeout -> Result=watchdog -> restarted (NRestarts $restarts -> $(unit_prop NRestarts), MainPID $main -> $(unit_prop MainPID))"
}

check_bad_configuration() {
  local config="$root/etc/verifierd/verifierd.json" restarts cursor
  cp "$config" "$work/good.json"
  set_config_key max_in_flihgt 8
  restarts=$(unit_prop NRestarts)
  cursor=$(journal_cursor)
  if in_ct systemctl restart verifierd 2>/dev/null; then fail "a configuration with a bad key started"; fi
  local sub result status
  sub=$(unit_prop SubState)
  result=$(unit_prop Result)
  status=$(unit_prop ExecMainStatus)
  [ "$sub" = failed ] || fail "after the failed start the unit is $sub (failed expected: no restart scheduled)"
  [ "$status" = 78 ] || fail "the failed start exited $status (78 expected)"
  # A manual start resets NRestarts; a scheduled restart would say so in the journal.
  [ "$(unit_prop NRestarts)" -le "$restarts" ] || fail "the failed start was restarted"
  if journal_since_has "$cursor" "Scheduled restart job"; then fail "a restart was scheduled after exit 78"; fi
  journal_since_has "$cursor" "max_in_flihgt" || fail "the journal does not name the bad key"
  ok "exit 78, Result=$result, SubState=failed, no restart scheduled, the key named in the journal"
  cp "$work/good.json" "$config"
  in_ct systemctl reset-failed verifierd
}

check_probe() {
  local host_address denied_port=9999 dropin="$root/etc/systemd/system/verifierd.service.d/zz-probe.conf"
  host_address=$(ip -4 -o addr show scope global | awk '{print $4}' | cut -d/ -f1 | head -n 1)
  [ -n "$host_address" ] || fail "the host has no global IPv4 address for the egress check"
  printf '[Service]\nExecStartPost=/usr/bin/python3 /usr/local/lib/verifierd-test/probe.py %s %s\n' \
    "$host_address" "$denied_port" >"$dropin"
  echo "visible outside the unit" >"$root/tmp/host-marker"
  in_ct systemctl daemon-reload
  local cursor
  cursor=$(journal_cursor)
  in_ct systemctl start verifierd
  in_ct journalctl -u verifierd --after-cursor="$cursor" -o cat --no-pager \
    | sed -n 's/^verifierd-probe //p' | tail -n 1 >"$work/probe.json"
  [ -s "$work/probe.json" ] || fail "the probe printed nothing"
  # SocketBindDeny= is enforced by a systemd with its BPF framework that finds libbpf.
  local bpf=no
  in_ct systemctl --version | grep -q '+BPF_FRAMEWORK' && in_ct ldconfig -p | grep -q 'libbpf\.so\.1' && bpf=yes
  python3 scripts/systemd-probe-judge.py "$work/probe.json" "$bpf" || fail "a hardening setting is not in force"
  # From outside the unit: the credentials belong to the service's user alone (the daemon read the
  # password one: PostgreSQL asked it for scram-sha-256), another user cannot read them, and none
  # is in the daemon's environment.
  local main name modes
  main=$(unit_prop MainPID)
  # systemd 252 gives them to the service's user (0400 in 0500); 257 keeps them root's (0440 in
  # 0550) and grants the service's user by ACL. Either way: no access for others, the four files.
  modes=$(in_ct sh -c 'cd /run/credentials/verifierd.service && stat -c "%n %U:%G %a" . *' | tr '\n' ' ')
  echo "$modes" | python3 -c '
import sys
words = sys.stdin.read().split()
entries = [words[i:i + 3] for i in range(0, len(words), 3)]
names = [e[0] for e in entries]
assert names == [".", "database-password", "finicity-app-key", "finicity-partner-secret", "folio-shared-secret"], names
assert all(e[2].endswith("0") and e[1].split(":")[0] in ("root", "verifierd") for e in entries), entries
' || fail "credential files: $modes (the four, no access for others, expected)"
  if in_ct setpriv --reuid=65534 --regid=65534 --clear-groups \
    cat /run/credentials/verifierd.service/finicity-app-key >/dev/null 2>&1; then
    fail "user nobody read a credential"
  fi
  for name in "${!secrets[@]}"; do
    if in_ct cat "/proc/$main/environ" | tr '\0' '\n' | grep -qF "${secrets[$name]}"; then
      fail "the credential $name is in the daemon's environment"
    fi
  done
  # The daemon says at start which it is.
  if [ "$bpf" = yes ]; then
    journal_since_has "$cursor" 'socket binding restricted by systemd' || fail "no 'socket binding restricted' line at start"
  else
    journal_since_has "$cursor" 'level=warning.*socket binding is not restricted' || fail "no warning that socket binding is not restricted"
  fi
  ok "the daemon's start-up line on socket binding matches (BPF framework with libbpf: $bpf)"
  ok "credentials: $(echo "$modes" | cut -d' ' -f1-3), readable by the service alone, not by user nobody, in no environment"
  rm -f "$dropin"
  in_ct systemctl daemon-reload
}

check_journal() {
  local noise
  noise=$(in_ct journalctl --no-pager -o cat | grep -c 'Failed to set thread priority' || true)
  [ "$noise" = 0 ] || fail "libdispatch logged $noise 'Failed to set thread priority' lines"
  ok "no libdispatch priority lines"
  local name
  in_ct journalctl --no-pager -o json >"$work/journal-all.json"
  for name in "${!secrets[@]}"; do
    if grep -qF "${secrets[$name]}" "$work/journal-all.json"; then fail "the credential $name is in the journal"; fi
  done
  in_ct journalctl _SYSTEMD_UNIT=verifierd.service --no-pager -o json >"$work/journal.json"
  # The scan's description; the secrets go as name=value arguments, after the amounts and a "--".
  local pairs=()
  for name in "${!secrets[@]}"; do pairs+=("$name=${secrets[$name]}"); done
  python3 - "$work/scan.json" "$work/journal.json" "$fin_account" "$fin_account2" "$folio_account" \
    "${amounts_submitted[@]}" -- "${pairs[@]}" <<'PY'
import json, sys
out, journal, fin1, fin2, folio, *rest = sys.argv[1:]
split = rest.index("--")
amounts, pairs = rest[:split], rest[split + 1:]
json.dump({"journal": journal, "secrets": dict(pair.split("=", 1) for pair in pairs),
           "finicityAccounts": [fin1, fin2], "folioAccounts": [folio], "amounts": amounts},
          open(out, "w"))
PY
  VERIFIERD_JOURNAL_SCAN="$work/scan.json" swift test --skip-build --filter JournalLeakTests \
    >"$work/scan.log" 2>&1 || { tail -n 30 "$work/scan.log" >&2; fail "the leak scanner found something (or did not run)"; }
  grep -q "unit's journal\" passed" "$work/scan.log" || { tail -n 30 "$work/scan.log" >&2; fail "the journal scan did not run"; }
  ok "the leak test's scanner: $(wc -l <"$work/journal.json") journal records of the unit, nothing found"
}
