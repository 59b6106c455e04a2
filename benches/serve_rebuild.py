#!/usr/bin/env python3
"""Time from saving an edited case to the reload event in `medvirk serve`.

    python3 benches/serve_rebuild.py [SITE_DIR] [RUNS]    (default: the demo site, 10)

Copies the site to a temporary folder, starts the release binary's `serve` on a
free loopback port, listens to its server-sent events like an open page does,
then edits one case RUNS times and measures each save → "reload" event. Prints
median, min and max in milliseconds, then the time of the first request for the
search index after an edit (which is when `serve` makes it). A separate
command: timing never runs in the test suite.
"""

import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet", "--bin", "medvirk"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        for part in ["config.toml", "content", "data", "templates", "static"]:
            src = source / part
            if src.is_dir():
                shutil.copytree(src, site / part)
            elif src.is_file():
                shutil.copy(src, site / part)
        case = next(site.glob("content/moter/*/sak-*.md"))
        server = subprocess.Popen(
            [ROOT / "target/release/medvirk", "-q", "serve", "--port", "0", "--root", site],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            line = server.stdout.readline().strip()
            port = int(line.rstrip("/").rsplit(":", 1)[1])
            events = socket.create_connection(("127.0.0.1", port))
            events.sendall(b"GET /__medvirk/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
            stream = events.makefile("rb")
            time.sleep(0.5)
            index_path = next(p for p in INDEX_PATHS if get(port, p) == 200)
            original = case.read_text(encoding="utf-8")
            times = []
            for i in range(runs):
                case.write_text(original + f"\nEndring {i}.\n", encoding="utf-8")
                start = time.perf_counter()
                wait_for_reload(stream)
                times.append((time.perf_counter() - start) * 1000)
                time.sleep(0.3)
            case.write_text(original, encoding="utf-8")
            wait_for_reload(stream)
            start = time.perf_counter()
            assert get(port, index_path) == 200
            index_ms = (time.perf_counter() - start) * 1000
        finally:
            server.kill()
        print(f"serve: save of {case.relative_to(site)} → reload event, {runs} runs")
        print(f"  median {statistics.median(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f})")
        print("  (includes the watcher's 60 ms wait for a burst of writes to settle)")
        print(f"  first request for the search index after the edit ({index_path}): {index_ms:.0f} ms")
        print("  (the index is made when first asked for after a rebuild, not with the pages)")


def wait_for_reload(stream):
    while True:
        text = stream.readline().decode(errors="replace").strip()
        if text == "event: reload":
            return
        if text == "event: failed":
            sys.exit("the edited site failed to build")


INDEX_PATHS = ["/search_index.nb/manifest.json", "/search_index.nb.json"]


def get(port, path):
    """The status of a GET over a fresh connection, after reading the whole body."""
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        response = b""
        while chunk := conn.recv(65536):
            response += chunk
    return int(response.split(b" ", 2)[1])


if __name__ == "__main__":
    main()
