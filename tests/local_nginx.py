"""nginx as a child process of a test or a benchmark, with everything in one temporary folder.

Four places serve files through a real nginx: the embed test (three origins), the 404 test,
the preview-password test of docs/publishing.md, and the slow-network benchmark. They differ
only in their `server` blocks and a few `http` lines; the lines that make nginx run as an
ordinary child process are here, once:

- no daemon, no master, one worker: the process the test starts is the one that serves, and a
  worker switching to "nobody" could not read a site in a private temporary folder;
- pid, error log and every temporary path inside the test's folder, so nothing is written
  outside it and two tests never share a file.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

# The types the tests' sites serve, for configurations that do not include the system's file.
SITE_TYPES = ("types { text/html html; text/css css; application/javascript js; application/json json; "
              "image/svg+xml svg; text/xml xml; text/plain txt conf; font/woff2 woff2; image/png png; }")


def configuration(tmp: Path, http: str, servers: str, connections: int = 64) -> str:
    """A whole nginx.conf: `http` lines (types, gzip...) and `server` blocks, as given."""
    return (
        "daemon off;\nmaster_process off;\nworker_processes 1;\n"
        f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log warn;\n"
        f"events {{ worker_connections {connections}; }}\n"
        "http {\n  access_log off;\n"
        f"  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;\n"
        f"  uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;\n"
        f"{http}\n{servers}\n}}\n"
    )


def free_ports(n: int) -> list[int]:
    """Ephemeral loopback ports, held together while picked so that they differ."""
    sockets = []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


class LocalNginx:
    """nginx in the foreground with `configuration(tmp, http, servers)`, listening on `ports`
    once the constructor returns (AssertionError with nginx's log otherwise)."""

    def __init__(self, tmp: Path, ports: list[int], http: str, servers: str, connections: int = 64):
        self.tmp = Path(tmp)
        self.conf = self.tmp / "nginx.conf"
        self.conf.write_text(configuration(self.tmp, http, servers, connections), encoding="utf-8")
        self.command = [shutil.which("nginx"), "-c", str(self.conf), "-p", str(self.tmp), "-e", str(self.tmp / "error.log")]
        test = subprocess.run([*self.command, "-t"], capture_output=True, text=True)
        if test.returncode != 0:
            raise AssertionError("nginx refuses its configuration:\n" + test.stdout + test.stderr)
        self.proc = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        for port in ports:
            while True:
                if self.proc.poll() is not None:
                    raise AssertionError("nginx did not start:\n" + self.log())
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        self.stop()
                        raise AssertionError(f"nginx does not listen on {port}:\n" + self.log())
                    time.sleep(0.05)

    def log(self) -> str:
        path = self.tmp / "error.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
