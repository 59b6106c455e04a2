#!/usr/bin/env python3
"""Benchmarks medvirk beside Zola and Hugo on the same generated corpus.

    benches/run.sh [N ...]          (default: 1000 10000; RUNS=5)

For each N it writes a corpus with `examples/gen_corpus.rs` (a medvirk site,
and the same pages as a Zola and a Hugo site), then builds each one RUNS times,
interleaved (medvirk, zola, hugo, medvirk, ...) so the machine's drift hits all
alike. Zola and Hugo are used when they are on PATH. It prints, per tool: median
wall time with min and max, peak RSS, output files and bytes, search index bytes
(raw and gzip), the bytes of a cold one-word query, and medvirk's ratios to the
others measured in the same run. A Markdown table goes to stdout at the end, for
BENCHMARKS.md. Timing never runs in the test suite.
"""

import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "bench"
RUNS = int(os.environ.get("RUNS", "5"))


def run(cmd, cwd=None):
    """Runs `cmd`; returns (seconds, peak RSS in KiB) of that child alone.

    Dirty pages are flushed first (not timed), so no run pays for the
    write-back of the run before it, which is another tool's half the time.
    """
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        err = proc.stderr.read().decode(errors="replace")
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{err}")
    return seconds, usage.ru_maxrss


def tree(path):
    files = [p for p in Path(path).rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def search_bytes(paths):
    raw = 0
    packed = 0
    for p in paths:
        data = p.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, 6))
    return raw, packed


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return None


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    subprocess.run(
        ["cargo", "build", "--release", "--locked", "--quiet", "--bin", "medvirk", "--example", "gen_corpus"],
        cwd=ROOT,
        check=True,
    )
    medvirk = ROOT / "target/release/medvirk"
    gen = ROOT / "target/release/examples/gen_corpus"
    tools = {"medvirk": version([medvirk, "--version"])}
    for name, cmd in [("zola", ["zola", "--version"]), ("hugo", ["hugo", "version"])]:
        if shutil.which(name):
            tools[name] = version(cmd)
    print(f"# machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    for name, v in tools.items():
        print(f"# {name}: {v}")

    table = []
    for n in sizes:
        base = WORK / str(n)
        sites = {"medvirk": base / "medvirk", "zola": base / "zola", "hugo": base / "hugo"}
        subprocess.run(
            [gen, "--cases", str(n), "--out", sites["medvirk"], "--zola", sites["zola"], "--hugo", sites["hugo"]],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        out = {name: base / f"out-{name}" for name in sites}
        commands = {
            "medvirk": [medvirk, "-q", "build", "--root", sites["medvirk"], "--output-dir", out["medvirk"]],
            "zola": ["zola", "--root", sites["zola"], "build", "--output-dir", out["zola"], "--force"],
            "hugo": ["hugo", "--quiet", "--source", sites["hugo"], "--destination", out["hugo"], "--cleanDestinationDir"],
        }
        times = {name: [] for name in tools}
        peaks = {name: 0 for name in tools}
        for i in range(RUNS):
            for name in tools:
                seconds, peak = run(commands[name])
                times[name].append(seconds)
                peaks[name] = max(peaks[name], peak)
                print(f"N={n} run {i + 1}/{RUNS} {name}: {seconds:.2f} s, {peak / 1024:.0f} MiB", file=sys.stderr)

        rows = {}
        for name in tools:
            files, size = tree(out[name])
            if name == "medvirk":
                index = list(out[name].glob("search_index.*.json")) + list(out[name].glob("search_index.*/*"))
            elif name == "zola":
                index = list(out[name].glob("search_index.*.js*"))
            else:
                index = []
            raw, packed = search_bytes(index)
            cold = None
            if name == "medvirk":
                report = subprocess.run(
                    ["node", ROOT / "benches/cold_query.mjs", out[name]], capture_output=True, text=True, check=True
                )
                cold = json.loads(report.stdout.strip().splitlines()[-1])["worstGzip"]
            elif name == "zola" and index:
                # Zola's client downloads the whole index (plus its elasticlunr script).
                cold = packed
            rows[name] = {
                "median": statistics.median(times[name]),
                "min": min(times[name]),
                "max": max(times[name]),
                "peak_mib": peaks[name] / 1024,
                "files": files,
                "bytes": size,
                "search_raw": raw,
                "search_gzip": packed,
                "cold_gzip": cold,
            }
        for name, r in rows.items():
            ratio = ""
            if name != "medvirk":
                ratio = f"{rows['medvirk']['median'] / r['median']:.2f}"
            table.append((n, name, r, ratio))

    print()
    print("| cases | tool | median s | min–max s | peak RSS | files | output | search index (gzip) | cold query (gzip) | medvirk ÷ tool |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, name, r, ratio in table:
        search = f"{r['search_raw'] / 1e6:.1f} MB ({r['search_gzip'] / 1e6:.2f} MB)" if r["search_raw"] else "none"
        cold = f"{r['cold_gzip'] / 1024:.1f} KB" if r["cold_gzip"] is not None else "–"
        print(
            f"| {n:,} | {name} | {r['median']:.2f} | {r['min']:.2f}–{r['max']:.2f} | {r['peak_mib']:.0f} MiB "
            f"| {r['files']:,} | {r['bytes'] / 1e6:.0f} MB | {search} | {cold} | {ratio} |"
        )
    if len(sizes) >= 2:
        small = next(r for n, name, r, _ in table if n == sizes[0] and name == "medvirk")
        large = next(r for n, name, r, _ in table if n == sizes[-1] and name == "medvirk")
        print(f"\nmedvirk {sizes[0]:,} → {sizes[-1]:,} cases: {large['median'] / small['median']:.1f}× the time")


if __name__ == "__main__":
    main()
