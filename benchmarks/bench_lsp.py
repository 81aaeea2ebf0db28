"""How soon the language server publishes diagnostics after the last keystroke (issue 12).

    python benchmarks/bench_lsp.py            # a table; about a minute

The real server (`python -m govlint server`) runs as a subprocess speaking LSP over stdio, framed
here by hand; a real report (seed 003, 415 lines) is opened and typed into:

- single edits after a pause: time from sending the didChange to receiving the publishDiagnostics
  of that version (median and p95);
- bursts of 20 changes 20 ms apart: time from the last change to the diagnostics of the last
  version, and how many publishDiagnostics and lints each burst cost (lints are counted from the
  server's `$/logTrace`, asked for with trace "verbose"; a server that does not trace shows "?");
- the same on a ~1 MB document (the seed repeated).

Each row is also given against its floor, measured in this process in the same run: the lint of that
same document through `govlint.api.lint_text` ("= Y× the lint itself").
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seeds" / "003_12dffacc33d2df96.txt"


class Server:
    """`govlint server` in a subprocess; messages from it arrive on a queue, stamped on arrival."""

    def __init__(self):
        # The server `python -m govlint` finds from the current folder (run from another checkout to compare).
        self.process = subprocess.Popen([sys.executable, "-m", "govlint", "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        self.lints: list[float] = []  # seconds each lint took in the server, from its verbose traces
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                elif line == b"\r\n":
                    break
            body = b""
            while len(body) < length:
                body += stream.read(length - len(body))
            self.inbox.put((time.perf_counter(), json.loads(body)))

    def send(self, method, params, request=False) -> float:
        message = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        return time.perf_counter()

    def wait(self, done, counts=None, timeout=60.0):
        """Messages until done(message) holds; returns its arrival time. publishDiagnostics and lint
        traces seen on the way are counted into `counts`; lint times go to self.lints."""
        deadline = time.perf_counter() + timeout
        while True:
            arrived, message = self.inbox.get(timeout=max(0.0, deadline - time.perf_counter()))
            if message.get("method") == "$/logTrace" and message["params"]["message"].startswith("lint"):
                self.lints.append(float(message["params"]["verbose"].split()[0]) / 1000)
            if counts is not None:
                if message.get("method") == "textDocument/publishDiagnostics":
                    counts["published"] += 1
                elif message.get("method") == "$/logTrace" and message["params"]["message"].startswith("lint"):
                    counts["linted"] += 1
            if done(message):
                return arrived

    def published(self, uri, version):
        def done(message):
            params = message.get("params") or {}
            return message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri and params.get("version") == version
        return done


def edit(uri, version, line, insert):
    """Type a full-width space at the start of `line`, or take it away again."""
    end = 0 if insert else 1
    change = {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": end}}, "text": "　" if insert else ""}
    return {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(server, uri, text, singles, bursts, pause, burst_size, burst_gap):
    version = 1
    server.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}})
    server.wait(server.published(uri, version))
    line = 9
    single, first = [], len(server.lints)
    for i in range(singles):
        time.sleep(pause)
        version += 1
        sent = server.send("textDocument/didChange", edit(uri, version, line, insert=i % 2 == 0))
        single.append(server.wait(server.published(uri, version)) - sent)
    if singles % 2:  # back to the original text
        time.sleep(pause)
        version += 1
        server.send("textDocument/didChange", edit(uri, version, line, insert=False))
        server.wait(server.published(uri, version))
    single_lints, first = server.lints[first:], len(server.lints)
    burst, published, linted = [], [], []
    for _ in range(bursts):
        time.sleep(pause)
        counts = {"published": 0, "linted": 0}
        for i in range(burst_size):
            if i:
                time.sleep(burst_gap)
            version += 1
            sent = server.send("textDocument/didChange", edit(uri, version, line, insert=i % 2 == 0))
        burst.append(server.wait(server.published(uri, version), counts) - sent)
        published.append(counts["published"])
        linted.append(counts["linted"])
    server.send("textDocument/didClose", {"textDocument": {"uri": uri}})
    return (single, single_lints), (burst, server.lints[first:]), published, linted


def lint_time(text, path, runs):
    from govlint.api import lint_text

    lint_text(text, path)  # warm: rules built, modules imported
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        lint_text(text, path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--singles", type=int, default=50, help="single edits on the report")
    parser.add_argument("--bursts", type=int, default=10, help="bursts on the report")
    parser.add_argument("--big-singles", type=int, default=5, help="single edits on the 1 MB document")
    parser.add_argument("--big-bursts", type=int, default=3, help="bursts on the 1 MB document")
    parser.add_argument("--pause", type=float, default=0.15, help="seconds of pause before each single edit or burst")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    text = SEED.read_text(encoding="utf-8")
    big = (text.rstrip("\n") + "\n\n") * (1_000_000 // len(text.encode("utf-8")) + 1)
    folder = Path(tempfile.mkdtemp(prefix="govlint-bench-")) / "2023"  # no other years beside it
    folder.mkdir()
    documents = [("report (415 lines)", text, folder / "report.md", args.singles, args.bursts),
                 (f"1 MB ({big.count(chr(10))} lines)", big, folder / "big.md", args.big_singles, args.big_bursts)]

    server = Server()
    try:
        server.send("initialize", {"processId": os.getpid(), "rootUri": None, "trace": "verbose",
                                   "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}, request=True)
        server.wait(lambda m: m.get("id") == server.next_id)
        server.send("initialized", {})
        rows = []
        for name, body, path, singles, bursts in documents:
            single, burst, published, linted = measure(server, path.as_uri(), body, singles, bursts, args.pause, 20, 0.02)
            floor = lint_time(body, str(path), 5 if len(body) < 100_000 else 2)
            rows.append((name, "single edit after a pause", *single, floor, None, None))
            rows.append((name, "burst of 20, 20 ms apart", *burst, floor, published, linted))
        server.send("shutdown", None, request=True)
        server.wait(lambda m: m.get("id") == server.next_id)
        server.send("exit", None)
        server.process.wait(10)
    finally:
        if server.process.poll() is None:
            server.process.kill()

    print(f"{'document':<22} {'typing':<26} {'n':>3} {'median':>9} {'p95':>9} {'lint':>9}  {'median / lint':>13}"
          f"  {'in server':>9}  {'published':>9}  {'lints':>5}")
    for name, case, times, server_lints, floor, published, linted in rows:
        if not times:
            continue
        median, p95 = statistics.median(times) * 1000, percentile(times, 0.95) * 1000
        in_server = f"{statistics.median(server_lints) * 1000:6.1f} ms" if server_lints else f"{'?':>9}"
        per_burst = f"{statistics.mean(published):9.1f}" if published else f"{'':9}"
        lints = (f"{statistics.mean(linted):5.1f}" if any(linted) else f"{'?':>5}") if published else ""
        print(f"{name:<22} {case:<26} {len(times):>3} {median:7.1f} ms {p95:6.1f} ms {floor * 1000:6.1f} ms  "
              f"{median / (floor * 1000):11.1f}×  {in_server}  {per_burst}  {lints}")
    print("median, p95: last didChange sent → publishDiagnostics of its version received; lint: govlint.api.lint_text of the\n"
          "same text in this process (the floor); in server: the lint as timed by the server (its $/logTrace);\n"
          "published, lints: per burst")


if __name__ == "__main__":
    main()
