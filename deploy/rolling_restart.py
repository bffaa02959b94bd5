"""Restarts the app nodes one at a time without dropping a request (nor a save).

    python3 deploy/rolling_restart.py --socket /run/haproxy/cxmaturity.sock \
        --restart "ssh {server} sudo systemctl restart cxmaturity" node1 node2

For each node, in order: HAProxy drains it (`set server nodes/<node> state drain`: no new requests,
the running ones finish), the script waits until HAProxy shows no open request on it, runs the restart
command ({server} is the node's name), waits until HAProxy's health check sees it up again (/health/),
and only then sets it back to `ready` and goes on to the next one. The other nodes serve everything
meanwhile. Standard library only, so it runs on the load balancer without the app.
"""

import argparse
import csv
import io
import socket
import subprocess
import sys
import time
from collections.abc import Callable

BACKEND = "nodes"


def command(socket_path: str, line: str) -> str:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(5)
        sock.connect(socket_path)
        sock.sendall(line.encode() + b"\n")
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks).decode()


def server_stats(socket_path: str, server: str) -> dict[str, str]:
    text = command(socket_path, "show stat").lstrip("# ")
    for row in csv.DictReader(io.StringIO(text)):
        if row.get("pxname") == BACKEND and row.get("svname") == server:
            return row
    raise SystemExit(f"HAProxy knows no server {BACKEND}/{server}")


def wait_for(check: Callable[[], bool], what: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up waiting for {what}")
        time.sleep(0.2)


def _drained(socket_path: str, server: str) -> bool:
    stats = server_stats(socket_path, server)
    # scur: requests the node is answering now; qcur: requests queued for it.
    return stats["scur"] == "0" and stats["qcur"] in ("", "0")


def _healthy(socket_path: str, server: str) -> bool:
    stats = server_stats(socket_path, server)
    # While drained, a node that passes its checks shows DRAIN; the last check must be a good /health/ answer.
    return stats["status"].startswith(("UP", "DRAIN")) and stats["check_status"] == "L7OK"


def restart_one(socket_path: str, server: str, restart: Callable[[str], None], timeout: float = 60) -> None:
    """Drain, restart, wait for health, enable. The restart command should return once the node answers
    (gunicorn listening): until then HAProxy may still show the check from before the restart."""
    command(socket_path, f"set server {BACKEND}/{server} state drain")
    wait_for(lambda: _drained(socket_path, server), f"{server} to finish its requests", timeout)
    restart(server)
    wait_for(lambda: _healthy(socket_path, server), f"{server} to pass its health check", timeout)
    command(socket_path, f"set server {BACKEND}/{server} state ready")


def rolling_restart(socket_path: str, servers: list[str], restart: Callable[[str], None], timeout: float = 60) -> None:
    for server in servers:
        restart_one(socket_path, server, restart, timeout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--socket", default="/run/haproxy/cxmaturity.sock")
    parser.add_argument("--restart", required=True, help="shell command restarting one node; {server} is its name")
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("servers", nargs="+")
    args = parser.parse_args()

    def restart(server: str) -> None:
        subprocess.run(args.restart.format(server=server), shell=True, check=True)  # noqa: S602 (the operator's own command)

    rolling_restart(args.socket, args.servers, restart, args.timeout)
    print("restarted " + ", ".join(args.servers), file=sys.stderr)


if __name__ == "__main__":
    main()
