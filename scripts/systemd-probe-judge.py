#!/usr/bin/env python3
"""Judges the line scripts/systemd-probe.py printed inside verifierd.service: one line per
hardening setting, 'ok' or 'FAIL', exit 1 if any failed. argv: the probe's JSON file, and 'yes'
when the container's systemd has the BPF framework (+BPF_FRAMEWORK: SocketBindDeny= enforced)."""
import json
import sys

probe = json.load(open(sys.argv[1]))
bpf_framework = sys.argv[2] == "yes"
DEVICES = {"char", "core", "fd", "full", "hugepages", "log", "mqueue", "null", "ptmx", "pts", "random",
           "shm", "stderr", "stdin", "stdout", "tty", "urandom", "zero"}
credentials = probe["credentials"]
checks = [
    ("DynamicUser: a uid from systemd's dynamic range, named verifierd",
     61184 <= probe["uid"] <= 65519 and probe["user"] == "verifierd"),
    ("no capabilities (effective, permitted, bounding)",
     all(int(probe[k], 16) == 0 for k in ("cap_eff", "cap_prm", "cap_bnd"))),
    ("NoNewPrivileges", probe["no_new_privs"] == "1"),
    ("a read-only system: /usr and /etc refuse writes (EROFS)",
     probe["write_usr"] == "EROFS" and probe["write_etc"] == "EROFS"),
    ("PrivateTmp: /tmp writable, empty of the system's files",
     probe["write_tmp"] == "ok" and "host-marker" not in probe["tmp_entries"]),
    ("ProtectHome: /root unreachable", probe["home"] in ("EACCES", "ENOENT", "EPERM")),
    ("PrivateDevices: only pseudo devices in /dev, no /dev/kmsg",
     set(probe["dev_entries"]) <= DEVICES and probe["dev_kmsg"] == "ENOENT"),
    ("ProtectProc=invisible: no other process visible", probe["proc_pid1"] == "ENOENT"),
    ("the system-call filter is on (seccomp mode 2)", probe["seccomp"] == "2"),
    ("the filter refuses @resources (sched_setaffinity: EPERM)", probe["sched_setaffinity"] == "EPERM"),
    ("the filter refuses @debug (ptrace: EPERM)", probe["ptrace"] == "EPERM"),
    ("setpriority answers 0 and changes nothing (libdispatch stays quiet)", probe["setpriority_same"] == "ok"),
    ("RestrictAddressFamilies: no netlink or packet sockets",
     probe["af_netlink"] == "EAFNOSUPPORT" and probe["af_packet"] == "EAFNOSUPPORT"),
    ("IPAddressDeny/Allow: loopback reachable, the host's own address refused (EPERM)",
     probe["udp_to_loopback"] == "ok" and probe["udp_to_host_address"] == "EPERM"),
    # Credentials are judged from outside (scripts/systemd-test-checks.sh): on systemd 252 an
    # ExecStartPost= command sees /run/credentials with mode 000, though the main process reads its
    # own; here only that the variable points at the unit's directory.
    ("credentials: $CREDENTIALS_DIRECTORY names the unit's directory",
     credentials["directory"] == "/run/credentials/verifierd.service"),
    ("no secret-bearing variable in the environment",
     not any(n.startswith("VERIFIERD_") and ("SECRET" in n or "KEY" in n or "PASSWORD" in n)
             for n in probe["environment_names"])),
]
if bpf_framework:
    checks.append(("SocketBindDeny: a port the unit does not allow is refused (EPERM)",
                   probe["bind_denied_port"] == "EPERM"))
else:
    checks.append(("SocketBindDeny is NOT in force here (systemd without BPF framework): "
                   "the bind of a denied port succeeded, as the README says",
                   probe["bind_denied_port"] == "ok"))
failed = 0
for name, passed in checks:
    print(f"   {'ok' if passed else 'FAIL'}: {name}")
    failed += not passed
if failed:
    print(json.dumps(probe, indent=1, sort_keys=True), file=sys.stderr)
sys.exit(1 if failed else 0)
