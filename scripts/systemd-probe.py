#!/usr/bin/env python3
"""Probe run inside verifierd.service (as an ExecStartPost= of a test drop-in, so with the unit's
own sandbox): tries what each hardening setting forbids and prints one JSON line,
`verifierd-probe {...}`, with what happened. scripts/systemd-test installs it, reads the line from
the journal and judges it; this file only observes.

argv: the non-loopback IPv4 address to try (the host's), a TCP port the unit does not allow binding.
"""
import ctypes
import errno
import json
import os
import socket
import sys


def attempt(action):
    """'ok', or the errno name the attempt failed with."""
    try:
        action()
        return "ok"
    except OSError as error:
        return errno.errorcode.get(error.errno, str(error.errno))


def status_fields():
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def write_file(path):
    with open(path, "w") as handle:
        handle.write("probe")


def bind_tcp(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
    finally:
        sock.close()


def send_udp(address):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.sendto(b"probe", (address, 9))
    finally:
        sock.close()


def open_socket(family, kind):
    socket.socket(family, kind).close()


def libc_call(name, *args):
    libc = ctypes.CDLL(None, use_errno=True)
    if getattr(libc, name)(*args) != 0:
        raise OSError(ctypes.get_errno(), name)


def read_credentials():
    directory = os.environ.get("CREDENTIALS_DIRECTORY")
    if not directory:
        return {"directory": None}
    report = {"directory": directory}
    try:
        parent = os.stat(os.path.dirname(directory))
        report.update(parent_mode=oct(parent.st_mode & 0o777), parent_uid=parent.st_uid)
    except OSError as error:
        report["parent_error"] = errno.errorcode.get(error.errno, str(error.errno))
    try:
        info = os.stat(directory)
        report.update(dir_mode=oct(info.st_mode & 0o777), dir_uid=info.st_uid, dir_gid=info.st_gid)
        names = sorted(os.listdir(directory))
    except OSError as error:
        report["error"] = errno.errorcode.get(error.errno, str(error.errno))
        return report
    report["names"] = names
    report["modes"] = {name: oct(os.stat(os.path.join(directory, name)).st_mode & 0o777) for name in names}
    report["readable"] = all(attempt(lambda n=name: open(os.path.join(directory, n), "rb").close()) == "ok"
                             for name in names)
    return report


def main():
    host_address, denied_port = sys.argv[1], int(sys.argv[2])
    fields = status_fields()
    import pwd
    try:
        user = pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        user = None
    report = {
        "uid": os.getuid(),
        "user": user,
        "cap_eff": fields.get("CapEff"),
        "cap_prm": fields.get("CapPrm"),
        "cap_bnd": fields.get("CapBnd"),
        "no_new_privs": fields.get("NoNewPrivs"),
        "seccomp": fields.get("Seccomp"),
        "write_usr": attempt(lambda: write_file("/usr/local/bin/probe-was-here")),
        "write_etc": attempt(lambda: write_file("/etc/probe-was-here")),
        "write_tmp": attempt(lambda: write_file("/tmp/probe-was-here")),
        "tmp_entries": sorted(os.listdir("/tmp")),
        "home": attempt(lambda: os.listdir("/root")),
        "dev_entries": sorted(os.listdir("/dev")),
        "dev_kmsg": attempt(lambda: open("/dev/kmsg", "rb").close()),
        "proc_pid1": attempt(lambda: open("/proc/1/cmdline", "rb").close()),
        "sched_setaffinity": attempt(lambda: os.sched_setaffinity(0, os.sched_getaffinity(0))),
        "setpriority_same": attempt(lambda: os.setpriority(os.PRIO_PROCESS, 0, os.getpriority(os.PRIO_PROCESS, 0))),
        "ptrace": attempt(lambda: libc_call("ptrace", 0, 0, 0, 0)),
        "af_netlink": attempt(lambda: open_socket(socket.AF_NETLINK, socket.SOCK_RAW)),
        "af_packet": attempt(lambda: open_socket(socket.AF_PACKET, socket.SOCK_RAW)),
        "udp_to_host_address": attempt(lambda: send_udp(host_address)),
        "udp_to_loopback": attempt(lambda: send_udp("127.0.0.1")),
        "bind_denied_port": attempt(lambda: bind_tcp(denied_port)),
        "credentials": read_credentials(),
        "environment_names": sorted(os.environ),
    }
    print("verifierd-probe " + json.dumps(report, sort_keys=True), flush=True)


main()
